//! `okr visible`: the objectives an owner may see, on the example company (a private and an
//! owner-line objective), as text and as JSON (the library's answer); an unknown viewer.

mod common;
use common::*;

#[test]
fn visible_is_the_library_answer() {
    let g =
        okr_core::document::load_str(&std::fs::read_to_string(root().join(ACME)).unwrap()).unwrap();
    for viewer in ["acme", "sales", "hanna", "gustav", "bjorn"] {
        let o = okr(&["visible", ACME, viewer, "--format", "json"]);
        assert!(o.status.success(), "{viewer}");
        let ids: Vec<String> = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(ids, g.visible_objectives(viewer).unwrap(), "{viewer}");
        let text = okr(&["visible", ACME, viewer]);
        let lines: Vec<String> = String::from_utf8(text.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(lines, ids, "{viewer}");
    }
    // the private objective: its owner and the sales leads; the owner line: hanna and above
    let sees = |viewer: &str, id: &str| g.visible_objectives(viewer).unwrap().contains(&id);
    assert!(sees("gustav", "gustav-tromso") && sees("bjorn", "gustav-tromso"));
    assert!(!sees("sales", "gustav-tromso") && !sees("sales", "production-quality"));
    assert!(sees("acme", "production-quality") && sees("hanna", "production-quality"));
    let o = okr(&["visible", ACME, "nobody"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown owner \"nobody\""));
}
