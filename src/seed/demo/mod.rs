//! The demo agency: three staff, a dozen creators across categories, brands, deals in every
//! stage with invoices, payments and payouts over the last 18 months in GBP and USD, and each
//! creator's portal records (events, tasks, insights, socials, goals, check-ins).
//!
//! Deterministic: every choice comes from a fixed-seed RNG and every time is an offset from
//! now. It loads only into a database without users, in one transaction, so running it twice
//! changes nothing.

mod agency;
mod pipeline;
mod portal;

use chrono::{DateTime, Duration, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use sea_orm::{
    ActiveModelTrait, DatabaseTransaction, DbErr, EntityTrait, PaginatorTrait, TransactionTrait,
};

use crate::auth::password;
use crate::db::entities::{Role, TalentId, UserId};
use crate::db::{Db, queries};

/// Every demo login signs in with this password.
pub const DEMO_PASSWORD: &str = "demo-password-2026";

const RNG_SEED: u64 = 20_261_126;

/// A demo login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoLogin {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
}

pub(crate) const STAFF: [DemoLogin; 3] = [
    DemoLogin {
        email: "admin@demo.agency",
        name: "Alex Morgan",
        role: Role::Admin,
    },
    DemoLogin {
        email: "agent@demo.agency",
        name: "Jess Taylor",
        role: Role::Agent,
    },
    DemoLogin {
        email: "sam@demo.agency",
        name: "Sam Rivera",
        role: Role::Agent,
    },
];

/// A demo creator: login, display name, categories, and the platforms they post on.
pub(crate) struct DemoCreator {
    pub email: &'static str,
    pub name: &'static str,
    pub categories: &'static [&'static str],
    pub handle: &'static str,
}

pub(crate) const CREATORS: [DemoCreator; 12] = [
    DemoCreator {
        email: "maya@demo.agency",
        name: "Maya Chen",
        categories: &["fashion", "lifestyle"],
        handle: "mayachen",
    },
    DemoCreator {
        email: "leo@demo.agency",
        name: "Leo Hart",
        categories: &["gaming", "tech"],
        handle: "leoplays",
    },
    DemoCreator {
        email: "priya@demo.agency",
        name: "Priya Nair",
        categories: &["fitness", "wellness"],
        handle: "priyamoves",
    },
    DemoCreator {
        email: "tom@demo.agency",
        name: "Tom Okafor",
        categories: &["food", "travel"],
        handle: "tomeats",
    },
    DemoCreator {
        email: "sofia@demo.agency",
        name: "Sofia Reyes",
        categories: &["music", "fashion"],
        handle: "sofiasings",
    },
    DemoCreator {
        email: "kai@demo.agency",
        name: "Kai Nakamura",
        categories: &["tech", "gaming"],
        handle: "kaibuilds",
    },
    DemoCreator {
        email: "amara@demo.agency",
        name: "Amara Bello",
        categories: &["beauty", "fashion"],
        handle: "amarabeauty",
    },
    DemoCreator {
        email: "finn@demo.agency",
        name: "Finn Doyle",
        categories: &["fitness", "outdoors"],
        handle: "finnoutside",
    },
    DemoCreator {
        email: "lena@demo.agency",
        name: "Lena Vogel",
        categories: &["food", "family"],
        handle: "lenakocht",
    },
    DemoCreator {
        email: "jonah@demo.agency",
        name: "Jonah Price",
        categories: &["music", "comedy"],
        handle: "jonahprice",
    },
    DemoCreator {
        email: "zara@demo.agency",
        name: "Zara Khan",
        categories: &["lifestyle", "travel"],
        handle: "zarawanders",
    },
    DemoCreator {
        email: "ollie@demo.agency",
        name: "Ollie Grant",
        categories: &["comedy", "gaming"],
        handle: "olliegrant",
    },
];

/// Every demo login, staff first.
pub fn logins() -> Vec<DemoLogin> {
    let creators = CREATORS.iter().map(|c| DemoLogin {
        email: c.email,
        name: c.name,
        role: Role::Creator,
    });
    STAFF.iter().copied().chain(creators).collect()
}

/// Refuses to mix the demo with real data (API.md §8.1): `--demo` (`demo = true`) runs only on
/// a database that is empty or holds the demo's users alone, since its secrets and password are
/// published; a real `serve` refuses a database that still holds the demo's logins.
pub async fn check_database(db: &Db, demo: bool) -> anyhow::Result<()> {
    let logins = logins();
    let emails: Vec<&str> = logins.iter().map(|login| login.email).collect();
    if demo {
        let others = queries::users::count_by_email(db, &emails, false).await?;
        if others > 0 {
            anyhow::bail!(
                "--demo refuses this database: it holds {others} user(s) the demo did not create, \
                 and the demo runs with published secrets. Serve it without --demo (with \
                 JWT_SECRET and TOKEN_ENCRYPTION_KEY set), or point --demo at a new database"
            );
        }
    } else {
        let demo_users = queries::users::count_by_email(db, &emails, true).await?;
        if demo_users > 0 {
            anyhow::bail!(
                "this database holds the demo's logins ({demo_users}), whose password is \
                 published: it is a demo database. Serve it with --demo, or use a new database"
            );
        }
    }
    Ok(())
}

/// What a load inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoSummary {
    pub users: usize,
    pub talents: usize,
    pub deals: usize,
    pub invoices: usize,
}

/// Loads the demo agency when the database has no users; `None` when it was skipped.
pub async fn seed(db: &Db) -> anyhow::Result<Option<DemoSummary>> {
    if crate::db::entities::user::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    // One hash for every login: argon2 is slow on purpose.
    let password_hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let txn = db.begin().await?;
    let summary = load(&txn, password_hash).await?;
    txn.commit().await?;
    Ok(Some(summary))
}

/// Shared by the loaders: the RNG, the moment the demo is anchored to, and who is who.
pub(crate) struct Ctx {
    pub rng: StdRng,
    pub now: DateTime<Utc>,
    pub admin: UserId,
    pub agents: [UserId; 2],
}

impl Ctx {
    pub fn days_ago(&self, days: i64) -> DateTime<Utc> {
        self.now - Duration::days(days)
    }

    /// A random number of days ago within `days`.
    pub fn some_days_ago(&mut self, days: std::ops::Range<i64>) -> DateTime<Utc> {
        let days = rand::RngExt::random_range(&mut self.rng, days);
        self.days_ago(days)
    }

    pub fn in_days(&self, days: i64) -> DateTime<Utc> {
        self.now + Duration::days(days)
    }

    /// The staff member in charge of the `i`th creator.
    pub fn agent_for(&self, i: usize) -> UserId {
        self.agents[i % 2]
    }
}

async fn load(txn: &DatabaseTransaction, password_hash: String) -> anyhow::Result<DemoSummary> {
    use crate::db::entities::{OnboardingStatus, StringList, TalentStage, talent, user};
    use sea_orm::ActiveValue::Set;

    let now = queries::now();
    let mut users = Vec::new();
    let mut user_ids = Vec::new();
    for (i, login) in logins().into_iter().enumerate() {
        let id = UserId(crate::db::entities::new_id());
        user_ids.push(id);
        let created = now - Duration::days(600 - i as i64 * 20);
        users.push(user::ActiveModel {
            id: Set(id),
            email: Set(login.email.to_owned()),
            name: Set(login.name.to_owned()),
            role: Set(login.role),
            active: Set(true),
            onboarding_status: Set(OnboardingStatus::Approved),
            password_hash: Set(password_hash.clone()),
            admin_notes: Set(
                (login.role == Role::Creator).then(|| "Exclusive since signing".to_owned())
            ),
            tokens_valid_from: Set(0),
            created_at: Set(created),
            updated_at: Set(created),
        });
    }
    insert_all(txn, users).await?;

    let mut talents = Vec::new();
    let mut talent_ids = Vec::new();
    for (i, creator) in CREATORS.iter().enumerate() {
        let id = TalentId(crate::db::entities::new_id());
        talent_ids.push(id);
        let stage = match i {
            10 => TalentStage::Onboarding,
            11 => TalentStage::Paused,
            _ => TalentStage::Active,
        };
        let created = now - Duration::days(560 - i as i64 * 15);
        talents.push(talent::ActiveModel {
            id: Set(id),
            user_id: Set(Some(user_ids[STAFF.len() + i])),
            display_name: Set(creator.name.to_owned()),
            categories: Set(StringList(
                creator.categories.iter().map(|c| (*c).to_owned()).collect(),
            )),
            stage: Set(stage),
            erased_at: Set(None),
            created_at: Set(created),
            updated_at: Set(created),
        });
    }
    insert_all(txn, talents).await?;
    // A prospect the agency is courting, with no login yet.
    insert_all(
        txn,
        vec![talent::ActiveModel {
            id: Set(TalentId(crate::db::entities::new_id())),
            user_id: Set(None),
            display_name: Set("Rio Santos".to_owned()),
            categories: Set(StringList(vec!["dance".to_owned(), "music".to_owned()])),
            stage: Set(TalentStage::Prospect),
            erased_at: Set(None),
            created_at: Set(now - Duration::days(12)),
            updated_at: Set(now - Duration::days(12)),
        }],
    )
    .await?;

    let mut ctx = Ctx {
        rng: StdRng::seed_from_u64(RNG_SEED),
        now,
        admin: user_ids[0],
        agents: [user_ids[1], user_ids[2]],
    };
    let creator_logins = &user_ids[STAFF.len()..];
    let money = agency::load(txn, &mut ctx, &talent_ids).await?;
    portal::load(
        txn,
        &mut ctx,
        &talent_ids,
        creator_logins,
        &money.active_deals,
    )
    .await?;
    Ok(DemoSummary {
        users: user_ids.len(),
        talents: talent_ids.len() + 1,
        deals: money.deals,
        invoices: money.invoices,
    })
}

/// Inserts rows in batches small enough for SQLite's bound-parameter limit.
pub(crate) async fn insert_all<A>(txn: &DatabaseTransaction, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send + Sync + Clone,
{
    for chunk in rows.chunks(100) {
        <A::Entity as EntityTrait>::insert_many(chunk.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

/// The lines `seed --demo` and `serve --demo` print: each login and the shared password.
pub fn describe_logins() -> String {
    let mut out = format!("Demo logins (password for all: {DEMO_PASSWORD}):\n");
    for login in logins() {
        let role = login.role.as_str();
        out.push_str(&format!("  {role:<8} {:<22} {}\n", login.email, login.name));
    }
    out
}
