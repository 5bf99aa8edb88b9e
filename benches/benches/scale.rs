//! Company-scale throughput: document load and save (bytes per second), lint-text of 100,000
//! generated statements, and the whole-graph lint with its alignment checks (the `L` rules)
//! on generated organisations.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use okr_benches::{as_of, generate};
use okr_core::document::{Limits, load_str_with};
use okr_core::lint::{LintConfig, StatementKind, lint_graph, lint_text_report};

fn documents(c: &mut Criterion) {
    let mut group = c.benchmark_group("document");
    group.sample_size(10);
    for n in [10_000usize, 100_000] {
        let text = generate(n, 42).to_json();
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("load", n), &n, |b, _| {
            b.iter(|| load_str_with(&text, &Limits::default()).unwrap())
        });
        let g = load_str_with(&text, &Limits::default()).unwrap();
        group.bench_with_input(BenchmarkId::new("save", n), &n, |b, _| {
            b.iter(|| g.to_json())
        });
    }
    group.finish();
}

fn lint(c: &mut Criterion) {
    let g = generate(34_000, 42);
    let statements: Vec<(StatementKind, String)> = g
        .objectives()
        .map(|o| (StatementKind::Objective, o.title.clone()))
        .chain(
            g.key_results()
                .map(|k| (StatementKind::KeyResult, k.title.clone())),
        )
        .take(100_000)
        .collect();
    assert_eq!(statements.len(), 100_000);
    let config = LintConfig::with_as_of(as_of());
    let mut group = c.benchmark_group("lint");
    group.sample_size(10);
    group.throughput(Throughput::Elements(statements.len() as u64));
    group.bench_function("lint_text_100k_statements", |b| {
        b.iter(|| {
            statements
                .iter()
                .map(|(k, s)| lint_text_report(s, *k, &config, as_of()).diagnostics.len())
                .sum::<usize>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("lint_graph");
    group.sample_size(10);
    for n in [10_000usize, 100_000] {
        let g = generate(n, 42);
        let mut alignment = LintConfig::with_as_of(as_of());
        alignment.select = vec!["L".into()];
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("alignment_checks", n), &n, |b, _| {
            b.iter(|| black_box(lint_graph(&g, &alignment, as_of()).len()))
        });
        if n <= 10_000 {
            let all = LintConfig::with_as_of(as_of());
            group.bench_with_input(BenchmarkId::new("all_rules", n), &n, |b, _| {
                b.iter(|| black_box(lint_graph(&g, &all, as_of()).len()))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, documents, lint);
criterion_main!(benches);
