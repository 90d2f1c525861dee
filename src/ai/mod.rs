//! The creator's AI assistant (API.md §6): a provider answers a creator's prompt from an
//! [`context::AssistantContext`] built only from creator views. `AI_PROVIDER` chooses it:
//! `local` (built in, the default) or `openai` (any OpenAI-compatible endpoint), which falls
//! back to the local answer when it fails or is slow.

pub mod context;
pub mod intent;
pub mod local;
pub mod openai;

use std::time::Duration;

use anyhow::{Context as _, bail};

use crate::config::Config;
use context::AssistantContext;
use intent::Intent;
use openai::OpenAiClient;

/// 30 asks per creator per hour.
pub const ASKS_PER_HOUR: usize = 30;

/// Answers prompts; which provider is chosen once, at start.
pub enum Assistant {
    Local,
    OpenAi(OpenAiClient),
}

impl Assistant {
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        match config.ai_provider.as_str() {
            "local" => Ok(Self::Local),
            "openai" => {
                let base = config
                    .ai_base_url
                    .as_deref()
                    .context("AI_PROVIDER=openai needs AI_BASE_URL")?;
                let model = config
                    .ai_model
                    .clone()
                    .unwrap_or_else(|| "gpt-4o-mini".to_owned());
                let timeout = Duration::from_secs(config.ai_timeout_secs);
                Ok(Self::OpenAi(OpenAiClient::new(
                    base,
                    config.ai_api_key.clone(),
                    model,
                    timeout,
                )?))
            }
            other => bail!("unknown AI_PROVIDER `{other}`: use local or openai"),
        }
    }

    /// The answer to `prompt`. A remote provider that fails or times out is replaced by the
    /// built-in answer, so the creator always gets one.
    pub async fn answer(&self, context: &AssistantContext, prompt: &str, intent: Intent) -> String {
        match self {
            Self::Local => local::answer(context, prompt, intent),
            Self::OpenAi(client) => {
                let remote = match serde_json::to_string(context) {
                    Ok(json) => client.complete(&json, prompt).await,
                    Err(err) => Err(err.into()),
                };
                match remote {
                    Ok(answer) => answer,
                    Err(err) => {
                        tracing::warn!(error = %err, "AI provider failed; answering locally");
                        local::answer(context, prompt, intent)
                    }
                }
            }
        }
    }
}
