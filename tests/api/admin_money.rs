//! `/api/admin/invoices`, `/payments`, `/payouts`.

use chrono::Datelike;
use serde_json::{Value, json};

use crate::helpers::{TestApp, id_of};

#[tokio::test]
async fn invoices_are_numbered_unless_given_and_a_taken_number_is_409() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let (talent, brand) = app.talent_and_brand(t).await;
    let deal = app.deal(t, &talent, &brand).await;
    let year = chrono::Utc::now().year();
    let first = app
        .created(
            "/api/admin/invoices",
            t,
            json!({"dealId": deal, "amountMinor": 250000, "currency": "GBP", "status": "draft"}),
        )
        .await;
    assert_eq!(first["invoiceNumber"], format!("INV-{year}-000001"));
    let second = app
        .created(
            "/api/admin/invoices",
            t,
            json!({"dealId": deal, "amountMinor": 1, "currency": "GBP", "status": "sent"}),
        )
        .await;
    assert_eq!(second["invoiceNumber"], format!("INV-{year}-000002"));
    let issued_2025 = app
        .created(
            "/api/admin/invoices",
            t,
            json!({"dealId": deal, "amountMinor": 1, "currency": "GBP", "status": "sent",
                   "issuedAt": "2025-06-01T00:00:00Z"}),
        )
        .await;
    assert_eq!(issued_2025["invoiceNumber"], "INV-2025-000001");
    let given = app
        .created(
            "/api/admin/invoices",
            t,
            json!({"dealId": deal, "amountMinor": 1, "currency": "GBP", "status": "draft",
                   "invoiceNumber": "ACME-7"}),
        )
        .await;
    assert_eq!(given["invoiceNumber"], "ACME-7");
    let res = app
        .post(
            "/api/admin/invoices",
            t,
            json!({"dealId": deal, "amountMinor": 1, "currency": "GBP", "status": "draft",
                   "invoiceNumber": "ACME-7"}),
        )
        .await;
    assert_eq!(res.status, 409);
    let res = app
        .patch(
            &format!("/api/admin/invoices/{}", id_of(&first)),
            t,
            json!({"invoiceNumber": "ACME-7"}),
        )
        .await;
    assert_eq!(res.status, 409);
}

#[tokio::test]
async fn concurrent_invoices_get_distinct_numbers() {
    let app = TestApp::spawn().await;
    let t = app.agent().await.token;
    let (talent, brand) = app.talent_and_brand(&t).await;
    let deal = app.deal(&t, &talent, &brand).await;
    let body = json!({"dealId": deal, "amountMinor": 1, "currency": "GBP", "status": "draft"});
    let results = futures::future::join_all(
        (0..8).map(|_| app.post("/api/admin/invoices", &t, body.clone())),
    )
    .await;
    let mut numbers: Vec<String> = results
        .iter()
        .map(|r| {
            assert_eq!(r.status, 201, "{}", r.text);
            r.body["invoiceNumber"].as_str().unwrap().to_owned()
        })
        .collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 8);
}

#[tokio::test]
async fn invoices_are_read_patched_listed_and_deleted_by_the_rules() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let (talent, brand) = app.talent_and_brand(t).await;
    let deal_a = app.deal(t, &talent, &brand).await;
    let deal_b = app.deal(t, &talent, &brand).await;
    let statuses = ["draft", "sent", "paid", "overdue", "void", "sent", "paid"];
    let mut made = Vec::new();
    for (i, status) in statuses.into_iter().enumerate() {
        let deal = if i < 3 { &deal_a } else { &deal_b };
        let invoice = app
            .created(
                "/api/admin/invoices",
                t,
                json!({"dealId": deal, "amountMinor": 1000 * i, "currency": "USD", "status": status,
                       "issuedAt": "2026-01-01T00:00:00Z", "dueAt": "2026-01-31T00:00:00Z"}),
            )
            .await;
        if status == "paid" {
            assert!(invoice["paidAt"].is_string(), "paid is stamped");
        }
        made.push(id_of(&invoice));
    }
    made.reverse();
    let walked: Vec<String> = app
        .walk("/api/admin/invoices", t, 3)
        .await
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(walked, made);
    assert_eq!(
        app.ids(&format!("/api/admin/invoices?dealId={deal_a}"), t)
            .await
            .len(),
        3
    );
    assert_eq!(app.ids("/api/admin/invoices?status=paid", t).await.len(), 2);

    let id = &made[made.len() - 1]; // the draft
    let res = app
        .patch(
            &format!("/api/admin/invoices/{id}"),
            t,
            json!({"status": "paid", "dueAt": null}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert!(res.body["paidAt"].is_string());
    assert_eq!(res.body["dueAt"], Value::Null);
    assert_eq!(res.body["issuedAt"], "2026-01-01T00:00:00Z");
    assert_eq!(
        app.get(&format!("/api/admin/invoices/{id}"), t).await.body,
        res.body
    );

    // An invoice with payments stays.
    let payment = app
        .created(
            "/api/admin/payments",
            t,
            json!({"invoiceId": id, "amountMinor": 0, "currency": "USD", "method": "card"}),
        )
        .await;
    assert_eq!(
        app.delete(&format!("/api/admin/invoices/{id}"), t)
            .await
            .status,
        409
    );
    assert_eq!(
        app.delete(&format!("/api/admin/payments/{}", id_of(&payment)), t)
            .await
            .status,
        204
    );
    assert_eq!(
        app.delete(&format!("/api/admin/invoices/{id}"), t)
            .await
            .status,
        204
    );
}

#[tokio::test]
async fn invoice_bodies_are_validated() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let res = app
        .post(
            "/api/admin/invoices",
            t,
            json!({"dealId": uuid::Uuid::now_v7(), "amountMinor": 1, "currency": "GBP", "status": "draft"}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["dealId"]);
    let res = app
        .post(
            "/api/admin/invoices",
            t,
            json!({"dealId": uuid::Uuid::now_v7(), "amountMinor": -5, "currency": "EURO",
                   "status": "draft", "invoiceNumber": "",
                   "issuedAt": "2026-02-01T00:00:00Z", "dueAt": "2026-01-01T00:00:00Z"}),
        )
        .await;
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        ["amountMinor", "currency", "dueAt", "invoiceNumber"]
    );
    let res = app
        .post(
            "/api/admin/invoices",
            t,
            json!({"dealId": uuid::Uuid::now_v7(), "amountMinor": 1, "currency": "GBP", "status": "unpaid"}),
        )
        .await;
    assert_eq!(res.error_fields(), ["status"]);
}

#[tokio::test]
async fn payments_are_managed_filtered_and_validated() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let (talent, brand) = app.talent_and_brand(t).await;
    let deal = app.deal(t, &talent, &brand).await;
    let mut invoices = Vec::new();
    for _ in 0..2 {
        let invoice = app
            .created(
                "/api/admin/invoices",
                t,
                json!({"dealId": deal, "amountMinor": 100, "currency": "GBP", "status": "sent"}),
            )
            .await;
        invoices.push(id_of(&invoice));
    }
    let methods = [
        "bank_transfer",
        "card",
        "paypal",
        "other",
        "card",
        "card",
        "other",
    ];
    let mut made = Vec::new();
    for (i, method) in methods.into_iter().enumerate() {
        let payment = app
            .created(
                "/api/admin/payments",
                t,
                json!({"invoiceId": invoices[i % 2], "amountMinor": 10, "currency": "GBP",
                       "method": method, "receivedAt": "2026-03-01T10:00:00Z", "reference": "BACS 1"}),
            )
            .await;
        made.push(id_of(&payment));
    }
    made.reverse();
    let walked: Vec<String> = app
        .walk("/api/admin/payments", t, 3)
        .await
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(walked, made);
    assert_eq!(
        app.ids(&format!("/api/admin/payments?invoiceId={}", invoices[0]), t)
            .await
            .len(),
        4
    );

    let id = &made[0];
    let res = app
        .patch(
            &format!("/api/admin/payments/{id}"),
            t,
            json!({"reference": null, "amountMinor": 11}),
        )
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(res.body["reference"], Value::Null);
    assert_eq!(res.body["amountMinor"], 11);
    assert_eq!(res.body["method"], "other");
    assert_eq!(
        app.get(&format!("/api/admin/payments/{id}"), t).await.body,
        res.body
    );

    let res = app
        .post(
            "/api/admin/payments",
            t,
            json!({"invoiceId": uuid::Uuid::now_v7(), "amountMinor": 1, "currency": "GBP", "method": "cash"}),
        )
        .await;
    assert_eq!(res.error_fields(), ["method"]);
    let res = app
        .post(
            "/api/admin/payments",
            t,
            json!({"invoiceId": uuid::Uuid::now_v7(), "amountMinor": 1, "currency": "GBP", "method": "card"}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["invoiceId"]);
    assert_eq!(
        app.delete(&format!("/api/admin/payments/{id}"), t)
            .await
            .status,
        204
    );
    assert_eq!(
        app.get(&format!("/api/admin/payments/{id}"), t)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn payouts_are_managed_filtered_and_validated() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let (talent_a, brand) = app.talent_and_brand(t).await;
    let (talent_b, _) = app.talent_and_brand(t).await;
    let deal_b = app.deal(t, &talent_b, &brand).await;
    let statuses = [
        "pending",
        "scheduled",
        "paid",
        "failed",
        "pending",
        "paid",
        "scheduled",
    ];
    let mut made = Vec::new();
    for (i, status) in statuses.into_iter().enumerate() {
        let talent = if i < 3 { &talent_a } else { &talent_b };
        let payout = app
            .created(
                "/api/admin/payouts",
                t,
                json!({"talentId": talent, "amountMinor": 5000, "currency": "GBP", "status": status,
                       "scheduledFor": "2026-04-01T00:00:00Z"}),
            )
            .await;
        made.push(id_of(&payout));
    }
    made.reverse();
    let walked: Vec<String> = app
        .walk("/api/admin/payouts", t, 3)
        .await
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(walked, made);
    assert_eq!(
        app.ids(&format!("/api/admin/payouts?talentId={talent_a}"), t)
            .await
            .len(),
        3
    );
    assert_eq!(app.ids("/api/admin/payouts?status=paid", t).await.len(), 2);
    let both = format!("/api/admin/payouts?talentId={talent_b}&status=scheduled");
    assert_eq!(app.ids(&both, t).await.len(), 1);

    let id = &made[0]; // talent_b's scheduled payout
    let res = app
        .patch(
            &format!("/api/admin/payouts/{id}"),
            t,
            json!({"status": "paid", "dealId": deal_b, "scheduledFor": null}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert!(res.body["paidAt"].is_string());
    assert_eq!(res.body["dealId"], deal_b.as_str());
    assert_eq!(res.body["scheduledFor"], Value::Null);
    assert_eq!(
        app.get(&format!("/api/admin/payouts/{id}"), t).await.body,
        res.body
    );

    // The deal must be the talent's own.
    let res = app
        .post(
            "/api/admin/payouts",
            t,
            json!({"talentId": talent_a, "dealId": deal_b, "amountMinor": 1, "currency": "GBP", "status": "pending"}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["dealId"]);
    let res = app
        .post(
            "/api/admin/payouts",
            t,
            json!({"talentId": uuid::Uuid::now_v7(), "amountMinor": -1, "currency": "£", "status": "pending"}),
        )
        .await;
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["amountMinor", "currency"]);
    let res = app
        .post(
            "/api/admin/payouts",
            t,
            json!({"talentId": uuid::Uuid::now_v7(), "amountMinor": 1, "currency": "GBP", "status": "pending"}),
        )
        .await;
    assert_eq!(res.error_fields(), ["talentId"]);
    assert_eq!(
        app.delete(&format!("/api/admin/payouts/{id}"), t)
            .await
            .status,
        204
    );
    assert_eq!(
        app.delete(&format!("/api/admin/payouts/{id}"), t)
            .await
            .status,
        404
    );
}
