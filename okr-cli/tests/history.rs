//! `okr history FILE --from START --to END [--every D|W|M|Q] [--id ID]... [--format csv|json]`:
//! the core's series at a frequency (`OkrGraph::series_every`) as CSV or JSON, bad input exits
//! 2 with the core's message.

use okr_core::analytics::Frequency;
use okr_core::{AsOf, OkrGraph, RollupConfig};

mod common;
use common::*;

fn acme() -> OkrGraph {
    okr_core::document::load_str(&std::fs::read_to_string(root().join(ACME)).unwrap()).unwrap()
}

fn ok_stdout(args: &[&str]) -> String {
    let o = okr(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    assert_eq!(stderr(&o), "", "{args:?}");
    stdout(&o)
}

fn fails(args: &[&str], message: &str) {
    let o = okr(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    assert_eq!(stdout(&o), "", "{args:?}");
    let err = stderr(&o);
    assert!(err.contains(message), "{args:?}: {err}");
}

fn library(
    from: &str,
    to: &str,
    every: Frequency,
    ids: Option<&[&str]>,
) -> okr_core::analytics::Series {
    acme()
        .series_every(
            AsOf::parse(from).unwrap(),
            AsOf::parse(to).unwrap(),
            every,
            ids,
            &RollupConfig::default(),
        )
        .unwrap()
}

#[test]
fn weekly_csv_is_the_library_s_table() {
    let out = ok_stdout(&[
        "history",
        ACME,
        "--from",
        "2026-10-01",
        "--to",
        "2026-12-31",
    ]);
    let s = library("2026-10-01", "2026-12-31", Frequency::Week, None);
    assert_eq!(out.trim_end(), s.to_table().to_csv().trim_end());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "date,as_of,id,kind,value,progress,attainment,expected,planned_value,status"
    );
    // 14 points (October 1, every 7 days to December 24, then December 31)
    let dates: std::collections::BTreeSet<&str> = lines[1..].iter().map(|l| &l[..10]).collect();
    assert_eq!(dates.len(), 14);
    assert!(dates.contains("2026-12-24") && dates.contains("2026-12-31"));
}

#[test]
fn every_ids_and_json() {
    let out = ok_stdout(&[
        "history",
        ACME,
        "--from",
        "2026-10-01",
        "--to",
        "2026-12-31",
        "--every",
        "M",
        "--id",
        "annual-revenue",
        "--id",
        "sales-growth",
    ]);
    let ids: &[&str] = &["annual-revenue", "sales-growth"];
    let s = library("2026-10-01", "2026-12-31", Frequency::Month, Some(ids));
    assert_eq!(out.trim_end(), s.to_table().to_csv().trim_end());
    assert_eq!(out.lines().count(), 1 + 4 * 2);
    assert!(out.contains(
        "\n2026-11-01,2026-11-01T23:59:59.999999999Z,annual-revenue,key_result,3100000,"
    ));
    // --freq is the same option; a zoned time is that instant
    let json = ok_stdout(&[
        "history",
        ACME,
        "--from",
        "2026-11-15T00:00:00Z",
        "--to",
        "2026-11-29",
        "--freq",
        "week",
        "--id",
        "annual-revenue",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let s = library(
        "2026-11-15T00:00:00Z",
        "2026-11-29",
        Frequency::Week,
        Some(&["annual-revenue"]),
    );
    assert_eq!(v, serde_json::to_value(&s).unwrap());
    assert_eq!(
        v["as_of"],
        serde_json::json!([
            "2026-11-15T00:00:00Z",
            "2026-11-22T00:00:00Z",
            "2026-11-29T00:00:00Z",
            "2026-11-29T23:59:59.999999999Z"
        ])
    );
}

#[test]
fn bad_input_exits_2() {
    fn h<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut a = vec!["history", ACME];
        a.extend_from_slice(extra);
        a
    }
    fails(
        &h(&[
            "--from",
            "2026-10-01",
            "--to",
            "2026-12-31",
            "--every",
            "ME",
        ]),
        "pass D, W, M, Q, day, week, month or quarter",
    );
    fails(
        &h(&["--from", "2026-11-15T00:00:00", "--to", "2026-12-31"]),
        "has no time zone",
    );
    fails(
        &h(&["--from", "2026-12-31", "--to", "2026-10-01"]),
        "is after",
    );
    fails(&h(&["--from", "2000-01-01", "--to", "2026-10-01"]), "3660");
    fails(
        &h(&["--from", "2026-10-01", "--to", "2026-12-31", "--id", "nope"]),
        "nope",
    );
}
