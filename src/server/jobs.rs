//! Background work as rows in the `job` table. A job is queued inside the transaction that needs it
//! (so it exists exactly when that change does), claimed by one worker with `FOR UPDATE SKIP LOCKED`,
//! and retried with backoff. A claim is a lease: if a process dies mid-job, another takes the job over
//! when the lease runs out. Several server processes can run workers side by side.
use super::state::AppState;
use crate::ids::JobId;
use chrono::{DateTime, Duration, Utc};
use sqlx::PgTransaction;

/// How long a claimed job may run before another worker may take it over.
const LEASE: Duration = Duration::minutes(5);
/// Longest wait between two tries.
const MAX_BACKOFF: Duration = Duration::hours(1);
/// How often idle workers look for due jobs (retries, work queued by other processes).
const POLL: std::time::Duration = std::time::Duration::from_secs(2);

/// Why a job did not finish.
#[derive(Debug)]
pub enum JobError {
    /// Try again later (the service is down, a rate limit).
    Retry(String),
    /// Trying again cannot help (the job refers to something that is gone).
    Fail(String),
}

pub struct ClaimedJob {
    pub job_id: JobId,
    pub kind: String,
    pub payload: serde_json::Value,
    pub attempts: i32,
    pub max_attempts: i32,
}

/// Queues a job in the caller's transaction.
pub async fn enqueue(
    tx: &mut PgTransaction<'_>,
    kind: &str,
    payload: serde_json::Value,
    now: DateTime<Utc>,
    max_attempts: i32,
) -> sqlx::Result<JobId> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            insert into job (job_id, kind, payload, run_at, created_at, max_attempts)
            values ($1, $2, $3, $4, $4, $5)
            returning job_id "job_id: JobId"
        "#,
        JobId::new() as JobId,
        kind,
        payload,
        now,
        max_attempts
    )
    .fetch_one(&mut **tx)
    .await
}

/// Claims one due job: queued and due, or running with an expired lease.
async fn claim(state: &AppState, now: DateTime<Utc>) -> sqlx::Result<Option<ClaimedJob>> {
    sqlx::query_as!(
        ClaimedJob,
        // language=PostgreSQL
        r#"
            update job set status = 'running', attempts = attempts + 1, locked_until = $2
            where job_id = (
                select job_id from job
                where (status = 'queued' and run_at <= $1) or (status = 'running' and locked_until < $1)
                order by run_at
                for update skip locked
                limit 1
            )
            returning job_id "job_id: JobId", kind, payload, attempts, max_attempts
        "#,
        now,
        now + LEASE
    )
    .fetch_optional(&state.db)
    .await
}

async fn finish(
    state: &AppState,
    job: &ClaimedJob,
    result: Result<(), JobError>,
) -> sqlx::Result<()> {
    let now = state.clock.now();
    let (status, run_at, error) = match result {
        Ok(()) => ("done", now, None),
        Err(JobError::Retry(msg)) if job.attempts < job.max_attempts => {
            ("queued", now + backoff(job.attempts), Some(msg))
        }
        Err(JobError::Retry(msg) | JobError::Fail(msg)) => ("failed", now, Some(msg)),
    };
    if let Some(msg) = &error {
        tracing::warn!(job_id = %job.job_id, kind = %job.kind, attempts = job.attempts, status, error = %msg, "job did not finish");
    }
    sqlx::query!(
        // language=PostgreSQL
        r#"
            update job
            set status = $2, run_at = $3, last_error = $4, locked_until = null,
                finished_at = case when $2 in ('done', 'failed') then $5::timestamptz end
            where job_id = $1
        "#,
        job.job_id as JobId,
        status,
        run_at,
        error,
        now
    )
    .execute(&state.db)
    .await?;
    Ok(())
}

/// 30 s, 1 min, 2 min, … up to an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 20) - 1;
    (Duration::seconds(30) * 2_i32.saturating_pow(exp as u32)).min(MAX_BACKOFF)
}

/// Runs every job that is due now, one after the other; returns how many ran.
pub async fn run_due(state: &AppState) -> sqlx::Result<usize> {
    let mut ran = 0;
    while let Some(job) = claim(state, state.clock.now()).await? {
        let result = dispatch(state, &job).await;
        finish(state, &job, result).await?;
        ran += 1;
    }
    Ok(ran)
}

async fn dispatch(state: &AppState, job: &ClaimedJob) -> Result<(), JobError> {
    match job.kind.as_str() {
        crate::mail::SEND_JOB => crate::mail::deliver(state, job).await,
        crate::media::http::VARIANTS_JOB => {
            crate::media::http::make_variants(state, &job.payload).await
        }
        other => Err(JobError::Fail(format!("unknown job kind {other}"))),
    }
}

/// How long finished jobs and sent mail are kept (for support questions), then removed.
const KEEP_FINISHED: Duration = Duration::days(30);
/// How often housekeeping runs.
const HOUSEKEEPING_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes what can never be used again: expired sessions, login attempts and remembered devices,
/// and finished jobs and sent mail older than 30 days. Safe to run in several processes at once.
pub async fn housekeeping(state: &AppState) -> sqlx::Result<()> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let purged =
        crate::auth::db::purge_expired(&mut tx, now, state.config.session_idle_minutes).await?;
    let jobs = sqlx::query!(
        // language=PostgreSQL
        r#"delete from job where status in ('done', 'failed') and finished_at <= $1"#,
        now - KEEP_FINISHED
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let mails = sqlx::query!(
        // language=PostgreSQL
        r#"delete from mail where status in ('sent', 'failed') and created_at <= $1"#,
        now - KEEP_FINISHED
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    tracing::debug!(?purged, jobs, mails, "housekeeping");
    Ok(())
}

/// The worker: runs due jobs when woken (work queued in this process) or every few seconds, and
/// housekeeping every hour, until `stop` fires. A job under way is finished before it returns.
pub async fn worker(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut last_housekeeping: Option<std::time::Instant> = None;
    loop {
        if let Err(err) = run_due(&state).await {
            tracing::error!(error = %err, "job worker: database error");
        }
        if last_housekeeping.is_none_or(|at| at.elapsed() >= HOUSEKEEPING_EVERY) {
            if let Err(err) = housekeeping(&state).await {
                tracing::error!(error = %err, "housekeeping: database error");
            }
            last_housekeeping = Some(std::time::Instant::now());
        }
        tokio::select! {
            _ = state.jobs.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
            _ = stop.changed() => break,
        }
        if *stop.borrow() {
            break;
        }
    }
    tracing::info!("job worker stopped");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(4), Duration::minutes(4));
        assert_eq!(backoff(9), Duration::hours(1));
        assert_eq!(backoff(1000), Duration::hours(1));
    }
}
