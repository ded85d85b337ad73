//! Security events: what happened to accounts. Also the memory of the rate limits.
use super::inet;
use crate::auth::SecurityEventView;
use crate::ids::{SecurityEventId, UserId};
use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use std::net::IpAddr;

pub(crate) struct NewEvent<'a> {
    pub kind: &'a str,
    pub user_id: Option<UserId>,
    pub email: Option<&'a str>,
    pub actor_id: Option<UserId>,
    pub client_ip: Option<IpAddr>,
    pub user_agent: &'a str,
    pub detail: serde_json::Value,
    pub now: DateTime<Utc>,
}

pub(crate) async fn insert_event(db: impl PgExecutor<'_>, e: NewEvent<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            insert into security_event (security_event_id, kind, user_id, email, actor_id, client_ip, user_agent,
                                        detail, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        "#,
        SecurityEventId::new() as SecurityEventId,
        e.kind,
        e.user_id.map(|u| u.0),
        e.email,
        e.actor_id.map(|u| u.0),
        inet(e.client_ip),
        e.user_agent,
        e.detail,
        e.now
    )
    .execute(db)
    .await?;
    Ok(())
}

/// How many events of `kinds` an address or an IP had in the hour before `now` (and after
/// `since`), with the first and the last one's time.
pub(crate) struct EventCount {
    pub n: i64,
    pub first: Option<DateTime<Utc>>,
    pub last: Option<DateTime<Utc>>,
}

/// Events for an address since its last successful login (when `reset_on_success`), at most an hour back.
pub(crate) async fn count_for_email(
    db: impl PgExecutor<'_>,
    email: &str,
    kinds: &[&str],
    now: DateTime<Utc>,
    reset_on_success: bool,
) -> sqlx::Result<EventCount> {
    let kinds: Vec<String> = kinds.iter().map(|k| (*k).to_owned()).collect();
    sqlx::query_as!(
        EventCount,
        // language=PostgreSQL
        r#"
            select count(*) "n!", min(created_at) first, max(created_at) last
            from security_event
            where email = $1::citext and kind = any($2) and created_at <= $3
              and created_at > greatest(
                  $3::timestamptz - interval '1 hour',
                  case when $4 then (select max(s.created_at) from security_event s
                                     where s.email = $1::citext and s.kind = 'login_succeeded'
                                       and s.created_at <= $3) end)
        "#,
        email,
        &kinds,
        now,
        reset_on_success
    )
    .fetch_one(db)
    .await
}

pub(crate) async fn count_for_ip(
    db: impl PgExecutor<'_>,
    ip: IpAddr,
    kinds: &[&str],
    now: DateTime<Utc>,
) -> sqlx::Result<EventCount> {
    let kinds: Vec<String> = kinds.iter().map(|k| (*k).to_owned()).collect();
    sqlx::query_as!(
        EventCount,
        // language=PostgreSQL
        r#"
            select count(*) "n!", min(created_at) first, max(created_at) last
            from security_event
            where client_ip = $1 and kind = any($2) and created_at <= $3
              and created_at > $3::timestamptz - interval '1 hour'
        "#,
        sqlx::types::ipnetwork::IpNetwork::from(ip),
        &kinds,
        now
    )
    .fetch_one(db)
    .await
}

/// A page of events, newest first, optionally of one kind and/or about one address.
pub(crate) async fn list_events(
    db: impl PgExecutor<'_>,
    kind: Option<&str>,
    email: Option<&str>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<SecurityEventView>> {
    sqlx::query_as!(
        SecurityEventView,
        // language=PostgreSQL
        r#"
            select e.security_event_id "security_event_id: SecurityEventId", e.kind, e.email::text email,
                   coalesce(nullif(a.display_name, ''), a.email::text) actor, host(e.client_ip) client_ip,
                   e.user_agent, e.detail, e.created_at
            from security_event e
            left join "user" a on a.user_id = e.actor_id
            where ($1::text is null or e.kind = $1) and ($2::citext is null or e.email = $2::citext)
            order by e.created_at desc, e.security_event_id desc
            limit $3 offset $4
        "#,
        kind,
        email,
        limit,
        offset
    )
    .fetch_all(db)
    .await
}
