//! What the assistant knows of a creator: built only from creator views (the overview's
//! sections, the creator's profile and the events awaiting an answer). No row type can be put
//! in it, so no prompt can make the assistant reveal what the portal does not show.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::auth::CreatorContext;
use crate::db::Snapshots;
use crate::db::entities::EventStatus;
use crate::db::queries::events::{self, EventWindow};
use crate::db::queries::talents;
use crate::error::AppError;
use crate::overview::{self, Audience, SectionFaults};
use crate::views::creator::{EventView, OverviewSections, ProfileView};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssistantContext {
    pub today: DateTime<Utc>,
    pub profile: ProfileView,
    /// Events from now on awaiting the creator's answer, soonest first.
    pub awaiting_answer: Vec<EventView>,
    #[serde(flatten)]
    pub portal: OverviewSections,
}

impl AssistantContext {
    pub async fn load(
        snapshots: &Snapshots,
        ctx: CreatorContext,
        now: DateTime<Utc>,
    ) -> Result<Self, AppError> {
        let db = snapshots.pool();
        let window = |status| EventWindow {
            status: Some(status),
            from: now,
            to: None,
        };
        let (suggested, invited) = (window(EventStatus::Suggested), window(EventStatus::Invited));
        let no_faults = SectionFaults::default();
        // The pool's reads first, the overview's snapshot after: a request holding a snapshot
        // while it waits for another pooled connection could, with as many such requests as
        // the pool has connections, wait on itself.
        let (talent, suggested, invited) = tokio::join!(
            talents::find_by_user(db, ctx.user_id),
            events::upcoming_for_creator(db, ctx.talent_id, &suggested, 5),
            events::upcoming_for_creator(db, ctx.talent_id, &invited, 5),
        );
        let view = overview::build(snapshots, ctx, Audience::Creator, now, &no_faults).await;
        let profile = talent?.map(ProfileView::from).ok_or(AppError::Forbidden)?;
        let mut awaiting: Vec<_> = suggested?.into_iter().chain(invited?).collect();
        awaiting.sort_by_key(|event| (event.start_at, event.id));
        awaiting.truncate(5);
        Ok(Self {
            today: now,
            profile,
            awaiting_answer: awaiting.into_iter().map(EventView::from).collect(),
            portal: view.sections,
        })
    }
}
