//! Corpus agreement: every labelled row is analysed and compared per field.

use chrono::NaiveDate;
use okr_core::text::{AnalyzeOptions, analyze};

#[derive(Default)]
struct Field {
    agree: usize,
    total: usize,
    misses: Vec<String>,
}

fn num_eq(label: &str, got: Option<f64>) -> bool {
    match (label, got) {
        ("-", None) => true,
        ("-", Some(_)) | (_, None) => false,
        (l, Some(g)) => l
            .parse::<f64>()
            .map(|v| (v - g).abs() <= 1e-9 * v.abs().max(1.0))
            .unwrap_or(false),
    }
}

fn fmt_num(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "-".into())
}

/// Scores a corpus (the text of a TSV file): the number of labelled rows, and per field (name,
/// agreements, labels, disagreement lines).
fn run(data: &str) -> (usize, Vec<(&'static str, Field)>) {
    let mut rows = 0;
    let mut reference = NaiveDate::from_ymd_opt(2026, 10, 5).unwrap();
    let mut fields: Vec<(&'static str, Field)> = [
        "specific",
        "measurable",
        "time_bound",
        "outcome",
        "target",
        "baseline",
        "deadline",
    ]
    .into_iter()
    .map(|n| (n, Field::default()))
    .collect();
    for line in data.lines() {
        if let Some(rest) = line.strip_prefix('#') {
            if let Some(pos) = rest.find("Reference date for relative deadlines:") {
                let d = rest[pos + 38..].trim();
                if let Ok(x) = NaiveDate::parse_from_str(&d[..10.min(d.len())], "%Y-%m-%d") {
                    reference = x;
                }
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 9, "bad row: {line}");
        rows += 1;
        let text = cols[8];
        let a = analyze(text, &AnalyzeOptions::new(reference));
        let deadline = a.deadline.as_ref().map(|d| d.date);
        let checks: [(usize, bool, String); 7] = [
            (
                1,
                cols[1] == if a.specific { "1" } else { "0" },
                (a.specific as u8).to_string(),
            ),
            (
                2,
                cols[2] == if a.measurable { "1" } else { "0" },
                (a.measurable as u8).to_string(),
            ),
            (
                3,
                cols[3] == if a.time_bound { "1" } else { "0" },
                (a.time_bound as u8).to_string(),
            ),
            (
                4,
                cols[4] == if a.outcome { "1" } else { "0" },
                (a.outcome as u8).to_string(),
            ),
            (
                5,
                num_eq(cols[5], a.target.as_ref().map(|q| q.value)),
                fmt_num(a.target.as_ref().map(|q| q.value)),
            ),
            (
                6,
                num_eq(cols[6], a.baseline.as_ref().map(|q| q.value)),
                fmt_num(a.baseline.as_ref().map(|q| q.value)),
            ),
            (
                7,
                match (cols[7], deadline) {
                    ("-", None) => true,
                    (l, Some(d)) if l.starts_with("year:") => l[5..] == d.format("%Y").to_string(),
                    (l, Some(d)) => l == d.to_string(),
                    _ => false,
                },
                deadline
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
            ),
        ];
        for (col, ok, got) in checks {
            if cols[col] == "-" && col <= 4 {
                continue;
            }
            let f = &mut fields[col - 1].1;
            f.total += 1;
            if ok {
                f.agree += 1;
            } else {
                f.misses
                    .push(format!("  want {:>10} got {:>10} | {text}", cols[col], got));
            }
        }
    }
    (rows, fields)
}

/// Scores the corpus file at `path` and fails below `min` agreement on any field.
fn check(path: &str, min: f64) {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    check_text(path, &data, min);
}

/// Scores a corpus (`data`, named `path` in messages) and fails below `min` agreement on any
/// field. A corpus without a labelled row, or a field without one, fails too: no evidence is
/// not a perfect score.
fn check_text(path: &str, data: &str, min: f64) {
    let (rows, fields) = run(data);
    assert!(rows > 0, "{path}: no labelled rows, so nothing to score");
    let mut failed = false;
    let mut unlabelled = Vec::new();
    for (name, f) in &fields {
        if f.total == 0 {
            println!("{path} {name}: no labelled row");
            unlabelled.push(*name);
            continue;
        }
        let share = f.agree as f64 / f.total as f64;
        println!(
            "{path} {name}: {}/{} = {:.1}%",
            f.agree,
            f.total,
            share * 100.0
        );
        if share < min {
            failed = true;
        }
        for m in &f.misses {
            println!("  [{name}] {m}");
        }
    }
    assert!(
        unlabelled.is_empty(),
        "{path}: no labelled row for {unlabelled:?}, so nothing to score there"
    );
    assert!(
        !failed,
        "agreement below {:.0}% on {path}; disagreements printed above",
        min * 100.0
    );
}

#[test]
#[should_panic(expected = "no labelled rows")]
fn empty_corpus_fails() {
    check_text(
        "empty.tsv",
        "# Reference date for relative deadlines: 2026-10-05\n\n",
        0.95,
    );
}

#[test]
#[should_panic(expected = "no labelled row for [\"outcome\"]")]
fn field_without_labels_fails() {
    // A row of smart-public.tsv (analysed correctly) with `outcome` unlabelled ("-").
    check_text(
        "unlabelled.tsv",
        "goal\t1\t1\t1\t-\t1000\t-\t2026-12-31\tAcquire 1,000 new customers by the end of Q4\n",
        0.95,
    );
}

#[test]
fn public_corpus_agreement() {
    check(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/smart-public.tsv"
        ),
        0.95,
    );
}

#[test]
fn extra_corpus_agreement() {
    check(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/smart-extra.tsv"
        ),
        0.95,
    );
}

#[test]
fn heldout_corpus_agreement() {
    check(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/smart-heldout.tsv"
        ),
        0.95,
    );
}

#[test]
fn dev_corpus_agreement() {
    check(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/smart-dev.tsv"),
        0.95,
    );
}
