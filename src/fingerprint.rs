//! Fingerprints of byte strings: the keys of the memos that keep decoded
//! pictures and compressed streams, and the PDF's /ID.
//!
//! foldhash hashes a PDF's 300 KB in a tenth of the time SipHash (the
//! standard library's hasher) takes, which a campaign pays for every
//! customer. It is not a cryptographic hash: nothing here is adversarial,
//! and every memo that could be misled compares its full key.

use std::hash::{BuildHasher, Hasher};

use foldhash::quality::FixedState;

/// A 64-bit fingerprint of `bytes` under `seed`, the same in every run.
pub fn of(bytes: &[u8], seed: u64) -> u64 {
    let mut h = FixedState::with_seed(seed).build_hasher();
    h.write(bytes);
    h.finish()
}

/// A 128-bit fingerprint taken piece by piece, for inputs too many or too
/// large to join first (a campaign's guide folder, a row and its label).
/// Each piece is fed with its length, so `["ab", "c"]` and `["a", "bc"]`
/// differ.
#[derive(Clone)]
pub struct Fingerprint([foldhash::quality::FoldHasher<'static>; 2]);

impl Default for Fingerprint {
    fn default() -> Fingerprint {
        Fingerprint([
            FixedState::with_seed(21).build_hasher(),
            FixedState::with_seed(22).build_hasher(),
        ])
    }
}

impl Fingerprint {
    /// Adds one piece.
    pub fn add(&mut self, bytes: &[u8]) {
        for h in &mut self.0 {
            h.write_usize(bytes.len());
            h.write(bytes);
        }
    }

    /// The fingerprint so far, as 32 hexadecimal digits.
    pub fn hex(&self) -> String {
        format!("{:016x}{:016x}", self.0[0].finish(), self.0[1].finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_told_apart_from_their_joins() {
        let print = |pieces: &[&str]| {
            let mut f = Fingerprint::default();
            for p in pieces {
                f.add(p.as_bytes());
            }
            f.hex()
        };
        assert_eq!(print(&["ab", "c"]), print(&["ab", "c"]));
        assert_ne!(print(&["ab", "c"]), print(&["a", "bc"]));
        assert_ne!(print(&["ab", "c"]), print(&["ab", "c", ""]));
        assert_eq!(print(&[]).len(), 32);
    }

    #[test]
    fn fingerprints_tell_bytes_and_seeds_apart() {
        let a = of(b"page one", 0);
        assert_eq!(a, of(b"page one", 0));
        assert_ne!(a, of(b"page two", 0));
        assert_ne!(a, of(b"page one", 1));
        // The length counts: a prefix is not the same string.
        assert_ne!(of(b"", 0), of(b"\0", 0));
    }
}
