//! The server's secret key, and sealing with it (XChaCha20-Poly1305). Used for what must be stored
//! readable for a while but must not be readable from the database or its backups: mail bodies, which
//! carry login codes and one-time links.
use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

const NONCE_LEN: usize = 24;
pub const KEY_FILE: &str = "secret.key";

#[derive(Clone)]
pub struct SecretBox(XChaCha20Poly1305);

impl SecretBox {
    /// TRAFFINO_SECRET_KEY (32 bytes, base64) if set; otherwise the key in `$TRAFFINO_DATA_DIR/secret.key`,
    /// created on first start (mode 0600). Without the key, mail still waiting in the outbox cannot be sent.
    pub fn load(configured: Option<&str>, data_dir: &Path) -> anyhow::Result<Self> {
        let key = match configured {
            Some(b64) => STANDARD
                .decode(b64.trim())
                .context("TRAFFINO_SECRET_KEY is not base64")?,
            None => key_from_file(&data_dir.join(KEY_FILE))?,
        };
        if key.len() != 32 {
            bail!(
                "the secret key must be 32 bytes (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)"
            );
        }
        Ok(Self(XChaCha20Poly1305::new_from_slice(&key)?))
    }

    /// A fresh random key (tests, and nothing that must survive a restart).
    pub fn random() -> Self {
        Self(XChaCha20Poly1305::new(&XChaCha20Poly1305::generate_key(
            &mut OsRng,
        )))
    }

    /// nonce || ciphertext+tag
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let mut out = nonce.to_vec();
        // Encryption with a valid key and nonce cannot fail for in-memory buffers.
        out.extend(self.0.encrypt(&nonce, plain).unwrap_or_default());
        out
    }

    pub fn open(&self, sealed: &[u8]) -> anyhow::Result<Vec<u8>> {
        if sealed.len() < NONCE_LEN {
            bail!("sealed value too short");
        }
        let (nonce, ct) = sealed.split_at(NONCE_LEN);
        self.0.decrypt(XNonce::from_slice(nonce), ct).map_err(|_| {
            anyhow::anyhow!("cannot decrypt: made with another secret key, or damaged")
        })
    }
}

fn key_from_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    if let Ok(text) = std::fs::read_to_string(path) {
        return STANDARD
            .decode(text.trim())
            .with_context(|| format!("{} is not base64", path.display()));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let key = XChaCha20Poly1305::generate_key(&mut OsRng);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating the secret key file {}", path.display()))?;
    writeln!(file, "{}", STANDARD.encode(key))?;
    tracing::info!(file = %path.display(), "created a new secret key");
    Ok(key.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_with_the_same_key_only() {
        let a = SecretBox::random();
        let sealed = a.seal(b"code 123456");
        assert!(!sealed.windows(6).any(|w| w == b"123456"));
        assert_eq!(a.open(&sealed).unwrap(), b"code 123456");
        assert!(SecretBox::random().open(&sealed).is_err());
        assert_ne!(a.seal(b"same"), a.seal(b"same"), "fresh nonce each time");
    }

    #[test]
    fn the_key_file_is_created_once_and_reused() {
        let dir = std::env::temp_dir().join(format!("traffino-key-{}", uuid::Uuid::now_v7()));
        let first = SecretBox::load(None, &dir).unwrap();
        let sealed = first.seal(b"x");
        let again = SecretBox::load(None, &dir).unwrap();
        assert_eq!(again.open(&sealed).unwrap(), b"x");
        let mode = std::fs::metadata(dir.join(KEY_FILE)).unwrap().permissions();
        assert_eq!(
            std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
            0o600
        );
        assert!(
            SecretBox::load(Some("c2hvcnQ="), &dir).is_err(),
            "short key refused"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
