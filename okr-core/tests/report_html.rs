//! The alignment tree as data (`Report::tree`, the order `okr report` prints) and as an HTML
//! fragment for notebooks (`Report::render_html`), issue 23.

use chrono::NaiveDate;
use okr_core::render::html_escape;
use okr_core::report::Report;
use okr_core::{NodeKind, OkrGraph};

fn example_text() -> String {
    include_str!("../../examples/acme.okr.json").to_string()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 15).unwrap()
}

#[test]
fn the_tree_is_the_order_of_the_text_report() {
    let g = OkrGraph::from_json(&example_text()).unwrap();
    let r = g.rollup(day());
    let tree = Report::tree(&g, r.as_of());
    let text = Report::render_text(&g, &r);
    // the tree lines: between the column header and the blank line before the summary
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("objective / key result"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(tree.len() > 5, "{tree:?}");
    assert_eq!(tree.len(), lines.len(), "{text}");
    for (row, line) in tree.iter().zip(&lines) {
        assert!(line.contains(&format!("[{}]", row.id)), "{row:?} vs {line}");
        assert_eq!(row.repeated, line.contains("(shown above)"), "{line}");
    }
    // parents before children: every objective under a parent comes after it
    for (i, row) in tree.iter().enumerate() {
        if row.depth > 0 {
            let parent = tree[..i]
                .iter()
                .rev()
                .find(|p| p.depth == row.depth - 1)
                .unwrap();
            assert_eq!(parent.kind, NodeKind::Objective);
            match row.kind {
                NodeKind::KeyResult => {
                    assert_eq!(g.key_result(&row.id).unwrap().objective, parent.id)
                }
                NodeKind::Objective => assert!(
                    g.parent_links(&row.id).iter().any(|l| l.id == parent.id),
                    "{row:?} under {parent:?}"
                ),
            }
        }
    }
    // every objective and key result appears
    for o in g.objectives() {
        assert!(
            tree.iter()
                .any(|t| t.id == o.id && t.kind == NodeKind::Objective)
        );
    }
    for k in g.key_results() {
        assert!(
            tree.iter()
                .any(|t| t.id == k.id && t.kind == NodeKind::KeyResult)
        );
    }
}

#[test]
fn html_is_the_tree_with_titles_owners_and_figures() {
    let g = OkrGraph::from_json(&example_text()).unwrap();
    let r = g.rollup(day());
    let html = Report::render_html(&g, &r).unwrap();
    let tree = Report::tree(&g, r.as_of());
    // rows in tree order
    let mut at = 0;
    for row in &tree {
        let mark = format!("data-id=\"{}\" data-depth=\"{}\"", row.id, row.depth);
        let pos = html[at..]
            .find(&mark)
            .unwrap_or_else(|| panic!("{mark} after {at}"));
        at += pos + mark.len();
    }
    for o in g.objectives() {
        assert!(html.contains(&html_escape(&o.title)), "{}", o.title);
        let v = r.objective(&o.id).unwrap();
        assert!(html.contains(&okr_core::format::percent(v.progress)));
        if let Some(w) = g.owner(&o.owner).filter(|w| !w.name.is_empty()) {
            assert!(html.contains(&html_escape(&w.name)), "{}", w.name);
        }
    }
    assert!(html.starts_with("<table"));
    assert!(html.ends_with("</table>"));
    assert!(!html.to_lowercase().contains("<script"));
    assert!(!html.contains("http://") && !html.contains("https://"));
}

#[test]
fn html_escapes_every_text_from_the_document() {
    let mut doc: serde_json::Value = serde_json::from_str(&example_text()).unwrap();
    let hostile = "<script>alert(\"x\")</script> & 'co'";
    doc["objectives"][0]["title"] = hostile.into();
    doc["objectives"][0]["key_results"][0]["title"] = hostile.into();
    doc["owners"][0]["name"] = "<img src=x onerror=alert(1)>".into();
    let g = OkrGraph::from_json(&doc.to_string()).unwrap();
    let r = g.rollup(day());
    let html = Report::render_html(&g, &r).unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;co&apos;")
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}
