//! The per-creator cache of what the portal shows (the overview, API.md §6).
//!
//! Every write that changes what a creator sees — the creator's own and the agency's about
//! them — calls [`CreatorCache::invalidate`] with that creator's talent id, so the next read is
//! fresh. Handlers call it through `AppState::creator_changed`.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use moka::future::Cache;

use crate::db::entities::TalentId;

/// A cached response body and its entity tag.
#[derive(Debug, Clone)]
pub struct Cached {
    pub etag: String,
    pub body: Bytes,
}

pub struct CreatorCache {
    local: Option<Cache<TalentId, Arc<Cached>>>,
}

impl CreatorCache {
    /// A cache keeping entries for `ttl`; a zero ttl turns caching off.
    pub fn new(ttl: Duration) -> Self {
        let local = (!ttl.is_zero()).then(|| {
            Cache::builder()
                .max_capacity(50_000)
                .time_to_live(ttl)
                .build()
        });
        Self { local }
    }

    pub async fn get(&self, talent: TalentId) -> Option<Arc<Cached>> {
        self.local.as_ref()?.get(&talent).await
    }

    pub async fn put(&self, talent: TalentId, value: Cached) {
        if let Some(local) = &self.local {
            local.insert(talent, Arc::new(value)).await;
        }
    }

    pub async fn invalidate(&self, talent: TalentId) {
        if let Some(local) = &self.local {
            local.invalidate(&talent).await;
        }
    }
}
