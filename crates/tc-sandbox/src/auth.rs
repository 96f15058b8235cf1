//! HMAC and token verification with the service's statuses and messages.

use tc_core::{Secret, verify_signature};

use crate::SandboxConfig;
use crate::reply::failure;
use crate::request::Request;

/// Checks the `Authorization` (and `Timestamp`) headers.
///
/// Bad HMAC and timestamps answer 403, as the 2017 docs say; a bad token
/// answers 401 "Unauthorized" (the reference leaves 401 versus 403 for
/// HMAC unconfirmed; see SANDBOX.md).
pub(crate) fn check(
    config: &SandboxConfig,
    request: &Request,
    now: i64,
) -> Result<(), tc_core::HttpResponse> {
    let Some(header) = request.header("authorization") else {
        return Err(failure(403, "Access Denied"));
    };
    if let Some(token) = header.strip_prefix("TC-Token ") {
        return if token == config.token {
            Ok(())
        } else {
            Err(failure(401, "Unauthorized"))
        };
    }
    let Some(rest) = header.strip_prefix("TC ") else {
        return Err(failure(403, "Access Denied"));
    };
    let Some((access_id, signature)) = rest.split_once(':') else {
        return Err(failure(403, "Access Denied"));
    };
    if access_id != config.access_id {
        return Err(failure(403, "Access Denied"));
    }
    let Some(timestamp) = request
        .header("timestamp")
        .and_then(|t| t.trim().parse::<i64>().ok())
    else {
        return Err(failure(403, "Invalid timestamp"));
    };
    if (now - timestamp).abs() > config.timestamp_window {
        return Err(failure(403, "Timestamp out of acceptable time range"));
    }
    // The signature covers the raw target as received: no decoding first.
    let message = format!("{}:{}:{}", request.target, request.method, timestamp);
    if !verify_signature(&Secret::new(config.secret_key.clone()), &message, signature) {
        return Err(failure(403, "Signature data did not match expected result"));
    }
    Ok(())
}
