//! `/api/admin/deals` and `/api/admin/deliverables`.

use serde_json::{Value, json};

use crate::helpers::{TestApp, id_of};

#[tokio::test]
async fn deals_are_created_read_patched_and_deleted() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let (talent, brand) = app.talent_and_brand(t).await;
    let deal = app
        .created(
            "/api/admin/deals",
            t,
            json!({"talentId": talent, "brandId": brand, "name": "Spring campaign",
                   "stage": "negotiation", "valueMinor": 4823456, "currency": "GBP",
                   "startDate": "2026-03-01", "endDate": "2026-05-31",
                   "nextAction": "Sign the contract", "nextActionDueAt": "2026-02-01T09:00:00Z",
                   "negotiationNotes": "they'll go to 50k", "agentNotes": "a", "contractTerms": "b"}),
        )
        .await;
    let id = id_of(&deal);
    assert_eq!(deal["valueMinor"], 4823456);
    assert_eq!(deal["startDate"], "2026-03-01");
    assert_eq!(deal["nextActionDueAt"], "2026-02-01T09:00:00Z");
    assert_eq!(deal["negotiationNotes"], "they'll go to 50k");
    assert_eq!(
        app.get(&format!("/api/admin/deals/{id}"), t).await.body,
        deal
    );

    let res = app
        .patch(
            &format!("/api/admin/deals/{id}"),
            t,
            json!({"stage": "contracted", "negotiationNotes": null, "endDate": null}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    for (field, value) in [
        ("stage", json!("contracted")),
        ("negotiationNotes", Value::Null),
        ("endDate", Value::Null),
        ("startDate", json!("2026-03-01")),
        ("agentNotes", json!("a")),
        ("valueMinor", json!(4823456)),
    ] {
        assert_eq!(res.body[field], value, "{field}");
    }
    // endDate before the stored startDate is refused.
    let res = app
        .patch(
            &format!("/api/admin/deals/{id}"),
            t,
            json!({"endDate": "2026-01-01"}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["endDate"]);
    // The talent of a deal stays.
    let res = app
        .patch(
            &format!("/api/admin/deals/{id}"),
            t,
            json!({"talentId": talent}),
        )
        .await;
    assert_eq!(res.error_fields(), ["talentId"]);

    assert_eq!(
        app.delete(&format!("/api/admin/deals/{id}"), t)
            .await
            .status,
        204
    );
    assert_eq!(
        app.get(&format!("/api/admin/deals/{id}"), t).await.status,
        404
    );
}

#[tokio::test]
async fn the_deal_list_filters_by_talent_brand_and_stage_and_pages() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let (talent_a, brand_a) = app.talent_and_brand(t).await;
    let (talent_b, brand_b) = app.talent_and_brand(t).await;
    let stages = [
        "lead",
        "negotiation",
        "contracted",
        "in_progress",
        "completed",
        "lost",
        "lead",
    ];
    let mut made = Vec::new();
    for (i, stage) in stages.into_iter().enumerate() {
        let (talent, brand) = if i % 2 == 0 {
            (&talent_a, &brand_b)
        } else {
            (&talent_b, &brand_a)
        };
        let deal = app
            .created(
                "/api/admin/deals",
                t,
                json!({"talentId": talent, "brandId": brand, "name": format!("D{i}"),
                       "stage": stage, "valueMinor": i, "currency": "USD"}),
            )
            .await;
        made.push(id_of(&deal));
    }
    made.reverse();
    let walked: Vec<String> = app
        .walk("/api/admin/deals", t, 3)
        .await
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(walked, made);
    assert_eq!(
        app.ids(&format!("/api/admin/deals?talentId={talent_a}"), t)
            .await
            .len(),
        4
    );
    assert_eq!(
        app.ids(&format!("/api/admin/deals?brandId={brand_a}"), t)
            .await
            .len(),
        3
    );
    assert_eq!(app.ids("/api/admin/deals?stage=lead", t).await.len(), 2);
    let both = format!("/api/admin/deals?talentId={talent_b}&stage=negotiation");
    assert_eq!(app.ids(&both, t).await.len(), 1);
    let walked = app
        .walk(&format!("/api/admin/deals?talentId={talent_a}"), t, 1)
        .await;
    assert_eq!(walked.len(), 4);
}

#[tokio::test]
async fn deal_bodies_are_validated_and_references_named() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let (talent, _) = app.talent_and_brand(t).await;
    let res = app
        .post(
            "/api/admin/deals",
            t,
            json!({"talentId": talent, "brandId": uuid::Uuid::now_v7(), "name": "",
                   "stage": "won", "valueMinor": -1, "currency": "gbp"}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["stage"]);
    let res = app
        .post(
            "/api/admin/deals",
            t,
            json!({"talentId": talent, "brandId": uuid::Uuid::now_v7(), "name": "",
                   "stage": "lead", "valueMinor": -1, "currency": "gbp",
                   "startDate": "2026-02-01", "endDate": "2026-01-01"}),
        )
        .await;
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["currency", "endDate", "name", "valueMinor"]);
    let res = app
        .post(
            "/api/admin/deals",
            t,
            json!({"talentId": uuid::Uuid::now_v7(), "brandId": uuid::Uuid::now_v7(), "name": "D",
                   "stage": "lead", "valueMinor": 1, "currency": "GBP"}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["talentId", "brandId"]);
    let res = app
        .post(
            "/api/admin/deals",
            t,
            json!({"talentId": talent, "brandId": uuid::Uuid::now_v7(), "name": "D",
                   "stage": "lead", "valueMinor": 1.5, "currency": "GBP", "id": "x"}),
        )
        .await;
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["id", "valueMinor"]);
}

#[tokio::test]
async fn a_deal_with_invoices_or_payouts_cannot_be_deleted() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let (talent, brand) = app.talent_and_brand(t).await;
    let deal = app.deal(t, &talent, &brand).await;
    let invoice = app
        .created(
            "/api/admin/invoices",
            t,
            json!({"dealId": deal, "amountMinor": 100, "currency": "GBP", "status": "draft"}),
        )
        .await;
    assert_eq!(
        app.delete(&format!("/api/admin/deals/{deal}"), t)
            .await
            .status,
        409
    );
    assert_eq!(
        app.delete(&format!("/api/admin/invoices/{}", id_of(&invoice)), t)
            .await
            .status,
        204
    );
    let payout = app
        .created(
            "/api/admin/payouts",
            t,
            json!({"talentId": talent, "dealId": deal, "amountMinor": 100, "currency": "GBP", "status": "scheduled"}),
        )
        .await;
    let res = app.delete(&format!("/api/admin/deals/{deal}"), t).await;
    assert_eq!(res.status, 409);
    assert_eq!(res.content_type(), "application/problem+json");
    assert_eq!(
        app.delete(&format!("/api/admin/payouts/{}", id_of(&payout)), t)
            .await
            .status,
        204
    );
    // Deliverables go with the deal.
    let deliverable = app
        .created(
            "/api/admin/deliverables",
            t,
            json!({"dealId": deal, "title": "Reel", "status": "pending"}),
        )
        .await;
    assert_eq!(
        app.delete(&format!("/api/admin/deals/{deal}"), t)
            .await
            .status,
        204
    );
    let res = app
        .get(
            &format!("/api/admin/deliverables/{}", id_of(&deliverable)),
            t,
        )
        .await;
    assert_eq!(res.status, 404);
}

#[tokio::test]
async fn deliverables_are_managed_filtered_and_validated() {
    let app = TestApp::spawn().await;
    let staff = app.agent().await;
    let t = &staff.token;
    let (talent, brand) = app.talent_and_brand(t).await;
    let deal_a = app.deal(t, &talent, &brand).await;
    let deal_b = app.deal(t, &talent, &brand).await;
    let statuses = [
        "pending",
        "in_progress",
        "submitted",
        "approved",
        "rejected",
        "pending",
        "pending",
    ];
    let mut made = Vec::new();
    for (i, status) in statuses.into_iter().enumerate() {
        let deal = if i < 4 { &deal_a } else { &deal_b };
        let d = app
            .created(
                "/api/admin/deliverables",
                t,
                json!({"dealId": deal, "title": format!("Post {i}"), "status": status,
                       "dueAt": "2026-12-01T12:00:00Z", "description": "one reel"}),
            )
            .await;
        made.push(id_of(&d));
    }
    made.reverse();
    let walked: Vec<String> = app
        .walk("/api/admin/deliverables", t, 3)
        .await
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(walked, made);
    assert_eq!(
        app.ids(&format!("/api/admin/deliverables?dealId={deal_a}"), t)
            .await
            .len(),
        4
    );
    assert_eq!(
        app.ids("/api/admin/deliverables?status=pending", t)
            .await
            .len(),
        3
    );

    let id = &made[0];
    let res = app
        .patch(
            &format!("/api/admin/deliverables/{id}"),
            t,
            json!({"status": "approved", "approvedAt": "2026-12-02T09:00:00Z",
                   "approvedBy": staff.id, "description": null}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.body["approvedBy"], staff.id.to_string());
    assert_eq!(res.body["description"], Value::Null);
    assert_eq!(res.body["title"], "Post 6");
    assert_eq!(
        app.get(&format!("/api/admin/deliverables/{id}"), t)
            .await
            .body,
        res.body
    );

    let res = app
        .post(
            "/api/admin/deliverables",
            t,
            json!({"dealId": uuid::Uuid::now_v7(), "title": "x", "status": "pending",
                   "approvedBy": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["dealId", "approvedBy"]);
    let res = app
        .post(
            "/api/admin/deliverables",
            t,
            json!({"dealId": deal_a, "title": "x", "status": "done"}),
        )
        .await;
    assert_eq!(res.error_fields(), ["status"]);
    assert_eq!(
        app.delete(&format!("/api/admin/deliverables/{id}"), t)
            .await
            .status,
        204
    );
    assert_eq!(
        app.delete(&format!("/api/admin/deliverables/{id}"), t)
            .await
            .status,
        404
    );
}
