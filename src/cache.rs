//! Bounded, thread-safe caches of parsed keys, keyed by the key text.
//!
//! The legacy library parsed the PEM key on every call; servers pass the same one or two keys
//! every time, so parsing once (and, for public keys, keeping the precomputed verification table)
//! is most of the speed-up. Each cache holds at most [`CAPACITY`] keys and evicts the least
//! recently used one.
//!
//! Entries are found by the SHA-256 of the key text (and its length); the text itself is never
//! stored, so no copy of a private key's PEM outlives the call. Evicting a private key drops the
//! cache's `Arc`; the signing key zeroizes its scalar when the last `Arc` goes. Failures are not
//! cached: an unreadable key is parsed (and rejected) again on every call. Only keys are cached,
//! never tickets or verdicts.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use sha2::{Digest, Sha256};

use crate::key::{KeyError, PrivateKey, PublicKey};

/// The most keys each cache holds.
pub const CAPACITY: usize = 64;

/// The identity of a key text: its SHA-256 and length.
#[derive(Clone, Copy, PartialEq, Eq)]
struct TextId {
    digest: [u8; 32],
    len: usize,
}

impl TextId {
    fn of(text: &[u8]) -> Self {
        TextId { digest: Sha256::digest(text).into(), len: text.len() }
    }
}

struct Entry<V> {
    id: TextId,
    value: Arc<V>,
    /// The cache's clock when the entry was last used.
    last_used: AtomicU64,
}

/// A least-recently-used map from key text to a parsed key.
pub(crate) struct KeyCache<V> {
    entries: RwLock<Vec<Entry<V>>>,
    clock: AtomicU64,
    capacity: usize,
}

impl<V> KeyCache<V> {
    /// An empty cache holding at most `capacity` (at least 1) keys.
    pub(crate) const fn new(capacity: usize) -> Self {
        KeyCache {
            entries: RwLock::new(Vec::new()),
            clock: AtomicU64::new(0),
            capacity: if capacity == 0 { 1 } else { capacity },
        }
    }

    /// The key parsed from `text`: from the cache, or parsed by `parse` and remembered.
    /// `parse` runs without the lock held; its errors are returned and not remembered.
    pub(crate) fn get_or_parse<T: AsRef<[u8]> + ?Sized, E>(
        &self,
        text: &T,
        parse: impl FnOnce(&T) -> Result<V, E>,
    ) -> Result<Arc<V>, E> {
        let id = TextId::of(text.as_ref());
        if let Some(value) = self.lookup(&id) {
            return Ok(value);
        }
        let value = Arc::new(parse(text)?);
        Ok(self.insert(id, value))
    }

    fn tick(&self) -> u64 {
        self.clock.fetch_add(1, Ordering::Relaxed)
    }

    fn lookup(&self, id: &TextId) -> Option<Arc<V>> {
        // A poisoned lock only means another thread panicked while holding it; the Vec is
        // still consistent (every mutation is a single push, swap or replace).
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let entry = entries.iter().find(|e| e.id == *id)?;
        entry.last_used.store(self.tick(), Ordering::Relaxed);
        Some(Arc::clone(&entry.value))
    }

    fn insert(&self, id: TextId, value: Arc<V>) -> Arc<V> {
        let now = self.tick();
        let evicted;
        {
            let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
            // Another thread may have parsed the same text meanwhile: keep one copy.
            if let Some(entry) = entries.iter().find(|e| e.id == id) {
                entry.last_used.store(now, Ordering::Relaxed);
                return Arc::clone(&entry.value);
            }
            let entry = Entry { id, value: Arc::clone(&value), last_used: AtomicU64::new(now) };
            if entries.len() < self.capacity {
                entries.push(entry);
                return value;
            }
            let oldest = entries
                .iter()
                .enumerate()
                .min_by_key(|(_, e)| e.last_used.load(Ordering::Relaxed))
                .map_or(0, |(i, _)| i);
            evicted = std::mem::replace(&mut entries[oldest], entry);
        }
        // Dropped outside the lock (a private key zeroizes itself when its last Arc goes).
        drop(evicted);
        value
    }

    /// How many keys are cached.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.read().unwrap_or_else(|e| e.into_inner()).len()
    }
}

static PRIVATE_KEYS: KeyCache<PrivateKey> = KeyCache::new(CAPACITY);
static PUBLIC_KEYS: KeyCache<PublicKey> = KeyCache::new(CAPACITY);

/// A private key parsed from PEM text, through the process-wide cache.
pub(crate) fn private_key(text: &str) -> Result<Arc<PrivateKey>, KeyError> {
    PRIVATE_KEYS.get_or_parse(text, PrivateKey::from_pem)
}

/// A public key parsed from a key file's bytes (PEM, or DER) by [`PublicKey::parse`], through
/// the process-wide cache. The key is returned with its verification table built.
pub(crate) fn public_key(bytes: &[u8]) -> Result<Arc<PublicKey>, KeyError> {
    PUBLIC_KEYS.get_or_parse(bytes, |bytes| {
        let key = PublicKey::parse(bytes)?;
        key.prepare();
        Ok(key)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn parses_once_and_evicts_the_least_recently_used() {
        let cache: KeyCache<String> = KeyCache::new(3);
        let parses = AtomicUsize::new(0);
        let parse = |t: &str| -> Result<String, ()> {
            parses.fetch_add(1, Ordering::SeqCst);
            Ok(t.to_uppercase())
        };
        for text in ["a", "b", "c", "a", "b", "c"] {
            assert_eq!(*cache.get_or_parse(text, parse).unwrap(), text.to_uppercase());
        }
        assert_eq!(parses.load(Ordering::SeqCst), 3);
        cache.get_or_parse("a", parse).unwrap(); // a is now the most recent; b the oldest
        cache.get_or_parse("d", parse).unwrap(); // evicts b
        assert_eq!(cache.len(), 3);
        cache.get_or_parse("a", parse).unwrap();
        cache.get_or_parse("c", parse).unwrap();
        assert_eq!(parses.load(Ordering::SeqCst), 4);
        cache.get_or_parse("b", parse).unwrap();
        assert_eq!(parses.load(Ordering::SeqCst), 5);
    }

    #[test]
    fn failures_are_not_cached() {
        let cache: KeyCache<String> = KeyCache::new(2);
        let parses = AtomicUsize::new(0);
        let fail = |_: &str| -> Result<String, ()> {
            parses.fetch_add(1, Ordering::SeqCst);
            Err(())
        };
        assert!(cache.get_or_parse("x", fail).is_err());
        assert!(cache.get_or_parse("x", fail).is_err());
        assert_eq!(parses.load(Ordering::SeqCst), 2);
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn evicted_values_are_dropped() {
        let cache: KeyCache<String> = KeyCache::new(1);
        let first = cache.get_or_parse("one", |t| Ok::<_, ()>(t.to_string())).unwrap();
        let weak = Arc::downgrade(&first);
        drop(first);
        cache.get_or_parse("two", |t| Ok::<_, ()>(t.to_string())).unwrap();
        assert!(weak.upgrade().is_none(), "the evicted key must not be kept alive");
    }

    #[test]
    fn shared_between_threads() {
        let cache: Arc<KeyCache<String>> = Arc::new(KeyCache::new(8));
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let cache = Arc::clone(&cache);
                std::thread::spawn(move || {
                    for i in 0..200 {
                        let text = format!("k{}", (i + t) % 12);
                        assert_eq!(*cache.get_or_parse(&text, |s| Ok::<_, ()>(s.to_string())).unwrap(), text);
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert!(cache.len() <= 8);
    }
}
