use crate::auth::UserSummary;
use crate::ids::UserId;
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgTransaction};

pub(crate) struct UserForLogin {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub locale: String,
    pub disabled: bool,
}

pub(crate) async fn user_for_login(
    db: impl PgExecutor<'_>,
    email: &str,
) -> sqlx::Result<Option<UserForLogin>> {
    sqlx::query_as!(
        UserForLogin,
        // language=PostgreSQL
        r#"
            select user_id "user_id: UserId", email::text "email!", display_name, password_hash, locale,
                   disabled_at is not null "disabled!"
            from "user"
            where email = $1::citext
        "#,
        email
    )
    .fetch_optional(db)
    .await
}

pub(crate) async fn user_by_id(
    db: impl PgExecutor<'_>,
    user_id: UserId,
) -> sqlx::Result<Option<UserForLogin>> {
    sqlx::query_as!(
        UserForLogin,
        // language=PostgreSQL
        r#"
            select user_id "user_id: UserId", email::text "email!", display_name, password_hash, locale,
                   disabled_at is not null "disabled!"
            from "user"
            where user_id = $1
        "#,
        user_id as UserId
    )
    .fetch_optional(db)
    .await
}

pub(crate) struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: Option<&'a str>,
    pub is_platform_admin: bool,
    pub is_agency_staff: bool,
    pub locale: &'a str,
}

pub(crate) async fn insert_user(
    tx: &mut PgTransaction<'_>,
    u: NewUser<'_>,
) -> sqlx::Result<UserId> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            insert into "user" (user_id, email, display_name, password_hash, is_platform_admin, is_agency_staff, locale)
            values ($1, $2, $3, $4, $5, $6, $7)
            returning user_id "user_id: UserId"
        "#,
        UserId::new() as UserId,
        u.email,
        u.display_name,
        u.password_hash,
        u.is_platform_admin,
        u.is_agency_staff,
        u.locale
    )
    .fetch_one(&mut **tx)
    .await
}

pub(crate) async fn set_password_hash(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
    password_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"update "user" set password_hash = $2 where user_id = $1"#,
        user_id as UserId,
        password_hash
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn set_user_locale(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
    locale: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"update "user" set locale = $2 where user_id = $1"#,
        user_id as UserId,
        locale
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn set_display_name(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
    display_name: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"update "user" set display_name = $2 where user_id = $1"#,
        user_id as UserId,
        display_name
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Sets or clears `disabled_at`; false if there is no such user.
pub(crate) async fn set_disabled(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
    disabled_at: Option<DateTime<Utc>>,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"update "user" set disabled_at = $2 where user_id = $1"#,
        user_id as UserId,
        disabled_at
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// Every account, newest first, with its last successful login.
pub(crate) async fn list_users(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<UserSummary>> {
    sqlx::query_as!(
        UserSummary,
        // language=PostgreSQL
        r#"
            select u.user_id "user_id: UserId", u.email::text "email!", u.display_name, u.is_platform_admin,
                   u.is_agency_staff, u.disabled_at is not null "disabled!", u.password_hash is not null "has_password!",
                   u.created_at,
                   (select max(e.created_at) from security_event e
                    where e.user_id = u.user_id and e.kind = 'login_succeeded') last_login_at
            from "user" u
            order by u.created_at desc
        "#
    )
    .fetch_all(db)
    .await
}

/// Makes a user agency staff (every tenant's content) or takes it back.
pub(crate) async fn set_agency_staff(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
    staff: bool,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"update "user" set is_agency_staff = $2 where user_id = $1"#,
        user_id as UserId,
        staff
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}
