//! The per-creator cache of what the portal shows (the overview, API.md §6).
//!
//! Every write that changes what a creator sees — the creator's own and the agency's about
//! them — calls [`CreatorCache::invalidate`] with that creator's talent id (through
//! `AppState::creator_changed`), so the next read is fresh.
//!
//! Invalidation bumps a per-creator *generation*; an entry is served only while its generation
//! is current. A value computed before a write and stored after it is therefore never served,
//! whatever the interleaving. With `REDIS_URL` the entries and generations live in Redis, shared
//! by every instance; when Redis is unavailable, reads miss (the caller computes) and nothing
//! stale can be served.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use moka::future::Cache;

use crate::db::entities::TalentId;
use crate::redis_store::RedisStore;

/// A cached response body and its entity tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Cached {
    pub etag: String,
    pub body: Bytes,
}

/// Bumped by every invalidation of a creator.
pub type Generation = u64;

pub struct CreatorCache {
    ttl: Duration,
    store: Store,
}

enum Store {
    Off,
    Local {
        entries: Cache<TalentId, Arc<(Generation, Cached)>>,
        generations: Mutex<HashMap<TalentId, Generation>>,
    },
    Shared(Arc<RedisStore>),
}

impl CreatorCache {
    /// A cache keeping entries for `ttl` (zero turns it off), in Redis when given one.
    pub fn new(ttl: Duration, redis: Option<Arc<RedisStore>>) -> Self {
        let store = match (ttl.is_zero(), redis) {
            (true, _) => Store::Off,
            (false, Some(redis)) => Store::Shared(redis),
            (false, None) => Store::Local {
                entries: Cache::builder()
                    .max_capacity(50_000)
                    .time_to_live(ttl)
                    .build(),
                generations: Mutex::new(HashMap::new()),
            },
        };
        Self { ttl, store }
    }

    pub fn is_enabled(&self) -> bool {
        !matches!(self.store, Store::Off)
    }

    /// The current generation (read it *before* computing a value to `put`) and the cached
    /// value when it belongs to that generation.
    pub async fn get(&self, talent: TalentId) -> (Generation, Option<Cached>) {
        match &self.store {
            Store::Off => (0, None),
            Store::Local {
                entries,
                generations,
            } => {
                let generation = local_generation(generations, talent);
                let hit = entries
                    .get(&talent)
                    .await
                    .filter(|entry| entry.0 == generation)
                    .map(|entry| entry.1.clone());
                (generation, hit)
            }
            Store::Shared(redis) => {
                let mut pipe = redis::pipe();
                pipe.get(generation_key(talent)).get(entry_key(talent));
                let Some((generation, entry)) =
                    redis.query::<(Option<u64>, Option<Vec<u8>>)>(&pipe).await
                else {
                    // Unknown generation: a put under it must not be served later.
                    return (u64::MAX, None);
                };
                let generation = generation.unwrap_or(0);
                let hit = entry
                    .and_then(|bytes| decode_entry(&bytes))
                    .filter(|(stored, _)| *stored == generation)
                    .map(|(_, cached)| cached);
                (generation, hit)
            }
        }
    }

    /// Stores a value computed under `generation` (from [`Self::get`]).
    pub async fn put(&self, talent: TalentId, generation: Generation, value: Cached) {
        match &self.store {
            Store::Off => {}
            Store::Local { entries, .. } => {
                entries.insert(talent, Arc::new((generation, value))).await;
            }
            Store::Shared(redis) => {
                if generation == u64::MAX {
                    return;
                }
                let mut pipe = redis::pipe();
                pipe.set_ex(
                    entry_key(talent),
                    encode_entry(generation, &value),
                    self.ttl.as_secs().max(1),
                )
                .ignore();
                let _: Option<()> = redis.query(&pipe).await;
            }
        }
    }

    /// Makes every cached value of this creator stale, here and (with Redis) on every instance.
    pub async fn invalidate(&self, talent: TalentId) {
        match &self.store {
            Store::Off => {}
            Store::Local {
                entries,
                generations,
            } => {
                if let Ok(mut generations) = generations.lock() {
                    *generations.entry(talent).or_insert(0) += 1;
                }
                entries.invalidate(&talent).await;
            }
            Store::Shared(redis) => {
                let mut pipe = redis::pipe();
                pipe.atomic()
                    .incr(generation_key(talent), 1)
                    .ignore()
                    .expire(generation_key(talent), 7 * 24 * 3600)
                    .ignore()
                    .del(entry_key(talent))
                    .ignore();
                let _: Option<()> = redis.query(&pipe).await;
            }
        }
    }
}

fn local_generation(
    generations: &Mutex<HashMap<TalentId, Generation>>,
    talent: TalentId,
) -> Generation {
    generations
        .lock()
        .map(|g| g.get(&talent).copied().unwrap_or(0))
        .unwrap_or(u64::MAX)
}

fn generation_key(talent: TalentId) -> String {
    format!("et:overview:gen:{talent}")
}

fn entry_key(talent: TalentId) -> String {
    format!("et:overview:entry:{talent}")
}

/// `generation \n etag \n body`.
fn encode_entry(generation: Generation, value: &Cached) -> Vec<u8> {
    let mut bytes = format!("{generation}\n{}\n", value.etag).into_bytes();
    bytes.extend_from_slice(&value.body);
    bytes
}

fn decode_entry(bytes: &[u8]) -> Option<(Generation, Cached)> {
    let mut parts = bytes.splitn(3, |b| *b == b'\n');
    let generation = std::str::from_utf8(parts.next()?).ok()?.parse().ok()?;
    let etag = std::str::from_utf8(parts.next()?).ok()?.to_owned();
    let body = Bytes::copy_from_slice(parts.next()?);
    Some((generation, Cached { etag, body }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(body: &str) -> Cached {
        Cached {
            etag: format!("\"{body}\""),
            body: Bytes::from(body.to_owned()),
        }
    }

    #[tokio::test]
    async fn a_value_computed_before_an_invalidation_is_never_served() {
        let cache = CreatorCache::new(Duration::from_secs(60), None);
        let talent = TalentId(uuid::Uuid::now_v7());
        let (generation, hit) = cache.get(talent).await;
        assert_eq!(hit, None);
        // A write lands while the value is being computed…
        cache.invalidate(talent).await;
        cache.put(talent, generation, value("stale")).await;
        assert_eq!(cache.get(talent).await.1, None);
        // …and a value computed afterwards is served.
        let (generation, _) = cache.get(talent).await;
        cache.put(talent, generation, value("fresh")).await;
        assert_eq!(cache.get(talent).await.1, Some(value("fresh")));
    }

    #[tokio::test]
    async fn a_zero_ttl_turns_the_cache_off() {
        let cache = CreatorCache::new(Duration::ZERO, None);
        let talent = TalentId(uuid::Uuid::now_v7());
        cache.put(talent, 0, value("x")).await;
        assert!(!cache.is_enabled());
        assert_eq!(cache.get(talent).await.1, None);
    }

    #[test]
    fn entries_round_trip() {
        // Entity tags are hashes (no newline); bodies may hold anything.
        let entry = Cached {
            etag: "\"abc123\"".to_owned(),
            body: Bytes::from_static(b"{\"a\":\n1}"),
        };
        assert_eq!(decode_entry(&encode_entry(7, &entry)), Some((7, entry)));
    }
}
