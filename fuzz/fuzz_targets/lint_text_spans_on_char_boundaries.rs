//! Property: linting any statement (any kind, as-of date and fiscal year start) never panics,
//! and every span it reports lies on character boundaries inside the text. See
//! `okr-core/tests/fuzz/props.rs`.
#![no_main]

#[path = "../../okr-core/tests/fuzz/props.rs"]
mod props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| props::lint_text(data));
