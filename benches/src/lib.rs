//! A deterministic generator of organisations for okr's benchmarks.
//!
//! [`generate`] builds an org chart of objectives (fan-out like real org charts, some
//! objectives with two parents) with key results and check-ins, from a seed. Same seed, same
//! graph.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use okr_core::{CheckIn, Cycle, KeyResult, Measure, Objective, OkrGraph, Owner};

/// A small, fast, deterministic random generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `lo..hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo).max(1)
    }
    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Generates an organisation with about `objectives` objectives, 2 to 5 key results each,
/// 10% of objectives aligned under a second parent, and a few check-ins per key result over
/// one quarter (2026-10-01 to 2026-12-31).
pub fn generate(objectives: usize, seed: u64) -> OkrGraph {
    let mut rng = Rng::new(seed);
    let mut g = OkrGraph::new();
    let start = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    g.add_cycle(Cycle::new("q4", start, end)).unwrap();
    g.add_owner(Owner::new("org", "Org", "organisation"))
        .unwrap();
    let mut ids: Vec<String> = Vec::with_capacity(objectives);
    for i in 0..objectives {
        let id = format!("o{i}");
        g.add_objective(Objective::new(&id, "Objective", "org", "q4"))
            .unwrap();
        if i > 0 {
            // Parents come from a window behind i, giving org-chart fan-out of about 5-8.
            let parent = (i - 1) / 6;
            g.link(&id, &ids[parent], 1.0 + (rng.range(0, 3) as f64))
                .unwrap();
            if i > 10 && rng.unit() < 0.10 {
                let other = rng.range(0, parent as u64) as usize;
                if other != parent {
                    let _ = g.link(&id, &ids[other], 1.0);
                }
            }
        }
        let krs = rng.range(2, 6);
        for k in 0..krs {
            let kid = format!("o{i}k{k}");
            let target = rng.range(10, 1000) as f64;
            g.add_key_result(KeyResult::new(
                &kid,
                "Key result",
                &id,
                Measure::numeric(0.0, target),
            ))
            .unwrap();
            for c in 0..rng.range(0, 4) {
                let t = Utc.from_utc_datetime(
                    &(start + Duration::days((c * 20 + rng.range(0, 20)) as i64))
                        .and_hms_opt(9, 0, 0)
                        .unwrap(),
                );
                g.check_in(&kid, CheckIn::value(t, target * rng.unit()))
                    .unwrap();
            }
        }
        ids.push(id);
    }
    g
}
