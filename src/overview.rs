//! The creator's overview (API.md §6): every section built concurrently from the same queries
//! and views as its own endpoint, each under its own deadline. A section that fails or runs
//! out of time holds its empty default and is named in `degraded`; the overview still answers.

use std::collections::HashSet;
use std::future::Future;
use std::sync::RwLock;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::time::Instant;

use crate::auth::CreatorContext;
use crate::db::queries::{
    creator_deals, events, goals, insights, notifications, revenue, socials, tasks, wellness,
};
use crate::db::{Read, Snapshot, Snapshots};
use crate::error::AppError;
use crate::views::creator::{
    CurrencySummaryView, DealView, DealsSection, EventView, EventsSection, GoalView, GoalsSection,
    InsightView, InsightsSection, NotificationsSection, OverviewSections, OverviewView,
    RevenueSummaryView, SocialView, SocialsSection, TaskView, TasksSection, WellnessSection,
    WellnessView,
};

/// The overview's whole budget, the wait for a connection included: it answers within 2 s,
/// degraded or not (API.md §8.1). A section not done by then is degraded.
pub const OVERVIEW_BUDGET: Duration = Duration::from_millis(1800);

pub const SECTION_NAMES: [&str; 9] = [
    "goals",
    "events",
    "tasks",
    "revenue",
    "deals",
    "socials",
    "insights",
    "wellness",
    "notifications",
];

/// Whom an overview is for. The agency's preview shows the creator's overview but for their
/// wellness, which is private to them: for the agency it is never read, and stays empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Creator,
    Agency,
}

/// Sections made to fail on purpose: a test hook (nothing in configuration sets it), so tests
/// can show that one failing section degrades alone.
#[derive(Debug, Default)]
pub struct SectionFaults(RwLock<HashSet<String>>);

impl SectionFaults {
    pub fn fail(&self, section: &str) {
        if let Ok(mut set) = self.0.write() {
            set.insert(section.to_owned());
        }
    }

    /// The sections failing now.
    fn failing(&self) -> HashSet<String> {
        self.0.read().map(|set| set.clone()).unwrap_or_default()
    }
}

/// Builds the overview of the creator `ctx` names as of `now`, for `audience`, within
/// [`OVERVIEW_BUDGET`].
pub async fn build(
    snapshots: &Snapshots,
    ctx: CreatorContext,
    audience: Audience,
    now: DateTime<Utc>,
    faults: &SectionFaults,
) -> OverviewView {
    let deadline = Instant::now() + OVERVIEW_BUDGET;
    let failing = faults.failing();
    // One connection for every section: a consistent snapshot, and one checkout instead of
    // twenty. Without one (the database down), each section fails on its own below.
    match tokio::time::timeout_at(deadline, snapshots.open(deadline)).await {
        Ok(Ok(Snapshot::Pooled(txn))) => {
            let view = build_on(&txn, ctx, audience, now, &failing, deadline).await;
            // Read only: nothing to keep. Not awaited: a statement still stuck past the deadline
            // holds its connection until the snapshot's statement timeout ends it.
            tokio::spawn(async move {
                let _ = txn.rollback().await;
            });
            view
        }
        Ok(Ok(Snapshot::Sqlite(reader))) => reader
            .read(async move |snapshot| {
                build_on(snapshot, ctx, audience, now, &failing, deadline).await
            })
            .await
            .unwrap_or_else(|| all_degraded(now)),
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "no read snapshot for the overview");
            build_on(snapshots.pool(), ctx, audience, now, &failing, deadline).await
        }
        Err(_) => {
            tracing::warn!("no read snapshot for the overview within its budget");
            all_degraded(now)
        }
    }
}

/// Every section degraded: what is left when the budget ran out before any could be read.
fn all_degraded(now: DateTime<Utc>) -> OverviewView {
    OverviewView {
        generated_at: now,
        degraded: SECTION_NAMES.iter().map(|&name| name.to_owned()).collect(),
        sections: OverviewSections::default(),
    }
}

async fn build_on(
    db: &impl Read,
    ctx: CreatorContext,
    audience: Audience,
    now: DateTime<Utc>,
    failing: &HashSet<String>,
    deadline: Instant,
) -> OverviewView {
    let (goals, events, tasks, revenue, deals, socials, insights, wellness, notifications) = tokio::join!(
        section("goals", failing, deadline, goals_section(db, ctx, now)),
        section("events", failing, deadline, events_section(db, ctx, now)),
        section("tasks", failing, deadline, tasks_section(db, ctx, now)),
        section("revenue", failing, deadline, revenue_section(db, ctx, now)),
        section("deals", failing, deadline, deals_section(db, ctx)),
        section("socials", failing, deadline, socials_section(db, ctx, now)),
        section(
            "insights",
            failing,
            deadline,
            insights_section(db, ctx, now)
        ),
        async {
            match audience {
                Audience::Creator => {
                    section(
                        "wellness",
                        failing,
                        deadline,
                        wellness_section(db, ctx, now),
                    )
                    .await
                }
                // Private to the creator: for the agency never read, so never degraded either.
                Audience::Agency => Ok(WellnessSection::default()),
            }
        },
        section(
            "notifications",
            failing,
            deadline,
            notifications_section(db, ctx)
        ),
    );
    let mut degraded = Vec::new();
    let sections = OverviewSections {
        goals: settle(goals, &mut degraded),
        events: settle(events, &mut degraded),
        tasks: settle(tasks, &mut degraded),
        revenue: settle(revenue, &mut degraded),
        deals: settle(deals, &mut degraded),
        socials: settle(socials, &mut degraded),
        insights: settle(insights, &mut degraded),
        wellness: settle(wellness, &mut degraded),
        notifications: settle(notifications, &mut degraded),
    };
    OverviewView {
        generated_at: now,
        degraded,
        sections,
    }
}

/// A section's outcome: its value, or its name when it failed.
type Outcome<T> = Result<T, &'static str>;

async fn section<T>(
    name: &'static str,
    failing: &HashSet<String>,
    deadline: Instant,
    build: impl Future<Output = Result<T, AppError>>,
) -> Outcome<T> {
    if failing.contains(name) {
        return Err(name);
    }
    match tokio::time::timeout_at(deadline, build).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(err)) => {
            tracing::warn!(section = name, error = %err, "overview section failed");
            Err(name)
        }
        Err(_) => {
            tracing::warn!(section = name, "overview section timed out");
            Err(name)
        }
    }
}

fn settle<T: Default>(outcome: Outcome<T>, degraded: &mut Vec<String>) -> T {
    outcome.unwrap_or_else(|name| {
        degraded.push(name.to_owned());
        T::default()
    })
}

async fn goals_section(
    db: &impl Read,
    ctx: CreatorContext,
    _now: DateTime<Utc>,
) -> Result<GoalsSection, AppError> {
    let active = goals::active_summary_for_creator(db, ctx.talent_id).await?;
    Ok(GoalsSection {
        active: active.goals.into_iter().map(GoalView::from).collect(),
        count: active.count,
        average_progress: active.average_progress,
    })
}

async fn events_section(
    db: &impl Read,
    ctx: CreatorContext,
    now: DateTime<Utc>,
) -> Result<EventsSection, AppError> {
    let (upcoming, pending_response) =
        events::upcoming_summary_for_creator(db, ctx.talent_id, now).await?;
    Ok(EventsSection {
        upcoming: upcoming.into_iter().map(EventView::from).collect(),
        pending_response,
    })
}

async fn tasks_section(
    db: &impl Read,
    ctx: CreatorContext,
    now: DateTime<Utc>,
) -> Result<TasksSection, AppError> {
    let week_end = now + chrono::Duration::days(7);
    let open = tasks::open_summary_for_creator(db, ctx.talent_id, now, week_end).await?;
    Ok(TasksSection {
        open: open.tasks.into_iter().map(TaskView::from).collect(),
        overdue: open.overdue,
        due_this_week: open.due_this_week,
    })
}

/// The revenue summary exactly as `GET /revenue-summary` builds it.
async fn revenue_section(
    db: &impl Read,
    ctx: CreatorContext,
    now: DateTime<Utc>,
) -> Result<RevenueSummaryView, AppError> {
    let totals = revenue::summary_for_creator(db, ctx.talent_id, now).await?;
    Ok(RevenueSummaryView {
        currencies: totals.into_iter().map(CurrencySummaryView::from).collect(),
    })
}

async fn deals_section(db: &impl Read, ctx: CreatorContext) -> Result<DealsSection, AppError> {
    let (active, count) = creator_deals::active_summary_for_creator(db, ctx.talent_id).await?;
    Ok(DealsSection {
        active: active.into_iter().map(DealView::from).collect(),
        count,
    })
}

async fn socials_section(
    db: &impl Read,
    ctx: CreatorContext,
    now: DateTime<Utc>,
) -> Result<SocialsSection, AppError> {
    let accounts: Vec<SocialView> = socials::list_for_creator(db, ctx.talent_id)
        .await?
        .into_iter()
        .map(|row| SocialView::new(row, now))
        .collect();
    let total_followers = accounts
        .iter()
        .filter(|account| account.connected)
        .filter_map(|account| account.stats.as_ref().and_then(|stats| stats.followers))
        .sum();
    Ok(SocialsSection {
        accounts,
        total_followers,
    })
}

async fn insights_section(
    db: &impl Read,
    ctx: CreatorContext,
    now: DateTime<Utc>,
) -> Result<InsightsSection, AppError> {
    let (unread, unread_count) =
        insights::unread_summary_for_creator(db, ctx.talent_id, now).await?;
    Ok(InsightsSection {
        unread: unread.into_iter().map(InsightView::from).collect(),
        unread_count,
    })
}

async fn wellness_section(
    db: &impl Read,
    ctx: CreatorContext,
    now: DateTime<Utc>,
) -> Result<WellnessSection, AppError> {
    let since = now - chrono::Duration::days(30);
    let (latest, checkins_last30_days) =
        wellness::latest_summary_for_creator(db, ctx.talent_id, since).await?;
    Ok(WellnessSection {
        latest: latest.map(WellnessView::from),
        checkins_last30_days,
    })
}

async fn notifications_section(
    db: &impl Read,
    ctx: CreatorContext,
) -> Result<NotificationsSection, AppError> {
    Ok(NotificationsSection {
        unread_count: notifications::count_unread(db, ctx.user_id).await?,
    })
}
