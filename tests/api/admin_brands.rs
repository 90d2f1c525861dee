//! `/api/admin/brands`.

use serde_json::json;

use crate::helpers::{TestApp, id_of};

#[tokio::test]
async fn brands_are_created_read_listed_patched_and_deleted() {
    let app = TestApp::spawn().await;
    let staff = app.agent().await;
    let t = &staff.token;
    let brand = app
        .created(
            "/api/admin/brands",
            t,
            json!({"name": "Northwind Outdoor", "values": ["sustainable", "adventure"],
                   "targetAudience": "18-34 hikers", "website": "https://northwind.test"}),
        )
        .await;
    let id = id_of(&brand);
    assert_eq!(brand["values"], json!(["sustainable", "adventure"]));
    assert!(brand["createdAt"].is_string() && brand["updatedAt"].is_string());

    let read = app.get(&format!("/api/admin/brands/{id}"), t).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.body, brand);

    // Only the fields sent change; null clears a nullable one.
    let patched = app
        .patch(
            &format!("/api/admin/brands/{id}"),
            t,
            json!({"name": "Northwind", "website": null}),
        )
        .await;
    assert_eq!(patched.status, 200, "{}", patched.text);
    assert_eq!(patched.body["name"], "Northwind");
    assert_eq!(patched.body["website"], serde_json::Value::Null);
    assert_eq!(patched.body["targetAudience"], "18-34 hikers");
    assert_eq!(patched.body["values"], brand["values"]);

    // null for a field that cannot be empty is refused.
    let res = app
        .patch(&format!("/api/admin/brands/{id}"), t, json!({"name": null}))
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["name"]);

    assert_eq!(
        app.delete(&format!("/api/admin/brands/{id}"), t)
            .await
            .status,
        204
    );
    assert_eq!(
        app.get(&format!("/api/admin/brands/{id}"), t).await.status,
        404
    );
}

#[tokio::test]
async fn the_brand_list_filters_by_name_ignoring_case_and_pages() {
    let app = TestApp::spawn().await;
    let t = &app.admin().await.token;
    let mut made = Vec::new();
    for i in 0..7 {
        let name = if i % 2 == 0 {
            format!("Acme {i}")
        } else {
            format!("Other {i}")
        };
        made.push(id_of(
            &app.created("/api/admin/brands", t, json!({"name": name}))
                .await,
        ));
    }
    let walked: Vec<String> = app
        .walk("/api/admin/brands", t, 3)
        .await
        .iter()
        .map(id_of)
        .collect();
    made.reverse(); // newest first
    assert_eq!(walked, made);

    let acme = app.ids("/api/admin/brands?q=aCmE", t).await;
    assert_eq!(acme.len(), 4);
    // LIKE wildcards in q match themselves.
    assert!(app.ids("/api/admin/brands?q=%25", t).await.is_empty());
}

#[tokio::test]
async fn brand_bodies_are_validated_field_by_field() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let res = app
        .post(
            "/api/admin/brands",
            t,
            json!({"name": " ", "website": "ftp://x", "values": [""], "id": "x"}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["id"]);
    let res = app
        .post(
            "/api/admin/brands",
            t,
            json!({"name": " ", "website": "ftp://x", "values": [""]}),
        )
        .await;
    assert_eq!(res.status, 422);
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["name", "values[0]", "website"]);
}
