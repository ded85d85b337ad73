//! Server-only infrastructure: configuration, database, middleware, the router, and the CLI.
pub mod clock;
pub mod config;
pub mod ctx;
pub mod database;
pub mod embedded_pg;
pub mod jobs;
pub mod middleware;
pub mod routes;
pub mod secret;
pub mod state;

use crate::app::{App, shell};
use anyhow::Context;
use axum::Router;
use axum::routing::get;
use clap::Parser;
use config::{Cli, Command, Config, UserCommand};
use database::Database;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use state::AppState;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// The binary's entry point: parses the command line and runs the command.
pub async fn run() -> anyhow::Result<()> {
    // .env is a development convenience only; production takes its settings from the unit file.
    if std::env::var("TRAFFINO_ENV").as_deref() != Ok("prod") {
        let _ = dotenvy::dotenv();
    }
    let cli = Cli::parse();
    init_tracing(&cli.config);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.config).await,
        Command::Migrate => {
            let db = Database::open(&cli.config).await?;
            let result = db.migrate().await;
            stop_if_started_here(db).await;
            result?;
            println!("migrations applied");
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    platform_admin,
                },
        } => {
            let db = Database::open(&cli.config).await?;
            let result = add_user(&db, &cli.config, &email, platform_admin).await;
            stop_if_started_here(db).await;
            println!("{}", result?);
            Ok(())
        }
    }
}

/// CLI commands leave a cluster running if the server had it running already.
async fn stop_if_started_here(db: Database) {
    if db.embedded.as_ref().is_some_and(|pg| pg.started_here()) {
        db.close().await;
    }
}

async fn add_user(
    db: &Database,
    config: &Config,
    email: &str,
    platform_admin: bool,
) -> anyhow::Result<String> {
    db.migrate().await?;
    let email = crate::auth::domain::normalize_email(email)
        .map_err(|_| anyhow::anyhow!("{email:?} is not an e-mail address"))?;
    let pool = db.app_pool(config).await?;
    let link = crate::auth::cli::add_user(
        &pool,
        config,
        &clock::Clock::system(),
        &email,
        platform_admin,
    )
    .await?;
    pool.close().await;
    Ok(format!(
        "Created {}{email}. Open this link within 24 hours to set the password:\n{link}",
        if platform_admin {
            "platform admin "
        } else {
            "user "
        }
    ))
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let db = Database::open(&config).await?;
    if let Err(err) = db.migrate().await {
        db.close().await;
        return Err(err.context("the server does not start with a database it cannot migrate"));
    }
    let pool = match db.app_pool(&config).await {
        Ok(pool) => pool,
        Err(err) => {
            db.close().await;
            return Err(err);
        }
    };
    let prepared = async {
        let mut leptos_options = leptos_options()?;
        leptos_options.site_addr = config.site_addr;
        let secret = secret::SecretBox::load(config.secret_key.as_deref(), &config.data_dir)?;
        let mail = crate::mail::transport::Transport::from_config(&config).await?;
        let listener = tokio::net::TcpListener::bind(config.site_addr)
            .await
            .with_context(|| format!("listening on {}", config.site_addr))?;
        anyhow::Ok((leptos_options, secret, mail, listener))
    }
    .await;
    let (leptos_options, secret, mail, listener) = match prepared {
        Ok(parts) => parts,
        Err(err) => {
            pool.close().await;
            db.close().await;
            return Err(err);
        }
    };
    tracing::info!(transport = mail.name(), "mail");
    let state = AppState {
        leptos_options,
        db: pool.clone(),
        config: Arc::new(config),
        clock: clock::Clock::system(),
        mail: Arc::new(mail),
        secret,
        jobs: Arc::new(tokio::sync::Notify::new()),
    };
    let router = app(state.clone());
    let (stop_worker, worker_stop) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(jobs::worker(state.clone(), worker_stop));
    tracing::info!("Traffino admin on {}", state.config.public_origin());
    let served = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await;
    // In-flight requests have finished here; the worker finishes its job, then the pool closes, then
    // the embedded cluster stops.
    let _ = stop_worker.send(true);
    let _ = worker.await;
    pool.close().await;
    db.close().await;
    tracing::info!("stopped");
    served.context("serving HTTP")
}

/// Leptos settings: from cargo-leptos's environment when run by it, else from Leptos.toml, else defaults.
fn leptos_options() -> anyhow::Result<LeptosOptions> {
    let file = std::path::Path::new("Leptos.toml");
    let from_env = std::env::var_os("LEPTOS_OUTPUT_NAME").is_some();
    let conf = if !from_env && file.exists() {
        get_configuration(Some("Leptos.toml"))
    } else {
        get_configuration(None)
    };
    Ok(conf.context("reading the Leptos settings")?.leptos_options)
}

/// The whole HTTP application, a pure function of its state (tests build it with a test database).
pub fn app(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let max_body = state.config.max_body_bytes;
    // Uploads have their own, larger limit: the handler reads at most the media cap and refuses a
    // larger file with a message. Every other request keeps the small one.
    let uploads = Router::new().route(
        "/api/media/upload",
        axum::routing::post(crate::media::http::upload),
    );
    let rest = Router::new()
        .route("/healthz", get(routes::healthz))
        .route("/readyz", get(routes::readyz))
        .route(
            "/preview/{tenant}/{page}/{locale}",
            get(crate::content::preview::preview),
        )
        .route("/media/{tenant}/{file}", get(crate::media::http::file))
        .leptos_routes(&state, routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn(middleware::server_fn_status))
        .layer(RequestBodyLimitLayer::new(max_body));
    uploads
        .merge(rest)
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::reject_cross_origin))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::security_headers))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &http::Request<axum::body::Body>| {
                let request_id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %request_id)
            }),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

fn init_tracing(config: &Config) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_new(&config.log).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = if config.is_dev() {
        builder.compact().try_init()
    } else {
        builder.json().try_init()
    };
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing in-flight requests");
}

#[cfg(test)]
mod tests {
    #[test]
    fn leptos_toml_matches_the_build_settings_in_cargo_toml() {
        use leptos::config::get_config_from_str;
        let runtime = get_config_from_str(include_str!("../../Leptos.toml")).expect("Leptos.toml");
        let build =
            get_config_from_str(include_str!("../../Cargo.toml")).expect("Cargo.toml metadata");
        assert_eq!(runtime.output_name, build.output_name);
        assert_eq!(runtime.site_root, build.site_root);
        assert_eq!(runtime.site_pkg_dir, build.site_pkg_dir);
        assert_eq!(runtime.site_addr, build.site_addr);
    }
}
