//! Command line and environment configuration: read once at start-up into these structs.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;

/// Defaults of the API limits (one place: clap and `Default` both read them).
mod defaults {
    pub const MAX_DEPTH: usize = 16;
    pub const MAX_COMPLEXITY: usize = 2000;
    pub const MAX_COST: u64 = 25_000;
    pub const MAX_CONNECTIONS: usize = 512;
    pub const MAX_IN_FLIGHT: usize = 64;
    pub const HEADER_TIMEOUT_SECS: u64 = 10;
    pub const FAILED_SIGN_INS_PER_MINUTE: u32 = 30;
    pub const MAX_BATCH: usize = 10;
    pub const MAX_DIRECTIVES: usize = 10;
    pub const MAX_BODY_BYTES: usize = 1_048_576;
    pub const REQUEST_TIMEOUT_SECS: u64 = 30;
    pub const RATE_PER_MINUTE: u32 = 600;
    pub const AT_RISK_DAYS: i64 = 14;
    pub const SESSION_IDLE_MINUTES: i64 = 480;
}

/// The SQLite file used when no database URL is given.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://koers.db?mode=rwc";

/// koers: the GraphQL service behind the MVOI multi-year plan.
#[derive(Debug, Parser)]
#[command(name = "koers", version, about)]
pub struct Cli {
    /// Database URL: `sqlite://FILE?mode=rwc` (the default, a file in the working directory) or
    /// `postgres://user@host:port/db`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    /// Log format.
    #[arg(long, env = "KOERS_LOG_FORMAT", value_parser = lenient_parser::<LogFormat>(), default_value = "text", global = true)]
    pub log_format: LogFormat,

    /// Never colour the log lines (also when standard error is a terminal). Any non-empty
    /// `NO_COLOR` sets it (no-color.org); without a terminal, lines are never coloured.
    #[arg(long, env = "NO_COLOR", value_parser = present, num_args = 0, default_missing_value = "1", default_value = "", global = true)]
    pub no_color: bool,

    /// Log every SQL statement with its values inlined, and its duration (target `koers::sql`,
    /// level info). For diagnosis and the benchmark's SQL floor; it slows the service down.
    #[arg(long, env = "KOERS_LOG_SQL", global = true)]
    pub log_sql: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP service (runs pending migrations first).
    Serve(Box<ServeArgs>),
    /// Apply, roll back or list migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Load the demo plan (does nothing when it is already loaded).
    Demo,
    /// Fill an empty database with a synthetic plan for benchmarks (no change history).
    Generate {
        /// Plan size: s (1,000 milestones), m (10,000) or l (100,000).
        #[arg(long, value_parser = lenient_parser::<crate::samples::generate::PlanSize>())]
        size: crate::samples::generate::PlanSize,
        /// Seed of the deterministic generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// This many milestones instead of the size's (1 to 100,000; the web benchmark draws
        /// a Tijdlijn of 500).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        milestones: Option<u32>,
    },
    /// Time projection and critical path of a synthetic plan (the scheduling benchmark).
    BenchSchedule {
        /// Milestones in the plan.
        #[arg(long, default_value_t = 10_000)]
        milestones: usize,
        /// Finish-to-start dependencies in the plan.
        #[arg(long, default_value_t = 30_000)]
        dependencies: usize,
        /// Timed runs (the median is reported).
        #[arg(long, default_value_t = 31)]
        runs: usize,
        /// Also time loading and computing the plan in the database at DATABASE_URL.
        #[arg(long)]
        from_db: bool,
    },
    /// Time building and rendering progress reports (demo; 1,000 milestones; 10,000 with 500 KPIs).
    BenchReport {
        /// Timed runs per plan (the median is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Write the progress report of a peildatum (from the plan as it stood then) to a file.
    Report {
        /// The peildatum (YYYY-MM-DD).
        #[arg(long, value_parser = day)]
        as_of: chrono::NaiveDate,
        /// Document format.
        #[arg(long, value_parser = lenient_parser::<ReportFormat>(), default_value = "md")]
        format: ReportFormat,
        /// Where to write it (standard output when left out).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// The report's title.
        #[arg(long, default_value = "Voortgangsrapportage monitoring MVOI")]
        title: String,
        /// Language: nl (default) or en.
        #[arg(long, value_parser = language(), ignore_case = true, default_value = "nl")]
        language: entity::Language,
    },
    /// Create, list and revoke bearer API tokens (the first admin starts here).
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Print the GraphQL schema (SDL).
    ExportSchema {
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
}

/// What to do with API tokens.
#[derive(Debug, Subcommand)]
pub enum TokenAction {
    /// Create a token and print it once (only its SHA-256 is stored).
    Create {
        /// Whose token it is: the name recorded with every change made with it.
        #[arg(long)]
        name: String,
        /// admin, programme-manager, layer-manager, reporter or viewer (case does not matter and
        /// `-` and `_` are the same: PROGRAMME_MANAGER, as the API writes it, works too).
        #[arg(long, value_parser = name::<entity::Role>)]
        role: entity::Role,
        /// The layer of a layer manager: rijk, provincie, gemeente or waterschap (any case).
        #[arg(long, value_parser = name::<entity::GovernmentLayer>)]
        layer: Option<entity::GovernmentLayer>,
        /// The last day the token works (YYYY-MM-DD, through the end of that day in the
        /// Netherlands); never when left out.
        #[arg(long, value_parser = day)]
        expires: Option<chrono::NaiveDate>,
    },
    /// List tokens (prefix, name, role, layer, created, expires, revoked).
    List,
    /// Revoke a token by its id: it stops working at once.
    Revoke {
        /// The token's id (from `koers token list`).
        id: i32,
    },
}

/// A value of one of koers's own enums (a role, a layer) in any spelling (`entity::name_key`).
fn name<T>(text: &str) -> Result<T, String>
where
    T: sea_orm::ActiveEnum<Value = String> + sea_orm::Iterable,
{
    entity::parse_name::<T>(text).ok_or_else(|| {
        let names: Vec<String> = T::iter()
            .map(|v| v.to_value().to_lowercase().replace('_', "-"))
            .collect();
        format!("`{text}` is not one of {}", names.join(", "))
    })
}

/// A value of a command-line enum in any spelling (case does not matter, `-` and `_` are the
/// same: `entity::name_key` decides, as for [`name`]); `--help` lists the values.
#[derive(Clone)]
pub struct Lenient<T>(std::marker::PhantomData<T>);

/// The parser of `T`'s values in any spelling.
fn lenient_parser<T>() -> Lenient<T> {
    Lenient(std::marker::PhantomData)
}

impl<T: ValueEnum + Clone + Send + Sync + 'static> clap::builder::TypedValueParser for Lenient<T> {
    type Value = T;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let text = value.to_string_lossy();
        lenient::<T>(&text).map_err(|message| {
            let arg = arg.map_or_else(String::new, |a| format!(" for '{a}'"));
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("invalid value '{text}'{arg}: {message}\n"),
            )
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            T::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

/// A value of a command-line enum in any spelling (see [`Lenient`]).
fn lenient<T: ValueEnum>(text: &str) -> Result<T, String> {
    let key = entity::name_key(text);
    T::value_variants()
        .iter()
        .find(|v| {
            v.to_possible_value()
                .is_some_and(|p| entity::name_key(p.get_name()) == key)
        })
        .cloned()
        .ok_or_else(|| {
            let names: Vec<String> = T::value_variants()
                .iter()
                .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_owned()))
                .collect();
            format!("`{text}` is not one of {}", names.join(", "))
        })
}

/// A calendar day written as the API writes it.
fn day(text: &str) -> Result<chrono::NaiveDate, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a date: write YYYY-MM-DD, e.g. 2027-06-30"))
}

/// A flag set by any non-empty value (as `NO_COLOR` is).
fn present(text: &str) -> Result<bool, String> {
    Ok(!text.is_empty())
}

/// Formats of a report document.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    /// Markdown.
    Md,
    /// One self-contained HTML file.
    Html,
    /// PDF/A-2a (archival).
    Pdf,
    /// OpenDocument text (editable).
    Odt,
}

/// A report's language as the command line names it: "nl" or "en", in any case (listed in
/// `--help`, as the other options' values are).
fn language() -> impl clap::builder::TypedValueParser<Value = entity::Language> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["nl", "en"])
        .map(|name| entity::parse_name(&name).unwrap_or(entity::Language::Nl))
}

/// Migration actions.
#[derive(Debug, Subcommand)]
pub enum MigrateAction {
    /// Apply all pending migrations.
    Up,
    /// Roll back migrations.
    Down {
        /// How many migrations to roll back.
        #[arg(long, default_value_t = 1)]
        steps: u32,
    },
    /// List applied and pending migrations.
    Status,
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// Settings of `koers serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "KOERS_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Load the demo plan into an empty database before serving.
    #[arg(long, env = "KOERS_DEMO")]
    pub demo: bool,

    #[command(flatten)]
    pub api: ApiConfig,

    #[command(flatten)]
    pub oidc: OidcConfig,
}

/// An OpenID Connect identity provider whose bearer JWTs koers accepts (optional).
#[derive(Debug, Clone, Default, Args)]
pub struct OidcConfig {
    /// The issuer (`iss`) whose identity tokens are accepted; off when left out.
    #[arg(long, env = "KOERS_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,
    /// The issuer's signing keys: a JWKS file, or an http(s) URL read at start-up.
    #[arg(long, env = "KOERS_OIDC_JWKS")]
    pub oidc_jwks: Option<String>,
    /// The audience (`aud`) a token must be for; not checked when left out.
    #[arg(long, env = "KOERS_OIDC_AUDIENCE")]
    pub oidc_audience: Option<String>,
    /// The claim naming the account (falls back to `sub`).
    #[arg(
        long,
        env = "KOERS_OIDC_NAME_CLAIM",
        default_value = "preferred_username"
    )]
    pub oidc_name_claim: String,
    /// The claim holding the koers role (ADMIN, PROGRAMME_MANAGER, LAYER_MANAGER, REPORTER, VIEWER).
    #[arg(long, env = "KOERS_OIDC_ROLE_CLAIM", default_value = "koers_role")]
    pub oidc_role_claim: String,
    /// The claim holding a layer manager's layer (RIJK, PROVINCIE, GEMEENTE, WATERSCHAP).
    #[arg(long, env = "KOERS_OIDC_LAYER_CLAIM", default_value = "koers_layer")]
    pub oidc_layer_claim: String,
    /// koers's client id at the issuer: turns on signing in on the web through the provider
    /// (authorization code with PKCE); needs `--public-url`.
    #[arg(long, env = "KOERS_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,
    /// koers's client secret at the issuer, for a confidential client; left out, koers signs
    /// in as a public client (PKCE alone).
    #[arg(long, env = "KOERS_OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,
    /// What the sign-in page calls the provider: "Aanmelden via …".
    #[arg(
        long,
        env = "KOERS_OIDC_PROVIDER_NAME",
        default_value = "uw organisatie"
    )]
    pub oidc_provider_name: String,
    /// The address users reach koers at (e.g. `https://koers.example.nl`): the provider sends
    /// them back to `<public-url>/aanmelden/oidc/terug`.
    #[arg(long, env = "KOERS_PUBLIC_URL")]
    pub public_url: Option<String>,
}

/// Limits and defaults of the GraphQL endpoint.
#[derive(Debug, Clone, Args)]
pub struct ApiConfig {
    /// Maximum query depth (the standard introspection query needs 15).
    #[arg(long, env = "KOERS_MAX_DEPTH", default_value_t = defaults::MAX_DEPTH)]
    pub max_depth: usize,

    /// Maximum query complexity; every field and alias counts (introspection needs about 230).
    #[arg(long, env = "KOERS_MAX_COMPLEXITY", default_value_t = defaults::MAX_COMPLEXITY)]
    pub max_complexity: usize,

    /// Maximum cost of a query as executed, in fields resolved: fragments expanded, every alias
    /// counted, a list's items by its page size, each root field as 51 (`graphql/cost.rs`).
    /// A page of 100 milestones with their KPIs and 3 measurements each costs 1,652; 100 KPIs
    /// with 100 measurements each (period and value) 20,252; 1,000 aliased counts 52,000.
    #[arg(long, env = "KOERS_MAX_COST", default_value_t = defaults::MAX_COST, value_parser = clap::value_parser!(u64).range(1..=1_000_000_000_000))]
    pub max_cost: u64,

    /// Maximum number of open connections; one more is answered 503 with `Retry-After` and
    /// closed (leave room under the process's file limit for the database and files).
    #[arg(long, env = "KOERS_MAX_CONNECTIONS", default_value_t = defaults::MAX_CONNECTIONS, value_parser = within::<1, 65536>)]
    pub max_connections: usize,

    /// Maximum number of requests handled at once; one more is answered 503 with `Retry-After`
    /// at once (`/healthz` and `/metrics` are not counted). Bounds the memory a burst can take.
    #[arg(long, env = "KOERS_MAX_IN_FLIGHT", default_value_t = defaults::MAX_IN_FLIGHT, value_parser = within::<1, 65536>)]
    pub max_in_flight: usize,

    /// Seconds a client has to send its request headers (and its body); a kept-alive connection
    /// idle this long is closed too. 1 to 3,600.
    #[arg(long, env = "KOERS_HEADER_TIMEOUT_SECS", default_value_t = defaults::HEADER_TIMEOUT_SECS, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout_secs: u64,

    /// Maximum number of directives on one field.
    #[arg(long, env = "KOERS_MAX_DIRECTIVES", default_value_t = defaults::MAX_DIRECTIVES)]
    pub max_directives: usize,

    /// Maximum number of operations in one batched request.
    #[arg(long, env = "KOERS_MAX_BATCH", default_value_t = defaults::MAX_BATCH, value_parser = within::<1, 100>)]
    pub max_batch: usize,

    /// Maximum request body size in bytes.
    #[arg(long, env = "KOERS_MAX_BODY_BYTES", default_value_t = defaults::MAX_BODY_BYTES, value_parser = within::<1024, 1073741824>)]
    pub max_body_bytes: usize,

    /// Seconds before a request is cut off (answered 408). 1 to 3,600.
    #[arg(long, env = "KOERS_REQUEST_TIMEOUT_SECS", default_value_t = defaults::REQUEST_TIMEOUT_SECS, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout_secs: u64,

    /// Let requests without a token read (never write). Off by default.
    #[arg(long, env = "KOERS_ALLOW_ANONYMOUS")]
    pub allow_anonymous: bool,

    /// Requests per minute per account (bursts up to the same number); 0 turns the limit off.
    #[arg(long, env = "KOERS_RATE_PER_MINUTE", default_value_t = defaults::RATE_PER_MINUTE)]
    pub rate_per_minute: u32,

    /// Failed sign-ins (an unknown, revoked or expired token) per client address and minute;
    /// past it, the address's requests are refused with 429 before any token is looked up.
    /// `0` turns it off.
    #[arg(long, env = "KOERS_FAILED_SIGN_INS_PER_MINUTE", default_value_t = defaults::FAILED_SIGN_INS_PER_MINUTE)]
    pub failed_sign_ins_per_minute: u32,

    /// Send the web app's session cookie without `Secure`, so browsers also send it over plain
    /// http. By default it is `Secure` (https only; browsers make an exception for
    /// `localhost` and `127.0.0.1`). Only for a test installation reached over http under
    /// another name: users must reach koers over https (a TLS proxy in front of it).
    #[arg(long, env = "KOERS_INSECURE_COOKIES")]
    pub insecure_cookies: bool,

    /// Minutes a web session lasts without being used (5 to 1440; 8 hours by default). It
    /// ends sooner on sign-out and when its token is revoked or expires.
    #[arg(long, env = "KOERS_SESSION_IDLE_MINUTES", default_value_t = defaults::SESSION_IDLE_MINUTES, value_parser = clap::value_parser!(i64).range(5..=1440))]
    pub session_idle_minutes: i64,

    /// Origins allowed to call the API from a browser (CORS), comma-separated; none by default.
    #[arg(long, env = "KOERS_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,

    /// Turn off schema introspection (on by default, for GraphiQL and code generators).
    #[arg(long, env = "KOERS_DISABLE_INTROSPECTION")]
    pub disable_introspection: bool,

    /// Turn off "did you mean" suggestions in validation errors (on by default).
    #[arg(long, env = "KOERS_DISABLE_SUGGESTIONS")]
    pub disable_suggestions: bool,

    /// Let the reporter who generated a draft publish it without a second person's approval
    /// (a small team with one reporter). Off by default: a draft is published only after
    /// another reporter or an admin approved it.
    #[arg(long, env = "KOERS_SINGLE_REPORTER")]
    pub single_reporter: bool,

    /// A milestone with less slack than this many days to its deadline is at risk.
    #[arg(long, env = "KOERS_AT_RISK_DAYS", default_value_t = defaults::AT_RISK_DAYS, value_parser = clap::value_parser!(i64).range(0..=365))]
    pub at_risk_days: i64,

    /// A fixed status date (YYYY-MM-DD) for training, demo and replay instances: "today" for
    /// every live read (overdue, missed, projections). Without it, the status date is today in
    /// the Netherlands, from the clock.
    #[arg(long, env = "KOERS_STATUS_DATE", value_parser = status_date_arg)]
    pub status_date: Option<chrono::NaiveDate>,

    /// The database `/healthz` pings over a connection of its own (set by `serve` from
    /// `--database-url`), so a pool whose connections are all taken by a burst of queries is
    /// not reported as a database out of reach. `None`: the pool is pinged (an in-memory
    /// database, which a second connection would not see).
    #[arg(skip)]
    pub probe_database_url: Option<String>,
}

impl ApiConfig {
    /// Where the status date of live reads comes from.
    pub fn status_date(&self) -> crate::service::schedule::status_date::StatusDate {
        use crate::service::schedule::status_date::StatusDate;
        self.status_date
            .map_or(StatusDate::Today, StatusDate::Fixed)
    }

    /// The rules of the schedule, computed for `status_date` (a live read's: see
    /// [`ApiConfig::status_date`]).
    pub fn schedule(&self, status_date: chrono::NaiveDate) -> crate::service::schedule::Settings {
        crate::service::schedule::Settings {
            at_risk_days: self.at_risk_days,
            status_date,
        }
    }
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            max_depth: defaults::MAX_DEPTH,
            max_complexity: defaults::MAX_COMPLEXITY,
            max_cost: defaults::MAX_COST,
            max_connections: defaults::MAX_CONNECTIONS,
            max_in_flight: defaults::MAX_IN_FLIGHT,
            header_timeout_secs: defaults::HEADER_TIMEOUT_SECS,
            failed_sign_ins_per_minute: defaults::FAILED_SIGN_INS_PER_MINUTE,
            max_batch: defaults::MAX_BATCH,
            max_directives: defaults::MAX_DIRECTIVES,
            max_body_bytes: defaults::MAX_BODY_BYTES,
            request_timeout_secs: defaults::REQUEST_TIMEOUT_SECS,
            allow_anonymous: false,
            single_reporter: false,
            rate_per_minute: defaults::RATE_PER_MINUTE,
            cors_origins: Vec::new(),
            insecure_cookies: false,
            session_idle_minutes: defaults::SESSION_IDLE_MINUTES,
            disable_introspection: false,
            disable_suggestions: false,
            at_risk_days: defaults::AT_RISK_DAYS,
            status_date: None,
            probe_database_url: None,
        }
    }
}

/// A status date as `YYYY-MM-DD`.
fn status_date_arg(text: &str) -> Result<chrono::NaiveDate, String> {
    match text.trim().parse::<chrono::NaiveDate>() {
        // The years every Date of koers has (see `graphql::scalars::Date`).
        Ok(day) if (1000..=9999).contains(&chrono::Datelike::year(&day)) => Ok(day),
        _ => Err(format!(
            "\"{text}\" is not a date of the years 1000-9999: write YYYY-MM-DD, e.g. 2026-06-15"
        )),
    }
}

/// A count between `LO` and `HI` (a limit of 0 would refuse everything; one past what the
/// machine can hold would limit nothing).
fn within<const LO: usize, const HI: usize>(text: &str) -> Result<usize, String> {
    let n: usize = text
        .trim()
        .replace('_', "")
        .parse()
        .map_err(|_| format!("`{text}` is not a whole number"))?;
    if (LO..=HI).contains(&n) {
        Ok(n)
    } else {
        Err(format!("{n} is not in {LO}..={HI}"))
    }
}
