//! Invitations by e-mail: platform admins send, resend and revoke them; the invited person chooses a
//! name and a password through the link (valid 7 days, once).
use crate::auth::{InvitationLink, InvitationSummary};
use crate::error::AppError;
use crate::ids::InvitationId;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Platform admins: invites an address (as platform admin if `platform_admin` is set). Inviting an
/// address with an open invitation sends a new link; an address with an account is refused.
#[server(prefix = "/api", endpoint = "admin/invitations/create")]
pub async fn invite_user(
    email: String,
    platform_admin: Option<String>,
    locale: String,
) -> Result<(), AppError> {
    use crate::app::i18n::Lang;
    use crate::auth::domain::{INVITATION_DAYS, codes, normalize_email};
    use crate::auth::{db, events, token};
    use crate::server::ctx;
    let admin = ctx::require_platform_admin().await?;
    let meta = ctx::meta()?;
    let state = ctx::state()?;
    let email = normalize_email(&email)?;
    let lang =
        Lang::from_code(&locale).ok_or_else(|| AppError::field("locale", codes::REQUIRED))?;
    let is_platform_admin = platform_admin.is_some_and(|v| !v.is_empty() && v != "false");
    if db::user_for_login(&state.db, &email).await?.is_some() {
        return Err(AppError::field("email", codes::ACCOUNT_EXISTS));
    }
    let now = state.clock.now();
    let (link_token, link_hash) = token::generate();
    let mut tx = ctx::begin(Some(&admin)).await?;
    let invitation_id = db::upsert_invitation(
        &mut tx,
        db::NewInvitation {
            email: &email,
            is_platform_admin,
            locale: lang.code(),
            invited_by: admin.user_id,
            token_hash: &link_hash,
            expires_at: now + chrono::Duration::days(INVITATION_DAYS),
        },
    )
    .await?;
    send_invitation(&mut tx, &state, &admin, &email, lang, &link_token).await?;
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            email: Some(&email),
            actor_id: Some(admin.user_id),
            detail: serde_json::json!({ "invitation_id": invitation_id, "platform_admin": is_platform_admin }),
            ..events::from_request("invitation_sent", &meta, now)
        },
    )
    .await?;
    tx.commit().await?;
    state.wake_jobs();
    Ok(())
}

/// Platform admins: invitations that were neither accepted nor revoked.
#[server(prefix = "/api", endpoint = "admin/invitations", input = GetUrl)]
pub async fn list_invitations() -> Result<Vec<InvitationSummary>, AppError> {
    use crate::server::ctx;
    ctx::require_platform_admin().await?;
    let state = ctx::state()?;
    Ok(crate::auth::db::list_open_invitations(&state.db, state.clock.now()).await?)
}

/// Platform admins: a new link for an open invitation (the old one stops working; 7 more days).
#[server(prefix = "/api", endpoint = "admin/invitations/resend")]
pub async fn resend_invitation(invitation_id: InvitationId) -> Result<(), AppError> {
    use crate::app::i18n::Lang;
    use crate::auth::domain::INVITATION_DAYS;
    use crate::auth::{db, events, token};
    use crate::server::ctx;
    let admin = ctx::require_platform_admin().await?;
    let meta = ctx::meta()?;
    let state = ctx::state()?;
    let now = state.clock.now();
    let invitation = db::open_invitation(&state.db, invitation_id)
        .await?
        .ok_or_else(|| AppError::NotFound("invitation".into()))?;
    let (link_token, link_hash) = token::generate();
    let mut tx = ctx::begin(Some(&admin)).await?;
    if !db::renew_invitation(
        &mut tx,
        invitation_id,
        &link_hash,
        now + chrono::Duration::days(INVITATION_DAYS),
    )
    .await?
    {
        return Err(AppError::NotFound("invitation".into()));
    }
    let lang = Lang::from_code(&invitation.locale).unwrap_or_default();
    send_invitation(
        &mut tx,
        &state,
        &admin,
        &invitation.email,
        lang,
        &link_token,
    )
    .await?;
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            email: Some(&invitation.email),
            actor_id: Some(admin.user_id),
            detail: serde_json::json!({ "invitation_id": invitation_id, "resend": true }),
            ..events::from_request("invitation_sent", &meta, now)
        },
    )
    .await?;
    tx.commit().await?;
    state.wake_jobs();
    Ok(())
}

/// Platform admins: withdraws an open invitation; its link stops working.
#[server(prefix = "/api", endpoint = "admin/invitations/revoke")]
pub async fn revoke_invitation(invitation_id: InvitationId) -> Result<(), AppError> {
    use crate::auth::{db, events};
    use crate::server::ctx;
    let admin = ctx::require_platform_admin().await?;
    let meta = ctx::meta()?;
    let state = ctx::state()?;
    let now = state.clock.now();
    let invitation = db::open_invitation(&state.db, invitation_id)
        .await?
        .ok_or_else(|| AppError::NotFound("invitation".into()))?;
    let mut tx = ctx::begin(Some(&admin)).await?;
    if !db::revoke_invitation(&mut tx, invitation_id, now).await? {
        return Err(AppError::NotFound("invitation".into()));
    }
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            email: Some(&invitation.email),
            actor_id: Some(admin.user_id),
            detail: serde_json::json!({ "invitation_id": invitation_id }),
            ..events::from_request("invitation_revoked", &meta, now)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Anyone holding a live invitation link: who it is for.
#[server(prefix = "/api", endpoint = "auth/invitation", input = GetUrl)]
pub async fn invitation_info(token: String) -> Result<InvitationLink, AppError> {
    use crate::auth::domain::codes;
    use crate::server::ctx;
    ctx::public()?;
    let state = ctx::state()?;
    let invitation = crate::auth::db::live_invitation(
        &state.db,
        &crate::auth::token::hash(&token),
        state.clock.now(),
    )
    .await?
    .ok_or_else(|| AppError::field("token", codes::LINK_INVALID))?;
    Ok(InvitationLink {
        email: invitation.email,
    })
}

/// Anyone holding a live invitation link: creates the account with this name and password (once),
/// then sends the browser to the login page.
#[server(prefix = "/api", endpoint = "auth/invitation/accept")]
pub async fn accept_invitation(
    token: String,
    display_name: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::auth::domain::{codes, normalize_name};
    use crate::auth::{db, events, password as pw};
    use crate::server::ctx;
    let meta = ctx::public()?;
    let state = ctx::state()?;
    let now = state.clock.now();
    let invitation = db::live_invitation(&state.db, &crate::auth::token::hash(&token), now)
        .await?
        .ok_or_else(|| AppError::field("token", codes::LINK_INVALID))?;
    let name = normalize_name(&display_name);
    let password_check = pw::check_new(
        &password,
        &password_confirm,
        &[&invitation.email, name.as_deref().unwrap_or_default()],
    );
    // Report the name and the password problems together.
    match (name, password_check) {
        (Ok(name), Ok(())) => {
            let hash = tokio::task::spawn_blocking(move || pw::hash(&password))
                .await
                .map_err(AppError::internal)?
                .map_err(AppError::internal)?;
            let mut tx = ctx::begin_as(None, false).await?;
            if !db::accept_invitation(&mut tx, invitation.invitation_id, now).await? {
                return Err(AppError::field("token", codes::LINK_INVALID));
            }
            if db::user_for_login(&mut *tx, &invitation.email)
                .await?
                .is_some()
            {
                return Err(AppError::field("token", codes::ACCOUNT_EXISTS));
            }
            let user_id = db::insert_user(
                &mut tx,
                db::NewUser {
                    email: &invitation.email,
                    display_name: &name,
                    password_hash: Some(&hash),
                    is_platform_admin: invitation.is_platform_admin,
                    locale: &invitation.locale,
                },
            )
            .await?;
            db::insert_event(
                &mut *tx,
                db::NewEvent {
                    user_id: Some(user_id),
                    email: Some(&invitation.email),
                    detail: serde_json::json!({ "invitation_id": invitation.invitation_id }),
                    ..events::from_request("invitation_accepted", &meta, now)
                },
            )
            .await?;
            tx.commit().await?;
            tracing::info!(%user_id, "invitation accepted");
            leptos_axum::redirect("/login?welcome=1");
            Ok(())
        }
        (name, password_check) => {
            let mut fields = crate::error::FieldErrors::new();
            for err in [name.err(), password_check.err()].into_iter().flatten() {
                if let AppError::Invalid(f) = err {
                    fields.extend(f);
                }
            }
            Err(AppError::Invalid(fields))
        }
    }
}

/// Queues the invitation mail, signed with the inviter's name.
#[cfg(feature = "ssr")]
async fn send_invitation(
    tx: &mut sqlx::PgTransaction<'_>,
    state: &crate::server::state::AppState,
    admin: &crate::server::ctx::SessionUser,
    email: &str,
    lang: crate::app::i18n::Lang,
    link_token: &str,
) -> Result<(), AppError> {
    let link = state.config.link(&format!("/invite?token={link_token}"));
    let inviter = if admin.display_name.trim().is_empty() {
        admin.email.as_str()
    } else {
        admin.display_name.as_str()
    };
    crate::mail::queue(
        tx,
        state,
        email,
        lang,
        crate::mail::templates::Template::Invitation {
            link: &link,
            inviter,
            days: crate::auth::domain::INVITATION_DAYS,
        },
    )
    .await?;
    Ok(())
}
