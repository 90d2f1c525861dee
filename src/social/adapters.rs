//! Each platform's documented API, mapped to what the service keeps: the account's handle (its
//! public username, without `@`) and its followers, engagement rate and average views.
//!
//! - **Followers** come with the profile, the primary read: when it fails, the account fails.
//! - **Engagement rate** is the mean interactions (likes, comments, shares or reposts, as the
//!   platform counts them) of the recent posts over the followers, a ratio (0.042 = 4.2%).
//! - **Average views** are the mean views of the recent posts (YouTube: the channel's
//!   `viewCount / videoCount`).
//!
//! Those two come from secondary reads; a secondary read that fails leaves its figure null and
//! does not fail the account. Where a platform's API has no such figure for the account, it is
//! null (Instagram's views need one call per post; LinkedIn's member API gives only totals).
//!
//! The mapping functions are pure and tested against recorded (documented-shape) bodies; the
//! calls send the access token as a bearer header, never in a URL.

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use crate::db::entities::Platform;
use crate::db::queries::social_sync::Figures;
use crate::social::oauth::Provider;

/// How many recent posts the secondary reads look at.
const RECENT_POSTS: usize = 20;

/// What a sync reads of an account.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub handle: String,
    pub figures: Figures,
}

impl Account {
    fn new(
        handle: String,
        followers: Option<i64>,
        (engagement_rate, avg_views): (Option<f64>, Option<i64>),
    ) -> Self {
        Self {
            handle,
            figures: Figures {
                followers,
                engagement_rate,
                avg_views,
            },
        }
    }
}

/// Why a read failed. Holds no token, URL or body.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the platform answered {0}")]
    Status(u16),
    #[error("the platform could not be reached: {0}")]
    Transport(String),
    #[error("the platform's answer has no {0}")]
    Shape(&'static str),
}

/// Reads the account's handle (`figures: false`, the callback) or its handle and analytics.
pub async fn read_account(
    http: &reqwest::Client,
    provider: &Provider,
    token: &SecretString,
    figures: bool,
) -> Result<Account, ApiError> {
    let api = Api {
        http,
        base: &provider.api_url,
        token,
        platform: provider.platform,
    };
    match provider.platform {
        Platform::Youtube => youtube::read(&api, figures).await,
        Platform::Instagram => instagram::read(&api, figures).await,
        Platform::Tiktok => tiktok::read(&api, figures).await,
        Platform::X => x::read(&api, figures).await,
        Platform::Linkedin => linkedin::read(&api, figures).await,
    }
}

struct Api<'a> {
    http: &'a reqwest::Client,
    base: &'a str,
    token: &'a SecretString,
    platform: Platform,
}

impl Api<'_> {
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(self.token.expose_secret());
        if self.platform == Platform::Linkedin {
            request = request
                .header("LinkedIn-Version", linkedin::VERSION)
                .header("X-Restli-Protocol-Version", "2.0.0");
        }
        request
    }

    async fn get(&self, path: &str) -> Result<Value, ApiError> {
        send(self.request(reqwest::Method::GET, path)).await
    }

    async fn post(&self, path: &str, body: &Value) -> Result<Value, ApiError> {
        send(self.request(reqwest::Method::POST, path).json(body)).await
    }
}

async fn send(request: reqwest::RequestBuilder) -> Result<Value, ApiError> {
    let response = request
        .send()
        .await
        .map_err(|err| ApiError::Transport(err.without_url().to_string()))?;
    let status = response.status();
    if !status.is_success() {
        return Err(ApiError::Status(status.as_u16()));
    }
    response
        .json::<Value>()
        .await
        .map_err(|_| ApiError::Shape("JSON body"))
}

/// A count given as a number or as a decimal string (YouTube's statistics).
fn int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// The mean of some counts; `None` for none.
fn mean(values: impl IntoIterator<Item = i64>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .fold((0f64, 0u32), |(sum, n), v| (sum + v as f64, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// Mean interactions per post over followers, to four decimal places.
fn engagement(interactions: impl IntoIterator<Item = i64>, followers: Option<i64>) -> Option<f64> {
    let followers = followers.filter(|f| *f > 0)?;
    let rate = mean(interactions)? / followers as f64;
    Some((rate * 10_000.0).round() / 10_000.0)
}

fn rounded(mean: Option<f64>) -> Option<i64> {
    mean.map(|m| m.round() as i64)
}

/// The sum of the named counts of a post (missing ones count 0).
fn sum_of(post: &Value, fields: &[&str]) -> i64 {
    fields.iter().filter_map(|f| int(&post[*f])).sum()
}

/// A secondary read: its failure is logged and leaves the figure null.
fn secondary<T>(platform: Platform, what: &str, result: Result<T, ApiError>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(err) => {
            tracing::warn!(platform = %platform.as_str(), read = what, error = %err,
                "a secondary read failed; its figure stays empty");
            None
        }
    }
}

fn handle(raw: &str) -> Option<String> {
    let handle = raw.trim().trim_start_matches('@');
    (!handle.is_empty()).then(|| handle.to_owned())
}

/// YouTube Data API v3.
pub mod youtube {
    use super::*;

    /// What `channels?part=snippet,statistics,contentDetails&mine=true` says.
    #[derive(Debug, PartialEq)]
    pub struct Channel {
        pub handle: String,
        pub followers: Option<i64>,
        pub avg_views: Option<i64>,
        pub uploads: Option<String>,
    }

    /// The handle is `snippet.customUrl` without `@`, else the channel id; followers are
    /// `statistics.subscriberCount` (null when hidden); average views `viewCount / videoCount`.
    pub fn channel(body: &Value) -> Result<Channel, ApiError> {
        let item = &body["items"][0];
        let id = item["id"].as_str().ok_or(ApiError::Shape("channel"))?;
        let handle = item["snippet"]["customUrl"]
            .as_str()
            .and_then(super::handle)
            .unwrap_or_else(|| id.to_owned());
        let stats = &item["statistics"];
        let hidden = stats["hiddenSubscriberCount"].as_bool() == Some(true);
        let followers = int(&stats["subscriberCount"]).filter(|_| !hidden);
        let avg_views = match (int(&stats["viewCount"]), int(&stats["videoCount"])) {
            (Some(views), Some(videos)) if videos > 0 => {
                Some((views as f64 / videos as f64).round() as i64)
            }
            _ => None,
        };
        let uploads = item["contentDetails"]["relatedPlaylists"]["uploads"]
            .as_str()
            .map(str::to_owned);
        Ok(Channel {
            handle,
            followers,
            avg_views,
            uploads,
        })
    }

    /// The video ids of a `playlistItems?part=contentDetails` page.
    pub fn video_ids(body: &Value) -> Vec<String> {
        body["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|item| {
                item["contentDetails"]["videoId"]
                    .as_str()
                    .map(str::to_owned)
            })
            .collect()
    }

    /// Mean likes and comments of `videos?part=statistics` over the followers.
    pub fn engagement(body: &Value, followers: Option<i64>) -> Option<f64> {
        let videos = body["items"].as_array()?;
        super::engagement(
            videos
                .iter()
                .map(|v| sum_of(&v["statistics"], &["likeCount", "commentCount"])),
            followers,
        )
    }

    pub(super) async fn read(api: &Api<'_>, figures: bool) -> Result<Account, ApiError> {
        let channel = channel(
            &api.get("/channels?part=snippet,statistics,contentDetails&mine=true")
                .await?,
        )?;
        let mut account = Account {
            handle: channel.handle,
            figures: Figures {
                followers: channel.followers,
                engagement_rate: None,
                avg_views: channel.avg_views,
            },
        };
        if figures && let Some(uploads) = channel.uploads {
            let read = async {
                let ids = video_ids(
                    &api.get(&format!(
                        "/playlistItems?part=contentDetails&maxResults={RECENT_POSTS}&playlistId={uploads}"
                    ))
                    .await?,
                );
                if ids.is_empty() {
                    return Ok(None);
                }
                let videos = api
                    .get(&format!("/videos?part=statistics&id={}", ids.join(",")))
                    .await?;
                Ok(engagement(&videos, channel.followers))
            };
            account.figures.engagement_rate =
                secondary(api.platform, "videos", read.await).flatten();
        }
        Ok(account)
    }
}

/// Instagram API with Instagram login (graph.instagram.com).
pub mod instagram {
    use super::*;

    /// `me?fields=user_id,username,followers_count,media_count`: (handle, followers).
    pub fn profile(body: &Value) -> Result<(String, Option<i64>), ApiError> {
        let handle = body["username"]
            .as_str()
            .and_then(super::handle)
            .ok_or(ApiError::Shape("username"))?;
        Ok((handle, int(&body["followers_count"])))
    }

    /// Mean likes and comments of `me/media?fields=like_count,comments_count` over followers.
    pub fn engagement(body: &Value, followers: Option<i64>) -> Option<f64> {
        let media = body["data"].as_array()?;
        super::engagement(
            media
                .iter()
                .map(|m| sum_of(m, &["like_count", "comments_count"])),
            followers,
        )
    }

    pub(super) async fn read(api: &Api<'_>, figures: bool) -> Result<Account, ApiError> {
        let (handle, followers) = profile(
            &api.get("/me?fields=user_id,username,followers_count,media_count")
                .await?,
        )?;
        let engagement_rate = if figures {
            let media = api
                .get(&format!(
                    "/me/media?fields=id,like_count,comments_count&limit={RECENT_POSTS}"
                ))
                .await;
            secondary(api.platform, "media", media).and_then(|body| engagement(&body, followers))
        } else {
            None
        };
        Ok(Account::new(handle, followers, (engagement_rate, None)))
    }
}

/// TikTok API v2 (display: `user/info`, `video/list`).
pub mod tiktok {
    use super::*;

    /// TikTok answers 200 with `error.code` other than `ok` when it refuses.
    fn data(body: &Value) -> Result<&Value, ApiError> {
        match body["error"]["code"].as_str() {
            None | Some("ok") => Ok(&body["data"]),
            Some(_) => Err(ApiError::Shape("data (TikTok answered an error)")),
        }
    }

    /// `user/info/?fields=open_id,username,follower_count,…`: (handle, followers).
    pub fn profile(body: &Value) -> Result<(String, Option<i64>), ApiError> {
        let user = &data(body)?["user"];
        let handle = user["username"]
            .as_str()
            .and_then(super::handle)
            .ok_or(ApiError::Shape("user.username"))?;
        Ok((handle, int(&user["follower_count"])))
    }

    /// `video/list/`: (engagement rate, average views) of the listed videos.
    pub fn videos(body: &Value, followers: Option<i64>) -> (Option<f64>, Option<i64>) {
        let Some(videos) = data(body).ok().and_then(|d| d["videos"].as_array()) else {
            return (None, None);
        };
        let rate = super::engagement(
            videos
                .iter()
                .map(|v| sum_of(v, &["like_count", "comment_count", "share_count"])),
            followers,
        );
        let views = rounded(mean(videos.iter().filter_map(|v| int(&v["view_count"]))));
        (rate, views)
    }

    pub(super) async fn read(api: &Api<'_>, figures: bool) -> Result<Account, ApiError> {
        let (handle, followers) = profile(
            &api.get("/user/info/?fields=open_id,username,display_name,follower_count,video_count")
                .await?,
        )?;
        let posts = if figures {
            let list = api
                .post(
                    "/video/list/?fields=id,view_count,like_count,comment_count,share_count",
                    &serde_json::json!({ "max_count": RECENT_POSTS }),
                )
                .await;
            secondary(api.platform, "video list", list)
                .map_or((None, None), |body| videos(&body, followers))
        } else {
            (None, None)
        };
        Ok(Account::new(handle, followers, posts))
    }
}

/// X API v2.
pub mod x {
    use super::*;

    /// `users/me?user.fields=public_metrics`: (handle, followers, user id).
    pub fn profile(body: &Value) -> Result<(String, Option<i64>, String), ApiError> {
        let user = &body["data"];
        let handle = user["username"]
            .as_str()
            .and_then(super::handle)
            .ok_or(ApiError::Shape("data.username"))?;
        let id = user["id"].as_str().ok_or(ApiError::Shape("data.id"))?;
        Ok((
            handle,
            int(&user["public_metrics"]["followers_count"]),
            id.to_owned(),
        ))
    }

    /// `users/{id}/tweets?tweet.fields=public_metrics`: (engagement rate, average impressions).
    pub fn tweets(body: &Value, followers: Option<i64>) -> (Option<f64>, Option<i64>) {
        let Some(tweets) = body["data"].as_array() else {
            return (None, None);
        };
        let metrics = || tweets.iter().map(|t| &t["public_metrics"]);
        let rate = super::engagement(
            metrics().map(|m| {
                sum_of(
                    m,
                    &["like_count", "reply_count", "retweet_count", "quote_count"],
                )
            }),
            followers,
        );
        let views = rounded(mean(metrics().filter_map(|m| int(&m["impression_count"]))));
        (rate, views)
    }

    pub(super) async fn read(api: &Api<'_>, figures: bool) -> Result<Account, ApiError> {
        let (handle, followers, id) =
            profile(&api.get("/users/me?user.fields=public_metrics").await?)?;
        let posts = if figures {
            let list = api
                .get(&format!(
                    "/users/{id}/tweets?max_results={RECENT_POSTS}&tweet.fields=public_metrics&exclude=retweets,replies"
                ))
                .await;
            secondary(api.platform, "posts", list)
                .map_or((None, None), |body| tweets(&body, followers))
        } else {
            (None, None)
        };
        Ok(Account::new(handle, followers, posts))
    }
}

/// LinkedIn (member APIs).
pub mod linkedin {
    use super::*;

    /// The `LinkedIn-Version` the versioned (`/rest`) calls name.
    pub const VERSION: &str = "202506";

    /// `v2/me?projection=(id,vanityName)`: the vanity name, else the member id.
    pub fn handle(body: &Value) -> Result<String, ApiError> {
        body["vanityName"]
            .as_str()
            .and_then(super::handle)
            .or_else(|| body["id"].as_str().and_then(super::handle))
            .ok_or(ApiError::Shape("id"))
    }

    /// `rest/memberFollowersCount?q=me`: the member's followers.
    pub fn followers(body: &Value) -> Option<i64> {
        int(&body["elements"][0]["memberFollowersCount"])
    }

    pub(super) async fn read(api: &Api<'_>, figures: bool) -> Result<Account, ApiError> {
        let handle = handle(&api.get("/v2/me?projection=(id,vanityName)").await?)?;
        let followers = if figures {
            followers(&api.get("/rest/memberFollowersCount?q=me").await?)
        } else {
            None
        };
        Ok(Account::new(handle, followers, (None, None)))
    }
}

#[cfg(test)]
mod tests {
    //! Recorded answers, in the shapes each platform documents.
    use serde_json::json;

    use super::*;

    #[test]
    fn youtube_channel_statistics_and_videos() {
        let channel = json!({
            "kind": "youtube#channelListResponse",
            "etag": "x",
            "pageInfo": { "totalResults": 1, "resultsPerPage": 5 },
            "items": [{
                "kind": "youtube#channel",
                "id": "UC_x5XG1OV2P6uZZ5FSM9Ttw",
                "snippet": { "title": "Google for Developers", "customUrl": "@googledevelopers",
                    "publishedAt": "2007-08-23T00:34:43Z" },
                "contentDetails": { "relatedPlaylists": { "likes": "", "uploads": "UU_x5XG1OV2P6uZZ5FSM9Ttw" } },
                "statistics": { "viewCount": "246014271", "subscriberCount": "2460000",
                    "hiddenSubscriberCount": false, "videoCount": "6351" }
            }]
        });
        let parsed = youtube::channel(&channel).unwrap();
        assert_eq!(
            parsed,
            youtube::Channel {
                handle: "googledevelopers".to_owned(),
                followers: Some(2_460_000),
                avg_views: Some(38_736),
                uploads: Some("UU_x5XG1OV2P6uZZ5FSM9Ttw".to_owned()),
            }
        );
        let items = json!({ "items": [
            { "kind": "youtube#playlistItem", "contentDetails": { "videoId": "a1", "videoPublishedAt": "2026-11-01T00:00:00Z" } },
            { "kind": "youtube#playlistItem", "contentDetails": { "videoId": "b2" } }
        ]});
        assert_eq!(youtube::video_ids(&items), vec!["a1", "b2"]);
        let videos = json!({ "items": [
            { "id": "a1", "statistics": { "viewCount": "1000", "likeCount": "90", "favoriteCount": "0", "commentCount": "10" } },
            { "id": "b2", "statistics": { "viewCount": "3000", "likeCount": "50" } }
        ]});
        // (100 + 50) / 2 over 2,460,000.
        assert_eq!(youtube::engagement(&videos, Some(2_460_000)), Some(0.0));
        assert_eq!(youtube::engagement(&videos, Some(1000)), Some(0.075));
    }

    #[test]
    fn youtube_without_a_custom_url_or_with_hidden_subscribers() {
        let channel = json!({ "items": [{ "id": "UCabc", "snippet": { "title": "T" },
            "statistics": { "viewCount": "10", "subscriberCount": "0", "hiddenSubscriberCount": true, "videoCount": "0" } }] });
        let parsed = youtube::channel(&channel).unwrap();
        assert_eq!(parsed.handle, "UCabc");
        assert_eq!(parsed.followers, None);
        assert_eq!(parsed.avg_views, None);
        assert!(youtube::channel(&json!({ "items": [] })).is_err());
    }

    #[test]
    fn instagram_profile_and_media() {
        let profile = json!({ "user_id": "17841400000000000", "username": "jane.doe",
            "followers_count": 15230, "media_count": 311, "id": "17841400000000000" });
        assert_eq!(
            instagram::profile(&profile).unwrap(),
            ("jane.doe".to_owned(), Some(15_230))
        );
        let media = json!({ "data": [
            { "id": "1", "like_count": 300, "comments_count": 20 },
            { "id": "2", "like_count": 500, "comments_count": 30 }
        ], "paging": { "cursors": { "before": "a", "after": "b" } } });
        // (320 + 530) / 2 over 15,230.
        assert_eq!(instagram::engagement(&media, Some(15_230)), Some(0.0279));
        assert!(instagram::profile(&json!({ "error": { "code": 190 } })).is_err());
    }

    #[test]
    fn tiktok_user_info_and_video_list() {
        let info = json!({ "data": { "user": { "open_id": "723f24d7-e717-40f8-a2b6-cb8464cd23b4",
            "username": "janedoe", "display_name": "Jane", "follower_count": 80000, "video_count": 120 } },
            "error": { "code": "ok", "message": "", "log_id": "20231101" } });
        assert_eq!(
            tiktok::profile(&info).unwrap(),
            ("janedoe".to_owned(), Some(80_000))
        );
        let list = json!({ "data": { "videos": [
            { "id": "1", "view_count": 10000, "like_count": 1200, "comment_count": 100, "share_count": 100 },
            { "id": "2", "view_count": 20000, "like_count": 2400, "comment_count": 200, "share_count": 0 }
        ], "cursor": 1, "has_more": false }, "error": { "code": "ok", "message": "" } });
        // (1,400 + 2,600) / 2 over 80,000; views (10,000 + 20,000) / 2.
        assert_eq!(
            tiktok::videos(&list, Some(80_000)),
            (Some(0.025), Some(15_000))
        );
        let refused =
            json!({ "data": {}, "error": { "code": "access_token_invalid", "message": "…" } });
        assert!(tiktok::profile(&refused).is_err());
        assert_eq!(tiktok::videos(&refused, Some(1)), (None, None));
    }

    #[test]
    fn x_user_and_posts() {
        let me = json!({ "data": { "id": "2244994945", "name": "Jane", "username": "JaneDoe",
            "public_metrics": { "followers_count": 5000, "following_count": 10, "tweet_count": 900,
                "listed_count": 3, "like_count": 40 } } });
        assert_eq!(
            x::profile(&me).unwrap(),
            ("JaneDoe".to_owned(), Some(5000), "2244994945".to_owned())
        );
        let tweets = json!({ "data": [
            { "id": "1", "text": "a", "public_metrics": { "retweet_count": 5, "reply_count": 5,
                "like_count": 80, "quote_count": 10, "bookmark_count": 1, "impression_count": 4000 } },
            { "id": "2", "text": "b", "public_metrics": { "retweet_count": 0, "reply_count": 0,
                "like_count": 100, "quote_count": 0, "bookmark_count": 0, "impression_count": 2000 } }
        ], "meta": { "result_count": 2 } });
        assert_eq!(x::tweets(&tweets, Some(5000)), (Some(0.02), Some(3000)));
        assert_eq!(
            x::tweets(&json!({ "meta": { "result_count": 0 } }), Some(5000)),
            (None, None)
        );
    }

    #[test]
    fn linkedin_member_and_followers() {
        assert_eq!(
            linkedin::handle(&json!({ "id": "yrZCpj2Z12", "vanityName": "jane-doe" })).unwrap(),
            "jane-doe"
        );
        assert_eq!(
            linkedin::handle(&json!({ "id": "yrZCpj2Z12" })).unwrap(),
            "yrZCpj2Z12"
        );
        let followers = json!({ "paging": { "start": 0, "count": 10, "links": [] },
            "elements": [{ "memberFollowersCount": 1234 }] });
        assert_eq!(linkedin::followers(&followers), Some(1234));
        assert_eq!(linkedin::followers(&json!({ "elements": [] })), None);
    }
}
