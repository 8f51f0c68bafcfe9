//! Results worked out once and shared between threads.
//!
//! A [`Memo`] maps keys to slots; the first thread to ask for a key fills
//! its slot and any other that asks meanwhile waits for that result
//! instead of doing the work twice (the checks and the renderers ask for
//! the same picture at the same moment, a campaign's rows for the same QR
//! code). Memos live in the [`crate::context::Context`] of one build and
//! go with it.
//!
//! The one rule: the work that fills a slot must not wait on rayon's
//! threads (`join`, `par_iter`, a scope). A thread waiting there may pick
//! up another job that waits for the very slot it is filling, and neither
//! ever finishes.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// A result filled once.
pub(crate) type Slot<T> = Arc<OnceLock<T>>;

/// Bounded memo: at most `most` keys; a new key beyond that forgets every
/// key (the work is redone if asked again, which is correct, only slower).
pub(crate) struct Memo<K, T> {
    slots: Mutex<HashMap<K, Slot<T>>>,
    most: usize,
}

impl<K: Hash + Eq, T> Memo<K, T> {
    /// An empty memo of at most `most` keys.
    pub(crate) fn new(most: usize) -> Memo<K, T> {
        Memo {
            slots: Mutex::new(HashMap::new()),
            most,
        }
    }

    /// The slot of `key`, new and empty if the key is not kept.
    pub(crate) fn slot(&self, key: K) -> Slot<T> {
        // A panic elsewhere cannot leave the map half-updated: take it.
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        if slots.len() >= self.most && !slots.contains_key(&key) {
            slots.clear();
        }
        Arc::clone(slots.entry(key).or_default())
    }

    /// The value of `key`, made by `make` if no thread has made it yet.
    pub(crate) fn get_or(&self, key: K, make: impl FnOnce() -> T) -> T
    where
        T: Clone,
    {
        self.slot(key).get_or_init(make).clone()
    }

    /// Forgets every key.
    pub(crate) fn clear(&self) {
        self.slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_made_once() {
        let memo: Memo<&str, u32> = Memo::new(8);
        assert_eq!(memo.get_or("a", || 7), 7);
        assert_eq!(memo.get_or("a", || 8), 7);
        memo.clear();
        assert_eq!(memo.get_or("a", || 9), 9);
    }

    #[test]
    fn it_forgets_everything_when_full() {
        let memo: Memo<usize, usize> = Memo::new(4);
        for k in 0..4 {
            memo.get_or(k, || k);
        }
        assert_eq!(memo.slot(0).get(), Some(&0));
        memo.get_or(1000, || 1);
        assert_eq!(memo.slot(0).get(), None);
    }
}
