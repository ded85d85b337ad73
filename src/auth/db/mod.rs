//! SQL for accounts and sessions. Times come from the caller (the injectable clock), never `now()`,
//! so that tests can move them.
mod challenges;
mod context;
mod devices;
mod events;
mod invitations;
mod links;
mod sessions;
mod users;

pub(crate) use challenges::*;
pub(crate) use context::*;
pub(crate) use devices::*;
pub(crate) use events::*;
pub(crate) use invitations::*;
pub(crate) use links::*;
pub(crate) use sessions::*;
pub(crate) use users::*;

/// An IP address as PostgreSQL's `inet`.
pub(crate) fn inet(ip: Option<std::net::IpAddr>) -> Option<sqlx::types::ipnetwork::IpNetwork> {
    ip.map(sqlx::types::ipnetwork::IpNetwork::from)
}
