//! Connecting: migrations run as the owner login from DATABASE_URL (or the embedded superuser); the
//! server serves as traffino_app on the same database.
use super::config::Config;
use super::embedded_pg::EmbeddedPg;
use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};
use std::str::FromStr;
use std::time::Duration;

pub const APP_ROLE: &str = "traffino_app";

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Where the database is, and the embedded cluster if this process manages one.
pub struct Database {
    pub owner: PgConnectOptions,
    pub embedded: Option<EmbeddedPg>,
}

impl Database {
    pub async fn open(config: &Config) -> anyhow::Result<Self> {
        match &config.database_url {
            Some(url) => Ok(Self {
                owner: PgConnectOptions::from_str(url)
                    .context("DATABASE_URL is not a valid PostgreSQL URL")?,
                embedded: None,
            }),
            None => {
                let pg = EmbeddedPg::start(&config.data_dir, config.pg_bin.as_deref()).await?;
                Ok(Self {
                    owner: pg.superuser_options(),
                    embedded: Some(pg),
                })
            }
        }
    }

    /// Applies pending migrations as the owner. Each runs in one transaction: a failing one changes nothing.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let mut conn = self
            .owner
            .clone()
            .log_statements(tracing::log::LevelFilter::Debug)
            .connect()
            .await
            .context("connecting to PostgreSQL to run the migrations")?;
        MIGRATOR
            .run(&mut conn)
            .await
            .context("applying the database migrations")?;
        conn.close().await?;
        Ok(())
    }

    /// The serving pool, logged in as traffino_app.
    pub async fn app_pool(&self, config: &Config) -> anyhow::Result<PgPool> {
        let options = app_options(&self.owner, config.app_db_password.as_deref());
        app_pool_options(config.db_max_connections)
            .connect_with(options)
            .await
            .context("connecting to PostgreSQL as traffino_app (set TRAFFINO_APP_DB_PASSWORD if the server asks for a password)")
    }

    pub async fn close(self) {
        if let Some(pg) = self.embedded
            && let Err(err) = pg.stop().await
        {
            tracing::error!(error = %err, "stopping the embedded PostgreSQL");
        }
    }
}

/// Pool settings for the app role. Every connection handed out is first checked to carry no request
/// context (`app.*` settings) from an earlier user: they are transaction-local, so one that survived
/// is a bug, and the connection is thrown away rather than reused.
pub fn app_pool_options(max_connections: u32) -> PgPoolOptions {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(5))
        .before_acquire(|conn, _meta| {
            Box::pin(async move {
                let leftover: Option<String> = sqlx::query_scalar(CONTEXT_LEFTOVER)
                    .fetch_one(&mut *conn)
                    .await?;
                if let Some(leftover) = leftover {
                    tracing::error!(%leftover, "a pooled connection carried a request context; discarded");
                    return Ok(false);
                }
                Ok(true)
            })
        })
}

/// Any request setting still set on a connection, or NULL.
pub const CONTEXT_LEFTOVER: &str = "select nullif(concat_ws(',', \
    nullif(current_setting('app.tenant_id', true), ''), nullif(current_setting('app.user_id', true), ''), \
    nullif(current_setting('app.platform_admin', true), ''), nullif(current_setting('app.agency_staff', true), ''), \
    nullif(current_setting('app.invitation_token', true), '')), '')";

/// The app role's connection options on the same server and database as the owner's.
pub fn app_options(owner: &PgConnectOptions, password: Option<&str>) -> PgConnectOptions {
    let options = owner
        .clone()
        .username(APP_ROLE)
        .application_name("traffino");
    match password {
        Some(password) => options.password(password),
        None => options,
    }
}
