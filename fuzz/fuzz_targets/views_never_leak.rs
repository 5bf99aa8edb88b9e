//! Property: a view never leaks. For an organisation decoded from the bytes (aggregates,
//! supporting links, dependencies, initiatives, comments, history), every viewer and both
//! policies, nothing of a hidden entity (canary ids, titles, notes, comments, reasons, values)
//! appears in any output of the view, a hidden id is answered as one that never was, changes
//! are refused, and the visible figures are the full graph's (`count_hidden`) or a reference's
//! (`exclude_hidden`). See `okr-core/tests/fuzz/views.rs`.
#![no_main]

#[path = "../../okr-core/tests/fuzz/views.rs"]
mod views;

libfuzzer_sys::fuzz_target!(|data: &[u8]| views::views(data));
