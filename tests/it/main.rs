//! Database and HTTP tests against a real PostgreSQL (DATABASE_URL: a superuser on a throwaway
//! cluster; `make test` starts one). Each `#[sqlx::test]` gets its own migrated database.
mod accounts;
mod auth;
mod bench;
mod blocks;
mod content;
mod database;
mod embedded;
mod helpers;
mod http;
mod isolation;
mod mail;
mod media;
mod tenancy;
