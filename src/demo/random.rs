//! Unguessable values (tokens, codes, ids) and the hashes the server stores instead of them.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// `bytes` bytes from the OS generator, base64url without padding.
pub fn token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A uniformly random index below `bound` (at most 256), without modulo bias.
pub fn index_below(bound: u8) -> usize {
    let bound = u16::from(bound);
    let limit = 256 - (256 % bound);
    loop {
        let mut byte = [0u8; 1];
        OsRng.fill_bytes(&mut byte);
        if u16::from(byte[0]) < limit {
            return usize::from(u16::from(byte[0]) % bound);
        }
    }
}

/// SHA-256 of a secret, base64url: what the server keeps of tokens and codes, so a copy of its
/// state file cannot be replayed.
pub fn hash(secret: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(secret.as_bytes()))
}

/// Constant-time string comparison for secrets.
pub fn secrets_equal(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}
