//! HMAC signing as ThreatConnect specifies it.
//!
//! The signing string is `<path-and-query>:<METHOD>:<timestamp>` where the
//! path and query are exactly the request target sent on the wire (base
//! prefix included). The signature is the standard base64 of the raw
//! HMAC-SHA256 digest keyed with the UTF-8 bytes of the secret key.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::Secret;
use crate::http::Method;

type HmacSha256 = Hmac<Sha256>;

/// The string that is signed for a request target, method and timestamp.
///
/// ```
/// assert_eq!(
///     tc_core::signing_string("/api/v2/owners", tc_core::Method::Get, 1513703787),
///     "/api/v2/owners:GET:1513703787"
/// );
/// ```
pub fn signing_string(target: &str, method: Method, timestamp: u64) -> String {
    format!("{target}:{}:{timestamp}", method.as_str())
}

/// The base64 HMAC-SHA256 signature of `message` keyed with `secret_key`.
///
/// The timestamp is part of `message`; this function never reads a clock.
pub fn sign(secret_key: &Secret, message: &str) -> String {
    let mac = mac_over(secret_key, message);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Checks a presented base64 signature in constant time.
pub(crate) fn verify(secret_key: &Secret, message: &str, presented: &str) -> bool {
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(presented) else {
        return false;
    };
    mac_over(secret_key, message).verify_slice(&bytes).is_ok()
}

fn mac_over(secret_key: &Secret, message: &str) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail; the fallback
    // keeps the code free of panics all the same.
    let mut mac = match HmacSha256::new_from_slice(secret_key.expose_secret().as_bytes()) {
        Ok(mac) => mac,
        Err(_) => <HmacSha256 as Mac>::new(&Default::default()),
    };
    mac.update(message.as_bytes());
    mac
}

/// Verifies an HMAC signature; public for emulators and proxies.
pub fn verify_signature(secret_key: &Secret, message: &str, presented: &str) -> bool {
    verify(secret_key, message, presented)
}
