//! Accounts: API tokens stored only as their hash, expiring and revocable; OIDC identity tokens
//! from a configured issuer (signed here with a locally generated key), and the ways they fail.

use crate::support::{TestApp, code, fresh_database, t0};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use entity::{GovernmentLayer, Role};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use koers::config::{ApiConfig, OidcConfig};
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::{Value, json};

const PROGRAMMES: &str = "{ programmes { totalCount } }";

async fn status_with(app: &TestApp, authorization: &str) -> (StatusCode, Value) {
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .header("authorization", authorization)
        .body(Body::from(json!({ "query": PROGRAMMES }).to_string()))
        .expect("request");
    app.send(request).await
}

#[tokio::test]
async fn a_token_is_stored_as_its_hash_and_stops_at_expiry_or_revocation() {
    let app = TestApp::new().await;
    let actor = koers::service::Actor::system("test", t0());
    let (saved, token) = koers::service::accounts::tokens::create(
        &app.db,
        &actor,
        koers::service::accounts::tokens::NewToken {
            name: "tijdelijk".into(),
            role: Role::Viewer,
            layer: None,
            expires_at: Some(t0() + chrono::Duration::days(1)),
        },
    )
    .await
    .expect("token");
    assert!(
        token.starts_with("koers_") && token.len() == 6 + 64,
        "{token}"
    );
    // Only the SHA-256 is stored: nothing in the row holds the token.
    let rows = koers::service::accounts::tokens::list(&app.db)
        .await
        .expect("list");
    let row = rows.iter().find(|t| t.id == saved.id).expect("listed");
    assert_eq!(
        row.token_hash,
        koers::service::store::digest::sha256(token.as_bytes())
    );
    let stored = format!("{row:?}");
    assert!(
        !stored.contains(&token[6..]),
        "the token itself is not stored"
    );
    assert_eq!(row.token_prefix, &token[..12]);

    let bearer = format!("Bearer {token}");
    assert_eq!(status_with(&app, &bearer).await.0, StatusCode::OK);
    // A day later it has expired.
    app.clock.set(t0() + chrono::Duration::days(2));
    let (status, body) = status_with(&app, &bearer).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&body["errors"][0]), "UNAUTHENTICATED");

    // Revoked, the admin's token stops at once; revoking twice is a conflict.
    let admin = koers::service::accounts::tokens::list(&app.db)
        .await
        .expect("list")
        .into_iter()
        .find(|t| t.name == "tester")
        .expect("the harness's admin");
    assert_eq!(
        status_with(&app, &format!("Bearer {}", app.token)).await.0,
        StatusCode::OK
    );
    koers::service::accounts::tokens::revoke(&app.db, &actor, admin.id)
        .await
        .expect("revoke");
    assert_eq!(
        status_with(&app, &format!("Bearer {}", app.token)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert!(matches!(
        koers::service::accounts::tokens::revoke(&app.db, &actor, admin.id).await,
        Err(koers::error::ApiError::Conflict(_))
    ));

    // Unknown tokens and other schemes are refused alike, with a challenge.
    for header in [
        "Bearer koers_0000",
        "Bearer nonsense",
        "Basic dXNlcjpwdw==",
        "Bearer ",
    ] {
        let request = Request::post("/graphql")
            .header("content-type", "application/json")
            .header("authorization", header)
            .body(Body::from(json!({ "query": PROGRAMMES }).to_string()))
            .expect("request");
        let response = app.router.clone().oneshot(request).await.expect("answer");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{header}");
        assert!(response.headers().contains_key("www-authenticate"));
    }
}

#[tokio::test]
async fn tokens_are_checked_when_created() {
    let app = TestApp::new().await;
    let actor = koers::service::Actor::system("test", t0());
    let new = |role, layer, expires_at| koers::service::accounts::tokens::NewToken {
        name: "x".into(),
        role,
        layer,
        expires_at,
    };
    for (role, layer, expires, field) in [
        (Role::LayerManager, None, None, "layer"),
        (Role::Viewer, Some(GovernmentLayer::Rijk), None, "layer"),
        (
            Role::Admin,
            None,
            Some(t0() - chrono::Duration::hours(1)),
            "expiresAt",
        ),
    ] {
        match koers::service::accounts::tokens::create(&app.db, &actor, new(role, layer, expires))
            .await
        {
            Err(koers::error::ApiError::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{role:?} {layer:?}: {other:?}"),
        }
    }
}

use tower::ServiceExt;

/// A locally generated Ed25519 key, its JWKS and tokens signed with it.
pub(crate) struct Issuer {
    pkcs8: Vec<u8>,
    kid: &'static str,
}

impl Issuer {
    pub(crate) fn new(kid: &'static str) -> Self {
        let rng = ring::rand::SystemRandom::new();
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&rng)
            .expect("key")
            .as_ref()
            .to_vec();
        Issuer { pkcs8, kid }
    }

    pub(crate) fn jwks(&self) -> String {
        let pair = Ed25519KeyPair::from_pkcs8(&self.pkcs8).expect("pair");
        json!({ "keys": [{
            "kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": self.kid,
            "x": URL_SAFE_NO_PAD.encode(pair.public_key().as_ref()),
        }] })
        .to_string()
    }

    pub(crate) fn sign(&self, claims: &Value) -> String {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.to_owned());
        jsonwebtoken::encode(&header, claims, &EncodingKey::from_ed_der(&self.pkcs8))
            .expect("signed")
    }
}

const ISSUER: &str = "https://login.example.overheid.nl";

fn claims(name: &str, role: &str, layer: Option<&str>, exp_in: chrono::Duration) -> Value {
    json!({
        "iss": ISSUER,
        "sub": format!("sub-{name}"),
        "preferred_username": name,
        "koers_role": role,
        "koers_layer": layer,
        "exp": (t0() + exp_in).timestamp(),
    })
}

#[tokio::test]
async fn identity_tokens_of_the_configured_issuer_are_accepted_and_others_refused() {
    let issuer = Issuer::new("key-1");
    // The keys come from a JWKS file, as a deployment would configure them.
    let path = std::env::temp_dir().join(format!("koers-jwks-{}.json", uuid::Uuid::new_v4()));
    std::fs::write(&path, issuer.jwks()).expect("jwks file");
    let config = OidcConfig {
        oidc_issuer: Some(ISSUER.into()),
        oidc_jwks: Some(path.display().to_string()),
        oidc_name_claim: "preferred_username".into(),
        oidc_role_claim: "koers_role".into(),
        oidc_layer_claim: "koers_layer".into(),
        ..Default::default()
    };
    let verifier = koers::oidc::Verifier::load(&config)
        .await
        .expect("load")
        .expect("configured");
    // Keys over plain http from elsewhere could be swapped on the way: refused at start-up.
    let insecure = OidcConfig {
        oidc_jwks: Some("http://login.example.overheid.nl/jwks.json".into()),
        ..config.clone()
    };
    assert!(koers::oidc::Verifier::load(&insecure).await.is_err());
    std::fs::remove_file(&path).ok();
    let app =
        TestApp::with_oidc(fresh_database().await, ApiConfig::default(), Some(verifier)).await;

    // A layer manager of the municipalities, signed in through the identity provider, edits
    // its own milestone; the history names them.
    let admin_made = app
        .ok(
            "mutation { createProgramme(input: { name: \"P\", goal: \"G\" }) { programme { id } } }",
            json!({}),
        )
        .await["createProgramme"]["programme"]["id"]
        .clone();
    let token = issuer.sign(&claims(
        "j.jansen",
        "layer_manager",
        Some("GEMEENTE"),
        chrono::Duration::hours(1),
    ));
    let made = app
        .gql_as(
            &token,
            "mutation($p: ID!) { createMilestone(input: { programmeId: $p, title: \"Pilot\", kind: DELIVERY, plannedDate: \"2026-09-01\", layer: GEMEENTE }) { milestone { id } } }",
            json!({ "p": admin_made }),
        )
        .await;
    assert!(made.get("errors").is_none(), "{made}");
    let history = app
        .ok(
            "{ changeRecords(actor: \"j.jansen\") { totalCount } }",
            json!({}),
        )
        .await;
    assert!(
        history["changeRecords"]["totalCount"]
            .as_i64()
            .unwrap_or_default()
            > 0,
        "{history}"
    );
    let denied = app
        .gql_as(
            &token,
            "mutation($p: ID!) { createMilestone(input: { programmeId: $p, title: \"Rijk\", kind: DELIVERY, plannedDate: \"2026-09-01\", layer: RIJK }) { milestone { id } } }",
            json!({ "p": admin_made }),
        )
        .await;
    assert_eq!(code(&denied["errors"][0]), "FORBIDDEN");

    let other_key = Issuer::new("key-1");
    let hour = chrono::Duration::hours(1);
    let mut wrong_issuer = claims("a", "VIEWER", None, hour);
    wrong_issuer["iss"] = json!("https://elders.example");
    let hs256 = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims("a", "ADMIN", None, hour),
        &EncodingKey::from_secret(b"shared"),
    )
    .expect("hs256");
    for (what, token) in [
        ("wrong issuer", issuer.sign(&wrong_issuer)),
        ("expired", issuer.sign(&claims("a", "VIEWER", None, -hour))),
        (
            "wrong key",
            other_key.sign(&claims("a", "ADMIN", None, hour)),
        ),
        ("shared secret", hs256),
        (
            "no role",
            issuer.sign(&json!({ "iss": ISSUER, "sub": "a", "exp": (t0() + hour).timestamp() })),
        ),
        (
            "layer without its role",
            issuer.sign(&claims("a", "VIEWER", Some("RIJK"), hour)),
        ),
        ("not a JWT", "eyJhbGciOi.nonsense.x".to_owned()),
    ] {
        let (status, body) = status_with(&app, &format!("Bearer {token}")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}: {body}");
        assert_eq!(code(&body["errors"][0]), "UNAUTHENTICATED", "{what}");
    }
    // And a valid viewer reads.
    let viewer = issuer.sign(&claims("lezer", "VIEWER", None, hour));
    let (status, body) = status_with(&app, &format!("Bearer {viewer}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["programmes"]["totalCount"], 1);
}

/// A key rotation at the identity provider needs no restart: a token signed with a key the
/// issuer did not list has the keys read again (at most once a minute), and is accepted once
/// the issuer lists its key.
#[tokio::test]
async fn identity_provider_keys_are_read_again_when_a_token_names_a_new_one() {
    let old = Issuer::new("key-1");
    let path = std::env::temp_dir().join(format!("koers-jwks-{}.json", uuid::Uuid::new_v4()));
    std::fs::write(&path, old.jwks()).expect("jwks file");
    let config = OidcConfig {
        oidc_issuer: Some(ISSUER.into()),
        oidc_jwks: Some(path.display().to_string()),
        oidc_name_claim: "preferred_username".into(),
        oidc_role_claim: "koers_role".into(),
        oidc_layer_claim: "koers_layer".into(),
        ..Default::default()
    };
    let verifier = koers::oidc::Verifier::load(&config)
        .await
        .expect("load")
        .expect("configured");
    let app =
        TestApp::with_oidc(fresh_database().await, ApiConfig::default(), Some(verifier)).await;
    let new = Issuer::new("key-2");
    let token = new.sign(&claims("lezer", "VIEWER", None, chrono::Duration::hours(1)));
    let bearer = format!("Bearer {token}");
    // Not listed yet: the keys are read again, and the token is still refused.
    let (status, _) = status_with(&app, &bearer).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // The issuer rotates: its JWKS now lists the new key.
    std::fs::write(&path, new.jwks()).expect("jwks file");
    // Within the minute the keys are not read again: still refused.
    let (status, _) = status_with(&app, &bearer).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // A minute on, they are, and the token is accepted.
    app.clock
        .set(koers::clock::Clock::now(app.clock.as_ref()) + chrono::Duration::seconds(61));
    let (status, body) = status_with(&app, &bearer).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The old key is gone from the issuer's list: its tokens are refused.
    let stale = old.sign(&claims("oud", "VIEWER", None, chrono::Duration::hours(1)));
    let (status, _) = status_with(&app, &format!("Bearer {stale}")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    std::fs::remove_file(&path).ok();
}
