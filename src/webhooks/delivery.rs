//! One delivery attempt (the `webhook.deliver` job): POST the event to the subscription, signed,
//! record the attempt, and schedule the next on the Standard Webhooks schedule.

use chrono::Duration;
use serde::Deserialize;
use uuid::Uuid;

use super::{signing, target};
use crate::app::AppState;
use crate::db::entities::job;
use crate::db::queries::now;
use crate::db::queries::webhooks::{self, Attempt};
use crate::jobs::Outcome;

/// The waits after each failed attempt (Standard Webhooks): 8 attempts in all, then `exhausted`.
const RETRY_AFTER: [Duration; 7] = [
    Duration::seconds(5),
    Duration::minutes(5),
    Duration::minutes(30),
    Duration::hours(2),
    Duration::hours(5),
    Duration::hours(10),
    Duration::hours(10),
];

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    subscription_id: Uuid,
    event_id: Uuid,
}

/// The wait before the attempt after `attempt` (from 1), or none when it was the last.
pub fn retry_after(attempt: i32) -> Option<Duration> {
    usize::try_from(attempt - 1)
        .ok()
        .and_then(|i| RETRY_AFTER.get(i).copied())
}

pub async fn deliver(state: &AppState, job: &job::Model) -> anyhow::Result<Outcome> {
    let Payload {
        subscription_id,
        event_id,
    } = serde_json::from_value(job.payload.clone())?;
    // Deleted or deactivated since: nothing more to deliver. An erased creator's event is gone.
    let Some(subscription) = webhooks::find_subscription(&state.db, subscription_id).await? else {
        return Ok(Outcome::Done);
    };
    if !subscription.active {
        return Ok(Outcome::Done);
    }
    let Some(event) = webhooks::find_event(&state.db, event_id).await? else {
        return Ok(Outcome::Done);
    };
    let attempt =
        i32::try_from(webhooks::attempts_made(&state.db, subscription_id, event_id).await? + 1)?;
    let secret = state
        .tokens
        .decrypt(&subscription.secret)
        .map_err(|_| anyhow::anyhow!("the subscription's secret cannot be unsealed"))?;
    let body = serde_json::to_vec(&serde_json::json!({
        "id": event.id,
        "type": event.event_type,
        "createdAt": event.created_at,
        "data": event.data,
    }))?;
    let response_status = send(
        state,
        &subscription.url,
        &secret,
        &event.id.to_string(),
        body,
    )
    .await;
    let succeeded = response_status.is_some_and(|s| (200..300).contains(&s));
    let next = if succeeded {
        None
    } else {
        retry_after(attempt)
    };
    let status = match (succeeded, next) {
        (true, _) => "succeeded",
        (false, Some(_)) => "failed",
        (false, None) => "exhausted",
    };
    let at = now();
    webhooks::record_attempt(
        &state.db,
        Attempt {
            subscription: subscription_id,
            event: &event,
            attempt,
            status,
            response_status,
            at,
        },
    )
    .await?;
    tracing::info!(
        subscription_id = %subscription_id,
        event_id = %event.id,
        attempt,
        status,
        response_status,
        "webhook delivery"
    );
    Ok(match next {
        Some(wait) => Outcome::RunAgainAt(at + wait),
        None => Outcome::Done,
    })
}

/// POSTs the signed body; the answer's status, or none when no answer came (refused target,
/// connection error, 15 s without an answer).
async fn send(state: &AppState, url: &str, secret: &str, id: &str, body: Vec<u8>) -> Option<u16> {
    let allow_private = state.config.webhooks_allow_private_targets;
    let url = match reqwest::Url::parse(url) {
        Ok(url) => url,
        Err(err) => {
            tracing::warn!(error = %err, "webhook URL does not parse");
            return None;
        }
    };
    if let Err(err) = target::check_literal(&url, allow_private) {
        tracing::warn!(error = %err, "webhook target refused");
        return None;
    }
    let timestamp = now().timestamp();
    let signature = match signing::sign(secret, id, timestamp, &body) {
        Ok(signature) => signature,
        Err(err) => {
            tracing::error!(error = %err, "cannot sign a webhook");
            return None;
        }
    };
    let sent = state
        .webhook_client
        .post(url)
        .header("content-type", "application/json")
        .header("webhook-id", id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(body)
        .send()
        .await;
    match sent {
        Ok(response) => Some(response.status().as_u16()),
        Err(err) => {
            tracing::info!(error = %err, "webhook delivery had no answer");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_follow_the_standard_webhooks_schedule_then_stop() {
        let waits: Vec<_> = (1..=8).map(retry_after).collect();
        assert_eq!(
            waits,
            vec![
                Some(Duration::seconds(5)),
                Some(Duration::minutes(5)),
                Some(Duration::minutes(30)),
                Some(Duration::hours(2)),
                Some(Duration::hours(5)),
                Some(Duration::hours(10)),
                Some(Duration::hours(10)),
                None,
            ]
        );
        assert_eq!(retry_after(0), None);
    }
}
