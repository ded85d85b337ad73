//! Command line and environment. Every setting has a doc comment: `traffino --help` prints them all, and
//! deploy/.env.example repeats them. There are no defaulted secrets.
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::{net::SocketAddr, path::PathBuf};
use url::Url;

#[derive(Parser, Debug)]
#[command(
    name = "traffino",
    version,
    about = "Traffino CMS: multi-tenant, multilingual CMS that publishes static sites.",
    long_about = "Traffino CMS: multi-tenant, multilingual CMS that publishes static sites.\n\n\
                  Without DATABASE_URL it runs a private PostgreSQL cluster under $TRAFFINO_DATA_DIR/postgres, \
                  started from the system's PostgreSQL binaries."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web server (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a user and print a one-time link (valid 24 h) to set the password.
    Add {
        /// The user's e-mail address; it is also the login name.
        #[arg(long)]
        email: String,
        /// Make the user a platform admin (everything, including tenants and users).
        #[arg(long)]
        platform_admin: bool,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Env {
    Dev,
    Prod,
}

#[derive(Args, Debug, Clone)]
pub struct Config {
    /// PostgreSQL URL of a login that may run the migrations (it becomes a member of traffino_owner).
    /// The server itself connects as traffino_app to the same database. Unset: embedded cluster.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,

    /// Password of the traffino_app role, if the database server asks for one (not needed for the
    /// embedded cluster, which trusts its private socket).
    #[arg(
        long,
        env = "TRAFFINO_APP_DB_PASSWORD",
        global = true,
        hide_env_values = true
    )]
    pub app_db_password: Option<String>,

    /// Where Traffino keeps its files: the embedded PostgreSQL cluster, media, published sites.
    #[arg(
        long,
        env = "TRAFFINO_DATA_DIR",
        default_value = "./data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// Folder with the PostgreSQL server binaries (initdb, pg_ctl) for the embedded cluster, if not
    /// Debian's newest /usr/lib/postgresql/N/bin or on PATH.
    #[arg(long, env = "TRAFFINO_PG_BIN", global = true)]
    pub pg_bin: Option<PathBuf>,

    /// The admin origin as users reach it (through the tunnel in production). Used for links in
    /// mails and CLI output, and for the Origin check on state-changing requests.
    #[arg(
        long,
        env = "TRAFFINO_PUBLIC_URL",
        default_value = "http://127.0.0.1:3000",
        global = true
    )]
    pub public_url: Url,

    /// Address to listen on. Behind Cloudflare Tunnel keep it on loopback.
    #[arg(
        long,
        env = "LEPTOS_SITE_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub site_addr: SocketAddr,

    /// dev: readable logs, .env loaded, cookies without Secure. prod: JSON logs, Secure __Host- cookies.
    #[arg(
        long,
        env = "TRAFFINO_ENV",
        value_enum,
        default_value = "dev",
        global = true
    )]
    pub env: Env,

    /// Log filter in tracing's EnvFilter syntax.
    #[arg(
        long,
        env = "RUST_LOG",
        default_value = "info,traffino=debug,sqlx=warn",
        global = true
    )]
    pub log: String,

    /// Sessions end after this many minutes without a request.
    #[arg(
        long,
        env = "TRAFFINO_SESSION_IDLE_MINUTES",
        default_value_t = 120,
        global = true
    )]
    pub session_idle_minutes: i64,

    /// Sessions end this many hours after login, active or not.
    #[arg(
        long,
        env = "TRAFFINO_SESSION_ABSOLUTE_HOURS",
        default_value_t = 168,
        global = true
    )]
    pub session_absolute_hours: i64,

    /// Largest accepted request body in bytes; larger ones get 413.
    #[arg(long, env = "TRAFFINO_MAX_BODY_BYTES", default_value_t = 1024 * 1024, global = true)]
    pub max_body_bytes: usize,

    /// Largest accepted media upload in bytes (default 20 MB); larger files are refused with a message.
    #[arg(
        long,
        env = "TRAFFINO_MEDIA_MAX_BYTES",
        default_value_t = 20_000_000,
        global = true
    )]
    pub media_max_bytes: usize,

    /// Remembered devices skip the e-mail code for this many days (never the password).
    #[arg(
        long,
        env = "TRAFFINO_TRUSTED_DEVICE_DAYS",
        default_value_t = 30,
        global = true
    )]
    pub trusted_device_days: i64,

    /// How mail leaves: `log` (written to the log and kept; the dev default), `smtp://host:port`
    /// (plain; add `?tls=required` for STARTTLS), `smtps://user:password@host` (implicit TLS), or `ses`
    /// (AWS SES v2; region and credentials from the standard AWS chain).
    #[arg(long, env = "TRAFFINO_MAIL", default_value = "log", global = true)]
    pub mail: String,

    /// The sender of every mail. With SES the address or its domain must be verified there.
    #[arg(
        long,
        env = "TRAFFINO_MAIL_FROM",
        default_value = "Traffino <noreply@traffino.invalid>",
        global = true
    )]
    pub mail_from: String,

    /// AWS region for SES (otherwise the AWS chain decides: profile, instance metadata).
    #[arg(long, env = "AWS_REGION", global = true)]
    pub aws_region: Option<String>,

    /// Another SES endpoint, e.g. a local test server (http://127.0.0.1:5000).
    #[arg(long, env = "AWS_ENDPOINT_URL_SESV2", global = true)]
    pub aws_endpoint_url_sesv2: Option<String>,

    /// 32 random bytes, base64 (`openssl rand -base64 32`). Encrypts mail bodies (codes, links) while
    /// they wait in the outbox. Unset: generated on first start and kept in $TRAFFINO_DATA_DIR/secret.key.
    #[arg(
        long,
        env = "TRAFFINO_SECRET_KEY",
        global = true,
        hide_env_values = true
    )]
    pub secret_key: Option<String>,

    /// Most database connections the server opens (two cores: a handful is plenty).
    #[arg(
        long,
        env = "TRAFFINO_DB_MAX_CONNECTIONS",
        default_value_t = 10,
        global = true
    )]
    pub db_max_connections: u32,
}

impl Config {
    pub fn is_dev(&self) -> bool {
        self.env == Env::Dev
    }

    /// The admin origin (`scheme://host[:port]`), compared with the browser's `Origin` header.
    pub fn public_origin(&self) -> String {
        self.public_url.origin().ascii_serialization()
    }

    /// An absolute link into the admin.
    pub fn link(&self, path_and_query: &str) -> String {
        format!("{}{}", self.public_origin(), path_and_query)
    }

    /// A config for tests: dev mode, nothing read from the environment.
    pub fn for_tests() -> Self {
        Cli::parse_from(["traffino"]).config
    }
}
