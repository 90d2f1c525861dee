//! The `openai` provider: any OpenAI-compatible `/v1/chat/completions` endpoint, configured by
//! the operator (`AI_BASE_URL`, `AI_API_KEY`, `AI_MODEL`) and never by a request, so a creator
//! cannot point the service at another host.

use std::time::Duration;

use anyhow::{Context, bail};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

pub const SYSTEM_PROMPT: &str = "You are the assistant in a talent agency's creator portal. \
Answer the creator's question using only the creator data given below, which is everything \
the creator may see. Be specific: name their events, tasks and goals. Money is given rounded; \
never invent exact figures. If asked for anything not in the data (agency notes, contract \
terms, invoice numbers, payment or payout dates, other creators), say you cannot see it and \
suggest asking their agent. Keep answers short and practical.";

pub struct OpenAiClient {
    http: reqwest::Client,
    endpoint: String,
    api_key: Option<SecretString>,
    model: String,
}

#[derive(Serialize)]
struct ChatRequest<'a> {
    model: &'a str,
    messages: [Message<'a>; 2],
    temperature: f32,
}

#[derive(Serialize)]
struct Message<'a> {
    role: &'a str,
    content: &'a str,
}

#[derive(Deserialize)]
struct ChatResponse {
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    message: ChoiceMessage,
}

#[derive(Deserialize)]
struct ChoiceMessage {
    content: Option<String>,
}

impl OpenAiClient {
    pub fn new(
        base_url: &str,
        api_key: Option<SecretString>,
        model: String,
        timeout: Duration,
    ) -> anyhow::Result<Self> {
        let base = base_url.trim_end_matches('/');
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            bail!("AI_BASE_URL must be an http(s) URL");
        }
        let endpoint = if base.ends_with("/v1") {
            format!("{base}/chat/completions")
        } else {
            format!("{base}/v1/chat/completions")
        };
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Self {
            http,
            endpoint,
            api_key,
            model,
        })
    }

    /// Asks the model; `context` is the creator's data as JSON, built from creator views only.
    #[tracing::instrument(name = "ai.openai", skip_all, fields(model = %self.model))]
    pub async fn complete(&self, context: &str, prompt: &str) -> anyhow::Result<String> {
        let system = format!("{SYSTEM_PROMPT}\n\nCreator data (JSON):\n{context}");
        let body = ChatRequest {
            model: &self.model,
            messages: [
                Message {
                    role: "system",
                    content: &system,
                },
                Message {
                    role: "user",
                    content: prompt,
                },
            ],
            temperature: 0.4,
        };
        let mut request = self.http.post(&self.endpoint).json(&body);
        if let Some(key) = &self.api_key {
            request = request.bearer_auth(key.expose_secret());
        }
        let response = request.send().await.context("calling the AI provider")?;
        let status = response.status();
        if !status.is_success() {
            bail!("the AI provider answered {status}");
        }
        let parsed: ChatResponse = response
            .json()
            .await
            .context("reading the AI provider's answer")?;
        let answer = parsed
            .choices
            .into_iter()
            .next()
            .and_then(|choice| choice.message.content)
            .map(|content| content.trim().to_owned())
            .filter(|content| !content.is_empty())
            .context("the AI provider gave an empty answer")?;
        Ok(answer)
    }
}
