//! Compressed sparse rows: items grouped by a dense key, each group contiguous.

/// Items grouped by a dense index below `n`: group `i` is
/// `items[start[i] as usize..start[i + 1] as usize]`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Csr<T> {
    pub(crate) start: Vec<u32>,
    pub(crate) items: Vec<T>,
}

impl<T: Copy + Default> Csr<T> {
    /// Groups `items` by the index `key` gives each (below `n`), keeping their order within a
    /// group (a counting sort).
    ///
    /// # Complexity
    /// O(n + items), two passes over `items`.
    pub(crate) fn group<I>(n: usize, items: &[I], key: impl Fn(&I) -> (u32, T)) -> Csr<T> {
        let mut start = vec![0u32; n + 1];
        for item in items {
            start[key(item).0 as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut values = vec![T::default(); items.len()];
        for item in items {
            let (i, v) = key(item);
            values[fill[i as usize] as usize] = v;
            fill[i as usize] += 1;
        }
        Csr {
            start,
            items: values,
        }
    }
}

impl<T> Csr<T> {
    /// Number of groups.
    pub(crate) fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// The items of group `i`.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> &[T] {
        &self.items[self.start[i] as usize..self.start[i + 1] as usize]
    }
}
