//! okr-core's modules form layers: no import circle between its top-level modules. A module
//! uses another when one of its source files names `crate::other` outside comments and unit
//! tests. See the README's "Where things live".

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Top-level module -> the top-level modules it names.
fn uses() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        if name == "lib" {
            continue;
        }
        let list = files.entry(name).or_default();
        if p.is_dir() {
            rust_files(&p, list);
        } else {
            list.push(p);
        }
    }
    let modules: BTreeSet<String> = files.keys().cloned().collect();
    let mut edges = BTreeMap::new();
    for (m, paths) in &files {
        let mut to = BTreeSet::new();
        for p in paths {
            let text = std::fs::read_to_string(p).unwrap();
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for (i, _) in line.match_indices("crate::") {
                    let name: String = line[i + 7..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if modules.contains(&name) && &name != m {
                        to.insert(name);
                    }
                }
            }
        }
        edges.insert(m.clone(), to);
    }
    edges
}

#[test]
fn no_import_circle_between_modules() {
    let edges = uses();
    // a depth-first search that reports the first circle it meets
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(m.to_string(), 1);
        path.push(m.to_string());
        for n in &edges[m] {
            match state.get(n.as_str()).copied().unwrap_or(0) {
                1 => {
                    let at = path.iter().position(|p| p == n).unwrap();
                    let mut circle = path[at..].to_vec();
                    circle.push(n.clone());
                    return Some(circle);
                }
                0 => {
                    if let Some(c) = visit(n, edges, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(m.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in edges.keys() {
        if state.get(m.as_str()).copied().unwrap_or(0) == 0 {
            let circle = visit(m, &edges, &mut state, &mut Vec::new());
            assert!(
                circle.is_none(),
                "import circle: {}",
                circle.unwrap().join(" -> ")
            );
        }
    }
}

#[test]
fn the_store_knows_nothing_above_it() {
    let edges = uses();
    for low in ["store", "algo", "model", "time", "error"] {
        for high in [
            "graph",
            "rollup",
            "document",
            "analytics",
            "lint",
            "render",
            "explain",
        ] {
            assert!(!edges[low].contains(high), "{low} uses {high}");
        }
    }
}
