//! Analytics: a hand-worked organisation with known answers, and property tests of the
//! formulas (shares add up, what-if never mutates, exact linear forecasts).

use chrono::{NaiveDate, TimeZone, Utc};
use okr_core::analytics::{CoverageOptions, Grade, GradeBands};
use okr_core::{
    CheckIn, CheckInValue, Cycle, KeyResult, Measure, NodeKind, Objective, ObjectiveType, OkrGraph,
    Owner, RollupConfig, Status,
};
use proptest::prelude::*;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(m: u32, d: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, 0, 0, 0).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// The hand-worked organisation (cycle Q4 2026: 1 Oct to 31 Dec, 92 days):
///
/// ```text
/// top (acme)             k1: 0 -> 100, 50 on 1 Nov           p = 0.5
/// ├─ s (sales), weight 3 ks: 0 -> 10, 2 on 1 Nov             p = 0.2
/// │  ├─ a (ana), w 1     ka: 0 -> 4, 0.5 / 1.5 / 2.0 on days 10 / 30 / 40  p = 0.5
/// │  └─ b (bo), w 1      kb: 100 -> 50 (decreasing), 80 on 1 Nov          p = 0.4
/// └─ a, weight 1         (a has two parents)
/// orphan (cy)            ko: 0 -> 10, no check-in            p = 0
///                        kz: 0 -> 10, 12 on 2 Oct (target met at the start)
/// ```
///
/// p(s) = (0.2 + 0.5 + 0.4) / 3 = 0.3667; p(top) = (1·0.5 + 3·p(s) + 1·0.5) / 5 = 0.42.
/// Shares in top: k1 = 1/5, ks = 3/5 · 1/3, kb = 3/5 · 1/3, ka = 3/5 · 1/3 + 1/5 = 0.4.
fn org() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_owner(Owner::new("sales", "Sales", "department").with_parent("acme"))
        .unwrap();
    g.add_owner(Owner::new("ana", "Ana", "person").with_parent("sales"))
        .unwrap();
    g.add_owner(Owner::new("bo", "Bo", "Person").with_parent("sales"))
        .unwrap();
    g.add_owner(Owner::new("cy", "Cy", "person").with_parent("acme"))
        .unwrap();
    g.add_cycle(Cycle::new("q4", day(10, 1), day(12, 31)))
        .unwrap();
    for (id, owner) in [
        ("top", "acme"),
        ("s", "sales"),
        ("a", "ana"),
        ("b", "bo"),
        ("orphan", "cy"),
    ] {
        let mut o = Objective::new(id, format!("Objective {id}"), owner, "q4");
        if id == "a" {
            o.kind = ObjectiveType::Aspirational;
        }
        g.add_objective(o).unwrap();
    }
    g.link("s", "top", 3.0).unwrap();
    g.link("a", "s", 1.0).unwrap();
    g.link("b", "s", 1.0).unwrap();
    g.link("a", "top", 1.0).unwrap();
    let kr = |id: &str, o: &str, m: Measure| KeyResult::new(id, format!("KR {id}"), o, m);
    g.add_key_result(kr("k1", "top", Measure::numeric(0.0, 100.0)))
        .unwrap();
    g.add_key_result(kr("ks", "s", Measure::numeric(0.0, 10.0)))
        .unwrap();
    g.add_key_result(kr("ka", "a", Measure::numeric(0.0, 4.0)))
        .unwrap();
    g.add_key_result(kr("kb", "b", Measure::numeric(100.0, 50.0)))
        .unwrap();
    g.add_key_result(kr("ko", "orphan", Measure::numeric(0.0, 10.0)))
        .unwrap();
    g.add_key_result(kr("kz", "orphan", Measure::numeric(0.0, 10.0)))
        .unwrap();
    g.check_in("kz", CheckIn::value(at(10, 2), 12.0)).unwrap();
    g.check_in("k1", CheckIn::value(at(11, 1), 50.0)).unwrap();
    g.check_in("ks", CheckIn::value(at(11, 1), 2.0)).unwrap();
    g.check_in("kb", CheckIn::value(at(11, 1), 80.0).with_confidence(0.8))
        .unwrap();
    for (m, d, v) in [(10, 11, 0.5), (10, 31, 1.5), (11, 10, 2.0)] {
        g.check_in("ka", CheckIn::value(at(m, d), v)).unwrap();
    }
    g
}

const AS_OF: (u32, u32) = (11, 15);

#[test]
fn hand_worked_rollup_is_the_premise() {
    let r = org().rollup(day(AS_OF.0, AS_OF.1));
    let p = |id: &str| r.objective(id).unwrap().progress.unwrap();
    assert!(close(p("a"), 0.5));
    assert!(close(p("b"), 0.4));
    assert!(close(p("s"), 1.1 / 3.0));
    assert!(close(p("top"), 0.42));
}

#[test]
fn contributions_by_hand() {
    let g = org();
    let c = g
        .contributions("top", day(AS_OF.0, AS_OF.1), &RollupConfig::default())
        .unwrap();
    assert!(close(c.progress.unwrap(), 0.42));
    let got: Vec<(&str, f64)> = c
        .key_results
        .iter()
        .map(|k| (k.key_result.as_str(), k.share))
        .collect();
    let want = [("ka", 0.4), ("k1", 0.2), ("kb", 0.2), ("ks", 0.2)];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((id, s), (wid, ws)) in got.iter().zip(want) {
        assert_eq!(*id, wid);
        assert!(close(*s, ws), "{id}: {s}");
    }
    let ka = &c.key_results[0];
    assert_eq!(ka.objective, "a");
    assert!(close(ka.contribution, 0.2) && close(ka.headroom, 0.2));
    // The orphan's key results have no share in top.
    assert!(
        c.key_results
            .iter()
            .all(|k| !k.key_result.starts_with("ko"))
    );
    let movers: Vec<&str> = c
        .top_movers(2)
        .iter()
        .map(|k| k.key_result.as_str())
        .collect();
    assert_eq!(movers, ["ka", "k1"]);
    // A middle objective: shares of s are a third each.
    let s = g
        .contributions("s", day(AS_OF.0, AS_OF.1), &RollupConfig::default())
        .unwrap();
    assert!(s.key_results.iter().all(|k| close(k.share, 1.0 / 3.0)));
    let err = g
        .contributions("nope", day(AS_OF.0, AS_OF.1), &RollupConfig::default())
        .unwrap_err();
    assert_eq!(
        (err.code(), err.ids().collect::<Vec<_>>()),
        ("unknown_id", vec!["nope"])
    );
}

#[test]
fn what_if_by_hand_and_leaves_the_graph_alone() {
    let g = org();
    let before = g.to_json();
    let r = g
        .what_if(
            day(AS_OF.0, AS_OF.1),
            &[("kb".to_string(), CheckInValue::Value(50.0))],
            &RollupConfig::default(),
        )
        .unwrap();
    // p(b) = 1, p(s) = (0.2 + 0.5 + 1) / 3, p(top) = (0.5 + 1.7 + 0.5) / 5 = 0.54.
    assert!(close(r.objective("top").unwrap().progress.unwrap(), 0.54));
    assert_eq!(g.to_json(), before);
    assert!(close(
        g.rollup(day(AS_OF.0, AS_OF.1))
            .objective("top")
            .unwrap()
            .progress
            .unwrap(),
        0.42
    ));
    // A bad hypothetical value is the check-in's own error, and still changes nothing.
    let err = g
        .what_if(
            day(AS_OF.0, AS_OF.1),
            &[("kb".to_string(), CheckInValue::Done(true))],
            &RollupConfig::default(),
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid_check_in");
    assert_eq!(g.to_json(), before);
}

#[test]
fn coverage_by_hand() {
    let g = org();
    let c = g
        .coverage(&CoverageOptions {
            cycle: Some("q4".into()),
            ..CoverageOptions::default()
        })
        .unwrap();
    assert_eq!((c.objectives, c.people, c.traced_objectives), (5, 3, 4));
    assert!(close(c.traced_share, 0.8));
    assert_eq!(c.top_level.len(), 1);
    let top = &c.top_level[0];
    assert_eq!(
        (top.objective.as_str(), top.objectives, top.people),
        ("top", 4, 2)
    );
    assert!(close(top.objective_share, 0.8) && close(top.people_share, 2.0 / 3.0));
    assert_eq!(c.people_without_aligned_objectives, ["cy"]);
    let err = g
        .coverage(&CoverageOptions {
            cycle: Some("q9".into()),
            ..CoverageOptions::default()
        })
        .unwrap_err();
    assert_eq!(err.code(), "unknown_id");
}

#[test]
fn forecast_by_hand() {
    let g = org();
    let f = g
        .forecast(day(AS_OF.0, AS_OF.1), &RollupConfig::default())
        .unwrap();
    let kr = |id: &str| f.key_results.iter().find(|k| k.key_result == id).unwrap();
    // ka: exactly linear, 0.05 per day: 0.05 · 92 = 4.6 at the end of 31 Dec; no band.
    let ka = kr("ka");
    assert_eq!(ka.points, 3);
    assert!(
        close(ka.slope_per_day, 0.05) && close(ka.value, 4.6),
        "{ka:?}"
    );
    assert!(close(ka.low, ka.value) && close(ka.high, ka.value));
    assert_eq!(ka.progress, Some(1.0));
    assert!(close(ka.attainment.unwrap(), 1.15));
    // k1: one check-in (50 on day 31) and the start value 0 at day 0.
    let k1 = kr("k1");
    assert_eq!(k1.points, 2);
    assert!(close(k1.value, 50.0 / 31.0 * 92.0));
    // kb decreases: 100 -> 80 in 31 days, so 100 - 20 / 31 · 92 at the end.
    let kb = kr("kb");
    assert!(close(kb.value, 100.0 - 20.0 / 31.0 * 92.0));
    assert_eq!(kb.progress, Some(1.0));
    // ko has no check-in.
    assert_eq!(f.skipped.len(), 1, "{:?}", f.skipped);
    assert_eq!(f.skipped[0].key_result, "ko");
    // Objective forecasts are the rollup of the projections.
    let ks = kr("ks").progress.unwrap();
    let p = |id: &str| {
        f.objectives
            .iter()
            .find(|o| o.objective == id)
            .unwrap()
            .progress
            .unwrap()
    };
    let s = (ks + 1.0 + 1.0) / 3.0;
    assert!(close(p("s"), s));
    assert!(close(p("top"), (1.0 + 3.0 * s + 1.0) / 5.0));
}

#[test]
fn scores_and_grades_by_hand() {
    let g = org();
    let after = NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
    let s = g.scores(after, &GradeBands::default()).unwrap();
    let top = s.get("top").unwrap();
    assert!(top.is_final && close(top.score.unwrap(), 0.42));
    assert_eq!(top.grade, Grade::Partial);
    // Aspirational a at 0.5: partial (success from 0.7); ka scored at 0.5 like its objective.
    assert_eq!(s.get("a").unwrap().grade, Grade::Partial);
    assert_eq!(s.get("ka").unwrap().kind, NodeKind::KeyResult);
    let bands = GradeBands {
        aspirational_success: 0.5,
        ..GradeBands::default()
    };
    assert_eq!(
        g.scores(after, &bands).unwrap().get("a").unwrap().grade,
        Grade::Success
    );
    assert_eq!(s.get("ko").unwrap().grade, Grade::Miss);
    // Before the end, scores are provisional: progress at the as-of date.
    let early = g.scores(day(10, 20), &GradeBands::default()).unwrap();
    let ka = early.get("ka").unwrap();
    assert!(!ka.is_final && close(ka.score.unwrap(), 0.125));
    let bad = GradeBands {
        partial: 0.9,
        aspirational_success: 0.7,
        committed_success: 1.0,
    };
    assert_eq!(g.scores(after, &bad).unwrap_err().code(), "invalid_config");
}

#[test]
fn diff_by_hand() {
    let g = org();
    let d = g
        .diff(day(10, 20), day(AS_OF.0, AS_OF.1), &RollupConfig::default())
        .unwrap();
    let find = |id: &str| d.changes.iter().find(|c| c.id == id).unwrap();
    // k1: 0 -> 0.5 (largest move first), ka: 0.125 -> 0.5.
    assert_eq!(d.changes[0].id, "k1");
    assert!(close(find("k1").delta.unwrap(), 0.5));
    assert!(close(find("ka").delta.unwrap(), 0.375));
    // The orphan's key result ko did not move (0 throughout), though its status changed.
    assert!(
        d.changes
            .iter()
            .all(|c| c.id != "ko" || c.delta == Some(0.0))
    );
    assert!(
        d.changes
            .windows(2)
            .all(|w| { w[0].delta.map_or(-1.0, f64::abs) >= w[1].delta.map_or(-1.0, f64::abs) })
    );
    // k1 at 10-20: 0 against an expected 20/92 = 0.22 (at risk); at 11-15: 0.5 against 0.5.
    let k1 = find("k1");
    assert_eq!(
        (k1.from_status, k1.to_status),
        (Status::AtRisk, Status::OnTrack)
    );
    assert!(k1.status_changed());
}

#[test]
fn scorecards_by_hand() {
    let g = org();
    let cards = g
        .scorecards(
            NaiveDate::from_ymd_opt(2027, 1, 10).unwrap(),
            &Default::default(),
        )
        .unwrap();
    let owners: Vec<&str> = cards.iter().map(|c| c.owner.as_str()).collect();
    assert_eq!(owners, ["acme", "sales", "ana", "bo", "cy"]);
    let card = |o: &str| cards.iter().find(|c| c.owner == o).unwrap();
    let value = |o: &str, name: &str| card(o).signal(name).unwrap().value;
    // ana: objective a scored 0.5; ka checked in on days 10, 30 and 40 of 92: buckets 1, 4 and
    // 5 of ceil(92 / 7) = 14.
    assert_eq!(value("ana", "attainment"), Some(0.5));
    assert_eq!(value("ana", "aligned_share"), Some(1.0));
    assert!(close(
        value("ana", "check_in_discipline").unwrap(),
        3.0 / 14.0
    ));
    assert_eq!(value("ana", "stretch"), None); // its only key result starts at 0
    // bo: 100 -> 50 asks for a change of 0.5; confidence 0.8 on a committed key result that
    // ended at 0.4 (not a success): Brier (0.8 - 0)² = 0.64.
    assert_eq!(value("bo", "stretch"), Some(0.5));
    assert!(close(value("bo", "calibration").unwrap(), 0.64));
    // cy: the orphan, kz met its target on day 1.
    assert_eq!(value("cy", "aligned_share"), Some(0.0));
    let reached = card("cy").signal("target_already_reached").unwrap();
    assert!(
        reached.raised && reached.explanation.contains("kz"),
        "{reached:?}"
    );
    assert!(!card("ana").signal("target_already_reached").unwrap().raised);
    assert!(
        card("bo")
            .signal("calibration")
            .unwrap()
            .explanation
            .contains("Brier")
    );
}

#[test]
fn consistent_overachievement_needs_two_cycles_of_low_stretch() {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("org", "Org", "organisation"))
        .unwrap();
    for (id, owner) in [("zed", "org"), ("yan", "org")] {
        g.add_owner(Owner::new(id, id, "person").with_parent(owner))
            .unwrap();
    }
    for (c, m0, m1) in [("q1", 1, 3), ("q2", 4, 6), ("q3", 7, 9)] {
        let end = NaiveDate::from_ymd_opt(2026, m1 + 1, 1)
            .unwrap()
            .pred_opt()
            .unwrap();
        g.add_cycle(Cycle::new(c, day(m0, 1), end)).unwrap();
    }
    // zed: +5% targets beaten by far in q1 and q2 (attainment 1.4); yan: +50% targets, same
    // attainment; q3 is not finished at the as-of date.
    for (owner, target) in [("zed", 105.0), ("yan", 150.0)] {
        for c in ["q1", "q2", "q3"] {
            let o = format!("{owner}-{c}");
            g.add_objective(Objective::new(&o, "O", owner, c)).unwrap();
            let k = format!("{o}-k");
            g.add_key_result(KeyResult::new(&k, "K", &o, Measure::numeric(100.0, target)))
                .unwrap();
            let m = match c {
                "q1" => 2,
                "q2" => 5,
                _ => 8,
            };
            g.check_in(
                &k,
                CheckIn::value(at(m, 15), 100.0 + (target - 100.0) * 1.4),
            )
            .unwrap();
        }
    }
    let cards = g.scorecards(day(8, 20), &Default::default()).unwrap();
    let sig = |o: &str| {
        cards
            .iter()
            .find(|c| c.owner == o)
            .unwrap()
            .signal("consistent_overachievement")
            .unwrap()
            .clone()
    };
    assert!(
        sig("zed").raised && sig("zed").value == Some(2.0),
        "{:?}",
        sig("zed")
    );
    assert!(!sig("yan").raised && sig("yan").value == Some(0.0));
    let bad = okr_core::analytics::ScorecardOptions {
        cadence_days: Some(0),
        ..Default::default()
    };
    assert_eq!(
        g.scorecards(day(8, 20), &bad).unwrap_err().code(),
        "invalid_config"
    );
}

#[test]
fn graph_pictures() {
    use okr_core::analytics::GraphFormat;
    let mut g = org();
    g.set_clock(Some(okr_core::Revise::on(
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
    )));
    let mut o = g.objective("orphan").unwrap().clone();
    o.title = "Fix <this> & \"that\"".into();
    g.update_objective(o).unwrap();
    let as_of = day(AS_OF.0, AS_OF.1);
    let cfg = RollupConfig::default();
    let r = g.rollup(as_of);
    let dot = g.render_graph(GraphFormat::Dot, as_of, &cfg).unwrap();
    assert!(dot.starts_with("digraph okr {") && dot.trim_end().ends_with('}'));
    assert!(dot.contains("\"s\" -> \"top\" [label=\"3\"];"), "{dot}");
    assert!(dot.contains("\"a\" -> \"s\" [label=\"1\"];"));
    assert!(dot.contains("\"a\" -> \"top\" [label=\"1\"];"));
    assert!(dot.contains("Fix <this> & \\\"that\\\""), "{dot}");
    // top: 0.42 against an expected 46 / 92 = 0.5, within the 0.10 on-track margin.
    assert!(dot.contains("Objective top\\n42.0% · on track"), "{dot}");
    let mermaid = g.render_graph(GraphFormat::Mermaid, as_of, &cfg).unwrap();
    assert!(mermaid.starts_with("flowchart BT\n"));
    assert_eq!(mermaid.matches("-->|").count(), 4);
    assert!(mermaid.contains("-->|3|"));
    assert!(mermaid.contains("Fix #lt;this#gt; & #quot;that#quot;"));
    let svg = g.render_graph(GraphFormat::Svg, as_of, &cfg).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(svg.matches("<rect ").count(), 5);
    assert_eq!(svg.matches("<line ").count(), 4);
    assert!(svg.contains("Fix &lt;this&gt; &amp; &quot;that&quot;"));
    for o in r.objectives() {
        let tag = format!(
            "data-id=\"{}\" data-status=\"{}\"",
            o.id,
            o.values.status.as_str()
        );
        assert!(svg.contains(&tag), "{tag}");
    }
    assert_eq!("SVG".parse::<GraphFormat>().unwrap(), GraphFormat::Svg);
    assert_eq!(
        "png".parse::<GraphFormat>().unwrap_err().code(),
        "invalid_value"
    );
}

// ----- properties ---------------------------------------------------------------------------

/// A random organisation: `n` objectives under one owner, links from `(a, b)` pairs oriented
/// from the higher to the lower index (so acyclic), one numeric key result per objective with
/// a random current value, random weights (some 0).
fn random_org(n: usize, links: &[(usize, usize, u8)], values: &[(u8, u8)]) -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("org", "Org", "organisation"))
        .unwrap();
    g.add_cycle(Cycle::new("q4", day(10, 1), day(12, 31)))
        .unwrap();
    for i in 0..n {
        g.add_objective(Objective::new(format!("o{i}"), "O", "org", "q4"))
            .unwrap();
        let (v, w) = values[i % values.len()];
        g.add_key_result(
            KeyResult::new(
                format!("k{i}"),
                "K",
                format!("o{i}"),
                Measure::numeric(0.0, 10.0),
            )
            .with_weight(f64::from(w % 3)),
        )
        .unwrap();
        g.check_in(
            &format!("k{i}"),
            CheckIn::value(at(11, 1), f64::from(v % 12)),
        )
        .unwrap();
    }
    for &(a, b, w) in links {
        let (a, b) = (a % n, b % n);
        if a != b {
            let (child, parent) = (a.max(b), a.min(b));
            let _ = g.link(
                &format!("o{child}"),
                &format!("o{parent}"),
                f64::from(w % 3),
            );
        }
    }
    g
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn shares_add_up_to_one_and_reproduce_progress(
        n in 1usize..25,
        links in prop::collection::vec((0usize..25, 0usize..25, 0u8..6), 0..50),
        values in prop::collection::vec((0u8..24, 0u8..6), 1..25),
    ) {
        let g = random_org(n, &links, &values);
        let as_of = day(11, 15);
        let r = g.rollup(as_of);
        for i in 0..n {
            let id = format!("o{i}");
            let c = g.contributions(&id, as_of, &RollupConfig::default()).unwrap();
            match c.progress {
                Some(p) => {
                    let total: f64 = c.key_results.iter().map(|k| k.share).sum();
                    prop_assert!((total - 1.0).abs() < 1e-9, "{id}: shares sum to {total}");
                    let sum: f64 = c.key_results.iter().map(|k| k.contribution).sum();
                    prop_assert!((sum - p).abs() < 1e-9, "{id}: {sum} != {p}");
                    prop_assert_eq!(Some(p), r.objective(&id).unwrap().progress);
                }
                None => prop_assert!(c.key_results.is_empty()),
            }
        }
    }

    #[test]
    fn what_if_never_mutates(
        n in 1usize..15,
        links in prop::collection::vec((0usize..15, 0usize..15, 0u8..6), 0..30),
        values in prop::collection::vec((0u8..24, 0u8..6), 1..15),
        changes in prop::collection::vec((0usize..20, -5.0f64..15.0), 0..5),
    ) {
        let g = random_org(n, &links, &values);
        let before = g.to_json();
        let values: Vec<(String, CheckInValue)> = changes
            .iter()
            .map(|(k, v)| (format!("k{k}"), CheckInValue::Value(*v)))
            .collect();
        let result = g.what_if(day(11, 15), &values, &RollupConfig::default());
        prop_assert_eq!(g.to_json(), before);
        // Valid changes give the rollup of a graph with those check-ins applied.
        if let Ok(r) = result {
            let mut copy = okr_core::document::load_str(&g.to_json()).unwrap();
            for (k, v) in &values {
                copy.check_in(k, CheckIn { value: v.clone(), ..CheckIn::value(
                    okr_core::AsOf::from(day(11, 15)).0, 0.0) }).unwrap();
            }
            let want = copy.rollup(day(11, 15));
            for o in want.objectives() {
                let got = r.objective(o.id).unwrap().progress;
                match (o.values.progress, got) {
                    (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-12, "{}: {x} != {y}", o.id),
                    (x, y) => prop_assert_eq!(x, y),
                }
            }
        } else {
            prop_assert!(changes.iter().any(|(k, _)| *k >= n));
        }
    }

    #[test]
    fn linear_check_ins_forecast_exactly(
        a in -100.0f64..100.0,
        b in 0.01f64..5.0,
        days in prop::collection::btree_set(1u32..70, 2..8),
    ) {
        let mut g = OkrGraph::new();
        g.add_owner(Owner::new("org", "Org", "organisation")).unwrap();
        g.add_cycle(Cycle::new("q4", day(10, 1), day(12, 31))).unwrap();
        g.add_objective(Objective::new("o", "O", "org", "q4")).unwrap();
        g.add_key_result(KeyResult::new("k", "K", "o", Measure::numeric(a - 1.0, a + 500.0))).unwrap();
        for &d in &days {
            let t = at(10, 1) + chrono::Duration::days(i64::from(d));
            g.check_in("k", CheckIn::value(t, a + b * f64::from(d))).unwrap();
        }
        let f = g.forecast(day(12, 10), &RollupConfig::default()).unwrap();
        let k = &f.key_results[0];
        let want = a + b * 92.0;
        prop_assert!((k.value - want).abs() < 1e-6 * want.abs().max(1.0), "{} != {want}", k.value);
        prop_assert!((k.slope_per_day - b).abs() < 1e-9);
        prop_assert!((k.high - k.low).abs() < 1e-6);
    }
}
