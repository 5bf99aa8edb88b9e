//! KPI suggestions: one query ranked over the full catalog (the issue asks for under 1 ms per
//! query), with and without an owner's function, and the 82 statements of the tuning set
//! (criterion prints queries per second).
//!
//! The catalog is parsed and indexed once per process (on first use); that is done before
//! measuring.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use okr_core::suggest::{SuggestOptions, catalog, suggest};
use std::hint::black_box;

const EVAL: &str = include_str!("../../okr-core/tests/fixtures/suggest-eval.tsv");

fn bench(c: &mut Criterion) {
    let opts = SuggestOptions::default();
    assert!(!suggest("warm up the index", &opts).unwrap().is_empty());
    assert!(catalog().len() >= 200);
    let mut group = c.benchmark_group("suggest");
    group.bench_function("one objective, full catalog", |b| {
        b.iter(|| {
            suggest(
                black_box("Reduce customer churn and grow revenue from existing clients"),
                black_box(&opts),
            )
        })
    });
    let sales = SuggestOptions {
        function: Some("sales".into()),
        top: 5,
    };
    group.bench_function("short objective with function", |b| {
        b.iter(|| suggest(black_box("Shorten our sales cycle"), black_box(&sales)))
    });
    let statements: Vec<&str> = EVAL
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .collect();
    group.throughput(Throughput::Elements(statements.len() as u64));
    group.bench_function("tuning set, 82 objectives", |b| {
        b.iter(|| {
            for s in &statements {
                black_box(suggest(black_box(s), &opts).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
