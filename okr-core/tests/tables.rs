//! Tables in and out: the starter tables import, a graph exported as CSV and imported again
//! gives the same organisation and the same rollup (the example company, random graphs of
//! every measure with extreme values), ids and flags as frames and spreadsheets hold them,
//! and every problem reported at once with its table, row and column.

// Tests sort with std; okr-core/clippy.toml steers only the library to `crate::sort`.
#![allow(clippy::disallowed_methods)]

mod spec;

use okr_core::document::{Document, Limits, load_str};
use okr_core::tables::{Cell, Table, TableProblem, Tables};
use okr_core::{OkrError, OkrGraph};
use proptest::prelude::*;

use spec::*;

/// The parts of a document tables carry (no history, workflow or extra data).
fn model(doc: &Document) -> Document {
    let mut d = doc.clone();
    d.history.clear();
    d.extra = Default::default();
    for o in &mut d.owners {
        o.extra = Default::default();
        o.cadence = None;
    }
    for c in &mut d.cycles {
        c.extra = Default::default();
    }
    for o in &mut d.objectives {
        o.extra = Default::default();
        o.cadence = None;
        for k in &mut o.key_results {
            k.extra = Default::default();
            for c in &mut k.check_ins {
                c.extra = Default::default();
            }
        }
    }
    for k in &mut d.kpis {
        k.extra = Default::default();
    }
    for i in &mut d.initiatives {
        i.extra = Default::default();
    }
    d.proposals.clear();
    d.comments.clear();
    d.acknowledgements.clear();
    d.closed_cycles.clear();
    d.review = None;
    d
}

/// `g` through CSV text and back.
fn through_csv(g: &OkrGraph) -> OkrGraph {
    let texts = Tables::of_graph(g).to_csv_texts();
    let tables =
        Tables::from_csv_texts(texts.iter().map(|(n, t)| (*n, t.as_str()))).expect("reads");
    tables
        .to_graph(&Limits::none())
        .unwrap_or_else(|e| panic!("imports: {e}"))
}

fn problems(r: okr_core::Result<OkrGraph>) -> Vec<TableProblem> {
    match r {
        Err(OkrError::InvalidTables { problems }) => problems,
        Err(e) => panic!("another error: {e}"),
        Ok(_) => panic!("imported"),
    }
}

/// Where a problem is: its table, row and column.
fn place(p: &TableProblem) -> (&str, Option<usize>, Option<&str>) {
    (p.table.as_str(), p.row, p.column.as_deref())
}

/// The example company.
fn acme() -> OkrGraph {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/acme.okr.json"
    ))
    .unwrap();
    load_str(&text).unwrap()
}

fn table(cols: &[(&str, Vec<Cell>)]) -> Table {
    Table::from_columns(cols.iter().map(|(n, c)| (*n, c.clone()))).expect("a table")
}

fn texts(cells: &[&str]) -> Vec<Cell> {
    cells
        .iter()
        .map(|s| {
            if s.is_empty() {
                Cell::Null
            } else {
                Cell::from(*s)
            }
        })
        .collect()
}

#[test]
fn the_starter_tables_import_and_round_trip() {
    let t = Tables::template();
    let g = t
        .to_graph(&Limits::default())
        .expect("the template imports");
    assert_eq!(g.objective_count(), 2);
    assert_eq!(g.key_results().count(), 3);
    assert_eq!(g.kpis().count(), 1);
    assert_eq!(g.initiatives().count(), 1);
    assert_eq!(g.groups().count(), 1);
    assert_eq!(g.key_result("nordic-revenue").unwrap().plan.len(), 3);
    assert_eq!(g.parents_of("win-nordics"), vec![("grow", 1.0)]);
    assert_eq!(g.check_ins("nordic-revenue").len(), 2);
    let as_of = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let again = through_csv(&g);
    assert_eq!(snapshot(&g.rollup(as_of)), snapshot(&again.rollup(as_of)));
    // the template as CSV names every column of every table
    for (name, text) in t.to_csv_texts() {
        let header = text.lines().next().unwrap();
        let cols: Vec<&str> = okr_core::tables::columns_of(name)
            .unwrap()
            .iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(header, cols.join(","), "{name}");
    }
}

#[test]
fn the_example_company_round_trips_through_csv() {
    let g = acme();
    assert!(
        !g.to_document().history.is_empty(),
        "the example has revisions"
    );
    let again = through_csv(&g);
    // the tables of the copy are those of the original: its latest state
    assert_eq!(Tables::of_graph(&g), Tables::of_graph(&again));
    // tables carry the organisation as it is now, not its history: the same rollup from the
    // last revision on (2026-11-12), a different one before it
    let before = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    assert_ne!(snapshot(&g.rollup(before)), snapshot(&again.rollup(before)));
    for day in [(2026, 11, 13), (2026, 11, 15), (2026, 12, 31), (2027, 2, 1)] {
        let as_of = chrono::NaiveDate::from_ymd_opt(day.0, day.1, day.2).unwrap();
        let (a, b) = (snapshot(&g.rollup(as_of)), snapshot(&again.rollup(as_of)));
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y, "{as_of}");
        }
        assert_eq!(a.len(), b.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    /// Random organisations of every measure, with extreme values and check-in times down
    /// to the nanosecond: through CSV and back, the same model and the same rollup bit for
    /// bit.
    #[test]
    fn random_graphs_round_trip_through_csv(spec in spec(6, Vals::Extreme)) {
        let g = spec.build();
        let again = through_csv(&g);
        prop_assert_eq!(model(&g.to_document()), model(&again.to_document()));
        let as_of = spec.as_of();
        prop_assert_eq!(snapshot(&g.rollup(as_of)), snapshot(&again.rollup(as_of)));
    }
}

/// A small organisation as frames hold it: integer ids, 0/1 flags, floats for integers.
fn frames() -> Tables {
    let cycles = Some(table(&[
        ("id", vec![Cell::Int(7)]),
        ("start", texts(&["2027-01-01"])),
        (
            "end",
            vec![Cell::Date(
                chrono::NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
            )],
        ),
    ]));
    let objectives = Some(table(&[
        ("id", vec![Cell::Int(1001), Cell::Float(1002.0)]),
        ("title", texts(&["Grow", "Sell"])),
        ("owner", vec![Cell::Int(1), Cell::Int(2)]),
        ("cycle", vec![Cell::Int(7), Cell::Float(7.0)]),
    ]));
    let links = Some(table(&[
        ("child", vec![Cell::Int(1002)]),
        ("parent", vec![Cell::Int(1001)]),
        ("weight", vec![Cell::Float(f64::NAN)]),
    ]));
    let key_results = Some(table(&[
        ("id", vec![Cell::Int(1), Cell::Int(2)]),
        ("objective", vec![Cell::Int(1002), Cell::Int(1002)]),
        ("title", texts(&["Deals", "Launched"])),
        ("start", vec![Cell::Int(0), Cell::Null]),
        ("target", vec![Cell::Float(10.0), Cell::Null]),
    ]));
    let check_ins = Some(table(&[
        ("key_result", vec![Cell::Int(1), Cell::Int(2), Cell::Int(1)]),
        (
            "at",
            texts(&["2027-02-01", "2027-02-02T10:00:00+01:00", "2027-01-15"]),
        ),
        ("value", vec![Cell::Int(4), Cell::Null, Cell::Float(2.5)]),
        ("done", vec![Cell::Null, Cell::Int(1), Cell::Null]),
    ]));
    Tables {
        cycles,
        objectives,
        links,
        key_results,
        check_ins,
        ..Tables::default()
    }
}

#[test]
fn ids_flags_and_missing_owners_as_frames_hold_them() {
    let g = frames().to_graph(&Limits::default()).expect("imports");
    // integers (and floats without a fraction) are their decimal strings
    assert!(g.objective("1001").is_some() && g.objective("1002").is_some());
    assert_eq!(g.parents_of("1002"), vec![("1001", 1.0)]);
    // owners made from the ids named, in the order named
    let owners: Vec<(&str, &str, &str)> = g
        .owners()
        .map(|o| (o.id.as_str(), o.name.as_str(), o.kind.as_str()))
        .collect();
    assert_eq!(owners, [("1", "1", "owner"), ("2", "2", "owner")]);
    // a key result with neither start nor target is a boolean one; 1 is done
    assert!(matches!(
        g.key_result("2").unwrap().measure,
        okr_core::Measure::Boolean
    ));
    let as_of = chrono::NaiveDate::from_ymd_opt(2027, 2, 10).unwrap();
    let r = g.rollup(as_of);
    assert_eq!(r.key_result("2").unwrap().progress, Some(1.0));
    // check-ins sorted by time: the February one is in force
    assert_eq!(r.key_result("1").unwrap().progress, Some(0.4));
    let times: Vec<String> = g
        .check_ins("1")
        .iter()
        .map(|c| okr_core::time::format_instant(c.at))
        .collect();
    assert_eq!(times, ["2027-01-15T00:00:00Z", "2027-02-01T00:00:00Z"]);
}

#[test]
fn every_problem_is_reported_at_once_with_its_row_and_column() {
    let mut t = frames();
    t.objectives = Some(table(&[
        ("id", texts(&["a", "b", "c", "a", ""])),
        ("title", texts(&["A", "B", "C", "A again", "no id"])),
        ("owner", texts(&["o", "o", "o", "o", "o"])),
        ("cycle", texts(&["7", "7", "nope", "7", "7"])),
        ("state", texts(&["active", "sleeping", "", "", ""])),
        ("colour", texts(&["", "", "", "", ""])),
    ]));
    t.links = Some(table(&[
        ("child", texts(&["b", "a", "b", "ghost"])),
        ("parent", texts(&["a", "b", "a", "a"])),
        ("weight", texts(&["1", "1", "-2", "heavy"])),
    ]));
    t.key_results = Some(table(&[
        ("id", texts(&["k1", "k2", "k3", "k4"])),
        ("objective", texts(&["a", "a", "zz", "b"])),
        ("title", texts(&["K1", "K2", "K3", "K4"])),
        ("kind", texts(&["numeric", "boolean", "", "threshold"])),
        ("start", texts(&["5", "1", "0", ""])),
        ("target", texts(&["5", "", "1", ""])),
        ("bound", texts(&["", "", "", "sideways"])),
        ("value", texts(&["", "", "", "3"])),
        ("due", texts(&["", "", "", "2027-02-30"])),
    ]));
    t.check_ins = Some(table(&[
        ("key_result", texts(&["k1", "k1", "k9", "k4"])),
        (
            "at",
            texts(&[
                "2027-01-10",
                "2027-01-10T00:00:00Z",
                "2027-01-11",
                "2027-01-12T10:00",
            ]),
        ),
        ("value", texts(&["1", "2", "3", "4"])),
    ]));
    let found = problems(t.to_graph(&Limits::default()));
    let lines: Vec<String> = found
        .iter()
        .map(|p| format!("{} [{}]", p, p.code))
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
    // the message counts them and shows the first few
    let e = OkrError::InvalidTables {
        problems: found.clone(),
    };
    assert!(
        e.to_string()
            .starts_with(&format!("{} problems in the tables: ", found.len()))
    );
    assert_eq!(e.code(), "invalid_tables");
    assert_eq!(e.name(), "TableError");
}

#[test]
fn model_problems_are_placed_on_their_rows() {
    // the document's own checks (a cycle, a measure, a duplicate id), found together once
    // the values read
    let mut t = frames();
    t.objectives = Some(table(&[
        ("id", texts(&["a", "b", "c", "b"])),
        ("title", texts(&["A", "B", "C", "B again"])),
        ("owner", texts(&["o", "o", "o", "o"])),
        ("cycle", texts(&["7", "7", "7", "7"])),
    ]));
    t.links = Some(table(&[
        ("child", texts(&["b", "c", "a"])),
        ("parent", texts(&["a", "b", "c"])),
    ]));
    t.key_results = Some(table(&[
        ("id", texts(&["k1", "k2"])),
        ("objective", texts(&["a", "b"])),
        ("title", texts(&["K1", "K2"])),
        ("start", texts(&["5", "0"])),
        ("target", texts(&["5", "1"])),
    ]));
    t.check_ins = Some(table(&[
        ("key_result", texts(&["k2"])),
        ("at", texts(&["2027-01-10"])),
        ("done", texts(&["yes"])),
    ]));
    let found = problems(t.to_graph(&Limits::default()));
    let lines: Vec<String> = found
        .iter()
        .map(|p| format!("{} [{}]", p, p.code))
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
    for p in &found {
        assert!(p.row.is_some(), "{p}");
    }
}

#[test]
fn limits_hold_for_tables_as_for_documents() {
    let mut t = frames();
    let n = 12;
    t.check_ins = Some(table(&[
        ("key_result", vec![Cell::Int(1); n]),
        (
            "at",
            (0..n)
                .map(|i| Cell::Text(format!("2027-01-{:02}", i + 1)))
                .collect(),
        ),
        ("value", (0..n).map(|i| Cell::Int(i as i64)).collect()),
    ]));
    let limits = Limits {
        max_check_ins_per_key_result: 10,
        max_string_bytes: 3,
        ..Limits::default()
    };
    let found = problems(t.to_graph(&limits));
    assert!(
        found
            .iter()
            .any(|p| p.code == "limit_exceeded" && p.table == "check_ins" && p.row == Some(11))
    );
    assert!(found.iter().any(|p| p.code == "limit_exceeded"
        && p.table == "objectives"
        && p.column.as_deref() == Some("title")
        && p.row == Some(1)));
    // one problem per key result over the limit, not one per row
    let over = found
        .iter()
        .filter(|p| p.table == "check_ins" && p.message.contains("more than 10 check-ins"))
        .count();
    assert_eq!(over, 1);
    // the same tables load under the default limits
    assert!(t.to_graph(&Limits::default()).is_ok());
    // CSV texts together are held to the size of a document
    let texts = Tables::template().to_csv_texts();
    let total: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let small = Limits {
        max_document_bytes: total - 1,
        ..Limits::default()
    };
    let e = Tables::graph_from_csv_texts(texts.iter().map(|(n, t)| (*n, t.as_str())), &small)
        .unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    assert!(
        Tables::graph_from_csv_texts(
            texts.iter().map(|(n, t)| (*n, t.as_str())),
            &Limits {
                max_document_bytes: total,
                ..Limits::default()
            }
        )
        .is_ok()
    );
}

#[test]
fn the_same_key_result_twice_at_one_time_is_refused() {
    let mut t = frames();
    t.check_ins = Some(table(&[
        ("key_result", vec![Cell::Int(1), Cell::Int(1)]),
        ("at", texts(&["2027-01-10", "2027-01-10T00:00:00Z"])),
        ("value", vec![Cell::Int(1), Cell::Int(2)]),
    ]));
    let found = problems(t.to_graph(&Limits::default()));
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].table.as_str(), found[0].row),
        ("check_ins", Some(2))
    );
    assert_eq!(found[0].ids, ["1"]);
}

#[test]
fn csv_reads_quotes_line_breaks_and_byte_order_marks() {
    let text =
        "\u{feff}id,title,owner,cycle\r\n\"a\",\"Grow, \"\"fast\"\"\nand well\",o,q\r\nb,,o,q\n";
    let t = Table::from_csv(text).unwrap();
    assert_eq!(t.rows(), 2);
    assert_eq!(
        t.column("title").unwrap(),
        [Cell::from("Grow, \"fast\"\nand well"), Cell::Null]
    );
    // written and read again: the same cells
    assert_eq!(Table::from_csv(&t.to_csv()).unwrap(), t);
    let e = Table::from_csv("id,title\na,b,c\n").unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert!(
        e.to_string()
            .contains("line 2 has 3 fields, the header has 2"),
        "{e}"
    );
    assert!(Table::from_csv("id,id\na,b\n").is_err());
    // among tables: the problem names the row of data it stops at
    let e = Tables::from_csv_texts([("links", "child,parent\na,b\nc,d,e\n")]).unwrap_err();
    let OkrError::InvalidTables { problems } = e else {
        panic!("{e}")
    };
    assert_eq!(
        (problems[0].table.as_str(), problems[0].row),
        ("links", Some(2))
    );
    assert_eq!(Table::from_csv("").unwrap().rows(), 0);
}

#[test]
fn a_table_of_another_name_or_a_misshapen_one_is_refused() {
    let e = Tables::from_csv_texts([("goals", "id\n1\n")]).unwrap_err();
    assert_eq!(e.code(), "invalid_tables");
    assert!(e.to_string().contains("goals: not a table of okr's"), "{e}");
    let mut t = Table::new();
    t.push_column("id", vec![Cell::Int(1)]).unwrap();
    assert!(t.push_column("title", vec![]).is_err());
    assert!(t.push_column("id", vec![Cell::Int(2)]).is_err());
    assert_eq!(t.columns().count(), 1);
    assert!(Tables::default().set("goals", Table::new()).is_err());
}

/// Spreadsheets: the example company through a workbook, and a workbook as a person makes
/// one (date cells, numbers for ids, a date-and-time cell without a zone).
#[cfg(feature = "xlsx")]
mod xlsx {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    #[test]
    fn the_example_company_round_trips_through_a_workbook() {
        let g = acme();
        let book = Tables::of_graph(&g).to_xlsx().unwrap();
        let again = Tables::graph_from_xlsx(&book, &Limits::default()).unwrap();
        assert_eq!(Tables::of_graph(&g), Tables::of_graph(&again));
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
        assert_eq!(snapshot(&g.rollup(as_of)), snapshot(&again.rollup(as_of)));
    }

    #[test]
    fn a_workbook_as_a_person_makes_one() {
        let mut book = Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let when = Format::new().set_num_format("yyyy-mm-dd hh:mm");
        let s = book.add_worksheet();
        s.set_name("cycles").unwrap();
        for (c, h) in ["id", "start", "end"].iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        s.write_string(1, 0, "q1").unwrap();
        let d = |m, day| ExcelDateTime::from_ymd(2027, m, day).unwrap();
        s.write_datetime_with_format(1, 1, d(1, 1), &date).unwrap();
        s.write_datetime_with_format(1, 2, d(3, 31), &date).unwrap();
        let s = book.add_worksheet();
        s.set_name("objectives").unwrap();
        for (c, h) in ["id", "title", "owner", "cycle"].iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        s.write_number(1, 0, 1001).unwrap();
        s.write_string(1, 1, "Grow").unwrap();
        s.write_string(1, 2, "ann").unwrap();
        s.write_string(1, 3, "q1").unwrap();
        let s = book.add_worksheet();
        s.set_name("key_results").unwrap();
        for (c, h) in ["id", "objective", "title", "start", "target"]
            .iter()
            .enumerate()
        {
            s.write_string(0, c as u16, *h).unwrap();
        }
        s.write_string(1, 0, "deals").unwrap();
        s.write_number(1, 1, 1001).unwrap();
        s.write_string(1, 2, "Deals").unwrap();
        s.write_number(1, 3, 0).unwrap();
        s.write_number(1, 4, 10).unwrap();
        let s = book.add_worksheet();
        s.set_name("check_ins").unwrap();
        for (c, h) in ["key_result", "at", "value"].iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        s.write_string(1, 0, "deals").unwrap();
        s.write_datetime_with_format(1, 1, d(2, 1), &date).unwrap();
        s.write_number(1, 2, 4).unwrap();
        s.write_string(2, 0, "deals").unwrap();
        let late = d(2, 15).and_hms(17, 0, 0).unwrap();
        s.write_datetime_with_format(2, 1, &late, &when).unwrap();
        s.write_number(2, 2, 6).unwrap();
        let bytes = book.save_to_buffer().unwrap();

        // the date-and-time cell has no zone: refused with the one rule for times
        let found = problems(Tables::graph_from_xlsx(&bytes, &Limits::default()));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(place(&found[0]), ("check_ins", Some(2), Some("at")));
        assert!(
            found[0].message.contains("no time zone"),
            "{}",
            found[0].message
        );

        // without it: date cells are dates, a number is an id
        let mut tables = Tables::from_xlsx(&bytes).unwrap();
        let ci = tables.check_ins.take().unwrap();
        let keep: Vec<(String, Vec<Cell>)> = ci
            .columns()
            .map(|(n, c)| (n.to_string(), c[..1].to_vec()))
            .collect();
        tables.check_ins = Some(Table::from_columns(keep).unwrap());
        let g = tables.to_graph(&Limits::default()).unwrap();
        assert_eq!(
            g.cycle("q1").unwrap().end,
            chrono::NaiveDate::from_ymd_opt(2027, 3, 31).unwrap()
        );
        assert_eq!(g.key_result("deals").unwrap().objective, "1001");
        let r = g.rollup(chrono::NaiveDate::from_ymd_opt(2027, 2, 2).unwrap());
        assert_eq!(r.key_result("deals").unwrap().progress, Some(0.4));
        // not a workbook, a sheet that is not a table
        assert_eq!(
            Tables::from_xlsx(b"not a zip").unwrap_err().code(),
            "invalid_value"
        );
    }
}

#[test]
fn a_row_left_out_brings_no_problems_to_the_rows_naming_it() {
    // a key result whose target does not read: its check-ins do not each say it is unknown
    let mut t = frames();
    t.key_results = Some(table(&[
        ("id", texts(&["1", "2"])),
        ("objective", texts(&["1002", "1002"])),
        ("title", texts(&["Deals", "Launched"])),
        ("start", texts(&["0", ""])),
        ("target", texts(&["ten", ""])),
    ]));
    let found = problems(t.to_graph(&Limits::default()));
    let lines: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        ["key_results, row 1, column target (\"ten\"): not a number"],
        "{lines:#?}"
    );
    // an objective that does not read: its links and key results neither
    let mut t = frames();
    t.objectives = Some(table(&[
        ("id", vec![Cell::Int(1001), Cell::Int(1002)]),
        ("title", texts(&["Grow", "Sell"])),
        ("owner", vec![Cell::Int(1), Cell::Int(2)]),
        ("cycle", vec![Cell::Int(7), Cell::Bool(true)]),
    ]));
    let found = problems(t.to_graph(&Limits::default()));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].row, found[0].column.as_deref()),
        (Some(2), Some("cycle"))
    );
}

#[cfg(feature = "xlsx")]
#[test]
fn a_table_longer_than_a_sheet_is_refused_before_any_work() {
    let n = 1_048_576;
    let t = Tables {
        owners: Some(table(&[("id", vec![Cell::Null; n])])),
        ..Tables::default()
    };
    let e = t.to_xlsx().unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert!(e.to_string().contains("owners has 1048576 rows"), "{e}");
}

#[test]
fn a_zoneless_midnight_is_a_day_in_a_date_column_and_refused_in_a_time_column() {
    let local = |h| {
        Cell::LocalTime(
            chrono::NaiveDate::from_ymd_opt(2027, 1, 1)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap(),
        )
    };
    let mut t = frames();
    t.cycles = Some(table(&[
        ("id", vec![Cell::Int(7)]),
        ("start", vec![local(0)]),
        ("end", texts(&["2027-03-31"])),
    ]));
    let g = t
        .to_graph(&Limits::default())
        .expect("a midnight is its day");
    assert_eq!(
        g.cycle("7").unwrap().start,
        chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
    );
    t.cycles = Some(table(&[
        ("id", vec![Cell::Int(7)]),
        ("start", vec![local(9)]),
        ("end", texts(&["2027-03-31"])),
    ]));
    let found = problems(t.to_graph(&Limits::default()));
    assert_eq!(
        found[0].to_string(),
        "cycles, row 1, column start (\"2027-01-01T09:00:00\"): a time of day where a date is expected"
    );
    let mut t = frames();
    t.check_ins = Some(table(&[
        ("key_result", vec![Cell::Int(1)]),
        ("at", vec![local(0)]),
        ("value", vec![Cell::Int(1)]),
    ]));
    let found = problems(t.to_graph(&Limits::default()));
    assert_eq!(place(&found[0]), ("check_ins", Some(1), Some("at")));
    assert!(
        found[0].message.contains("no time zone"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_workbook_file_is_read_within_the_document_size_limit_and_not_as_text() {
    let dir = std::env::temp_dir().join(format!("okr-tables-read-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("book.xlsx");
    std::fs::write(&path, b"PK\x03\x04\xff\xfe not text").unwrap();
    let bytes = okr_core::document::read_file_binary(&path, &Limits::default()).unwrap();
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    let small = Limits {
        max_document_bytes: 8,
        ..Limits::default()
    };
    let e = okr_core::document::read_file_binary(&path, &small).unwrap_err();
    assert!(e.to_string().contains("limit exceeded"), "{e}");
    // the same file is refused as a document's text (not UTF-8)
    assert!(okr_core::document::read_file_bytes(&path, &Limits::default()).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}
