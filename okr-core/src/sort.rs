//! Slice sorting for the crate: std's sorts natively, one shared sort on WebAssembly.
//!
//! Every `slice::sort_by` / `sort_unstable` / `sort_by_key` call with its own element type or
//! closure is a separate monomorphization of std's driftsort / ipnsort (with their quicksort,
//! small-sort and merge helpers): a few KB of code each. Natively that is the right trade, but in
//! the WebAssembly build it came to about 120 KB of the module (after `wasm-opt`) for some twenty
//! call sites. So on `target_arch = "wasm32"` these helpers sort a list of *indices* with a
//! single non-generic function ([`sorted_order`], the crate's only instantiation of std's sort),
//! comparing through a `&mut dyn FnMut`, and then move the elements into that order in place.
//! The only per-call-site code left is the small permutation loop.
//!
//! The results are the same on every target: [`sort_by`] and [`sort_by_key`] are stable sorts on
//! both routes, and a stable sort's result is unique for a total order. [`sort_unstable`] and
//! [`sort_unstable_by_key`] keep std's unstable sorts natively (hot paths, e.g. the rollup
//! layout); on wasm they sort stably, which gives the same result whenever elements that compare
//! equal are indistinguishable (plain values: integers, dates, strings and tuples of them) or no
//! two keys are equal.

// The one place that calls std's sorts (okr-core/clippy.toml disallows them elsewhere).
#![allow(clippy::disallowed_methods)]

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, exactly like [`slice::sort_by`] (which it calls natively).
///
/// On wasm32 this sorts indices with one shared sort instantiation instead of one per call site
/// (see the [module docs](self)); the result is identical.
///
/// # Complexity
/// O(n log n) comparisons. On wasm32 also O(n) index space (on the heap beyond 32 elements) and
/// at most n - 1 element swaps; each comparison is an indirect call.
#[inline]
pub(crate) fn sort_by<T>(v: &mut [T], cmp: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(cmp);
    #[cfg(target_arch = "wasm32")]
    sort_by_indices(v, cmp);
}

/// Sorts `v` stably by the key `f` extracts, exactly like [`slice::sort_by_key`] (which it calls
/// natively). The key is computed twice per comparison, as in std.
///
/// On wasm32 this sorts indices with one shared sort instantiation (see the
/// [module docs](self)); the result is identical.
///
/// # Complexity
/// As [`sort_by`], plus two calls of `f` per comparison.
#[inline]
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], f: impl FnMut(&T) -> K) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by_key(f);
    #[cfg(target_arch = "wasm32")]
    {
        let mut f = f;
        sort_by_indices(v, |a, b| f(a).cmp(&f(b)));
    }
}

/// Sorts a map's entries stably by the key `f` extracts, like
/// [`IndexMap::sort_by_cached_key`](indexmap::IndexMap::sort_by_cached_key) (which it calls
/// natively). On wasm32 the entries are taken out, sorted with the shared sort and put back
/// (see the [module docs](self)); the order is identical.
///
/// # Complexity
/// O(n log n) comparisons, `f` called once per entry natively; on wasm32 twice per comparison,
/// plus re-inserting the n entries.
#[inline]
pub(crate) fn sort_map_by_key<V, K: Ord, S: std::hash::BuildHasher + Default>(
    map: &mut indexmap::IndexMap<String, V, S>,
    f: impl Fn(&String, &V) -> K,
) {
    #[cfg(not(target_arch = "wasm32"))]
    map.sort_by_cached_key(f);
    #[cfg(target_arch = "wasm32")]
    {
        let mut entries: Vec<(String, V)> = std::mem::take(map).into_iter().collect();
        sort_by_key(&mut entries, |(k, v)| f(k, v));
        *map = entries.into_iter().collect();
    }
}

/// Sorts `v` ascending: [`slice::sort_unstable`] natively, a stable sort on wasm32 (one shared
/// sort instantiation, see the [module docs](self)).
///
/// Both give the same result when elements that compare equal are indistinguishable, as for
/// integers, dates, strings and tuples of them: use it only for such types.
///
/// # Complexity
/// O(n log n) comparisons; on wasm32 as [`sort_by`].
#[inline]
pub(crate) fn sort_unstable<T: Ord>(v: &mut [T]) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable();
    #[cfg(target_arch = "wasm32")]
    sort_by(v, T::cmp);
}

/// Sorts `v` by the key `f` extracts: [`slice::sort_unstable_by_key`] natively, a stable sort on
/// wasm32 (one shared sort instantiation, see the [module docs](self)).
///
/// Both give the same result when no two elements have equal keys (or such elements are
/// indistinguishable): use it only then, e.g. for keys that are unique sequence numbers.
///
/// # Complexity
/// O(n log n) comparisons, two calls of `f` each; on wasm32 as [`sort_by`].
#[inline]
pub(crate) fn sort_unstable_by_key<T, K: Ord>(v: &mut [T], f: impl FnMut(&T) -> K) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable_by_key(f);
    #[cfg(target_arch = "wasm32")]
    sort_by_key(v, f);
}

/// Up to this many elements the index list lives on the stack (no allocation).
const STACK_INDICES: usize = 32;

/// The wasm32 implementation of [`sort_by`], compiled on every target so native tests can check
/// it against std: the same result as `v.sort_by(cmp)` for any total order `cmp`.
///
/// Sorts the indices 0..n stably by comparing the elements they point at ([`sorted_order`]: not
/// generic, so the crate has a single instantiation of std's sort), then applies that
/// permutation to `v` in place by following its cycles. A stable sort of the indices is a
/// stable sort of the elements: ties keep ascending index order, i.e. the original order.
///
/// If `cmp` panics, `v` is left unchanged.
///
/// # Complexity
/// O(n log n) comparisons (indirect calls), O(n) index space (heap allocated beyond
/// [`STACK_INDICES`] elements), at most n - 1 swaps of elements.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn sort_by_indices<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let mut stack = [0usize; STACK_INDICES];
    let mut heap = Vec::new();
    let order: &mut [usize] = if n <= STACK_INDICES {
        &mut stack[..n]
    } else {
        heap.resize(n, 0);
        &mut heap
    };
    for (i, slot) in order.iter_mut().enumerate() {
        *slot = i;
    }
    sorted_order(order, &mut |a, b| cmp(&v[a], &v[b]));
    apply_permutation(v, order);
}

/// Sorts `order` (indices) stably by `cmp` on the indices. Deliberately not generic and never
/// inlined: this is the one instantiation of std's stable sort in the wasm build.
#[inline(never)]
fn sorted_order(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Rearranges `v` so that position `k` holds the element that was at `order[k]` (`order` is a
/// permutation of 0..v.len()), in place: each cycle of the permutation is rotated with swaps.
/// `order` is used as scratch (entries are set to their own index once placed).
///
/// # Complexity
/// O(n) time, at most n - 1 swaps, no allocation.
fn apply_permutation<T>(v: &mut [T], order: &mut [usize]) {
    debug_assert_eq!(v.len(), order.len());
    for start in 0..order.len() {
        // Follow the cycle through `start`: pull the element for `pos` from `src`, which then
        // holds the element that started at `start` until the cycle closes.
        let mut pos = start;
        loop {
            let src = order[pos];
            order[pos] = pos;
            if src == start {
                break;
            }
            v.swap(pos, src);
            pos = src;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Elements with many equal keys; the tag tells apart elements whose keys tie.
    fn check_against_std(keys: &[u8]) {
        let items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
        let by_key = |a: &(u8, usize), b: &(u8, usize)| a.0.cmp(&b.0);
        let mut want = items.clone();
        want.sort_by(by_key);
        let mut got = items.clone();
        sort_by_indices(&mut got, by_key);
        assert_eq!(got, want, "ascending by key, keys {keys:?}");

        let reverse = |a: &(u8, usize), b: &(u8, usize)| b.0.cmp(&a.0);
        let mut want = items.clone();
        want.sort_by(reverse);
        let mut got = items.clone();
        sort_by_indices(&mut got, reverse);
        assert_eq!(got, want, "descending by key, keys {keys:?}");

        // The public helpers on this (native) target give the same again.
        let mut got = items.clone();
        sort_by(&mut got, by_key);
        assert_eq!(got, {
            let mut w = items.clone();
            w.sort_by(by_key);
            w
        });
        let mut got = items.clone();
        sort_by_key(&mut got, |x| x.0);
        let mut want = items.clone();
        want.sort_by_key(|x| x.0);
        assert_eq!(got, want);
    }

    #[test]
    fn small_and_boundary_lengths() {
        for n in 0..=70usize {
            // Few distinct keys (many ties), all distinct, and descending.
            let few: Vec<u8> = (0..n).map(|i| ((i * 7) % 3) as u8).collect();
            let distinct: Vec<u8> = (0..n).map(|i| ((i * 37) % 71) as u8).collect();
            let desc: Vec<u8> = (0..n).rev().map(|i| i as u8).collect();
            for keys in [few, distinct, desc] {
                check_against_std(&keys);
            }
        }
    }

    #[test]
    fn non_copy_elements_move_intact() {
        let words = [
            "pear", "fig", "apple", "kiwi", "plum", "date", "lime", "yuzu", "nut",
        ];
        let items: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        let mut want = items.clone();
        want.sort_by_key(String::len);
        let mut got = items;
        sort_by_indices(&mut got, |a, b| a.len().cmp(&b.len()));
        assert_eq!(got, want);
    }

    #[test]
    fn floats_by_total_cmp() {
        let xs = [
            0.5,
            -0.0,
            0.0,
            f64::NAN,
            -1.0,
            0.5,
            f64::INFINITY,
            -f64::NAN,
        ];
        let mut want = xs;
        want.sort_by(f64::total_cmp);
        let mut got = xs;
        sort_by_indices(&mut got, f64::total_cmp);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&got), bits(&want));
    }

    #[test]
    fn panicking_comparator_leaves_the_slice_unchanged() {
        let mut v = vec![3, 1, 2];
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            sort_by_indices(&mut v, |_: &i32, _: &i32| panic!("no"));
        }));
        assert!(r.is_err());
        assert_eq!(v, [3, 1, 2]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn same_as_std_stable_sort(keys in prop::collection::vec(0u8..8, 0..300)) {
            check_against_std(&keys);
        }

        #[test]
        fn same_as_std_stable_sort_wide_keys(keys in prop::collection::vec(any::<u8>(), 0..300)) {
            check_against_std(&keys);
        }

        #[test]
        fn unstable_helpers_agree_on_plain_values(
            xs in prop::collection::vec((0u64..20, 0u32..4), 0..200),
        ) {
            let mut want = xs.clone();
            want.sort();
            let mut got = xs.clone();
            sort_unstable(&mut got);
            prop_assert_eq!(&got, &want);
            let mut got = xs.clone();
            sort_by_indices(&mut got, Ord::cmp);
            prop_assert_eq!(&got, &want);
        }

        #[test]
        fn unstable_by_unique_key_agrees(n in 0usize..200, seed in any::<u64>()) {
            // Unique keys (a permutation of 0..n), as for link sequence numbers.
            let mut xs: Vec<(u64, f64)> = (0..n as u64)
                .map(|k| (k.wrapping_mul(seed | 1) % (n as u64).max(1), k as f64))
                .collect();
            let mut seen = std::collections::HashSet::new();
            xs.retain(|x| seen.insert(x.0));
            let mut want = xs.clone();
            want.sort_by_key(|x| x.0);
            let mut got = xs.clone();
            sort_unstable_by_key(&mut got, |x| x.0);
            prop_assert_eq!(&got, &want);
            let mut got = xs;
            sort_by_indices(&mut got, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(&got, &want);
        }

        #[test]
        fn permutation_is_applied(perm in Just((0..100usize).collect::<Vec<_>>()).prop_shuffle()) {
            let v: Vec<usize> = (0..perm.len()).map(|i| i * 10).collect();
            let mut got = v.clone();
            let mut order = perm.clone();
            apply_permutation(&mut got, &mut order);
            let want: Vec<usize> = perm.iter().map(|&k| v[k]).collect();
            prop_assert_eq!(got, want);
        }
    }
}
