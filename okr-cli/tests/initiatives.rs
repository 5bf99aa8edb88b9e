//! `okr initiatives`: every initiative's state at a time as text (one line per initiative) and
//! as JSON (the library's answer), on the example company; the report's line of a key result
//! with initiatives (text) and its `initiatives` summary (JSON); exit codes.

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

fn acme() -> okr_core::OkrGraph {
    okr_core::document::load_str(&std::fs::read_to_string(root().join(ACME)).unwrap()).unwrap()
}

/// Before any update, half way, the scanners done (Nov 9, due Nov 15), the root-cause review
/// further on, and after every due date (the review, not done by Nov 30, overdue).
const DAYS: [&str; 5] = [
    "2026-10-01",
    "2026-10-30",
    "2026-11-15",
    "2026-11-20",
    "2026-12-31",
];

#[test]
fn initiatives_text() {
    let mut out = String::new();
    for day in DAYS {
        out.push_str(&format!("$ okr initiatives {ACME} --as-of {day}\n"));
        out.push_str(&ok_stdout(&["initiatives", ACME, "--as-of", day]));
        out.push('\n');
    }
    insta::assert_snapshot!("initiatives_text", out);
}

#[test]
fn initiatives_json_is_the_library_answer() {
    let g = acme();
    for day in DAYS.iter().copied().chain(["2026-11-20T12:00:00+01:00"]) {
        let out = ok_stdout(&["initiatives", ACME, "--as-of", day, "--format", "json"]);
        let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
        let want = g.initiative_status(okr_core::AsOf::parse(day).unwrap());
        assert_eq!(rows, serde_json::to_value(&want).unwrap(), "{day}");
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), g.initiatives().count());
        for row in rows {
            for field in [
                "id",
                "key_result",
                "title",
                "owner",
                "due",
                "share",
                "done",
                "overdue",
                "updated",
            ] {
                assert!(row.get(field).is_some(), "{field}: {row}");
            }
            let share = row["share"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&share), "{row}");
            assert_eq!(row["done"].as_bool().unwrap(), share >= 1.0, "{row}");
        }
    }
}

/// The report's lines of the key results with initiatives: what they count in (or that they
/// are not counted) after the figures.
#[test]
fn report_lines_of_key_results_with_initiatives() {
    let g = acme();
    let krs: Vec<String> = g.initiatives().map(|x| x.key_result.clone()).collect();
    let mut out = String::new();
    for day in ["2026-11-15", "2026-11-20"] {
        let report = ok_stdout(&["report", ACME, "--as-of", day]);
        out.push_str(&format!(
            "$ okr report {ACME} --as-of {day} | grep initiatives\n"
        ));
        let lines: Vec<&str> = report
            .lines()
            .filter(|l| l.contains("▸ initiatives"))
            .collect();
        // one line per key result with initiatives, each naming its key result
        let named: std::collections::BTreeSet<&str> = krs.iter().map(String::as_str).collect();
        assert_eq!(lines.len(), named.len(), "{report}");
        for kr in &named {
            assert!(
                lines.iter().any(|l| l.contains(&format!("[{kr}]"))),
                "{kr}: {report}"
            );
        }
        for l in lines {
            out.push_str(l.trim_start_matches(|c: char| !c.is_alphanumeric()));
            out.push('\n');
        }
        out.push('\n');
    }
    insta::assert_snapshot!("initiatives_report_lines", out);
}

#[test]
fn report_json_carries_the_summaries() {
    let g = acme();
    for day in ["2026-11-15", "2026-11-20"] {
        let out = ok_stdout(&["report", ACME, "--as-of", day, "--format", "json"]);
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        let at = okr_core::AsOf::parse(day).unwrap();
        for node in report["nodes"].as_array().unwrap() {
            let id = node["id"].as_str().unwrap();
            let want = g.initiative_summary(id, at);
            match want {
                Some(s) => assert_eq!(node["initiatives"], serde_json::to_value(s).unwrap()),
                None => assert!(node.get("initiatives").is_none(), "{id}"),
            }
        }
        // defect-rate weighs its initiatives in: its progress is the blend of the measure's
        // progress (the example without the weight) and their mean share done
        let plain = okr_core::document::load_str(
            &std::fs::read_to_string(root().join(ACME))
                .unwrap()
                .replace("\"initiatives_weight\": 0.25,", ""),
        )
        .unwrap();
        let p = plain.rollup(at).get("defect-rate").unwrap().values.progress;
        let s = g.initiative_summary("defect-rate", at).unwrap();
        let w = s.weight.unwrap();
        let node = report["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == "defect-rate")
            .unwrap();
        let got = node["progress"].as_f64().unwrap();
        let want = (p.unwrap() + w * s.share) / (1.0 + w);
        assert!((got - want).abs() < 1e-12, "{day}: {got} vs {want}");
    }
}

#[test]
fn initiatives_exit_codes() {
    let o = okr(&["initiatives", ACME, "--as-of", "2026-11-15"]);
    assert_eq!(o.status.code(), Some(0));
    let o = okr(&["initiatives", ACME, "--as-of", "November"]);
    assert_eq!(o.status.code(), Some(2));
    let o = okr(&["initiatives", "no-such-file.json"]);
    assert_eq!(o.status.code(), Some(2));
}
