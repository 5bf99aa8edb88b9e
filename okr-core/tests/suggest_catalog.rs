use okr_core::suggest::{FUNCTIONS, PLACEHOLDERS, catalog, parse_catalog, template};
use std::collections::{BTreeMap, HashSet};

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Returns the placeholder names in a pattern, or an error for an unclosed brace.
fn placeholders(p: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = p;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let j = after
            .find('}')
            .ok_or_else(|| format!("unclosed brace in {p:?}"))?;
        out.push(&after[..j]);
        rest = &after[j + 1..];
    }
    if rest.contains('}') {
        return Err(format!("stray closing brace in {p:?}"));
    }
    Ok(out)
}

#[test]
fn catalog_parses() {
    let parsed = parse_catalog().expect("data/kpi_catalog.json must parse");
    assert_eq!(parsed.len(), catalog().len());
}

#[test]
fn catalog_is_valid() {
    let cat = catalog();
    assert!(cat.len() >= 200, "catalog has only {} templates", cat.len());
    let mut ids = HashSet::new();
    let mut per_function: BTreeMap<&str, usize> = FUNCTIONS.iter().map(|f| (*f, 0)).collect();
    let mut problems = Vec::new();
    for t in cat {
        let id = &t.id;
        if !ids.insert(id.as_str()) {
            problems.push(format!("{id}: duplicate id"));
        }
        if !is_kebab(id) {
            problems.push(format!("{id}: id is not kebab-case"));
        }
        for (name, v) in [
            ("metric", &t.metric),
            ("definition", &t.definition),
            ("unit", &t.unit),
            ("pattern", &t.pattern),
        ] {
            if v.trim().is_empty() {
                problems.push(format!("{id}: empty {name}"));
            }
        }
        if t.functions.is_empty() || t.synonyms.is_empty() || t.keywords.is_empty() {
            problems.push(format!("{id}: empty functions, synonyms or keywords"));
        }
        if t.synonyms
            .iter()
            .chain(&t.keywords)
            .any(|s| s.trim().is_empty())
        {
            problems.push(format!("{id}: blank synonym or keyword"));
        }
        if t.related.is_empty() {
            problems.push(format!("{id}: no related templates"));
        }
        for r in &t.related {
            if r == id || template(r).is_none() {
                problems.push(format!("{id}: bad related template {r}"));
            }
        }
        if !t.default_target.is_finite() {
            problems.push(format!("{id}: default_target not finite"));
        }
        for f in &t.functions {
            match per_function.get_mut(f.as_str()) {
                Some(n) => *n += 1,
                None => problems.push(format!("{id}: unknown function {f}")),
            }
        }
        match placeholders(&t.pattern) {
            Err(e) => problems.push(format!("{id}: {e}")),
            Ok(ph) => {
                for required in ["metric", "target", "deadline"] {
                    if !ph.contains(&required) {
                        problems.push(format!("{id}: pattern lacks {{{required}}}"));
                    }
                }
                for p in &ph {
                    if !PLACEHOLDERS.contains(p) {
                        problems.push(format!("{id}: unknown placeholder {{{p}}}"));
                    }
                }
                if ph.contains(&"baseline") && !t.pattern.contains(" from {baseline}") {
                    problems.push(format!("{id}: {{baseline}} must follow \" from \""));
                }
            }
        }
    }
    for (f, n) in &per_function {
        if *n < 12 {
            problems.push(format!("function {f} covered by only {n} templates"));
        }
    }
    assert!(
        problems.is_empty(),
        "catalog problems:\n{}",
        problems.join("\n")
    );
    // Direction and cadence enums are validated by deserialisation itself.
    eprintln!(
        "catalog: {} templates; per function: {per_function:?}",
        cat.len()
    );
}

#[test]
fn template_lookup() {
    for t in catalog() {
        assert_eq!(template(&t.id).map(|x| &x.id), Some(&t.id));
    }
    assert!(template("no-such-template").is_none());
    assert!(template("").is_none());
}

#[test]
fn load_catalog_checks_its_input_and_keeps_the_catalog_in_use() {
    use okr_core::suggest::{load_catalog, parse_catalog_str};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/kpi_catalog.json");
    let text = std::fs::read_to_string(path).unwrap();
    // With the built-in catalog, loading the same data again changes nothing.
    load_catalog(&text).unwrap();
    assert_eq!(parse_catalog_str(&text).unwrap().len(), catalog().len());
    let mut items: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let reason = |json: &str| {
        let e = load_catalog(json).unwrap_err();
        assert_eq!(
            (e.code(), e.ids().collect::<Vec<_>>()),
            ("invalid_value", Vec::<&str>::new())
        );
        e.to_string()
    };
    assert!(reason("{}").contains("not a KPI catalog"));
    assert!(reason("[]").contains("no template"));
    let mut dup = items.clone();
    dup.push(items[0].clone());
    assert!(reason(&serde_json::to_string(&dup).unwrap()).contains("repeated"));
    items[0]["functions"] = serde_json::json!(["astrology"]);
    assert!(reason(&serde_json::to_string(&items).unwrap()).contains("astrology"));
    items.remove(0);
    assert!(reason(&serde_json::to_string(&items).unwrap()).contains("already in use"));
}
