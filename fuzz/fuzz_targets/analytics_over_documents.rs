//! Property: every analytics command over any document that loads runs without panicking or
//! failing; progress and scores lie in [0, 1]; attainments, forecasts, shares and scorecard
//! signals are finite; contributions add up to the objective's progress; every text renderer
//! and graph format runs; a diff backwards has the opposite deltas. See
//! `okr-core/tests/fuzz/props.rs`.
#![no_main]

#[path = "../../okr-core/tests/fuzz/props.rs"]
mod props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| props::analytics(data));
