//! Views (issue 21): what a viewer sees of a graph, and that its figures are everyone's.

use chrono::NaiveDate;
use okr_core::{OkrGraph, ViewPolicy};

fn example() -> OkrGraph {
    OkrGraph::from_json(include_str!("../../examples/acme.okr.json")).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn example_views_show_everyones_numbers() {
    let g = example();
    for owner in g.owners().map(|o| o.id.clone()).collect::<Vec<_>>() {
        let view = g.view_for(&owner).unwrap();
        let visible: Vec<&str> = g.visible_objectives(&owner).unwrap();
        for o in g.objectives() {
            assert_eq!(
                view.objective(&o.id).is_some(),
                visible.contains(&o.id.as_str()),
                "{owner} {}",
                o.id
            );
        }
        for day in [d(2026, 10, 15), d(2026, 11, 20), d(2027, 1, 5)] {
            let full = g.rollup(day);
            let r = view.rollup(day);
            for o in view.objectives() {
                if view.hidden_entry_parent(&o.id).is_some() {
                    continue;
                }
                assert_eq!(
                    r.objective(&o.id),
                    full.objective(&o.id),
                    "{owner} {} {day}",
                    o.id
                );
            }
            for k in view.key_results() {
                assert_eq!(
                    r.key_result(&k.id),
                    full.key_result(&k.id),
                    "{owner} {} {day}",
                    k.id
                );
            }
        }
    }
}

#[test]
fn hidden_objectives_leave_no_trace_in_the_views_document() {
    let g = example();
    let view = g.view_for("hanna").unwrap();
    let json = view.to_json();
    assert!(!json.contains("gustav-tromso"), "{json}");
    assert!(view.objective("northern-clinics~hidden").is_some());
    let e = view
        .rollup(d(2026, 11, 20))
        .hidden_entry("northern-clinics~hidden")
        .unwrap();
    assert_eq!(e.count, 1);
    let bjorn = g.view_for_with("bjorn", ViewPolicy::ExcludeHidden).unwrap();
    assert!(bjorn.objective("gustav-tromso").is_some());
    assert!(bjorn.objective("northern-clinics~hidden").is_none());
}
