//! The embedded PostgreSQL cluster used when `DATABASE_URL` is unset: created with initdb under
//! `$TRAFFINO_DATA_DIR/postgres`, listening only on a Unix socket in `$TRAFFINO_DATA_DIR/pg-socket`
//! (mode 0700, so only its owner can connect), started and stopped with pg_ctl.
use anyhow::{Context, bail};
use sqlx::postgres::PgConnectOptions;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use tokio::process::Command;

pub const DATABASE: &str = "traffino";
const SUPERUSER: &str = "postgres";

pub struct EmbeddedPg {
    data: PathBuf,
    socket_dir: PathBuf,
    bin: PathBuf,
    /// PostgreSQL refuses to run as root; then it runs as the `postgres` system user.
    run_as: Option<(u32, u32)>,
    started_here: bool,
}

impl EmbeddedPg {
    /// Creates the cluster if needed and makes sure it runs. A cluster left running by a crashed
    /// process is reused; a stale `postmaster.pid` is removed.
    pub async fn start(data_dir: &Path, pg_bin: Option<&Path>) -> anyhow::Result<Self> {
        let bin = find_bin_dir(pg_bin.map(Path::to_path_buf))?;
        std::fs::create_dir_all(data_dir)
            .with_context(|| format!("creating the data directory {}", data_dir.display()))?;
        let data_dir = data_dir
            .canonicalize()
            .with_context(|| format!("resolving {}", data_dir.display()))?;
        let pg = Self {
            data: data_dir.join("postgres"),
            socket_dir: data_dir.join("pg-socket"),
            bin,
            run_as: run_as_user(&data_dir)?,
            started_here: false,
        };
        pg.prepare_dirs()?;
        if !pg.data.join("PG_VERSION").exists() {
            pg.initdb().await?;
        }
        let mut pg = pg;
        if pg.is_running().await? {
            tracing::info!(data = %pg.data.display(), "embedded PostgreSQL already running; reusing it");
        } else {
            pg.remove_stale_lock_files()?;
            pg.pg_ctl_start().await?;
            pg.started_here = true;
        }
        pg.ensure_database().await?;
        Ok(pg)
    }

    /// Connection options for the superuser, on the private socket.
    pub fn superuser_options(&self) -> PgConnectOptions {
        PgConnectOptions::new()
            .socket(&self.socket_dir)
            .username(SUPERUSER)
            .database(DATABASE)
    }

    /// Whether this process started the cluster (and so should stop it).
    pub fn started_here(&self) -> bool {
        self.started_here
    }

    /// Stops the cluster with a fast shutdown (open transactions roll back, data is safe).
    pub async fn stop(&self) -> anyhow::Result<()> {
        let status = self
            .cmd("pg_ctl")
            .arg("stop")
            .arg("-D")
            .arg(&self.data)
            .args(["-m", "fast", "-w", "-s"])
            .status()
            .await
            .context("running pg_ctl stop")?;
        if !status.success() {
            bail!("pg_ctl stop failed ({status})");
        }
        tracing::info!("embedded PostgreSQL stopped");
        Ok(())
    }

    fn cmd(&self, program: &str) -> Command {
        let mut cmd = Command::new(self.bin.join(program));
        if let Some((uid, gid)) = self.run_as {
            cmd.uid(uid).gid(gid);
        }
        // A locale the server can always find; the cluster itself is created with C.UTF-8.
        cmd.env("LC_ALL", "C.UTF-8").env_remove("PGDATA");
        cmd
    }

    fn prepare_dirs(&self) -> anyhow::Result<()> {
        for dir in [&self.data, &self.socket_dir] {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
            if let Some((uid, gid)) = self.run_as {
                std::os::unix::fs::chown(dir, Some(uid), Some(gid))
                    .with_context(|| format!("handing {} to the postgres user", dir.display()))?;
            }
        }
        Ok(())
    }

    async fn initdb(&self) -> anyhow::Result<()> {
        tracing::info!(data = %self.data.display(), "creating the embedded PostgreSQL cluster");
        let out = self
            .cmd("initdb")
            .arg("-D")
            .arg(&self.data)
            .args([
                "-U",
                SUPERUSER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-instructions",
            ])
            .output()
            .await
            .context("running initdb")?;
        if !out.status.success() {
            bail!(
                "initdb failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        // Only the private socket: no TCP port at all.
        let conf = format!(
            "\n# Traffino embedded cluster\nlisten_addresses = ''\nunix_socket_directories = '{}'\n\
             unix_socket_permissions = 0700\nmax_connections = 50\nshared_buffers = 64MB\n",
            self.socket_dir.display()
        );
        let conf_path = self.data.join("postgresql.conf");
        let mut text = std::fs::read_to_string(&conf_path)?;
        text.push_str(&conf);
        std::fs::write(&conf_path, text)?;
        Ok(())
    }

    async fn is_running(&self) -> anyhow::Result<bool> {
        let pid_file = self.data.join("postmaster.pid");
        let Ok(text) = std::fs::read_to_string(&pid_file) else {
            return Ok(false);
        };
        let pid: u32 = text
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .parse()
            .unwrap_or(0);
        // A pid can be reused after a crash: only a live *postgres* process counts.
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        Ok(pid != 0 && comm.trim() == "postgres" && self.socket_dir.join(".s.PGSQL.5432").exists())
    }

    fn remove_stale_lock_files(&self) -> anyhow::Result<()> {
        for stale in [
            self.data.join("postmaster.pid"),
            self.socket_dir.join(".s.PGSQL.5432.lock"),
            self.socket_dir.join(".s.PGSQL.5432"),
        ] {
            if stale.exists() {
                tracing::warn!(file = %stale.display(), "removing stale lock file left by a crash");
                std::fs::remove_file(&stale)?;
            }
        }
        Ok(())
    }

    async fn pg_ctl_start(&self) -> anyhow::Result<()> {
        let log = self.data.join("server.log");
        let out = self
            .cmd("pg_ctl")
            .arg("start")
            .arg("-D")
            .arg(&self.data)
            .arg("-l")
            .arg(&log)
            .args(["-w", "-t", "60", "-s"])
            .output()
            .await
            .context("running pg_ctl start")?;
        if !out.status.success() {
            let tail = std::fs::read_to_string(&log).unwrap_or_default();
            let tail: Vec<&str> = tail.lines().rev().take(5).collect();
            bail!(
                "the embedded PostgreSQL did not start: {} {}",
                String::from_utf8_lossy(&out.stderr).trim(),
                tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
            );
        }
        tracing::info!(socket = %self.socket_dir.display(), "embedded PostgreSQL started");
        Ok(())
    }

    async fn ensure_database(&self) -> anyhow::Result<()> {
        use sqlx::{ConnectOptions, Connection};
        let mut conn = self
            .superuser_options()
            .database("postgres")
            .connect()
            .await
            .context("connecting to the embedded PostgreSQL")?;
        let exists: bool =
            sqlx::query_scalar("select exists (select from pg_database where datname = $1)")
                .bind(DATABASE)
                .fetch_one(&mut conn)
                .await?;
        if !exists {
            sqlx::query(&format!("create database {DATABASE}"))
                .execute(&mut conn)
                .await?;
        }
        conn.close().await?;
        Ok(())
    }
}

/// The PostgreSQL server binaries: `TRAFFINO_PG_BIN`, else Debian's newest /usr/lib/postgresql/N/bin,
/// else whatever `initdb` is on PATH.
pub fn find_bin_dir(configured: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = configured {
        if dir.join("initdb").exists() && dir.join("pg_ctl").exists() {
            return Ok(dir);
        }
        bail!(
            "TRAFFINO_PG_BIN is {}, but initdb and pg_ctl are not there. Install the PostgreSQL server \
             with `sudo apt-get install postgresql` (its binaries are in /usr/lib/postgresql/<version>/bin), \
             or set DATABASE_URL to use an existing server.",
            dir.display()
        );
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin): &(u32, PathBuf)| bin.join("initdb").exists())
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Ok(bin);
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if dir.join("initdb").exists() && dir.join("pg_ctl").exists() {
                return Ok(dir);
            }
        }
    }
    bail!(
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with \
         `sudo apt-get install postgresql` (or `make dev`, which does), point TRAFFINO_PG_BIN at their \
         folder, or set DATABASE_URL to use an existing server."
    )
}

/// As root, the cluster runs as the `postgres` system user, which must be able to reach the data dir.
fn run_as_user(data_dir: &Path) -> anyhow::Result<Option<(u32, u32)>> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Ok(None);
    }
    let name = std::ffi::CString::new("postgres")?;
    // SAFETY: getpwnam returns null or a pointer to a static record; we copy the two ids out at once.
    let pw = unsafe { libc::getpwnam(name.as_ptr()) };
    if pw.is_null() {
        bail!(
            "running as root, and there is no `postgres` system user to run the embedded cluster as"
        );
    }
    let (uid, gid) = unsafe { ((*pw).pw_uid, (*pw).pw_gid) };
    for dir in data_dir.ancestors() {
        let mode = std::fs::metadata(dir)?.permissions().mode();
        if mode & 0o001 == 0 {
            bail!(
                "running as root, the embedded cluster runs as the `postgres` user, which cannot enter {} \
                 (mode {:o}). Set TRAFFINO_DATA_DIR to a folder outside it, or run as a normal user.",
                dir.display(),
                mode & 0o777
            );
        }
    }
    Ok(Some((uid, gid)))
}
