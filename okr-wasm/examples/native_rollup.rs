//! Native half of the okr-wasm benchmark (`okr-wasm/bench/rollup.mjs` runs it): generates the
//! benchmark organisation, writes it as a document for the wasm half to load, and times the
//! native full rollup of the same graph.
//!
//! Usage: `cargo run --release -p okr-wasm --example native_rollup -- N OUT.json [RUNS]`.
//! Prints one JSON line: objectives, key results, and the median and minimum rollup times (ms).

use std::time::Instant;

use chrono::NaiveDate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: native_rollup N OUT.json [RUNS]";
    let n: usize = args.next().ok_or(usage)?.parse()?;
    let out = args.next().ok_or(usage)?;
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(20);

    let g = okr_benches::generate(n, 42);
    std::fs::write(&out, g.to_json())?;
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 15).ok_or("date")?;
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            let r = g.rollup(as_of);
            let ms = t.elapsed().as_secs_f64() * 1e3;
            std::hint::black_box(r);
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"objectives\":{},\"key_results\":{},\"median_ms\":{:.3},\"min_ms\":{:.3}}}",
        g.objectives().count(),
        g.key_results().count(),
        times[times.len() / 2],
        times[0]
    );
    Ok(())
}
