//! `GET /overview`: every section of the portal at once (API.md §6 "Overview").

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::{
    DealView, EventView, GoalView, InsightView, RevenueSummaryView, SocialView, TaskView,
    WellnessView,
};

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::OverviewView)]
#[serde(rename_all = "camelCase")]
pub struct OverviewView {
    pub generated_at: DateTime<Utc>,
    /// Sections that failed or timed out; each holds its empty default.
    pub degraded: Vec<String>,
    #[serde(flatten)]
    pub sections: OverviewSections,
}

/// The sections, apart from when they were generated (what the entity tag covers).
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
#[schema(as = creator::OverviewSections)]
#[serde(rename_all = "camelCase")]
pub struct OverviewSections {
    pub goals: GoalsSection,
    pub events: EventsSection,
    pub tasks: TasksSection,
    pub revenue: RevenueSummaryView,
    pub deals: DealsSection,
    pub socials: SocialsSection,
    pub insights: InsightsSection,
    pub wellness: WellnessSection,
    pub notifications: NotificationsSection,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
#[schema(as = creator::GoalsSection)]
#[serde(rename_all = "camelCase")]
pub struct GoalsSection {
    /// Up to 5 active goals, newest first.
    pub active: Vec<GoalView>,
    /// Active goals.
    pub count: u64,
    /// Mean progress (0–1) of the active goals; 0 without any.
    pub average_progress: f64,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
#[schema(as = creator::EventsSection)]
#[serde(rename_all = "camelCase")]
pub struct EventsSection {
    /// Up to 5 events from now on, soonest first.
    pub upcoming: Vec<EventView>,
    /// Events from now on awaiting an answer (`suggested` or `invited`).
    pub pending_response: u64,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
#[schema(as = creator::TasksSection)]
#[serde(rename_all = "camelCase")]
pub struct TasksSection {
    /// Up to 5 open tasks, soonest due first.
    pub open: Vec<TaskView>,
    /// Open tasks due before now.
    pub overdue: u64,
    /// Open tasks due in the next 7 days.
    pub due_this_week: u64,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
#[schema(as = creator::DealsSection)]
#[serde(rename_all = "camelCase")]
pub struct DealsSection {
    /// Up to 5 active deals (negotiation, contracted, in progress).
    pub active: Vec<DealView>,
    pub count: u64,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
#[schema(as = creator::SocialsSection)]
#[serde(rename_all = "camelCase")]
pub struct SocialsSection {
    pub accounts: Vec<SocialView>,
    /// Followers across connected accounts.
    pub total_followers: i64,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
#[schema(as = creator::InsightsSection)]
#[serde(rename_all = "camelCase")]
pub struct InsightsSection {
    /// Up to 3 unread, unexpired insights, highest priority first.
    pub unread: Vec<InsightView>,
    pub unread_count: u64,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
#[schema(as = creator::WellnessSection)]
#[serde(rename_all = "camelCase")]
pub struct WellnessSection {
    pub latest: Option<WellnessView>,
    pub checkins_last30_days: u64,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
#[schema(as = creator::NotificationsSection)]
#[serde(rename_all = "camelCase")]
pub struct NotificationsSection {
    pub unread_count: u64,
}

impl Default for RevenueSummaryView {
    /// No money at all: the revenue section's empty default.
    fn default() -> Self {
        Self {
            currencies: Vec::new(),
        }
    }
}
