//! Property: loading any bytes as a document never panics; a failure is a `Document` error
//! that locates the problem (a path, or a line and column) or a `LimitExceeded`; `check_str`
//! agrees with `load_str`; a success saves to JSON that loads back to the same JSON. The same
//! under small limits. See `okr-core/tests/fuzz/props.rs`.
#![no_main]

#[path = "../../okr-core/tests/fuzz/props.rs"]
mod props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| props::document_load(data));
