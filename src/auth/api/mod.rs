//! Server functions of the accounts slice. Each one's doc comment says who may call it, and its first
//! line checks exactly that.
mod invitations;
mod login;
mod password;
mod prefs;
mod sessions;
mod users;

pub use invitations::*;
pub use login::*;
pub use password::*;
pub use prefs::*;
pub use sessions::*;
pub use users::*;
