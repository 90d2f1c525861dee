//! `/api/creator`: the creator portal. Every handler takes [`crate::auth::CreatorContext`]
//! (the permission check, and the only owner a query is scoped by) and returns views from
//! [`crate::views::creator`] only. No route takes a creator or talent id from the client.

pub mod ai;
pub mod calendar;
pub mod deals;
pub mod events;
pub mod export;
pub mod goals;
pub mod insights;
pub mod notifications;
pub mod overview;
pub mod revenue;
pub mod socials;
pub mod tasks;
pub mod wellness;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(overview::get_overview))
        .routes(routes!(ai::ask))
        .routes(routes!(ai::ai_history))
        .routes(routes!(ai::rate_ai_answer))
        .routes(routes!(goals::list_goals, goals::create_goal))
        .routes(routes!(goals::update_goal, goals::delete_goal))
        .routes(routes!(events::list_events))
        .routes(routes!(events::accept_event))
        .routes(routes!(events::decline_event))
        .routes(routes!(tasks::list_tasks))
        .routes(routes!(tasks::complete_task))
        .routes(routes!(deals::list_deals))
        .routes(routes!(revenue::revenue_summary))
        .routes(routes!(socials::list_socials))
        .routes(routes!(socials::connect_social))
        .routes(routes!(socials::disconnect_social))
        .routes(routes!(insights::list_insights))
        .routes(routes!(insights::mark_insight_read))
        .routes(routes!(wellness::create_checkin))
        .routes(routes!(wellness::wellness_history))
        .routes(routes!(notifications::list_notifications))
        .routes(routes!(notifications::mark_notification_read))
        .routes(routes!(export::export_data))
        .routes(routes!(
            calendar::create_calendar_feed,
            calendar::delete_calendar_feed
        ))
}
