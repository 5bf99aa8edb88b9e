//! Hostile documents: every limit is a typed `LimitExceeded` error naming what and where, found
//! before memory is spent; deep nesting, huge strings and a million-link chain never overflow
//! the stack or exhaust memory; shapes that used to cost quadratic time (check-ins written
//! newest first, links that force a search per link) load correctly.

use okr_core::OkrError;
use okr_core::document::{self, Limits, check_size, check_str, check_str_with, load_str_with};
use serde_json::{Value, json};

fn base() -> Value {
    json!({
        "version": 1,
        "owners": [{"id": "acme", "name": "Acme", "kind": "organisation"}],
        "cycles": [{"id": "q4", "start": "2026-10-01", "end": "2026-12-31"}],
        "objectives": [
            {"id": "top", "title": "Top", "owner": "acme", "cycle": "q4",
             "key_results": [{"id": "k0", "title": "K0",
                              "measure": {"kind": "numeric", "start": 0, "target": 10}}]}
        ]
    })
}

/// The `LimitExceeded` error of loading `text` within `limits`: (what, limit, actual).
#[track_caller]
fn exceeded(text: &str, limits: &Limits) -> (String, u64, u64) {
    match load_str_with(text, limits) {
        Err(OkrError::LimitExceeded {
            what,
            limit,
            actual,
        }) => (what, limit, actual),
        other => panic!("expected LimitExceeded, got {:?}", other.map(|_| "a graph")),
    }
}

#[test]
fn deeply_nested_json_is_a_typed_error_not_a_stack_overflow() {
    for depth in [65usize, 1_000, 1_000_000] {
        let text = format!(
            r#"{{"version": 1, "extra": {}1{}}}"#,
            "{\"a\": [".repeat(depth / 2),
            "]}".repeat(depth / 2)
        );
        let (what, limit, actual) = exceeded(&text, &Limits::default());
        assert!(
            what.starts_with("JSON nesting depth at extra.a[0].a"),
            "{what}"
        );
        assert_eq!((limit, actual), (64, 65));
        let problems = check_str(&text);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, "limit_exceeded");
        assert!(
            problems[0].path.starts_with("extra.a[0]"),
            "{}",
            problems[0].path
        );
    }
    // a bare array nest, and unbalanced brackets
    let text = "[".repeat(10_000_000);
    let (what, ..) = exceeded(&text, &Limits::default());
    assert!(what.starts_with("JSON nesting depth"), "{what}");
    // under the limit, the document's own nesting (7) and some extra data load fine
    let mut doc = base();
    doc["objectives"][0]["extra"] = json!({"a": {"b": {"c": [1, [2, [3]]]}}});
    document::load_str(&doc.to_string()).unwrap();
}

#[test]
fn a_100_mb_string_is_refused_before_it_is_parsed() {
    let mut doc = base();
    doc["objectives"][0]["title"] = json!("x".repeat(100 << 20));
    let text = doc.to_string();
    let limits = Limits {
        max_document_bytes: 1 << 30,
        ..Limits::default()
    };
    let (what, limit, actual) = exceeded(&text, &limits);
    assert_eq!(what, "string length (bytes) at objectives[0].title");
    assert_eq!((limit, actual), (1 << 20, 100 << 20));
    assert_eq!(exceeded(&text, &Limits::default()).0, what);
    // a smaller document size limit refuses it before the scan
    let limits = Limits {
        max_document_bytes: 50 << 20,
        ..Limits::default()
    };
    let (what, limit, actual) = exceeded(&text, &limits);
    assert_eq!(what, "document size (bytes)");
    assert_eq!((limit, actual), (50 << 20, text.len() as u64));
    // before reading a file
    let err = check_size(600 << 20, &Limits::default()).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    check_size(1 << 20, &Limits::default()).unwrap();
    // numbers count as written too
    let text = format!(r#"{{"version": 1{}}}"#, "0".repeat(2 << 20));
    let (what, ..) = exceeded(&text, &Limits::default());
    assert_eq!(what, "token length (bytes) at version");
}

/// A chain of `n` objectives, `c1` under `c0`, `c2` under `c1`, ... in document order.
fn chain(n: usize) -> String {
    let mut s = String::with_capacity(n * 90);
    s.push_str(
        r#"{"version":1,"owners":[{"id":"a"}],"cycles":[{"id":"q","start":"2026-10-01","end":"2026-12-31"}],"objectives":["#,
    );
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            r#"{{"id":"c{i}","title":"","owner":"a","cycle":"q""#
        ));
        if i > 0 {
            s.push_str(&format!(r#","parents":[{{"id":"c{}"}}]"#, i - 1));
        }
        s.push('}');
    }
    s.push_str("]}");
    s
}

#[test]
fn a_million_link_chain_is_a_typed_error() {
    let text = chain(1_000_000);
    let (what, limit, actual) = exceeded(&text, &Limits::default());
    assert!(what.starts_with("alignment depth at objectives["), "{what}");
    assert_eq!((limit, actual), (100, 101));
    // within its limit, a 100-link chain loads; 101 does not
    document::load_str(&chain(100)).unwrap();
    let problems = check_str(&chain(101));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, "limit_exceeded");
    assert_eq!(problems[0].path, "objectives[0]", "the top of the chain");
}

/// The error of loading a document, which is all `okr report` shows, names where the chain
/// is too long: the objective's id and its place in the document.
#[test]
fn the_alignment_depth_error_names_the_objective_and_its_path() {
    let err = document::load_str(&chain(101)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "limit exceeded: alignment depth at objectives[0] (objectives in a chain up to \"c0\") \
         is 101, the limit is 100"
    );
    // the objectives out of document order, and one failing to load before them: the path
    // is the objective's place in the document, not in the graph
    let mut doc: Value = serde_json::from_str(&chain(102)).unwrap();
    let objectives = doc["objectives"].as_array_mut().unwrap();
    objectives.reverse();
    objectives.insert(
        0,
        json!({"id": "x", "title": "", "owner": "nobody", "cycle": "q"}),
    );
    let text = doc.to_string();
    let problems = check_str(&text);
    let paths: Vec<(&str, &str)> = problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
    // c1 is the first objective at the end of a chain of 101: it is objectives[101]
    assert_eq!(
        paths,
        [
            ("objectives[0].owner", "unknown_id"),
            ("objectives[101]", "limit_exceeded")
        ]
    );
    assert_eq!(
        problems[1].message,
        "limit exceeded: alignment depth at objectives[101] (objectives in a chain up to \
         \"c1\") is 101, the limit is 100"
    );
    let text = text.replace(r#""owner":"nobody""#, r#""owner":"a""#);
    let (what, _, actual) = exceeded(&text, &Limits::default());
    assert_eq!(
        (what.as_str(), actual),
        (
            r#"alignment depth at objectives[101] (objectives in a chain up to "c1")"#,
            101
        )
    );
}

#[test]
fn entity_counts_are_limited_and_escaped_keys_count_too() {
    let text = base().to_string();
    let small = |f: fn(&mut Limits)| {
        let mut l = Limits::default();
        f(&mut l);
        l
    };
    let (what, limit, actual) = exceeded(&text, &small(|l| l.max_objectives = 0));
    assert_eq!((what.as_str(), limit, actual), ("objectives", 0, 1));
    let (what, ..) = exceeded(&text, &small(|l| l.max_key_results = 0));
    assert_eq!(what, "key results");
    let (what, ..) = exceeded(&text, &small(|l| l.max_owners = 0));
    assert_eq!(what, "owners");
    let (what, ..) = exceeded(&text, &small(|l| l.max_cycles = 0));
    assert_eq!(what, "cycles");
    // "objectiv\u0065s" is "objectives" to the parser: it counts the same
    let escaped = text.replace("\"objectives\"", "\"objectiv\\u0065s\"");
    assert!(document::load_str(&escaped).is_ok());
    let (what, ..) = exceeded(&escaped, &small(|l| l.max_objectives = 0));
    assert_eq!(what, "objectives");
    // the problem list says the same
    let problems = check_str_with(&text, &small(|l| l.max_objectives = 0));
    assert_eq!(problems[0].code, "limit_exceeded");
    assert_eq!(problems[0].path, "objectives");
}

#[test]
fn per_entity_limits_name_the_entity() {
    let mut doc = base();
    let cis: Vec<Value> = (0..5)
        .map(|d| json!({"at": format!("2026-10-0{}", d + 1), "value": d}))
        .collect();
    doc["objectives"][0]["key_results"][0]["check_ins"] = Value::Array(cis);
    doc["objectives"][0]["parents"] = json!([{"id": "x"}, {"id": "y"}]);
    doc["objectives"][0]["key_results"][0]["measure"] =
        json!({"kind": "milestones", "milestones": [{"name": "a"}, {"name": "b"}, {"name": "c"}]});
    let text = doc.to_string();
    let limits = Limits {
        max_check_ins_per_key_result: 4,
        ..Limits::default()
    };
    let (what, limit, actual) = exceeded(&text, &limits);
    assert_eq!(what, "check-ins at objectives[0].key_results[0].check_ins");
    assert_eq!((limit, actual), (4, 5));
    let limits = Limits {
        max_parents_per_objective: 1,
        ..Limits::default()
    };
    let (what, ..) = exceeded(&text, &limits);
    assert_eq!(what, "parents at objectives[0].parents");
    let limits = Limits {
        max_milestones: 2,
        ..Limits::default()
    };
    let (what, ..) = exceeded(&text, &limits);
    assert_eq!(
        what,
        "milestones at objectives[0].key_results[0].measure.milestones"
    );
}

#[test]
fn revisions_and_plan_points_have_limits_in_the_objectives_and_in_the_history() {
    let mut doc = base();
    doc["version"] = json!(2);
    let plan: Vec<Value> = (1..=4)
        .map(|d| json!({"date": format!("2026-11-0{d}"), "value": d}))
        .collect();
    doc["objectives"][0]["key_results"][0]["plan"] = Value::Array(plan.clone());
    let revisions: Vec<Value> = (1..=3)
        .map(|d| json!({"at": format!("2026-10-0{d}"), "key_result": "k0", "set": {"weight": d}}))
        .collect();
    doc["history"] = Value::Array(revisions);
    let text = doc.to_string();
    assert!(load_str_with(&text, &Limits::default()).is_ok());
    let limits = Limits {
        max_plan_points: 3,
        ..Limits::default()
    };
    let (what, limit, actual) = exceeded(&text, &limits);
    assert_eq!(what, "plan points at objectives[0].key_results[0].plan");
    assert_eq!((limit, actual), (3, 4));
    let limits = Limits {
        max_revisions: 2,
        ..Limits::default()
    };
    let (what, limit, actual) = exceeded(&text, &limits);
    assert_eq!(what, "revisions at history");
    assert_eq!((limit, actual), (2, 3));
    // a plan set by a revision is held to the same limit
    doc["objectives"][0]["key_results"][0]["plan"] = json!([]);
    doc["history"][2]["set"] = json!({"plan": plan});
    let limits = Limits {
        max_plan_points: 3,
        ..Limits::default()
    };
    let (what, ..) = exceeded(&doc.to_string(), &limits);
    assert_eq!(what, "plan points at history[2].set.plan");
}

#[test]
fn limits_none_lifts_every_limit() {
    let text = chain(150);
    assert!(load_str_with(&text, &Limits::default()).is_err());
    let g = load_str_with(&text, &Limits::none()).unwrap();
    assert_eq!(g.objective_count(), 150);
}

#[test]
fn check_ins_written_newest_first_load_sorted() {
    let mut doc = base();
    let n = 10_000;
    let cis: Vec<Value> = (0..n)
        .rev()
        .map(|s| json!({"at": format!("2026-10-01T00:00:00Z"), "value": s % 7, "note": format!("{s}")}))
        .chain((0..n).rev().map(|s| {
            json!({"at": chrono::DateTime::from_timestamp(1_800_000_000 + s as i64 * 60, 0)
                       .unwrap().to_rfc3339(), "value": s % 10})
        }))
        .collect();
    doc["objectives"][0]["key_results"][0]["check_ins"] = Value::Array(cis);
    let limits = Limits {
        max_check_ins_per_key_result: 2 * n,
        ..Limits::default()
    };
    let g = load_str_with(&doc.to_string(), &limits).unwrap();
    let got = g.check_ins("k0");
    assert_eq!(got.len(), 2 * n);
    assert!(got.windows(2).all(|w| w[0].at <= w[1].at));
    // equal times keep document order, as one-by-one check-ins do
    let notes: Vec<&str> = got[..3]
        .iter()
        .map(|c| c.note.as_deref().unwrap())
        .collect();
    assert_eq!(
        notes,
        [
            format!("{}", n - 1),
            format!("{}", n - 2),
            format!("{}", n - 3)
        ]
    );
}

#[test]
fn links_that_would_need_a_search_each_load_in_one_pass_with_the_same_errors() {
    // Objective i has a child d_i linked first, then i goes under the end of a growing chain:
    // one call to `link` per link would search the whole chain each time.
    let n = 90; // within the depth limit
    let mut objs = Vec::new();
    for i in 0..n {
        objs.push(
            json!({"id": format!("d{i}"), "title": "", "owner": "acme", "cycle": "q4",
                         "parents": [{"id": format!("c{i}")}]}),
        );
    }
    for i in 0..n {
        let mut o = json!({"id": format!("c{i}"), "title": "", "owner": "acme", "cycle": "q4"});
        if i > 0 {
            o["parents"] = json!([{"id": format!("c{}", i - 1)}]);
        }
        objs.push(o);
    }
    let mut doc = base();
    doc["objectives"] = Value::Array(objs.clone());
    let g = document::load_str(&doc.to_string()).unwrap();
    assert_eq!(g.parents_of("c5"), [("c4", 1.0)]);
    // Put the top of the chain under d89 (which goes under c89): the link that closes the
    // cycle is the last chain link, c89 -> c88. The error is the one calling `link` on each
    // link in document order gives.
    objs[n]["parents"] = json!([{"id": format!("d{}", n - 1)}]);
    doc["objectives"] = Value::Array(objs.clone());
    let text = doc.to_string();
    let err = document::load_str(&text).unwrap_err();
    let OkrError::Document { path, message } = err else {
        panic!("{err:?}")
    };
    assert_eq!(path, format!("objectives[{}].parents[0]", 2 * n - 1));
    let one_by_one = {
        let mut g = okr_core::OkrGraph::new();
        g.add_owner(okr_core::Owner::new("acme", "Acme", "organisation"))
            .unwrap();
        let q = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        g.add_cycle(okr_core::Cycle::new("q4", q, q)).unwrap();
        for o in &objs {
            let id = o["id"].as_str().unwrap();
            g.add_objective(okr_core::Objective::new(id, "", "acme", "q4"))
                .unwrap();
        }
        objs.iter()
            .flat_map(|o| {
                let parents = o["parents"].as_array().cloned().unwrap_or_default();
                parents.into_iter().map(move |p| {
                    (
                        o["id"].as_str().unwrap().to_string(),
                        p["id"].as_str().unwrap().to_string(),
                    )
                })
            })
            .find_map(|(c, p)| g.link(&c, &p, 1.0).err())
            .unwrap()
    };
    assert!(message.contains("c89 -> c88 -> c87"), "{message}");
    assert_eq!(message, one_by_one.to_string());
    let problems = check_str(&text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code, "cycle");
}

// ----- load, save, load is lossless: times okr can write, `extra` kept exactly ---------------

const TS_YEAR0: &str = include_str!("fixtures/hostile/ts_year0.json");
const EXTRA_DUPKEY: &str = include_str!("fixtures/hostile/extra_dupkey.json");

/// The document error of loading `text`: (path, message); `check` names the same place.
#[track_caller]
fn document_error(text: &str) -> (String, String) {
    match document::load_str(text) {
        Err(OkrError::Document { path, message }) => {
            let problems = check_str(text);
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(
                (problems[0].code, problems[0].path.as_str()),
                ("document", &*path)
            );
            (path, message)
        }
        other => panic!(
            "expected a document error, got {:?}",
            other.map(|_| "a graph")
        ),
    }
}

#[test]
fn a_time_okr_cannot_write_is_refused_at_load_with_its_path() {
    // 0000-01-01T00:00:00+01:00 is in the year -1 in UTC: it used to be written as
    // -0001-12-31T23:00:00Z, which does not load again
    let (path, message) = document_error(TS_YEAR0);
    assert_eq!(path, "objectives[0].key_results[0].check_ins[0].at");
    assert!(message.contains("-0001-12-31T23:00:00Z"), "{message}");
    assert!(
        message.contains("outside the times okr can write"),
        "{message}"
    );
    let late = TS_YEAR0.replace("0000-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00");
    let (path, message) = document_error(&late);
    assert_eq!(path, "objectives[0].key_results[0].check_ins[0].at");
    assert!(message.contains("+10000-01-01T00:59:59Z"), "{message}");
    // the ends of the range, with odd offsets that stay inside it, load, save and load again
    for at in [
        "0000-01-01T00:00:00Z",
        "0000-01-01T00:00:00-00:01",
        "0000-01-01",
        "9999-12-31T23:59:59.999999999Z",
        "9999-12-31T23:59:59.999999999+23:59",
        "9999-12-31",
    ] {
        let text = TS_YEAR0.replace("0000-01-01T00:00:00+01:00", at);
        let g = document::load_str(&text).unwrap_or_else(|e| panic!("{at}: {e}"));
        let saved = g.to_json();
        let g2 = document::load_str(&saved).unwrap_or_else(|e| panic!("{at}: {e}\n{saved}"));
        assert_eq!(g2.to_json(), saved);
        assert_eq!(g2.check_ins("k"), g.check_ins("k"));
    }
}

#[test]
fn every_api_path_refuses_a_time_or_date_okr_cannot_write() {
    use chrono::{NaiveDate, TimeZone, Utc};
    use okr_core::{CheckIn, Cycle, KeyResult, Measure};
    let mut g =
        document::load_str(&TS_YEAR0.replace("0000-01-01T00:00:00+01:00", "2026-11-01")).unwrap();
    let before = g.to_json();
    let year_minus_1 = Utc.with_ymd_and_hms(-1, 12, 31, 23, 0, 0).unwrap();
    let year_10000 = Utc.with_ymd_and_hms(10000, 1, 1, 0, 59, 59).unwrap();
    for at in [year_minus_1, year_10000] {
        let e = g.check_in("k", CheckIn::value(at, 0.5)).unwrap_err();
        assert_eq!(e.code(), "invalid_check_in", "{e}");
        assert!(
            e.to_string().contains("outside the times okr can write"),
            "{e}"
        );
        let e = g
            .check_in_many(vec![("k", CheckIn::value(at, 0.5))])
            .unwrap_err();
        assert_eq!(e.code(), "invalid_check_in", "{e}");
    }
    let d = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
    for (start, end) in [(d(-1), d(2026)), (d(2026), d(10000))] {
        let e = g.add_cycle(Cycle::new("c2", start, end)).unwrap_err();
        assert_eq!(e.code(), "invalid_cycle", "{e}");
        assert!(
            e.to_string().contains("outside the dates okr can write"),
            "{e}"
        );
    }
    g.set_clock(Some(okr_core::Revise::on(
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
    )));
    let mut kr = KeyResult::new("k2", "K2", "a", Measure::numeric(0.0, 1.0));
    kr.due = Some(d(10000));
    let e = g.add_key_result(kr.clone()).unwrap_err();
    assert_eq!(e.code(), "invalid_value", "{e}");
    kr.id = "k".into();
    assert_eq!(g.update_key_result(kr).unwrap_err().code(), "invalid_value");
    // a failed operation leaves everything as it was
    assert_eq!(g.to_json(), before);
}

#[test]
fn a_duplicate_key_in_extra_is_a_document_error_with_its_path() {
    // {"a":1,"\u0061":2,"a":3}: "\u0061" is "a" again; it used to be last-wins
    let (path, message) = document_error(EXTRA_DUPKEY);
    assert_eq!(path, "owners[0].extra.a");
    assert!(
        message.starts_with("duplicate key \"a\" at line 1"),
        "{message}"
    );
    let mut doc = base();
    doc["objectives"][0]["extra"] = json!({"x": 1});
    let text = doc.to_string().replace(
        r#""extra":{"x":1}"#,
        r#""extra":{"foo":{"ok":[{"bar":1},{"bar":2}],"bar":{"baz":1,"bar":2,"baz":3}}}"#,
    );
    assert_eq!(
        document_error(&text).0,
        "objectives[0].extra.foo.bar.baz",
        "{text}"
    );
    for (extra, at) in [
        (r#"{"k":[1,{"a":1,"a":2}]}"#, "extra.k[1].a"),
        (r#"[1]"#, "extra"),
        (r#"5"#, "extra"),
    ] {
        let text = format!(r#"{{"version":1,"extra":{extra}}}"#);
        assert_eq!(document_error(&text).0, at, "{extra}");
    }
    let kr = base().to_string().replace(
        r#""title":"K0""#,
        r#""title":"K0","extra":{"q":{"w":0,"w":0}}"#,
    );
    assert_eq!(
        document_error(&kr).0,
        "objectives[0].key_results[0].extra.q.w"
    );
}

#[test]
fn extra_is_kept_exactly() {
    // huge integers, exponents, negative zero, escapes, unsorted keys, nested containers
    let extra = r#"{"zeta":12345678901234567890123,"alpha":[1.50,-0,1E400,-1e-400,0.1],"\u00e9\n":"\ud83d\ude80\u0041","m":{"z":{},"a":[[],[{}]],"big":-98765432109876543210.000000000000000000001}}"#;
    let text = EXTRA_DUPKEY.replace(r#"{"a":1,"\u0061":2,"a":3}"#, extra);
    let g = document::load_str(&text).unwrap();
    assert_eq!(g.owner("o").unwrap().extra.as_json(), extra);
    let saved = g.to_json();
    assert!(saved.contains(extra), "{saved}");
    let again = document::load_str(&saved).unwrap().to_json();
    assert_eq!(again, saved);
    // whitespace between tokens is all that goes
    let spaced = text.replace(r#"{"zeta":"#, "{ \n\t \"zeta\" :   ");
    let g = document::load_str(&spaced).unwrap();
    assert_eq!(g.owner("o").unwrap().extra.as_json(), extra);
}
