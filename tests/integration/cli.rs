//! The `koers` command line as an operator uses it: the names the API uses are accepted, and a
//! tool's output is its result (no colour codes in a pipe, no migrator progress lines).

use std::path::PathBuf;
use std::process::{Command, Output};

/// The `koers` binary of this build (`target/<profile>/koers`, next to the test binary's
/// `deps/`), brought up to date first: `cargo test` of this package does not build another
/// package's binary, and a stale one would test old code.
pub(crate) fn koers() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let exe = std::env::current_exe().expect("test binary");
            let dir = exe
                .parent()
                .and_then(|deps| deps.parent())
                .expect("target dir")
                .to_owned();
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
            let mut build = Command::new(cargo);
            // The same selection as scripts/test's build: another one (`-p koers --bin koers`)
            // unifies features differently and rebuilds the binary, and then the next
            // workspace build rebuilds it back.
            build
                .args([
                    "build",
                    "--quiet",
                    "--locked",
                    "--workspace",
                    "--all-targets",
                ])
                .current_dir(env!("CARGO_MANIFEST_DIR"));
            // Without the variables `cargo test` sets for this package: some build scripts
            // (ring's) rerun when `CARGO_MANIFEST_DIR` changes, and would rebuild the stack
            // here and again at the next build from a shell.
            for (name, _) in std::env::vars() {
                if crate_variable(&name) {
                    build.env_remove(name);
                }
            }
            if dir.ends_with("release") {
                build.arg("--release");
            }
            let status = build.status().expect("cargo runs");
            assert!(status.success(), "building the koers binary failed");
            dir.join("koers")
        })
        .clone()
}

/// A variable cargo sets for the crate being built or tested (`CARGO_MANIFEST_DIR`,
/// `CARGO_PKG_NAME`, ...), as opposed to cargo's own configuration (`CARGO_HOME`,
/// `CARGO_TARGET_DIR`, `CARGO_BUILD_*`, ...).
fn crate_variable(name: &str) -> bool {
    const CONFIGURATION: [&str; 9] = [
        "CARGO_HOME",
        "CARGO_TARGET_DIR",
        "CARGO_INCREMENTAL",
        "CARGO_BUILD_",
        "CARGO_PROFILE_",
        "CARGO_TERM_",
        "CARGO_NET_",
        "CARGO_HTTP_",
        "CARGO_REGISTR",
    ];
    name.starts_with("CARGO_")
        && !CONFIGURATION.iter().any(|kept| {
            name == *kept
                || (kept.ends_with('_') || *kept == "CARGO_REGISTR") && name.starts_with(kept)
        })
}

pub(crate) fn run(database: &str, args: &[&str]) -> Output {
    Command::new(koers())
        .args(args)
        .env("DATABASE_URL", database)
        .env_remove("RUST_LOG")
        .env_remove("NO_COLOR")
        .output()
        .expect("koers runs")
}

#[test]
fn token_accepts_the_apis_names_and_tools_print_only_their_result() {
    let dir = std::env::temp_dir().join(format!("koers-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let database = format!("sqlite://{}?mode=rwc", dir.join("koers.db").display());
    for (role, layer) in [
        ("programme_manager", None),
        ("PROGRAMME_MANAGER", None),
        ("layer-manager", Some("GEMEENTE")),
        ("Layer_Manager", Some("gemeente")),
        ("admin", None),
    ] {
        // One name per account: each role its own.
        let name = format!("beheer-{}", role.to_lowercase().replace('_', "-"));
        let mut args = vec!["token", "create", "--name", &name, "--role", role];
        if let Some(layer) = layer {
            args.extend(["--layer", layer]);
        }
        let out = run(&database, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{role} {layer:?}: {stderr}");
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("koers_"));
        assert!(
            !stderr.contains('\u{1b}'),
            "no colour codes in a pipe: {stderr:?}"
        );
        assert!(
            !stderr.contains("Applying migration") && !stderr.contains("INFO"),
            "no migrator progress: {stderr}"
        );
    }
    let refused = run(
        &database,
        &["token", "create", "--name", "x", "--role", "boss"],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("programme-manager"));

    let status = run(&database, &["migrate", "status"]);
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(status.status.success());
    assert!(
        stdout.lines().all(|l| l.starts_with("applied ")),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&status.stderr).is_empty());

    // A report needs a plan: without one the peildatum is refused, naming the option.
    let empty = run(&database, &["report", "--as-of", "2026-06-15"]);
    assert!(!empty.status.success());
    assert!(
        String::from_utf8_lossy(&empty.stderr)
            .contains("--as-of: on 2026-06-15 the plan held no programme yet"),
        "{}",
        String::from_utf8_lossy(&empty.stderr)
    );
    let demo = run(&database, &["demo"]);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let report = run(
        &database,
        &[
            "report",
            "--as-of",
            "2026-06-15",
            "--format",
            "MD",
            "--language",
            "NL",
        ],
    );
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    assert!(!String::from_utf8_lossy(&report.stderr).contains('\u{1b}'));
    std::fs::remove_dir_all(&dir).ok();
}

/// `koers generate --milestones N` makes a plan of that many milestones (the web benchmark's
/// 500), and refuses none.
#[test]
fn generate_makes_the_milestones_asked_for() {
    let dir = std::env::temp_dir().join(format!("koers-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let database = format!("sqlite://{}?mode=rwc", dir.join("koers.db").display());
    let out = run(
        &database,
        &["generate", "--size", "s", "--milestones", "37"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("milestones: 37"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let refused = run(&database, &["generate", "--size", "s", "--milestones", "0"]);
    assert!(!refused.status.success());
    std::fs::remove_dir_all(&dir).ok();
}
