//! `okr due`: the key results that owe a check-in, as text (grouped by owner) and as JSON
//! (the library's answer, one object per key result), on the example company.

mod common;
use common::*;

fn ok_stdout(args: &[&str]) -> String {
    let o = okr(args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf-8")
}

#[test]
fn due_text_and_json() {
    let mut out = String::new();
    for day in [
        "2026-09-30",
        "2026-10-09",
        "2026-11-15",
        "2026-11-15T12:00:00+01:00",
    ] {
        out.push_str(&format!("$ okr due {ACME} --as-of {day}\n"));
        out.push_str(&ok_stdout(&["due", ACME, "--as-of", day]));
        out.push('\n');
    }
    insta::assert_snapshot!("due_text", out);
    let json = ok_stdout(&["due", ACME, "--as-of", "2026-11-15", "--format", "json"]);
    insta::assert_snapshot!("due_json", json);
}

#[test]
fn due_json_is_the_library_answer_with_the_fields_promised() {
    let g =
        okr_core::document::load_str(&std::fs::read_to_string(root().join(ACME)).unwrap()).unwrap();
    for day in ["2026-10-09", "2026-11-15", "2027-01-02"] {
        let out = ok_stdout(&["due", ACME, "--as-of", day, "--format", "json"]);
        let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
        let want = g.due(okr_core::AsOf::parse(day).unwrap()).unwrap();
        assert_eq!(rows, serde_json::to_value(&want).unwrap(), "{day}");
        for row in rows.as_array().unwrap() {
            for field in ["key_result", "owner", "due_since", "state"] {
                assert!(row.get(field).is_some(), "{field}: {row}");
            }
            assert!(["due", "late", "missed"].contains(&row["state"].as_str().unwrap()));
            // RFC 3339 in UTC
            assert!(row["due_since"].as_str().unwrap().ends_with('Z'), "{row}");
        }
    }
}

#[test]
fn bad_input_exits_2() {
    for (args, message) in [
        (
            &["due", ACME, "--as-of", "2026-11-15T10:00:00"][..],
            "as_of",
        ),
        (&["due", ACME, "--as-of", "tomorrow"][..], "as_of"),
        (&["due", "no-such-file.json"][..], "no-such-file.json"),
    ] {
        let o = okr(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    }
}
