//! Many concurrent writes by one creator: every acknowledged write is stored exactly once, and
//! no client ever sees a lock error (SQLite serialises writers behind its busy timeout).

use std::collections::HashSet;

use futures::future::join_all;
use serde_json::json;

use crate::fixtures;
use crate::helpers::TestApp;

#[tokio::test]
async fn concurrent_goals_checkins_and_answers_each_land_exactly_once() {
    let app = TestApp::spawn().await;
    let creator = app.creator("busy").await;
    let talent = creator.talent_id.unwrap();
    let agent = app.agent().await;
    let mut events = Vec::new();
    for _ in 0..10 {
        events.push(
            fixtures::event(&app, talent, Some(agent.id), |_| {})
                .await
                .id,
        );
    }

    let goals = (0..40).map(|i| {
        let body = json!({"goalType": "content", "title": format!("goal {i}")});
        app.post("/api/creator/goals", &creator.token, body)
    });
    let checkins = (0..40).map(|i| {
        app.post(
            "/api/creator/wellness-checkin",
            &creator.token,
            json!({"energyLevel": i % 5 + 1, "workload": "busy", "notes": format!("checkin {i}")}),
        )
    });
    let answer_paths: Vec<String> = events
        .iter()
        .flat_map(|id| {
            [
                format!("/api/creator/events/{id}/accept"),
                format!("/api/creator/events/{id}/decline"),
            ]
        })
        .collect();
    let answers = answer_paths
        .iter()
        .map(|path| app.post(path, &creator.token, json!({})));
    let (goals, checkins, answers) =
        tokio::join!(join_all(goals), join_all(checkins), join_all(answers));

    for res in goals.iter().chain(&checkins) {
        assert_eq!(res.status, 201, "{}", res.text);
    }
    for pair in answers.chunks(2) {
        let mut statuses: Vec<u16> = pair.iter().map(|r| r.status).collect();
        statuses.sort();
        assert_eq!(
            statuses,
            [200, 409],
            "{:?}",
            pair.iter().map(|r| &r.text).collect::<Vec<_>>()
        );
    }

    let listed = app
        .get("/api/creator/goals?limit=200", &creator.token)
        .await;
    let titles: Vec<&str> = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 40);
    assert_eq!(
        titles.iter().collect::<HashSet<_>>().len(),
        40,
        "each goal exactly once"
    );
    let created: HashSet<&str> = goals
        .iter()
        .map(|r| r.body["id"].as_str().unwrap())
        .collect();
    let stored: HashSet<&str> = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(created, stored, "every acknowledged goal is the stored one");

    let history = app
        .get("/api/creator/wellness-history?limit=200", &creator.token)
        .await;
    let notes: HashSet<&str> = history.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["notes"].as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), 40);

    let listed = app
        .get("/api/creator/events?limit=200", &creator.token)
        .await;
    for event in listed.body["items"].as_array().unwrap() {
        assert!(
            event["status"] == "accepted" || event["status"] == "declined",
            "{event}"
        );
    }
}
