//! Signing in on the web through an OpenID Connect provider (issue 17): the authorization code
//! flow with PKCE against a provider served by the test itself on this machine (discovery, keys
//! and a token endpoint that checks the PKCE verifier and signs identity tokens).

use crate::accounts::Issuer;
use crate::support::{TestApp, fresh_database};
use crate::web::Browser;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use koers::config::{ApiConfig, OidcConfig};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The client id koers has at the test provider.
const CLIENT: &str = "koers-test";

/// A code the provider handed out: the PKCE challenge and nonce of its sign-in, and the claims
/// of whom it signed in.
type Handed = (String, String, Value);

/// The test provider: its keys, and the codes it handed out.
#[derive(Clone)]
struct Provider {
    base: String,
    issuer: Arc<Issuer>,
    /// Signs instead of `issuer` when set: a key the provider does not publish.
    forger: Arc<Mutex<Option<Issuer>>>,
    codes: Arc<Mutex<HashMap<String, Handed>>>,
    exchanged: Arc<Mutex<Vec<String>>>,
}

impl Provider {
    /// Serve a provider on a free port of this machine.
    async fn start() -> Provider {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let provider = Provider {
            base,
            issuer: Arc::new(Issuer::new("web-key")),
            forger: Arc::default(),
            codes: Arc::default(),
            exchanged: Arc::default(),
        };
        let router = axum::Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/token", post(token))
            .with_state(provider.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        provider
    }

    /// The user signs in at the provider, who hands out `code` for that sign-in.
    fn authorize(&self, code: &str, challenge: &str, nonce: &str, claims: Value) {
        if let Ok(mut codes) = self.codes.lock() {
            codes.insert(
                code.to_owned(),
                (challenge.to_owned(), nonce.to_owned(), claims),
            );
        }
    }
}

async fn discovery(State(p): State<Provider>) -> axum::Json<Value> {
    axum::Json(json!({
        "issuer": p.base,
        "authorization_endpoint": format!("{}/authorize", p.base),
        "token_endpoint": format!("{}/token", p.base),
        "jwks_uri": format!("{}/jwks", p.base),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["EdDSA"],
    }))
}

async fn jwks(State(p): State<Provider>) -> ([(&'static str, &'static str); 1], String) {
    ([("content-type", "application/json")], p.issuer.jwks())
}

/// The token endpoint: a known code, for this client, with the verifier of its challenge.
async fn token(
    State(p): State<Provider>,
    axum::Form(form): axum::Form<HashMap<String, String>>,
) -> (StatusCode, axum::Json<Value>) {
    let refused = |why: &str| {
        (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({ "error": "invalid_grant", "error_description": why })),
        )
    };
    let code = form.get("code").cloned().unwrap_or_default();
    let Some((challenge, nonce, mut claims)) =
        p.codes.lock().ok().and_then(|mut c| c.remove(&code))
    else {
        return refused("unknown code");
    };
    if form.get("client_id").map(String::as_str) != Some(CLIENT)
        || form.get("grant_type").map(String::as_str) != Some("authorization_code")
    {
        return refused("wrong client or grant");
    }
    let verifier = form.get("code_verifier").cloned().unwrap_or_default();
    let digest = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
    if URL_SAFE_NO_PAD.encode(digest.as_ref()) != challenge {
        return refused("the PKCE verifier does not match");
    }
    if let Ok(mut seen) = p.exchanged.lock() {
        seen.push(code);
    }
    claims["iss"] = p.base.clone().into();
    claims["aud"] = CLIENT.into();
    if claims.get("nonce").is_none() {
        claims["nonce"] = nonce.into();
    }
    (
        StatusCode::OK,
        axum::Json(json!({
            "access_token": "opaque",
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": match p.forger.lock().ok().and_then(|f| f.as_ref().map(|f| f.sign(&claims))) {
                Some(forged) => forged,
                None => p.issuer.sign(&claims),
            },
        })),
    )
}

/// The claims of `name` with `role` (and `layer`), valid around the test's clock.
fn person(name: &str, role: &str, layer: Option<&str>) -> Value {
    let now = crate::support::t0().timestamp();
    json!({
        "sub": format!("sub-{name}"),
        "preferred_username": name,
        "koers_role": role,
        "koers_layer": layer,
        "iat": now,
        "exp": now + 300,
    })
}

/// koers configured with the provider at `p`.
async fn koers_with(p: &Provider) -> TestApp {
    let config = OidcConfig {
        oidc_issuer: Some(p.base.clone()),
        oidc_name_claim: "preferred_username".into(),
        oidc_role_claim: "koers_role".into(),
        oidc_layer_claim: "koers_layer".into(),
        oidc_client_id: Some(CLIENT.into()),
        oidc_provider_name: "Rijksinlog".into(),
        public_url: Some("https://koers.example.nl".into()),
        ..Default::default()
    };
    let provider = koers::oidc::SignInProvider::discover(&config)
        .await
        .expect("discovery")
        .expect("configured");
    let identity = OidcConfig {
        oidc_jwks: Some(provider.jwks_uri.clone()),
        ..config
    };
    let verifier = koers::oidc::Verifier::load(&identity)
        .await
        .expect("keys")
        .expect("configured");
    TestApp::with_identity(
        fresh_database().await,
        ApiConfig::default(),
        Some(verifier),
        Some(provider),
    )
    .await
}

/// The parameters of the provider's authorization address koers sent the browser to.
fn authorization(location: &str) -> HashMap<String, String> {
    let query = location.split_once('?').map(|(_, q)| q).unwrap_or_default();
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), percent_decode(v)))
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A programme manager signs in through the provider: the sign-in page offers it; the button
/// sends the browser to the provider with PKCE (S256), a state and a nonce, and back to koers's
/// public address; the provider's code, exchanged with the verifier, signs the session in as
/// the account its identity token names (role and layer as for a bearer token), under a new
/// session id, back on the page the reader came from; the state and the sign-in are used once.
#[tokio::test]
async fn a_manager_signs_in_through_the_identity_provider() {
    let p = Provider::start().await;
    let app = koers_with(&p).await;
    let mut browser = Browser::new(&app);
    let (status, _, html) = browser.get("/aanmelden?terug=/tijdlijn").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Aanmelden via Rijksinlog</button>"), "{html}");
    let (status, headers, _) = browser
        .post("/aanmelden/oidc", &[("terug", "/tijdlijn")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        location.starts_with(&format!("{}/authorize?", p.base)),
        "{location}"
    );
    let asked = authorization(&location);
    assert_eq!(asked.get("response_type").map(String::as_str), Some("code"));
    assert_eq!(asked.get("client_id").map(String::as_str), Some(CLIENT));
    assert_eq!(
        asked.get("code_challenge_method").map(String::as_str),
        Some("S256")
    );
    assert_eq!(
        asked.get("redirect_uri").map(String::as_str),
        Some("https://koers.example.nl/aanmelden/oidc/terug")
    );
    assert!(
        asked
            .get("scope")
            .is_some_and(|s| s.split(' ').any(|x| x == "openid")),
        "{asked:?}"
    );
    let (state, nonce, challenge) = (
        asked["state"].clone(),
        asked["nonce"].clone(),
        asked["code_challenge"].clone(),
    );

    // Back from the provider with a state that is not this browser's: refused.
    p.authorize(
        "code-1",
        &challenge,
        &nonce,
        person("Ans", "PROGRAMME_MANAGER", None),
    );
    let (status, _, html) = browser
        .get("/aanmelden/oidc/terug?code=code-1&state=iets-anders")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{html}");
    assert!(html.contains("hoort niet bij deze browser"), "{html}");
    // ... which does not cancel this browser's sign-in: the right state finishes it, once.
    let (status, _, html) = browser
        .get(&format!("/aanmelden/oidc/terug?code=code-1&state={state}"))
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    let (status, _, html) = browser
        .get(&format!("/aanmelden/oidc/terug?code=code-1&state={state}"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{html}");
    assert!(
        html.contains("verlopen of niet op deze pagina begonnen"),
        "{html}"
    );

    // Signed in again, as a layer manager now.
    let asked = started(&mut browser, "/tijdlijn").await;
    let before = browser.cookie().unwrap_or_default();
    let (status, headers, html) = returns(
        &p,
        &mut browser,
        &asked,
        "code-2",
        person("Ans", "LAYER_MANAGER", Some("GEMEENTE")),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/tijdlijn")
    );
    assert_ne!(
        browser.cookie().unwrap_or_default(),
        before,
        "a new session id"
    );
    assert!(
        p.exchanged
            .lock()
            .is_ok_and(|e| e.contains(&"code-2".to_owned()))
    );
    let (status, _, html) = browser.get("/").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Aangemeld als Ans"), "{html}");
    assert!(
        html.contains("Gemeenten en de gezamenlijke mijlpalen"),
        "their own layer: {html}"
    );
    // Signing out ends it.
    let form = crate::web::hidden(&html, "formulier");
    let (status, _, _) = browser.post("/afmelden", &[("formulier", &form)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = browser.get("/").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "signed out");
}

/// What the provider vouches for must hold: a token for another nonce, one that names no koers
/// role, a code the provider does not know and a provider's own error each leave the browser
/// signed out, with a Dutch page; a button pressed on another site changes nothing.
#[tokio::test]
async fn a_sign_in_the_provider_does_not_vouch_for_is_refused() {
    let p = Provider::start().await;
    let app = koers_with(&p).await;
    let cases: Vec<(&str, Option<Value>, &str)> = vec![
        (
            "another nonce",
            Some(json!({ "nonce": "niet-deze" })),
            "koers aanvaardt dat bewijs niet",
        ),
        (
            "no role",
            Some(json!({ "koers_role": null })),
            "koers aanvaardt dat bewijs niet",
        ),
        (
            "unknown code",
            None,
            "De inlogdienst aanvaardde deze aanmelding niet",
        ),
    ];
    for (what, change, said) in cases {
        let mut browser = Browser::new(&app);
        let (_, headers, _) = browser.post("/aanmelden/oidc", &[("terug", "/")]).await;
        let asked = authorization(
            headers
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default(),
        );
        let code = format!("code-{}", what.replace(' ', "-"));
        if let Some(change) = change {
            let mut claims = person("Bert", "VIEWER", None);
            if let (Some(c), Some(m)) = (claims.as_object_mut(), change.as_object()) {
                for (k, v) in m {
                    c.insert(k.clone(), v.clone());
                }
            }
            p.authorize(&code, &asked["code_challenge"], &asked["nonce"], claims);
        }
        let (status, _, html) = browser
            .get(&format!(
                "/aanmelden/oidc/terug?code={code}&state={}",
                asked["state"]
            ))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}: {html}");
        assert!(html.contains(said), "{what}: {html}");
        let (status, _, _) = browser.get("/").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}: still signed out");
    }
    // The provider's own error.
    let mut browser = Browser::new(&app);
    let (_, headers, _) = browser.post("/aanmelden/oidc", &[("terug", "/")]).await;
    let asked = authorization(
        headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default(),
    );
    let (status, _, html) = browser
        .get(&format!(
            "/aanmelden/oidc/terug?error=access_denied&state={}",
            asked["state"]
        ))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{html}");
    assert!(html.contains("afgebroken of geweigerd"), "{html}");
    // The button on another site: nothing starts.
    let (status, _, html) = crate::web::browse_with(&app, "/aanmelden", &[]).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let request = axum::http::Request::post("/aanmelden/oidc")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(axum::body::Body::from("terug=%2F"))
        .expect("request");
    let (status, _) = app.send(request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// Without a provider configured, the sign-in page offers none and its addresses say so.
#[tokio::test]
async fn without_a_provider_there_is_no_such_sign_in() {
    let app = TestApp::new().await;
    let mut browser = Browser::new(&app);
    let (_, _, html) = browser.get("/aanmelden").await;
    assert!(!html.contains("Aanmelden via"), "{html}");
    let (status, _, html) = browser.post("/aanmelden/oidc", &[("terug", "/")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{html}");
    assert!(
        html.contains("Aanmelden via een inlogdienst kan hier niet"),
        "{html}"
    );
    let (status, _, _) = browser.get("/aanmelden/oidc/terug?code=x&state=y").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The provider hands out `code` for the sign-in `asked` describes, signing in `claims`, and
/// the browser comes back with it: status, headers and page.
async fn returns(
    p: &Provider,
    browser: &mut Browser<'_>,
    asked: &HashMap<String, String>,
    code: &str,
    claims: Value,
) -> (StatusCode, axum::http::HeaderMap, String) {
    p.authorize(code, &asked["code_challenge"], &asked["nonce"], claims);
    browser
        .get(&format!(
            "/aanmelden/oidc/terug?code={code}&state={}",
            asked["state"]
        ))
        .await
}

/// One sign-in under way, started by `browser` (returning to `back`): the parameters koers sent
/// to the provider.
async fn started(browser: &mut Browser<'_>, back: &str) -> HashMap<String, String> {
    let (status, headers, _) = browser.post("/aanmelden/oidc", &[("terug", back)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    authorization(
        headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default(),
    )
}

/// The identity token's signature is checked (by koers's verifier, after `openidconnect`'s
/// checks of the sign-in): a token signed with a key the provider does not publish, or expired
/// by koers's clock, signs nobody in. A sign-in is good for 10 minutes; a way back off koers is
/// Mijn overzicht; a failed sign-in leaves nothing a replayed cookie could finish.
#[tokio::test]
async fn the_token_is_checked_and_a_sign_in_is_short_lived_and_used_once() {
    let p = Provider::start().await;
    let app = koers_with(&p).await;

    // Signed with another key.
    let mut browser = Browser::new(&app);
    let asked = started(&mut browser, "/").await;
    if let Ok(mut forger) = p.forger.lock() {
        *forger = Some(Issuer::new("web-key"));
    }
    let (status, _, html) = returns(
        &p,
        &mut browser,
        &asked,
        "forged",
        person("Eva", "ADMIN", None),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{html}");
    assert!(html.contains("koers aanvaardt dat bewijs niet"), "{html}");
    if let Ok(mut forger) = p.forger.lock() {
        *forger = None;
    }

    // Expired by koers's clock (the token is valid for 5 minutes from t0).
    let mut browser = Browser::new(&app);
    let asked = started(&mut browser, "/").await;
    app.clock
        .set(crate::support::t0() + chrono::Duration::minutes(6));
    let (status, _, html) = returns(
        &p,
        &mut browser,
        &asked,
        "late",
        person("Eva", "ADMIN", None),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{html}");
    assert!(html.contains("koers aanvaardt dat bewijs niet"), "{html}");
    app.clock.set(crate::support::t0());

    // A sign-in older than 10 minutes is over.
    let mut browser = Browser::new(&app);
    let asked = started(&mut browser, "/").await;
    app.clock
        .set(crate::support::t0() + chrono::Duration::minutes(11));
    let (status, _, html) = returns(
        &p,
        &mut browser,
        &asked,
        "slow",
        person("Eva", "ADMIN", None),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{html}");
    assert!(
        html.contains("verlopen of niet op deze pagina begonnen"),
        "{html}"
    );
    app.clock.set(crate::support::t0());

    // A return with another state (a link from elsewhere) does not cancel the sign-in under
    // way; a failed one deletes the session that held it, so its cookie cannot finish it.
    let mut browser = Browser::new(&app);
    let asked = started(&mut browser, "/").await;
    let (status, _, _) = browser
        .get("/aanmelden/oidc/terug?code=x&state=niet-deze")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let kept = browser.cookie();
    let rows = app.count("web_session").await;
    let (status, _, _) = browser
        .get(&format!(
            "/aanmelden/oidc/terug?error=access_denied&state={}",
            asked["state"]
        ))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.count("web_session").await,
        rows - 1,
        "the session is deleted"
    );
    browser.set_cookie(kept);
    let (status, _, html) = returns(
        &p,
        &mut browser,
        &asked,
        "replay",
        person("Eva", "ADMIN", None),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "replayed: {html}");

    // A way back off koers is Mijn overzicht.
    let mut browser = Browser::new(&app);
    let asked = started(&mut browser, "https://elders.example/x").await;
    let (status, headers, _) = returns(
        &p,
        &mut browser,
        &asked,
        "home",
        person("Eva", "ADMIN", None),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/")
    );
    let (status, _, html) = browser.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Aangemeld als Eva"), "{html}");
    // A provider's account holds an hour at most (by koers's clock), however busy.
    app.clock
        .set(crate::support::t0() + chrono::Duration::minutes(59));
    let (status, _, _) = browser.get("/").await;
    assert_eq!(status, StatusCode::OK);
    app.clock
        .set(crate::support::t0() + chrono::Duration::minutes(61));
    let (status, _, _) = browser.get("/").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "an hour after signing in");
}
