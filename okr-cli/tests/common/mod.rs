//! Helpers shared by the `okr` command's end-to-end tests (each test file uses a part).
#![allow(dead_code)]

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
