//! Hostile and careless input at the command line (issue 17): what reaches the terminal, bad
//! thresholds and options, numbers of any magnitude in messages.

mod common;
use common::*;

const ANSI: &str = "okr-core/tests/fixtures/hostile/ansi_titles.json";
const MAX_DEPTH: &str = "okr-core/tests/fixtures/hostile/cfg_maxdepth.json";

#[test]
fn a_threshold_out_of_range_is_invalid_config_not_a_wrapped_limit() {
    // max_chain_depth = 2^64 - 1 used to wrap: "chain of 0 links, more than 18446744073709551615"
    let o = okr(&["lint", ANSI, "--today", "2026-11-15", "--config", MAX_DEPTH]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(o.stdout.is_empty(), "{o:?}");
    let err = stderr(&o);
    assert!(
        err.contains("invalid configuration thresholds.max_chain_depth: 18446744073709551615 is out of range: it must be a whole number 0..=1000000"),
        "{err}"
    );
}
