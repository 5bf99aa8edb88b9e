//! Full and incremental rollup on generated organisations.

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use okr_benches::generate;
use okr_core::CheckIn;

fn rollup(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
    let mut group = c.benchmark_group("rollup");
    for n in [10_000usize, 100_000] {
        let mut g = generate(n, 42);
        group.bench_with_input(BenchmarkId::new("full", n), &n, |b, _| {
            b.iter(|| g.rollup(as_of))
        });
        let mut r = g.rollup(as_of);
        let mut i = 0u64;
        group.bench_with_input(BenchmarkId::new("incremental_check_in", n), &n, |b, _| {
            b.iter(|| {
                i += 1;
                let kr = format!("o{}k0", (i * 7919) % n as u64);
                let t = Utc.with_ymd_and_hms(2026, 11, 10, 9, 0, 0).unwrap();
                g.check_in(&kr, CheckIn::value(t, (i % 100) as f64))
                    .unwrap();
                r.refresh_key_result(&g, &kr).unwrap();
            })
        });
    }
    group.finish();
}

criterion_group!(benches, rollup);
criterion_main!(benches);
