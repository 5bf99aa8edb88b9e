//! Link kinds and dependencies through the public API: what counts, what is refused, what the
//! history, the report, the explanation and documents say.

use chrono::NaiveDate;
use okr_core::{
    CheckIn, Cycle, Dependency, KeyResult, LinkKind, LogFilter, Measure, Objective, OkrGraph,
    Owner, Revise, Status,
};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn at(m: u32, day: u32) -> chrono::DateTime<chrono::Utc> {
    d(m, day).and_hms_opt(9, 0, 0).unwrap().and_utc()
}

/// grow <- sales (contributes, 50% done), grow <- brand (supports, 100% done); launch and
/// platform with a key result each, in q4; later in fy2027.
fn graph() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_cycle(Cycle::new("q4", d(10, 1), d(12, 31))).unwrap();
    g.add_cycle(Cycle::new(
        "fy2027",
        NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
    ))
    .unwrap();
    for id in ["grow", "sales", "brand", "launch", "platform"] {
        g.add_objective(Objective::new(id, id, "acme", "q4"))
            .unwrap();
    }
    g.add_objective(Objective::new("later", "later", "acme", "fy2027"))
        .unwrap();
    g.link("sales", "grow", 1.0).unwrap();
    g.link_with("brand", "grow", 3.0, LinkKind::Supports)
        .unwrap();
    for (k, o) in [
        ("sales-kr", "sales"),
        ("brand-kr", "brand"),
        ("launch-kr", "launch"),
        ("platform-kr", "platform"),
    ] {
        g.add_key_result(KeyResult::new(k, k, o, Measure::numeric(0.0, 100.0)))
            .unwrap();
    }
    g.check_in("sales-kr", CheckIn::value(at(10, 10), 50.0))
        .unwrap();
    g.check_in("brand-kr", CheckIn::value(at(10, 10), 100.0))
        .unwrap();
    g
}

// ----- link kinds ------------------------------------------------------------------------

#[test]
fn a_supporting_link_is_shown_but_never_counted() {
    let g = graph();
    assert_eq!(g.link_kind("brand", "grow"), Some(LinkKind::Supports));
    assert_eq!(g.link_kind("sales", "grow"), Some(LinkKind::Contributes));
    assert_eq!(g.link_kind("grow", "sales"), None);
    // every link is listed, with its kind
    let kids = g.child_links("grow");
    assert_eq!(
        kids.iter().map(|l| (l.id, l.kind)).collect::<Vec<_>>(),
        [
            ("sales", LinkKind::Contributes),
            ("brand", LinkKind::Supports)
        ]
    );
    assert_eq!(g.children_of("grow").len(), 2);
    // only sales counts: 50%, not (50 + 3 x 100) / 4
    let r = g.rollup(d(10, 15));
    assert_eq!(r.objective("grow").unwrap().progress, Some(0.5));
    let e = g.explain_progress("grow", d(10, 15)).unwrap();
    let brand = e.contributions.iter().find(|c| c.id == "brand").unwrap();
    assert!(!brand.counted);
    assert_eq!(brand.note.as_deref(), Some("supports, not counted"));
    // a supporting link alone: nothing counts
    let mut g2 = graph();
    g2.unlink_at("sales", "grow", Revise::on(d(10, 2))).unwrap();
    let v = g2.rollup(d(10, 15)).objective("grow").unwrap();
    assert_eq!(v.progress, None);
}

#[test]
fn weight_zero_on_a_contributing_link_still_counts_with_no_weight() {
    let mut g = graph();
    g.set_clock(Some(Revise::on(d(10, 2))));
    g.set_link_weight("sales", "grow", 0.0).unwrap();
    let e = g.explain_progress("grow", d(10, 15)).unwrap();
    let sales = e.contributions.iter().find(|c| c.id == "sales").unwrap();
    assert!(sales.counted);
    assert_eq!(
        sales.note.as_deref(),
        Some("weight 0: aligned, not counted")
    );
}

#[test]
fn both_kinds_keep_one_acyclic_graph() {
    let mut g = graph();
    let e = g
        .link_with("grow", "brand", 1.0, LinkKind::Supports)
        .unwrap_err();
    assert_eq!(e.code(), "cycle");
    assert_eq!(e.ids().collect::<Vec<_>>(), ["grow", "brand", "grow"]);
    let e = g.link("grow", "brand", 1.0).unwrap_err();
    assert_eq!(e.code(), "cycle");
    let e = g
        .link_with("brand", "grow", 1.0, LinkKind::Contributes)
        .unwrap_err();
    assert_eq!(e.code(), "already_linked");
}

#[test]
fn a_change_of_kind_is_a_revision_seen_at_earlier_times_and_in_the_log() {
    let mut g = graph();
    assert_eq!(
        g.set_link_kind("brand", "grow", LinkKind::Contributes)
            .unwrap_err()
            .code(),
        "missing_time"
    );
    g.set_link_kind_at(
        "brand",
        "grow",
        LinkKind::Contributes,
        Revise::on(d(11, 1)).by("anna").reason("counts now"),
    )
    .unwrap();
    // from the 1st of November brand counts: (1 x 50% + 3 x 100%) / 4
    let now = g.rollup(d(11, 15)).objective("grow").unwrap();
    assert_eq!(now.progress, Some(0.875));
    let before = g.rollup(d(10, 15)).objective("grow").unwrap();
    assert_eq!(before.progress, Some(0.5));
    assert_eq!(
        g.at(d(10, 15)).link_kind("brand", "grow"),
        Some(LinkKind::Supports)
    );
    let log = g.log(&LogFilter::default()).unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.field.as_str()),
        ("brand -> grow", "kind")
    );
    assert_eq!(
        (last.from.as_str(), last.to.as_str()),
        (Some("supports"), Some("contributes"))
    );
    assert_eq!(last.by.as_deref(), Some("anna"));
    // the same kind again records nothing
    let n = g.revision_count();
    g.set_link_kind_at("brand", "grow", LinkKind::Contributes, Revise::on(d(11, 2)))
        .unwrap();
    assert_eq!(g.revision_count(), n);
    // unknown links and objectives
    let e = g
        .set_link_kind_at("grow", "brand", LinkKind::Supports, Revise::on(d(11, 2)))
        .unwrap_err();
    assert_eq!(e.code(), "not_linked");
    // the document keeps the revision, and the graph loads back the same
    let json = g.to_json();
    assert!(json.contains("\"kind\": \"supports\""), "{json}");
    let g2 = OkrGraph::from_json(&json).unwrap();
    assert_eq!(g2.to_json(), json);
    assert_eq!(
        g2.rollup(d(10, 15)).objective("grow").unwrap().progress,
        Some(0.5)
    );
    assert_eq!(
        g2.rollup(d(11, 15)).objective("grow").unwrap().progress,
        Some(0.875)
    );
}

#[test]
fn the_report_and_the_pictures_show_supporting_links() {
    let g = graph();
    let r = g.rollup(d(10, 15));
    let text = okr_core::report::Report::render_text(&g, &r);
    assert!(text.contains("◇ supports: brand"), "{text}");
    assert!(text.contains("(not counted)"), "{text}");
    let report = okr_core::report::Report::new(&g, &r);
    let json = serde_json::to_value(&report).unwrap();
    let brand = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "brand")
        .unwrap();
    assert_eq!(brand["parents"][0]["kind"], "supports");
    let cfg = okr_core::RollupConfig::default();
    use okr_core::analytics::GraphFormat;
    let dot = g.render_graph(GraphFormat::Dot, d(10, 15), &cfg).unwrap();
    assert!(
        dot.contains("\"brand\" -> \"grow\" [label=\"supports\", style=dashed];"),
        "{dot}"
    );
    let mermaid = g
        .render_graph(GraphFormat::Mermaid, d(10, 15), &cfg)
        .unwrap();
    assert!(mermaid.contains("-.->|supports|"), "{mermaid}");
    let svg = g.render_graph(GraphFormat::Svg, d(10, 15), &cfg).unwrap();
    assert!(svg.contains("stroke-dasharray"), "{svg}");
}

// ----- dependencies ----------------------------------------------------------------------

#[test]
fn dependencies_are_checked() {
    let mut g = graph();
    let code = |r: okr_core::Result<()>| r.unwrap_err().code();
    assert_eq!(
        code(g.add_dependency(Dependency::new("nope", "launch"))),
        "unknown_id"
    );
    assert_eq!(
        code(g.add_dependency(Dependency::new("launch", "nope"))),
        "unknown_id"
    );
    assert_eq!(
        code(g.add_dependency(Dependency::new("launch", "launch"))),
        "dependency_cycle"
    );
    g.add_dependency(Dependency::new("platform", "launch"))
        .unwrap();
    g.add_dependency(Dependency::new("launch", "launch-kr"))
        .unwrap();
    assert_eq!(
        code(g.add_dependency(Dependency::new("platform", "launch"))),
        "already_dependent"
    );
    let e = g
        .add_dependency(Dependency::new("launch-kr", "platform"))
        .unwrap_err();
    assert_eq!(e.code(), "dependency_cycle");
    assert_eq!(e.name(), "DependencyCycleError");
    assert_eq!(
        e.ids().collect::<Vec<_>>(),
        ["launch-kr", "platform", "launch", "launch-kr"]
    );
    assert!(
        e.to_string()
            .contains("launch-kr blocks platform blocks launch blocks launch-kr"),
        "{e}"
    );
    // a failed change leaves everything as it was
    assert_eq!(g.dependencies().count(), 2);
    let of = g.dependencies_of("launch");
    assert_eq!(of.blocked_by.len(), 1);
    assert_eq!(of.blocks[0].blocked, "launch-kr");
    // dependencies need not follow alignment, owners or cycles, and never touch figures
    g.add_dependency(Dependency::new("later", "grow")).unwrap();
    assert_eq!(
        g.rollup(d(10, 15)).objective("grow").unwrap().progress,
        Some(0.5)
    );
    // remove
    assert_eq!(
        g.remove_dependency("launch", "platform")
            .unwrap_err()
            .code(),
        "not_dependent"
    );
    let removed = g.remove_dependency("platform", "launch").unwrap();
    assert_eq!(removed.blocker, "platform");
    assert!(g.dependency("platform", "launch").is_none());
}

#[test]
fn removing_a_node_removes_its_dependencies() {
    let mut g = graph();
    g.add_dependency(Dependency::new("platform-kr", "launch"))
        .unwrap();
    g.add_dependency(Dependency::new("platform", "sales"))
        .unwrap();
    g.add_dependency(Dependency::new("launch", "brand-kr"))
        .unwrap();
    g.set_clock(Some(Revise::on(d(10, 5))));
    // a key result: its own dependencies go
    g.remove_key_result("platform-kr").unwrap();
    assert_eq!(g.dependencies().count(), 2);
    // an objective: its own and its key results'
    g.add_dependency(Dependency::new("launch-kr", "sales"))
        .unwrap();
    g.remove_objective("launch").unwrap();
    let left: Vec<_> = g
        .dependencies()
        .map(|x| (x.blocker.as_str(), x.blocked.as_str()))
        .collect();
    assert_eq!(left, [("platform", "sales")]);
    // the document of the graph loads back with what is left
    let g2 = OkrGraph::from_json(&g.to_json()).unwrap();
    assert_eq!(g2.dependencies().count(), 1);
}

#[test]
fn blocked_when_a_blocker_is_off_track_or_not_started_after_its_start_by_day() {
    let mut g = graph();
    g.add_dependency(Dependency::new("platform", "launch").start_by(d(10, 20)))
        .unwrap();
    g.add_dependency(Dependency::new("sales", "launch-kr"))
        .unwrap();
    // platform has not started (no progress): on its start_by day not yet, after it blocked
    let r = g.rollup(d(10, 20));
    assert!(!r.objective("launch").unwrap().blocked);
    let r = g.rollup(d(10, 21));
    let v = r.objective("launch").unwrap();
    assert!(v.blocked);
    let b = r.blockers("launch");
    assert_eq!(b.len(), 1);
    assert_eq!((b[0].id, b[0].reason.as_str()), ("platform", "not_started"));
    assert_eq!(b[0].start_by, Some(d(10, 20)));
    // once it moves, nothing blocks
    g.check_in("platform-kr", CheckIn::value(at(10, 22), 80.0))
        .unwrap();
    assert!(!g.rollup(d(10, 23)).objective("launch").unwrap().blocked);
    // sales: 50% on the 10th of October and never again: off track by December
    let r = g.rollup(d(12, 10));
    assert_eq!(r.objective("sales").unwrap().status, Status::OffTrack);
    let kr = r.key_result("launch-kr").unwrap();
    assert!(kr.blocked);
    assert_eq!(r.blockers("launch-kr")[0].reason.as_str(), "off_track");
    // the columns and the report say so too
    let cols = r.figure_columns();
    let i = r.ids().position(|(id, _)| id == "launch-kr").unwrap();
    assert!(cols.blocked[i]);
    let text = okr_core::report::Report::render_text(&g, &r);
    assert!(text.contains("blocked by sales (off track)"), "{text}");
    assert!(text.contains("Blocked: launch-kr."), "{text}");
    let json = serde_json::to_value(okr_core::report::Report::new(&g, &r)).unwrap();
    let node = (json["nodes"].as_array().unwrap().iter())
        .find(|n| n["id"] == "launch-kr")
        .unwrap();
    assert_eq!(node["blocked"], true);
    assert_eq!(node["blockers"][0]["reason"], "off_track");
    // a kept rollup refreshed after a check-in agrees with a fresh one
    let mut kept = g.rollup(d(12, 10));
    g.check_in("sales-kr", CheckIn::value(at(12, 1), 100.0))
        .unwrap();
    kept.refresh_key_result(&g, "sales-kr").unwrap();
    assert!(!kept.key_result("launch-kr").unwrap().blocked);
    assert_eq!(
        kept.key_result("launch-kr"),
        g.rollup(d(12, 10)).key_result("launch-kr")
    );
}

#[test]
fn an_explanation_names_what_blocks_the_node_and_why() {
    let mut g = graph();
    g.add_dependency(
        Dependency::new("platform", "launch")
            .start_by(d(10, 20))
            .note("the launch runs on the platform"),
    )
    .unwrap();
    g.add_dependency(Dependency::new("sales", "launch-kr"))
        .unwrap();
    g.add_dependency(Dependency::new("platform-kr", "launch-kr").start_by(d(10, 5)))
        .unwrap();
    // on platform's start_by day nothing blocks launch: no blockers, no sentence
    let e = g.explain_progress("launch", d(10, 20)).unwrap();
    assert!(!e.values.blocked);
    assert!(e.blockers.is_empty());
    assert!(!e.summary.contains("blocked"), "{}", e.summary);
    let json = serde_json::to_value(&e).unwrap();
    assert!(json.get("blockers").is_none());
    assert!(!e.render_text().contains("blocked"));
    // the day after: platform has not started
    let e = g.explain_progress("launch", d(10, 21)).unwrap();
    assert!(e.values.blocked);
    assert_eq!(e.blockers.len(), 1);
    let b = &e.blockers[0];
    assert_eq!(
        (b.id.as_str(), b.reason.as_str()),
        ("platform", "not_started")
    );
    assert_eq!(b.start_by, Some(d(10, 20)));
    assert_eq!(b.note.as_deref(), Some("the launch runs on the platform"));
    assert_eq!(b.progress, Some(0.0));
    assert!(
        e.summary
            .ends_with(" It is blocked by objective \"platform\" (not started (progress 0.0%) after its start_by day 2026-10-20)."),
        "{}",
        e.summary
    );
    insta::assert_snapshot!("explain_blocked_objective_text", e.render_text());
    insta::assert_json_snapshot!("explain_blocked_objective_json", e);
    // in December: sales is off track and platform-kr has not started, both block launch-kr,
    // in the order the dependencies were added; they agree with the rollup's blockers
    let e = g.explain_progress("launch-kr", d(12, 10)).unwrap();
    let r = g.rollup(d(12, 10));
    assert_eq!(
        e.blockers
            .iter()
            .map(|b| (b.id.as_str(), b.reason))
            .collect::<Vec<_>>(),
        r.blockers("launch-kr")
            .iter()
            .map(|b| (b.id, b.reason))
            .collect::<Vec<_>>()
    );
    assert_eq!(e.blockers.len(), 2);
    assert_eq!(e.blockers[0].status, Status::OffTrack);
    assert_eq!(
        e.blockers[0].progress,
        r.objective("sales").unwrap().progress
    );
    insta::assert_snapshot!("explain_blocked_key_result_text", e.render_text());
    insta::assert_json_snapshot!("explain_blocked_key_result_json", e);
    // the explanation at an earlier time is the one of then: no dependency blocked yet
    assert!(
        g.explain_progress("launch-kr", d(10, 3))
            .unwrap()
            .blockers
            .is_empty()
    );
}

#[test]
fn documents_carry_dependencies_with_exact_error_paths() {
    let mut g = graph();
    g.add_dependency(
        Dependency::new("platform", "launch")
            .start_by(d(10, 20))
            .note("needs the API"),
    )
    .unwrap();
    let json = g.to_json();
    assert!(json.contains("\"dependencies\""), "{json}");
    assert!(json.contains("\"start_by\": \"2026-10-20\""), "{json}");
    let g2 = OkrGraph::from_json(&json).unwrap();
    assert_eq!(g2.to_json(), json);
    assert_eq!(
        g2.dependency("platform", "launch").unwrap().note.as_deref(),
        Some("needs the API")
    );
    // problems, each at its place
    let with = |deps: &str| {
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["dependencies"] = serde_json::from_str(deps).unwrap();
        v.to_string()
    };
    let problems = okr_core::document::check_str(&with(
        r#"[{"blocker": "platform", "blocked": "launch"},
            {"blocker": "launch", "blocked": "nope"},
            {"blocker": "nope", "blocked": "launch"},
            {"blocker": "launch", "blocked": "platform"},
            {"blocker": "platform", "blocked": "launch"}]"#,
    ));
    let got: Vec<(&str, &str)> = problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
    assert_eq!(
        got,
        [
            ("dependencies[1].blocked", "unknown_id"),
            ("dependencies[2].blocker", "unknown_id"),
            ("dependencies[3]", "dependency_cycle"),
            ("dependencies[4]", "already_dependent"),
        ]
    );
    let e = OkrGraph::from_json(&with(
        r#"[{"blocker": "platform", "blocked": "launch", "typo": 1}]"#,
    ))
    .unwrap_err();
    assert!(e.to_string().contains("dependencies[0]"), "{e}");
    let e = OkrGraph::from_json(&with(
        r#"[{"blocker": "platform", "blocked": "launch", "start_by": "2026-13-01"}]"#,
    ))
    .unwrap_err();
    assert!(e.to_string().contains("dependencies[0].start_by"), "{e}");
    // version 1 has no dependencies
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["version"] = 1.into();
    let problems = okr_core::document::check_str(&v.to_string());
    assert_eq!(problems[0].path, "dependencies");
    // a limit on how many
    let limits = okr_core::document::Limits {
        max_dependencies: 0,
        ..okr_core::document::Limits::default()
    };
    let e = okr_core::document::load_str_with(&json, &limits).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    assert!(e.to_string().contains("dependencies"), "{e}");
}

#[test]
fn link_kinds_in_documents_and_their_revisions() {
    let text = graph().to_json();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let brand = (v["objectives"].as_array().unwrap().iter())
        .find(|o| o["id"] == "brand")
        .unwrap();
    assert_eq!(brand["parents"][0]["kind"], "supports");
    let sales = (v["objectives"].as_array().unwrap().iter())
        .find(|o| o["id"] == "sales")
        .unwrap();
    assert!(
        sales["parents"][0].get("kind").is_none(),
        "contributes is omitted"
    );
    // a bad kind is named where it is
    let bad = text.replacen("\"kind\": \"supports\"", "\"kind\": \"helps\"", 1);
    let e = OkrGraph::from_json(&bad).unwrap_err();
    assert!(e.to_string().contains("parents[0].kind"), "{e}");
    // a revision that sets a link's kind, and one that creates a supporting link
    let mut v = v;
    v["history"] = serde_json::json!([
        {"at": "2026-11-01", "link": {"child": "brand", "parent": "grow"}, "set": {"kind": "contributes"}},
        {"at": "2026-11-02", "link": {"child": "launch", "parent": "grow"}, "created": true, "set": {"kind": "supports", "weight": 2}},
        {"at": "2026-11-03", "link": {"child": "brand", "parent": "grow"}, "set": {"kind": "maybe"}}
    ]);
    let problems = okr_core::document::check_str(&v.to_string());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "history[2].set");
    v["history"].as_array_mut().unwrap().pop();
    let g = OkrGraph::from_json(&v.to_string()).unwrap();
    assert_eq!(g.link_kind("brand", "grow"), Some(LinkKind::Contributes));
    assert_eq!(g.link_kind("launch", "grow"), Some(LinkKind::Supports));
    assert_eq!(
        g.at(d(10, 31)).link_kind("brand", "grow"),
        Some(LinkKind::Supports)
    );
    assert_eq!(g.at(d(10, 31)).link_kind("launch", "grow"), None);
    let again = OkrGraph::from_json(&g.to_json()).unwrap();
    assert_eq!(again.to_json(), g.to_json());
}

#[test]
fn closing_a_cycle_copies_each_link_with_its_kind() {
    let mut g = graph();
    let jan = |day| NaiveDate::from_ymd_opt(2027, 1, day).unwrap();
    g.add_cycle(Cycle::new(
        "q1",
        jan(1),
        NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
    ))
    .unwrap();
    // brand's key result unfinished: brand carries, under grow's copy (grow carries too,
    // through sales)
    g.check_in("brand-kr", CheckIn::value(at(11, 1), 60.0))
        .unwrap();
    let report = g
        .close_cycle("q4", Some("q1"), Revise::on(jan(5)), &Default::default())
        .unwrap();
    let copy = |id: &str| -> Option<String> {
        (report.closed.carried.iter())
            .find(|c| c.from == id)
            .map(|c| c.to.clone())
    };
    let brand = copy("brand").expect("brand carried");
    let sales = copy("sales").expect("sales carried");
    let parent = |id: &str| g.parent_links(id)[0].id.to_string();
    assert_eq!(parent(&brand), parent(&sales), "both under the same parent");
    assert_eq!(
        g.link_kind(&brand, &parent(&brand)),
        Some(LinkKind::Supports)
    );
    assert_eq!(
        g.link_kind(&sales, &parent(&sales)),
        Some(LinkKind::Contributes)
    );
}

#[test]
fn the_graph_at_an_earlier_time_has_the_dependencies_between_its_nodes() {
    let mut g = graph();
    g.add_objective_at(
        Objective::new("newer", "newer", "acme", "q4"),
        Revise::on(d(11, 1)),
    )
    .unwrap();
    g.add_dependency(Dependency::new("newer", "launch"))
        .unwrap();
    g.add_dependency(Dependency::new("platform", "launch"))
        .unwrap();
    let then = g.at(d(10, 15));
    let pairs: Vec<_> = (then.dependencies())
        .map(|x| (x.blocker.as_str(), x.blocked.as_str()))
        .collect();
    assert_eq!(pairs, [("platform", "launch")]);
    assert_eq!(g.dependencies().count(), 2);
}
