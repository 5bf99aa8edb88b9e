//! Property: reading any CSV texts as tables never panics; what imports exports and imports
//! again unchanged. See `okr-core/tests/fuzz/tables.rs`.
#![no_main]

#[path = "../../okr-core/tests/fuzz/tables.rs"]
mod tables;

libfuzzer_sys::fuzz_target!(|data: &[u8]| tables::tables(data));
