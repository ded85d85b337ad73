//! Rate limits for logins, codes and reset requests, per account (the address tried, known or not)
//! and per client IP. Their state is the `security_event` table, so several processes agree.
use super::db;
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;
use std::net::IpAddr;

#[derive(Copy, Clone, Debug)]
pub(crate) struct Policy {
    /// From this many events in the window on, each further try waits (the backoff).
    pub after: i64,
    /// At most this many events an hour.
    pub per_hour: i64,
    /// The first wait; it doubles with each further event, up to `max_wait`.
    pub base_wait: Duration,
    pub max_wait: Duration,
}

/// Failed logins and codes of one account: backoff after 5, at most 100 an hour.
pub(crate) const ACCOUNT_FAILURES: Policy = Policy {
    after: 5,
    per_hour: 100,
    base_wait: Duration::seconds(30),
    max_wait: Duration::minutes(15),
};
/// Failures from one IP, over all accounts (an office shares one address, hence more room).
pub(crate) const IP_FAILURES: Policy = Policy {
    after: 20,
    per_hour: 100,
    base_wait: Duration::seconds(30),
    max_wait: Duration::minutes(15),
};
/// Reset links for one address: 3 an hour.
pub(crate) const ACCOUNT_RESETS: Policy = Policy {
    after: 3,
    per_hour: 3,
    base_wait: Duration::minutes(20),
    max_wait: Duration::hours(1),
};
/// Reset requests from one IP.
pub(crate) const IP_RESETS: Policy = Policy {
    after: 10,
    per_hour: 30,
    base_wait: Duration::minutes(1),
    max_wait: Duration::minutes(15),
};

/// When the next try is allowed, given `n` counted events in the window from `first` to `last`;
/// `None`: now.
pub(crate) fn next_allowed(
    policy: Policy,
    n: i64,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    let (first, last) = (first?, last?);
    if n >= policy.per_hour {
        // the window slides: one more try once the oldest counted event is an hour old
        return Some(first + Duration::hours(1));
    }
    if n >= policy.after {
        let doublings = (n - policy.after).min(20) as i32;
        let wait = (policy.base_wait * 2_i32.pow(doublings as u32)).min(policy.max_wait);
        return Some(last + wait);
    }
    None
}

fn verdict(policy: Policy, c: db::EventCount, now: DateTime<Utc>) -> Result<(), AppError> {
    match next_allowed(policy, c.n, c.first, c.last) {
        Some(at) if at > now => Err(AppError::TooManyRequests {
            retry_after_secs: ((at - now).num_milliseconds() + 999) / 1000,
        }),
        _ => Ok(()),
    }
}

/// Checks the account's and the IP's budget for `kinds` of events.
pub(crate) async fn check(
    db: &PgPool,
    kinds: &[&str],
    (account, ip): (Policy, Policy),
    email: &str,
    client_ip: Option<IpAddr>,
    now: DateTime<Utc>,
    reset_on_success: bool,
) -> Result<(), AppError> {
    let by_account = db::count_for_email(db, email, kinds, now, reset_on_success).await?;
    verdict(account, by_account, now)?;
    if let Some(client_ip) = client_ip {
        let by_ip = db::count_for_ip(db, client_ip, kinds, now).await?;
        verdict(ip, by_ip, now)?;
    }
    Ok(())
}

/// Before checking a password or a code.
pub(crate) async fn check_failures(
    db: &PgPool,
    email: &str,
    client_ip: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    check(
        db,
        super::events::FAILURES,
        (ACCOUNT_FAILURES, IP_FAILURES),
        email,
        client_ip,
        now,
        true,
    )
    .await
}

/// Before sending a reset link.
pub(crate) async fn check_resets(
    db: &PgPool,
    email: &str,
    client_ip: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    check(
        db,
        super::events::RESET_REQUESTS,
        (ACCOUNT_RESETS, IP_RESETS),
        email,
        client_ip,
        now,
        false,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap()
    }

    #[test]
    fn four_failures_cost_nothing_the_fifth_starts_a_doubling_wait() {
        let p = ACCOUNT_FAILURES;
        assert_eq!(next_allowed(p, 4, Some(at(0)), Some(at(40))), None);
        assert_eq!(next_allowed(p, 5, Some(at(0)), Some(at(50))), Some(at(80)));
        assert_eq!(next_allowed(p, 6, Some(at(0)), Some(at(90))), Some(at(150)));
        assert_eq!(
            next_allowed(p, 7, Some(at(0)), Some(at(200))),
            Some(at(320))
        );
        // capped at 15 minutes
        assert_eq!(
            next_allowed(p, 40, Some(at(0)), Some(at(1000))),
            Some(at(1900))
        );
    }

    #[test]
    fn the_hourly_cap_waits_for_the_oldest_event_to_leave_the_window() {
        assert_eq!(
            next_allowed(ACCOUNT_FAILURES, 100, Some(at(10)), Some(at(3000))),
            Some(at(3610))
        );
        assert_eq!(
            next_allowed(ACCOUNT_RESETS, 3, Some(at(0)), Some(at(60))),
            Some(at(3600))
        );
        assert_eq!(
            next_allowed(ACCOUNT_RESETS, 2, Some(at(0)), Some(at(60))),
            None
        );
    }

    #[test]
    fn no_events_no_limit() {
        assert_eq!(next_allowed(IP_FAILURES, 0, None, None), None);
    }
}
