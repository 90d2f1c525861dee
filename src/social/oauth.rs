//! The OAuth 2.0 authorization-code flow with PKCE (S256) and the refresh grant, per platform,
//! through the `oauth2` crate over a `reqwest` client that follows no redirects.

use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
    BasicTokenType,
};
use oauth2::{
    AccessToken, AuthType, AuthUrl, AuthorizationCode, Client, ClientId, ClientSecret, CsrfToken,
    EndpointNotSet, EndpointSet, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken,
    RequestTokenError, Scope, StandardRevocableToken, TokenResponse, TokenUrl,
};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::db::entities::Platform;
use crate::social::settings::PlatformSettings;

/// How long a call to a platform (token endpoint or API) may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(15);

/// Every platform, in the order the portal lists them.
pub const PLATFORMS: [Platform; 5] = [
    Platform::Instagram,
    Platform::Tiktok,
    Platform::Youtube,
    Platform::X,
    Platform::Linkedin,
];

/// A token endpoint's answer. Like the standard one, but `token_type` may be missing (Instagram
/// and LinkedIn leave it out; a bearer token is meant).
#[derive(Debug, Deserialize, Serialize)]
pub struct PlatformTokenResponse {
    access_token: AccessToken,
    #[serde(default = "bearer")]
    token_type: BasicTokenType,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<RefreshToken>,
    #[serde(skip)]
    scopes: Option<Vec<Scope>>,
}

fn bearer() -> BasicTokenType {
    BasicTokenType::Bearer
}

impl TokenResponse for PlatformTokenResponse {
    type TokenType = BasicTokenType;
    fn access_token(&self) -> &AccessToken {
        &self.access_token
    }
    fn token_type(&self) -> &BasicTokenType {
        &self.token_type
    }
    fn expires_in(&self) -> Option<Duration> {
        self.expires_in.map(Duration::from_secs)
    }
    fn refresh_token(&self) -> Option<&RefreshToken> {
        self.refresh_token.as_ref()
    }
    fn scopes(&self) -> Option<&Vec<Scope>> {
        self.scopes.as_ref()
    }
}

type OAuthClient = Client<
    BasicErrorResponse,
    PlatformTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// Tokens a platform granted, in clear only in memory.
#[derive(Debug)]
pub struct Grant {
    pub access_token: SecretString,
    pub refresh_token: Option<SecretString>,
    pub expires_at: Option<DateTime<Utc>>,
}

impl Grant {
    fn from_response(response: &PlatformTokenResponse) -> Self {
        Self {
            access_token: SecretString::from(response.access_token().secret().as_str()),
            refresh_token: response
                .refresh_token()
                .map(|t| SecretString::from(t.secret().as_str())),
            expires_at: response
                .expires_in()
                .and_then(|d| chrono::Duration::from_std(d).ok())
                .and_then(|d| Utc::now().checked_add_signed(d)),
        }
    }
}

/// Why a token request failed. Carries no token and no response body.
#[derive(Debug, thiserror::Error)]
pub enum GrantError {
    /// The platform answered with an OAuth error body (`{"error": "invalid_grant"}` …): the
    /// grant is no good, and trying again will not help.
    #[error("the platform refused: {0}")]
    Refused(String),
    /// The platform could not be reached, or answered something that is not an OAuth answer
    /// (tried again at the next pass).
    #[error("the platform could not be asked: {0}")]
    Unavailable(String),
}

fn grant_error<RE: std::error::Error + 'static>(
    err: RequestTokenError<RE, BasicErrorResponse>,
) -> GrantError {
    match err {
        RequestTokenError::ServerResponse(response) => {
            GrantError::Refused(response.error().to_string())
        }
        RequestTokenError::Request(err) => GrantError::Unavailable(err.to_string()),
        // The body is left out: it may hold anything the platform sent.
        RequestTokenError::Parse(err, _body) => {
            GrantError::Unavailable(format!("unreadable answer at {}", err.path()))
        }
        RequestTokenError::Other(message) => GrantError::Unavailable(message),
    }
}

/// A configured platform: its OAuth client and API base.
pub struct Provider {
    pub platform: Platform,
    client: OAuthClient,
    client_id: String,
    /// The base the platform's documented paths are appended to.
    pub api_url: String,
    /// The authorization endpoint's origin (`https://host[:port]`), for the portal's CSP.
    pub authorize_origin: String,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("platform", &self.platform)
            .field("api_url", &self.api_url)
            .finish_non_exhaustive()
    }
}

/// What a platform is asked for: reading the profile and its public analytics.
fn scopes(platform: Platform) -> &'static [&'static str] {
    match platform {
        Platform::Instagram => &["instagram_business_basic"],
        // TikTok takes its scopes comma-separated, in one parameter.
        Platform::Tiktok => &["user.info.basic,user.info.profile,user.info.stats,video.list"],
        Platform::Youtube => &["https://www.googleapis.com/auth/youtube.readonly"],
        Platform::X => &["users.read", "tweet.read", "offline.access"],
        Platform::Linkedin => &["openid", "profile", "r_member_profileAnalytics"],
    }
}

/// A URL's `scheme://host[:port]`.
fn origin_of(url: &oauth2::url::Url) -> String {
    url.origin().ascii_serialization()
}

impl Provider {
    fn new(
        platform: Platform,
        settings: PlatformSettings,
        public_url: &str,
    ) -> anyhow::Result<Self> {
        let name = platform.as_str();
        let authorize = AuthUrl::new(settings.authorize_url.clone())
            .with_context(|| format!("OAUTH_{}_AUTHORIZE_URL", name.to_uppercase()))?;
        let token = TokenUrl::new(settings.token_url.clone())
            .with_context(|| format!("OAUTH_{}_TOKEN_URL", name.to_uppercase()))?;
        oauth2::url::Url::parse(&settings.api_url)
            .with_context(|| format!("OAUTH_{}_API_URL", name.to_uppercase()))?;
        let redirect = RedirectUrl::new(format!("{public_url}/oauth/callback/{name}"))
            .context("PUBLIC_URL")?;
        let authorize_origin = origin_of(authorize.url());
        let mut client = Client::new(ClientId::new(settings.client_id.clone()))
            .set_auth_uri(authorize)
            .set_token_uri(token)
            .set_redirect_uri(redirect)
            // X wants the credentials as HTTP Basic; the others as form fields.
            .set_auth_type(if platform == Platform::X {
                AuthType::BasicAuth
            } else {
                AuthType::RequestBody
            });
        if let Some(secret) = &settings.client_secret {
            client = client.set_client_secret(ClientSecret::new(secret.expose_secret().to_owned()));
        }
        Ok(Self {
            platform,
            client,
            client_id: settings.client_id,
            api_url: settings.api_url,
            authorize_origin,
        })
    }

    /// Begins a flow: the URL to send the creator to, the `state` and the PKCE verifier.
    pub fn authorize(&self) -> (String, CsrfToken, PkceCodeVerifier) {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = self
            .client
            .authorize_url(CsrfToken::new_random)
            .set_pkce_challenge(challenge)
            .add_scopes(
                scopes(self.platform)
                    .iter()
                    .map(|s| Scope::new((*s).to_owned())),
            );
        request = match self.platform {
            // TikTok names the client `client_key`.
            Platform::Tiktok => request.add_extra_param("client_key", self.client_id.clone()),
            // Google issues a refresh token only for offline access, and only at consent.
            Platform::Youtube => request
                .add_extra_param("access_type", "offline")
                .add_extra_param("prompt", "consent"),
            _ => request,
        };
        let (url, state) = request.url();
        (url.to_string(), state, verifier)
    }

    /// Exchanges an authorization code (with its PKCE verifier) for tokens.
    pub async fn exchange(
        &self,
        http: &reqwest::Client,
        code: String,
        verifier: PkceCodeVerifier,
    ) -> Result<Grant, GrantError> {
        let mut request = self
            .client
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(verifier);
        if self.platform == Platform::Tiktok {
            request = request.add_extra_param("client_key", self.client_id.clone());
        }
        let response = request.request_async(http).await.map_err(grant_error)?;
        Ok(Grant::from_response(&response))
    }

    /// Refreshes an access token (`grant_type=refresh_token`).
    pub async fn refresh(
        &self,
        http: &reqwest::Client,
        refresh_token: &SecretString,
    ) -> Result<Grant, GrantError> {
        let token = RefreshToken::new(refresh_token.expose_secret().to_owned());
        let mut request = self.client.exchange_refresh_token(&token);
        if self.platform == Platform::Tiktok {
            request = request.add_extra_param("client_key", self.client_id.clone());
        }
        let response = request.request_async(http).await.map_err(grant_error)?;
        Ok(Grant::from_response(&response))
    }
}

/// The configured platforms and the HTTP client that calls them.
#[derive(Debug)]
pub struct Providers {
    /// In the portal's order.
    providers: Vec<Provider>,
    pub http: reqwest::Client,
}

impl Providers {
    /// Every platform with a client id in the configuration.
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let public_url = config.public_url();
        let mut providers = Vec::new();
        for platform in PLATFORMS {
            if let Some(settings) = config.social.platform(platform) {
                providers.push(Provider::new(platform, settings, &public_url)?);
            }
        }
        let http = reqwest::Client::builder()
            // A token endpoint that redirects is refused, not followed (RFC 6749 §3.2).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(CALL_TIMEOUT)
            .build()
            .context("building the HTTP client for social platforms")?;
        Ok(Self { providers, http })
    }

    pub fn get(&self, platform: Platform) -> Option<&Provider> {
        self.providers.iter().find(|p| p.platform == platform)
    }

    /// The configured platforms, in the portal's order.
    pub fn configured(&self) -> impl Iterator<Item = &Provider> {
        self.providers.iter()
    }
}
