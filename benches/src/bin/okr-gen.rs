//! Writes a generated benchmark organisation as an okr document, for the Python and JavaScript
//! sides of the benchmarks.
//!
//! Usage: `okr-gen OBJECTIVES OUT.json [SEED]` (seed 42 by default; `-` writes to stdout).
//! Prints one JSON line of counts to standard error (stdout when writing to a file).

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: okr-gen OBJECTIVES OUT.json [SEED]";
    let n: usize = args.next().ok_or(usage)?.replace('_', "").parse()?;
    let out = args.next().ok_or(usage)?;
    let seed: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(42);
    let g = okr_benches::generate(n, seed);
    let s = okr_benches::OrgStats::of(&g);
    let text = g.to_json();
    let counts = format!(
        "{{\"objectives\":{},\"key_results\":{},\"check_ins\":{},\"links\":{},\"multi_parent\":{},\"depth\":{},\"max_children\":{},\"owners\":{},\"bytes\":{}}}",
        s.objectives,
        s.key_results,
        s.check_ins,
        s.links,
        s.multi_parent,
        s.depth,
        s.max_children,
        s.owners,
        text.len()
    );
    if out == "-" {
        std::io::stdout().write_all(text.as_bytes())?;
        eprintln!("{counts}");
    } else {
        std::fs::write(&out, text)?;
        println!("{counts}");
    }
    Ok(())
}
