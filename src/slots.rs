//! Results worked out once, by whichever thread gets there first: a slot
//! that a rayon job may start filling ahead (a picture's probe, a QR code)
//! while the thread that needs it goes on; if that thread gets there
//! first it fills the slot itself, and if the job is under way it waits
//! for it instead of doing the work twice.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, OnceLock};

/// A result filled once.
pub type Slot<T> = Arc<OnceLock<T>>;

/// Starts filling `slot` with `make` on rayon's threads, unless it is
/// filled already.
pub fn fill_ahead<T, F>(slot: Slot<T>, make: F)
where
    T: Send + Sync + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    if slot.get().is_some() {
        return;
    }
    rayon::spawn(move || {
        // A panic on a spawned job would end the process; caught here, it
        // leaves the slot empty, for the thread that needs it to fill it
        // again (and fail alone).
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            slot.get_or_init(make);
        }));
    });
}

/// The slots of recent keys, for a process-wide memo. Bounded: when it
/// holds [`Recent::MOST`] keys, a new key clears it.
pub struct Recent<K, T>(Mutex<HashMap<K, Slot<T>>>);

impl<K: Hash + Eq, T> Recent<K, T> {
    /// Most keys kept: a guide has a few numbers and codes, a campaign the
    /// same few.
    pub const MOST: usize = 64;

    /// An empty memo.
    pub fn new() -> Recent<K, T> {
        Recent(Mutex::new(HashMap::new()))
    }

    /// The slot of `key`, new and empty if the key is not kept.
    pub fn slot(&self, key: K) -> Slot<T> {
        let mut kept = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if kept.len() >= Self::MOST && !kept.contains_key(&key) {
            kept.clear();
        }
        Arc::clone(kept.entry(key).or_default())
    }

    /// Forgets every key.
    pub fn clear(&self) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }
}

impl<K: Hash + Eq, T> Default for Recent<K, T> {
    fn default() -> Self {
        Recent::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_filled_once_and_a_panicking_job_leaves_it_empty() {
        let recent: Recent<&str, u32> = Recent::new();
        let slot = recent.slot("a");
        fill_ahead(Arc::clone(&slot), || panic!("a bug"));
        // Whether or not the job ran, the slot is empty or filled by us.
        assert_eq!(*slot.get_or_init(|| 7), 7);
        assert_eq!(recent.slot("a").get(), Some(&7));
        fill_ahead(recent.slot("a"), || 8);
        assert_eq!(recent.slot("a").get(), Some(&7));
    }

    #[test]
    fn it_forgets_everything_when_full() {
        let recent: Recent<usize, usize> = Recent::new();
        for k in 0..Recent::<usize, usize>::MOST {
            recent.slot(k).get_or_init(|| k);
        }
        assert_eq!(recent.slot(0).get(), Some(&0));
        recent.slot(1000).get_or_init(|| 1);
        assert_eq!(recent.slot(0).get(), None);
    }
}
