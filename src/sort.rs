//! Two small sorts for the wasm modules. `core`'s sorts are fast but large: every element type
//! sorted links its own copy (~5–7 KB raw for a stable `sort_by_key`, ~3 KB for
//! `sort_unstable_by`), and the scan module had seven of them (29 KB raw, measured with twiggy;
//! docs/architecture.md, "Wasm modules, sizes and where the bytes went"). What we sort is short
//! (a card's findings, a run of combining marks, finder patterns and their triples), so these
//! are a few hundred bytes each.

/// Sorts `v` stably (equal elements keep their order) by `key`: insertion sort, for the short
/// slices it is used on (quadratic in the worst case).
pub(crate) fn stable_by_key<T, K: PartialOrd>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 {
            let after = match (v.get(j - 1), v.get(j)) {
                (Some(a), Some(b)) => key(a) > key(b),
                _ => false,
            };
            if !after {
                break;
            }
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `v` by `less` (not stably): heapsort, O(n log n) with no recursion and no allocation.
/// With a total order (every use here), the result is the one any sort gives.
pub(crate) fn unstable_by<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let lt = |v: &[T], a: usize, b: usize| match (v.get(a), v.get(b)) {
        (Some(x), Some(y)) => less(x, y),
        _ => false,
    };
    // Moves the element at `root` down the max-heap held in `v[..end]`.
    let sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && lt(v, child, child + 1) {
            child += 1;
        }
        if !lt(v, root, child) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    let n = v.len();
    for i in (0..n / 2).rev() {
        sift(v, i, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn stable_by_key_is_sort_by_key(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..60)) {
            let mut ours = v.clone();
            stable_by_key(&mut ours, |x| x.0);
            let mut std = v;
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn unstable_by_is_sort_for_a_total_order(v in proptest::collection::vec(any::<(i16, u8)>(), 0..300)) {
            let mut ours = v.clone();
            unstable_by(&mut ours, |a, b| a < b);
            let mut std = v;
            std.sort_unstable();
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn floats_by_total_order() {
        let mut v = [
            (2.5_f32, 1_usize),
            (-0.0, 0),
            (0.0, 3),
            (f32::NAN, 2),
            (-7.0, 4),
        ];
        unstable_by(&mut v, |a, b| {
            a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).is_lt()
        });
        let keys: Vec<usize> = v.iter().map(|x| x.1).collect();
        assert_eq!(keys, [4, 0, 3, 1, 2]);
    }
}
