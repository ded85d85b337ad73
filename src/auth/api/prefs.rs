//! Preferences: the admin language, the display name.
use crate::error::AppError;
use leptos::prelude::*;

/// Anyone: remembers the admin language in a cookie (and on the account when signed in).
#[server(prefix = "/api", endpoint = "ui/language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    use crate::server::ctx;
    ctx::public()?;
    let Some(lang) = crate::app::i18n::Lang::from_code(&lang) else {
        return Err(AppError::field(
            "lang",
            crate::auth::domain::codes::REQUIRED,
        ));
    };
    if let Some(user) = ctx::current_user().await? {
        let mut tx = ctx::begin(Some(&user)).await?;
        crate::auth::db::set_user_locale(&mut tx, user.user_id, lang.code()).await?;
        tx.commit().await?;
    }
    ctx::set_cookie(format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        crate::app::i18n::LANG_COOKIE,
        lang.code()
    ));
    Ok(())
}

/// Signed-in users: their display name (shown in the top bar, in invitations they send, in the
/// activity log).
#[server(prefix = "/api", endpoint = "account/profile")]
pub async fn update_profile(display_name: String) -> Result<(), AppError> {
    use crate::server::ctx;
    let user = ctx::require_user().await?;
    let name = crate::auth::domain::normalize_name(&display_name)?;
    let mut tx = ctx::begin(Some(&user)).await?;
    crate::auth::db::set_display_name(&mut tx, user.user_id, &name).await?;
    tx.commit().await?;
    Ok(())
}
