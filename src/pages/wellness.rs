//! `/portal/wellness`: **Check in** (Energy 1–5, Workload, Notes) and the last 90 days as a
//! chart. Private to the creator, like the API's wellness.

use askama::Template;
use axum::extract::State;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::charts;
use super::{
    CsrfForm, PageResult, Portal, PortalUrl, api_body, filled, first_page, number, render_page,
    see_other,
};
use crate::app::AppState;
use crate::db::entities::Workload;
use crate::db::queries::now;
use crate::extract::AppQuery;
use crate::routes::creator::wellness;
use crate::views::creator::WellnessView;

const DAYS: i64 = 90;

const WORKLOADS: [(Workload, &str); 4] = [
    (Workload::Light, "Light"),
    (Workload::Comfortable, "Comfortable"),
    (Workload::Busy, "Busy"),
    (Workload::Overwhelming, "Overwhelming"),
];

#[derive(Template)]
#[template(path = "portal/wellness.html")]
struct WellnessPage<'a> {
    csrf: &'a str,
    checkins: Vec<WellnessView>,
    chart: String,
}

impl WellnessPage<'_> {
    fn workloads(&self) -> Vec<(String, &'static str)> {
        WORKLOADS
            .iter()
            .map(|(workload, name)| (workload.as_str(), *name))
            .collect()
    }
}

pub async fn show(State(state): State<AppState>, portal: Portal) -> PageResult {
    let list = wellness::wellness_history(
        State(state),
        portal.ctx,
        AppQuery(wellness::HistoryFilter {
            days: Some(DAYS as u32),
        }),
        first_page(),
    )
    .await?
    .0;
    let today = now();
    let readings: Vec<(i64, i32)> = list
        .items
        .iter()
        .map(|c| ((today - c.created_at).num_days(), c.energy_level))
        .collect();
    let title = if readings.is_empty() {
        format!("Your energy over the last {DAYS} days: no check-ins yet")
    } else {
        let mean = readings.iter().map(|(_, e)| f64::from(*e)).sum::<f64>() / readings.len() as f64;
        format!(
            "Your energy over the last {DAYS} days: {} check-ins, {mean:.1} of 5 on average",
            readings.len()
        )
    };
    let page = WellnessPage {
        csrf: &portal.csrf,
        chart: charts::levels("energy", &title, DAYS, &readings),
        checkins: list.items,
    };
    render_page(&portal, PortalUrl::Wellness, "Wellness", &page)
}

#[derive(Deserialize)]
pub struct CheckInForm {
    #[serde(default)]
    energy: String,
    #[serde(default)]
    workload: String,
    notes: Option<String>,
}

pub async fn check_in(
    State(state): State<AppState>,
    portal: Portal,
    CsrfForm(form): CsrfForm<CheckInForm>,
) -> PageResult {
    let mut fields = Map::new();
    fields.insert("energyLevel".to_owned(), number(&form.energy));
    fields.insert("workload".to_owned(), json!(form.workload));
    if let Some(notes) = filled(form.notes) {
        fields.insert("notes".to_owned(), json!(notes));
    }
    let body = api_body(Value::Object(fields))?;
    let _changed = wellness::create_checkin(State(state), portal.ctx, body).await?;
    Ok(see_other(PortalUrl::Wellness))
}
