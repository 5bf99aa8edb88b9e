//! Document loading: every error carries the path of the offending field; `check_str`
//! collects all problems; the bundled example loads and round-trips.

use okr_core::OkrError;
use okr_core::document::{self, DocProblem, Document};
use serde_json::{Value, json};

/// A small valid document: `top` <- `mid` (weight 2), key results of two kinds.
fn base() -> Value {
    json!({
        "version": 1,
        "owners": [
            {"id": "acme", "name": "Acme", "kind": "organisation"},
            {"id": "team", "name": "Team", "kind": "team", "parent": "acme"}
        ],
        "cycles": [{"id": "q4", "name": "Q4", "start": "2026-10-01", "end": "2026-12-31"}],
        "objectives": [
            {
                "id": "top", "title": "Top", "owner": "acme", "cycle": "q4",
                "key_results": [
                    {"id": "k0", "title": "K0", "measure": {"kind": "numeric", "start": 0, "target": 10}}
                ]
            },
            {
                "id": "mid", "title": "Mid", "owner": "team", "cycle": "q4",
                "parents": [{"id": "top", "weight": 2}],
                "key_results": [
                    {"id": "k1", "title": "K1", "weight": 2,
                     "measure": {"kind": "numeric", "start": 0, "target": 500},
                     "check_ins": [{"at": "2026-11-01", "value": 200, "confidence": 0.5}]},
                    {"id": "k2", "title": "K2",
                     "measure": {"kind": "milestones", "milestones": [{"name": "a"}, {"name": "b", "weight": 2}]},
                     "check_ins": [{"at": "2026-11-01T10:00:00.5Z", "milestones_done": ["a"]}]}
                ]
            }
        ]
    })
}

/// Loads `doc`, expecting a `Document` error at exactly `path`; returns the message.
#[track_caller]
fn load_err(doc: &Value, path: &str) -> String {
    let text = serde_json::to_string_pretty(doc).unwrap();
    let err = document::load_str(&text).unwrap_err();
    assert_eq!(err.code(), "document", "{err}");
    match err {
        OkrError::Document { path: p, message } => {
            assert_eq!(p, path, "message: {message}");
            message
        }
        other => panic!("{other:?}"),
    }
}

/// The problems `check_str` reports, as (path, code).
fn problems(doc: &Value) -> Vec<(String, &'static str)> {
    document::check_str(&doc.to_string())
        .into_iter()
        .map(|p: DocProblem| (p.path, p.code))
        .collect()
}

fn edit(f: impl FnOnce(&mut Value)) -> Value {
    let mut d = base();
    f(&mut d);
    d
}

#[test]
fn base_document_loads() {
    let g = document::load_str(&base().to_string()).unwrap();
    assert_eq!(g.objective_count(), 2);
    assert_eq!(g.parents_of("mid"), vec![("top", 2.0)]);
    assert_eq!(g.key_result("k1").unwrap().weight, 2.0);
    assert_eq!(g.key_result("k0").unwrap().weight, 1.0);
    assert!(document::check_str(&base().to_string()).is_empty());
    // a date-only check-in means midnight UTC; sub-second times are kept
    let at = g.check_ins("k2")[0].at;
    assert_eq!(at.timestamp_subsec_millis(), 500);
    assert_eq!(
        g.check_ins("k1")[0].at,
        document::parse_timestamp("2026-11-01T00:00:00Z").unwrap()
    );
}

#[test]
fn unknown_fields_at_several_depths() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (edit(|d| d["bogus"] = json!(1)), "bogus", "bogus"),
        (
            edit(|d| d["owners"][1]["nmae"] = json!("x")),
            "owners[1].nmae",
            "nmae",
        ),
        (
            edit(|d| d["cycles"][0]["ned"] = json!("x")),
            "cycles[0].ned",
            "ned",
        ),
        (
            edit(|d| d["objectives"][1]["titel"] = json!("x")),
            "objectives[1].titel",
            "titel",
        ),
        (
            edit(|d| d["objectives"][1]["parents"][0]["wieght"] = json!(1)),
            "objectives[1].parents[0].wieght",
            "wieght",
        ),
        (
            edit(|d| d["objectives"][1]["key_results"][0]["wieght"] = json!(1)),
            "objectives[1].key_results[0].wieght",
            "wieght",
        ),
        (
            edit(|d| {
                let m = &mut d["objectives"][1]["key_results"][0]["measure"];
                m["taget"] = m["target"].take();
                m.as_object_mut().unwrap().remove("target");
            }),
            "objectives[1].key_results[0].measure.taget",
            "taget",
        ),
        (
            edit(|d| {
                d["objectives"][1]["key_results"][1]["measure"]["milestones"][1]["wieght"] =
                    json!(1)
            }),
            "objectives[1].key_results[1].measure.milestones[1].wieght",
            "wieght",
        ),
        (
            edit(|d| d["objectives"][1]["key_results"][1]["check_ins"][0]["vale"] = json!(1)),
            "objectives[1].key_results[1].check_ins[0].vale",
            "vale",
        ),
    ];
    for (doc, path, field) in cases {
        let msg = load_err(&doc, path);
        assert!(
            msg.contains("unknown field") && msg.contains(field),
            "{path}: {msg}"
        );
        // check_str reports the same path
        assert_eq!(problems(&doc), vec![(path.to_string(), "document")]);
    }
}

#[test]
fn wrong_types_bad_enums_and_dates() {
    let cases: Vec<(Value, &str)> = vec![
        (edit(|d| d["version"] = json!("1")), "version"),
        (edit(|d| d["owners"] = json!({})), "owners"),
        (
            edit(|d| d["objectives"][0]["title"] = json!(5)),
            "objectives[0].title",
        ),
        (
            edit(|d| d["objectives"][1]["key_results"][0]["weight"] = json!("heavy")),
            "objectives[1].key_results[0].weight",
        ),
        (
            edit(|d| d["objectives"][1]["key_results"][0]["check_ins"][0]["value"] = json!("200")),
            "objectives[1].key_results[0].check_ins[0].value",
        ),
        (
            edit(|d| d["objectives"][1]["parents"][0]["weight"] = json!(null)),
            "objectives[1].parents[0].weight",
        ),
        // inside a measure (internally tagged: paths must still reach the field)
        (
            edit(|d| d["objectives"][1]["key_results"][0]["measure"]["target"] = json!("lots")),
            "objectives[1].key_results[0].measure.target",
        ),
        (
            edit(|d| {
                d["objectives"][1]["key_results"][1]["measure"]["milestones"][1]["weight"] =
                    json!("heavy")
            }),
            "objectives[1].key_results[1].measure.milestones[1].weight",
        ),
        (
            edit(|d| {
                d["objectives"][0]["key_results"][0]["measure"] =
                    json!({"kind": "threshold", "bound": "sideways", "value": 3})
            }),
            "objectives[0].key_results[0].measure.bound",
        ),
        (
            edit(|d| {
                d["objectives"][0]["key_results"][0]["measure"] =
                    json!({"kind": "boolean", "done": true})
            }),
            "objectives[0].key_results[0].measure.done",
        ),
        (
            edit(|d| {
                d["objectives"][0]["key_results"][0]["measure"]
                    .as_object_mut()
                    .unwrap()
                    .remove("target");
            }),
            "objectives[0].key_results[0].measure",
        ),
        // bad enum values
        (
            edit(|d| d["objectives"][1]["state"] = json!("paused")),
            "objectives[1].state",
        ),
        (
            edit(|d| d["objectives"][0]["rollup"] = json!("all")),
            "objectives[0].rollup",
        ),
        (
            edit(|d| d["objectives"][0]["type"] = json!("stretch")),
            "objectives[0].type",
        ),
        // bad dates
        (
            edit(|d| d["cycles"][0]["start"] = json!("2026-13-01")),
            "cycles[0].start",
        ),
        (
            edit(|d| d["cycles"][0]["end"] = json!("31/12/2026")),
            "cycles[0].end",
        ),
        (
            edit(|d| d["objectives"][1]["key_results"][0]["due"] = json!("tomorrow")),
            "objectives[1].key_results[0].due",
        ),
        (
            edit(|d| {
                d["objectives"][1]["key_results"][0]["check_ins"][0]["at"] = json!("yesterday")
            }),
            "objectives[1].key_results[0].check_ins[0].at",
        ),
    ];
    for (doc, path) in cases {
        load_err(&doc, path);
    }
    // a missing required field
    let msg = load_err(
        &edit(|d| {
            d["objectives"][0].as_object_mut().unwrap().remove("owner");
        }),
        "objectives[0]",
    );
    assert!(msg.contains("owner"), "{msg}");
    // an unknown measure kind names the measure
    let text = edit(|d| d["objectives"][0]["key_results"][0]["measure"]["kind"] = json!("percent"))
        .to_string();
    let err = document::load_str(&text).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("objectives[0].key_results[0].measure"),
        "{err}"
    );
    // not JSON at all
    let err = document::load_str("{\"version\": 1,").unwrap_err();
    assert_eq!(err.code(), "document");
    let ps = document::check_str("not json");
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].code, "document");
}

#[test]
fn a_version_after_this_build_rejected() {
    let msg = load_err(&edit(|d| d["version"] = json!(3)), "version");
    assert!(msg.contains("unsupported version 3"), "{msg}");
    assert!(msg.contains("reads versions 1 to 2"), "{msg}");
    assert_eq!(
        problems(&edit(|d| d["version"] = json!(3))),
        vec![("version".to_string(), "document")]
    );
    load_err(&edit(|d| d["version"] = json!(0)), "version");
    load_err(
        &edit(|d| {
            d.as_object_mut().unwrap().remove("version");
        }),
        "",
    );
}

#[test]
fn a_duplicate_id_names_both_places() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            edit(|d| {
                d["owners"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"id": "team"}))
            }),
            "owners[2].id",
            r#"duplicate owner id "team": already the id of the owner at owners[1]"#,
        ),
        (
            edit(|d| {
                d["cycles"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"id": "q4", "start": "2026-01-01", "end": "2026-01-02"}))
            }),
            "cycles[1].id",
            r#"duplicate cycle id "q4": already the id of the cycle at cycles[0]"#,
        ),
        (
            edit(|d| {
                d["objectives"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"id": "mid", "title": "Again", "owner": "acme", "cycle": "q4"}))
            }),
            "objectives[2].id",
            r#"duplicate objective id "mid": already the id of the objective at objectives[1]"#,
        ),
        (
            edit(|d| d["objectives"][1]["key_results"][1]["id"] = json!("k0")),
            "objectives[1].key_results[1].id",
            "duplicate key result id \"k0\": already the id of the key result at \
             objectives[0].key_results[0]",
        ),
        // objectives and key results share one space of ids
        (
            edit(|d| d["objectives"][1]["key_results"][0]["id"] = json!("top")),
            "objectives[1].key_results[0].id",
            r#"duplicate key result id "top": already the id of the objective at objectives[0]"#,
        ),
        // the key result is the duplicate, even above the objective in the document
        (
            edit(|d| d["objectives"][0]["key_results"][0]["id"] = json!("mid")),
            "objectives[0].key_results[0].id",
            r#"duplicate key result id "mid": already the id of the objective at objectives[1]"#,
        ),
    ];
    for (doc, path, message) in cases {
        assert_eq!(load_err(&doc, path), message);
        let ps = document::check_str(&doc.to_string());
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(
            (ps[0].path.as_str(), ps[0].code, ps[0].message.as_str()),
            (path, "duplicate_id", message)
        );
    }
}

/// The shared hostile documents `shared_id.json` and `shared_id_brier.json`: objective `x`
/// and, in objective `y`, key result `x`. They used to load, and every command taking an id
/// then meant the key result.
#[test]
fn an_objective_and_a_key_result_may_not_share_an_id() {
    for name in ["shared_id", "shared_id_brier"] {
        let path = format!(
            "{}/tests/fixtures/hostile/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).unwrap();
        let err = document::load_str(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "objectives[1].key_results[0].id: duplicate key result id \"x\": already the id \
             of the objective at objectives[0]",
            "{name}"
        );
        let ps = document::check_str(&text);
        assert_eq!(ps.len(), 1, "{name}: {ps:?}");
        assert_eq!(ps[0].code, "duplicate_id");
        assert_eq!(ps[0].to_string(), err.to_string());
    }
}

#[test]
fn unknown_references() {
    let doc = edit(|d| d["objectives"][1]["parents"][0]["id"] = json!("nowhere"));
    let msg = load_err(&doc, "objectives[1].parents[0].id");
    assert!(msg.contains("nowhere"), "{msg}");
    assert_eq!(
        problems(&doc),
        vec![("objectives[1].parents[0].id".to_string(), "unknown_id")]
    );
    let doc = edit(|d| d["objectives"][1]["owner"] = json!("ghost"));
    load_err(&doc, "objectives[1].owner");
    let doc = edit(|d| d["objectives"][1]["cycle"] = json!("ghost"));
    load_err(&doc, "objectives[1].cycle");
    // the owner is left out, so its objective reports an unknown owner too (a cascade)
    let doc = edit(|d| d["owners"][1]["parent"] = json!("ghost"));
    assert_eq!(
        problems(&doc),
        vec![
            ("owners[1].parent".to_string(), "unknown_id"),
            ("objectives[1].owner".to_string(), "unknown_id")
        ]
    );
    let doc = edit(|d| d["objectives"][1]["key_results"][0]["owner"] = json!("ghost"));
    load_err(&doc, "objectives[1].key_results[0].owner");
}

#[test]
fn bad_values_in_valid_json() {
    let doc = edit(|d| d["objectives"][1]["key_results"][0]["measure"]["target"] = json!(0));
    assert_eq!(
        problems(&doc),
        vec![(
            "objectives[1].key_results[0].measure".to_string(),
            "invalid_measure"
        )]
    );
    let doc = edit(|d| d["objectives"][1]["key_results"][0]["weight"] = json!(-1));
    assert_eq!(
        problems(&doc),
        vec![(
            "objectives[1].key_results[0].weight".to_string(),
            "invalid_weight"
        )]
    );
    let doc = edit(|d| d["objectives"][1]["parents"][0]["weight"] = json!(-1));
    assert_eq!(
        problems(&doc),
        vec![(
            "objectives[1].parents[0].weight".to_string(),
            "invalid_weight"
        )]
    );
    let doc = edit(|d| d["cycles"][0]["end"] = json!("2026-09-01"));
    assert_eq!(
        problems(&doc)[0],
        ("cycles[0]".to_string(), "invalid_cycle")
    );
    let doc = edit(|d| {
        d["objectives"][1]["key_results"][1]["check_ins"][0]["milestones_done"] = json!(["zz"])
    });
    assert_eq!(
        problems(&doc),
        vec![(
            "objectives[1].key_results[1].check_ins[0]".to_string(),
            "invalid_check_in"
        )]
    );
}

#[test]
fn cycle_via_parents() {
    // top under mid, mid under top
    let doc = edit(|d| d["objectives"][0]["parents"] = json!([{"id": "mid"}]));
    let msg = load_err(&doc, "objectives[1].parents[0]");
    assert!(msg.contains("mid -> top -> mid"), "{msg}");
    assert_eq!(
        problems(&doc),
        vec![("objectives[1].parents[0]".to_string(), "cycle")]
    );
    // a self-parent
    let doc = edit(|d| d["objectives"][0]["parents"] = json!([{"id": "top"}]));
    assert_eq!(
        problems(&doc),
        vec![("objectives[0].parents[0]".to_string(), "cycle")]
    );
    // a duplicate parent link
    let doc = edit(|d| d["objectives"][1]["parents"] = json!([{"id": "top"}, {"id": "top"}]));
    assert_eq!(
        problems(&doc),
        vec![("objectives[1].parents[1]".to_string(), "already_linked")]
    );
}

#[test]
fn owner_and_cycle_parent_loops() {
    let doc = edit(|d| {
        d["owners"] = json!([
            {"id": "acme", "parent": "b"},
            {"id": "b", "parent": "c"},
            {"id": "c", "parent": "acme"},
            {"id": "team", "parent": "acme"}
        ])
    });
    let ps = document::check_str(&doc.to_string());
    // the loop is reported once; "team" hangs off the loop and is left out too
    let cyc: Vec<_> = ps.iter().filter(|p| p.code == "cycle").collect();
    assert_eq!(cyc.len(), 1, "{ps:?}");
    assert!(cyc[0].path.starts_with("owners[") && cyc[0].path.ends_with("].parent"));
    assert!(
        cyc[0].message.contains("acme -> b -> c -> acme"),
        "{}",
        cyc[0].message
    );
    let err = document::load_str(&doc.to_string()).unwrap_err();
    assert!(err.to_string().contains("loop"), "{err}");
    // a self-parent owner
    let doc = edit(|d| d["owners"][0]["parent"] = json!("acme"));
    assert_eq!(problems(&doc)[0], ("owners[0].parent".to_string(), "cycle"));
    // a cycle loop
    let doc = edit(|d| {
        d["cycles"] = json!([
            {"id": "q4", "start": "2026-10-01", "end": "2026-12-31", "parent": "y"},
            {"id": "y", "start": "2026-01-01", "end": "2026-12-31", "parent": "q4"}
        ])
    });
    assert!(
        problems(&doc).contains(&("cycles[1].parent".to_string(), "cycle"))
            || problems(&doc).contains(&("cycles[0].parent".to_string(), "cycle"))
    );
}

#[test]
fn check_in_needs_exactly_one_value() {
    let path = "objectives[1].key_results[0].check_ins[0]";
    for extra in [json!({"done": true}), json!({"milestones_done": []})] {
        let doc = edit(|d| {
            let c = &mut d["objectives"][1]["key_results"][0]["check_ins"][0];
            for (k, v) in extra.as_object().unwrap() {
                c[k] = v.clone();
            }
        });
        let msg = load_err(&doc, path);
        assert!(msg.contains("only one"), "{msg}");
        assert_eq!(problems(&doc), vec![(path.to_string(), "invalid_check_in")]);
    }
    let doc = edit(|d| {
        d["objectives"][1]["key_results"][0]["check_ins"][0]
            .as_object_mut()
            .unwrap()
            .remove("value");
    });
    let msg = load_err(&doc, path);
    assert!(msg.contains("needs one"), "{msg}");
    // the wrong one for the measure
    let doc = edit(|d| {
        let c = d["objectives"][1]["key_results"][0]["check_ins"][0]
            .as_object_mut()
            .unwrap();
        c.remove("value");
        c.insert("done".into(), json!(true));
    });
    assert_eq!(problems(&doc), vec![(path.to_string(), "invalid_check_in")]);
}

#[test]
fn forward_references_load() {
    // parents later in the file: objectives, owners and cycles
    let doc = json!({
        "version": 1,
        "owners": [
            {"id": "person", "parent": "team"},
            {"id": "team", "parent": "org"},
            {"id": "org"}
        ],
        "cycles": [
            {"id": "q4", "start": "2026-10-01", "end": "2026-12-31", "parent": "fy"},
            {"id": "fy", "start": "2026-01-01", "end": "2026-12-31"}
        ],
        "objectives": [
            {"id": "leaf", "title": "Leaf", "owner": "person", "cycle": "q4",
             "parents": [{"id": "mid", "weight": 1}, {"id": "top", "weight": 0}]},
            {"id": "mid", "title": "Mid", "owner": "team", "cycle": "q4", "parents": [{"id": "top"}]},
            {"id": "top", "title": "Top", "owner": "org", "cycle": "fy"}
        ]
    });
    let text = doc.to_string();
    assert!(document::check_str(&text).is_empty());
    let g = document::load_str(&text).unwrap();
    assert_eq!(g.parents_of("leaf"), vec![("mid", 1.0), ("top", 0.0)]);
    // document order is kept
    let owners: Vec<_> = g.owners().map(|o| o.id.as_str()).collect();
    assert_eq!(owners, ["person", "team", "org"]);
    let cycles: Vec<_> = g.cycles().map(|c| c.id.as_str()).collect();
    assert_eq!(cycles, ["q4", "fy"]);
    let g2 = document::load_str(&g.to_json()).unwrap();
    assert_eq!(g2.to_json(), g.to_json());
}

#[test]
fn check_str_reports_several_problems() {
    let doc = edit(|d| {
        d["owners"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "acme"}));
        d["objectives"][1]["parents"] = json!([{"id": "nowhere"}, {"id": "top", "weight": -3}]);
        d["objectives"][1]["key_results"][0]["measure"]["direction"] = json!("decrease");
        d["objectives"][1]["key_results"][1]["check_ins"][0]["confidence"] = json!(7);
        d["objectives"][0]["key_results"][0]["weight"] = json!(-1);
    });
    let ps = problems(&doc);
    let want = vec![
        ("owners[2].id".to_string(), "duplicate_id"),
        (
            "objectives[0].key_results[0].weight".to_string(),
            "invalid_weight",
        ),
        (
            "objectives[1].key_results[0].measure".to_string(),
            "invalid_measure",
        ),
        (
            "objectives[1].key_results[1].check_ins[0]".to_string(),
            "invalid_check_in",
        ),
        ("objectives[1].parents[0].id".to_string(), "unknown_id"),
        (
            "objectives[1].parents[1].weight".to_string(),
            "invalid_weight",
        ),
    ];
    assert_eq!(ps, want);
    // load_str stops at the first one
    let err = document::load_str(&doc.to_string()).unwrap_err();
    assert!(err.to_string().starts_with("owners[2].id: "), "{err}");
    // Display of a problem is "path: message"
    let first = &document::check_str(&doc.to_string())[0];
    assert!(first.to_string().starts_with("owners[2].id: duplicate"));
}

#[test]
fn document_values_round_trip() {
    let doc = edit(|d| {
        d["extra"] = json!({"app": {"nested": [1, {"x": null}], "ü": "ß"}});
        d["objectives"][0]["extra"] = json!({"colour": "teal"});
        d["objectives"][0]["title"] = json!("Größer werden 🚀");
    });
    let text = doc.to_string();
    let g = document::load_str(&text).unwrap();
    let mut parsed: Document = document::parse_str(&text).unwrap();
    // saved as the version this build writes
    parsed.version = document::FORMAT_VERSION;
    assert_eq!(g.to_document(), parsed);
    let g2 = document::load_str(&g.to_json()).unwrap();
    assert_eq!(g2.to_json(), g.to_json());
    assert_eq!(g2.to_document(), parsed);
    assert_eq!(g2.extra().get("app").unwrap()["ü"], json!("ß"));
}

const ACME: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/acme.okr.json"
));

#[test]
fn bundled_example_loads_and_round_trips() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/acme.okr.json");
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(text, ACME);
    assert_eq!(document::check_str(&text), vec![]);
    let g = document::load_str(&text).unwrap();
    assert!(g.objective_count() >= 10);
    let mut parsed = document::parse_str(&text).unwrap();
    parsed.version = document::FORMAT_VERSION;
    if parsed.history.is_empty() {
        assert_eq!(g.to_document(), parsed);
    }
    let json = g.to_json();
    let g2 = document::load_str(&json).unwrap();
    assert_eq!(g2.to_json(), json);
    // (a history's `set` is written as okr writes numbers: `2.0` for `2`)
    assert_eq!(g2.to_document(), g.to_document());
    // multi-parent objective keeps its parents in order
    assert_eq!(
        g.parents_of("new-customers-q4")
            .iter()
            .map(|p| p.0)
            .collect::<Vec<_>>(),
        ["customer-base", "sales-growth"]
    );
    // the two graphs roll up alike
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
    let (r1, r2) = (g.rollup(day), g2.rollup(day));
    for n in r1.nodes() {
        let m = r2.get(n.id).unwrap().values;
        match (n.values.progress, m.progress) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{}", n.id),
            (a, b) => assert_eq!(a, b, "{}", n.id),
        }
    }
}

#[test]
fn dates_read_like_chrono_year_month_day() {
    // okr reads YYYY-MM-DD by hand (chrono's format-string parser is large in WebAssembly);
    // it accepts what chrono's "%Y-%m-%d" accepts, except years of fewer than four digits.
    let cases = [
        "2026-10-01",
        "2026-1-5",
        "2024-02-29",
        "2026-02-29",
        "0999-01-01",
        "12345-01-01",
        "2026-13-01",
        "2026-00-10",
        "2026-10-32",
        "2026-10-00",
        "2026/10/01",
        "2026-10-01x",
        "2026-10-01-",
        "2026-10",
        "2026--10-01",
        "",
        "2026-010-01",
        " 2026-10-01 ",
        "２０２６-10-01",
    ];
    for s in cases {
        let chrono = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        assert_eq!(document::parse_date(s).ok(), chrono, "{s:?}");
    }
    assert!(chrono::NaiveDate::parse_from_str("26-10-01", "%Y-%m-%d").is_ok());
    let err = document::parse_date("26-10-01").unwrap_err().to_string();
    assert!(err.contains("(expected YYYY-MM-DD)"), "{err}");
    let err = document::parse_date("2026-02-30").unwrap_err().to_string();
    assert!(
        err.contains("not a YYYY-MM-DD date (no such date)"),
        "{err}"
    );
}

/// `check_text_with` tells a document with problems (readable) from a text that is not a
/// document this build reads: over a limit, not a JSON object, of another version.
#[test]
fn check_text_tells_a_document_with_problems_from_an_unreadable_text() {
    use document::{Limits, check_text_with};
    let check = |text: &str, limits: &Limits| {
        let c = check_text_with(text, limits);
        assert_eq!(c.problems, document::check_str_with(text, limits), "{text}");
        let codes: Vec<&str> = c.problems.iter().map(|p| p.code).collect();
        (c.readable, codes)
    };
    let ok = Limits::default();
    assert_eq!(check(&base().to_string(), &ok), (true, vec![]));
    // documents with problems
    for doc in [
        edit(|d| d["bogus"] = json!(1)),
        edit(|d| d["objectives"][0]["owner"] = json!(7)),
        edit(|d| {
            d.as_object_mut().unwrap().remove("version");
        }),
    ] {
        assert_eq!(
            check(&doc.to_string(), &ok),
            (true, vec!["document"]),
            "{doc}"
        );
    }
    let doc = edit(|d| d["objectives"][1]["key_results"][0]["id"] = json!("top"));
    assert_eq!(check(&doc.to_string(), &ok), (true, vec!["duplicate_id"]));
    let doc = edit(|d| {
        d["objectives"][0]["parents"] = json!([{"id": "mid"}]);
        d["objectives"][1]["key_results"][0]["weight"] = json!(-1);
    });
    assert_eq!(
        check(&doc.to_string(), &ok),
        (true, vec!["invalid_weight", "cycle"])
    );
    // texts that are not a document this build reads
    let text = base().to_string();
    for bad in [
        "",
        "not json",
        "{\"version\": 1,",
        // an unknown field first (a data error), then no JSON
        "{\"version\": 1, \"bogus\": 1, ",
        &text[..text.len() - 1],
        "42",
        "[]",
        "\"a document\"",
    ] {
        assert_eq!(check(bad, &ok), (false, vec!["document"]), "{bad:?}");
    }
    let v3 = edit(|d| d["version"] = json!(3)).to_string();
    assert_eq!(check(&v3, &ok), (false, vec!["document"]));
    let limits = Limits {
        max_objectives: 1,
        ..Limits::default()
    };
    assert_eq!(check(&text, &limits), (false, vec!["limit_exceeded"]));
    // the alignment depth is checked last: every other problem is listed before it
    let limits = Limits {
        max_link_depth: 1,
        ..Limits::default()
    };
    let doc = edit(|d| d["objectives"][1]["key_results"][0]["weight"] = json!(-1));
    assert_eq!(
        check(&doc.to_string(), &limits),
        (false, vec!["invalid_weight", "limit_exceeded"])
    );
}
