//! Hostile and careless input in what okr-core prints (issue 17): numbers of any magnitude in
//! messages, control and bidirectional characters in text output, options out of range. The
//! documents in `fixtures/hostile/` are those of the shared hostile set (`ansi_titles.json`,
//! `cfg_maxdepth.json`).

mod common;

use common::*;
use okr_core::lint::LintConfig;
use okr_core::report::Report;
use okr_core::{CheckIn, Measure, RollupConfig};

/// No message or text prints a number with hundreds of digits.
#[track_caller]
fn short_numbers(s: &str) {
    let longest = s
        .split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0);
    assert!(longest <= 20, "a number of {longest} digits in {s}");
}

#[test]
fn error_messages_print_tiny_and_huge_numbers_compactly() {
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "k", "a", Measure::numeric(0.0, 10.0));
    let c = CheckIn {
        confidence: Some(-1e-300),
        ..val(t(10, 2, 0, 0), 1.0)
    };
    let e = g.check_in("k", c).unwrap_err().to_string();
    assert_eq!(
        e,
        "invalid check-in on key result \"k\": confidence -1e-300 is outside [0, 1]"
    );
    obj(&mut g, "b");
    let e = g.link("b", "a", -1e300).unwrap_err().to_string();
    assert_eq!(
        e,
        "invalid weight -1e300 on b -> a: weights must be finite and >= 0"
    );
    let e = RollupConfig::from_settings([("stale_days", Some(1e300))])
        .unwrap_err()
        .to_string();
    short_numbers(&e);
    assert!(e.contains("1e300 must be a whole number"), "{e}");
}

#[test]
fn lint_messages_and_the_report_print_tiny_and_huge_numbers_compactly() {
    let mut g = base();
    obj(&mut g, "a");
    kr(&mut g, "big", "a", Measure::numeric(1e100, 1e300));
    g.check_in("big", val(t(10, 2, 0, 0), 2e100)).unwrap();
    g.check_in("big", val(t(10, 3, 0, 0), 3e100)).unwrap();
    kr(&mut g, "tiny", "a", Measure::numeric(1e-300, 3e-300));
    g.check_in("tiny", val(t(10, 2, 0, 0), 1.5e-300)).unwrap();
    let found = okr_core::lint::lint_graph(&g, &LintConfig::default(), d(11, 15));
    let a002: Vec<&str> = found
        .iter()
        .filter(|f| f.code == "A002")
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        a002.contains(&"Target 1e300 is 1e200x the start value 1e100 (more than 3x)"),
        "{a002:?}"
    );
    for f in &found {
        short_numbers(&f.message);
    }
    let rollup = g.rollup(d(11, 15));
    let text = Report::render_text(&g, &rollup);
    short_numbers(&text);
    assert!(text.contains("[big]  3e100 / 1e300"), "{text}");
    assert!(text.contains("[tiny]  1.5e-300 / 3e-300"), "{text}");
    let f = g.forecast(d(11, 15), &RollupConfig::default()).unwrap();
    short_numbers(&f.render_text());
    short_numbers(&g.explain_progress("a", d(11, 15)).unwrap().render_text());
}
