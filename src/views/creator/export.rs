//! `GET /export`: everything that is the creator's, in their own views (API.md §8.4).

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::{
    AiEntryView, DealView, EventView, GoalView, InsightView, NotificationView, RevenueSummaryView,
    SocialView, TaskView, WellnessView,
};
use crate::db::entities::talent;
use crate::db::queries::export::CreatorRecords;

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::ExportView)]
#[serde(rename_all = "camelCase")]
pub struct ExportView {
    pub exported_at: DateTime<Utc>,
    pub profile: ExportProfileView,
    pub goals: Vec<GoalView>,
    pub events: Vec<EventView>,
    pub tasks: Vec<TaskView>,
    pub deals: Vec<DealView>,
    pub revenue: RevenueSummaryView,
    pub socials: Vec<SocialView>,
    pub insights: Vec<InsightView>,
    pub wellness: Vec<WellnessView>,
    pub ai_history: Vec<AiEntryView>,
    pub notifications: Vec<NotificationView>,
}

/// Who the creator is, as they gave it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::ExportProfileView)]
#[serde(rename_all = "camelCase")]
pub struct ExportProfileView {
    pub display_name: String,
    pub email: String,
    pub categories: Vec<String>,
}

impl ExportView {
    /// The export of `records`, whose login has `email`, with its revenue summary, at `now`.
    pub fn new(
        records: CreatorRecords,
        email: String,
        revenue: RevenueSummaryView,
        now: DateTime<Utc>,
    ) -> Self {
        let CreatorRecords {
            talent,
            goals,
            events,
            tasks,
            deals,
            socials,
            insights,
            wellness,
            ai_history,
            notifications,
        } = records;
        let talent::Model {
            id: _,
            user_id: _,
            display_name,
            categories,
            stage: _,
            erased_at: _,
            created_at: _,
            updated_at: _,
        } = talent;
        Self {
            exported_at: now,
            profile: ExportProfileView {
                display_name,
                email,
                categories: categories.0,
            },
            goals: goals.into_iter().map(GoalView::from).collect(),
            events: events.into_iter().map(EventView::from).collect(),
            tasks: tasks.into_iter().map(TaskView::from).collect(),
            deals: deals.into_iter().map(DealView::from).collect(),
            revenue,
            socials: socials
                .into_iter()
                .map(|row| SocialView::new(row, now))
                .collect(),
            insights: insights.into_iter().map(InsightView::from).collect(),
            wellness: wellness.into_iter().map(WellnessView::from).collect(),
            ai_history: ai_history.into_iter().map(AiEntryView::from).collect(),
            notifications: notifications
                .into_iter()
                .map(NotificationView::from)
                .collect(),
        }
    }
}
