//! Test data planted straight into the database (setup only: what is under test goes over
//! HTTP). Each function inserts one row with sensible defaults, adjusted by `tweak`.

use chrono::{DateTime, Duration, Utc};
use exclusive_talent::db::entities::*;
use exclusive_talent::db::queries::now;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use uuid::Uuid;

use crate::helpers::TestApp;

pub fn days(n: i64) -> Duration {
    Duration::days(n)
}

pub fn in_days(n: i64) -> DateTime<Utc> {
    now() + days(n)
}

pub async fn brand(app: &TestApp, name: &str) -> brand::Model {
    brand_in(&app.db, name).await
}

/// A brand written through any connection (a test may hold no `TestApp` where it writes).
pub async fn brand_in(db: &impl sea_orm::ConnectionTrait, name: &str) -> brand::Model {
    let now = now();
    brand::ActiveModel {
        id: Set(new_id()),
        name: Set(name.to_owned()),
        values: Set(StringList::default()),
        target_audience: Set(None),
        website: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("insert brand")
}

pub async fn deal(
    app: &TestApp,
    talent: TalentId,
    brand: Uuid,
    tweak: impl FnOnce(&mut deal::ActiveModel),
) -> deal::Model {
    let now = now();
    let mut row = deal::ActiveModel {
        id: Set(new_id()),
        talent_id: Set(talent),
        brand_id: Set(brand),
        name: Set("Spring campaign".to_owned()),
        stage: Set(DealStage::Contracted),
        value_minor: Set(1_000_000),
        currency: Set("GBP".to_owned()),
        start_date: Set(None),
        end_date: Set(None),
        next_action: Set(None),
        next_action_due_at: Set(None),
        negotiation_notes: Set(None),
        agent_notes: Set(None),
        contract_terms: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    tweak(&mut row);
    row.insert(&app.db).await.expect("insert deal")
}

pub async fn invoice(
    app: &TestApp,
    deal: Uuid,
    amount_minor: i64,
    status: InvoiceStatus,
    tweak: impl FnOnce(&mut invoice::ActiveModel),
) -> invoice::Model {
    let now = now();
    let talent = deal::Entity::find_by_id(deal)
        .one(&app.db)
        .await
        .expect("read the invoice's deal")
        .expect("the invoice's deal exists")
        .talent_id;
    let mut row = invoice::ActiveModel {
        id: Set(new_id()),
        deal_id: Set(deal),
        talent_id: Set(talent),
        amount_minor: Set(amount_minor),
        currency: Set("GBP".to_owned()),
        status: Set(status),
        invoice_number: Set(format!("INV-TEST-{}", new_id().simple())),
        issued_at: Set(None),
        due_at: Set(None),
        paid_at: Set((status == InvoiceStatus::Paid).then_some(now)),
        created_at: Set(now),
        updated_at: Set(now),
    };
    tweak(&mut row);
    row.insert(&app.db).await.expect("insert invoice")
}

pub async fn payment(
    app: &TestApp,
    invoice: Uuid,
    tweak: impl FnOnce(&mut payment::ActiveModel),
) -> payment::Model {
    let now = now();
    let mut row = payment::ActiveModel {
        id: Set(new_id()),
        invoice_id: Set(invoice),
        amount_minor: Set(100_000),
        currency: Set("GBP".to_owned()),
        method: Set(PaymentMethod::BankTransfer),
        received_at: Set(None),
        reference: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    tweak(&mut row);
    row.insert(&app.db).await.expect("insert payment")
}

pub async fn payout(
    app: &TestApp,
    talent: TalentId,
    amount_minor: i64,
    status: PayoutStatus,
    tweak: impl FnOnce(&mut payout::ActiveModel),
) -> payout::Model {
    let now = now();
    let mut row = payout::ActiveModel {
        id: Set(new_id()),
        talent_id: Set(talent),
        deal_id: Set(None),
        amount_minor: Set(amount_minor),
        currency: Set("GBP".to_owned()),
        status: Set(status),
        scheduled_for: Set(None),
        paid_at: Set(None),
        reference: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    tweak(&mut row);
    row.insert(&app.db).await.expect("insert payout")
}

/// An event invited by `source` (a staff user), starting in a week.
pub async fn event(
    app: &TestApp,
    talent: TalentId,
    source: Option<UserId>,
    tweak: impl FnOnce(&mut creator_event::ActiveModel),
) -> creator_event::Model {
    let now = now();
    let mut row = creator_event::ActiveModel {
        id: Set(new_id()),
        creator_id: Set(talent),
        event_name: Set("Launch party".to_owned()),
        event_type: Set(EventType::Launch),
        description: Set(None),
        location: Set(None),
        start_at: Set(now + days(7)),
        end_at: Set(None),
        status: Set(EventStatus::Invited),
        source: Set(EventSource::Agent),
        source_user_id: Set(source),
        creator_notes: Set(None),
        decline_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    tweak(&mut row);
    row.insert(&app.db).await.expect("insert event")
}

pub async fn task(
    app: &TestApp,
    talent: TalentId,
    created_by: Option<UserId>,
    tweak: impl FnOnce(&mut creator_task::ActiveModel),
) -> creator_task::Model {
    let now = now();
    let mut row = creator_task::ActiveModel {
        id: Set(new_id()),
        creator_id: Set(talent),
        title: Set("Review the brief".to_owned()),
        description: Set(None),
        task_type: Set(TaskType::Review),
        due_at: Set(None),
        completed_at: Set(None),
        priority: Set(TaskPriority::Medium),
        status: Set(TaskStatus::Pending),
        linked_deal_id: Set(None),
        linked_deliverable_id: Set(None),
        created_by: Set(created_by),
        created_at: Set(now),
        updated_at: Set(now),
    };
    tweak(&mut row);
    row.insert(&app.db).await.expect("insert task")
}

pub async fn insight(
    app: &TestApp,
    talent: TalentId,
    tweak: impl FnOnce(&mut creator_insight::ActiveModel),
) -> creator_insight::Model {
    let now = now();
    let mut row = creator_insight::ActiveModel {
        id: Set(new_id()),
        creator_id: Set(talent),
        insight_type: Set(InsightType::Performance),
        title: Set("Reels are up".to_owned()),
        summary: Set(None),
        context: Set(None),
        metadata: Set(None),
        priority: Set(0),
        is_read: Set(false),
        expires_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    tweak(&mut row);
    row.insert(&app.db).await.expect("insert insight")
}

pub async fn goal(
    app: &TestApp,
    talent: TalentId,
    tweak: impl FnOnce(&mut creator_goal::ActiveModel),
) -> creator_goal::Model {
    let now = now();
    let mut row = creator_goal::ActiveModel {
        id: Set(new_id()),
        creator_id: Set(talent),
        goal_type: Set(GoalType::Content),
        title: Set("Post weekly".to_owned()),
        target_value: Set(None),
        timeframe: Set(None),
        progress: Set(0.0),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    };
    tweak(&mut row);
    row.insert(&app.db).await.expect("insert goal")
}

pub async fn outreach(
    app: &TestApp,
    talent: TalentId,
    tweak: impl FnOnce(&mut outreach_task::ActiveModel),
) -> outreach_task::Model {
    let now = now();
    let mut row = outreach_task::ActiveModel {
        id: Set(new_id()),
        talent_id: Set(talent),
        brand_id: Set(None),
        title: Set("Pitch a brand".to_owned()),
        status: Set(OutreachStatus::Open),
        due_at: Set(None),
        owner_id: Set(None),
        notes: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    tweak(&mut row);
    row.insert(&app.db).await.expect("insert outreach task")
}

pub async fn notification(app: &TestApp, user: UserId, title: &str) -> notification::Model {
    notification::ActiveModel {
        id: Set(new_id()),
        user_id: Set(user),
        kind: Set("event_invited".to_owned()),
        title: Set(title.to_owned()),
        body: Set(None),
        entity_type: Set(None),
        entity_id: Set(None),
        read_at: Set(None),
        created_at: Set(now()),
    }
    .insert(&app.db)
    .await
    .expect("insert notification")
}

/// The ids of a page's items, in order.
pub fn ids(body: &serde_json::Value) -> Vec<String> {
    body["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
