//! Each demo creator's portal records: events in every state, tasks of every type, insights
//! (some expired), social accounts with analytics, goals, wellness check-ins and notifications.

use std::collections::HashMap;

use chrono::Duration;
use rand::RngExt;
use sea_orm::ActiveValue::Set;
use sea_orm::{DatabaseTransaction, DbErr};
use uuid::Uuid;

use super::{CREATORS, Ctx, insert_all};
use crate::db::entities::{
    EventSource, EventStatus, EventType, GoalType, InsightType, Platform, TalentId, TaskPriority,
    TaskStatus, TaskType, UserId, Workload, creator_event, creator_goal, creator_insight,
    creator_task, new_id, notification, social_account_connection as social, wellness_checkin,
};

#[derive(Default)]
struct Rows {
    events: Vec<creator_event::ActiveModel>,
    tasks: Vec<creator_task::ActiveModel>,
    insights: Vec<creator_insight::ActiveModel>,
    socials: Vec<social::ActiveModel>,
    goals: Vec<creator_goal::ActiveModel>,
    checkins: Vec<wellness_checkin::ActiveModel>,
    notifications: Vec<notification::ActiveModel>,
}

pub(crate) async fn load(
    txn: &DatabaseTransaction,
    ctx: &mut Ctx,
    talents: &[TalentId],
    logins: &[UserId],
    active_deals: &HashMap<TalentId, (Uuid, Uuid)>,
) -> Result<(), DbErr> {
    let mut rows = Rows::default();
    for (i, (talent, login)) in talents.iter().zip(logins).enumerate() {
        events(ctx, &mut rows, i, *talent, *login);
        tasks(
            ctx,
            &mut rows,
            i,
            *talent,
            *login,
            active_deals.get(talent).copied(),
        );
        insights(ctx, &mut rows, *talent);
        socials(ctx, &mut rows, i, *talent);
        goals(ctx, &mut rows, *talent);
        checkins(ctx, &mut rows, *talent);
    }
    insert_all(txn, rows.events).await?;
    insert_all(txn, rows.tasks).await?;
    insert_all(txn, rows.insights).await?;
    insert_all(txn, rows.socials).await?;
    insert_all(txn, rows.goals).await?;
    insert_all(txn, rows.checkins).await?;
    insert_all(txn, rows.notifications).await
}

fn notify(
    rows: &mut Rows,
    user: UserId,
    kind: &str,
    title: String,
    entity: (&str, Uuid),
    at: chrono::DateTime<chrono::Utc>,
) {
    rows.notifications.push(notification::ActiveModel {
        id: Set(new_id()),
        user_id: Set(user),
        kind: Set(kind.to_owned()),
        title: Set(title),
        body: Set(None),
        entity_type: Set(Some(entity.0.to_owned())),
        entity_id: Set(Some(entity.1)),
        read_at: Set(None),
        created_at: Set(at),
    });
}

/// Two past events (one accepted, one declined) and four ahead in every open state.
fn events(ctx: &mut Ctx, rows: &mut Rows, i: usize, talent: TalentId, login: UserId) {
    let agent = ctx.agent_for(i);
    let plan = [
        (
            -40,
            EventType::Shoot,
            EventStatus::Accepted,
            "Campaign shoot",
            "Studio 4, Shoreditch",
        ),
        (
            -18,
            EventType::Appearance,
            EventStatus::Declined,
            "Charity gala",
            "The Savoy, London",
        ),
        (
            3,
            EventType::Meeting,
            EventStatus::Invited,
            "Brand kickoff call",
            "Video call",
        ),
        (
            9,
            EventType::Launch,
            EventStatus::Suggested,
            "Product launch party",
            "Soho House",
        ),
        (
            16,
            EventType::Shoot,
            EventStatus::Accepted,
            "Lookbook shoot",
            "Hackney Wick studio",
        ),
        (
            27,
            EventType::Appearance,
            EventStatus::Invited,
            "Festival panel",
            "Manchester Central",
        ),
    ];
    for (k, (days, event_type, status, name, location)) in plan.into_iter().enumerate() {
        let id = new_id();
        let start = ctx.in_days(days) + Duration::hours(10 + (k as i64 % 3) * 2);
        let by_admin = k == 3;
        let created = (start - Duration::days(21)).min(ctx.now);
        rows.events.push(creator_event::ActiveModel {
            id: Set(id),
            creator_id: Set(talent),
            event_name: Set(name.to_owned()),
            event_type: Set(event_type),
            description: Set(Some(format!("{name}: details and call sheet to follow."))),
            location: Set(Some(location.to_owned())),
            start_at: Set(start),
            end_at: Set(Some(start + Duration::hours(ctx.rng.random_range(1..6)))),
            status: Set(status),
            source: Set(if by_admin {
                EventSource::Admin
            } else {
                EventSource::Agent
            }),
            source_user_id: Set(Some(if by_admin { ctx.admin } else { agent })),
            creator_notes: Set(
                (status == EventStatus::Accepted).then(|| "Can bring my own stylist".to_owned())
            ),
            decline_reason: Set(
                (status == EventStatus::Declined).then(|| "Clashes with a family trip".to_owned())
            ),
            created_at: Set(created),
            updated_at: Set(created),
        });
        if status == EventStatus::Invited {
            notify(
                rows,
                login,
                "event_invited",
                format!("New event: {name}"),
                ("event", id),
                created,
            );
        }
        if status == EventStatus::Accepted && days > 0 {
            let title = format!("{} accepted {name}", CREATORS[i].name);
            notify(rows, agent, "event_accepted", title, ("event", id), created);
        }
    }
}

/// A task of every type, internal ones included, in every state, some overdue.
fn tasks(
    ctx: &mut Ctx,
    rows: &mut Rows,
    i: usize,
    talent: TalentId,
    login: UserId,
    deal: Option<(Uuid, Uuid)>,
) {
    let agent = ctx.agent_for(i);
    let plan = [
        (
            TaskType::Creative,
            "Draft three hook ideas",
            TaskPriority::High,
            TaskStatus::Pending,
            Some(2),
        ),
        (
            TaskType::Attendance,
            "Confirm shoot call time",
            TaskPriority::Medium,
            TaskStatus::Pending,
            Some(8),
        ),
        (
            TaskType::Review,
            "Review the brand's edit",
            TaskPriority::Urgent,
            TaskStatus::InProgress,
            Some(-1),
        ),
        (
            TaskType::Approval,
            "Approve final captions",
            TaskPriority::Medium,
            TaskStatus::Completed,
            Some(-5),
        ),
        (
            TaskType::Creative,
            "Moodboard for autumn",
            TaskPriority::Low,
            TaskStatus::Cancelled,
            None,
        ),
        (
            TaskType::Admin,
            "Update talent contract file",
            TaskPriority::Medium,
            TaskStatus::Pending,
            Some(5),
        ),
        (
            TaskType::Financial,
            "Chase overdue invoice",
            TaskPriority::High,
            TaskStatus::Pending,
            Some(1),
        ),
    ];
    for (k, (task_type, title, priority, status, due)) in plan.into_iter().enumerate() {
        let id = new_id();
        let due_at = due.map(|d| ctx.in_days(d) + Duration::hours(17));
        let created = ctx.some_days_ago(7..20);
        let linked = matches!(task_type, TaskType::Review | TaskType::Approval)
            .then_some(deal)
            .flatten();
        rows.tasks.push(creator_task::ActiveModel {
            id: Set(id),
            creator_id: Set(talent),
            title: Set(title.to_owned()),
            description: Set(Some("Details in the shared brief.".to_owned())),
            task_type: Set(task_type),
            due_at: Set(due_at),
            completed_at: Set((status == TaskStatus::Completed).then(|| ctx.days_ago(6))),
            priority: Set(priority),
            status: Set(status),
            linked_deal_id: Set(linked.map(|(deal, _)| deal)),
            linked_deliverable_id: Set(linked.map(|(_, deliverable)| deliverable)),
            created_by: Set(Some(if k == 5 { ctx.admin } else { agent })),
            created_at: Set(created),
            updated_at: Set(created),
        });
        if task_type.is_creator_visible() && status == TaskStatus::Pending {
            notify(
                rows,
                login,
                "task_assigned",
                format!("New task: {title}"),
                ("task", id),
                created,
            );
        }
    }
}

/// Four insights: two current, one read, one expired.
fn insights(ctx: &mut Ctx, rows: &mut Rows, talent: TalentId) {
    let plan = [
        (
            InsightType::Performance,
            "Your reels outperform photos 3:1",
            80,
            false,
            Some(30),
        ),
        (
            InsightType::Trend,
            "Behind-the-scenes content is trending",
            60,
            false,
            None,
        ),
        (
            InsightType::Audience,
            "Your audience skews 25–34 this quarter",
            40,
            true,
            Some(60),
        ),
        (
            InsightType::Opportunity,
            "Brands are booking for spring now",
            70,
            false,
            Some(-5),
        ),
    ];
    for (insight_type, title, priority, is_read, expires) in plan {
        let created = ctx.some_days_ago(2..30);
        rows.insights.push(creator_insight::ActiveModel {
            id: Set(new_id()),
            creator_id: Set(talent),
            insight_type: Set(insight_type),
            title: Set(title.to_owned()),
            summary: Set(Some(format!(
                "{title}. Worth planning the next month around it."
            ))),
            context: Set(Some("Based on the last 90 days of posts.".to_owned())),
            metadata: Set(Some(
                serde_json::json!({"model": "agency-analytics-v2", "confidence": 0.8}),
            )),
            priority: Set(priority),
            is_read: Set(is_read),
            expires_at: Set(expires.map(|d| ctx.in_days(d))),
            created_at: Set(created),
            updated_at: Set(created),
        });
    }
}

/// Two or three accounts with recent analytics; one creator has disconnected one.
fn socials(ctx: &mut Ctx, rows: &mut Rows, i: usize, talent: TalentId) {
    let platforms = [
        [Platform::Instagram, Platform::Tiktok, Platform::Youtube],
        [Platform::Youtube, Platform::X, Platform::Tiktok],
        [Platform::Instagram, Platform::Linkedin, Platform::Youtube],
    ][i % 3];
    let count = 2 + i % 2;
    for (k, platform) in platforms.into_iter().take(count).enumerate() {
        let followers = ctx.rng.random_range(8_000..2_500_000_i64);
        let synced = ctx.some_days_ago(0..3);
        let connected = !(i == 4 && k == 1);
        let created = ctx.days_ago(300);
        rows.socials.push(social::ActiveModel {
            id: Set(new_id()),
            creator_id: Set(talent),
            platform: Set(platform),
            handle: Set(CREATORS[i].handle.to_owned()),
            connected: Set(connected),
            access_token: Set(None),
            refresh_token: Set(None),
            expires_at: Set(None),
            last_synced_at: Set(Some(synced)),
            followers: Set(Some(followers)),
            engagement_rate: Set(Some(f64::from(ctx.rng.random_range(10..80_u32)) / 1000.0)),
            avg_views: Set(Some(followers / ctx.rng.random_range(3..12))),
            metadata: Set(None),
            refresh_refused: Set(false),
            created_at: Set(created),
            updated_at: Set(synced),
        });
    }
}

fn goals(ctx: &mut Ctx, rows: &mut Rows, talent: TalentId) {
    let plan = [
        (
            GoalType::Revenue,
            "Earn £120K this year",
            Some(120_000.0),
            Some("2026"),
            true,
        ),
        (
            GoalType::Content,
            "Post three reels a week",
            Some(3.0),
            Some("weekly"),
            true,
        ),
        (
            GoalType::Events,
            "Speak at two festivals",
            Some(2.0),
            Some("6 months"),
            true,
        ),
        (
            GoalType::Personal,
            "Take a full week off",
            None,
            Some("Q1"),
            false,
        ),
    ];
    for (goal_type, title, target, timeframe, active) in plan {
        let created = ctx.some_days_ago(30..200);
        rows.goals.push(creator_goal::ActiveModel {
            id: Set(new_id()),
            creator_id: Set(talent),
            goal_type: Set(goal_type),
            title: Set(title.to_owned()),
            target_value: Set(target),
            timeframe: Set(timeframe.map(str::to_owned)),
            progress: Set(f64::from(ctx.rng.random_range(5..95_u32)) / 100.0),
            active: Set(active),
            created_at: Set(created),
            updated_at: Set(created),
        });
    }
}

/// A check-in about once a week for the last two months.
fn checkins(ctx: &mut Ctx, rows: &mut Rows, talent: TalentId) {
    let workloads = [
        Workload::Light,
        Workload::Comfortable,
        Workload::Busy,
        Workload::Overwhelming,
    ];
    for week in 0..9 {
        let at = ctx.some_days_ago(week * 7..week * 7 + 3);
        rows.checkins.push(wellness_checkin::ActiveModel {
            id: Set(new_id()),
            creator_id: Set(talent),
            energy_level: Set(ctx.rng.random_range(2..=5)),
            workload: Set(workloads[ctx.rng.random_range(0..4)]),
            notes: Set((week % 3 == 0).then(|| "Busy week of shoots".to_owned())),
            created_at: Set(at),
        });
    }
}
