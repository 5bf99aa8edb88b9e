//! Adversarial document shapes for the scaling benchmark (`okr-scale`): the generators of
//! `shared/hostile/gen_scale.py` ported to Rust (the same documents, with empty `parents` and
//! `key_results` lists written out), plus shapes that load the rules it does not reach. Each returns the
//! document's JSON text; sizes above the default [`okr_core::document::Limits`] (a chain deeper
//! than 100, more than 10,000 check-ins) load with `Limits::none()`.

use std::fmt::Write as _;

const CYCLE: &str = r#"[{"id":"fy","start":"2026-01-01","end":"2026-12-31"}]"#;

/// `{"version":1,"owners":OWNERS,"cycles":CYCLES,"objectives":[OBJECTIVES]}`.
fn document(owners: &str, cycles: &str, objectives: &str) -> String {
    format!(r#"{{"version":1,"owners":{owners},"cycles":{cycles},"objectives":[{objectives}]}}"#)
}

/// gen_scale's key result: numeric 0 to 500 with one check-in.
fn key_result(id: &str) -> String {
    format!(
        r#"{{"id":"k{id}","title":"Acquire 500 customers by December 31","measure":{{"kind":"numeric","start":0,"target":500}},"check_ins":[{{"at":"2026-11-01","value":250}}]}}"#
    )
}

/// An objective of owner `o` in cycle `fy` with `parents` and `key_results` (JSON lists).
fn objective(id: &str, title: &str, owner: &str, parents: &str, key_results: &str) -> String {
    format!(
        r#"{{"id":"{id}","title":"{title}","owner":"{owner}","cycle":"fy","parents":[{parents}],"key_results":[{key_results}]}}"#
    )
}

fn join(items: impl Iterator<Item = String>) -> String {
    let mut s = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&item);
    }
    s
}

const ONE_OWNER: &str = r#"[{"id":"o"}]"#;

/// `p_twocycles_N`: `n` pairs of objectives, each the other's parent (`n` cycles).
pub fn two_cycles(n: usize) -> String {
    let objs = join((0..n).flat_map(|i| {
        [
            objective(
                &format!("a{i}"),
                &format!("Goal a{i}"),
                "o",
                &format!(r#"{{"id":"b{i}"}}"#),
                "",
            ),
            objective(
                &format!("b{i}"),
                &format!("Goal b{i}"),
                "o",
                &format!(r#"{{"id":"a{i}"}}"#),
                "",
            ),
        ]
    }));
    document(ONE_OWNER, CYCLE, &objs)
}

/// `p_chain_N`: `c0 <- c1 <- ... <- c{n-1}`, a key result on the last; with `owner` for every
/// objective and `closed`: `c0` also under `c{n-1}` (`p_longcycle_N`).
fn chain_doc(n: usize, owners: &str, owner: &str, closed: bool) -> String {
    let objs = join((0..n).map(|i| {
        let mut parents = if i > 0 {
            format!(r#"{{"id":"c{}"}}"#, i - 1)
        } else {
            String::new()
        };
        if closed && i == 0 {
            parents = format!(r#"{{"id":"c{}"}}"#, n - 1);
        }
        let krs = if i + 1 == n {
            key_result("0")
        } else {
            String::new()
        };
        objective(
            &format!("c{i}"),
            &format!("Chain goal {i}"),
            owner,
            &parents,
            &krs,
        )
    }));
    document(owners, CYCLE, &objs)
}

/// `p_longcycle_N`: a chain of `n` closed into one cycle by its first link.
pub fn long_cycle(n: usize) -> String {
    chain_doc(n, ONE_OWNER, "o", true)
}

/// A chain of `n` objectives owned by a team under the organisation: every objective an
/// orphan (`L001`) and the chain `n` deep (`L012`). Needs `Limits::none()` beyond 100.
pub fn orphan_chain(n: usize) -> String {
    chain_doc(
        n,
        r#"[{"id":"org","kind":"organisation"},{"id":"team","parent":"org"}]"#,
        "team",
        false,
    )
}

/// An owner chain `o0 <- o1 <- ... <- o{n-1}`.
fn owner_chain(n: usize) -> String {
    let mut s = String::from(r#"[{"id":"o0","kind":"organisation"}"#);
    for i in 1..n {
        let _ = write!(
            s,
            r#",{{"id":"o{i}","parent":"o{}","kind":"person"}}"#,
            i - 1
        );
    }
    s.push(']');
    s
}

/// `p_deepowners_N_M`: an owner chain of `owners`, a root objective of `o0`, and
/// `objectives` objectives of the bottom owner (each under the root when `linked`).
pub fn deep_owners(owners: usize, objectives: usize, linked: bool) -> String {
    let root = objective("root", "Root goal", "o0", "", "");
    let bottom = format!("o{}", owners - 1);
    let parents = if linked { r#"{"id":"root"}"# } else { "" };
    let objs = join(std::iter::once(root).chain((0..objectives).map(|j| {
        objective(
            &format!("x{j}"),
            &format!("Objective number {j}"),
            &bottom,
            parents,
            "",
        )
    })));
    document(&owner_chain(owners), CYCLE, &objs)
}

/// `deep_owners(owners, objectives, true)` with three owners along the chain owning an
/// objective in the cycle: every link skips exactly those three (`L004`), found across long
/// stretches of owners without objectives.
pub fn deep_owners_marked(owners: usize, objectives: usize) -> String {
    let bottom = format!("o{}", owners - 1);
    let mut objs = vec![objective("root", "Root goal", "o0", "", "")];
    for q in 1..4 {
        let w = owners * q / 4;
        objs.push(objective(
            &format!("m{q}"),
            &format!("Middle goal {q}"),
            &format!("o{w}"),
            r#"{"id":"root"}"#,
            "",
        ));
    }
    objs.extend((0..objectives).map(|j| {
        objective(
            &format!("x{j}"),
            &format!("Objective number {j}"),
            &bottom,
            r#"{"id":"root"}"#,
            "",
        )
    }));
    document(&owner_chain(owners), CYCLE, &join(objs.into_iter()))
}

/// A key result measuring "Customers acquired", up (0 to 500) or down (500 to 0).
fn customers(i: usize, up: bool) -> String {
    let (start, target) = if up { (0, 500) } else { (500, 0) };
    format!(
        r#"{{"id":"k{i}","title":"Customers acquired","measure":{{"kind":"numeric","start":{start},"target":{target}}}}}"#
    )
}

/// `n` key results of one metric pulling both ways, each under its own objective, all
/// those under a root objective when `under_root`.
fn conflict_doc(n: usize, under_root: bool) -> String {
    let (root, parents) = if under_root {
        (
            Some(objective("root", "Root goal", "o", "", "")),
            r#"{"id":"root"}"#,
        )
    } else {
        (None, "")
    };
    let objs = join(root.into_iter().chain((0..n).map(|i| {
        objective(
            &format!("c{i}"),
            &format!("Objective {i}"),
            "o",
            parents,
            &customers(i, i % 2 == 1),
        )
    })));
    document(ONE_OWNER, CYCLE, &objs)
}

/// `p_conflict_N`: `n` key results of one metric pulling both ways, each under its own
/// objective with no common ancestor (`L009` flags none).
pub fn conflict(n: usize) -> String {
    conflict_doc(n, false)
}

/// `conflict(n)` with every objective under one root: `L009` flags all but the first.
pub fn conflict_under_root(n: usize) -> String {
    conflict_doc(n, true)
}

/// `p_fanin_N`: a root with `n` children, each with one key result and one check-in.
pub fn fan_in(n: usize) -> String {
    let objs = join(
        std::iter::once(objective("root", "Root goal", "o", "", "")).chain((0..n).map(|i| {
            objective(
                &format!("c{i}"),
                &format!("Child goal {i}"),
                "o",
                r#"{"id":"root"}"#,
                &key_result(&i.to_string()),
            )
        })),
    );
    document(ONE_OWNER, CYCLE, &objs)
}

/// `p_layered_WxD`: `depth` layers of `width`, each objective under every objective of the
/// layer above (the `width` top-level objectives above every objective below them), key
/// results on the last layer.
pub fn layered(width: usize, depth: usize) -> String {
    let objs = join((0..depth).flat_map(|l| {
        (0..width).map(move |i| {
            let parents = if l > 0 {
                join((0..width).map(|j| format!(r#"{{"id":"l{}_{j}"}}"#, l - 1)))
            } else {
                String::new()
            };
            let krs = if l + 1 == depth {
                key_result(&format!("{l}_{i}"))
            } else {
                String::new()
            };
            objective(
                &format!("l{l}_{i}"),
                &format!("Layer {l} goal {i}"),
                "o",
                &parents,
                &krs,
            )
        })
    }));
    document(ONE_OWNER, CYCLE, &objs)
}

/// `p_checkins_N`: one key result with `n` check-ins a minute apart, written newest first.
/// Needs `Limits::none()` beyond 10,000.
pub fn check_ins(n: usize) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let cis = join((0..n).rev().map(|i| {
        let at = base + chrono::Duration::minutes(i as i64);
        format!(
            r#"{{"at":"{}","value":{}}}"#,
            at.format("%Y-%m-%dT%H:%M:%SZ"),
            i % 500
        )
    }));
    let kr = format!(
        r#"{{"id":"k0","title":"Acquire 500 customers by December 31","measure":{{"kind":"numeric","start":0,"target":500}},"check_ins":[{cis}]}}"#
    );
    document(ONE_OWNER, CYCLE, &objective("g", "A goal", "o", "", &kr))
}

/// `n` key results (two per objective, under one root), each due on a different day before
/// the as-of date, in a cycle long enough to hold them: a period end each for `scores`.
pub fn due_dates(n: usize) -> String {
    let cycle = r#"[{"id":"fy","start":"1800-01-01","end":"2026-12-31"}]"#;
    let first = chrono::NaiveDate::from_ymd_opt(1800, 1, 1).unwrap();
    let objs = join(
        std::iter::once(objective("root", "Root goal", "o", "", "")).chain((0..n / 2).map(|i| {
            let krs = join((0..2).map(|j| {
                let k = 2 * i + j;
                let due = first + chrono::Days::new(k as u64);
                format!(
                    r#"{{"id":"k{k}","title":"Acquire 500 customers","due":"{due}","measure":{{"kind":"numeric","start":0,"target":500}},"check_ins":[{{"at":"{due}","value":{}}}]}}"#,
                    k % 600
                )
            }));
            objective(
                &format!("c{i}"),
                &format!("Child goal {i}"),
                "o",
                r#"{"id":"root"}"#,
                &krs,
            )
        })),
    );
    document(ONE_OWNER, cycle, &objs)
}

/// `p_owners_1m` at `n`: `n` owners (people under one organisation), one objective each for
/// every tenth.
pub fn owners_flat(n: usize) -> String {
    let mut owners = String::from(r#"[{"id":"org","kind":"organisation"}"#);
    for i in 0..n {
        let _ = write!(owners, r#",{{"id":"p{i}","parent":"org","kind":"person"}}"#);
    }
    owners.push(']');
    let objs = join(
        std::iter::once(objective("root", "Root goal", "org", "", "")).chain(
            (0..n).step_by(10).map(|i| {
                objective(
                    &format!("x{i}"),
                    &format!("Goal of person {i}"),
                    &format!("p{i}"),
                    r#"{"id":"root"}"#,
                    &key_result(&i.to_string()),
                )
            }),
        ),
    );
    document(&owners, CYCLE, &objs)
}

/// `n` objectives each under `k` parents drawn at random (seeded, repeats and self-links
/// included): a strongly connected group of most objectives, where many links agree with no
/// order a search finds ahead and a fifth of them close a cycle. The shape on which `check`
/// is not linear (see `algo::acyclic`).
pub fn random_links(n: usize, k: usize) -> String {
    let mut rng = crate::Rng::new(7);
    let objs = join((0..n).map(|i| {
        let parents = join((0..k).map(|_| format!(r#"{{"id":"o{}"}}"#, rng.range(0, n as u64))));
        objective(&format!("o{i}"), &format!("Goal {i}"), "o", &parents, "")
    }));
    document(ONE_OWNER, CYCLE, &objs)
}

/// `p_deepcycles_N`: cycles nested `n` deep, one objective in the innermost.
pub fn deep_cycles(n: usize) -> String {
    let mut cycles = String::from("[");
    for i in 0..n {
        if i > 0 {
            let _ = write!(
                cycles,
                r#",{{"id":"y{i}","start":"2026-01-01","end":"2026-12-31","parent":"y{}"}}"#,
                i - 1
            );
        } else {
            cycles.push_str(r#"{"id":"y0","start":"2026-01-01","end":"2026-12-31"}"#);
        }
    }
    cycles.push(']');
    let obj = format!(
        r#"{{"id":"g","title":"A goal","owner":"o","cycle":"y{}"}}"#,
        n - 1
    );
    document(ONE_OWNER, &cycles, &obj)
}
