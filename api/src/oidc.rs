//! OIDC bearer JWTs from a government identity provider: verified against the configured
//! issuer's keys (a JWKS file or URL, read at start-up), with their claims mapped to a koers
//! role and layer. Only asymmetric signatures are accepted; expiry is checked against koers's
//! clock.

use crate::config::OidcConfig;
use crate::error::{ApiError, ApiResult};
use crate::service::access::Caller;
use crate::service::tokens;
use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::{GovernmentLayer, Role};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};

/// Checks identity tokens of one issuer.
pub struct Verifier {
    issuer: String,
    audience: Option<String>,
    keys: JwkSet,
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
        let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"];
        if source.starts_with("http://") && !local.iter().any(|l| source.starts_with(l)) {
            anyhow::bail!(
                "--oidc-jwks must be https:// (plain http only on this machine): {source}"
            );
        }
        let jwks = if source.starts_with("https://") || source.starts_with("http://") {
            let url = source.clone();
            tokio::task::spawn_blocking(move || -> anyhow::Result<String> {
                Ok(ureq::get(&url).call()?.body_mut().read_to_string()?)
            })
            .await??
        } else {
            tokio::fs::read_to_string(&source)
                .await
                .with_context(|| format!("reading the JWKS {source}"))?
        };
        Ok(Some(Self::new(issuer, &jwks, config)?))
    }

    /// A verifier over the JWKS document `jwks`.
    pub fn new(issuer: &str, jwks: &str, config: &OidcConfig) -> anyhow::Result<Self> {
        let keys: JwkSet = serde_json::from_str(jwks).context("the JWKS is not a key set")?;
        anyhow::ensure!(!keys.keys.is_empty(), "the JWKS holds no keys");
        Ok(Self {
            issuer: issuer.to_owned(),
            audience: config.oidc_audience.clone(),
            keys,
            name_claim: config.oidc_name_claim.clone(),
            role_claim: config.oidc_role_claim.clone(),
            layer_claim: config.oidc_layer_claim.clone(),
        })
    }

    /// The caller an identity token speaks for, at `now`.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> ApiResult<Caller> {
        let header = decode_header(token).map_err(|_| refused("not a JWT"))?;
        if matches!(
            header.alg,
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512
        ) {
            return Err(refused("shared-secret signatures are not accepted"));
        }
        let jwk = match &header.kid {
            Some(kid) => self.keys.find(kid),
            None if self.keys.keys.len() == 1 => self.keys.keys.first(),
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
        crate::service::text::check("name", name)
            .map_err(|_| refused("the account name holds a control character"))?;
        Ok(Caller {
            name: name.chars().take(100).collect(),
            role,
            layer,
        })
    }
}
