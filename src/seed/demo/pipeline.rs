//! The demo agency's open work: brand opportunities and the agents' outreach list.

use rand::RngExt;
use sea_orm::ActiveValue::Set;
use sea_orm::{DatabaseTransaction, DbErr};
use uuid::Uuid;

use super::agency::BRANDS;
use super::{Ctx, insert_all};
use crate::db::entities::{
    OpportunityStatus, OutreachStatus, TalentId, new_id, opportunity, outreach_task,
};

/// Open work: brand opportunities and the agents' outreach list.
pub(crate) async fn load(
    txn: &DatabaseTransaction,
    ctx: &mut Ctx,
    talents: &[TalentId],
    brands: &[Uuid],
) -> Result<(), DbErr> {
    let titles = [
        "Festival appearance",
        "Product seeding",
        "Podcast guest spot",
        "Store opening",
        "Recipe series",
        "Charity livestream",
    ];
    let mut opportunities = Vec::new();
    for (i, title) in titles.into_iter().enumerate() {
        let (_, currency, _, _) = BRANDS[(i * 3) % BRANDS.len()];
        let created = ctx.days_ago(40 - i as i64 * 5);
        opportunities.push(opportunity::ActiveModel {
            id: Set(new_id()),
            brand_id: Set(brands[(i * 3) % brands.len()]),
            title: Set(title.to_owned()),
            description: Set(Some(
                "One day, brand team on site; travel covered.".to_owned(),
            )),
            location: Set(Some(
                [
                    "London",
                    "Manchester",
                    "Remote",
                    "Brighton",
                    "Leeds",
                    "Remote",
                ][i]
                    .to_owned(),
            )),
            payment_minor: Set(Some(ctx.rng.random_range(5..60) * 100_000)),
            currency: Set(Some(currency.to_owned())),
            status: Set(if i < 4 {
                OpportunityStatus::Open
            } else {
                OpportunityStatus::Closed
            }),
            deadline: Set(Some(ctx.in_days(10 + i as i64 * 6).date_naive())),
            created_at: Set(created),
            updated_at: Set(created),
        });
    }
    insert_all(txn, opportunities).await?;

    let mut outreach = Vec::new();
    for i in 0..10 {
        let created = ctx.days_ago(20 - i as i64);
        outreach.push(outreach_task::ActiveModel {
            id: Set(new_id()),
            talent_id: Set(talents[i % talents.len()]),
            brand_id: Set(Some(brands[(i * 7 + 3) % brands.len()])),
            title: Set([
                "Pitch summer campaign",
                "Follow up on rate card",
                "Send media kit",
            ][i % 3]
                .to_owned()),
            status: Set(if i % 4 == 3 {
                OutreachStatus::Done
            } else {
                OutreachStatus::Open
            }),
            due_at: Set(Some(ctx.in_days(i as i64 - 2))),
            owner_id: Set(Some(ctx.agent_for(i))),
            notes: Set(Some("Warm intro via their PR agency.".to_owned())),
            created_at: Set(created),
            updated_at: Set(created),
        });
    }
    insert_all(txn, outreach).await
}
