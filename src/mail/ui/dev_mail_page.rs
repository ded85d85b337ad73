use crate::app::components::LocalTime;
use crate::app::i18n::use_i18n;
use crate::mail::list_recent_mails;
use leptos::prelude::*;
use leptos_meta::Title;

/// Development only: the last mails as they went out, so codes and links can be followed without a
/// mail server.
#[component]
pub fn DevMailPage() -> impl IntoView {
    let i18n = use_i18n();
    let refresh = RwSignal::new(0u32);
    let mails = Resource::new(move || refresh.get(), |_| list_recent_mails(None));
    view! {
        <Title text=move || i18n.t().dev_mail_title />
        <h1>{move || i18n.t().dev_mail_title}</h1>
        <p class="muted">{move || i18n.t().dev_mail_intro}</p>
        <div class="form-actions">
            <button type="button" class="button secondary" on:click=move |_| refresh.update(|n| *n += 1)>
                {move || i18n.t().refresh}
            </button>
        </div>
        <Transition fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match mails.await {
                    Ok(list) if list.is_empty() => view! { <p class="muted">{move || i18n.t().no_mails}</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="stack">
                            {list.into_iter().map(|m| {
                                let status = m.status.clone();
                                view! {
                                    <article class="card mail">
                                        <h2>{m.subject.clone()}</h2>
                                        <dl class="item-facts">
                                            <div><dt>{move || i18n.t().recipient}</dt><dd>{m.to_email.clone()}</dd></div>
                                            <div><dt>{move || i18n.t().status}</dt><dd>{move || i18n.t().mail_status(&status)}</dd></div>
                                            <div><dt>{move || i18n.t().when}</dt><dd><LocalTime at=m.created_at /></dd></div>
                                            <div><dt>{move || i18n.t().attempts}</dt><dd>{m.attempts}</dd></div>
                                        </dl>
                                        {m.last_error.clone().map(|e| view! { <p class="form-error">{e}</p> })}
                                        {match m.body_text.clone() {
                                            Some(body) => view! { <pre class="mail-body">{body}</pre> }.into_any(),
                                            None => view! { <p class="muted">{move || i18n.t().body_dropped}</p> }.into_any(),
                                        }}
                                    </article>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any(),
                    Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
