//! What staff see: the agency's records with their internal fields, never a password hash
//! nor a social token. Each view is built by one `From<row>` that names every field it copies.

pub mod audit;
mod brands;
mod deals;
mod deliverables;
mod events;
mod goals;
mod insights;
mod invoices;
mod notifications;
mod opportunities;
mod outreach;
mod payments;
mod payouts;
mod socials;
mod talents;
mod tasks;
mod users;
mod webhooks;

pub use brands::BrandView;
pub use deals::DealView;
pub use deliverables::DeliverableView;
pub use events::EventView;
pub use goals::GoalView;
pub use insights::InsightView;
pub use invoices::InvoiceView;
pub use notifications::NotificationView;
pub use opportunities::OpportunityView;
pub use outreach::OutreachTaskView;
pub use payments::PaymentView;
pub use payouts::PayoutView;
pub use socials::SocialView;
pub use talents::TalentView;
pub use tasks::TaskView;
pub use users::UserView;
pub use webhooks::{NewWebhookView, WebhookDeliveryView, WebhookView};
