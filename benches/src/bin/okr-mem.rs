//! Peak memory of loading a document, for `scripts/mem-load.sh`.
//!
//! Usage:
//! - `okr-mem load FILE`: reads FILE (JSON or a snapshot) through okr-core's
//!   `read_file_bytes` and loads it with `load_vec_with` (default limits: the bytes let go
//!   once the document is read), then rolls it up
//!   once, printing one JSON line: the document's size, the peak resident set size (`VmHWM`
//!   of `/proc/self/status`, Linux) before reading, after reading, after loading and after the
//!   first rollup, the resident set size then (`VmRSS`: what the graph and its rollup hold,
//!   with memory the allocator kept after freeing), the bytes allocated and live after loading
//!   (the input dropped) and after the rollup, and their peak (a counting global allocator:
//!   what the program asked for, before the allocator's own overhead), the peak as a multiple
//!   of the size, and the peak per node (objectives and key results).
//! - `okr-mem extra BYTES OUT.json`: writes a valid document of about BYTES bytes that is
//!   mostly `extra`: one objective whose `extra` holds an array of zeros.
//!
//! A measurement, never a test: no figure here is asserted anywhere.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

use okr_core::document::{Limits, load_vec_with, read_file_bytes};

/// The system allocator, counting the bytes live and their peak: what the program holds,
/// apart from what the allocator keeps after a free and from pages never touched.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to `System` unchanged; the counters only observe.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            let now = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: okr-mem load FILE | okr-mem extra BYTES OUT.json";
    match args.next().as_deref() {
        Some("load") => load(&args.next().ok_or(usage)?),
        Some("extra") => {
            let bytes: usize = args.next().ok_or(usage)?.replace('_', "").parse()?;
            extra(bytes, &args.next().ok_or(usage)?)
        }
        _ => Err(usage.into()),
    }
}

/// Peak resident set size of this process so far, in bytes (`None` off Linux).
fn peak_rss() -> Option<u64> {
    status_bytes("VmHWM:")
}

/// Resident set size of this process now, in bytes (`None` off Linux).
fn rss() -> Option<u64> {
    status_bytes("VmRSS:")
}

fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn load(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    let before = peak_rss();
    let text = read_file_bytes(path.as_ref(), &Limits::default())?;
    let bytes = text.len() as u64;
    let read = peak_rss();
    let graph = load_vec_with(text, &Limits::default())?;
    let loaded = peak_rss();
    let objectives = graph.objectives().count();
    let nodes = objectives + graph.key_results().count();
    // and the first rollup (its layout and check-in columns)
    let heap_loaded = LIVE.load(Ordering::Relaxed);
    let r = graph.rollup(okr_core::AsOf::parse("2026-11-15")?);
    let rolled = peak_rss();
    let held = rss();
    let (live, heap_peak) = (LIVE.load(Ordering::Relaxed), PEAK.load(Ordering::Relaxed));
    drop(r);
    drop(graph);
    let show = |v: Option<u64>| v.map_or("null".to_string(), |v| v.to_string());
    let ratio = |v: Option<u64>| {
        v.map_or("null".to_string(), |v| {
            format!("{:.2}", v as f64 / bytes as f64)
        })
    };
    println!(
        "{{\"file\":{path:?},\"bytes\":{bytes},\"objectives\":{objectives},\"nodes\":{nodes},\"peak_rss_before\":{},\"peak_rss_read\":{},\"peak_rss_loaded\":{},\"peak_rss_rolled_up\":{},\"rss_rolled_up\":{},\"heap_loaded\":{heap_loaded},\"heap_rolled_up\":{live},\"heap_peak\":{heap_peak},\"read_ratio\":{},\"load_ratio\":{},\"bytes_per_node\":{}}}",
        show(before),
        show(read),
        show(loaded),
        show(rolled),
        show(held),
        ratio(read),
        ratio(loaded),
        rolled.map_or("null".to_string(), |v| format!(
            "{:.0}",
            v as f64 / nodes as f64
        )),
    );
    Ok(())
}

fn extra(bytes: usize, out: &str) -> Result<(), Box<dyn std::error::Error>> {
    let head = r#"{"version": 1, "owners": [{"id": "acme"}], "cycles": [{"id": "q4", "start": "2026-10-01", "end": "2026-12-31"}], "objectives": [{"id": "top", "title": "Top", "owner": "acme", "cycle": "q4", "extra": {"zeros": [0"#;
    let tail = "]}}]}\n";
    let zeros = bytes.saturating_sub(head.len() + tail.len()) / 2;
    let mut f = std::io::BufWriter::new(std::fs::File::create(out)?);
    f.write_all(head.as_bytes())?;
    let block = ",0".repeat(1 << 16);
    let mut left = zeros;
    while left > 0 {
        let n = left.min(1 << 16);
        f.write_all(&block.as_bytes()[..2 * n])?;
        left -= n;
    }
    f.write_all(tail.as_bytes())?;
    f.flush()?;
    Ok(())
}
