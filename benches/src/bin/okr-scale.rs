//! The scaling benchmark: each adversarial document shape ([`okr_benches::shapes`]) at a size
//! N and at 4N, each command's core function on both, and the growth ratio of the times (about
//! 4 for linear work, 4.5 to 5 for n log n, 16 for quadratic). A benchmark, not a test: it
//! prints a table and asserts nothing about time.
//!
//! ```text
//! okr-scale [--quick] [--only TEXT]
//!   --quick      sizes divided by 10 (a smoke run)
//!   --only TEXT  only the shapes whose name contains TEXT
//! ```
//!
//! Sizes N are at least those of `shared/hostile/gen_scale.py` (larger where its size still
//! fits in the caches, whose edge between N and 4N would read as super-linear growth). Every
//! document loads with `Limits::none()`, so 4N may pass the default limits. Each time is the
//! best of up to three runs (one when a run takes more than a second); the documents and
//! graphs are built before timing. Each shape that loads starts with a control, a linear pass
//! that only looks ids up: its ratio is what memory alone adds on this machine.

use std::hint::black_box;
use std::time::Instant;

use okr_benches::shapes;
use okr_core::analytics::{CoverageOptions, GradeBands, GraphFormat, ScorecardOptions};
use okr_core::document::{Limits, check_str_with, load_str_with};
use okr_core::report::Report;
use okr_core::{LintConfig, OkrGraph, RollupConfig, lint_graph};

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap()
}

/// What a command runs on: the document's text and, when it loads, its graph.
struct Input {
    text: String,
    graph: Option<OkrGraph>,
}

impl Input {
    fn graph(&self) -> &OkrGraph {
        self.graph.as_ref().expect("the document loads")
    }
}

/// A command: its name and its core function (returning a size, so nothing is optimised away).
type Command = (&'static str, Box<dyn Fn(&Input) -> usize>);

fn lint(codes: &'static str) -> Command {
    let name: &'static str = Box::leak(format!("lint {codes}").into_boxed_str());
    (
        name,
        Box::new(move |i: &Input| {
            let mut config = LintConfig::with_as_of(as_of());
            config.select = codes.split(',').map(String::from).collect();
            lint_graph(i.graph(), &config, as_of()).len()
        }),
    )
}

/// The control: a linear pass over the graph that only looks ids up (each objective, its
/// parents, each key result, each owner), to show how this machine's memory alone grows
/// between N and 4N (maps of ids outgrow the caches).
fn control() -> Command {
    (
        "control: look every id up",
        Box::new(|i: &Input| {
            let g = i.graph();
            let mut n = 0;
            for o in g.objectives() {
                n += usize::from(g.objective(&o.id).is_some()) + g.parents_of(&o.id).len();
            }
            for k in g.key_results() {
                n += usize::from(g.key_result(&k.id).is_some());
            }
            for w in g.owners() {
                n += usize::from(g.owner(&w.id).is_some());
            }
            n
        }),
    )
}

fn check() -> Command {
    (
        "check",
        Box::new(|i: &Input| check_str_with(&i.text, &Limits::none()).len()),
    )
}

fn load() -> Command {
    (
        "load",
        Box::new(|i: &Input| {
            load_str_with(&i.text, &Limits::none())
                .expect("loads")
                .objective_count()
        }),
    )
}

/// The graph written as CSV tables and read back (`okr_core::tables`: export and import).
fn tables() -> Command {
    (
        "tables: export and import CSV",
        Box::new(|i: &Input| {
            let texts = okr_core::tables::Tables::of_graph(i.graph()).to_csv_texts();
            okr_core::tables::Tables::graph_from_csv_texts(
                texts.iter().map(|(n, t)| (*n, t.as_str())),
                &Limits::none(),
            )
            .expect("imports")
            .objective_count()
        }),
    )
}

fn rollup() -> Command {
    (
        "rollup",
        Box::new(|i: &Input| i.graph().rollup(as_of()).len()),
    )
}

fn scores() -> Command {
    (
        "scores",
        Box::new(|i: &Input| {
            let s = i.graph().scores(as_of(), &GradeBands::default()).unwrap();
            s.objectives.len() + s.key_results.len()
        }),
    )
}

fn scorecards() -> Command {
    (
        "scorecards",
        Box::new(|i: &Input| {
            i.graph()
                .scorecards(as_of(), &ScorecardOptions::default())
                .unwrap()
                .len()
        }),
    )
}

fn coverage() -> Command {
    (
        "coverage",
        Box::new(|i: &Input| {
            i.graph()
                .coverage(&CoverageOptions::default())
                .unwrap()
                .top_level
                .len()
        }),
    )
}

fn explain(id: &'static str) -> Command {
    (
        "explain-progress",
        Box::new(move |i: &Input| {
            i.graph()
                .explain_progress(id, as_of())
                .unwrap()
                .contributions
                .len()
        }),
    )
}

fn contributions(id: &'static str) -> Command {
    (
        "contributions",
        Box::new(move |i: &Input| {
            i.graph()
                .contributions(id, as_of(), &RollupConfig::default())
                .unwrap()
                .key_results
                .len()
        }),
    )
}

fn forecast() -> Command {
    (
        "forecast",
        Box::new(|i: &Input| {
            i.graph()
                .forecast(as_of(), &RollupConfig::default())
                .unwrap()
                .key_results
                .len()
        }),
    )
}

fn report() -> Command {
    (
        "report (text)",
        Box::new(|i: &Input| {
            let g = i.graph();
            let r = g.rollup(as_of());
            Report::new(g, &r).nodes.len() + Report::render_text(g, &r).len()
        }),
    )
}

fn graph_svg() -> Command {
    (
        "graph --format svg",
        Box::new(|i: &Input| {
            i.graph()
                .render_graph(GraphFormat::Svg, as_of(), &RollupConfig::default())
                .unwrap()
                .len()
        }),
    )
}

/// A shape: its name, what N counts, N, the generator, whether its documents load (a graph
/// for the commands), and the commands.
struct Shape {
    name: &'static str,
    unit: &'static str,
    n: usize,
    make: fn(usize) -> String,
    loads: bool,
    commands: Vec<Command>,
}

fn shapes() -> Vec<Shape> {
    vec![
        Shape {
            name: "two_cycles",
            unit: "2-cycles",
            n: 50_000,
            make: shapes::two_cycles,
            loads: false,
            commands: vec![check()],
        },
        Shape {
            name: "long_cycle",
            unit: "objectives",
            n: 50_000,
            make: shapes::long_cycle,
            loads: false,
            commands: vec![check()],
        },
        Shape {
            name: "random_links",
            unit: "objectives, 2 random parents each",
            n: 10_000,
            make: |n| shapes::random_links(n, 2),
            loads: false,
            commands: vec![check()],
        },
        Shape {
            name: "deep_owners",
            unit: "owners = objectives",
            n: 100_000,
            make: |n| shapes::deep_owners(n, n, false),
            loads: true,
            commands: vec![
                control(),
                lint("R001"),
                lint("L003"),
                lint("L004"),
                lint("ALL"),
            ],
        },
        Shape {
            name: "deep_owners_linked",
            unit: "owners = objectives",
            n: 100_000,
            make: |n| shapes::deep_owners_marked(n, n),
            loads: true,
            commands: vec![control(), lint("R001,L003,L004")],
        },
        Shape {
            name: "conflict",
            unit: "key results",
            n: 50_000,
            make: shapes::conflict,
            loads: true,
            commands: vec![control(), lint("L009")],
        },
        Shape {
            name: "conflict_under_root",
            unit: "key results",
            n: 50_000,
            make: shapes::conflict_under_root,
            loads: true,
            commands: vec![control(), lint("L009")],
        },
        Shape {
            name: "fan_in",
            unit: "children",
            n: 100_000,
            make: shapes::fan_in,
            loads: true,
            commands: vec![
                control(),
                load(),
                rollup(),
                scores(),
                scorecards(),
                coverage(),
                explain("root"),
                contributions("root"),
                forecast(),
                report(),
                lint("ALL"),
                tables(),
            ],
        },
        Shape {
            name: "orphan_chain",
            unit: "objectives",
            n: 50_000,
            make: shapes::orphan_chain,
            loads: true,
            commands: vec![
                control(),
                load(),
                rollup(),
                lint("L001,L012"),
                coverage(),
                scores(),
                tables(),
            ],
        },
        Shape {
            name: "layered",
            unit: "width² (99 layers)",
            n: 10_000,
            make: |n| shapes::layered(n.isqrt(), 99),
            loads: true,
            commands: vec![
                control(),
                check(),
                rollup(),
                coverage(),
                scores(),
                lint("ALL"),
                graph_svg(),
            ],
        },
        Shape {
            name: "check_ins",
            unit: "check-ins",
            n: 10_000,
            make: shapes::check_ins,
            loads: true,
            commands: vec![
                control(),
                load(),
                rollup(),
                forecast(),
                lint("A,L010,L011"),
                scorecards(),
                tables(),
            ],
        },
        Shape {
            name: "due_dates",
            unit: "key results",
            n: 100_000,
            make: shapes::due_dates,
            loads: true,
            commands: vec![control(), scores(), scorecards()],
        },
        Shape {
            name: "owners_flat",
            unit: "owners",
            n: 1_000_000,
            make: shapes::owners_flat,
            loads: true,
            commands: vec![
                control(),
                load(),
                scorecards(),
                coverage(),
                lint("R001,L003,L004"),
            ],
        },
        Shape {
            name: "deep_cycles",
            unit: "nested cycles",
            n: 10_000,
            make: shapes::deep_cycles,
            loads: true,
            commands: vec![control(), check()],
        },
    ]
}

/// Seconds of the best of up to three runs (one when a run takes more than a second).
fn time(f: &dyn Fn() -> usize) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        black_box(f());
        let s = t.elapsed().as_secs_f64();
        best = best.min(s);
        if s > 1.0 {
            break;
        }
    }
    best
}

fn fmt(s: f64) -> String {
    if s >= 1.0 {
        format!("{s:.2} s")
    } else {
        format!("{:.1} ms", s * 1e3)
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut quick, mut only) = (false, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--quick" => quick = true,
            "--only" => only = args.next(),
            _ => {
                eprintln!("usage: okr-scale [--quick] [--only TEXT]");
                std::process::exit(2);
            }
        }
    }
    println!("| shape | N counts | N | command | time at N | time at 4N | ratio |");
    println!("| --- | --- | ---: | --- | ---: | ---: | ---: |");
    for shape in shapes() {
        if only
            .as_ref()
            .is_some_and(|o| !shape.name.contains(o.as_str()))
        {
            continue;
        }
        let n = if quick {
            (shape.n / 10).max(2)
        } else {
            shape.n
        };
        // the 4N document is built after N's times, so one size is in memory at a time
        let build = |n: usize| {
            let text = (shape.make)(n);
            let graph = shape
                .loads
                .then(|| load_str_with(&text, &Limits::none()).expect("the shape loads"));
            Input { text, graph }
        };
        let small = build(n);
        let at_n: Vec<f64> = shape
            .commands
            .iter()
            .map(|(_, f)| time(&|| f(&small)))
            .collect();
        drop(small);
        let large = build(4 * n);
        for ((name, f), t1) in shape.commands.iter().zip(at_n) {
            let t4 = time(&|| f(&large));
            println!(
                "| {} | {} | {} | {} | {} | {} | {:.1} |",
                shape.name,
                shape.unit,
                n,
                name,
                fmt(t1),
                fmt(t4),
                t4 / t1
            );
        }
    }
}
