//! The appraisal view (issue 19): one person's cycle with scores (frozen, final or
//! provisional), check-in discipline, feedback, target revisions and signals; its text and
//! HTML renderings (snapshots on the example company), hostile titles, errors.

use chrono::{DateTime, NaiveDate, Utc};
use okr_core::analytics::{STATEMENT, ScoreBasis};
use okr_core::workflow::{Acknowledgement, CloseDecisions, Comment, Subject};
use okr_core::{
    CheckIn, Cycle, KeyResult, KeyResultPatch, Measure, Objective, OkrGraph, Owner, Revise,
    document,
};

const ACME: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/acme.okr.json"
));

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn t(m: u32, d: u32) -> DateTime<Utc> {
    day(2026, m, d).and_hms_opt(12, 0, 0).unwrap().and_utc()
}

fn numeric(start: f64, target: f64) -> Measure {
    Measure::Numeric {
        start,
        target,
        unit: "deals".into(),
        direction: None,
    }
}

#[test]
fn frida_in_q4_on_the_example_company() {
    let g = document::load_str(ACME).unwrap();
    let a = g.appraisal("frida", "q4-2026", day(2026, 11, 15)).unwrap();
    assert_eq!(a.statement, STATEMENT);
    let ids: Vec<&str> = a.key_results.iter().map(|k| k.id.as_str()).collect();
    // hers: the fair's two, and the referral sign-ups carried from Q3 (under growth's copy)
    assert_eq!(ids, ["fair-leads", "webinars", "referral-signups-q4-2026"]);
    let own: Vec<bool> = a.key_results.iter().map(|k| k.own_objective).collect();
    assert_eq!(own, [true, true, false]);
    assert!(
        a.key_results
            .iter()
            .all(|k| k.score.basis == ScoreBasis::Provisional)
    );
    // the target raised on November 3 is a target revision of the cycle, and a signal
    assert_eq!(a.target_revisions.len(), 1);
    assert_eq!(a.target_revisions[0].field, "target");
    assert_eq!(a.target_revisions[0].by.as_deref(), Some("frida"));
    let raised = a
        .signals
        .iter()
        .find(|s| s.name == "target_raised")
        .unwrap();
    assert_eq!(raised.value, Some(1.0));
    insta::assert_snapshot!("appraisal_frida_text", a.render_text());
    let html = g
        .appraisal_html("frida", "q4-2026", day(2026, 11, 15))
        .unwrap();
    self_contained(&html);
    assert_eq!(html.matches("<svg ").count(), 3, "a chart per key result");
    assert!(html.contains(STATEMENT));
    insta::assert_snapshot!("appraisal_frida_html", html);
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["statement"], STATEMENT);
    assert_eq!(json["key_results"][0]["basis"], "provisional");
}

/// No script, no event handler, no address but the SVG namespace, one style element: every
/// `<` of the page starts a tag of its own (text is escaped), so the tags are checked.
fn self_contained(html: &str) {
    let lower = html.to_lowercase();
    assert!(lower.starts_with("<!doctype html>"));
    assert!(lower.trim_end().ends_with("</html>"));
    assert_eq!(lower.matches("<style").count(), 1);
    let style = &lower[lower.find("<style>").unwrap()..lower.find("</style>").unwrap()];
    assert!(!style.contains("url(") && !style.contains("@import"));
    for tag in lower.split('<').skip(1) {
        let tag = &tag[..tag.find('>').expect("a closed tag")];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        assert!(
            [
                "!doctype", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3",
                "small", "p", "table", "tr", "th", "td", "section", "div", "ul", "li", "b", "svg",
                "rect", "text", "g", "line", "polyline", "circle"
            ]
            .contains(&name.as_str()),
            "tag {name:?} in the page"
        );
        for bad in ["href", "src=", "url(", "javascript:"] {
            assert!(!tag.contains(bad), "{bad} in <{tag}>");
        }
        assert!(
            !tag.split_whitespace().any(|w| w.starts_with("on")),
            "an event handler in <{tag}>"
        );
        if tag.contains("http") {
            assert!(
                tag.contains("xmlns=\"http://www.w3.org/2000/svg\""),
                "<{tag}>"
            );
        }
    }
}

/// `anna` (sales) owns `sales` in q4 with `deals`, and `calls` under the company's objective;
/// `bjorn` owns `extra` under her objective. q4 closes on January 5.
fn company() -> OkrGraph {
    let mut g = OkrGraph::new();
    g.add_owner(Owner::new("acme", "Acme", "organisation"))
        .unwrap();
    g.add_owner(Owner::new("anna", "Anna", "person").with_parent("acme"))
        .unwrap();
    g.add_owner(Owner::new("bjorn", "Bjorn", "person").with_parent("acme"))
        .unwrap();
    g.add_cycle(Cycle::new("q4", day(2026, 10, 1), day(2026, 12, 31)))
        .unwrap();
    g.add_cycle(Cycle::new("q1", day(2027, 1, 1), day(2027, 3, 31)))
        .unwrap();
    g.add_objective(Objective::new("company", "Lead", "acme", "q4"))
        .unwrap();
    g.add_objective(Objective::new("sales", "Sell more", "anna", "q4"))
        .unwrap();
    g.link("sales", "company", 1.0).unwrap();
    g.add_key_result(KeyResult::new(
        "deals",
        "Deals",
        "sales",
        numeric(0.0, 50.0),
    ))
    .unwrap();
    let mut extra = KeyResult::new("extra", "Extra", "sales", numeric(0.0, 10.0));
    extra.owner = Some("bjorn".into());
    g.add_key_result(extra).unwrap();
    let mut calls = KeyResult::new("calls", "Calls", "company", numeric(0.0, 100.0));
    calls.owner = Some("anna".into());
    g.add_key_result(calls).unwrap();
    g.check_in("deals", CheckIn::value(t(10, 20), 20.0))
        .unwrap();
    g.check_in("calls", CheckIn::value(t(11, 2), 100.0))
        .unwrap();
    g.revise_key_result(
        "deals",
        KeyResultPatch {
            measure: Some(numeric(0.0, 40.0)),
            ..Default::default()
        },
        Revise::at(t(11, 1)).by("anna").reason("the market shrank"),
    )
    .unwrap();
    g.add_comment(Comment {
        id: "c1".into(),
        by: "acme".into(),
        at: t(10, 21),
        on: Subject::CheckIn {
            key_result: "deals".into(),
            at: t(10, 20),
        },
        text: "Good start".into(),
        reply_to: None,
    })
    .unwrap();
    g.add_comment(Comment {
        id: "c2".into(),
        by: "anna".into(),
        at: t(10, 22),
        on: Subject::CheckIn {
            key_result: "deals".into(),
            at: t(10, 20),
        },
        text: "Thanks".into(),
        reply_to: Some("c1".into()),
    })
    .unwrap();
    g.add_comment(Comment {
        id: "c3".into(),
        by: "acme".into(),
        at: t(10, 23),
        on: Subject::KeyResult("extra".into()),
        text: "not anna's".into(),
        reply_to: None,
    })
    .unwrap();
    g.acknowledge(Acknowledgement {
        key_result: "deals".into(),
        check_in: t(10, 20),
        by: "acme".into(),
        at: t(10, 21),
        comment: Some("seen".into()),
    })
    .unwrap();
    g
}

#[test]
fn scores_feedback_revisions_and_signals_of_one_person() {
    let mut g = company();
    let a = g.appraisal("anna", "q4", day(2026, 11, 15)).unwrap();
    let objectives: Vec<&str> = a.objectives.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(objectives, ["sales"]);
    // her key results, under her objective and under another's; not bjorn's under hers
    let krs: Vec<(&str, bool)> = a
        .key_results
        .iter()
        .map(|k| (k.id.as_str(), k.own_objective))
        .collect();
    assert_eq!(krs, [("deals", true), ("calls", false)]);
    assert_eq!(a.key_results[0].score.score, Some(0.5), "20 of 40");
    assert_eq!(a.key_results[0].score.basis, ScoreBasis::Provisional);
    // feedback: both comments on her check-in (hers marked), not the one about bjorn's
    let fb: Vec<(&str, bool)> = a
        .feedback
        .iter()
        .map(|f| (f.id.as_str(), f.from_self))
        .collect();
    assert_eq!(fb, [("c1", false), ("c2", true)]);
    assert_eq!(a.acknowledgements.len(), 1);
    // the target lowered: a revision and a sandbagging signal
    assert_eq!(a.target_revisions.len(), 1);
    assert_eq!(
        a.target_revisions[0].reason.as_deref(),
        Some("the market shrank")
    );
    let lowered = a
        .signals
        .iter()
        .find(|s| s.name == "target_lowered")
        .unwrap();
    assert!(lowered.raised);
    // check-in discipline: no cadence, every 7 days from October 1
    let d = a.key_results[0].discipline.unwrap();
    assert_eq!(
        (d.kept, d.expected),
        (1, 6),
        "six weeks ended by November 15"
    );
    // before the feedback was written, there is none
    let early = g.appraisal("anna", "q4", day(2026, 10, 20)).unwrap();
    assert!(early.feedback.is_empty() && early.acknowledgements.is_empty());
    assert!(early.target_revisions.is_empty());

    // after the cycle's end: final; after the close: frozen
    let after = g.appraisal("anna", "q4", day(2027, 1, 2)).unwrap();
    assert!(
        after
            .key_results
            .iter()
            .all(|k| k.score.basis == ScoreBasis::Final)
    );
    g.close_cycle(
        "q4",
        Some("q1"),
        Revise::at(t(12, 31) + chrono::Duration::days(5)).by("acme"),
        &CloseDecisions::default(),
    )
    .unwrap();
    let closed = g.appraisal("anna", "q4", day(2027, 1, 10)).unwrap();
    assert!(closed.cycle_closed);
    assert!(
        closed
            .objectives
            .iter()
            .all(|o| o.score.basis == ScoreBasis::Frozen)
    );
    assert!(
        closed
            .key_results
            .iter()
            .all(|k| k.score.basis == ScoreBasis::Frozen)
    );
    assert_eq!(closed.key_results[0].score.score, Some(0.5));
    // as of a day before the close, the cycle was not closed yet
    let before = g.appraisal("anna", "q4", day(2027, 1, 4)).unwrap();
    assert!(!before.cycle_closed);
    let text = closed.render_text();
    assert!(text.contains(STATEMENT), "{text}");
    assert!(text.contains("frozen"), "{text}");
}

#[test]
fn unknown_owner_or_cycle() {
    let g = company();
    let e = g.appraisal("zed", "q4", day(2026, 11, 1)).unwrap_err();
    assert_eq!(
        (e.code(), e.to_string().as_str()),
        ("unknown_id", "unknown owner \"zed\"")
    );
    let e = g.appraisal("anna", "q9", day(2026, 11, 1)).unwrap_err();
    assert_eq!(e.code(), "unknown_id");
    assert!(e.to_string().contains("q9"), "{e}");
    assert_eq!(
        g.appraisal_html("anna", "q9", day(2026, 11, 1))
            .unwrap_err()
            .code(),
        "unknown_id"
    );
    // an owner with nothing in the cycle: an empty appraisal, still with the statement
    let a = g.appraisal("bjorn", "q1", day(2026, 11, 1)).unwrap();
    assert!(a.objectives.is_empty() && a.key_results.is_empty());
    assert!(a.render_text().contains(STATEMENT));
    assert!(
        g.appraisal_html("bjorn", "q1", day(2026, 11, 1))
            .unwrap()
            .contains(STATEMENT)
    );
}

#[test]
fn hostile_titles_do_not_inject_markup() {
    let mut g = company();
    let evil = "</style><script>alert(1)</script><img src=x onerror=alert(2)> & \"q\" 'a' \u{1b}[2J\u{202e}";
    g.set_clock(Some(Revise::at(t(11, 3)).by("anna")));
    g.patch_objective(
        "sales",
        okr_core::ObjectivePatch {
            title: Some(evil.into()),
            ..Default::default()
        },
    )
    .unwrap();
    g.patch_key_result(
        "deals",
        KeyResultPatch {
            title: Some(evil.into()),
            ..Default::default()
        },
    )
    .unwrap();
    g.add_comment(Comment {
        id: "c9".into(),
        by: "acme".into(),
        at: t(11, 4),
        on: Subject::Objective("sales".into()),
        text: evil.into(),
        reply_to: None,
    })
    .unwrap();
    let html = g.appraisal_html("anna", "q4", day(2026, 11, 15)).unwrap();
    self_contained(&html);
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img"));
    assert_eq!(html.matches("</style>").count(), 1);
    assert!(html.contains("&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&amp; &quot;q&quot; &apos;a&apos;"));
    assert!(!html.contains('\u{1b}') && !html.contains('\u{202e}'));
    let text = g
        .appraisal("anna", "q4", day(2026, 11, 15))
        .unwrap()
        .render_text();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'));
    assert!(text.contains("\\u{1b}[2J"));
}
