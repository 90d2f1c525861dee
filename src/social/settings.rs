//! The operator's settings for social accounts (API.md §8.3): per platform an OAuth client and
//! its endpoints (defaulting to the platform's documented ones), and how often `serve` syncs.
//! Flattened into [`crate::config::Config`].

use secrecy::SecretString;

use crate::db::entities::Platform;

/// Seconds between sync passes in `serve` by default: six hours.
pub const DEFAULT_SYNC_INTERVAL_SECS: u64 = 21_600;

/// One platform's documented endpoints: (authorize, token, API base).
pub fn default_endpoints(platform: Platform) -> (&'static str, &'static str, &'static str) {
    match platform {
        Platform::Instagram => (
            "https://www.instagram.com/oauth/authorize",
            "https://api.instagram.com/oauth/access_token",
            "https://graph.instagram.com/v22.0",
        ),
        Platform::Tiktok => (
            "https://www.tiktok.com/v2/auth/authorize/",
            "https://open.tiktokapis.com/v2/oauth/token/",
            "https://open.tiktokapis.com/v2",
        ),
        Platform::Youtube => (
            "https://accounts.google.com/o/oauth2/v2/auth",
            "https://oauth2.googleapis.com/token",
            "https://www.googleapis.com/youtube/v3",
        ),
        Platform::X => (
            "https://x.com/i/oauth2/authorize",
            "https://api.x.com/2/oauth2/token",
            "https://api.x.com/2",
        ),
        Platform::Linkedin => (
            "https://www.linkedin.com/oauth/v2/authorization",
            "https://www.linkedin.com/oauth/v2/accessToken",
            "https://api.linkedin.com",
        ),
    }
}

/// A configured platform's client and endpoints, defaults applied.
#[derive(Debug, Clone)]
pub struct PlatformSettings {
    pub client_id: String,
    pub client_secret: Option<SecretString>,
    pub authorize_url: String,
    pub token_url: String,
    pub api_url: String,
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct SocialSettings {
    /// Instagram: the OAuth client id of the agency's app; Instagram is offered only when set.
    #[arg(long, global = true, env = "OAUTH_INSTAGRAM_CLIENT_ID")]
    pub oauth_instagram_client_id: Option<String>,

    /// Instagram: the OAuth client secret.
    #[arg(
        long,
        global = true,
        env = "OAUTH_INSTAGRAM_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub oauth_instagram_client_secret: Option<SecretString>,

    /// Instagram: the authorization endpoint [default: https://www.instagram.com/oauth/authorize]
    #[arg(long, global = true, env = "OAUTH_INSTAGRAM_AUTHORIZE_URL")]
    pub oauth_instagram_authorize_url: Option<String>,

    /// Instagram: the token endpoint [default: https://api.instagram.com/oauth/access_token]
    #[arg(long, global = true, env = "OAUTH_INSTAGRAM_TOKEN_URL")]
    pub oauth_instagram_token_url: Option<String>,

    /// Instagram: the API base its documented paths are appended to [default: https://graph.instagram.com/v22.0]
    #[arg(long, global = true, env = "OAUTH_INSTAGRAM_API_URL")]
    pub oauth_instagram_api_url: Option<String>,

    /// TikTok: the OAuth client id of the agency's app; TikTok is offered only when set.
    #[arg(long, global = true, env = "OAUTH_TIKTOK_CLIENT_ID")]
    pub oauth_tiktok_client_id: Option<String>,

    /// TikTok: the OAuth client secret.
    #[arg(
        long,
        global = true,
        env = "OAUTH_TIKTOK_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub oauth_tiktok_client_secret: Option<SecretString>,

    /// TikTok: the authorization endpoint [default: https://www.tiktok.com/v2/auth/authorize/]
    #[arg(long, global = true, env = "OAUTH_TIKTOK_AUTHORIZE_URL")]
    pub oauth_tiktok_authorize_url: Option<String>,

    /// TikTok: the token endpoint [default: https://open.tiktokapis.com/v2/oauth/token/]
    #[arg(long, global = true, env = "OAUTH_TIKTOK_TOKEN_URL")]
    pub oauth_tiktok_token_url: Option<String>,

    /// TikTok: the API base its documented paths are appended to [default: https://open.tiktokapis.com/v2]
    #[arg(long, global = true, env = "OAUTH_TIKTOK_API_URL")]
    pub oauth_tiktok_api_url: Option<String>,

    /// YouTube: the OAuth client id of the agency's app; YouTube is offered only when set.
    #[arg(long, global = true, env = "OAUTH_YOUTUBE_CLIENT_ID")]
    pub oauth_youtube_client_id: Option<String>,

    /// YouTube: the OAuth client secret.
    #[arg(
        long,
        global = true,
        env = "OAUTH_YOUTUBE_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub oauth_youtube_client_secret: Option<SecretString>,

    /// YouTube: the authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]
    #[arg(long, global = true, env = "OAUTH_YOUTUBE_AUTHORIZE_URL")]
    pub oauth_youtube_authorize_url: Option<String>,

    /// YouTube: the token endpoint [default: https://oauth2.googleapis.com/token]
    #[arg(long, global = true, env = "OAUTH_YOUTUBE_TOKEN_URL")]
    pub oauth_youtube_token_url: Option<String>,

    /// YouTube: the API base its documented paths are appended to [default: https://www.googleapis.com/youtube/v3]
    #[arg(long, global = true, env = "OAUTH_YOUTUBE_API_URL")]
    pub oauth_youtube_api_url: Option<String>,

    /// X: the OAuth client id of the agency's app; X is offered only when set.
    #[arg(long, global = true, env = "OAUTH_X_CLIENT_ID")]
    pub oauth_x_client_id: Option<String>,

    /// X: the OAuth client secret.
    #[arg(
        long,
        global = true,
        env = "OAUTH_X_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub oauth_x_client_secret: Option<SecretString>,

    /// X: the authorization endpoint [default: https://x.com/i/oauth2/authorize]
    #[arg(long, global = true, env = "OAUTH_X_AUTHORIZE_URL")]
    pub oauth_x_authorize_url: Option<String>,

    /// X: the token endpoint [default: https://api.x.com/2/oauth2/token]
    #[arg(long, global = true, env = "OAUTH_X_TOKEN_URL")]
    pub oauth_x_token_url: Option<String>,

    /// X: the API base its documented paths are appended to [default: https://api.x.com/2]
    #[arg(long, global = true, env = "OAUTH_X_API_URL")]
    pub oauth_x_api_url: Option<String>,

    /// LinkedIn: the OAuth client id of the agency's app; LinkedIn is offered only when set.
    #[arg(long, global = true, env = "OAUTH_LINKEDIN_CLIENT_ID")]
    pub oauth_linkedin_client_id: Option<String>,

    /// LinkedIn: the OAuth client secret.
    #[arg(
        long,
        global = true,
        env = "OAUTH_LINKEDIN_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub oauth_linkedin_client_secret: Option<SecretString>,

    /// LinkedIn: the authorization endpoint [default: https://www.linkedin.com/oauth/v2/authorization]
    #[arg(long, global = true, env = "OAUTH_LINKEDIN_AUTHORIZE_URL")]
    pub oauth_linkedin_authorize_url: Option<String>,

    /// LinkedIn: the token endpoint [default: https://www.linkedin.com/oauth/v2/accessToken]
    #[arg(long, global = true, env = "OAUTH_LINKEDIN_TOKEN_URL")]
    pub oauth_linkedin_token_url: Option<String>,

    /// LinkedIn: the API base its documented paths are appended to [default: https://api.linkedin.com]
    #[arg(long, global = true, env = "OAUTH_LINKEDIN_API_URL")]
    pub oauth_linkedin_api_url: Option<String>,

    /// Seconds between the social sync passes `serve` runs (token refresh and analytics, on one
    /// instance at a time); 0 turns them off.
    #[arg(long, global = true, env = "SOCIAL_SYNC_INTERVAL_SECS", default_value_t = DEFAULT_SYNC_INTERVAL_SECS)]
    pub social_sync_interval_secs: u64,
}

impl SocialSettings {
    /// The platform's settings, or `None` when it has no client id (not configured).
    pub fn platform(&self, platform: Platform) -> Option<PlatformSettings> {
        let (id, secret, authorize, token, api) = match platform {
            Platform::Instagram => (
                &self.oauth_instagram_client_id,
                &self.oauth_instagram_client_secret,
                &self.oauth_instagram_authorize_url,
                &self.oauth_instagram_token_url,
                &self.oauth_instagram_api_url,
            ),
            Platform::Tiktok => (
                &self.oauth_tiktok_client_id,
                &self.oauth_tiktok_client_secret,
                &self.oauth_tiktok_authorize_url,
                &self.oauth_tiktok_token_url,
                &self.oauth_tiktok_api_url,
            ),
            Platform::Youtube => (
                &self.oauth_youtube_client_id,
                &self.oauth_youtube_client_secret,
                &self.oauth_youtube_authorize_url,
                &self.oauth_youtube_token_url,
                &self.oauth_youtube_api_url,
            ),
            Platform::X => (
                &self.oauth_x_client_id,
                &self.oauth_x_client_secret,
                &self.oauth_x_authorize_url,
                &self.oauth_x_token_url,
                &self.oauth_x_api_url,
            ),
            Platform::Linkedin => (
                &self.oauth_linkedin_client_id,
                &self.oauth_linkedin_client_secret,
                &self.oauth_linkedin_authorize_url,
                &self.oauth_linkedin_token_url,
                &self.oauth_linkedin_api_url,
            ),
        };
        let client_id = id.as_deref().map(str::trim).filter(|id| !id.is_empty())?;
        let (default_authorize, default_token, default_api) = default_endpoints(platform);
        let or_default = |value: &Option<String>, default: &str| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .unwrap_or(default)
                .to_owned()
        };
        Some(PlatformSettings {
            client_id: client_id.to_owned(),
            client_secret: secret.clone(),
            authorize_url: or_default(authorize, default_authorize),
            token_url: or_default(token, default_token),
            // Documented paths are appended to it with their own `/`.
            api_url: or_default(api, default_api)
                .trim_end_matches('/')
                .to_owned(),
        })
    }

    /// Sets a platform's client and endpoints (tests and tools).
    pub fn set(&mut self, platform: Platform, settings: PlatformSettings) {
        let PlatformSettings {
            client_id,
            client_secret,
            authorize_url,
            token_url,
            api_url,
        } = settings;
        let (id, secret, authorize, token, api) = match platform {
            Platform::Instagram => (
                &mut self.oauth_instagram_client_id,
                &mut self.oauth_instagram_client_secret,
                &mut self.oauth_instagram_authorize_url,
                &mut self.oauth_instagram_token_url,
                &mut self.oauth_instagram_api_url,
            ),
            Platform::Tiktok => (
                &mut self.oauth_tiktok_client_id,
                &mut self.oauth_tiktok_client_secret,
                &mut self.oauth_tiktok_authorize_url,
                &mut self.oauth_tiktok_token_url,
                &mut self.oauth_tiktok_api_url,
            ),
            Platform::Youtube => (
                &mut self.oauth_youtube_client_id,
                &mut self.oauth_youtube_client_secret,
                &mut self.oauth_youtube_authorize_url,
                &mut self.oauth_youtube_token_url,
                &mut self.oauth_youtube_api_url,
            ),
            Platform::X => (
                &mut self.oauth_x_client_id,
                &mut self.oauth_x_client_secret,
                &mut self.oauth_x_authorize_url,
                &mut self.oauth_x_token_url,
                &mut self.oauth_x_api_url,
            ),
            Platform::Linkedin => (
                &mut self.oauth_linkedin_client_id,
                &mut self.oauth_linkedin_client_secret,
                &mut self.oauth_linkedin_authorize_url,
                &mut self.oauth_linkedin_token_url,
                &mut self.oauth_linkedin_api_url,
            ),
        };
        *id = Some(client_id);
        *secret = client_secret;
        *authorize = Some(authorize_url);
        *token = Some(token_url);
        *api = Some(api_url);
    }
}
