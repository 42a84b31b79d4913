//! OIDC bearer JWTs from a government identity provider: verified against the configured
//! issuer's keys (a JWKS file or URL, read at start-up and read again when a token names a key
//! it does not list, at most once a minute, so a key rotation needs no restart), with their
//! claims mapped to a koers role and layer. Only asymmetric signatures are accepted; expiry is
//! checked against koers's clock. Signing in on the web through the same provider (authorization
//! code with PKCE) is `sign_in.rs`, whose identity tokens this verifier checks too.

mod sign_in;

pub use sign_in::{Failed, PENDING_SECONDS, Pending, RETURN_PATH, SignInProvider};

use crate::config::OidcConfig;
use crate::error::{ApiError, ApiResult};
use crate::service::accounts::access::Caller;
use crate::service::accounts::tokens;
use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::{GovernmentLayer, Role};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};

/// How often the keys are read again at most, when tokens name keys the issuer does not list
/// (a flood of such tokens must not become a flood of requests to the identity provider).
const REFETCH_EVERY: chrono::Duration = chrono::Duration::seconds(60);

/// Checks identity tokens of one issuer.
pub struct Verifier {
    issuer: String,
    audience: Option<String>,
    /// The issuer's keys, replaced when they are read again.
    keys: std::sync::RwLock<JwkSet>,
    /// Where the keys come from (none: given once, never read again).
    source: Option<String>,
    /// When the keys were last read again (none: not since start-up).
    refetched: std::sync::Mutex<Option<DateTime<Utc>>>,
    name_claim: String,
    role_claim: String,
    layer_claim: String,
}

fn refused(why: &str) -> ApiError {
    ApiError::Unauthenticated(format!("the identity token is not accepted: {why}"))
}

impl Verifier {
    /// The verifier of `config`, or none when no issuer is configured. A JWKS starting with
    /// `https://` is fetched (plain `http://` only from this machine); anything else is read as
    /// a file.
    pub async fn load(config: &OidcConfig) -> anyhow::Result<Option<Self>> {
        let Some(issuer) = &config.oidc_issuer else {
            return Ok(None);
        };
        let source = config
            .oidc_jwks
            .clone()
            .context("--oidc-issuer needs --oidc-jwks (a JWKS file or URL)")?;
        if source.starts_with("http") && !sign_in::secure(&source) {
            anyhow::bail!(
                "--oidc-jwks must be https:// (plain http only on this machine): {source}"
            );
        }
        let jwks = read(&source).await?;
        let mut verifier = Self::new(issuer, &jwks, config)?;
        verifier.source = Some(source);
        Ok(Some(verifier))
    }

    /// Read the keys again when `kid` is not among them and the last reading is a minute ago or
    /// more (logged; a failed reading keeps the keys there are).
    async fn refetch_for(&self, kid: &str, now: DateTime<Utc>) {
        let Some(source) = &self.source else { return };
        let known = self
            .keys
            .read()
            .map(|k| k.find(kid).is_some())
            .unwrap_or(true);
        if known {
            return;
        }
        {
            let Ok(mut last) = self.refetched.lock() else {
                return;
            };
            if last.is_some_and(|at| now - at < REFETCH_EVERY) {
                return;
            }
            *last = Some(now);
        }
        let fresh = read(source)
            .await
            .and_then(|text| serde_json::from_str::<JwkSet>(&text).context("not a key set"));
        match fresh {
            Ok(keys) if !keys.keys.is_empty() => {
                tracing::info!(
                    kid,
                    keys = keys.keys.len(),
                    "identity provider keys read again"
                );
                if let Ok(mut current) = self.keys.write() {
                    *current = keys;
                }
            }
            Ok(_) => tracing::warn!(
                kid,
                "the identity provider's JWKS holds no keys; kept the old"
            ),
            Err(e) => {
                tracing::warn!(kid, error = %e, "reading the identity provider's keys again failed; kept the old")
            }
        }
    }

    /// A verifier over the JWKS document `jwks`.
    pub fn new(issuer: &str, jwks: &str, config: &OidcConfig) -> anyhow::Result<Self> {
        let keys: JwkSet = serde_json::from_str(jwks).context("the JWKS is not a key set")?;
        anyhow::ensure!(!keys.keys.is_empty(), "the JWKS holds no keys");
        Ok(Self {
            issuer: issuer.to_owned(),
            audience: config.oidc_audience.clone(),
            keys: std::sync::RwLock::new(keys),
            source: None,
            refetched: std::sync::Mutex::new(None),
            name_claim: config.oidc_name_claim.clone(),
            role_claim: config.oidc_role_claim.clone(),
            layer_claim: config.oidc_layer_claim.clone(),
        })
    }

    /// The caller an identity token speaks for, at `now`. A token naming a key the issuer does
    /// not list has the keys read again first (at most once a minute).
    pub async fn verify(&self, token: &str, now: DateTime<Utc>) -> ApiResult<Caller> {
        let header = decode_header(token).map_err(|_| refused("not a JWT"))?;
        if let Some(kid) = &header.kid {
            self.refetch_for(kid, now).await;
        }
        let keys = self
            .keys
            .read()
            .map_err(|_| ApiError::Internal("the identity provider's keys are unreadable".into()))?
            .clone();
        if matches!(
            header.alg,
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512
        ) {
            return Err(refused("shared-secret signatures are not accepted"));
        }
        let jwk = match &header.kid {
            Some(kid) => keys.find(kid),
            None if keys.keys.len() == 1 => keys.keys.first(),
            None => None,
        }
        .ok_or_else(|| refused("signed with a key the issuer does not list"))?;
        let key =
            DecodingKey::from_jwk(jwk).map_err(|_| refused("the issuer's key is unusable"))?;
        let mut validation = Validation::new(header.alg);
        validation.set_issuer(&[&self.issuer]);
        match &self.audience {
            Some(audience) => validation.set_audience(&[audience]),
            None => validation.validate_aud = false,
        }
        // Expiry is checked below against koers's clock, not the machine's.
        validation.validate_exp = false;
        validation.set_required_spec_claims(&["exp", "iss"]);
        let claims = decode::<serde_json::Value>(token, &key, &validation)
            .map_err(|e| {
                use jsonwebtoken::errors::ErrorKind;
                match e.kind() {
                    ErrorKind::InvalidIssuer => refused("wrong issuer"),
                    ErrorKind::InvalidAudience => refused("wrong audience"),
                    ErrorKind::InvalidSignature => refused("bad signature"),
                    _ => refused("malformed"),
                }
            })?
            .claims;
        let at = now.timestamp();
        match claims["exp"].as_i64() {
            Some(exp) if exp > at => {}
            _ => return Err(refused("expired")),
        }
        if claims["nbf"].as_i64().is_some_and(|nbf| nbf > at) {
            return Err(refused("not valid yet"));
        }
        let role: Role = claims[&self.role_claim]
            .as_str()
            .and_then(entity::parse_name)
            .ok_or_else(|| refused(&format!("no koers role in claim `{}`", self.role_claim)))?;
        let layer = match claims[&self.layer_claim].as_str() {
            Some(text) => Some(
                entity::parse_name::<GovernmentLayer>(text)
                    .ok_or_else(|| refused(&format!("unknown layer `{text}`")))?,
            ),
            None => None,
        };
        tokens::check_role(role, layer).map_err(|_| refused("role and layer do not match"))?;
        let name = claims[&self.name_claim]
            .as_str()
            .or_else(|| claims["sub"].as_str())
            .filter(|n| !n.trim().is_empty())
            .ok_or_else(|| refused("no subject"))?;
        // The name is recorded with every change: it holds no character text may not hold.
        crate::service::store::text::check("name", name)
            .map_err(|_| refused("the account name holds a control character"))?;
        Ok(Caller {
            name: name.chars().take(100).collect(),
            role,
            layer,
        })
    }
}

/// The JWKS document at `source`: fetched from an http(s) URL, else read from a file.
async fn read(source: &str) -> anyhow::Result<String> {
    if source.starts_with("https://") || source.starts_with("http://") {
        let url = source.to_owned();
        // As every request to the provider: no redirect followed, a time limit, a size limit.
        tokio::task::spawn_blocking(move || -> anyhow::Result<String> {
            let request = openidconnect::http::Request::get(&url).body(Vec::new())?;
            let response = sign_in::send(request)?;
            anyhow::ensure!(
                response.status().is_success(),
                "reading the keys at {url} answered {}",
                response.status()
            );
            Ok(String::from_utf8(response.into_body())?)
        })
        .await?
    } else {
        tokio::fs::read_to_string(source)
            .await
            .with_context(|| format!("reading the JWKS {source}"))
    }
}
