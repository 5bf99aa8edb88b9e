//! Rollup on generated organisations (see `okr_benches::generate`): the engine's full rollup
//! beside the bare flat-array floor over the same data, the first rollup after a structural
//! change (which builds the flat layout and check-in columns), one incremental check-in, a
//! batch of 10,000 check-ins, and one check-in under a parent of 5,000 children.
//!
//! Sizes are objectives (about three key results each): 10,000 and 100,000; set
//! `OKR_BENCH_1M=1` to add 1,000,000 (about 4 GB of memory, minutes to generate).
//! Percentiles of single check-ins (p99) come from `okr-bench rollup N` (src/bin/okr-bench.rs).

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, TimeZone, Utc};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use okr_benches::{Floor, as_of, generate, wide};
use okr_core::{CheckIn, Measure, OkrGraph};

fn sizes() -> Vec<usize> {
    let mut v = vec![10_000, 100_000];
    if std::env::var_os("OKR_BENCH_1M").is_some() {
        v.push(1_000_000);
    }
    v
}

fn numeric_krs(g: &OkrGraph) -> Vec<String> {
    g.key_results()
        .filter(|k| matches!(k.measure, Measure::Numeric { .. }))
        .map(|k| k.id.clone())
        .collect()
}

fn rollup(c: &mut Criterion) {
    let day = as_of();
    for n in sizes() {
        let mut group = c.benchmark_group("rollup");
        if n >= 100_000 {
            group.sample_size(20);
        }
        let mut g = generate(n, 42);
        black_box(g.rollup(day)); // build the layout and check-in columns once
        group.bench_with_input(BenchmarkId::new("full", n), &n, |b, _| {
            b.iter(|| g.rollup(day))
        });
        let mut floor = Floor::new(&g);
        group.bench_with_input(BenchmarkId::new("floor", n), &n, |b, _| {
            b.iter(|| floor.rollup(day))
        });
        let o = g.objectives().nth(n / 2).unwrap().clone();
        group.bench_with_input(BenchmarkId::new("first_after_change", n), &n, |b, _| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    g.update_objective(o.clone()).unwrap(); // a structural change
                    let t = Instant::now();
                    black_box(g.rollup(day));
                    total += t.elapsed();
                }
                total
            })
        });
        let krs = numeric_krs(&g);
        let mut r = g.rollup(day);
        let mut i = 0u64;
        let base = Utc.with_ymd_and_hms(2026, 11, 10, 9, 0, 0).unwrap();
        group.bench_with_input(BenchmarkId::new("incremental_check_in", n), &n, |b, _| {
            b.iter(|| {
                i += 1;
                let kr = &krs[(i as usize * 7919) % krs.len()];
                let at = base + Days::seconds(i as i64);
                g.check_in(kr, CheckIn::value(at, (i % 97) as f64)).unwrap();
                r.refresh_key_result(&g, kr).unwrap();
            })
        });
        group.sample_size(10);
        group.bench_with_input(BenchmarkId::new("batch_10k_check_ins", n), &n, |b, _| {
            b.iter_batched(
                || {
                    i += 1;
                    let at = base + Days::hours(i as i64);
                    (0..10_000)
                        .map(|j| {
                            let kr = krs[(j * 104_729 + i as usize) % krs.len()].clone();
                            (kr, CheckIn::value(at, j as f64))
                        })
                        .collect::<Vec<_>>()
                },
                |batch| {
                    let ids: Vec<String> = batch.iter().map(|(k, _)| k.clone()).collect();
                    g.check_in_many(batch).unwrap();
                    for kr in &ids {
                        r.refresh_key_result(&g, kr).unwrap();
                    }
                },
                BatchSize::PerIteration,
            )
        });
        group.finish();
    }
}

fn wide_parent(c: &mut Criterion) {
    let mut group = c.benchmark_group("wide");
    let mut g = wide(5_000);
    let krs = numeric_krs(&g);
    let mut r = g.rollup(as_of());
    let base = Utc.with_ymd_and_hms(2026, 11, 10, 9, 0, 0).unwrap();
    let mut i = 0u64;
    group.bench_function("check_in_under_5000_children", |b| {
        b.iter(|| {
            i += 1;
            let kr = &krs[(i as usize * 7919) % krs.len()];
            g.check_in(
                kr,
                CheckIn::value(base + Days::seconds(i as i64), (i % 97) as f64),
            )
            .unwrap();
            r.refresh_key_result(&g, kr).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, rollup, wide_parent);
criterion_main!(benches);
