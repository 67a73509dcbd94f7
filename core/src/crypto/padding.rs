//! Size buckets for plaintext, so a relay learns less about what is stored.
//!
//! Rule (Padmé, Nikitin et al., PETS 2019): with `L = len + 4` (a 4-byte length prefix; a large
//! object's stream has none: `L = size`),
//! `E = ⌊log2 L⌋`, `S = ⌊log2 E⌋ + 1`, round `L` up to a multiple of `2^(E − S)`; never below
//! [`MIN_PADDED`]. Overhead is at most ≈ 12 % and a size leaks O(log log L) bits.

/// The smallest padded plaintext: every small blob looks the same.
pub const MIN_PADDED: usize = 256;

/// The padded length of a plaintext of `len` bytes (including the 4-byte length prefix).
pub fn padded_len(len: usize) -> usize {
    usize::try_from(padme(len as u64 + 4)).expect("a padded length fits where its plaintext did")
}

/// The padded length of a large object's byte stream (`object.rs`): the same buckets, for
/// sizes beyond the address space of small devices, and without a length prefix (an object's
/// size is in its manifest).
pub fn padded_stream_len(size: u64) -> u64 {
    padme(size)
}

/// `l` rounded up to its bucket, never below [`MIN_PADDED`].
fn padme(l: u64) -> u64 {
    let l = l.max(MIN_PADDED as u64);
    let e = u64::BITS - 1 - l.leading_zeros(); // ⌊log2 l⌋
    let s = u32::BITS - e.leading_zeros(); // ⌊log2 e⌋ + 1
    let last_bits = e - s;
    let mask = (1u64 << last_bits) - 1;
    (l + mask) & !mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_hold_the_length_prefix_and_bound_overhead() {
        assert_eq!(padded_len(0), MIN_PADDED);
        assert_eq!(padded_len(252), MIN_PADDED);
        for len in [253usize, 1000, 4096, 65_536, 1 << 20, 3_000_001] {
            let p = padded_len(len);
            assert!(p >= len + 4, "{len} -> {p}");
            assert!((p as f64) <= (len + 4) as f64 * 1.12 + 1.0, "{len} -> {p}");
        }
        // Lengths in one bucket pad to the same size.
        assert_eq!(padded_len(65_536), padded_len(65_540));
    }
}
