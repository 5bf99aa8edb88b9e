//! `okr template`, `okr import` and `okr export`: the starter folder imports as it is; the
//! example company exported and imported again reports the same; a folder with problems
//! fails (exit 2) listing every one with its file, row and column, and writes nothing.

mod common;

use std::path::PathBuf;

use common::{ACME, okr, stderr, stdout};

/// A fresh directory for one test's files.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("okr-cli-tables-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_template_imports_as_it_is() {
    let d = dir("template");
    let folder = d.join("tables");
    let o = okr(&["template", "-o", s(&folder)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for name in okr_core::tables::TABLE_NAMES {
        assert!(folder.join(format!("{name}.csv")).is_file(), "{name}");
        assert!(
            stdout(&o).contains(&format!("{name}.csv: ")),
            "{}",
            stdout(&o)
        );
    }
    let doc = d.join("doc.json");
    let o = okr(&["import", s(&folder), "-o", s(&doc)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = okr(&["report", s(&doc), "--as-of", "2027-03-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("[win-nordics]"), "{}", stdout(&o));
}

#[test]
fn the_example_company_reports_the_same_after_export_and_import() {
    let d = dir("acme");
    let folder = d.join("acme");
    let o = okr(&["export", ACME, "--format", "csv", "-o", s(&folder)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = d.join("acme.okrs");
    let o = okr(&["import", s(&folder), "-o", s(&doc), "--format", "snapshot"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("snapshot ("), "{}", stdout(&o));
    // after the example's last revision (2026-11-12): the same report (tables hold the
    // latest state, not the history)
    for args in [
        vec!["report", "FILE", "--as-of", "2026-11-15"],
        vec!["kpis", "FILE", "--as-of", "2026-11-15"],
        vec!["initiatives", "FILE", "--as-of", "2026-11-15"],
        vec![
            "report",
            "FILE",
            "--as-of",
            "2026-12-31",
            "--format",
            "json",
        ],
    ] {
        let with = |f: &str| -> Vec<String> {
            args.iter()
                .map(|a| {
                    if *a == "FILE" {
                        f.to_string()
                    } else {
                        a.to_string()
                    }
                })
                .collect()
        };
        let a = okr(&with(ACME).iter().map(String::as_str).collect::<Vec<_>>());
        let b = okr(&with(s(&doc)).iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
        assert_eq!(stdout(&a), stdout(&b), "{args:?}");
    }
    // exported again: the same files
    let again = d.join("again");
    let o = okr(&["export", s(&doc), "-o", s(&again)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for name in okr_core::tables::TABLE_NAMES {
        let f = format!("{name}.csv");
        assert_eq!(
            std::fs::read_to_string(folder.join(&f)).unwrap(),
            std::fs::read_to_string(again.join(&f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn a_folder_with_problems_lists_every_one_and_writes_nothing() {
    let d = dir("problems");
    let folder = d.join("tables");
    let o = okr(&["template", "-o", s(&folder)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let links = folder.join("links.csv");
    let text = std::fs::read_to_string(&links).unwrap();
    std::fs::write(
        &links,
        text.replace("win-nordics,grow,1,", "win-nordics,grow,heavy,"),
    )
    .unwrap();
    std::fs::write(folder.join("goals.csv"), "id\n1\n").unwrap();
    let cycles = folder.join("cycles.csv");
    let text = std::fs::read_to_string(&cycles).unwrap();
    std::fs::write(&cycles, text.replace("2027-03-31", "2027-02-30")).unwrap();
    let doc = d.join("doc.json");
    let o = okr(&["import", s(&folder), "-o", s(&doc)]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("goals.csv: not a table of okr's"), "{err}");
    assert!(
        err.contains("links.csv, row 1, column weight (\"heavy\"): not a number"),
        "{err}"
    );
    assert!(
        err.contains("cycles.csv, row 1, column end (\"2027-02-30\")"),
        "{err}"
    );
    assert!(!doc.exists());
    // a folder without tables, and one that does not exist
    let empty = dir("empty");
    let o = okr(&["import", s(&empty), "-o", s(&doc)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no CSV file of a table"),
        "{}",
        stderr(&o)
    );
    let o = okr(&["import", s(&d.join("nowhere")), "-o", s(&doc)]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_spreadsheet_round_trips_and_the_template_is_one_too() {
    let d = dir("xlsx");
    let book = d.join("acme.xlsx");
    let o = okr(&["export", ACME, "--format", "xlsx", "-o", s(&book)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("14 sheets: owners (15 rows)"),
        "{}",
        stdout(&o)
    );
    let doc = d.join("acme.json");
    let o = okr(&["import", s(&book), "-o", s(&doc)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let a = okr(&["report", ACME, "--as-of", "2026-11-15"]);
    let b = okr(&["report", s(&doc), "--as-of", "2026-11-15"]);
    assert_eq!(stdout(&a), stdout(&b));
    let tpl = d.join("template.xlsx");
    let o = okr(&["template", "--format", "xlsx", "-o", s(&tpl)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = okr(&["import", s(&tpl), "-o", s(&d.join("t.json"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // a file that is not a workbook
    let o = okr(&["import", ACME, "-o", s(&d.join("x.json"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a workbook"), "{}", stderr(&o));
}

#[test]
fn tables_update_a_document_as_revisions_and_a_dry_run_writes_nothing() {
    let d = dir("into");
    let folder = d.join("sheet");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("objectives.csv"),
        "id,title\nsales-growth,Grow retainer sales by 90% in 2026\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("check_ins.csv"),
        "key_result,at,value\nannual-revenue,2026-12-02T09:00:00Z,3300000\n",
    )
    .unwrap();
    let out = d.join("out.json");
    let dry = [
        "import",
        s(&folder),
        "--into",
        ACME,
        "--at",
        "2026-12-01",
        "--by",
        "anna",
        "--dry-run",
    ];
    let o = okr(&dry);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "1 created, 1 updated, 0 deleted\n  + check_ins annual-revenue @ 2026-12-02T09:00:00+00:00\n  ~ objectives sales-growth (title)\n"
    );
    assert!(!out.exists());
    let o = okr(&[
        "import",
        s(&folder),
        "--into",
        ACME,
        "--at",
        "2026-12-01",
        "--by",
        "anna",
        "-o",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = okr(&["log", s(&out), "sales-growth"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("anna"), "{}", stdout(&o));
    // the same sheet again: nothing to do
    let o = okr(&[
        "import",
        s(&folder),
        "--into",
        s(&out),
        "--at",
        "2026-12-01",
        "--dry-run",
    ]);
    assert_eq!(stdout(&o), "0 created, 0 updated, 0 deleted\n");
    // a problem names the file and row; nothing is written
    std::fs::write(
        folder.join("objectives.csv"),
        "id,title,owner\nsales-growth,Grow,nobody\n",
    )
    .unwrap();
    let again = d.join("again.json");
    let o = okr(&[
        "import",
        s(&folder),
        "--into",
        ACME,
        "--at",
        "2026-12-01",
        "-o",
        s(&again),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("objectives.csv, row 1, column owner"),
        "{}",
        stderr(&o)
    );
    assert!(!again.exists());
    // --at is needed with --into
    let o = okr(&["import", s(&folder), "--into", ACME, "-o", s(&again)]);
    assert_eq!(o.status.code(), Some(2));
}
