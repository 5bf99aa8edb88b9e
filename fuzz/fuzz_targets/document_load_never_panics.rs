//! Property: loading any bytes as a document never panics; a failure is a `Document` error
//! whose message is non-empty, and a success saves to JSON that loads back to the same JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match okr_core::document::load_str(text) {
        Ok(graph) => {
            let saved = graph.to_json();
            let again = okr_core::document::load_str(&saved).expect("saved documents load");
            assert_eq!(saved, again.to_json());
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
