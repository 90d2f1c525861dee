//! `seed --scale N`: a synthetic agency of N creators, each with the volumes of a busy
//! creator, for benchmarks. Creators sign in as `creator-<i>@scale.example` with the password
//! `scale-password`.
//!
//! Rows are built in memory per chunk of creators and written with multi-row inserts inside
//! one transaction per chunk: a few thousand statements for millions of rows.

use std::time::Instant;

use chrono::{DateTime, Datelike, Duration, Utc};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, TransactionTrait,
};
use uuid::Uuid;

use crate::db::entities::*;
use crate::db::queries;

pub const SCALE_PASSWORD: &str = "scale-password";
pub const SCALE_EMAIL_DOMAIN: &str = "scale.example";

/// Rows per creator, like a busy creator's.
pub struct Volumes {
    pub deals: usize,
    pub invoices: usize,
    pub payouts: usize,
    pub tasks: usize,
    pub events: usize,
    pub goals: usize,
    pub insights: usize,
    pub checkins: usize,
    pub ai_entries: usize,
    pub notifications: usize,
}

pub const BUSY_CREATOR: Volumes = Volumes {
    deals: 100,
    invoices: 60,
    payouts: 40,
    tasks: 200,
    events: 80,
    goals: 20,
    insights: 60,
    checkins: 150,
    ai_entries: 200,
    notifications: 300,
};

const CREATORS_PER_TRANSACTION: usize = 25;
const BRANDS: usize = 200;
const CURRENCIES: [&str; 3] = ["GBP", "GBP", "USD"];

pub fn creator_email(i: usize) -> String {
    format!("creator-{i}@{SCALE_EMAIL_DOMAIN}")
}

/// Loads `creators` synthetic creators into a database without users, and prints progress.
/// Returns the number of rows written. A database with users is refused: the scale agency's
/// staff login has a published password, so it never goes next to real data.
pub async fn seed_scale(
    db: &DatabaseConnection,
    creators: usize,
    volumes: &Volumes,
) -> anyhow::Result<u64> {
    let users = queries::count_rows(db, user::Entity::find()).await?;
    if users > 0 {
        anyhow::bail!(
            "seed --scale refuses this database: it already has {users} user(s). The scale \
             agency's logins have a published password; seed a new database"
        );
    }
    let started = Instant::now();
    let now = queries::now();
    // One hash for every synthetic creator: hashing 2,000 times would take a minute.
    let password_hash = crate::auth::password::hash(SCALE_PASSWORD.to_owned()).await?;
    let staff = queries::users::create(
        db,
        queries::users::NewUser {
            email: format!("agent@{SCALE_EMAIL_DOMAIN}"),
            name: "Scale Agent".to_owned(),
            role: Role::Agent,
            password_hash: password_hash.clone(),
            active: true,
            onboarding_status: OnboardingStatus::Approved,
            admin_notes: None,
        },
    )
    .await?;
    let brand_ids: Vec<Uuid> = (0..BRANDS).map(|_| new_id()).collect();
    write_brands(
        db,
        brand_ids
            .iter()
            .enumerate()
            .map(|(i, id)| brand::ActiveModel {
                id: Set(*id),
                name: Set(format!("Brand {i}")),
                values: Set(StringList(vec!["quality".to_owned()])),
                target_audience: Set(Some("18-34".to_owned())),
                website: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            })
            .collect(),
    )
    .await?;

    let mut rows = BRANDS as u64 + 1;
    for chunk_start in (1..=creators).step_by(CREATORS_PER_TRANSACTION) {
        let chunk_end = (chunk_start + CREATORS_PER_TRANSACTION - 1).min(creators);
        let mut chunk = Rows::default();
        for i in chunk_start..=chunk_end {
            let mut rng = StdRng::seed_from_u64(i as u64);
            let (hash, staff) = (password_hash.as_str(), staff.id);
            seed_creator(
                &mut chunk, i, &mut rng, now, hash, staff, &brand_ids, volumes,
            );
        }
        rows += write_rows(db, chunk).await?;
        let elapsed = started.elapsed().as_secs_f64();
        println!(
            "seeded {chunk_end}/{creators} creators, {rows} rows, {elapsed:.1} s ({:.0} rows/s)",
            rows as f64 / elapsed.max(0.001)
        );
    }
    // Fresh statistics, or the planner guesses: on PostgreSQL, before autovacuum gets to a
    // freshly bulk-loaded table, per-creator aggregates were planned as full scans. PostgreSQL
    // also gets a VACUUM, as after any bulk load: it sets the hint bits and the visibility map
    // that index-only scans need, which otherwise the first readers pay for (a fifth of the
    // uncached overview's throughput in the first minutes, measured).
    let finish = match db.get_database_backend() {
        DbBackend::Postgres => "VACUUM (ANALYZE)",
        _ => "ANALYZE",
    };
    db.execute_unprepared(finish).await?;
    println!(
        "{finish} done, {:.1} s in all",
        started.elapsed().as_secs_f64()
    );
    Ok(rows)
}

/// The rows of a chunk of creators, per table, in foreign-key order.
#[derive(Default)]
struct Rows {
    users: Vec<user::ActiveModel>,
    talents: Vec<talent::ActiveModel>,
    deals: Vec<deal::ActiveModel>,
    invoices: Vec<invoice::ActiveModel>,
    payouts: Vec<payout::ActiveModel>,
    tasks: Vec<creator_task::ActiveModel>,
    events: Vec<creator_event::ActiveModel>,
    goals: Vec<creator_goal::ActiveModel>,
    socials: Vec<social_account_connection::ActiveModel>,
    insights: Vec<creator_insight::ActiveModel>,
    checkins: Vec<wellness_checkin::ActiveModel>,
    ai: Vec<ai_prompt_history::ActiveModel>,
    notifications: Vec<notification::ActiveModel>,
}

/// Calls `$write` on every table of a [`Rows`], parents first.
macro_rules! each_table {
    ($rows:expr, $write:ident, $db:expr) => {{
        let rows = $rows;
        let mut written = 0;
        written += $write($db, rows.users).await?;
        written += $write($db, rows.talents).await?;
        written += $write($db, rows.deals).await?;
        written += $write($db, rows.invoices).await?;
        written += $write($db, rows.payouts).await?;
        written += $write($db, rows.tasks).await?;
        written += $write($db, rows.events).await?;
        written += $write($db, rows.goals).await?;
        written += $write($db, rows.socials).await?;
        written += $write($db, rows.insights).await?;
        written += $write($db, rows.checkins).await?;
        written += $write($db, rows.ai).await?;
        written += $write($db, rows.notifications).await?;
        written
    }};
}

/// Writes a chunk: COPY on PostgreSQL, multi-row inserts in one transaction on SQLite.
async fn write_rows(db: &DatabaseConnection, rows: Rows) -> Result<u64, DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        let pool = db.get_postgres_connection_pool();
        let mut connection = pool.acquire().await.map_err(sqlx_err)?;
        let written = each_table!(rows, copy_all, &mut connection);
        Ok(written)
    } else {
        let txn = db.begin().await?;
        let written = each_table!(rows, insert_all, &txn);
        txn.commit().await?;
        Ok(written)
    }
}

fn sqlx_err(err: sea_orm::sqlx::Error) -> DbErr {
    DbErr::Custom(format!("bulk load: {err}"))
}

#[allow(clippy::too_many_arguments)]
fn seed_creator(
    rows: &mut Rows,
    i: usize,
    rng: &mut StdRng,
    now: DateTime<Utc>,
    password_hash: &str,
    staff_id: UserId,
    brand_ids: &[Uuid],
    v: &Volumes,
) {
    let user_id = UserId(new_id());
    let talent_id = TalentId(new_id());
    let days = |rng: &mut StdRng, from: i64, to: i64| {
        now + Duration::minutes(rng.random_range(from * 1440..to * 1440))
    };
    let pick = |rng: &mut StdRng, n: usize| rng.random_range(0..n);

    rows.users.push(user::ActiveModel {
        id: Set(user_id),
        email: Set(creator_email(i)),
        name: Set(format!("Creator {i}")),
        role: Set(Role::Creator),
        active: Set(true),
        onboarding_status: Set(OnboardingStatus::Approved),
        password_hash: Set(password_hash.to_owned()),
        admin_notes: Set(None),
        tokens_valid_from: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    });
    rows.talents.push(talent::ActiveModel {
        id: Set(talent_id),
        user_id: Set(Some(user_id)),
        display_name: Set(format!("Creator {i}")),
        categories: Set(StringList(vec![
            "lifestyle".to_owned(),
            "fashion".to_owned(),
        ])),
        stage: Set(TalentStage::Active),
        erased_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    });

    const STAGES: [DealStage; 6] = [
        DealStage::Lead,
        DealStage::Negotiation,
        DealStage::Contracted,
        DealStage::InProgress,
        DealStage::Completed,
        DealStage::Lost,
    ];
    let deal_refs: Vec<(Uuid, String)> = (0..v.deals)
        .map(|_| (new_id(), CURRENCIES[pick(rng, CURRENCIES.len())].to_owned()))
        .collect();
    let deals: Vec<deal::ActiveModel> = deal_refs
        .iter()
        .enumerate()
        .map(|(d, (id, currency))| deal::ActiveModel {
            id: Set(*id),
            talent_id: Set(talent_id),
            brand_id: Set(brand_ids[pick(rng, brand_ids.len())]),
            name: Set(format!("Campaign {d}")),
            stage: Set(STAGES[pick(rng, STAGES.len())]),
            value_minor: Set(rng.random_range(100_000..20_000_000)),
            currency: Set(currency.clone()),
            start_date: Set(Some(days(rng, -540, 0).date_naive())),
            end_date: Set(None),
            next_action: Set(Some("Review the brief".to_owned())),
            next_action_due_at: Set(Some(days(rng, 0, 30))),
            negotiation_notes: Set(Some("internal".to_owned())),
            agent_notes: Set(None),
            contract_terms: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .collect();
    rows.deals.extend(deals);

    const INVOICE_STATUSES: [InvoiceStatus; 5] = [
        InvoiceStatus::Paid,
        InvoiceStatus::Paid,
        InvoiceStatus::Sent,
        InvoiceStatus::Overdue,
        InvoiceStatus::Draft,
    ];
    let invoices: Vec<invoice::ActiveModel> = (0..v.invoices)
        .map(|n| {
            let (deal_id, currency) = deal_refs[n % deal_refs.len()].clone();
            let status = INVOICE_STATUSES[pick(rng, INVOICE_STATUSES.len())];
            let issued = days(rng, -540, -1);
            invoice::ActiveModel {
                id: Set(new_id()),
                deal_id: Set(deal_id),
                talent_id: Set(talent_id),
                amount_minor: Set(rng.random_range(50_000..5_000_000)),
                currency: Set(currency),
                status: Set(status),
                invoice_number: Set(format!("SCALE-{i}-{n}")),
                issued_at: Set(Some(issued)),
                due_at: Set(Some(issued + Duration::days(30))),
                paid_at: Set((status == InvoiceStatus::Paid).then(|| issued + Duration::days(20))),
                created_at: Set(now),
                updated_at: Set(now),
            }
        })
        .collect();
    rows.invoices.extend(invoices);

    const PAYOUT_STATUSES: [PayoutStatus; 4] = [
        PayoutStatus::Paid,
        PayoutStatus::Paid,
        PayoutStatus::Scheduled,
        PayoutStatus::Pending,
    ];
    let payouts: Vec<payout::ActiveModel> = (0..v.payouts)
        .map(|n| {
            let (deal_id, currency) = deal_refs[n % deal_refs.len()].clone();
            let status = PAYOUT_STATUSES[pick(rng, PAYOUT_STATUSES.len())];
            payout::ActiveModel {
                id: Set(new_id()),
                talent_id: Set(talent_id),
                deal_id: Set(Some(deal_id)),
                amount_minor: Set(rng.random_range(40_000..4_000_000)),
                currency: Set(currency),
                status: Set(status),
                scheduled_for: Set(Some(days(rng, -500, 30))),
                paid_at: Set((status == PayoutStatus::Paid).then(|| days(rng, -500, -1))),
                reference: Set(Some(format!("PO-{i}-{n}"))),
                created_at: Set(now),
                updated_at: Set(now),
            }
        })
        .collect();
    rows.payouts.extend(payouts);

    const TASK_TYPES: [TaskType; 6] = [
        TaskType::Creative,
        TaskType::Attendance,
        TaskType::Review,
        TaskType::Approval,
        TaskType::Admin,
        TaskType::Financial,
    ];
    const TASK_STATUSES: [TaskStatus; 4] = [
        TaskStatus::Pending,
        TaskStatus::InProgress,
        TaskStatus::Completed,
        TaskStatus::Cancelled,
    ];
    const PRIORITIES: [TaskPriority; 4] = [
        TaskPriority::Low,
        TaskPriority::Medium,
        TaskPriority::High,
        TaskPriority::Urgent,
    ];
    let tasks: Vec<creator_task::ActiveModel> = (0..v.tasks)
        .map(|n| {
            let status = TASK_STATUSES[pick(rng, TASK_STATUSES.len())];
            creator_task::ActiveModel {
                id: Set(new_id()),
                creator_id: Set(talent_id),
                title: Set(format!("Task {n}")),
                description: Set(None),
                task_type: Set(TASK_TYPES[pick(rng, TASK_TYPES.len())]),
                due_at: Set(Some(days(rng, -60, 60))),
                completed_at: Set((status == TaskStatus::Completed).then_some(now)),
                priority: Set(PRIORITIES[pick(rng, PRIORITIES.len())]),
                status: Set(status),
                linked_deal_id: Set(Some(deal_refs[n % deal_refs.len()].0)),
                linked_deliverable_id: Set(None),
                created_by: Set(Some(staff_id)),
                created_at: Set(now),
                updated_at: Set(now),
            }
        })
        .collect();
    rows.tasks.extend(tasks);

    const EVENT_TYPES: [EventType; 4] = [
        EventType::Meeting,
        EventType::Shoot,
        EventType::Launch,
        EventType::Appearance,
    ];
    const EVENT_STATUSES: [EventStatus; 4] = [
        EventStatus::Suggested,
        EventStatus::Invited,
        EventStatus::Accepted,
        EventStatus::Declined,
    ];
    let events: Vec<creator_event::ActiveModel> = (0..v.events)
        .map(|n| {
            let start = days(rng, -90, 90);
            creator_event::ActiveModel {
                id: Set(new_id()),
                creator_id: Set(talent_id),
                event_name: Set(format!("Event {n}")),
                event_type: Set(EVENT_TYPES[pick(rng, EVENT_TYPES.len())]),
                description: Set(None),
                location: Set(Some("London".to_owned())),
                start_at: Set(start),
                end_at: Set(Some(start + Duration::hours(2))),
                status: Set(EVENT_STATUSES[pick(rng, EVENT_STATUSES.len())]),
                source: Set(EventSource::Agent),
                source_user_id: Set(Some(staff_id)),
                creator_notes: Set(None),
                decline_reason: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            }
        })
        .collect();
    rows.events.extend(events);

    const GOAL_TYPES: [GoalType; 5] = [
        GoalType::Revenue,
        GoalType::Product,
        GoalType::Events,
        GoalType::Personal,
        GoalType::Content,
    ];
    let goals: Vec<creator_goal::ActiveModel> = (0..v.goals)
        .map(|n| creator_goal::ActiveModel {
            id: Set(new_id()),
            creator_id: Set(talent_id),
            goal_type: Set(GOAL_TYPES[pick(rng, GOAL_TYPES.len())]),
            title: Set(format!("Goal {n}")),
            target_value: Set(Some(f64::from(rng.random_range(1..100) * 1000))),
            timeframe: Set(Some(format!("Q{} {}", n % 4 + 1, now.year()))),
            progress: Set(f64::from(rng.random_range(0..=100)) / 100.0),
            active: Set(n % 3 != 0),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .collect();
    rows.goals.extend(goals);

    const PLATFORMS: [Platform; 5] = [
        Platform::Instagram,
        Platform::Tiktok,
        Platform::Youtube,
        Platform::X,
        Platform::Linkedin,
    ];
    let socials: Vec<social_account_connection::ActiveModel> = PLATFORMS
        .iter()
        .map(|platform| social_account_connection::ActiveModel {
            id: Set(new_id()),
            creator_id: Set(talent_id),
            platform: Set(*platform),
            handle: Set(format!("creator{i}")),
            connected: Set(true),
            access_token: Set(None),
            refresh_token: Set(None),
            expires_at: Set(None),
            last_synced_at: Set(Some(now)),
            followers: Set(Some(rng.random_range(1_000..2_000_000))),
            engagement_rate: Set(Some(f64::from(rng.random_range(5..90)) / 1000.0)),
            avg_views: Set(Some(rng.random_range(500..500_000))),
            metadata: Set(None),
            refresh_refused: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .collect();
    rows.socials.extend(socials);

    const INSIGHT_TYPES: [InsightType; 4] = [
        InsightType::Performance,
        InsightType::Trend,
        InsightType::Audience,
        InsightType::Opportunity,
    ];
    let insights: Vec<creator_insight::ActiveModel> = (0..v.insights)
        .map(|n| creator_insight::ActiveModel {
            id: Set(new_id()),
            creator_id: Set(talent_id),
            insight_type: Set(INSIGHT_TYPES[pick(rng, INSIGHT_TYPES.len())]),
            title: Set(format!("Insight {n}")),
            summary: Set(Some("Your reels outperform posts".to_owned())),
            context: Set(None),
            metadata: Set(None),
            priority: Set(rng.random_range(0..5)),
            is_read: Set(rng.random_bool(0.5)),
            expires_at: Set((n % 4 == 0).then(|| days(rng, -30, 30))),
            created_at: Set(days(rng, -120, 0)),
            updated_at: Set(now),
        })
        .collect();
    rows.insights.extend(insights);

    const WORKLOADS: [Workload; 4] = [
        Workload::Light,
        Workload::Comfortable,
        Workload::Busy,
        Workload::Overwhelming,
    ];
    let checkins: Vec<wellness_checkin::ActiveModel> = (0..v.checkins)
        .map(|n| wellness_checkin::ActiveModel {
            id: Set(new_id()),
            creator_id: Set(talent_id),
            energy_level: Set(rng.random_range(1..=5)),
            workload: Set(WORKLOADS[pick(rng, WORKLOADS.len())]),
            notes: Set(None),
            created_at: Set(now - Duration::days(n as i64)),
        })
        .collect();
    rows.checkins.extend(checkins);

    let ai: Vec<ai_prompt_history::ActiveModel> = (0..v.ai_entries)
        .map(|n| ai_prompt_history::ActiveModel {
            id: Set(new_id()),
            creator_id: Set(talent_id),
            prompt: Set(format!("Question {n}")),
            response: Set("An answer from the built-in assistant.".to_owned()),
            category: Set(Some(AiCategory::General)),
            helpful: Set(None),
            created_at: Set(days(rng, -365, 0)),
            updated_at: Set(now),
        })
        .collect();
    rows.ai.extend(ai);

    let notifications: Vec<notification::ActiveModel> = (0..v.notifications)
        .map(|n| notification::ActiveModel {
            id: Set(new_id()),
            user_id: Set(user_id),
            kind: Set("event_invited".to_owned()),
            title: Set(format!("Notification {n}")),
            body: Set(None),
            entity_type: Set(None),
            entity_id: Set(None),
            read_at: Set((n % 3 != 0).then_some(now)),
            created_at: Set(days(rng, -365, 0)),
        })
        .collect();
    rows.notifications.extend(notifications);
}

/// Multi-row inserts of about `PARAMETERS_PER_STATEMENT` bound values each. Larger statements
/// are slower, not faster, on PostgreSQL over TCP: past one 64 KiB segment, sqlx (which leaves
/// Nagle's algorithm on) waits for the server's delayed ACK, about 40 ms per statement.
async fn insert_all<A>(db: &impl ConnectionTrait, rows: Vec<A>) -> Result<u64, DbErr>
where
    A: ActiveModelTrait + Send,
{
    use sea_orm::{EntityTrait as _, Iterable};
    const PARAMETERS_PER_STATEMENT: usize = 1_000;
    let columns = <A::Entity as sea_orm::EntityTrait>::Column::iter()
        .count()
        .max(1);
    let batch_rows = (PARAMETERS_PER_STATEMENT / columns).max(1);
    let total = rows.len() as u64;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(batch_rows).collect();
        A::Entity::insert_many(batch)
            .exec_without_returning(db)
            .await?;
    }
    Ok(total)
}

async fn write_brands(
    db: &DatabaseConnection,
    brands: Vec<brand::ActiveModel>,
) -> Result<u64, DbErr> {
    insert_all(db, brands).await
}

/// `COPY … FROM STDIN (FORMAT csv)` of the rows: PostgreSQL's bulk path, far faster than
/// inserts of any size.
async fn copy_all<A>(
    connection: &mut sea_orm::sqlx::PgConnection,
    rows: Vec<A>,
) -> Result<u64, DbErr>
where
    A: ActiveModelTrait + Send,
{
    use sea_orm::{IdenStatic, Iterable};
    if rows.is_empty() {
        return Ok(0);
    }
    let columns: Vec<_> = <A::Entity as EntityTrait>::Column::iter().collect();
    let names: Vec<String> = columns
        .iter()
        .map(|c| format!("\"{}\"", c.as_str()))
        .collect();
    let table = <A::Entity as Default>::default();
    let statement = format!(
        "COPY \"{}\" ({}) FROM STDIN WITH (FORMAT csv)",
        sea_orm::EntityName::table_name(&table),
        names.join(", ")
    );
    let mut csv = String::with_capacity(rows.len() * 200);
    for row in &rows {
        for (n, column) in columns.iter().enumerate() {
            if n > 0 {
                csv.push(',');
            }
            if let Some(value) = row.get(*column).into_value() {
                csv_field(&mut csv, &value)?;
            }
        }
        csv.push('\n');
    }
    let mut copy = connection.copy_in_raw(&statement).await.map_err(sqlx_err)?;
    copy.send(csv.into_bytes()).await.map_err(sqlx_err)?;
    copy.finish().await.map_err(sqlx_err)
}

/// One CSV field: nothing for NULL, text quoted (so an empty string is not NULL).
fn csv_field(out: &mut String, value: &sea_orm::Value) -> Result<(), DbErr> {
    use sea_orm::Value as V;
    use std::fmt::Write as _;
    let quoted = |out: &mut String, text: &str| {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    };
    match value {
        V::Bool(Some(v)) => out.push_str(if *v { "t" } else { "f" }),
        V::Int(Some(v)) => {
            let _ = write!(out, "{v}");
        }
        V::BigInt(Some(v)) => {
            let _ = write!(out, "{v}");
        }
        V::Double(Some(v)) => {
            let _ = write!(out, "{v}");
        }
        V::String(Some(v)) => quoted(out, v),
        V::Uuid(Some(v)) => {
            let _ = write!(out, "{v}");
        }
        V::ChronoDateTimeUtc(Some(v)) => out.push_str(&v.to_rfc3339()),
        V::ChronoDate(Some(v)) => {
            let _ = write!(out, "{v}");
        }
        V::Json(Some(v)) => quoted(out, &v.to_string()),
        V::Bool(None)
        | V::Int(None)
        | V::BigInt(None)
        | V::Double(None)
        | V::String(None)
        | V::Uuid(None)
        | V::ChronoDateTimeUtc(None)
        | V::ChronoDate(None)
        | V::Json(None) => {}
        other => {
            return Err(DbErr::Custom(format!(
                "bulk load: no CSV form for {other:?}"
            )));
        }
    }
    Ok(())
}
