//! API.md §6 deals and revenue summary: rounded money, bands, trend and quarters.

use chrono::{Datelike, Duration};
use exclusive_talent::db::entities::{DealStage, InvoiceStatus, PayoutStatus};
use exclusive_talent::db::queries::now;
use exclusive_talent::db::queries::revenue::Quarter;
use sea_orm::Set;
use serde_json::json;

use crate::fixtures::{self, ids};
use crate::helpers::TestApp;

#[tokio::test]
async fn deals_are_the_creators_own_not_lost_with_rounded_values() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    let talent = alice.talent_id.unwrap();
    let brand = fixtures::brand(&app, "Acme").await;
    let contracted = fixtures::deal(&app, talent, brand.id, |d| {
        d.value_minor = Set(4_823_456);
        d.next_action = Set(Some("Sign the contract".into()));
    })
    .await;
    let lead = fixtures::deal(&app, talent, brand.id, |d| d.stage = Set(DealStage::Lead)).await;
    fixtures::deal(&app, talent, brand.id, |d| d.stage = Set(DealStage::Lost)).await;
    fixtures::deal(&app, bob.talent_id.unwrap(), brand.id, |_| {}).await;

    let list = app.get("/api/creator/deals", &alice.token).await;
    assert_eq!(list.status, 200, "{}", list.text);
    assert_eq!(
        ids(&list.body),
        [lead.id.to_string(), contracted.id.to_string()]
    );
    let item = &list.body["items"][1];
    assert_eq!(
        item["value"],
        json!({"amount": 48000, "currency": "GBP", "display": "£48K"})
    );
    assert_eq!(item["brand"], json!({"id": brand.id, "name": "Acme"}));
    assert_eq!(item["nextAction"], "Sign the contract");
    assert_eq!(item["stage"], "contracted");

    let leads = app.get("/api/creator/deals?stage=lead", &alice.token).await;
    assert_eq!(ids(&leads.body), [lead.id.to_string()]);
    let lost = app.get("/api/creator/deals?stage=lost", &alice.token).await;
    assert!(ids(&lost.body).is_empty());
}

#[tokio::test]
async fn an_empty_summary_is_an_empty_list() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let res = app.get("/api/creator/revenue-summary", &alice.token).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.body, json!({"currencies": []}));
}

#[tokio::test]
async fn the_summary_adds_up_per_currency_in_the_database() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    let talent = alice.talent_id.unwrap();
    let brand = fixtures::brand(&app, "Acme").await;
    let now = now();
    let quarters = Quarter::last_four(now);

    let deal = fixtures::deal(&app, talent, brand.id, |d| d.value_minor = Set(2_000_000)).await;
    fixtures::deal(&app, talent, brand.id, |d| {
        d.stage = Set(DealStage::Negotiation);
        d.value_minor = Set(1_000_000);
    })
    .await;
    fixtures::deal(&app, talent, brand.id, |d| {
        d.stage = Set(DealStage::Lead);
        d.value_minor = Set(99_000_000);
    })
    .await;
    // Paid: 10,000 in the last 90 days, 20,000 in the 90 before (a halving), 1,000 long ago.
    let paid = |amount: i64, days_ago: i64| {
        let app = &app;
        let deal = deal.id;
        async move {
            fixtures::invoice(app, deal, amount, InvoiceStatus::Paid, |i| {
                i.paid_at = Set(Some(now - Duration::days(days_ago)));
            })
            .await
        }
    };
    paid(1_000_000, 10).await;
    paid(2_000_000, 100).await;
    paid(100_000, 800).await;
    fixtures::invoice(&app, deal.id, 500_000, InvoiceStatus::Sent, |_| {}).await;
    fixtures::invoice(&app, deal.id, 250_000, InvoiceStatus::Overdue, |_| {}).await;
    fixtures::invoice(&app, deal.id, 9_900_000, InvoiceStatus::Draft, |_| {}).await;
    fixtures::invoice(&app, deal.id, 9_900_000, InvoiceStatus::Void, |_| {}).await;
    fixtures::payout(&app, talent, 700_000, PayoutStatus::Paid, |_| {}).await;
    fixtures::payout(&app, talent, 300_000, PayoutStatus::Pending, |_| {}).await;
    fixtures::payout(&app, talent, 200_000, PayoutStatus::Scheduled, |_| {}).await;
    fixtures::payout(&app, talent, 9_900_000, PayoutStatus::Failed, |_| {}).await;
    // USD: less earned, listed second.
    let usd = fixtures::deal(&app, talent, brand.id, |d| {
        d.currency = Set("USD".into());
        d.stage = Set(DealStage::Completed);
    })
    .await;
    fixtures::invoice(&app, usd.id, 50_000, InvoiceStatus::Paid, |i| {
        i.currency = Set("USD".into());
    })
    .await;
    // Another creator's money never counts.
    let bobs = fixtures::deal(&app, bob.talent_id.unwrap(), brand.id, |_| {}).await;
    fixtures::invoice(&app, bobs.id, 77_700_000, InvoiceStatus::Paid, |_| {}).await;
    fixtures::payout(
        &app,
        bob.talent_id.unwrap(),
        77_700_000,
        PayoutStatus::Paid,
        |_| {},
    )
    .await;

    let res = app.get("/api/creator/revenue-summary", &alice.token).await;
    assert_eq!(res.status, 200, "{}", res.text);
    let currencies = res.body["currencies"].as_array().unwrap();
    assert_eq!(currencies.len(), 2);
    let gbp = &currencies[0];
    assert_eq!(gbp["currency"], "GBP");
    assert_eq!(
        gbp["totalEarned"],
        json!({"amount": 31000, "currency": "GBP", "display": "£31K"})
    );
    assert_eq!(gbp["outstanding"]["amount"], 8000); // 7,500 rounds half away from zero
    assert_eq!(gbp["paidOut"]["display"], "£7K");
    assert_eq!(gbp["pendingPayouts"]["display"], "£5K");
    assert_eq!(
        gbp["pipeline"],
        json!({"low": 25000, "high": 50000, "currency": "GBP", "display": "£25K–£50K"})
    );
    assert_eq!(
        gbp["trend"],
        json!({"direction": "down", "changePercent": -50})
    );

    // What was paid this year and in each of the last four quarters, computed here.
    let paid_days = [(1_000_000i64, 10i64), (2_000_000, 100), (100_000, 800)];
    let this_year: i64 = paid_days
        .iter()
        .filter(|(_, d)| (now - Duration::days(*d)).year() == now.year())
        .map(|(a, _)| a)
        .sum();
    assert_eq!(
        gbp["earnedThisYear"]["amount"],
        (this_year + 50_000) / 100_000 * 1000
    );
    let quarter_rows = gbp["quarters"].as_array().unwrap();
    assert_eq!(quarter_rows.len(), 4);
    for (row, quarter) in quarter_rows.iter().zip(quarters) {
        assert_eq!(row["quarter"], quarter.label());
        let earned: i64 = paid_days
            .iter()
            .filter(|(_, d)| Quarter::of(now - Duration::days(*d)) == quarter)
            .map(|(a, _)| a)
            .sum();
        assert_eq!(
            row["earned"]["amount"],
            (earned + 50_000) / 100_000 * 1000,
            "{quarter:?}"
        );
    }

    let usd = &currencies[1];
    assert_eq!(usd["currency"], "USD");
    assert_eq!(usd["totalEarned"]["display"], "$500");
    assert_eq!(usd["pipeline"]["display"], "Under $5K");
    assert_eq!(usd["pipeline"]["low"], 0);
    assert_eq!(
        usd["trend"],
        json!({"direction": "flat", "changePercent": null})
    );
}
