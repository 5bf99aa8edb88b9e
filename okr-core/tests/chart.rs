//! `OkrGraph::chart_svg`: the burn-up chart of the example company's key results and
//! objectives (snapshots), well-formed and self-contained (no script, no external resource,
//! titles escaped), its default range the node's period, and its errors.

use chrono::NaiveDate;
use okr_core::{
    CheckIn, Cycle, KeyResult, Measure, Objective, OkrGraph, Owner, RollupConfig, document,
};

const ACME: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/acme.okr.json"
));

fn acme() -> OkrGraph {
    document::load_str(ACME).unwrap()
}

fn date(s: &str) -> NaiveDate {
    okr_core::time::parse_date(s).unwrap()
}

fn chart(g: &OkrGraph, id: &str, from: Option<&str>, to: Option<&str>) -> String {
    let svg = g
        .chart_svg(id, from.map(date), to.map(date), &RollupConfig::default())
        .unwrap();
    well_formed(&svg);
    svg
}

/// A tiny XML check: every tag closed in order, quotes balanced inside tags, no text outside
/// the root, the SVG namespace the only address, no script, no event handler, no link.
fn well_formed(svg: &str) {
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    let lower = svg.to_lowercase();
    for bad in [
        "<script",
        "href",
        "url(",
        "<style",
        "<foreignobject",
        "<image",
        "javascript:",
    ] {
        assert!(!lower.contains(bad), "{bad} in {svg}");
    }
    assert_eq!(
        lower.matches("http").count(),
        1,
        "an address other than the namespace: {svg}"
    );
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    let mut roots = 0;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        if stack.is_empty() {
            assert!(text.trim().is_empty(), "text outside the root: {text:?}");
        }
        assert!(!text.contains('>'), "a stray > in {text:?}");
        let close = rest[open..].find('>').expect("an unclosed tag") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "< inside a tag: {tag}");
        assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes: {tag}");
        for attr in tag.split_whitespace().skip(1) {
            assert!(
                !attr.to_lowercase().starts_with("on"),
                "an event handler: {tag}"
            );
        }
        for entity in text.split('&').skip(1) {
            let name = entity.split(';').next().unwrap();
            assert!(
                ["amp", "lt", "gt", "quot", "apos"].contains(&name),
                "a bare & in {text:?}"
            );
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.trim()),
                "closes the wrong tag"
            );
        } else if !tag.ends_with('/') {
            if stack.is_empty() {
                roots += 1;
            }
            stack.push(tag.split_whitespace().next().unwrap().to_string());
        } else if stack.is_empty() {
            roots += 1;
        }
        rest = &rest[close + 1..];
    }
    assert!(rest.trim().is_empty());
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    assert_eq!(roots, 1);
}

#[test]
fn snapshots_of_the_example_company() {
    let g = acme();
    // a plan, a target raised by a revision, a threshold, milestones, a boolean with a due
    // date, a decreasing key result, an objective, a key result set by hand
    for id in [
        "new-customers",
        "fair-leads",
        "unit-cost",
        "oslo-office",
        "referral-live",
        "defect-rate",
        "sales-growth",
        "north-clinics",
    ] {
        insta::assert_snapshot!(format!("chart_{id}"), chart(&g, id, None, None));
    }
    insta::assert_snapshot!(
        "chart_annual-revenue_october_to_november",
        chart(&g, "annual-revenue", Some("2026-10-01"), Some("2026-11-30"))
    );
}

#[test]
fn the_default_range_is_the_period() {
    let g = acme();
    // fair-leads: its cycle's start to its due date
    let svg = chart(&g, "fair-leads", None, None);
    assert!(
        svg.contains("from 2026-10-01 to 2026-11-20</title>"),
        "{svg}"
    );
    // an objective of FY 2026
    let svg = chart(&g, "sales-growth", None, None);
    assert!(
        svg.contains("from 2026-01-01 to 2026-12-31</title>"),
        "{svg}"
    );
    // only one end given: the other from the period
    let svg = chart(&g, "fair-leads", Some("2026-11-01"), None);
    assert!(
        svg.contains("from 2026-11-01 to 2026-11-20</title>"),
        "{svg}"
    );
}

#[test]
fn every_check_in_in_the_range_is_a_dot() {
    let g = acme();
    for kr in g.key_results() {
        let svg = chart(&g, &kr.id, None, None);
        let period_end = kr.due.unwrap_or_else(|| {
            let o = g.objective(&kr.objective).unwrap();
            g.cycle(&o.cycle).unwrap().end
        });
        let start = g
            .cycle(&g.objective(&kr.objective).unwrap().cycle)
            .unwrap()
            .start;
        let in_range = g
            .check_ins(&kr.id)
            .iter()
            .filter(|c| (start..=period_end).contains(&c.at.date_naive()))
            .count();
        assert_eq!(
            svg.matches("<title>check-in ").count(),
            in_range,
            "{}",
            kr.id
        );
    }
}

#[test]
fn titles_and_units_are_escaped() {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("a", "A", "person")).unwrap();
    g.add_cycle(Cycle::new("c", date("2026-10-01"), date("2026-10-31")))
        .unwrap();
    g.add_objective(Objective::new(
        "o",
        "<script>alert('x')</script> & \u{202e}evil\u{1b}[2J",
        "a",
        "c",
    ))
    .unwrap();
    g.add_key_result(KeyResult::new(
        "k",
        "a \"quoted\" <b>title</b>",
        "o",
        Measure::Numeric {
            start: 0.0,
            target: 1e300,
            unit: "<u>&".into(),
            direction: None,
        },
    ))
    .unwrap();
    g.check_in(
        "k",
        CheckIn::value(
            date("2026-10-05").and_hms_opt(1, 0, 0).unwrap().and_utc(),
            -1e300,
        ),
    )
    .unwrap();
    for id in ["o", "k"] {
        let svg = chart(&g, id, None, None);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<b>") && !svg.contains("<u>"), "{svg}");
        assert!(
            !svg.contains('\u{1b}') && !svg.contains('\u{202e}'),
            "{svg}"
        );
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    }
    let svg = chart(&g, "k", None, None);
    assert!(svg.contains("&lt;u&gt;&amp;"), "{svg}");
    assert!(svg.contains("\\u{202e}evil") || chart(&g, "o", None, None).contains("\\u{202e}evil"));
}

#[test]
fn errors() {
    let g = acme();
    let cfg = RollupConfig::default();
    let e = g.chart_svg("nope", None, None, &cfg).unwrap_err();
    assert_eq!(e.code(), "unknown_id");
    let e = g
        .chart_svg("fair-leads", Some(date("2026-12-01")), None, &cfg)
        .unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    let e = g
        .chart_svg(
            "fair-leads",
            Some(date("2000-01-01")),
            Some(date("2026-01-01")),
            &cfg,
        )
        .unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    // one day is a chart too
    let svg = chart(&g, "fair-leads", Some("2026-11-05"), Some("2026-11-05"));
    assert!(svg.contains("<rect x="), "{svg}");
}
