//! Where mail goes: the log (dev), an SMTP server (lettre), or AWS SES v2. Chosen by TRAFFINO_MAIL.
use crate::server::config::Config;
use anyhow::{Context, bail};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One message as the transport sends it.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub from: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Why a send failed, and whether trying again may help.
#[derive(Debug)]
pub enum SendError {
    Transient(String),
    Permanent(String),
}

pub enum Transport {
    /// Written to the log; the outbox keeps the message for the dev mail page.
    Log,
    Smtp(lettre::AsyncSmtpTransport<lettre::Tokio1Executor>),
    Ses(aws_sdk_sesv2::Client),
    /// Kept in memory, for tests of the flows that send mail.
    Memory(Arc<Mutex<Vec<Outgoing>>>),
}

impl Transport {
    pub async fn from_config(config: &Config) -> anyhow::Result<Self> {
        let spec = config.mail.trim();
        if spec == "log" {
            if !config.is_dev() {
                tracing::warn!(
                    "TRAFFINO_MAIL=log: mail is only written to the log, nobody receives it"
                );
            }
            return Ok(Self::Log);
        }
        if spec == "ses" {
            return Ok(Self::Ses(ses_client(config).await?));
        }
        if spec.starts_with("smtp://") || spec.starts_with("smtps://") {
            let transport = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(spec)
                .context("TRAFFINO_MAIL is not a usable SMTP URL")?
                .timeout(Some(Duration::from_secs(20)))
                .build();
            return Ok(Self::Smtp(transport));
        }
        bail!(
            "TRAFFINO_MAIL must be `log`, `ses`, `smtp://host:port` or `smtps://user:password@host`"
        )
    }

    /// A name for logs and the dev mail page.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Log => "log",
            Self::Smtp(_) => "smtp",
            Self::Ses(_) => "ses",
            Self::Memory(_) => "memory",
        }
    }

    /// Sends one message; returns the provider's message id where there is one.
    pub async fn send(&self, mail: &Outgoing) -> Result<Option<String>, SendError> {
        match self {
            Self::Log => {
                tracing::info!(to = %mail.to, subject = %mail.subject, "mail (TRAFFINO_MAIL=log)\n{}", mail.text);
                Ok(None)
            }
            Self::Memory(sent) => {
                sent.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(mail.clone());
                Ok(None)
            }
            Self::Smtp(transport) => send_smtp(transport, mail).await,
            Self::Ses(client) => send_ses(client, mail).await,
        }
    }
}

/// The MIME message both SMTP and SES send: multipart/alternative with the text and the HTML body.
fn mime(mail: &Outgoing) -> Result<lettre::Message, SendError> {
    use lettre::message::{Mailbox, MultiPart};
    let from: Mailbox = mail
        .from
        .parse()
        .map_err(|e| SendError::Permanent(format!("TRAFFINO_MAIL_FROM: {e}")))?;
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|e| SendError::Permanent(format!("recipient: {e}")))?;
    lettre::Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .multipart(MultiPart::alternative_plain_html(
            mail.text.clone(),
            mail.html.clone(),
        ))
        .map_err(|e| SendError::Permanent(e.to_string()))
}

async fn send_smtp(
    transport: &lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    mail: &Outgoing,
) -> Result<Option<String>, SendError> {
    use lettre::AsyncTransport;
    match transport.send(mime(mail)?).await {
        Ok(response) => Ok(response.message().next().map(str::to_owned)),
        Err(err) if err.is_permanent() => Err(SendError::Permanent(err.to_string())),
        Err(err) => Err(SendError::Transient(err.to_string())),
    }
}

async fn ses_client(config: &Config) -> anyhow::Result<aws_sdk_sesv2::Client> {
    use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https();
    let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest()).http_client(http);
    if let Some(region) = &config.aws_region {
        loader = loader.region(aws_config::Region::new(region.clone()));
    }
    let shared = loader.load().await;
    if shared.region().is_none() {
        bail!("TRAFFINO_MAIL=ses needs a region: set AWS_REGION (e.g. eu-central-1)");
    }
    let mut ses = aws_sdk_sesv2::config::Builder::from(&shared);
    if let Some(endpoint) = &config.aws_endpoint_url_sesv2 {
        ses = ses.endpoint_url(endpoint);
    }
    Ok(aws_sdk_sesv2::Client::from_conf(ses.build()))
}

/// SES v2 SendEmail with the raw MIME message (the same bytes SMTP would send).
async fn send_ses(
    client: &aws_sdk_sesv2::Client,
    mail: &Outgoing,
) -> Result<Option<String>, SendError> {
    use aws_sdk_sesv2::operation::send_email::SendEmailError;
    use aws_sdk_sesv2::primitives::Blob;
    use aws_sdk_sesv2::types::{Destination, EmailContent, RawMessage};
    let raw = RawMessage::builder()
        .data(Blob::new(mime(mail)?.formatted()))
        .build()
        .map_err(|e| SendError::Permanent(e.to_string()))?;
    let result = client
        .send_email()
        .from_email_address(&mail.from)
        .destination(Destination::builder().to_addresses(&mail.to).build())
        .content(EmailContent::builder().raw(raw).build())
        .send()
        .await;
    match result {
        Ok(out) => Ok(out.message_id().map(str::to_owned)),
        Err(err) => {
            let text = aws_sdk_sesv2::error::DisplayErrorContext(&err).to_string();
            match err.into_service_error() {
                // The request itself is wrong: sending it again gives the same answer.
                SendEmailError::BadRequestException(_) => Err(SendError::Permanent(text)),
                // Throttling, quotas, an unverified sender the operator can fix, the network: later.
                _ => Err(SendError::Transient(text)),
            }
        }
    }
}
