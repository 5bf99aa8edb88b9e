//! Property: any bytes as a lint configuration are refused (serde, or `validate` with an
//! `InvalidConfig` naming a field) or lint the example company and the threshold fixtures
//! without panicking, each finding enabled by the configuration with its severity, the same
//! findings twice, and the configuration saving to JSON that reads back equal. See
//! `okr-core/tests/fuzz/props.rs`.
#![no_main]

#[path = "../../okr-core/tests/fuzz/props.rs"]
mod props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| props::lint_config(data));
