//! The mail transports against real protocol peers on loopback: SMTP into aiosmtpd, SES v2 into
//! moto's server, and the outbox surviving a transport that is down.
//! The peers come from the project's Python environment (scripts/bootstrap.sh --test installs them).
use crate::helpers::{PASSWORD, TestApp, code_in};
use chrono::Duration;
use mailparse::{MailHeaderMap, ParsedMail};
use sqlx::PgPool;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use traffino::mail::transport::{Outgoing, Transport};
use traffino::server::config::Config;

/// A helper process that is killed when the test ends.
struct Sidecar(Child);

impl Drop for Sidecar {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn venv_bin(program: &str) -> PathBuf {
    let venv = std::env::var_os("TRAFFINO_TEST_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache/traffino/venv")
        });
    let bin = venv.join("bin").join(program);
    assert!(
        bin.exists(),
        "{} is missing: run scripts/bootstrap.sh --test (it installs aiosmtpd and moto)",
        bin.display()
    );
    bin
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn wait_for_port(port: u16) {
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("nothing listens on {port}");
}

/// aiosmtpd storing every message in a maildir.
async fn smtp_sink(port: u16, maildir: &Path) -> Sidecar {
    let child = Command::new(venv_bin("python"))
        .args(["-m", "aiosmtpd", "-n", "-l"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start aiosmtpd");
    let sidecar = Sidecar(child);
    wait_for_port(port).await;
    sidecar
}

fn maildir_messages(maildir: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(maildir.join("new"))
        .map(|dir| dir.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

/// The decoded text/plain and text/html parts of a message.
fn bodies(mail: &ParsedMail) -> (String, String) {
    let mut text = String::new();
    let mut html = String::new();
    for part in mail.parts() {
        match part.ctype.mimetype.as_str() {
            "text/plain" => text = part.get_body().unwrap(),
            "text/html" => html = part.get_body().unwrap(),
            _ => {}
        }
    }
    (text, html)
}

fn config_with_mail(mail: &str) -> Config {
    let mut config = Config::for_tests();
    config.mail = mail.into();
    config.mail_from = "Traffino <noreply@example.com>".into();
    config
}

/// An empty maildir (its tmp, new and cur folders).
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("traffino-{name}-{}", uuid::Uuid::now_v7()));
    for sub in ["tmp", "new", "cur"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    dir
}

fn sample() -> Outgoing {
    Outgoing {
        from: "Traffino <noreply@example.com>".into(),
        to: "ana@example.org".into(),
        subject: "Ihr Anmeldecode für Traffino".into(),
        text: "Guten Tag,\n\n    042137\n\nÜbermorgen läuft er ab.\n".into(),
        html: "<p>Guten Tag,</p><p><b>042137</b></p><p>Übermorgen läuft er ab.</p>".into(),
    }
}

#[tokio::test]
async fn smtp_delivers_both_bodies_to_a_real_smtp_server() {
    let port = free_port();
    let maildir = temp_dir("smtp");
    let _sink = smtp_sink(port, &maildir).await;
    let transport = Transport::from_config(&config_with_mail(&format!("smtp://127.0.0.1:{port}")))
        .await
        .unwrap();
    assert_eq!(transport.name(), "smtp");
    transport.send(&sample()).await.expect("sent");

    let messages = maildir_messages(&maildir);
    assert_eq!(messages.len(), 1);
    let parsed = mailparse::parse_mail(&messages[0]).unwrap();
    assert_eq!(
        parsed.headers.get_first_value("Subject").unwrap(),
        "Ihr Anmeldecode für Traffino"
    );
    assert_eq!(
        parsed.headers.get_first_value("To").unwrap(),
        "ana@example.org"
    );
    assert!(
        parsed
            .headers
            .get_first_value("From")
            .unwrap()
            .contains("noreply@example.com")
    );
    let (text, html) = bodies(&parsed);
    assert!(
        text.contains("042137") && text.contains("Übermorgen"),
        "{text}"
    );
    assert!(
        html.contains("<b>042137</b>") && html.contains("Übermorgen"),
        "{html}"
    );
    let _ = std::fs::remove_dir_all(maildir);
}

#[tokio::test]
async fn ses_delivers_both_bodies_to_moto_and_reports_a_rejected_sender() {
    assert!(
        std::env::var_os("AWS_ACCESS_KEY_ID").is_some(),
        "the SES test uses the standard AWS credential chain: run it through `make test`, or set \
         AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing"
    );
    let port = free_port();
    let child = Command::new(venv_bin("moto_server"))
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start moto");
    let _moto = Sidecar(child);
    wait_for_port(port).await;
    let endpoint = format!("http://127.0.0.1:{port}");
    let mut config = config_with_mail("ses");
    config.aws_region = Some("eu-central-1".into());
    config.aws_endpoint_url_sesv2 = Some(endpoint.clone());
    let transport = Transport::from_config(&config).await.unwrap();
    let Transport::Ses(client) = &transport else {
        panic!("TRAFFINO_MAIL=ses gives the SES transport")
    };

    // SES refuses senders that are not verified identities.
    match transport.send(&sample()).await {
        Err(traffino::mail::transport::SendError::Transient(msg)) => {
            assert!(msg.contains("MessageRejected"), "{msg}")
        }
        other => panic!("expected MessageRejected, got {other:?}"),
    }

    client
        .create_email_identity()
        .email_identity("example.com")
        .send()
        .await
        .expect("verify the sender's domain");
    let message_id = transport
        .send(&sample())
        .await
        .expect("sent")
        .expect("message id");

    let data: serde_json::Value = reqwest_get(&format!("{endpoint}/moto-api/data.json")).await;
    let raw = data["ses"]["RawMessage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == message_id.as_str())
        .expect("the message is in moto's store");
    assert!(
        raw["destinations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d == "ana@example.org")
    );
    let parsed = mailparse::parse_mail(raw["raw_data"].as_str().unwrap().as_bytes()).unwrap();
    assert_eq!(
        parsed.headers.get_first_value("Subject").unwrap(),
        "Ihr Anmeldecode für Traffino"
    );
    let (text, html) = bodies(&parsed);
    assert!(
        text.contains("042137") && text.contains("Übermorgen"),
        "{text}"
    );
    assert!(html.contains("<b>042137</b>"), "{html}");
}

/// A GET with a plain HTTP/1.1 client (no extra dependency for one call).
async fn reqwest_get(url: &str) -> serde_json::Value {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let url = url::Url::parse(url).unwrap();
    let mut stream = tokio::net::TcpStream::connect((url.host_str().unwrap(), url.port().unwrap()))
        .await
        .unwrap();
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        url.path(),
        url.host_str().unwrap()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let response = String::from_utf8(response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_owned()
    };
    serde_json::from_str(&body).unwrap()
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
    out
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn mail_waits_while_the_smtp_server_is_down_and_goes_out_once_when_it_is_back(db: PgPool) {
    let port = free_port();
    let maildir = temp_dir("outbox");
    let smtp = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::with_transport(
        db.clone(),
        Transport::from_config(&config_with_mail(&smtp))
            .await
            .unwrap(),
        Arc::new(Mutex::new(Vec::new())),
    )
    .await;
    app.user_with_password("ana@example.org", false).await;
    app.password_step("ana@example.org", PASSWORD, None).await;

    // The server is down: the mail stays queued, with the reason.
    assert_eq!(app.run_jobs().await, 1);
    let (status, attempts, error): (String, i32, Option<String>) =
        sqlx::query_as("select status, attempts, last_error from mail")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attempts), ("queued", 1));
    assert!(error.is_some());
    assert_eq!(app.run_jobs().await, 0, "the retry waits for its backoff");

    // A restart: a new process (new state, same database) takes over the queue.
    let _sink = smtp_sink(port, &maildir).await;
    let mut restarted = TestApp::with_transport(
        db.clone(),
        Transport::from_config(&config_with_mail(&smtp))
            .await
            .unwrap(),
        Arc::new(Mutex::new(Vec::new())),
    )
    .await;
    // The same server key, as a restart reads it from the data directory.
    restarted.state.secret = app.state.secret.clone();
    restarted.state.clock.advance(Duration::seconds(31));
    assert_eq!(restarted.run_jobs().await, 1);
    assert_eq!(restarted.run_jobs().await, 0);
    let messages = maildir_messages(&maildir);
    let error: Option<String> = sqlx::query_scalar("select last_error from mail")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(messages.len(), 1, "delivered exactly once ({error:?})");
    let (text, _) = bodies(&mailparse::parse_mail(&messages[0]).unwrap());
    assert!(code_in(&text).is_some(), "{text}");
    let status: String = sqlx::query_scalar("select status from mail")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(status, "sent");

    // A job whose worker died mid-way is taken over when its lease runs out; a sent mail is not
    // sent again.
    sqlx::query("update job set status = 'running', locked_until = $1")
        .bind(restarted.state.clock.now() - Duration::seconds(1))
        .execute(&db)
        .await
        .unwrap();
    assert_eq!(restarted.run_jobs().await, 1);
    assert_eq!(maildir_messages(&maildir).len(), 1);
    let _ = std::fs::remove_dir_all(maildir);
}
