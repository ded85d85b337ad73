//! Pages of the accounts slice. The sign-in pages work without JavaScript too (ActionForm).
mod accept_invitation_page;
mod account_page;
mod forgot_password_page;
mod login_code_page;
mod login_page;
mod security_log_page;
mod set_password_page;
mod users_page;

pub use accept_invitation_page::AcceptInvitationPage;
pub use account_page::AccountPage;
pub use forgot_password_page::ForgotPasswordPage;
pub use login_code_page::LoginCodePage;
pub use login_page::LoginPage;
pub use security_log_page::SecurityLogPage;
pub use set_password_page::SetPasswordPage;
pub use users_page::UsersPage;

use leptos::prelude::*;

/// The frame of the pages outside the signed-in admin: language switch, brand, a card.
#[component]
pub(crate) fn AuthCard(children: Children) -> impl IntoView {
    let i18n = crate::app::i18n::use_i18n();
    view! {
        <main id="main" class="auth-page">
            <div class="auth-top">
                <crate::app::LanguageSwitch />
            </div>
            <div class="auth-card">
                <p class="brand-mark" aria-hidden="true">{move || i18n.t().app_name}</p>
                {children()}
            </div>
        </main>
    }
}
