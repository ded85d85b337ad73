//! `traffino user add`: creates a user and a one-time link to set the password.
use crate::server::clock::Clock;
use crate::server::config::Config;
use anyhow::bail;
use sqlx::PgPool;

/// How long the link printed by `traffino user add` stays valid.
pub const SET_PASSWORD_LINK_HOURS: i64 = 24;

/// Creates the user and returns the absolute link to set the password.
pub async fn add_user(
    pool: &PgPool,
    config: &Config,
    clock: &Clock,
    email: &str,
    platform_admin: bool,
) -> anyhow::Result<String> {
    let mut tx = pool.begin().await?;
    let actor = super::db::Actor {
        platform_admin: true,
        ..Default::default()
    };
    super::db::set_request_context(&mut tx, actor, Some("cli"), None).await?;
    if super::db::user_for_login(&mut *tx, email).await?.is_some() {
        bail!("a user with the e-mail {email} already exists");
    }
    let user_id = super::db::insert_user(
        &mut tx,
        super::db::NewUser {
            email,
            display_name: "",
            password_hash: None,
            is_platform_admin: platform_admin,
            is_agency_staff: false,
            locale: "de",
        },
    )
    .await?;
    let (token, hash) = super::token::generate();
    let expires = clock.now() + chrono::Duration::hours(SET_PASSWORD_LINK_HOURS);
    super::db::insert_password_token(&mut tx, user_id, &hash, "set", expires).await?;
    tx.commit().await?;
    Ok(config.link(&format!("/set-password?token={token}")))
}
