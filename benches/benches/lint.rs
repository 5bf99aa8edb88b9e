//! SMART lint throughput: `analyze` and the full `lint-text` report on the labelled corpus
//! statements, and `lint_graph` on the bundled example company.
//!
//! Statements per second = corpus rows / time per iteration (criterion prints elements/s).

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use okr_core::lint::{LintConfig, StatementKind, lint_graph, lint_text_report};
use okr_core::text::{AnalyzeOptions, analyze};

const CORPUS: &str = include_str!("../../okr-core/tests/fixtures/smart-public.tsv");
const ACME: &str = include_str!("../../examples/acme.okr.json");

/// `(kind, text)` of every corpus row.
fn statements() -> Vec<(StatementKind, &'static str)> {
    CORPUS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Some((cols.first()?.parse().ok()?, *cols.get(8)?))
        })
        .collect()
}

fn lint(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2026, 10, 5).unwrap();
    let rows = statements();
    let mut group = c.benchmark_group("lint");
    group.throughput(Throughput::Elements(rows.len() as u64));
    let opts = AnalyzeOptions::new(as_of);
    group.bench_function("analyze_corpus", |b| {
        b.iter(|| {
            rows.iter()
                .map(|(_, t)| analyze(t, &opts).quantities.len())
                .sum::<usize>()
        })
    });
    let config = LintConfig::with_as_of(as_of);
    group.bench_function("lint_text_corpus", |b| {
        b.iter(|| {
            rows.iter()
                .map(|(k, t)| lint_text_report(t, *k, &config, as_of).diagnostics.len())
                .sum::<usize>()
        })
    });
    let graph = okr_core::document::load_str(ACME).unwrap();
    let entities = graph.objectives().count() + graph.key_results().count();
    group.throughput(Throughput::Elements(entities as u64));
    group.bench_function("lint_graph_acme", |b| {
        b.iter(|| lint_graph(&graph, &config, as_of).len())
    });
    group.finish();
}

criterion_group!(benches, lint);
criterion_main!(benches);
