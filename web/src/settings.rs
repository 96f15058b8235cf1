//! The app's settings and where they are kept.
//!
//! Everything but secrets is saved in `localStorage` under [`STORAGE_KEY`].
//! Secrets (the token or the secret key) stay in memory unless the user
//! ticks "remember", and are then saved there too; the settings page says
//! so. Nothing here logs.

use serde::{Deserialize, Serialize};
use tc_core::Secret;

/// The `localStorage` key.
pub const STORAGE_KEY: &str = "tc-web.settings";

/// Demo sandbox or a real instance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The sandbox with demo data (the default).
    #[default]
    Demo,
    /// A ThreatConnect instance.
    Instance,
}

/// How to authenticate to an instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// A `TC-Token`.
    Token(Secret),
    /// HMAC with an access id and a secret key.
    Hmac {
        /// The access id.
        access_id: String,
        /// The secret key.
        secret_key: Secret,
    },
}

impl Default for Credentials {
    fn default() -> Self {
        Credentials::Token(Secret::new(""))
    }
}

/// Everything the settings page edits. `Debug` never shows secrets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// Demo or instance.
    pub mode: Mode,
    /// The instance's API base URL, e.g. `https://app.threatconnect.com/api`.
    pub base_url: String,
    /// The instance's credentials.
    pub credentials: Credentials,
    /// The owner used when a call names none.
    pub default_owner: Option<String>,
    /// Whether secrets are saved in `localStorage`.
    pub remember_secrets: bool,
}

/// The stored form: secrets only when asked to remember them.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Stored {
    mode: Mode,
    base_url: String,
    auth: String,
    access_id: String,
    secret: Option<String>,
    default_owner: Option<String>,
    remember_secrets: bool,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

impl Settings {
    /// The saved settings, or the defaults (demo mode).
    pub fn load() -> Settings {
        let stored = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|text| serde_json::from_str::<Stored>(&text).ok())
            .unwrap_or_default();
        let secret = Secret::new(stored.secret.unwrap_or_default());
        let credentials = if stored.auth == "hmac" {
            Credentials::Hmac {
                access_id: stored.access_id,
                secret_key: secret,
            }
        } else {
            Credentials::Token(secret)
        };
        Settings {
            mode: stored.mode,
            base_url: stored.base_url,
            credentials,
            default_owner: stored.default_owner,
            remember_secrets: stored.remember_secrets,
        }
    }

    /// Saves the settings; the secret only when `remember_secrets` is set.
    /// Returns whether the browser accepted them.
    pub fn save(&self) -> bool {
        let (auth, access_id, secret) = match &self.credentials {
            Credentials::Token(t) => ("token", String::new(), t.expose_secret()),
            Credentials::Hmac {
                access_id,
                secret_key,
            } => ("hmac", access_id.clone(), secret_key.expose_secret()),
        };
        let stored = Stored {
            mode: self.mode,
            base_url: self.base_url.clone(),
            auth: auth.into(),
            access_id,
            secret: self.remember_secrets.then(|| secret.to_string()),
            default_owner: self.default_owner.clone(),
            remember_secrets: self.remember_secrets,
        };
        let Ok(text) = serde_json::to_string(&stored) else {
            return false;
        };
        storage().is_some_and(|s| s.set_item(STORAGE_KEY, &text).is_ok())
    }

    /// The secret in use (token or secret key), for the settings form.
    pub fn secret(&self) -> &Secret {
        match &self.credentials {
            Credentials::Token(t) => t,
            Credentials::Hmac { secret_key, .. } => secret_key,
        }
    }
}
