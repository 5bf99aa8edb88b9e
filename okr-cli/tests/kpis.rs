//! `okr kpis`: every KPI's health, apart from OKR progress, as text (one line per KPI) and as
//! JSON (the library's answer), on the example company; exit codes.

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
fn kpis_text() {
    let mut out = String::new();
    for day in ["2026-07-15", "2026-09-30", "2026-11-15", "2026-12-31"] {
        out.push_str(&format!("$ okr kpis {ACME} --as-of {day}\n"));
        out.push_str(&ok_stdout(&["kpis", ACME, "--as-of", day]));
        out.push('\n');
    }
    insta::assert_snapshot!("kpis_text", out);
}

#[test]
fn kpis_json_is_the_library_answer() {
    let g =
        okr_core::document::load_str(&std::fs::read_to_string(root().join(ACME)).unwrap()).unwrap();
    for day in ["2026-07-15", "2026-11-15", "2026-11-15T12:00:00+01:00"] {
        let out = ok_stdout(&["kpis", ACME, "--as-of", day, "--format", "json"]);
        let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
        let want = g.kpi_health(okr_core::AsOf::parse(day).unwrap());
        assert_eq!(rows, serde_json::to_value(&want).unwrap(), "{day}");
        for row in rows.as_array().unwrap() {
            for field in [
                "id", "name", "unit", "value", "at", "target", "trend", "health",
            ] {
                assert!(row.get(field).is_some(), "{field}: {row}");
            }
            assert!(["healthy", "unhealthy", "no_data"].contains(&row["health"].as_str().unwrap()));
        }
    }
}

#[test]
fn kpis_exit_codes() {
    let o = okr(&["kpis", ACME, "--as-of", "2026-11-15"]);
    assert_eq!(o.status.code(), Some(0));
    let o = okr(&["kpis", ACME, "--as-of", "November"]);
    assert_eq!(o.status.code(), Some(2));
    let o = okr(&["kpis", "no-such-file.json"]);
    assert_eq!(o.status.code(), Some(2));
}
