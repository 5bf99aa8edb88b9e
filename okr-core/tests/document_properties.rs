//! Property tests of documents: load, save, load is lossless (random graphs with decorations,
//! and the extremes of the time range and of `extra`).

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

mod spec;

use chrono::DateTime;
use okr_core::{
    CheckIn, Cycle, Extra, KeyResult, Measure, Objective, ObjectiveType, OkrGraph, Owner,
};
use proptest::prelude::*;

use spec::*;

// ----- (d) documents round-trip losslessly ---------------------------------------------

/// A JSON string as written: as serde_json writes it, or every UTF-16 unit as a `\uXXXX` escape
/// (upper- or lower-case hex; non-BMP characters as surrogate pairs).
fn json_string(text: &str, escape: u8) -> String {
    match escape % 3 {
        0 => serde_json::to_string(text).unwrap(),
        n => {
            let mut out = String::from("\"");
            for u in text.encode_utf16() {
                if n == 1 {
                    out.push_str(&format!("\\u{u:04x}"));
                } else {
                    out.push_str(&format!("\\u{u:04X}"));
                }
            }
            out.push('"');
            out
        }
    }
}

/// A JSON scalar as written, reaching what `serde_json::Value` cannot hold: integers with more
/// digits than u64 and f64 keep, exponents beyond f64's range, negative zero, trailing zeros,
/// escaped strings.
fn json_leaf() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|i| i.to_string()),
        any::<u64>().prop_map(|i| i.to_string()),
        decimal().prop_map(|f| serde_json::json!(f).to_string()),
        "-?[1-9][0-9]{19,60}",
        "-?(0|[1-9][0-9]{0,3})(\\.[0-9]{1,40})?[eE][+-]?[0-9]{1,5}",
        prop_oneof![
            Just("-0"),
            Just("-0.0"),
            Just("0.000"),
            Just("1.50"),
            Just("-0e-0")
        ]
        .prop_map(str::to_string),
        ("\\PC{0,8}", any::<u8>()).prop_map(|(t, e)| json_string(&t, e)),
        Just(r#""\ud83d\ude80\n\t\"\\\/\b\f\r""#.to_string()),
    ]
}

/// A JSON value as written (compact), nested arrays and objects whose keys are unique but
/// in no particular order (and escaped or not).
fn json_value() -> impl Strategy<Value = String> + Clone {
    json_leaf().prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5)
                .prop_map(|items| format!("[{}]", items.join(","))),
            json_object(inner),
        ]
    })
}

/// An object of the given values under unique keys, in the generated (unsorted) order.
fn json_object(
    value: impl Strategy<Value = String> + Clone,
) -> impl Strategy<Value = String> + Clone {
    proptest::collection::vec(("[a-z_]{0,6}|\\PC{1,4}", any::<u8>(), value), 0..5).prop_map(
        |members| {
            let members: Vec<String> = members
                .into_iter()
                .enumerate()
                // `#i` last makes the keys unique: the text after the last `#` differs
                .map(|(i, (k, e, v))| format!("{}:{v}", json_string(&format!("{k}#{i}"), e)))
                .collect();
            format!("{{{}}}", members.join(","))
        },
    )
}

fn extra() -> impl Strategy<Value = Extra> {
    json_object(json_value()).prop_map(|text| Extra::from_json(&text).unwrap())
}

/// An instant at one end of the range okr writes (0000-01-01T00:00:00Z to
/// 9999-12-31T23:59:59.999999999Z), give or take two days, as RFC 3339 text (a four-digit
/// year) with an odd offset (up to ±23:59): some of them fall outside the range in UTC.
fn edge_time() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        -2 * 86_400i64..2 * 86_400,
        prop_oneof![Just(0u32), Just(999_999_999), 0u32..1_000_000_000],
        -(23 * 60 + 59)..=(23 * 60 + 59i32),
    )
        .prop_filter_map(
            "a four-digit local year",
            |(late, secs, nanos, offset_min)| {
                let (first, last) = okr_core::time::instant_range().into_inner();
                let base = if late { last } else { first };
                let utc = base.timestamp() + secs;
                // the local time at that offset, written as text by hand (chrono writes years
                // beyond four digits with a sign, which is not RFC 3339)
                let local = DateTime::from_timestamp(utc + i64::from(offset_min) * 60, nanos)
                    .unwrap()
                    .naive_utc();
                if !(0..=9999).contains(&chrono::Datelike::year(&local)) {
                    return None;
                }
                let sign = if offset_min < 0 { '-' } else { '+' };
                let (h, m) = (offset_min.abs() / 60, offset_min.abs() % 60);
                Some(format!(
                    "{}.{:09}{sign}{h:02}:{m:02}",
                    local.format("%Y-%m-%dT%H:%M:%S"),
                    nanos
                ))
            },
        )
}

#[derive(Debug, Clone)]
struct DocDecor {
    titles: Vec<String>,
    extras: Vec<Extra>,
    text: Vec<Option<String>>,
    /// Check-in times at the ends of the range, as text (read with `parse_timestamp`: those
    /// outside are refused and left out).
    edge_times: Vec<String>,
}

fn decor() -> impl Strategy<Value = DocDecor> {
    (
        proptest::collection::vec("\\PC{0,16}", 64),
        proptest::collection::vec(extra(), 64),
        proptest::collection::vec(proptest::option::of("\\PC{0,10}"), 64),
        proptest::collection::vec(edge_time(), 0..4),
    )
        .prop_map(|(titles, extras, text, edge_times)| DocDecor {
            titles,
            extras,
            text,
            edge_times,
        })
}

/// A random graph dressed with unicode titles, extra maps on every entity, notes, authors,
/// descriptions, units, types and sub-second check-in times.
fn decorated_graph(spec: &Spec, dec: &DocDecor) -> OkrGraph {
    let mut i = 0usize;
    let mut next = || {
        i += 1;
        i % 64
    };
    let base = spec.build();
    let mut g = OkrGraph::new();
    *g.extra_mut() = dec.extras[next()].clone();
    let mut root = Owner::new("own", dec.titles[next()].clone(), "organisation");
    root.extra = dec.extras[next()].clone();
    g.add_owner(root).unwrap();
    let mut person = Owner::new("ppl", dec.titles[next()].clone(), "person").with_parent("own");
    person.extra = dec.extras[next()].clone();
    g.add_owner(person).unwrap();
    for c in base.cycles() {
        let mut c = c.clone();
        c.name = dec.titles[next()].clone();
        c.extra = dec.extras[next()].clone();
        g.add_cycle(c).unwrap();
    }
    for o in base.objectives() {
        let mut o = o.clone();
        o.title = dec.titles[next()].clone();
        o.description = dec.text[next()].clone().unwrap_or_default();
        o.extra = dec.extras[next()].clone();
        if next() % 2 == 0 {
            o.kind = ObjectiveType::Aspirational;
        }
        g.add_objective(o).unwrap();
    }
    for o in base.objectives() {
        for (p, w) in base.parents_of(&o.id) {
            // some links only support
            let kind = if next() % 3 == 0 {
                okr_core::LinkKind::Supports
            } else {
                okr_core::LinkKind::Contributes
            };
            g.link_with(&o.id, p, w, kind).unwrap();
        }
    }
    for k in base.key_results() {
        let mut k = k.clone();
        k.title = dec.titles[next()].clone();
        k.extra = dec.extras[next()].clone();
        if next() % 3 == 0 {
            k.owner = Some("ppl".into());
        }
        if let Measure::Numeric { unit, .. } = &mut k.measure {
            *unit = dec.titles[next()].chars().take(3).collect();
        }
        g.add_key_result(k).unwrap();
    }
    for (k, mut c) in spec.check_ins() {
        c.note = dec.text[next()].clone();
        c.author = dec.text[next()].clone();
        c.extra = dec.extras[next()].clone();
        g.check_in(&format!("k{k}"), c).unwrap();
    }
    // dependencies between objectives and key results, with notes and start days (those
    // that would close a cycle are refused and left out)
    let nodes: Vec<String> = (g.objectives().map(|o| o.id.clone()))
        .chain(g.key_results().map(|k| k.id.clone()))
        .collect();
    for j in 0..nodes.len() {
        let (a, b) = (&nodes[next() % nodes.len()], &nodes[j]);
        let mut dep = okr_core::Dependency::new(a.clone(), b.clone());
        dep.note = dec.text[next()].clone();
        if next() % 2 == 0 {
            dep.start_by = Some(cycle_period(0).0 + chrono::Duration::days(next() as i64));
        }
        if let Err(e) = g.add_dependency(dep) {
            assert!(
                ["dependency_cycle", "already_dependent"].contains(&e.code()),
                "{e}"
            );
        }
    }
    // a KPI with values at the check-ins' times (and notes), and a key result taking its
    // values from it
    let unit: String = dec.titles[next()].chars().take(3).collect();
    let mut kpi = okr_core::Kpi::new(
        "kpi",
        dec.titles[next()].clone(),
        okr_core::KpiHealth::AtOrAbove { value: 0.5 },
    )
    .with_unit(unit.clone())
    .with_owner("ppl")
    .with_target("2026-11", 0.75);
    kpi.extra = dec.extras[next()].clone();
    g.add_kpi(kpi).unwrap();
    for (_, c) in spec.check_ins() {
        if let okr_core::CheckInValue::Value(v) = c.value {
            let mut value = okr_core::KpiValue::new(c.at, v);
            value.note = dec.text[next()].clone();
            g.record_kpi_value("kpi", value).unwrap();
        }
    }
    if let Some(o) = base.objectives().next() {
        let m = Measure::Numeric {
            start: 0.0,
            target: 1.0,
            unit,
            direction: None,
        };
        g.add_key_result(KeyResult::new("from-kpi", "From the KPI", &o.id, m).with_kpi("kpi"))
            .unwrap();
    }
    // the same check-ins again at the ends of the range of times
    let again: Vec<_> = spec.check_ins().into_iter().collect();
    for (t, (k, mut c)) in dec.edge_times.iter().zip(again) {
        match okr_core::document::parse_timestamp(t) {
            Ok(at) => {
                c.at = at;
                g.check_in(&format!("k{k}"), c).unwrap();
            }
            Err(e) => assert!(e.to_string().contains("outside the times okr can write")),
        }
    }
    g
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn documents_round_trip(spec in spec(6, Vals::Decimal), dec in decor()) {
        let g = decorated_graph(&spec, &dec);
        let doc = g.to_document();
        let json = g.to_json();
        let parsed = okr_core::document::parse_str(&json).unwrap();
        prop_assert_eq!(&parsed, &doc, "parse(save(g)) != document of g");
        let g2 = okr_core::document::load_str(&json).unwrap();
        prop_assert_eq!(g2.to_json(), json.clone());
        prop_assert_eq!(g2.to_document(), doc.clone());
        // and once more: load -> save -> load
        let g3 = OkrGraph::from_json(&g2.to_json()).unwrap();
        prop_assert_eq!(g3.to_document(), doc);
        prop_assert!(okr_core::document::check_str(&json).is_empty());
        // a snapshot holds the same document, and writes the same bytes again
        let snap = g.to_snapshot();
        let g4 = OkrGraph::from_snapshot(&snap).unwrap();
        prop_assert_eq!(g4.to_json(), json.clone());
        prop_assert_eq!(g4.to_snapshot(), snap);
        // the check-in times survive to the nanosecond
        for k in g.key_results() {
            prop_assert_eq!(g.check_ins(&k.id), g2.check_ins(&k.id));
        }
        // link kinds and dependencies too
        for o in g.objectives() {
            prop_assert_eq!(g.parent_links(&o.id), g2.parent_links(&o.id));
        }
        prop_assert_eq!(
            g.dependencies().collect::<Vec<_>>(),
            g2.dependencies().collect::<Vec<_>>()
        );
        // the loaded graph rolls up the same (up to summation order of children)
        let at = spec.as_of();
        let (r1, r2) = (g.rollup(at), g2.rollup(at));
        for n in r1.nodes() {
            let m = r2.get(n.id).unwrap().values;
            prop_assert!(opt_close(n.values.progress, m.progress), "{}", n.id);
            prop_assert_eq!(n.values.status, m.status);
            prop_assert_eq!(n.values.blocked, m.blocked);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Every document the loader accepts saves to a document that loads to the same graph and
    /// saves byte-identical: check-in times at the ends of the range (with odd offsets) and
    /// `extra` objects written any way JSON allows. What it cannot write it refuses, naming
    /// the place.
    #[test]
    fn load_save_load_is_lossless_at_the_extremes(
        at in edge_time(),
        extras in proptest::collection::vec(json_object(json_value()), 5),
    ) {
        let text = format!(
            r#"{{"version":1,"owners":[{{"id":"o","extra":{e0}}}],
            "cycles":[{{"id":"q","start":"0000-01-01","end":"9999-12-31","extra":{e1}}}],
            "objectives":[{{"id":"a","title":"A","owner":"o","cycle":"q","extra":{e2},
              "key_results":[{{"id":"k","title":"K","due":"9999-12-31",
                "measure":{{"kind":"numeric","start":0,"target":1}},"extra":{e3},
                "check_ins":[{{"at":"{at}","value":0.5,"extra":{e4}}}]}}]}}],
            "extra":{e0}}}"#,
            e0 = extras[0], e1 = extras[1], e2 = extras[2], e3 = extras[3], e4 = extras[4],
        );
        match okr_core::document::load_str(&text) {
            Ok(g) => {
                let saved = g.to_json();
                let g2 = okr_core::document::load_str(&saved).unwrap();
                prop_assert_eq!(g2.to_json(), saved.clone());
                prop_assert_eq!(g2.to_document(), g.to_document());
                prop_assert_eq!(g2.check_ins("k"), g.check_ins("k"));
                // and through a snapshot
                let g3 = OkrGraph::from_snapshot(&g.to_snapshot()).unwrap();
                prop_assert_eq!(g3.to_json(), saved.clone());
                prop_assert_eq!(g3.check_ins("k")[0].extra.as_json(), &extras[4]);
                // every extra exactly as written (the generator writes compact JSON)
                prop_assert_eq!(g2.owner("o").unwrap().extra.as_json(), &extras[0]);
                prop_assert_eq!(g2.extra().as_json(), &extras[0]);
                prop_assert_eq!(g2.cycles().next().unwrap().extra.as_json(), &extras[1]);
                prop_assert_eq!(g2.objective("a").unwrap().extra.as_json(), &extras[2]);
                prop_assert_eq!(g2.key_result("k").unwrap().extra.as_json(), &extras[3]);
                prop_assert_eq!(g2.check_ins("k")[0].extra.as_json(), &extras[4]);
                prop_assert_eq!(
                    g2.check_ins("k")[0].at,
                    okr_core::document::parse_timestamp(&at).unwrap()
                );
            }
            Err(okr_core::OkrError::Document { path, message }) => {
                prop_assert_eq!(path, "objectives[0].key_results[0].check_ins[0].at");
                prop_assert!(message.contains("outside the times okr can write"), "{}", message);
            }
            Err(e) => prop_assert!(false, "{}", e),
        }
    }
}

/// Without serde_json's `float_roundtrip` feature a value with 16-17 significant digits came
/// back one unit in the last place off (970008.0988731253 read as 970008.0988731252): the
/// workspace enables the feature so save/load is lossless.
#[test]
fn full_precision_floats_round_trip() {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("own", "O", "team")).unwrap();
    let (s, e) = cycle_period(0);
    g.add_cycle(Cycle::new("c", s, e)).unwrap();
    g.add_objective(Objective::new("o", "O", "own", "c"))
        .unwrap();
    g.add_key_result(KeyResult::new("k", "K", "o", Measure::numeric(0.0, 1e6)))
        .unwrap();
    g.check_in(
        "k",
        CheckIn::value(base_time(), 970008.0988731253).with_confidence(0.123_456_789_012_345_67),
    )
    .unwrap();
    let g2 = okr_core::document::load_str(&g.to_json()).unwrap();
    assert_eq!(g2.check_ins("k"), g.check_ins("k"));
}
