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
        check_base_url(base)?;
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
        let body = read_at_most(response, MAX_BODY_BYTES).await?;
        let parsed: ChatResponse =
            serde_json::from_slice(&body).context("reading the AI provider's answer")?;
        let answer = parsed
            .choices
            .into_iter()
            .next()
            .and_then(|choice| choice.message.content)
            .map(|content| cut(content.trim(), MAX_ANSWER_BYTES).to_owned())
            .filter(|content| !content.is_empty())
            .context("the AI provider gave an empty answer")?;
        Ok(answer)
    }
}

/// An answer is cut to this many bytes (API.md §8.1).
pub const MAX_ANSWER_BYTES: usize = 64 * 1024;
/// The provider's whole body is read up to this (an answer of 64 KiB, JSON-escaped, fits);
/// a longer one is refused, and the built-in answer is used.
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// `https://`, or plain `http://` to this machine only: prompts and creator data never cross a
/// network in the clear.
fn check_base_url(base: &str) -> anyhow::Result<()> {
    let url = reqwest::Url::parse(base).context("AI_BASE_URL must be a URL")?;
    let host = url.host_str().unwrap_or_default();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => bail!("AI_BASE_URL must be https:// (plain http:// only to a loopback address)"),
        _ => bail!("AI_BASE_URL must be an https:// URL"),
    }
}

/// The body, or an error once it passes `limit` bytes (never read whole into memory).
async fn read_at_most(mut response: reqwest::Response, limit: usize) -> anyhow::Result<Vec<u8>> {
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .context("reading the AI provider's answer")?
    {
        if body.len() + chunk.len() > limit {
            bail!("the AI provider's answer passes {limit} bytes");
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// `text` cut to at most `max` bytes, on a character boundary.
fn cut(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_provider_is_https_or_plain_http_on_loopback_only() {
        for ok in [
            "https://api.example.com",
            "https://10.0.0.5/v1",
            "http://127.0.0.1:8080",
            "http://localhost:11434",
            "http://[::1]:9000",
        ] {
            assert!(check_base_url(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://api.example.com",
            "http://10.0.0.5",
            "ftp://127.0.0.1",
            "not a url",
        ] {
            assert!(check_base_url(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn an_answer_is_cut_on_a_character_boundary() {
        assert_eq!(cut("abc", 5), "abc");
        assert_eq!(cut("abcdef", 3), "abc");
        assert_eq!(cut("aé", 2), "a"); // é is two bytes
    }
}
