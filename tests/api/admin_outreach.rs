//! `/api/admin/opportunities` and `/api/admin/outreach-tasks`.

use serde_json::{Value, json};

use crate::helpers::{TestApp, id_of};

#[tokio::test]
async fn opportunities_are_managed_filtered_and_validated() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let (_, brand_a) = app.talent_and_brand(t).await;
    let (_, brand_b) = app.talent_and_brand(t).await;
    let mut made = Vec::new();
    for i in 0..7 {
        let brand = if i < 3 { &brand_a } else { &brand_b };
        let status = if i % 3 == 0 { "closed" } else { "open" };
        let o = app
            .created(
                "/api/admin/opportunities",
                t,
                json!({"brandId": brand, "title": format!("Shoot {i}"), "status": status,
                       "location": "London", "paymentMinor": 150000, "currency": "GBP",
                       "deadline": "2026-12-24", "description": "a day"}),
            )
            .await;
        made.push(id_of(&o));
    }
    made.reverse();
    let walked: Vec<String> = app
        .walk("/api/admin/opportunities", t, 3)
        .await
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(walked, made);
    assert_eq!(
        app.ids(&format!("/api/admin/opportunities?brandId={brand_a}"), t)
            .await
            .len(),
        3
    );
    assert_eq!(
        app.ids("/api/admin/opportunities?status=closed", t)
            .await
            .len(),
        3
    );

    let id = &made[0];
    let res = app
        .patch(
            &format!("/api/admin/opportunities/{id}"),
            t,
            json!({"deadline": null, "paymentMinor": null, "status": "closed"}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.body["deadline"], Value::Null);
    assert_eq!(res.body["paymentMinor"], Value::Null);
    assert_eq!(res.body["currency"], "GBP");
    assert_eq!(res.body["location"], "London");
    // A payment without a currency is refused.
    let res = app
        .patch(
            &format!("/api/admin/opportunities/{id}"),
            t,
            json!({"paymentMinor": 5, "currency": null}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["currency"]);
    let res = app
        .post(
            "/api/admin/opportunities",
            t,
            json!({"brandId": uuid::Uuid::now_v7(), "title": "x", "status": "open"}),
        )
        .await;
    assert_eq!(res.error_fields(), ["brandId"]);
    let res = app
        .post(
            "/api/admin/opportunities",
            t,
            json!({"brandId": brand_a, "title": "", "status": "pending", "deadline": "soon"}),
        )
        .await;
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["deadline", "status"]);
    assert_eq!(
        app.delete(&format!("/api/admin/opportunities/{id}"), t)
            .await
            .status,
        204
    );
    assert_eq!(
        app.get(&format!("/api/admin/opportunities/{id}"), t)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn outreach_tasks_default_to_the_caller_and_are_managed() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    let t = &agent.token;
    let other = app.agent().await;
    let creator = app.creator("cy").await;
    let (talent_a, brand) = app.talent_and_brand(t).await;
    let (talent_b, _) = app.talent_and_brand(t).await;
    let mut made = Vec::new();
    for i in 0..7 {
        let talent = if i < 4 { &talent_a } else { &talent_b };
        let status = if i % 2 == 0 { "open" } else { "done" };
        let task = app
            .created(
                "/api/admin/outreach-tasks",
                t,
                json!({"talentId": talent, "title": format!("Pitch {i}"), "status": status,
                       "brandId": brand, "notes": "warm intro", "dueAt": "2026-12-01T00:00:00Z"}),
            )
            .await;
        assert_eq!(task["ownerId"], agent.id.to_string());
        made.push(id_of(&task));
    }
    made.reverse();
    let walked: Vec<String> = app
        .walk("/api/admin/outreach-tasks", t, 3)
        .await
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(walked, made);
    assert_eq!(
        app.ids(&format!("/api/admin/outreach-tasks?talentId={talent_a}"), t)
            .await
            .len(),
        4
    );
    assert_eq!(
        app.ids("/api/admin/outreach-tasks?status=open", t)
            .await
            .len(),
        4
    );

    let id = &made[0];
    let res = app
        .patch(
            &format!("/api/admin/outreach-tasks/{id}"),
            t,
            json!({"ownerId": other.id, "brandId": null, "notes": null}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.body["ownerId"], other.id.to_string());
    assert_eq!(res.body["brandId"], Value::Null);
    assert_eq!(res.body["title"], "Pitch 6");
    let res = app
        .patch(
            &format!("/api/admin/outreach-tasks/{id}"),
            t,
            json!({"ownerId": creator.id}),
        )
        .await;
    assert_eq!(res.status, 422, "a creator cannot own agency work");
    assert_eq!(res.error_fields(), ["ownerId"]);
    let res = app
        .post(
            "/api/admin/outreach-tasks",
            t,
            json!({"talentId": uuid::Uuid::now_v7(), "title": "x", "status": "open",
                   "brandId": uuid::Uuid::now_v7(), "ownerId": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(res.error_fields(), ["talentId", "brandId", "ownerId"]);
    let res = app
        .post(
            "/api/admin/outreach-tasks",
            t,
            json!({"talentId": talent_a, "title": "x", "status": "closed"}),
        )
        .await;
    assert_eq!(res.error_fields(), ["status"]);
    assert_eq!(
        app.delete(&format!("/api/admin/outreach-tasks/{id}"), t)
            .await
            .status,
        204
    );
    assert_eq!(
        app.get(&format!("/api/admin/outreach-tasks/{id}"), t)
            .await
            .status,
        404
    );
}
