//! Opaque random tokens (sessions, links). The client holds the token; the database only its SHA-256.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new 256-bit token, URL-safe, and its hash for storage.
pub fn generate() -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash(&token);
    (token, hash)
}

pub fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// A six-digit code, uniformly random, leading zeros kept.
pub fn code() -> String {
    use rand::Rng;
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32))
}

/// What is stored of a code: bound to its login attempt, so it is worth nothing in another one.
pub fn code_hash(challenge: crate::ids::LoginChallengeId, code: &str) -> Vec<u8> {
    Sha256::digest(format!("{challenge}:{code}").as_bytes()).to_vec()
}

/// Compares two hashes in time that does not depend on where they differ.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bit_and_stored_only_as_hash() {
        let (token, hash) = generate();
        assert_eq!(URL_SAFE_NO_PAD.decode(&token).unwrap().len(), 32);
        assert_eq!(hash.len(), 32);
        assert_ne!(hash, token.as_bytes());
        assert_eq!(super::hash(&token), hash);
        assert_ne!(generate().0, token);
    }

    #[test]
    fn codes_are_six_digits_and_bound_to_their_login() {
        let c = code();
        assert!(c.len() == 6 && c.chars().all(|d| d.is_ascii_digit()), "{c}");
        let (a, b) = (
            crate::ids::LoginChallengeId::new(),
            crate::ids::LoginChallengeId::new(),
        );
        assert_ne!(code_hash(a, "123456"), code_hash(b, "123456"));
        assert!(same(&code_hash(a, "123456"), &code_hash(a, "123456")));
        assert!(!same(&code_hash(a, "123456"), &code_hash(a, "123457")));
        assert!(!same(b"ab", b"abc"));
    }
}
