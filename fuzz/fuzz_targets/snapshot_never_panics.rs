//! Property: reading any bytes as a binary snapshot never panics; what reads behaves as the
//! same document's JSON; what loads saves and loads again unchanged. Odd mode bytes seal the
//! input as a snapshot's body first, to reach the reader past the checksum. See
//! `okr-core/tests/fuzz/snapshot.rs`.
#![no_main]

#[path = "../../okr-core/tests/fuzz/snapshot.rs"]
mod snapshot;

libfuzzer_sys::fuzz_target!(|data: &[u8]| snapshot::snapshot(data));
