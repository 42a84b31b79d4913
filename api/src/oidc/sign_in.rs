//! Signing in on the web through the OpenID Connect provider (authorization code flow with
//! PKCE), with the `openidconnect` crate: discovery of the provider's endpoints at start-up,
//! the authorization address (state, nonce, PKCE challenge), and the code exchange at its token
//! endpoint.
//!
//! The identity token that comes back is checked twice over, each by the part that owns the
//! rule: `openidconnect` checks what belongs to this sign-in (the nonce we sent, the issuer,
//! koers as its audience, expiry and issue time, by koers's clock); [`Verifier::verify`] checks
//! its signature against the issuer's keys (read again when the provider rotates them) and turns
//! its claims into a koers account (name, role, layer), exactly as it does for a bearer token.
//! So an account means the same on the web and on the API.
//!
//! The provider is asked over HTTP by `ureq` (never following a redirect, as the `openidconnect`
//! documentation advises against SSRF), from a blocking thread.

use super::Verifier;
use crate::config::OidcConfig;
use crate::service::accounts::access::Caller;
use anyhow::Context as _;
use chrono::{DateTime, Utc};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The path the provider sends the browser back to.
pub const RETURN_PATH: &str = "/aanmelden/oidc/terug";

/// How long a sign-in at the provider may take, in seconds, before it has to start again.
pub const PENDING_SECONDS: i64 = 600;

/// How long a request to the provider may take.
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(10);

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// The provider users sign in with on the web.
pub struct SignInProvider {
    client: Client,
    /// What the sign-in page calls it.
    pub name: String,
    /// Where its keys are published (discovery's `jwks_uri`).
    pub jwks_uri: String,
}

/// A sign-in under way: what the browser's session keeps while the user is at the provider.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending {
    /// The `state` sent (against cross-site requests).
    pub state: String,
    /// The `nonce` sent (the identity token must carry it).
    pub nonce: String,
    /// The PKCE verifier whose challenge was sent.
    pub verifier: String,
    /// The koers address to return to afterwards.
    pub back: String,
    /// When it started (seconds since 1970).
    pub started: i64,
}

/// Why a sign-in through the provider failed (each is logged; the user sees Dutch words).
#[derive(Debug)]
pub enum Failed {
    /// The provider could not be reached, or its answer could not be read: not the reader's
    /// doing.
    Unreachable(String),
    /// The provider refused the code (`invalid_grant`: unknown, used, expired, another
    /// verifier).
    Provider(String),
    /// The provider refused koers as its client (`invalid_client`, `unauthorized_client`, ...):
    /// koers's registration or configuration, not the reader.
    Misconfigured(String),
    /// The identity token is not valid for this sign-in, or names no koers account (no role,
    /// an unknown layer).
    Token(String),
}

impl SignInProvider {
    /// The provider of `config`, found through its discovery document; none unless
    /// `--oidc-client-id` is set. Fails (at start-up) when it is set without `--oidc-issuer` or
    /// `--public-url`, or the discovery document cannot be read or lacks a token endpoint.
    pub async fn discover(config: &OidcConfig) -> anyhow::Result<Option<Self>> {
        let Some(client_id) = &config.oidc_client_id else {
            return Ok(None);
        };
        let issuer = config
            .oidc_issuer
            .clone()
            .context("--oidc-client-id needs --oidc-issuer")?;
        let public = config
            .public_url
            .clone()
            .context("--oidc-client-id needs --public-url (the address users reach koers at)")?;
        let redirect = RedirectUrl::new(format!("{}{RETURN_PATH}", public.trim_end_matches('/')))
            .context("--public-url is not an address")?;
        // The code and the client secret travel to the provider: over https (plain http only to
        // this machine, for a test provider).
        anyhow::ensure!(
            secure(&issuer),
            "--oidc-issuer must be https:// (plain http only on this machine): {issuer}"
        );
        let issuer_url =
            IssuerUrl::new(issuer.clone()).context("--oidc-issuer is not an address")?;
        let metadata = CoreProviderMetadata::discover_async(issuer_url, &http)
            .await
            .with_context(|| format!("reading the discovery document of {issuer}"))?;
        let token_endpoint = metadata
            .token_endpoint()
            .map(|t| t.url().to_string())
            .context("the provider's discovery document names no token endpoint")?;
        anyhow::ensure!(
            secure(&token_endpoint),
            "the provider's token endpoint must be https:// (plain http only on this machine): {token_endpoint}"
        );
        let jwks_uri = metadata.jwks_uri().url().to_string();
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(client_id.clone()),
            config.oidc_client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect);
        let name = match config.oidc_provider_name.trim() {
            "" => "uw organisatie".to_owned(),
            name => name.to_owned(),
        };
        Ok(Some(Self {
            client,
            name,
            jwks_uri,
        }))
    }

    /// Start a sign-in that returns to `back`: the provider's authorization address to send the
    /// browser to, and what its session keeps meanwhile.
    pub fn start(&self, back: String, now: DateTime<Utc>) -> (String, Pending) {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = self
            .client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("profile".to_owned()))
            .set_pkce_challenge(challenge)
            .url();
        let pending = Pending {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
            back,
            started: now.timestamp(),
        };
        (url.to_string(), pending)
    }

    /// Finish a sign-in: exchange `code` at the token endpoint with the PKCE verifier, check
    /// the identity token for this sign-in, and read the account it speaks for (see the module).
    pub async fn finish(
        &self,
        pending: &Pending,
        code: String,
        verifier: &Verifier,
        now: DateTime<Utc>,
    ) -> Result<Caller, Failed> {
        let request = self
            .client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| Failed::Unreachable(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()));
        let response = request.request_async(&http).await.map_err(|e| {
            use openidconnect::RequestTokenError as E;
            match e {
                E::ServerResponse(refused) => {
                    if refused.error().to_string() == "invalid_grant" {
                        Failed::Provider(refused.to_string())
                    } else {
                        Failed::Misconfigured(refused.to_string())
                    }
                }
                E::Request(e) => Failed::Unreachable(e.to_string()),
                E::Parse(e, _) => {
                    Failed::Unreachable(format!("its answer is no token response: {e}"))
                }
                E::Other(e) => Failed::Unreachable(e),
            }
        })?;
        let token = response
            .id_token()
            .ok_or_else(|| Failed::Token("the token response holds no identity token".into()))?;
        let checks = self
            .client
            .id_token_verifier()
            // The signature is `Verifier::verify`'s, with the issuer's current keys.
            .insecure_disable_signature_check()
            .allow_any_alg()
            .set_time_fn(move || now);
        token
            .claims(&checks, &Nonce::new(pending.nonce.clone()))
            .map_err(|e| Failed::Token(format!("{e:?}")))?;
        verifier
            .verify(&token.to_string(), now)
            .await
            .map_err(|e| Failed::Token(format!("{e:?}")))
    }
}

/// Whether `address` is https, or plain http to this machine (a test provider): read as an
/// address, so `http://localhost.example` or `http://localhost@example` are neither.
pub(crate) fn secure(address: &str) -> bool {
    use openidconnect::url::{Host, Url};
    let Ok(url) = Url::parse(address) else {
        return false;
    };
    match url.scheme() {
        "https" => true,
        "http" => {
            url.username().is_empty()
                && url.password().is_none()
                && match url.host() {
                    Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
                    Some(Host::Ipv4(ip)) => ip.is_loopback(),
                    Some(Host::Ipv6(ip)) => ip.is_loopback(),
                    None => false,
                }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_https_or_this_machine_is_secure() {
        for ok in [
            "https://login.example.overheid.nl",
            "http://127.0.0.1:8080/x",
            "http://localhost/jwks",
            "http://[::1]:9000",
        ] {
            assert!(super::secure(ok), "{ok}");
        }
        for bad in [
            "http://login.example.overheid.nl",
            "http://localhost.evil.example",
            "http://127.0.0.1.nip.io",
            "http://localhost@evil.example/",
            "http://user@127.0.0.1/",
            "ftp://127.0.0.1",
            "keys.json",
        ] {
            assert!(!super::secure(bad), "{bad}");
        }
    }
}

/// One request to the provider, from a blocking thread (see the module).
async fn http(
    request: openidconnect::HttpRequest,
) -> Result<openidconnect::HttpResponse, HttpError> {
    tokio::task::spawn_blocking(move || send(request))
        .await
        .map_err(|e| HttpError(e.to_string()))?
}

pub(super) fn send(
    request: openidconnect::HttpRequest,
) -> Result<openidconnect::HttpResponse, HttpError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .max_redirects_will_error(false)
        .http_status_as_error(false)
        .timeout_global(Some(PROVIDER_TIMEOUT))
        .build()
        .into();
    let response = agent.run(request).map_err(|e| HttpError(e.to_string()))?;
    let (parts, body) = response.into_parts();
    let bytes = body
        .into_with_config()
        .limit(1024 * 1024)
        .read_to_vec()
        .map_err(|e| HttpError(e.to_string()))?;
    Ok(openidconnect::HttpResponse::from_parts(parts, bytes))
}

/// A request to the provider that failed on the way.
#[derive(Debug)]
pub struct HttpError(String);

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the identity provider could not be reached: {}", self.0)
    }
}

impl std::error::Error for HttpError {}
