//! `L008` near-duplicate-objectives: a STRUCTURE rule.

use std::collections::HashMap;

use super::{GraphInput, StructureFinding};

declare_rule! {
    /// ## What it does
    /// Flags objectives whose titles are the same or nearly the same as an
    /// earlier objective's in the same cycle.
    ///
    /// ## Definition
    /// Titles are normalised (lower case, letters and digits only, common
    /// function words such as `the`, `our`, `by` dropped, a plural `s` removed).
    /// Similarity is the Dice coefficient of the normalised titles' character
    /// trigrams (1.0 = identical). An objective is flagged against the most
    /// similar earlier objective (document order) of the same cycle when the
    /// similarity reaches `thresholds.duplicate_similarity` (0.85 by default).
    /// To stay fast on large organisations, two titles are compared only when
    /// they are identical after normalisation or share a word used by at most
    /// 64 objectives of the cycle.
    ///
    /// ## Complexity
    /// O(T log T) for the titles' total length T, plus the comparisons: an objective is
    /// compared only with earlier ones of its cycle that share a word with it or have the
    /// same title (a word shared by more than 64 proposes none), at most 65 per word of its
    /// title, each comparison O(s log l) for titles of s <= l trigrams. Not linear for
    /// titles of thousands of words that each share words with many others.
    ///
    /// ## Why is this bad?
    /// Two owners chasing the same goal under two ids split its progress,
    /// double-count it in the roll-up and hide that one of them could help the
    /// other instead.
    ///
    /// ## Example
    /// ```text
    /// "Grow the customer base in the Nordics" and "Grow our customer base in
    /// the Nordics" in Q4
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// One objective with both owners' key results, or the second aligned
    /// under the first with its own, narrower title
    /// ```
    pub struct NearDuplicateObjectives;
}

const STOP: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "our", "the", "their",
    "to", "with",
];

/// The objectives of one cycle in document order: id, normalised title, its words.
type Titles<'a> = Vec<(&'a str, String, Vec<String>)>;

/// Most objectives in one cycle sharing a word for the word to propose comparisons.
const MAX_POSTINGS: usize = 64;

/// Normalised words of a title.
pub(crate) fn words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            match w.strip_suffix('s') {
                Some(stem) if stem.chars().count() >= 3 && !stem.ends_with('s') => stem.to_string(),
                _ => w,
            }
        })
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// Sorted, deduplicated character trigrams of the normalised text (hashed to u64).
fn trigrams(normal: &str) -> Vec<u64> {
    let chars: Vec<char> = format!("  {normal} ").chars().collect();
    let mut out: Vec<u64> = chars
        .windows(3)
        .map(|w| {
            w.iter().fold(0u64, |h, &c| {
                h.wrapping_mul(0x0100_0000_01B3) ^ u64::from(c)
            })
        })
        .collect();
    crate::sort::sort_unstable(&mut out);
    out.dedup();
    out
}

/// Dice coefficient of two sorted sets.
///
/// # Complexity
/// O(s + l) for sets of s <= l elements, O(s log l) when l is more than 8 s (each element of
/// the smaller set searched in the rest of the larger): a long title compared with many short
/// ones costs each comparison the short one's length.
fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut common = 0usize;
    if small.len().saturating_mul(8) < large.len() {
        let mut from = 0;
        for x in small {
            match large[from..].binary_search(x) {
                Ok(i) => {
                    common += 1;
                    from += i + 1;
                }
                Err(i) => from += i,
            }
        }
    } else {
        let (mut i, mut j) = (0, 0);
        while i < small.len() && j < large.len() {
            match small[i].cmp(&large[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

pub(crate) fn check(input: &GraphInput<'_>) -> Vec<StructureFinding> {
    let g = input.graph;
    let threshold = input.config.thresholds.duplicate_similarity;
    // Per cycle: the objectives in document order with their normalised form.
    let mut by_cycle: HashMap<&str, Titles<'_>> = HashMap::new();
    for o in g.objectives() {
        let w = words(&o.title);
        by_cycle
            .entry(o.cycle.as_str())
            .or_default()
            .push((o.id.as_str(), w.join(" "), w));
    }
    let mut found: Vec<(&str, &str, f64)> = Vec::new();
    for items in by_cycle.values() {
        let grams: Vec<Vec<u64>> = items.iter().map(|(_, n, _)| trigrams(n)).collect();
        let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut exact: HashMap<&str, usize> = HashMap::new();
        for (i, (_, normal, ws)) in items.iter().enumerate() {
            let mut candidates: Vec<usize> = Vec::new();
            if let Some(&first) = exact.get(normal.as_str()) {
                candidates.push(first);
            } else {
                exact.insert(normal.as_str(), i);
            }
            for w in ws {
                if let Some(list) = postings.get(w.as_str())
                    && list.len() <= MAX_POSTINGS
                {
                    candidates.extend(list.iter().copied());
                }
            }
            crate::sort::sort_unstable(&mut candidates);
            candidates.dedup();
            let best = candidates
                .into_iter()
                .map(|j| (j, dice(&grams[i], &grams[j])))
                .filter(|&(_, s)| s >= threshold)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            if let Some((j, s)) = best {
                found.push((items[i].0, items[j].0, s));
            }
            for w in ws {
                let list = postings.entry(w.as_str()).or_default();
                if list.last() != Some(&i) && list.len() <= MAX_POSTINGS {
                    list.push(i);
                }
            }
        }
    }
    found
        .into_iter()
        .map(|(id, other, s)| StructureFinding {
            entity: id.to_string(),
            message: if s >= 1.0 {
                format!("Same title as `{other}` in the same cycle (ignoring case, punctuation and small words)")
            } else {
                format!(
                    "Title is {:.0}% similar to `{other}`'s in the same cycle",
                    (s * 100.0).floor()
                )
            },
            help: Some(format!(
                "Merge it with `{other}`, align one under the other, or make the titles say how they differ"
            )),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn dice_counts_the_common_elements_of_any_two_sets(
            a in prop::collection::btree_set(0u64..400, 0..40),
            b in prop::collection::btree_set(0u64..400, 0..400),
        ) {
            let (a, b): (Vec<u64>, Vec<u64>) = (a.into_iter().collect(), b.into_iter().collect());
            let common = a.iter().filter(|x| b.contains(x)).count();
            let want = if a.is_empty() && b.is_empty() {
                1.0
            } else {
                2.0 * common as f64 / (a.len() + b.len()) as f64
            };
            prop_assert_eq!(dice(&a, &b), want);
            prop_assert_eq!(dice(&b, &a), want);
        }
    }
}
