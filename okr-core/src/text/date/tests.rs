use super::*;
use crate::text::token::{TokenizeOptions, tokenize};

fn dl(s: &str) -> Option<String> {
    let cal = Cal {
        as_of: NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(),
        fs: 1,
    };
    let t = tokenize(s, TokenizeOptions::ANALYSIS);
    let (m, _) = find(&t, &cal);
    m.iter()
        .max_by_key(|m| (m.rank, m.date))
        .map(|m| m.date.to_string())
}

#[test]
fn resolves_common_deadlines() {
    let cases = [
        ("by December 31, 2027", "2027-12-31"),
        ("by May 15th", "2027-05-15"),
        ("by end of Q1", "2027-03-31"),
        ("by the end of H1", "2027-06-30"),
        ("this quarter", "2026-12-31"),
        ("this fiscal year", "2026-12-31"),
        ("before the start of next year", "2026-12-31"),
        ("before year end", "2026-12-31"),
        ("by mid-year", "2027-06-30"),
        ("within 6 weeks", "2026-11-16"),
        ("in 2027", "2027-12-31"),
        ("by 2030", "2030-12-31"),
        ("Q1 2028", "2028-03-31"),
        ("2027-03-31", "2027-03-31"),
        ("through November", "2026-11-30"),
        ("by year end", "2026-12-31"),
        ("by Q4 end", "2026-12-31"),
        ("by the end of Q2 2027", "2027-06-30"),
        ("before November 20th", "2026-11-20"),
        ("by 15 March 2027", "2027-03-15"),
        ("by FY2027", "2027-12-31"),
        ("next quarter", "2027-03-31"),
        ("by end of the month", "2026-10-31"),
        ("by Friday", "2026-10-09"),
    ];
    for (s, want) in cases {
        assert_eq!(dl(s).as_deref(), Some(want), "{s}");
    }
}

#[test]
fn fiscal_year_start() {
    let cal = Cal {
        as_of: NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(),
        fs: 4,
    };
    let t = tokenize("this fiscal year", TokenizeOptions::ANALYSIS);
    let (m, _) = find(&t, &cal);
    assert_eq!(m[0].date.to_string(), "2027-03-31");
    let t = tokenize("by end of Q1", TokenizeOptions::ANALYSIS);
    let (m, _) = find(&t, &cal);
    assert_eq!(m[0].date.to_string(), "2027-06-30");
    let t = tokenize("this quarter", TokenizeOptions::ANALYSIS);
    let (m, _) = find(&t, &cal);
    assert_eq!(m[0].date.to_string(), "2026-12-31");
}

#[test]
fn no_false_deadlines() {
    for s in [
        "Keep releases above 10 per month",
        "Decrease returns by 20% compared with 2025",
        "We may reach 10 users",
        "Organize a monthly all-hands",
    ] {
        assert_eq!(dl(s), None, "{s}");
    }
}
