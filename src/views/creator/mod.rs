//! What a creator sees (API.md §6): exactly the listed fields, money only rounded.
//!
//! Each view is built from its row by one function that destructures the row and names every
//! field it copies, so a new column (or an internal one) cannot reach a creator by accident.

mod ai;
mod calendar;
mod deal;
mod event;
mod export;
mod goal;
mod insight;
mod money;
mod notification;
mod overview;
mod revenue;
mod social;
mod task;
mod wellness;

pub use ai::{AiEntryView, ProfileView};
pub use calendar::{CalendarFeedView, FeedEventView, FeedTaskView};
pub use deal::{BrandRefView, DealView};
pub use event::EventView;
pub use export::{ExportProfileView, ExportView};
pub use goal::GoalView;
pub use insight::InsightView;
pub use money::{MoneyView, RangeView};
pub use notification::NotificationView;
pub use overview::{
    DealsSection, EventsSection, GoalsSection, InsightsSection, NotificationsSection,
    OverviewSections, OverviewView, SocialsSection, TasksSection, WellnessSection,
};
pub use revenue::{
    CurrencySummaryView, QuarterView, RevenueSummaryView, TrendDirection, TrendView,
};
pub use social::{AuthorizeView, ConnectAnswer, SocialListView, SocialStatsView, SocialView};
pub use task::{DealRefView, TaskView};
pub use wellness::WellnessView;
