//! Tables imported onto an existing graph (`Tables::import_into`): rows update what they name
//! by key as revisions, what the sheet does not carry stays, `delete_missing` deletes, every
//! problem is reported at once on the sheet's rows, and a dry run is the same import unkept.

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

use okr_core::document::load_str;
use okr_core::tables::{Cell, ImportChange, ImportOptions, ImportReport, Table, Tables};
use okr_core::{LogFilter, OkrError, OkrGraph, Revise};

fn acme() -> OkrGraph {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/acme.okr.json"
    ))
    .unwrap();
    load_str(&text).unwrap()
}

fn table(cols: &[(&str, &[&str])]) -> Table {
    Table::from_columns(cols.iter().map(|(n, c)| {
        let cells = c
            .iter()
            .map(|s| {
                if s.is_empty() {
                    Cell::Null
                } else {
                    Cell::from(*s)
                }
            })
            .collect::<Vec<_>>();
        (*n, cells)
    }))
    .expect("a table")
}

fn sheet(tables: &[(&str, Table)]) -> Tables {
    let mut t = Tables::default();
    for (n, x) in tables {
        t.set(n, x.clone()).unwrap();
    }
    t
}

fn at(day: &str) -> Revise {
    let mut r = Revise::at(Revise::parse_at(day).unwrap());
    r.by = Some("anna".into());
    r
}

fn import(
    g: &OkrGraph,
    t: &Tables,
    delete_missing: bool,
) -> okr_core::Result<(OkrGraph, ImportReport)> {
    t.import_into(g, at("2026-12-01"), ImportOptions { delete_missing })
}

fn keys(changes: &[ImportChange]) -> Vec<(&str, &str)> {
    changes.iter().map(|c| (c.table, c.key.as_str())).collect()
}

/// The graph's document without its history (what an import changes besides the history).
fn now(g: &OkrGraph) -> serde_json::Value {
    let mut v = serde_json::to_value(g.to_document()).unwrap();
    v.as_object_mut().unwrap().remove("history");
    v
}

#[test]
fn the_graphs_own_tables_change_nothing() {
    let g = acme();
    let (out, report) = import(&g, &Tables::of_graph(&g), true).unwrap();
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(out.to_json(), g.to_json());
}

#[test]
fn a_row_updates_its_entity_as_a_revision_and_keeps_what_the_sheet_lacks() {
    let g = acme();
    let before = g.objective("sales-growth").unwrap().clone();
    let t = sheet(&[(
        "objectives",
        table(&[
            ("id", &["sales-growth"]),
            ("title", &["Grow retainer sales by 90% in 2026"]),
            ("owner", &["sales"]),
            ("cycle", &["fy2026"]),
        ]),
    )]);
    let (out, report) = import(&g, &t, false).unwrap();
    assert_eq!(keys(&report.updated), [("objectives", "sales-growth")]);
    assert_eq!(report.updated[0].fields, ["title"]);
    assert!(report.created.is_empty() && report.deleted.is_empty());
    let after = out.objective("sales-growth").unwrap();
    assert_eq!(after.title, "Grow retainer sales by 90% in 2026");
    // columns the sheet does not have stay: the status rule, the description, extra
    assert_eq!(after.status_rule, before.status_rule);
    assert_eq!(after.extra, before.extra);
    // rows the sheet does not have stay, without delete_missing
    assert_eq!(out.objective_count(), g.objective_count());
    // the change is a revision at the import's time, by its author; the title before it
    // is the title at an earlier time
    let log = out
        .log(&LogFilter {
            id: Some("sales-growth".into()),
            since: None,
        })
        .unwrap();
    let last = log.last().unwrap();
    assert_eq!(last.by.as_deref(), Some("anna"));
    assert_eq!(last.at, Revise::parse_at("2026-12-01").unwrap());
    let earlier = out.at(okr_core::AsOf::from(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
    ));
    assert_eq!(
        earlier.objective("sales-growth").unwrap().title,
        before.title
    );
    // the graph given is as it was
    assert_eq!(g.objective("sales-growth").unwrap().title, before.title);
}

#[test]
fn new_rows_are_created_and_check_ins_added() {
    let g = acme();
    let t = sheet(&[
        (
            "key_results",
            table(&[
                ("id", &["referrals"]),
                ("objective", &["sales-growth"]),
                ("title", &["Win 40 customers by referral"]),
                ("start", &["0"]),
                ("target", &["40"]),
            ]),
        ),
        (
            "check_ins",
            table(&[
                ("key_result", &["referrals", "annual-revenue"]),
                ("at", &["2026-12-02T09:00:00Z", "2026-12-02T09:00:00Z"]),
                ("value", &["5", "3300000"]),
            ]),
        ),
    ]);
    let (out, report) = import(&g, &t, false).unwrap();
    assert_eq!(
        keys(&report.created),
        [
            ("key_results", "referrals"),
            ("check_ins", "referrals @ 2026-12-02T09:00:00+00:00"),
            ("check_ins", "annual-revenue @ 2026-12-02T09:00:00+00:00"),
        ]
    );
    assert_eq!(
        out.key_result("referrals").unwrap().objective,
        "sales-growth"
    );
    assert_eq!(out.check_ins("referrals").len(), 1);
    assert_eq!(
        out.check_ins("annual-revenue").len(),
        g.check_ins("annual-revenue").len() + 1
    );
    // a check-in given again as recorded is no change; with another value it is refused
    let again = sheet(&[(
        "check_ins",
        table(&[
            ("key_result", &["annual-revenue"]),
            ("at", &["2026-12-02T09:00:00Z"]),
            ("value", &["3300000"]),
        ]),
    )]);
    let (_, report) = import(&out, &again, false).unwrap();
    assert!(report.is_empty(), "{report:?}");
    let other = sheet(&[(
        "check_ins",
        table(&[
            ("key_result", &["annual-revenue"]),
            ("at", &["2026-12-02T09:00:00Z"]),
            ("value", &["3400000"]),
        ]),
    )]);
    match import(&out, &other, false) {
        Err(OkrError::InvalidTables { problems }) => {
            assert_eq!(problems.len(), 1);
            assert_eq!(
                (problems[0].table.as_str(), problems[0].row),
                ("check_ins", Some(1))
            );
            assert!(
                problems[0].message.contains("a record"),
                "{}",
                problems[0].message
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn delete_missing_deletes_only_in_the_tables_the_sheet_has() {
    let g = acme();
    let mut krs = Tables::of_graph(&g);
    // the key results table without "annual-revenue"; no other table
    let all = krs.key_results.take().unwrap();
    let ids = all.column("id").unwrap();
    let keep: Vec<usize> = (0..all.rows())
        .filter(|&i| ids[i] != Cell::from("annual-revenue"))
        .collect();
    let only = Table::from_columns(
        all.columns()
            .map(|(n, c)| (n, keep.iter().map(|&i| c[i].clone()).collect::<Vec<_>>())),
    )
    .unwrap();
    let t = sheet(&[("key_results", only)]);
    let (kept, report) = import(&g, &t, false).unwrap();
    assert!(report.is_empty(), "{report:?}");
    assert!(kept.key_result("annual-revenue").is_some());
    let (out, report) = import(&g, &t, true).unwrap();
    assert_eq!(keys(&report.deleted), [("key_results", "annual-revenue")]);
    assert!(out.key_result("annual-revenue").is_none());
    // deleted from the import's time on: there before it
    let earlier = out.at(okr_core::AsOf::from(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
    ));
    assert!(earlier.key_result("annual-revenue").is_some());
    // no objective, owner or check-in went with it
    assert_eq!(out.objective_count(), g.objective_count());
    assert_eq!(out.owners().count(), g.owners().count());
}

#[test]
fn links_are_added_reweighted_and_removed() {
    let g = acme();
    let t = sheet(&[(
        "links",
        table(&[
            ("child", &["sales-growth", "customer-base"]),
            ("parent", &["leading-provider", "leading-provider"]),
            ("weight", &["5", ""]),
        ]),
    )]);
    let before = g.parent_links("sales-growth");
    assert_eq!(before.len(), 1);
    let (out, report) = import(&g, &t, true).unwrap();
    assert!(
        report.updated.iter().any(|c| c.table == "links"
            && c.key == "sales-growth -> leading-provider"
            && c.fields == ["weight"]),
        "{report:?}"
    );
    assert_eq!(out.parent_links("sales-growth")[0].weight, 5.0);
    // every other link of the graph was deleted (the sheet has the links table)
    let links: usize = out
        .objectives()
        .map(|o| out.parent_links(&o.id).len())
        .sum();
    assert_eq!(links, 2);
    assert!(report.deleted.iter().all(|c| c.table == "links"));
}

#[test]
fn owners_change_without_history_and_keep_what_tables_lack() {
    let g = acme();
    let sales = g.owner("sales").unwrap().clone();
    let t = sheet(&[(
        "owners",
        table(&[
            ("id", &["sales", "new-team"]),
            ("name", &["Sales and partners", "New team"]),
            ("parent", &["", "sales"]),
        ]),
    )]);
    let (out, report) = import(&g, &t, false).unwrap();
    assert_eq!(keys(&report.created), [("owners", "new-team")]);
    assert_eq!(keys(&report.updated), [("owners", "sales")]);
    let after = out.owner("sales").unwrap();
    assert_eq!(after.name, "Sales and partners");
    assert_eq!(
        (&after.extra, &after.cadence, &after.kind),
        (&sales.extra, &sales.cadence, &sales.kind)
    );
    assert_eq!(out.revision_count(), g.revision_count());
    assert_eq!(
        out.owner("new-team").unwrap().parent.as_deref(),
        Some("sales")
    );
}

#[test]
fn every_problem_is_placed_on_the_sheets_rows() {
    let g = acme();
    let t = sheet(&[(
        "objectives",
        table(&[
            ("id", &["sales-growth", "fresh"]),
            ("title", &["Grow", "Fresh"]),
            ("owner", &["nobody", "sales"]),
            ("cycle", &["fy2026", "no-cycle"]),
        ]),
    )]);
    match import(&g, &t, false) {
        Err(OkrError::InvalidTables { problems }) => {
            let places: Vec<_> = problems
                .iter()
                .map(|p| (p.table.as_str(), p.row, p.column.as_deref()))
                .collect();
            assert!(
                places.contains(&("objectives", Some(1), Some("owner"))),
                "{problems:?}"
            );
            assert!(
                places.contains(&("objectives", Some(2), Some("cycle"))),
                "{problems:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    // deleting an owner that objectives name: named on the graph's row, which names no row
    let t = sheet(&[("owners", table(&[("id", &["acme"]), ("name", &["Acme"])]))]);
    match import(&g, &t, true) {
        Err(OkrError::InvalidTables { problems }) => {
            assert!(!problems.is_empty());
            assert!(
                problems
                    .iter()
                    .all(|p| p.row.is_none() || p.table != "objectives")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_change_before_the_latest_revision_is_refused() {
    let g = acme();
    let t = sheet(&[(
        "objectives",
        table(&[
            ("id", &["sales-growth"]),
            ("title", &["Grow"]),
            ("owner", &["sales"]),
            ("cycle", &["fy2026"]),
        ]),
    )]);
    let e = t
        .import_into(&g, at("2000-01-01"), ImportOptions::default())
        .unwrap_err();
    assert_eq!(e.code(), "invalid_revision");
}

#[test]
fn an_export_changed_and_imported_equals_the_same_changes_made_by_hand() {
    let g = acme();
    let mut t = Tables::of_graph(&g);
    // change the title of the first key result in the exported table
    let krs = t.key_results.take().unwrap();
    let id = krs.column("id").unwrap()[0].display();
    let cols = krs
        .columns()
        .map(|(n, c)| {
            let mut c = c.to_vec();
            if n == "title" {
                c[0] = Cell::from("A better title");
            }
            (n, c)
        })
        .collect::<Vec<_>>();
    t.key_results = Some(Table::from_columns(cols).unwrap());
    let (out, report) = import(&g, &t, true).unwrap();
    assert_eq!(keys(&report.updated), [("key_results", id.as_str())]);
    let mut by_hand = g.clone();
    by_hand
        .revise_key_result(
            &id,
            okr_core::KeyResultPatch {
                title: Some("A better title".into()),
                ..Default::default()
            },
            at("2026-12-01"),
        )
        .unwrap();
    assert_eq!(now(&out), now(&by_hand));
    assert_eq!(out.to_json(), by_hand.to_json());
}

#[test]
fn the_graphs_limits_hold_for_what_an_import_adds_and_stay_with_the_copy() {
    let mut g = acme();
    let limits = okr_core::document::Limits {
        max_objectives: g.objective_count(),
        ..Default::default()
    };
    g.set_limits(limits).unwrap();
    let new = sheet(&[(
        "objectives",
        table(&[
            ("id", &["one-more"]),
            ("title", &["One more"]),
            ("owner", &["sales"]),
            ("cycle", &["fy2026"]),
        ]),
    )]);
    match import(&g, &new, false) {
        Err(OkrError::InvalidTables { problems }) => {
            assert!(
                problems.iter().all(|p| p.code == "limit_exceeded"),
                "{problems:?}"
            );
            assert_eq!(problems[0].table, "objectives");
        }
        other => panic!("{other:?}"),
    }
    let retitle = sheet(&[(
        "objectives",
        table(&[("id", &["sales-growth"]), ("title", &["Grow more"])]),
    )]);
    let (out, _) = import(&g, &retitle, false).unwrap();
    assert_eq!(*out.limits(), limits);
    // an owner added (through the document) keeps them too
    let owner = sheet(&[(
        "owners",
        table(&[("id", &["new-team"]), ("name", &["New"])]),
    )]);
    let (out, _) = import(&g, &owner, false).unwrap();
    assert_eq!(*out.limits(), limits);
}

#[test]
fn a_check_ins_table_makes_check_ins_and_names_every_bad_row() {
    let g = acme();
    let recorded = g.check_ins("annual-revenue")[0].at;
    let recorded = okr_core::time::format_instant(recorded);
    let t = table(&[
        (
            "key_result",
            &[
                "annual-revenue",
                "annual-revenue",
                "nope",
                "annual-revenue",
                "annual-revenue",
                "annual-revenue",
            ],
        ),
        (
            "at",
            &[
                "2026-12-02T09:00:00Z",
                "2026-12-03T09:00:00Z",
                "2026-12-03T09:00:00Z",
                "2026-12-02T09:00:00Z",
                recorded.as_str(),
                "",
            ],
        ),
        ("value", &["1", "2", "3", "4", "5", "6"]),
        ("confidence", &["0.5", "", "", "", "", ""]),
        ("note", &["on track", "", "", "", "", ""]),
    ]);
    match Tables::check_ins_for(&g, &t) {
        Err(OkrError::InvalidTables { problems }) => {
            let rows: Vec<_> = problems.iter().map(|p| (p.row, p.code)).collect();
            assert_eq!(
                rows,
                [
                    (Some(3), "unknown_id"),
                    (Some(4), "invalid_check_in"),
                    (Some(5), "invalid_check_in"),
                    (Some(6), "invalid_value"),
                ],
                "{problems:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    let good = table(&[
        ("key_result", &["annual-revenue"]),
        ("at", &["2026-12-02T09:00:00Z"]),
        ("value", &["3300000"]),
        ("confidence", &["0.5"]),
        ("note", &["on track"]),
        ("author", &["bjorn"]),
    ]);
    let made = Tables::check_ins_for(&g, &good).unwrap();
    assert_eq!(made.len(), 1);
    let (kr, c) = &made[0];
    assert_eq!(kr, "annual-revenue");
    assert_eq!(
        (c.confidence, c.note.as_deref(), c.author.as_deref()),
        (Some(0.5), Some("on track"), Some("bjorn"))
    );
    let mut g = g;
    g.check_in_many(made).unwrap();
}
