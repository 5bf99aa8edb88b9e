//! A small benchmark driver for figures criterion does not give (percentiles of single
//! check-ins) and for the side-by-side script, and a process to measure peak memory with
//! `/usr/bin/time -v`. Benchmarks, not tests: it prints figures and asserts nothing about time.
//!
//! ```text
//! okr-bench rollup N [RUNS]   full rollup vs the flat-array floor, incremental check-ins
//!                             (median, p99), a batch of 10,000 check-ins, a parent with
//!                             5,000 children; one JSON object on stdout
//! okr-bench load FILE [RUNS]  document load and save (MB/s), parse and build apart, and the
//!                             same document as a snapshot (write, read)
//! okr-bench snapshot IN OUT   writes the document IN (JSON or a snapshot) as a snapshot OUT,
//!                             without limits (benchmark organisations are bigger than the
//!                             defaults allow)
//! okr-bench first FILE        a fresh process's wait: read FILE (JSON or a snapshot, no
//!                             limits), load it, roll up once, roll up again; times and the
//!                             peak resident set size (Linux)
//! okr-bench lint N            lint-text of the first N statements of a generated organisation
//! okr-bench align N           lint_graph on an organisation of N objectives: the alignment
//!                             checks (rules L...) alone, then every rule
//! okr-bench progress DOC DAY OUT.json   writes {id: progress} of every node (for checks)
//! okr-bench memory N          build an organisation of N objectives and roll it up once (run
//!                             under /usr/bin/time -v for peak memory per node)
//! okr-bench revisions N [PER] [RUNS]  goals over time: a repeated latest-time rollup before
//!                             and after PER (10) revisions per objective, a rollup at a past
//!                             time (first: building that state; then repeated), one revision
//!                             of a weight plus the refresh of a kept LiveRollup
//! okr-bench mixed N [RUNS]    richer alignment: 10% of key results under aggregates, 10% of
//!                             links supporting; the
//!                             full rollup against the floor of the plain organisation, and
//!                             check-ins under aggregates with their refresh
//! okr-bench view N [RUNS]     views: building a viewer's view (10% private, 10% owner-line)
//!                             and its first rollup, against a repeated full rollup
//! ```

use std::hint::black_box;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use okr_benches::{Floor, OrgStats, as_of, generate, wide};
use okr_core::{CheckIn, OkrGraph};

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// (median, min, p99) of `runs` timings of `f`, in milliseconds.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64, f64) {
    summary(
        (0..runs.max(1))
            .map(|_| {
                let t = Instant::now();
                black_box(f());
                ms(t)
            })
            .collect(),
    )
}

/// (median, min, p99) of `v` (not empty).
fn summary(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    let p99 = v[((v.len() as f64 * 0.99).ceil() as usize).clamp(1, v.len()) - 1];
    (v[v.len() / 2], v[0], p99)
}

/// Timings of single check-ins, in microseconds.
struct CheckInTimes {
    /// `check_in` plus `refresh_key_result`: median, p99, mean.
    both: (f64, f64, f64),
    /// `refresh_key_result` alone (the rollup's part): median, p99.
    refresh: (f64, f64),
}

/// Single check-ins on `krs` (cycled), each followed by `refresh_key_result`, over `n`
/// check-ins.
fn check_ins(g: &mut OkrGraph, krs: &[String], n: usize) -> CheckInTimes {
    let mut r = g.rollup(as_of());
    let base = Utc.with_ymd_and_hms(2026, 11, 10, 9, 0, 0).unwrap();
    let (mut both, mut refresh) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for i in 0..n {
        let kr = &krs[(i * 7919) % krs.len()];
        let at = base + Duration::seconds(i as i64);
        // a value every measure kind takes: numeric key results only
        let c = CheckIn::value(at, (i % 97) as f64);
        let t = Instant::now();
        g.check_in(kr, c).expect("valid check-in");
        let t2 = Instant::now();
        r.refresh_key_result(g, kr).expect("known key result");
        let end = Instant::now();
        both.push((end - t).as_secs_f64() * 1e6);
        refresh.push((end - t2).as_secs_f64() * 1e6);
    }
    black_box(r);
    let mean = both.iter().sum::<f64>() / both.len() as f64;
    let (med, _, p99) = summary(both);
    let (rmed, _, rp99) = summary(refresh);
    CheckInTimes {
        both: (med, p99, mean),
        refresh: (rmed, rp99),
    }
}

fn numeric_krs(g: &OkrGraph) -> Vec<String> {
    g.key_results()
        .filter(|k| matches!(k.measure, okr_core::Measure::Numeric { .. }))
        .map(|k| k.id.clone())
        .collect()
}

fn rollup(n: usize, runs: usize) {
    let t = Instant::now();
    let mut g = generate(n, 42);
    let gen_ms = ms(t);
    let s = OrgStats::of(&g);
    let t = Instant::now();
    black_box(g.rollup(as_of()));
    let first_ms = ms(t); // includes building the flat layout
    // The engine's full rollup and the floor, timed in alternation so that both see the same
    // machine (a shared machine's speed drifts between one batch of runs and the next).
    let mut floor = Floor::new(&g);
    let pairs: Vec<(f64, f64)> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            black_box(g.rollup(as_of()));
            let engine = ms(t);
            let t = Instant::now();
            floor.rollup(as_of());
            black_box(&floor);
            (engine, ms(t))
        })
        .collect();
    let (full, full_min, _) = summary(pairs.iter().map(|p| p.0).collect());
    let (floor_med, floor_min, _) = summary(pairs.iter().map(|p| p.1).collect());
    let (floor_ratio, _, _) = summary(pairs.iter().map(|p| p.0 / p.1).collect());
    // the same into one result, reusing its memory (as the floor reuses its arrays)
    let mut again = g.rollup(as_of());
    let (reuse, reuse_min, _) = time(runs, || again.recompute(&g, as_of()));
    black_box(&again);
    // what okr-wasm's rollupColumns does on the Rust side: the rollup, then every node's
    // figures into columns (`Rollup::figure_columns`) and byte codes (for a like-for-like wasm
    // comparison). Like okr-wasm, which makes its ids column again only after a structural
    // change, the ids are made once.
    let ids: String = g
        .rollup(as_of())
        .ids()
        .flat_map(|(id, _)| [id, "\0"])
        .collect();
    black_box(&ids);
    let (columns, _, _) = time(runs, || {
        let r = g.rollup(as_of());
        let c = r.figure_columns();
        // okr-wasm turns status, staleness and kind into byte codes
        let st: Vec<u8> = c.status.iter().map(|s| s.code()).collect();
        let sl: Vec<u8> = c.stale.iter().map(|&s| u8::from(s)).collect();
        let k: Vec<u8> = c.kind.iter().map(|k| k.code()).collect();
        (c, st, sl, k)
    });
    // the floor and the engine agree
    let r = g.rollup(as_of());
    let mut max_diff = 0.0f64;
    for (i, id) in floor.obj_ids.iter().enumerate() {
        let (a, b) = (
            floor.objective_progress(i),
            r.objective(id).unwrap().progress,
        );
        match b {
            Some(b) => max_diff = max_diff.max((a - b).abs()),
            None => assert!(a.is_nan(), "{id}"),
        }
    }
    drop(r);
    let krs = numeric_krs(&g);
    let times = check_ins(&mut g, &krs, 10_000);
    let (ci_med, ci_p99, ci_mean) = times.both;
    let (refresh_med, refresh_p99) = times.refresh;
    // a batch of 10,000 check-ins: check_in_many, then refresh each key result
    let base = Utc.with_ymd_and_hms(2026, 11, 12, 9, 0, 0).unwrap();
    let batch: Vec<(String, CheckIn)> = (0..10_000)
        .map(|i| {
            let kr = krs[(i * 104_729) % krs.len()].clone();
            (
                kr,
                CheckIn::value(base + Duration::seconds(i as i64), i as f64),
            )
        })
        .collect();
    let mut r = g.rollup(as_of());
    let t = Instant::now();
    g.check_in_many(batch.clone()).expect("valid batch");
    let batch_apply = ms(t);
    let t = Instant::now();
    for (kr, _) in &batch {
        r.refresh_key_result(&g, kr).expect("known");
    }
    let batch_refresh = ms(t);
    drop(r);
    drop(g);
    // a parent with 5,000 children
    let mut w = wide(5_000);
    let wkrs = numeric_krs(&w);
    let (wide_med, wide_p99, _) = check_ins(&mut w, &wkrs, 10_000).both;
    println!(
        "{{\"objectives\":{},\"key_results\":{},\"check_ins\":{},\"links\":{},\"depth\":{},\"max_children\":{},\
\"generate_ms\":{gen_ms:.0},\"first_rollup_ms\":{first_ms:.3},\"full_rollup_ms\":{full:.3},\"full_rollup_min_ms\":{full_min:.3},\"recompute_ms\":{reuse:.3},\"recompute_min_ms\":{reuse_min:.3},\"rollup_columns_ms\":{columns:.3},\
\"floor_ms\":{floor_med:.3},\"floor_min_ms\":{floor_min:.3},\"floor_ratio_median\":{floor_ratio:.3},\"floor_max_abs_diff\":{max_diff:e},\
\"check_in_median_us\":{ci_med:.3},\"check_in_p99_us\":{ci_p99:.3},\"check_in_mean_us\":{ci_mean:.3},\
\"refresh_median_us\":{refresh_med:.3},\"refresh_p99_us\":{refresh_p99:.3},\
\"batch_10k_apply_ms\":{batch_apply:.3},\"batch_10k_refresh_ms\":{batch_refresh:.3},\
\"wide_5000_check_in_median_us\":{wide_med:.3},\"wide_5000_check_in_p99_us\":{wide_p99:.3}}}",
        s.objectives, s.key_results, s.check_ins, s.links, s.depth, s.max_children
    );
}

/// The alignment issue's shape: 10% of key results under aggregates and 10% of links
/// supporting. The engine's full rollup
/// of that organisation against the floor of the plain one (timed in alternation), and single
/// check-ins on key results under aggregates with their refresh, against a full rollup.
fn mixed(n: usize, runs: usize) {
    let plain = generate(n, 42);
    let t = Instant::now();
    let mut g = okr_benches::mixed(&plain, 0.10);
    let gen_ms = ms(t);
    let under: Vec<String> = g
        .key_results()
        .filter(|k| k.parent.is_some())
        .map(|k| k.id.clone())
        .collect();
    let aggregates = g
        .key_results()
        .filter(|k| matches!(k.measure, okr_core::Measure::Aggregate { .. }))
        .count();
    black_box(g.rollup(as_of()));
    // the plain organisation loaded the same way (a document), for the engine's own cost of
    // the aggregates
    let plain = plain
        .to_document()
        .into_graph_with(&okr_core::document::Limits::none())
        .expect("valid");
    black_box(plain.rollup(as_of()));
    if let Ok(which) = std::env::var("OKR_BENCH_ONLY") {
        // for a profiler: one of the two rollups, many times
        let g = if which == "plain" { &plain } else { &g };
        for _ in 0..runs {
            black_box(g.rollup(as_of()));
        }
        return;
    }
    let mut floor = Floor::new(&plain);
    let runs3: Vec<(f64, f64, f64)> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            black_box(g.rollup(as_of()));
            let engine = ms(t);
            let t = Instant::now();
            floor.rollup(as_of());
            black_box(&floor);
            let floor_ms = ms(t);
            let t = Instant::now();
            black_box(plain.rollup(as_of()));
            (engine, floor_ms, ms(t))
        })
        .collect();
    let (full, _, _) = summary(runs3.iter().map(|p| p.0).collect());
    let (floor_med, _, _) = summary(runs3.iter().map(|p| p.1).collect());
    let (plain_med, _, _) = summary(runs3.iter().map(|p| p.2).collect());
    let (floor_ratio, _, _) = summary(runs3.iter().map(|p| p.0 / p.1).collect());
    let (plain_floor_ratio, _, _) = summary(runs3.iter().map(|p| p.2 / p.1).collect());
    let (over_plain, _, _) = summary(runs3.iter().map(|p| p.0 / p.2).collect());
    drop(plain);
    let times = check_ins(&mut g, &under, 10_000);
    let (both_med, both_p99, _) = times.both;
    let (refresh_med, _) = times.refresh;
    println!(
        "{{\"objectives\":{},\"key_results\":{},\"under_aggregates\":{},\"aggregates\":{aggregates},\"generate_ms\":{gen_ms:.0},\
\"full_rollup_ms\":{full:.3},\"floor_ms\":{floor_med:.3},\"floor_ratio_median\":{floor_ratio:.3},\
\"plain_full_rollup_ms\":{plain_med:.3},\"plain_floor_ratio_median\":{plain_floor_ratio:.3},\"over_plain_median\":{over_plain:.3},\
\"check_in_refresh_median_us\":{both_med:.3},\"check_in_refresh_p99_us\":{both_p99:.3},\"refresh_median_us\":{refresh_med:.3},\
\"check_in_refresh_share_of_full\":{:e}}}",
        g.objective_count(),
        g.key_results().count(),
        under.len(),
        both_med / 1000.0 / full
    );
}

fn load(path: &str, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let mb = text.len() as f64 / 1e6;
    let limits = okr_core::document::Limits::none();
    let (load, _, _) = time(runs, || {
        okr_core::document::load_str_with(&text, &limits).expect("loads")
    });
    let g = okr_core::document::load_str_with(&text, &limits)?;
    let (save, _, _) = time(runs, || g.to_json());
    // the phases of a load: the text parsed into the document's types, then the graph built
    let (parse, _, _) = time(runs, || {
        okr_core::document::parse_str(&text).expect("parses")
    });
    let (build, _, _) = summary(
        (0..runs.max(1))
            .map(|_| {
                let doc = okr_core::document::parse_str(&text).expect("parses");
                let t = Instant::now();
                black_box(doc.into_graph_with(&limits).expect("builds"));
                ms(t)
            })
            .collect(),
    );
    // the same document as a binary snapshot
    let (to_snap, _, _) = time(runs, || g.to_snapshot());
    let snap = g.to_snapshot();
    let (from_snap, _, _) = time(runs, || {
        okr_core::document::load_snapshot_with(&snap, &limits).expect("loads")
    });
    let (decode, _, _) = time(runs, || {
        okr_core::document::parse_snapshot(&snap, &limits).expect("reads")
    });
    let smb = snap.len() as f64 / 1e6;
    println!(
        "{{\"bytes\":{},\"load_ms\":{load:.1},\"parse_ms\":{parse:.1},\"build_ms\":{build:.1},\"load_mb_s\":{:.1},\"save_ms\":{save:.1},\"save_mb_s\":{:.1},\"snapshot_bytes\":{},\"to_snapshot_ms\":{to_snap:.1},\"snapshot_load_ms\":{from_snap:.1},\"snapshot_decode_ms\":{decode:.1},\"snapshot_load_mb_s\":{:.1}}}",
        text.len(),
        mb / load * 1e3,
        mb / save * 1e3,
        snap.len(),
        smb / from_snap * 1e3
    );
    Ok(())
}

/// A fresh process's wait (see the module).
fn first(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    let none = okr_core::document::Limits::none();
    let t = Instant::now();
    let bytes = okr_core::document::read_file_bytes(path.as_ref(), &none)?;
    let read = ms(t);
    let t = Instant::now();
    let g = okr_core::document::load_vec_with(bytes, &none)?;
    let load = ms(t);
    let t = Instant::now();
    black_box(g.rollup(as_of()));
    let first = ms(t);
    let t = Instant::now();
    black_box(g.rollup(as_of()));
    let again = ms(t);
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_string();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or("null".to_string(), |kib| (kib * 1024).to_string());
    let nodes = g.objective_count() + g.key_results().count();
    println!(
        "{{\"file\":{path:?},\"nodes\":{nodes},\"read_ms\":{read:.0},\"load_ms\":{load:.0},\"first_rollup_ms\":{first:.1},\"rollup_again_ms\":{again:.1},\"load_and_first_ms\":{:.0},\"peak_rss\":{peak}}}",
        read + load + first
    );
    // the process ends here: dropping the graph is no part of the wait
    std::mem::forget(g);
    Ok(())
}

fn lint(n: usize) {
    use okr_core::lint::{LintConfig, StatementKind, lint_text_report};
    let g = generate(n / 3 + 1, 42);
    let statements: Vec<(StatementKind, String)> = g
        .objectives()
        .map(|o| (StatementKind::Objective, o.title.clone()))
        .chain(
            g.key_results()
                .map(|k| (StatementKind::KeyResult, k.title.clone())),
        )
        .take(n)
        .collect();
    let config = LintConfig::with_as_of(as_of());
    let t = Instant::now();
    let findings: usize = statements
        .iter()
        .map(|(k, s)| lint_text_report(s, *k, &config, as_of()).diagnostics.len())
        .sum();
    let total = ms(t);
    println!(
        "{{\"statements\":{},\"lint_ms\":{total:.0},\"statements_per_s\":{:.0},\"findings\":{findings}}}",
        statements.len(),
        statements.len() as f64 / total * 1e3
    );
}

fn align(n: usize) {
    use okr_core::lint::{LintConfig, lint_graph};
    let g = generate(n, 42);
    let mut alignment = LintConfig::with_as_of(as_of());
    alignment.select = vec!["L".into()];
    let t = Instant::now();
    let found = lint_graph(&g, &alignment, as_of()).len();
    let align_ms = ms(t);
    let t = Instant::now();
    let all = lint_graph(&g, &LintConfig::default(), as_of()).len();
    let all_ms = ms(t);
    println!(
        "{{\"objectives\":{n},\"alignment_checks_ms\":{align_ms:.0},\"alignment_findings\":{found},\"all_rules_ms\":{all_ms:.0},\"all_findings\":{all}}}"
    );
}

/// Writes `{id: progress or null}` of every node of the document at `day` (for the
/// differential checks of the side-by-side script).
fn progress(path: &str, day: &str, out: &str) -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let g = okr_core::document::load_str_with(&text, &okr_core::document::Limits::none())?;
    let day = okr_core::document::parse_date(day)?;
    let r = g.rollup(day);
    let mut json = String::with_capacity(r.len() * 24);
    json.push('{');
    for (i, n) in r.nodes().enumerate() {
        if i > 0 {
            json.push(',');
        }
        match n.values.progress {
            Some(p) if p.is_finite() => json.push_str(&format!("{:?}:{p:?}", n.id)),
            _ => json.push_str(&format!("{:?}:null", n.id)),
        }
    }
    json.push('}');
    std::fs::write(out, json)?;
    Ok(())
}

fn memory(n: usize) {
    let g = generate(n, 42);
    let r = g.rollup(as_of());
    let s = OrgStats::of(&g);
    println!(
        "{{\"objectives\":{},\"key_results\":{},\"check_ins\":{},\"nodes\":{}}}",
        s.objectives,
        s.key_results,
        s.check_ins,
        r.len()
    );
}

/// Goals over time at `n` objectives with `per` revisions each: what a latest-time rollup costs
/// with a history (against the same graph before), a rollup at a past time (first and
/// repeated), and a revision plus the refresh of a kept rollup. One JSON object on stdout.
fn revisions(n: usize, per: usize, runs: usize) {
    use okr_core::{KeyResultPatch, LiveRollup, ObjectivePatch, Revise};
    let mut g = generate(n, 42);
    let day = as_of();
    // the same organisation without the revisions, rolled up in alternation with it below
    let base = g.clone();
    black_box(base.rollup(day));
    // `per` revisions per objective, in time order, spread over the 30 days before `day`
    let objectives: Vec<String> = g.objectives().map(|o| o.id.clone()).collect();
    let krs: Vec<String> = g.key_results().map(|k| k.id.clone()).collect();
    let total = objectives.len() * per;
    let start = (day - Duration::days(30))
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let step = (30 * 86_400 * 1_000_000_000i64) / total.max(1) as i64;
    let t = Instant::now();
    for i in 0..total {
        let at = start + Duration::nanoseconds(step * i as i64);
        let meta = Revise::at(at).by("bench");
        if i % 2 == 0 && !krs.is_empty() {
            // a weight no key result had before: every revision changes something
            let patch = KeyResultPatch {
                weight: Some(2.0 + i as f64 * 1e-6),
                ..Default::default()
            };
            g.revise_key_result(&krs[(i * 7919) % krs.len()], patch, meta)
                .expect("a valid revision");
        } else {
            let patch = ObjectivePatch {
                title: Some(format!("Revised {i}")),
                ..Default::default()
            };
            g.revise_objective(&objectives[(i * 104_729) % objectives.len()], patch, meta)
                .expect("a valid revision");
        }
    }
    let record_ms = ms(t);
    black_box(g.rollup(day));
    let pairs: Vec<(f64, f64)> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            black_box(base.rollup(day));
            let a = ms(t);
            let t = Instant::now();
            black_box(g.rollup(day));
            (a, ms(t))
        })
        .collect();
    let (before, _, _) = summary(pairs.iter().map(|p| p.0).collect());
    let (after, _, _) = summary(pairs.iter().map(|p| p.1).collect());
    let (latest_ratio, _, _) = summary(pairs.iter().map(|p| p.1 / p.0).collect());
    // the latest-time rollup alternated with the same graph's, for a fair ratio
    let mid = start + Duration::days(15);
    let t = Instant::now();
    black_box(g.rollup(mid));
    let past_first = ms(t);
    // (freed after: the allocator sorting a whole graph's freed memory is not the past's cost)
    drop(base);
    let (past_again, _, _) = time(runs, || g.rollup(mid));
    // The first rollup at that past time again, in a warm process: each after a revision
    // (an objective's title, after all the others) that lets go of the past layouts kept.
    let day_start = day.and_hms_opt(0, 0, 0).unwrap().and_utc();
    let past_firsts: Vec<f64> = (0..runs.max(1))
        .map(|i| {
            let patch = ObjectivePatch {
                title: Some(format!("Renamed {i}")),
                ..Default::default()
            };
            let at = Revise::at(day_start + Duration::seconds(i as i64));
            g.revise_objective(&objectives[i % objectives.len()], patch, at)
                .expect("a valid revision");
            let t = Instant::now();
            black_box(g.rollup(mid));
            ms(t)
        })
        .collect();
    let (past_first_warm, _, _) = summary(past_firsts);
    // check-ins, each followed by the refresh of a LiveRollup kept at that past time (the
    // past state kept takes the check-in)
    let numeric: Vec<&String> = krs
        .iter()
        .filter(|k| {
            matches!(
                g.key_result(k).map(|k| &k.measure),
                Some(okr_core::Measure::Numeric { .. })
            )
        })
        .collect();
    let mut live_past = LiveRollup::new(g, mid).expect("default configuration");
    let mut i = 0usize;
    let (past_check_in, _, _) = time(runs.max(1) * 20, || {
        i += 1;
        let kr = numeric[(i * 7919) % numeric.len()];
        let at = mid - Duration::hours(1 + i as i64);
        live_past
            .check_in(kr, okr_core::CheckIn::value(at, i as f64))
            .expect("a valid check-in");
    });
    let g = live_past.into_parts().0;
    // Revisions of values (a key result's weight, target and due date, an objective's state),
    // each followed by the kept rollup (at a time after it: the latest state) brought up to
    // date.
    let now = day + Duration::days(60);
    let mut live = LiveRollup::new(g, now).expect("default configuration");
    let later = (day + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let (q_start, q_end) = okr_benches::quarter();
    let kinds = ["weight", "target", "due", "state"];
    // the k-th revision of a value: its kind is k % 4
    let revise = |g: &mut okr_core::OkrGraph, k: usize| -> okr_core::Result<()> {
        let at = Revise::at(later + Duration::seconds(k as i64));
        let kr = &krs[(k * 7919) % krs.len()];
        match k % kinds.len() {
            0 => {
                let patch = KeyResultPatch {
                    weight: Some(1.0 + (k % 3) as f64),
                    ..Default::default()
                };
                g.revise_key_result(kr, patch, at)
            }
            1 => {
                let mut measure = g.key_result(kr).expect("a key result").measure.clone();
                if let okr_core::Measure::Numeric { target, .. } = &mut measure {
                    *target += 1.0;
                }
                let patch = KeyResultPatch {
                    measure: Some(measure),
                    ..Default::default()
                };
                g.revise_key_result(kr, patch, at)
            }
            2 => {
                let due = q_start + Duration::days((k % 80) as i64);
                let patch = KeyResultPatch {
                    due: Some(Some(due.min(q_end))),
                    ..Default::default()
                };
                g.revise_key_result(kr, patch, at)
            }
            _ => {
                let id = &objectives[(k * 104_729) % objectives.len()];
                let state = match g.objective(id).expect("an objective").state {
                    okr_core::ObjectiveState::Active => okr_core::ObjectiveState::Draft,
                    _ => okr_core::ObjectiveState::Active,
                };
                let patch = ObjectivePatch {
                    state: Some(state),
                    ..Default::default()
                };
                g.revise_objective(id, patch, at)
            }
        }
    };
    // The first revisions after the past states are freed (a million-node copy at 1,000,000
    // objectives) pay for the allocator sorting the freed memory: about 100 of them, 4 ms each,
    // at that size. They are left out.
    let warm = 512;
    let count = runs.max(1) * 200 + warm;
    // (a) through the LiveRollup: the revision, then the kept rollup brought up to date
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); kinds.len()];
    for k in 0..count {
        let t = Instant::now();
        live.edit(|g| revise(g, k)).expect("a valid revision");
        if k >= warm {
            times[k % kinds.len()].push(ms(t));
        }
    }
    let mut g = live.into_parts().0;
    // (b) the same kinds of revision on the graph alone (its layout patched in place, no
    // rollup kept): what recording one costs; the refresh is the difference
    let alone: Vec<f64> = (count..2 * count)
        .map(|k| {
            let t = Instant::now();
            revise(&mut g, k).expect("a valid revision");
            ms(t)
        })
        .skip(warm)
        .collect();
    let (record_one, _, _) = summary(alone);
    let (full_again, _, _) = time(runs, || g.rollup(now));
    let all: Vec<f64> = times.iter().flatten().copied().collect();
    let (revise_refresh, _, revise_p99) = summary(all);
    let by_kind: Vec<String> = kinds
        .iter()
        .zip(times)
        .map(|(name, t)| format!("\"revise_{name}_us\":{:.2}", summary(t).0 * 1000.0))
        .collect();
    println!(
        "{{\"objectives\":{},\"nodes\":{},\"revisions\":{},\"record_all_ms\":{:.1},\"latest_before_ms\":{:.2},\"latest_after_ms\":{:.2},\"latest_ratio\":{:.3},\"past_first_ms\":{:.1},\"past_first_warm_ms\":{:.1},\"past_first_ratio\":{:.3},\"past_repeated_ms\":{:.2},\"past_ratio\":{:.3},\"past_check_in_refresh_us\":{:.2},\"revise_and_refresh_us\":{:.2},\"revise_and_refresh_p99_us\":{:.2},\"revise_alone_us\":{:.2},\"refresh_us\":{:.2},\"refresh_ratio\":{:.6},{},\"full_rollup_ms\":{:.2},\"revise_ratio\":{:.6}}}",
        objectives.len(),
        objectives.len() + krs.len(),
        g.revision_count(),
        record_ms,
        before,
        after,
        latest_ratio,
        past_first,
        past_first_warm,
        past_first_warm / after,
        past_again,
        past_again / after,
        past_check_in * 1000.0,
        revise_refresh * 1000.0,
        revise_p99 * 1000.0,
        record_one * 1000.0,
        (revise_refresh - record_one) * 1000.0,
        (revise_refresh - record_one) / full_again,
        by_kind.join(","),
        full_again,
        revise_refresh / full_again
    );
}

/// Views (issue 21): building a viewer's view of an `n`-objective organisation and rolling it
/// up, against a repeated full rollup of the whole graph measured in the same run. One
/// objective in ten is private (its owner and none else), one in ten owner-line; the viewer
/// is the owner of the first objective that is neither (a team somewhere in the middle).
fn view(n: usize, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    use okr_core::Visibility;
    let g = generate(n, 42);
    let mut doc = g.to_document();
    for (i, o) in doc.objectives.iter_mut().enumerate() {
        o.visibility = match i % 10 {
            3 => Visibility::Private,
            7 => Visibility::OwnerLine,
            _ => Visibility::Public,
        };
    }
    let g = doc.into_graph_with(&okr_core::document::Limits::none())?;
    let viewer = g
        .objectives()
        .nth(n / 2)
        .map(|o| o.owner.clone())
        .ok_or("no objectives")?;
    black_box(g.rollup(as_of()));
    let (full, _, _) = time(runs, || g.rollup(as_of()));
    let visible = g.visible_objectives(&viewer)?.len();
    let (build, build_min, _) = time(runs.min(5), || g.view_for(&viewer).expect("a view"));
    // what building costs: the document written, a copy of the graph, the document read
    let t = Instant::now();
    let doc = black_box(g.to_document());
    let export = ms(t);
    let t = Instant::now();
    black_box(g.clone());
    let copy = ms(t);
    let t = Instant::now();
    black_box(doc.into_graph_with(&okr_core::document::Limits::none())?);
    let import = ms(t);
    let v = g.view_for(&viewer)?;
    let t = Instant::now();
    black_box(v.rollup(as_of()));
    let first = ms(t);
    let (again, _, _) = time(runs, || v.rollup(as_of()));
    let (full2, _, _) = time(runs, || g.rollup(as_of()));
    let full = full.min(full2);
    println!(
        "view n={n} viewer={viewer} visible={visible} hidden={} entries={}: full rollup {full:.2} ms; view built {build:.1} ms (min {build_min:.1}; of the whole graph: document written {export:.0} ms, copied {copy:.0} ms, document read {import:.0} ms), its first rollup {first:.1} ms, again {again:.2} ms; build + first rollup = {:.1}x a full rollup, a view's rollup again = {:.2}x",
        n - visible,
        v.objectives()
            .filter(|o| v.hidden_entry_parent(&o.id).is_some())
            .count(),
        (build + first) / full,
        again / full
    );
    Ok(())
}

/// `okr-bench history FILE START END [RUNS]`: the series of every node at the points of a
/// range (`OkrGraph::series_every`) daily, weekly, monthly and quarterly, against a rollup per
/// weekly point read into columns by the caller (what a front end did before: one full
/// rollup per date). Times are the best of RUNS.
fn history(
    file: &str,
    start: &str,
    end: &str,
    runs: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    use okr_core::analytics::Frequency;
    use okr_core::{AsOf, RollupConfig};
    let none = okr_core::document::Limits::none();
    let bytes = okr_core::document::read_file_bytes(file.as_ref(), &none)?;
    let g = okr_core::document::load_bytes_with(&bytes, &none)?;
    let (start, end) = (AsOf::parse(start)?, AsOf::parse(end)?);
    let cfg = RollupConfig::default();
    let best = |f: &mut dyn FnMut() -> usize| {
        let mut best = f64::INFINITY;
        let mut entries = 0;
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            entries = f();
            best = best.min(t.elapsed().as_secs_f64() * 1e3);
        }
        (best, entries)
    };
    let _ = g.rollup(start); // the first rollup builds the flat layout: not counted
    for every in [
        Frequency::Day,
        Frequency::Week,
        Frequency::Month,
        Frequency::Quarter,
    ] {
        // over the entries limit (a long daily range of a large organisation): refused
        if let Err(e) = g.series_every(start, end, every, None, &cfg) {
            println!("history {every:>7}: {e}");
            continue;
        }
        let mut points = 0;
        let (ms, entries) = best(&mut || {
            let s = g
                .series_every(start, end, every, None, &cfg)
                .expect("a series, as the run before");
            points = s.dates.len();
            s.nodes.len() * points
        });
        println!(
            "history {every:>7}: {points:>3} points, {entries:>10} entries: {ms:8.1} ms ({:.2} ms per point)",
            ms / points as f64
        );
    }
    // the rollups alone: one node's columns
    let first_id = g.rollup(start).nodes().next().map(|n| n.id.to_string());
    if let Some(id) = first_id {
        let (ms, _) = best(&mut || {
            g.series_every(start, end, Frequency::Week, Some(&[id.as_str()]), &cfg)
                .expect("a series of one node")
                .dates
                .len()
        });
        println!("history    week of one node: {ms:8.1} ms");
    }
    // the same weekly points as separate rollups, each read into fresh columns
    let points = okr_core::analytics::series::points(start, end, Frequency::Week)?;
    let (ms, entries) = best(&mut || {
        let mut n = 0;
        for &p in &points {
            let r = g.rollup_with(p, &cfg).expect("a rollup");
            let c = r.columns();
            let progress: Vec<f64> = c.figures.progress.to_vec();
            let status: Vec<&str> = c.figures.status.iter().map(|s| s.as_str()).collect();
            n += progress.len() + status.len() - c.ids.len();
        }
        n
    });
    println!(
        "rollup per weekly point: {} points, {entries:>10} entries: {ms:8.1} ms",
        points.len()
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize, default: usize| -> Result<usize, Box<dyn std::error::Error>> {
        Ok(match args.get(i) {
            Some(a) => a.replace('_', "").parse()?,
            None => default,
        })
    };
    match args.first().map(String::as_str) {
        Some("rollup") => rollup(num(1, 100_000)?, num(2, 20)?),
        Some("load") => load(args.get(1).ok_or("load FILE")?, num(2, 5)?)?,
        Some("snapshot") => {
            let (i, o) = (args.get(1), args.get(2));
            let (i, o) = i.zip(o).ok_or("snapshot IN OUT")?;
            let none = okr_core::document::Limits::none();
            let bytes = okr_core::document::read_file_bytes(i.as_ref(), &none)?;
            let g = okr_core::document::load_bytes_with(&bytes, &none)?;
            std::fs::write(o, g.to_snapshot())?;
        }
        Some("first") => first(args.get(1).ok_or("first FILE")?)?,
        Some("lint") => lint(num(1, 100_000)?),
        Some("align") => align(num(1, 100_000)?),
        Some("progress") => progress(
            args.get(1).ok_or("progress DOC DAY OUT")?,
            args.get(2).ok_or("progress DOC DAY OUT")?,
            args.get(3).ok_or("progress DOC DAY OUT")?,
        )?,
        Some("memory") => memory(num(1, 100_000)?),
        Some("mixed") => mixed(num(1, 100_000)?, num(2, 20)?),
        Some("view") => view(num(1, 100_000)?, num(2, 10)?)?,
        Some("history") => history(
            args.get(1).ok_or("history FILE START END [RUNS]")?,
            args.get(2).ok_or("history FILE START END [RUNS]")?,
            args.get(3).ok_or("history FILE START END [RUNS]")?,
            num(4, 3)?,
        )?,
        Some("revisions") => revisions(num(1, 100_000)?, num(2, 10)?, num(3, 10)?),
        _ => {
            return Err(
                "usage: okr-bench rollup N [RUNS] | load FILE [RUNS] | snapshot IN OUT | first FILE | lint N | align N | progress DOC DAY OUT | memory N | revisions N [PER] [RUNS] | mixed N [RUNS] | view N [RUNS] | history FILE START END [RUNS]"
                    .into(),
            );
        }
    }
    Ok(())
}
