//! End-to-end tests of `okr suggest`.

mod common;
use common::*;

fn suggestions(args: &[&str]) -> Vec<serde_json::Value> {
    let o = okr(args);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    serde_json::from_str(&stdout(&o)).expect("a JSON list")
}

#[test]
fn text_output_ranks_with_reasons() {
    let o = okr(&["suggest", "Reduce customer churn", "--top", "3"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(stderr(&o).is_empty());
    let out = stdout(&o);
    assert!(
        out.starts_with(" 1. Customer churn rate [logo-churn-rate]  score "),
        "{out}"
    );
    assert!(out.contains("    decrease, %, reviewed monthly; customer_success\n"));
    assert!(out.contains("    matched: customer, churn\n"));
    assert!(
        out.contains(
            "    Reduce customer churn rate from {baseline}% to {target}% by {deadline}\n"
        )
    );
    assert!(out.contains("tracked alongside logo-churn-rate"), "{out}");
    assert!(out.contains("\n 3. ") && !out.contains("\n 4. "), "{out}");
}

#[test]
fn json_output_is_the_ranked_list() {
    let s = suggestions(&[
        "suggest",
        "Grow annual recurring revenue",
        "--format",
        "json",
    ]);
    assert_eq!(s.len(), 5);
    assert_eq!(s[0]["template_id"], "total-arr");
    for x in &s {
        for key in [
            "metric",
            "definition",
            "matched",
            "direction",
            "unit",
            "phrasing",
        ] {
            assert!(x.get(key).is_some(), "{key} missing in {x}");
        }
    }
    let scores: Vec<f64> = s.iter().map(|x| x["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // Deterministic: the same bytes every time.
    let args = [
        "suggest",
        "Grow annual recurring revenue",
        "--format",
        "json",
    ];
    assert_eq!(okr(&args).stdout, okr(&args).stdout);
}

#[test]
fn top_and_function() {
    let s = suggestions(&[
        "suggest",
        "Improve response time",
        "--top",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(s.len(), 2);
    let eng = suggestions(&[
        "suggest",
        "Improve response time",
        "--function",
        "Engineering",
        "--top",
        "1",
        "--format",
        "json",
    ]);
    let functions = eng[0]["functions"].as_array().unwrap();
    assert!(functions.iter().any(|f| f == "engineering"), "{eng:?}");
}

#[test]
fn top_zero_is_an_error_with_exit_2() {
    for format in ["text", "json"] {
        let o = okr(&["suggest", "reduce churn", "--top", "0", "--format", format]);
        assert_eq!(o.status.code(), Some(2), "{o:?}");
        assert!(o.stdout.is_empty(), "{o:?}");
        assert_eq!(
            stderr(&o),
            "error: invalid configuration top: 0 must be at least 1 (the number of suggestions to give)\n"
        );
    }
}

#[test]
fn nothing_to_match_is_not_an_error() {
    let o = okr(&["suggest", "the and of"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(
        stdout(&o),
        "no suggestions: no word of the text matches the KPI catalog\n"
    );
    assert!(suggestions(&["suggest", "", "--format", "json"]).is_empty());
}

#[test]
fn unknown_function_is_an_error_on_stderr_with_exit_2() {
    let o = okr(&["suggest", "Reduce churn", "--function", "legal"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.starts_with("error: invalid value for function: unknown function \"legal\"; valid functions are: sales, marketing,"),
        "{err}"
    );
    // Bad options are usage errors: exit 2 too.
    let o = okr(&["suggest", "Reduce churn", "--top", "many"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--top"), "{}", stderr(&o));
    let o = okr(&["suggest"]);
    assert_eq!(o.status.code(), Some(2));
}
