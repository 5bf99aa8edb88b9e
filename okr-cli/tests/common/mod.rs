//! Helpers shared by the `okr` command's end-to-end tests (each test file uses a part).
#![allow(dead_code)]

pub mod views;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};

pub const ACME: &str = "examples/acme.okr.json";

/// The workspace root (the command runs there, so example paths are relative to it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `okr ARGS` in the workspace root, with no standard input.
pub fn okr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_okr"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("okr runs")
}

/// Starts `okr ARGS` in the workspace root with its standard input, output and error piped.
pub fn okr_spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_okr"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("okr runs")
}

/// Runs `okr ARGS` in the workspace root with `stdin` as its standard input.
pub fn okr_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = okr_spawn(args);
    // The command may exit before reading (bad arguments): ignore a closed pipe.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    child.wait_with_output().expect("okr finishes")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8")
}

/// Every command that reads a document, `FILE` standing for it: the rows of the exit-code
/// table (`exit_codes.rs`), each also run for a viewer (`views.rs`).
pub const COMMANDS: &[&[&str]] = &[
    &["report", "FILE", "--as-of", "2026-11-15"],
    &["check", "FILE"],
    &["check", "FILE", "--format", "json"],
    &[
        "explain-progress",
        "FILE",
        "leading-provider",
        "--as-of",
        "2026-11-15",
    ],
    &["lint", "FILE", "--as-of", "2026-11-15"],
    &["lint", "FILE", "--as-of", "2026-11-15", "--select", "S"],
    &["coverage", "FILE"],
    &[
        "contributions",
        "FILE",
        "leading-provider",
        "--as-of",
        "2026-11-15",
    ],
    &[
        "what-if",
        "FILE",
        "--set",
        "annual-revenue=3600000",
        "--as-of",
        "2026-11-15",
    ],
    &["forecast", "FILE", "--as-of", "2026-11-15"],
    &["score", "FILE", "--as-of", "2026-11-15"],
    &["scorecard", "FILE", "--as-of", "2026-11-15"],
    &["due", "FILE", "--as-of", "2026-11-15"],
    &["kpis", "FILE", "--as-of", "2026-11-15"],
    &["initiatives", "FILE", "--as-of", "2026-11-15"],
    &["visible", "FILE", "sales"],
    &["diff", "FILE", "--from", "2026-11-01", "--to", "2026-11-15"],
    &["graph", "FILE", "--as-of", "2026-11-15"],
    &["chart", "FILE", "new-customers"],
    &[
        "appraisal",
        "FILE",
        "--owner",
        "frida",
        "--cycle",
        "q4-2026",
        "--as-of",
        "2026-11-15",
    ],
    &["log", "FILE"],
    &["dependencies", "FILE", "--as-of", "2026-11-15"],
    &["snapshot", "FILE", "-o", "-", "--format", "json"],
];
