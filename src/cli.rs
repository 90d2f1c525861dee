//! The command line (API.md §2): `serve`, `migrate`, `create-user`, `seed`, `sync`.

use std::io::BufRead;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

use crate::app::{self, AppState};
use crate::auth::password;
use crate::config::Config;
use crate::db::entities::{OnboardingStatus, Role};
use crate::db::{self, queries};

#[derive(Debug, Parser)]
#[command(
    name = "exclusive-talent",
    version,
    about = "The backend of a talent agency's creator portal"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply migrations, then serve HTTP until Ctrl-C or SIGTERM.
    Serve {
        /// Run without configured secrets (fixed demo secrets; never for real data), and load
        /// the demo agency into an empty database.
        #[arg(long)]
        demo: bool,
    },
    /// Apply migrations, then load data into an empty database.
    Seed {
        /// The demo agency: staff, a dozen creators and their business (skipped when the
        /// database already has users).
        #[arg(long, conflicts_with = "scale")]
        demo: bool,
        /// A synthetic agency of N busy creators for benchmarks (`creator-1@scale.example` …,
        /// password `scale-password`).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
        scale: Option<u32>,
    },
    /// Apply migrations and exit.
    Migrate,
    /// Run one social sync pass now, then exit (API.md §8.3).
    ///
    /// For every connected social account of a platform configured for OAuth
    /// (OAUTH_<PLATFORM>_CLIENT_ID …): a token that expires within a day is refreshed first
    /// (a platform that refuses the refresh marks the account "needs reconnecting"); then the
    /// account's followers, engagement rate and average views are read from the platform's API
    /// into the connection, the reading is kept, and a `trend` insight is written when the
    /// followers moved 5% or more over the last 7 days (at most one per platform a week).
    ///
    /// One line is printed per account, then a summary. Exits 0 once the pass has run, even
    /// when some accounts failed (each is logged and left as it was, or marked); non-zero
    /// only when the pass could not run: the database is unreachable, or another pass (of
    /// `serve` or another `sync`) is running. `serve` runs the same pass every
    /// SOCIAL_SYNC_INTERVAL_SECS; one pass runs at a time across all instances.
    #[command(verbatim_doc_comment)]
    Sync,
    /// Print the OpenAPI 3.1 document (as `GET /api/openapi.json` serves it) and exit; needs no
    /// database. Client generators read it (clients/typescript).
    Openapi,
    /// Create a user; the password (at least 10 characters) is read as one line from stdin.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, agent or creator
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
}

fn parse_role(value: &str) -> Result<Role, String> {
    match value {
        "admin" => Ok(Role::Admin),
        "agent" => Ok(Role::Agent),
        "creator" => Ok(Role::Creator),
        other => Err(format!(
            "unknown role `{other}`: use admin, agent or creator"
        )),
    }
}

/// Logs to stderr, filtered by `RUST_LOG` (default `info`), as text or one JSON object per line.
pub fn init_tracing(format: crate::config::LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        crate::config::LogFormat::Text => builder.try_init(),
        crate::config::LogFormat::Json => builder.json().try_init(),
    };
}

impl Cli {
    pub async fn run(self) -> anyhow::Result<()> {
        let config = self.config;
        match self.command {
            Command::Serve { demo } => serve(config, demo).await,
            Command::Seed { demo, scale } => {
                if !demo && scale.is_none() {
                    bail!("nothing to seed: pass --demo or --scale N");
                }
                let db = connect(&config).await?;
                db::migrate(&db).await.context("migrating")?;
                if let Some(creators) = scale {
                    let volumes = &crate::seed::scale::BUSY_CREATOR;
                    crate::seed::scale::seed_scale(&db, creators as usize, volumes)
                        .await
                        .context("loading the scale agency")?;
                    return Ok(());
                }
                seed_demo(&db).await?;
                print!("{}", crate::seed::demo::describe_logins());
                Ok(())
            }
            Command::Openapi => {
                println!("{}", crate::routes::openapi().to_pretty_json()?);
                Ok(())
            }
            Command::Sync => sync(config).await,
            Command::Migrate => {
                let db = connect(&config).await?;
                db::migrate(&db).await.context("migrating")?;
                println!("migrations applied");
                Ok(())
            }
            Command::CreateUser { email, name, role } => {
                let db = connect(&config).await?;
                db::migrate(&db).await.context("migrating")?;
                let mut password = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut password)
                    .context("reading the password from stdin")?;
                let password = password.trim_end_matches(['\r', '\n']).to_owned();
                let user = create_user(&db, &email, &name, role, password).await?;
                println!("{}", user.id);
                Ok(())
            }
        }
    }
}

async fn connect(config: &Config) -> anyhow::Result<db::Db> {
    db::connect_with(
        &config.database_url,
        config.database_max_connections,
        config.log_sql,
    )
    .await
    .with_context(|| format!("connecting to {}", redact_url(&config.database_url)))
}

/// The URL without its password, for messages.
fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://…@{}", &url[..scheme_end], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

async fn serve(config: Config, demo: bool) -> anyhow::Result<()> {
    let db = connect(&config).await?;
    db::migrate(&db).await.context("migrating")?;
    crate::seed::demo::check_database(&db, demo).await?;
    if demo {
        seed_demo(&db).await?;
    }
    let listener = TcpListener::bind(&config.bind)
        .await
        .with_context(|| format!("binding {}", config.bind))?;
    let address = listener.local_addr()?;
    let state = AppState::new(config, db, demo)?;
    // The periodic social sync: a job with a unique key, so one however many instances start.
    if let Err(err) = crate::social::sync::schedule(&state).await {
        tracing::warn!(error = %err, "cannot schedule the social sync");
    }
    tracing::info!(%address, "serving");
    tell(format_args!(
        "exclusive-talent listening on http://{address}  (creator portal: http://{address}/portal, \
         API reference: http://{address}/docs)"
    ));
    if demo {
        let demo = crate::seed::demo::logins();
        let creator = demo.iter().find(|l| l.role == Role::Creator);
        tell(format_args!(
            "{}",
            crate::seed::demo::describe_logins().trim_end()
        ));
        if let Some(creator) = creator {
            tell(format_args!(
                "Try: curl -s http://{address}/api/auth/login -H 'content-type: application/json' \\
  -d '{{\"email\":\"{}\",\"password\":\"{}\"}}'",
                creator.email,
                crate::seed::demo::DEMO_PASSWORD
            ));
        }
    }
    app::serve(listener, state, app::shutdown_signal()).await?;
    Ok(())
}

/// `exclusive-talent sync`: one pass, a line per account, a summary.
async fn sync(config: Config) -> anyhow::Result<()> {
    use crate::social::sync::{Outcome, When, run_pass};
    let db = connect(&config).await?;
    db::migrate(&db).await.context("migrating")?;
    let state = AppState::new(config, db, false)?;
    let platforms: Vec<&str> = state
        .social
        .configured()
        .map(|p| crate::pages::fmt::platform(&p.platform))
        .collect();
    if platforms.is_empty() {
        tell(format_args!(
            "No platform is configured for OAuth (OAUTH_<PLATFORM>_CLIENT_ID): nothing to sync."
        ));
    } else {
        tell(format_args!("Syncing {} accounts…", platforms.join(", ")));
    }
    let report = run_pass(&state, When::Now, |account| {
        let what = match account.outcome {
            Outcome::Synced {
                refreshed: true,
                trend: true,
            } => "synced (token refreshed, trend insight)",
            Outcome::Synced {
                refreshed: true, ..
            } => "synced (token refreshed)",
            Outcome::Synced { trend: true, .. } => "synced (trend insight)",
            Outcome::Synced { .. } => "synced",
            Outcome::RefreshRefused => "refresh refused: needs reconnecting",
            Outcome::Expired => "token expired: needs reconnecting",
            Outcome::Failed => "failed (see the log)",
        };
        tell(format_args!(
            "  {} @{}: {what}",
            crate::pages::fmt::platform(&account.platform),
            account.handle
        ));
    })
    .await
    .context("running the sync pass")?;
    if !report.ran {
        bail!("another sync pass is running; try again when it has finished");
    }
    tell(format_args!(
        "Sync pass done: {} accounts, {} synced ({} tokens refreshed), {} need reconnecting, \
         {} failed, {} trend insights.",
        report.accounts,
        report.synced,
        report.refreshed,
        report.refresh_refused + report.expired,
        report.failed,
        report.insights
    ));
    Ok(())
}

/// A line for the person who started the command. Write errors are ignored: a closed stdout (a
/// pipe whose reader has gone) must not stop a running service.
fn tell(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Loads the demo agency unless the database already has users, and says which it did.
async fn seed_demo(db: &db::Db) -> anyhow::Result<()> {
    match crate::seed::demo::seed(db)
        .await
        .context("loading the demo agency")?
    {
        Some(summary) => tell(format_args!(
            "Loaded the demo agency: {} users, {} talents, {} deals, {} invoices.",
            summary.users, summary.talents, summary.deals, summary.invoices
        )),
        None => tell(format_args!(
            "The database already has users: the demo agency was not loaded."
        )),
    }
    Ok(())
}

/// Creates a user with a hashed password (shared by the CLI and the test harness).
pub async fn create_user(
    db: &db::Db,
    email: &str,
    name: &str,
    role: Role,
    password: String,
) -> anyhow::Result<crate::db::entities::user::Model> {
    if password.chars().count() < password::MIN_PASSWORD_LEN {
        bail!(
            "the password must be at least {} characters",
            password::MIN_PASSWORD_LEN
        );
    }
    if queries::users::find_by_email(db, email).await?.is_some() {
        bail!("a user with the email {email} already exists");
    }
    let password_hash = password::hash(password).await?;
    let user = queries::users::create(
        db,
        queries::users::NewUser {
            email: email.to_owned(),
            name: name.to_owned(),
            role,
            password_hash,
            active: true,
            onboarding_status: OnboardingStatus::Pending,
            admin_notes: None,
        },
    )
    .await?;
    Ok(user)
}
