//! `okr chart FILE ID [--from DATE] [--to DATE]`: the core's burn-up chart on standard output,
//! its default range the node's period, bad input exits 2 with a message.

use chrono::NaiveDate;
use okr_core::{OkrGraph, RollupConfig};

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

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn the_chart_is_the_library_s() {
    let g = acme();
    let cfg = RollupConfig::default();
    for id in ["new-customers", "sales-growth", "oslo-office"] {
        assert_eq!(
            ok_stdout(&["chart", ACME, id]),
            g.chart_svg(id, None, None, &cfg).unwrap(),
            "{id}"
        );
    }
    assert_eq!(
        ok_stdout(&["chart", ACME, "fair-leads", "--from", "2026-11-01"]),
        g.chart_svg("fair-leads", Some(d("2026-11-01")), None, &cfg)
            .unwrap()
    );
    let svg = ok_stdout(&[
        "chart",
        ACME,
        "annual-revenue",
        "--from",
        "2026-10-15",
        "--to",
        "2026-11-15",
    ]);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>\n"));
    insta::assert_snapshot!(svg);
}

#[test]
fn bad_input_exits_2() {
    fails(&["chart", ACME, "nope"], "unknown objective \"nope\"");
    fails(
        &["chart", ACME, "fair-leads", "--from", "yesterday"],
        "yesterday",
    );
    fails(
        &[
            "chart",
            ACME,
            "fair-leads",
            "--from",
            "2026-11-15T00:00:00Z",
        ],
        "2026-11-15T00:00:00Z",
    );
    fails(
        &[
            "chart",
            ACME,
            "fair-leads",
            "--from",
            "2026-11-30",
            "--to",
            "2026-11-01",
        ],
        "from",
    );
    fails(
        &[
            "chart",
            ACME,
            "fair-leads",
            "--from",
            "2000-01-01",
            "--to",
            "2026-11-01",
        ],
        "3660",
    );
    fails(&["chart", "missing.json", "fair-leads"], "missing.json");
    let o = okr(&["chart", ACME]);
    assert_eq!(o.status.code(), Some(2));
}
