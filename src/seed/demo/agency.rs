//! The demo agency's business: brands, deals in every stage, deliverables, invoices,
//! payments, payouts (GBP and USD, over the last 18 months), opportunities and outreach.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, Utc};
use rand::RngExt;
use sea_orm::ActiveValue::Set;
use sea_orm::{DatabaseTransaction, DbErr};
use uuid::Uuid;

use super::{Ctx, insert_all};
use crate::db::entities::{
    DealStage, DeliverableStatus, InvoiceStatus, PaymentMethod, PayoutStatus, StringList, TalentId,
    brand, deal, deliverable, invoice, new_id, payment, payout,
};
use crate::db::queries::invoices::number_for;

/// (name, currency, values, audience, website)
pub(crate) const BRANDS: [(&str, &str, &[&str], &str); 10] = [
    (
        "Northwind Outdoor",
        "GBP",
        &["sustainability", "adventure"],
        "18–34 hikers and campers",
    ),
    (
        "Lumen Beauty",
        "GBP",
        &["inclusive", "cruelty-free"],
        "Women 18–30",
    ),
    (
        "Pixelforge Games",
        "USD",
        &["play", "community"],
        "Core gamers 16–30",
    ),
    (
        "Oat & Honey",
        "GBP",
        &["wholesome", "family"],
        "Young families",
    ),
    (
        "Stride Athletics",
        "USD",
        &["performance", "grit"],
        "Runners and gym-goers",
    ),
    (
        "Soundwave Audio",
        "USD",
        &["craft", "music"],
        "Music lovers 18–35",
    ),
    (
        "Verde Kitchen",
        "GBP",
        &["plant-based", "seasonal"],
        "Home cooks",
    ),
    (
        "Atlas Travel",
        "GBP",
        &["discovery", "comfort"],
        "Couples 25–45",
    ),
    (
        "Nimbus Tech",
        "USD",
        &["innovation", "simplicity"],
        "Early adopters",
    ),
    (
        "Maison Rue",
        "GBP",
        &["elegance", "heritage"],
        "Fashion-forward 20–40",
    ),
];

/// What the portal loader needs from the money side.
pub(crate) struct Money {
    pub deals: usize,
    pub invoices: usize,
    /// Per talent: an in-progress deal and one of its deliverables, for linked tasks.
    pub active_deals: HashMap<TalentId, (Uuid, Uuid)>,
}

#[derive(Default)]
struct Rows {
    deals: Vec<deal::ActiveModel>,
    deliverables: Vec<deliverable::ActiveModel>,
    invoices: Vec<invoice::ActiveModel>,
    payments: Vec<payment::ActiveModel>,
    payouts: Vec<payout::ActiveModel>,
    /// Invoice numbers per year.
    numbers: HashMap<i32, u32>,
}

pub(crate) async fn load(
    txn: &DatabaseTransaction,
    ctx: &mut Ctx,
    talents: &[TalentId],
) -> Result<Money, DbErr> {
    let mut brands = Vec::new();
    for (i, (name, _, values, audience)) in BRANDS.iter().enumerate() {
        let created = ctx.days_ago(580 - i as i64 * 7);
        let slug: String = name
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        brands.push(brand::ActiveModel {
            id: Set(new_id()),
            name: Set((*name).to_owned()),
            values: Set(StringList(values.iter().map(|v| (*v).to_owned()).collect())),
            target_audience: Set(Some((*audience).to_owned())),
            website: Set(Some(format!("https://{slug}.example"))),
            created_at: Set(created),
            updated_at: Set(created),
        });
    }
    let brand_ids: Vec<Uuid> = brands
        .iter()
        .filter_map(|b| b.id.try_as_ref().copied())
        .collect();
    insert_all(txn, brands).await?;

    let mut rows = Rows::default();
    let mut active_deals = HashMap::new();
    for (i, talent) in talents.iter().enumerate() {
        // Two completed deals, one running, one contracted, and one early or lost: every
        // stage appears across the roster.
        let early = [DealStage::Lead, DealStage::Negotiation, DealStage::Lost][i % 3];
        let stages = [
            DealStage::Completed,
            DealStage::Completed,
            DealStage::InProgress,
            DealStage::Contracted,
            early,
        ];
        for (k, stage) in stages.into_iter().enumerate() {
            let b = (i * 3 + k * 7) % BRANDS.len();
            let deal = add_deal(ctx, &mut rows, *talent, brand_ids[b], BRANDS[b], stage, k);
            if let Some(ids) = deal {
                active_deals.entry(*talent).or_insert(ids);
            }
        }
    }
    let counts = (rows.deals.len(), rows.invoices.len());
    insert_all(txn, rows.deals).await?;
    insert_all(txn, rows.deliverables).await?;
    insert_all(txn, rows.invoices).await?;
    insert_all(txn, rows.payments).await?;
    insert_all(txn, rows.payouts).await?;
    super::pipeline::load(txn, ctx, talents, &brand_ids).await?;
    Ok(Money {
        deals: counts.0,
        invoices: counts.1,
        active_deals,
    })
}

/// Adds a deal with what its stage implies; returns (deal, deliverable) of an in-progress one.
fn add_deal(
    ctx: &mut Ctx,
    rows: &mut Rows,
    talent: TalentId,
    brand: Uuid,
    (brand_name, currency, _, _): (&str, &str, &[&str], &str),
    stage: DealStage,
    k: usize,
) -> Option<(Uuid, Uuid)> {
    let value = ctx.rng.random_range(40..=900) * 100 * 100; // £4K–£90K, whole hundreds
    // Completed deals spread over the last 18 months; running ones recent; the rest ahead.
    let start_ago: i64 = match stage {
        DealStage::Completed => ctx
            .rng
            .random_range(if k == 0 { 300..540 } else { 90..300 }),
        DealStage::InProgress => ctx.rng.random_range(20..75),
        DealStage::Contracted => -ctx.rng.random_range(7..45),
        _ => -ctx.rng.random_range(30..90),
    };
    let start = ctx.days_ago(start_ago);
    let end = start + Duration::days(ctx.rng.random_range(30..90));
    let created = (start - Duration::days(ctx.rng.random_range(14..40))).min(ctx.now);
    let campaign = [
        "Spring campaign",
        "Launch series",
        "Ambassador year",
        "Holiday push",
        "Capsule drop",
    ][k];
    let deal_id = new_id();
    let agent = ctx.agents[k % 2];
    let (next_action, next_due) = match stage {
        DealStage::Negotiation => (
            Some("Review the draft terms we sent".to_owned()),
            Some(ctx.in_days(4)),
        ),
        DealStage::Contracted => (
            Some("Sign the contract in DocuSign".to_owned()),
            Some(ctx.in_days(2)),
        ),
        DealStage::InProgress => (
            Some("Send the first cut for approval".to_owned()),
            Some(ctx.in_days(6)),
        ),
        DealStage::Lead => (
            Some("Pick a date for the intro call".to_owned()),
            Some(ctx.in_days(9)),
        ),
        _ => (None, None),
    };
    rows.deals.push(deal::ActiveModel {
        id: Set(deal_id),
        talent_id: Set(talent),
        brand_id: Set(brand),
        name: Set(format!("{brand_name} {campaign}")),
        stage: Set(stage),
        value_minor: Set(value),
        currency: Set(currency.to_owned()),
        start_date: Set(Some(start.date_naive())),
        end_date: Set(Some(end.date_naive())),
        next_action: Set(next_action),
        next_action_due_at: Set(next_due),
        negotiation_notes: Set(Some(format!(
            "Brand opened at {}% of our ask; held firm on usage rights.",
            ctx.rng.random_range(60..90)
        ))),
        agent_notes: Set(Some(
            "Brand contact is responsive; prefers email.".to_owned(),
        )),
        contract_terms: Set((!matches!(
            stage,
            DealStage::Lead | DealStage::Negotiation | DealStage::Lost
        ))
        .then(|| {
            "12 months usage, 3 posts + 2 stories, exclusivity in category for 90 days".to_owned()
        })),
        created_at: Set(created),
        updated_at: Set(created),
    });

    let deliverable_statuses: &[DeliverableStatus] = match stage {
        DealStage::Completed => &[DeliverableStatus::Approved, DeliverableStatus::Approved],
        DealStage::InProgress => &[
            DeliverableStatus::Submitted,
            DeliverableStatus::InProgress,
            DeliverableStatus::Pending,
        ],
        DealStage::Contracted => &[DeliverableStatus::Pending],
        _ => &[],
    };
    let mut first_deliverable = None;
    for (d, status) in deliverable_statuses.iter().enumerate() {
        let id = new_id();
        first_deliverable.get_or_insert(id);
        let due = start + Duration::days(14 * (d as i64 + 1));
        let approved = (*status == DeliverableStatus::Approved).then(|| due - Duration::days(1));
        rows.deliverables.push(deliverable::ActiveModel {
            id: Set(id),
            deal_id: Set(deal_id),
            title: Set(["Hero video", "Instagram carousel", "Story set"][d].to_owned()),
            description: Set(Some(
                "Per the brief; brand approval before posting.".to_owned(),
            )),
            due_at: Set(Some(due)),
            status: Set(*status),
            approved_at: Set(approved),
            approved_by: Set(approved.map(|_| agent)),
            created_at: Set(created),
            updated_at: Set(created),
        });
    }

    // Invoices: completed deals are paid in two halves; a running one has one half paid and
    // one outstanding; a contracted one has a draft; a lost one kept its voided invoice.
    let halves = value / 2;
    match stage {
        DealStage::Completed => {
            add_invoice(
                ctx,
                rows,
                talent,
                deal_id,
                currency,
                halves,
                start,
                InvoiceStatus::Paid,
            );
            add_invoice(
                ctx,
                rows,
                talent,
                deal_id,
                currency,
                value - halves,
                end,
                InvoiceStatus::Paid,
            );
        }
        DealStage::InProgress => {
            add_invoice(
                ctx,
                rows,
                talent,
                deal_id,
                currency,
                halves,
                start,
                InvoiceStatus::Paid,
            );
            let status = if ctx.rng.random_bool(0.5) {
                InvoiceStatus::Overdue
            } else {
                InvoiceStatus::Sent
            };
            add_invoice(
                ctx,
                rows,
                talent,
                deal_id,
                currency,
                value - halves,
                ctx.days_ago(35),
                status,
            );
        }
        DealStage::Contracted => {
            add_invoice(
                ctx,
                rows,
                talent,
                deal_id,
                currency,
                halves,
                ctx.now,
                InvoiceStatus::Draft,
            );
        }
        DealStage::Lost => {
            let issued = ctx.days_ago(60);
            add_invoice(
                ctx,
                rows,
                talent,
                deal_id,
                currency,
                halves,
                issued,
                InvoiceStatus::Void,
            );
        }
        _ => {}
    }
    (stage == DealStage::InProgress).then(|| (deal_id, first_deliverable.unwrap_or(deal_id)))
}

#[allow(clippy::too_many_arguments)]
fn add_invoice(
    ctx: &mut Ctx,
    rows: &mut Rows,
    talent: TalentId,
    deal_id: Uuid,
    currency: &str,
    amount: i64,
    issued: DateTime<Utc>,
    status: InvoiceStatus,
) {
    let issued = issued.min(ctx.now);
    let seq = rows.numbers.entry(issued.year()).or_insert(0);
    *seq += 1;
    let number = number_for(issued.year(), *seq);
    let due = issued + Duration::days(30);
    let paid_at = (status == InvoiceStatus::Paid)
        .then(|| (issued + Duration::days(ctx.rng.random_range(10..40))).min(ctx.now));
    let id = new_id();
    rows.invoices.push(invoice::ActiveModel {
        id: Set(id),
        deal_id: Set(deal_id),
        talent_id: Set(talent),
        amount_minor: Set(amount),
        currency: Set(currency.to_owned()),
        status: Set(status),
        invoice_number: Set(number.clone()),
        issued_at: Set((status != InvoiceStatus::Draft).then_some(issued)),
        due_at: Set(Some(due)),
        paid_at: Set(paid_at),
        created_at: Set(issued),
        updated_at: Set(paid_at.unwrap_or(issued)),
    });
    let Some(paid_at) = paid_at else { return };
    let method = [
        PaymentMethod::BankTransfer,
        PaymentMethod::BankTransfer,
        PaymentMethod::Card,
        PaymentMethod::Paypal,
    ][ctx.rng.random_range(0..4)];
    rows.payments.push(payment::ActiveModel {
        id: Set(new_id()),
        invoice_id: Set(id),
        amount_minor: Set(amount),
        currency: Set(currency.to_owned()),
        method: Set(method),
        received_at: Set(Some(paid_at)),
        reference: Set(Some(format!("Remittance {number}"))),
        created_at: Set(paid_at),
        updated_at: Set(paid_at),
    });
    // The talent's share (80%) follows a week later; the newest ones are still on their way.
    let payout_at = paid_at + Duration::days(7);
    let (status, scheduled, paid) = if payout_at <= ctx.now {
        let failed = ctx.rng.random_range(0..25) == 0;
        if failed {
            (PayoutStatus::Failed, Some(payout_at), None)
        } else {
            (PayoutStatus::Paid, Some(payout_at), Some(payout_at))
        }
    } else if ctx.rng.random_bool(0.5) {
        (PayoutStatus::Scheduled, Some(payout_at), None)
    } else {
        (PayoutStatus::Pending, None, None)
    };
    rows.payouts.push(payout::ActiveModel {
        id: Set(new_id()),
        talent_id: Set(talent),
        deal_id: Set(Some(deal_id)),
        amount_minor: Set(amount * 8 / 10),
        currency: Set(currency.to_owned()),
        status: Set(status),
        scheduled_for: Set(scheduled),
        paid_at: Set(paid),
        reference: Set(paid.map(|_| format!("PO-{}", &number[4..]))),
        created_at: Set(paid_at),
        updated_at: Set(paid.unwrap_or(paid_at)),
    });
}
