//! `/api/admin/talents/{talentId}/events|tasks|insights|goals|socials` and the notifications
//! staff writes send.

use serde_json::{Value, json};

use crate::helpers::{TestApp, id_of};

fn event(name: &str, status: &str) -> Value {
    json!({"eventName": name, "eventType": "shoot", "startAt": "2026-12-01T10:00:00Z",
           "endAt": "2026-12-01T12:00:00Z", "status": status, "location": "Studio 4"})
}

#[tokio::test]
async fn events_carry_their_source_notify_the_creator_and_are_managed() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let agent = app.agent().await;
    let creator = app.creator("ema").await;
    let talent = creator.talent_id.unwrap();
    let base = format!("/api/admin/talents/{talent}/events");

    let by_agent = app
        .created(&base, &agent.token, event("Lookbook", "invited"))
        .await;
    assert_eq!(by_agent["source"], "agent");
    assert_eq!(by_agent["sourceUserId"], agent.id.to_string());
    let by_admin = app
        .created(&base, &admin.token, event("Launch", "suggested"))
        .await;
    assert_eq!(by_admin["source"], "admin");
    // The creator is notified of each, and only they are.
    let notes = app.walk("/api/admin/notifications", &agent.token, 50).await;
    assert!(notes.is_empty());
    let items = notifications_of(&app, &creator).await;
    assert_eq!(items.len(), 2);
    assert!(items.iter().any(|n| n["entityId"] == by_agent["id"]));

    // Server-set fields are refused from the body.
    let mut forged = event("X", "invited");
    forged["source"] = json!("system");
    forged["sourceUserId"] = json!(admin.id);
    let res = app.post(&base, &agent.token, forged).await;
    assert_eq!(res.status, 422);
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["source", "sourceUserId"]);

    let t = &agent.token;
    let mut made = vec![id_of(&by_agent), id_of(&by_admin)];
    for (i, status) in ["accepted", "declined", "invited", "suggested", "invited"]
        .into_iter()
        .enumerate()
    {
        made.push(id_of(
            &app.created(&base, t, event(&format!("E{i}"), status)).await,
        ));
    }
    made.reverse();
    let walked: Vec<String> = app.walk(&base, t, 3).await.iter().map(id_of).collect();
    assert_eq!(walked, made);
    assert_eq!(app.ids(&format!("{base}?status=invited"), t).await.len(), 3);

    let id = id_of(&by_agent);
    let res = app
        .patch(
            &format!("{base}/{id}"),
            t,
            json!({"location": null, "endAt": null, "status": "suggested"}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.body["location"], Value::Null);
    assert_eq!(res.body["endAt"], Value::Null);
    assert_eq!(res.body["eventName"], "Lookbook");
    assert_eq!(res.body["source"], "agent");
    let res = app
        .patch(
            &format!("{base}/{id}"),
            t,
            json!({"endAt": "2026-11-30T00:00:00Z"}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["endAt"]);
    let res = app
        .patch(&format!("{base}/{id}"), t, json!({"creatorNotes": "mine"}))
        .await;
    assert_eq!(res.error_fields(), ["creatorNotes"]);

    // Another talent's path does not reach this event.
    let other = app.creator("oli").await.talent_id.unwrap();
    let elsewhere = format!("/api/admin/talents/{other}/events/{id}");
    assert_eq!(app.get(&elsewhere, t).await.status, 404);
    assert_eq!(app.patch(&elsewhere, t, json!({})).await.status, 404);
    assert_eq!(app.delete(&elsewhere, t).await.status, 404);

    assert_eq!(app.delete(&format!("{base}/{id}"), t).await.status, 204);
    assert_eq!(app.get(&format!("{base}/{id}"), t).await.status, 404);
}

#[tokio::test]
async fn event_bodies_are_validated() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let talent = app.creator("eva").await.talent_id.unwrap();
    let base = format!("/api/admin/talents/{talent}/events");
    let res = app
        .post(
            &base,
            t,
            json!({"eventName": "", "eventType": "party", "startAt": "2026-12-01T10:00:00Z", "status": "invited"}),
        )
        .await;
    assert_eq!(res.error_fields(), ["eventType"]);
    let res = app
        .post(
            &base,
            t,
            json!({"eventName": "", "eventType": "meeting", "startAt": "2026-12-01T10:00:00Z",
                   "endAt": "2026-12-01T09:00:00Z", "status": "invited"}),
        )
        .await;
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["endAt", "eventName"]);
    let res = app
        .post(&base, t, json!({"eventName": "x", "eventType": "meeting", "startAt": "tomorrow", "status": "invited"}))
        .await;
    assert_eq!(res.error_fields(), ["startAt"]);
    let unknown = uuid::Uuid::now_v7();
    let res = app
        .post(
            &format!("/api/admin/talents/{unknown}/events"),
            t,
            event("x", "invited"),
        )
        .await;
    assert_eq!(res.status, 404);
}

async fn notifications_of(app: &TestApp, user: &crate::helpers::TestUser) -> Vec<Value> {
    // The creator reads theirs through the portal; until it exists, read the rows.
    use exclusive_talent::db::queries::notifications;
    let page = exclusive_talent::db::pagination::PageRequest {
        limit: 200,
        after: None,
    };
    notifications::list_for_user(&app.db, user.id, &page)
        .await
        .unwrap()
        .rows
        .into_iter()
        .map(|n| json!({"type": n.kind, "entityId": n.entity_id.map(|id| id.to_string())}))
        .collect()
}

#[tokio::test]
async fn tasks_of_every_type_are_managed_and_only_visible_ones_notify() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    let t = &agent.token;
    let creator = app.creator("tom").await;
    let talent = creator.talent_id.unwrap();
    let base = format!("/api/admin/talents/{talent}/tasks");
    let mut made = Vec::new();
    for task_type in [
        "creative",
        "attendance",
        "review",
        "approval",
        "admin",
        "financial",
        "creative",
    ] {
        let task = app
            .created(
                &base,
                t,
                json!({"title": format!("Do {task_type}"), "taskType": task_type,
                                       "dueAt": "2026-12-03T17:00:00Z"}),
            )
            .await;
        assert_eq!(task["createdBy"], agent.id.to_string());
        assert_eq!(task["priority"], "medium");
        assert_eq!(task["status"], "pending");
        made.push(task);
    }
    let notified = notifications_of(&app, &creator).await;
    assert_eq!(notified.len(), 5, "internal tasks stay silent");
    for task in &made {
        let internal = ["admin", "financial"].contains(&task["taskType"].as_str().unwrap());
        let found = notified.iter().any(|n| n["entityId"] == task["id"]);
        assert_eq!(found, !internal, "{task}");
    }

    let mut ids: Vec<String> = made.iter().map(id_of).collect();
    ids.reverse();
    let walked: Vec<String> = app.walk(&base, t, 3).await.iter().map(id_of).collect();
    assert_eq!(walked, ids);
    assert_eq!(
        app.ids(&format!("{base}?taskType=creative"), t).await.len(),
        2
    );
    assert_eq!(
        app.ids(&format!("{base}?status=pending&taskType=admin"), t)
            .await
            .len(),
        1
    );

    let id = &ids[0];
    let res = app
        .patch(
            &format!("{base}/{id}"),
            t,
            json!({"status": "completed", "dueAt": null}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert!(res.body["completedAt"].is_string());
    assert_eq!(res.body["dueAt"], Value::Null);
    assert_eq!(res.body["title"], "Do creative");
    assert_eq!(
        app.ids(&format!("{base}?status=completed"), t).await,
        std::slice::from_ref(id)
    );
    let res = app
        .patch(&format!("{base}/{id}"), t, json!({"status": "in_progress"}))
        .await;
    assert_eq!(res.body["completedAt"], Value::Null);

    // Links must be the talent's own; server-set fields are refused.
    let (other_talent, brand) = app.talent_and_brand(t).await;
    let foreign_deal = app.deal(t, &other_talent, &brand).await;
    let res = app
        .post(
            &base,
            t,
            json!({"title": "x", "taskType": "review", "linkedDealId": foreign_deal,
                               "linkedDeliverableId": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["linkedDealId", "linkedDeliverableId"]);
    let res = app
        .post(
            &base,
            t,
            json!({"title": "x", "taskType": "chores", "priority": "asap", "createdBy": agent.id}),
        )
        .await;
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["createdBy", "priority", "taskType"]);

    assert_eq!(app.delete(&format!("{base}/{id}"), t).await.status, 204);
    assert_eq!(app.get(&format!("{base}/{id}"), t).await.status, 404);
}

#[tokio::test]
async fn insights_are_managed_with_their_metadata_expired_ones_included() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let talent = app.creator("ina").await.talent_id.unwrap();
    let base = format!("/api/admin/talents/{talent}/insights");
    let mut made = Vec::new();
    for i in 0..7 {
        let insight = app
            .created(
                &base,
                t,
                json!({"insightType": "trend", "title": format!("Trend {i}"),
                "summary": "Reels are up", "metadata": {"source": "internal-model", "score": i},
                "priority": i * 10, "expiresAt": "2020-01-01T00:00:00Z"}),
            )
            .await;
        assert_eq!(insight["isRead"], false);
        made.push(id_of(&insight));
    }
    made.reverse();
    let walked = app.walk(&base, t, 3).await;
    assert_eq!(walked.iter().map(id_of).collect::<Vec<_>>(), made);
    assert_eq!(walked[0]["metadata"]["score"], 6);

    let id = &made[0];
    let res = app
        .patch(
            &format!("{base}/{id}"),
            t,
            json!({"metadata": null, "expiresAt": null, "priority": 100}),
        )
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(res.body["metadata"], Value::Null);
    assert_eq!(res.body["expiresAt"], Value::Null);
    assert_eq!(res.body["summary"], "Reels are up");
    let res = app
        .patch(
            &format!("{base}/{id}"),
            t,
            json!({"priority": 101, "isRead": true}),
        )
        .await;
    assert_eq!(res.error_fields(), ["isRead"]);
    let res = app
        .patch(&format!("{base}/{id}"), t, json!({"priority": 101}))
        .await;
    assert_eq!(res.error_fields(), ["priority"]);
    let res = app
        .post(&base, t, json!({"insightType": "gossip", "title": "x"}))
        .await;
    assert_eq!(res.error_fields(), ["insightType"]);
    assert_eq!(app.delete(&format!("{base}/{id}"), t).await.status, 204);
    assert_eq!(app.delete(&format!("{base}/{id}"), t).await.status, 404);
}

#[tokio::test]
async fn goals_and_socials_are_read_and_metrics_recorded() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let talent = app.creator("gia").await.talent_id.unwrap();
    for i in 0..4 {
        app.insert_goal(talent, &format!("Goal {i}")).await;
    }
    let goals = app
        .walk(&format!("/api/admin/talents/{talent}/goals"), t, 3)
        .await;
    assert_eq!(goals.len(), 4);
    assert_eq!(goals[0]["title"], "Goal 3");
    assert_eq!(goals[0]["talentId"], talent.to_string());
    let res = app
        .post(
            &format!("/api/admin/talents/{talent}/goals"),
            t,
            json!({"title": "x"}),
        )
        .await;
    assert_eq!(res.status, 405, "goals are read only");

    app.insert_social(talent, "youtube", Some("tok")).await;
    let metrics = format!("/api/admin/talents/{talent}/socials/youtube/metrics");
    let res = app
        .put(
            &metrics,
            t,
            json!({"followers": 120000, "engagementRate": 0.043, "avgViews": 56000}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.body["followers"], 120000);
    assert_eq!(res.body["engagementRate"], 0.043);
    assert!(res.body["lastSyncedAt"].is_string());
    let socials = app
        .walk(&format!("/api/admin/talents/{talent}/socials"), t, 10)
        .await;
    assert_eq!(socials, std::slice::from_ref(&res.body));

    let never = format!("/api/admin/talents/{talent}/socials/tiktok/metrics");
    let body = json!({"followers": 1, "engagementRate": 0.1, "avgViews": 1});
    assert_eq!(app.put(&never, t, body.clone()).await.status, 404);
    let res = app
        .put(
            &format!("/api/admin/talents/{talent}/socials/myspace/metrics"),
            t,
            body,
        )
        .await;
    assert_eq!(res.status, 400);
    let res = app
        .put(
            &metrics,
            t,
            json!({"followers": -1, "engagementRate": 1.5, "avgViews": -2}),
        )
        .await;
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["avgViews", "engagementRate", "followers"]);
    let res = app
        .put(&metrics, t, json!({"followers": 1, "engagementRate": 0.1}))
        .await;
    assert_eq!(res.error_fields(), ["avgViews"]);
}

#[tokio::test]
async fn staff_read_and_mark_only_their_own_notifications() {
    use exclusive_talent::db::queries::notifications::{NewNotification, create};
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    let other = app.agent().await;
    let mut mine = Vec::new();
    for i in 0..3 {
        let row = create(
            &app.db,
            NewNotification {
                user_id: agent.id,
                kind: "event_accepted",
                title: format!("Accepted {i}"),
                body: None,
                entity_type: Some("event"),
                entity_id: None,
            },
        )
        .await
        .unwrap();
        mine.push(row.id.to_string());
    }
    let theirs = create(
        &app.db,
        NewNotification {
            user_id: other.id,
            kind: "task_completed",
            title: "Done".to_owned(),
            body: None,
            entity_type: None,
            entity_id: None,
        },
    )
    .await
    .unwrap();
    mine.reverse();
    let listed = app.walk("/api/admin/notifications", &agent.token, 2).await;
    assert_eq!(listed.iter().map(id_of).collect::<Vec<_>>(), mine);
    assert_eq!(listed[0]["type"], "event_accepted");
    assert_eq!(listed[0]["readAt"], Value::Null);

    let path = format!("/api/admin/notifications/{}/read", mine[0]);
    let read = app.patch(&path, &agent.token, json!({})).await;
    assert_eq!(read.status, 200);
    assert!(read.body["readAt"].is_string());
    let again = app.patch(&path, &agent.token, json!({})).await;
    assert_eq!(
        again.body["readAt"], read.body["readAt"],
        "the first read time stays"
    );
    let path = format!("/api/admin/notifications/{}/read", theirs.id);
    assert_eq!(app.patch(&path, &agent.token, json!({})).await.status, 404);
    assert_eq!(
        app.walk("/api/admin/notifications", &other.token, 5)
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn insight_metadata_is_an_object_or_nothing() {
    // The document promises an object (or null); an array or a number used to be stored and
    // sent back, off the schema.
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let talent = app.creator("imo").await.talent_id.unwrap();
    let base = format!("/api/admin/talents/{talent}/insights");
    for metadata in [json!([null, null]), json!(7), json!("text")] {
        let res = app
            .post(
                &base,
                t,
                json!({"insightType": "trend", "title": "T", "metadata": metadata}),
            )
            .await;
        assert_eq!(res.status, 422, "{metadata}: {}", res.text);
        assert_eq!(res.error_fields(), ["metadata"]);
    }
    let insight = app
        .created(&base, t, json!({"insightType": "trend", "title": "T"}))
        .await;
    let res = app
        .patch(
            &format!("{base}/{}", id_of(&insight)),
            t,
            json!({"metadata": [1]}),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert_eq!(res.error_fields(), ["metadata"]);
}

#[tokio::test]
async fn staff_may_record_events_tasks_and_insights_in_the_past() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    let creator = app.creator("history").await;
    let talent = creator.talent_id.unwrap();
    let past = "2024-03-01T10:00:00Z";
    let event = json!({"eventName": "Old shoot", "eventType": "shoot", "startAt": past,
                       "endAt": "2024-03-01T12:00:00Z", "status": "accepted"});
    let res = app
        .post(
            &format!("/api/admin/talents/{talent}/events"),
            &agent.token,
            event,
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let task =
        json!({"title": "Old task", "taskType": "creative", "dueAt": past, "status": "completed"});
    let res = app
        .post(
            &format!("/api/admin/talents/{talent}/tasks"),
            &agent.token,
            task,
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let insight = json!({"insightType": "trend", "title": "Expired", "expiresAt": past});
    let res = app
        .post(
            &format!("/api/admin/talents/{talent}/insights"),
            &agent.token,
            insight,
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    // The creator's portal hides the expired insight and lists the past event only on request.
    let insights = app.get("/api/creator/insights", &creator.token).await;
    assert_eq!(insights.body["items"], json!([]));
    let events = app
        .get(
            "/api/creator/events?from=2024-01-01T00:00:00Z",
            &creator.token,
        )
        .await;
    assert_eq!(events.body["items"][0]["eventName"], "Old shoot");
}
