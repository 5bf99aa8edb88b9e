//! `okr snapshot` and snapshots read by every command: each command prints the same for a
//! document and for its snapshot; a damaged snapshot is a failure (exit 2) that says what is
//! wrong; `close-cycle` writes a document back in the form it was read.

mod common;

use std::path::{Path, PathBuf};

use common::{ACME, COMMANDS, okr, root, stderr, stdout};

/// A fresh directory for one test's files.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("okr-cli-snapshot-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The example company written as a snapshot into `d`.
fn acme_snapshot(d: &Path) -> PathBuf {
    let out = d.join("acme.okrs");
    let o = okr(&["snapshot", ACME, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("snapshot ("), "{}", stdout(&o));
    out
}

fn with_file<'a>(args: &[&'a str], file: &'a str) -> Vec<&'a str> {
    args.iter()
        .map(|a| if *a == "FILE" { file } else { a })
        .collect()
}

#[test]
fn every_command_reads_a_snapshot_as_it_reads_the_document() {
    let d = dir("commands");
    let snap = acme_snapshot(&d);
    let snap = snap.to_str().unwrap();
    for args in COMMANDS {
        let a = okr(&with_file(args, ACME));
        let b = okr(&with_file(args, snap));
        let command = args.join(" ");
        assert_eq!(a.status.code(), b.status.code(), "{command}");
        // `check` names the file it read
        assert_eq!(
            stdout(&a).replace(ACME, "FILE"),
            stdout(&b).replace(snap, "FILE"),
            "{command}"
        );
        assert_eq!(stderr(&a), stderr(&b), "{command}");
    }
}

#[test]
fn a_snapshot_writes_back_to_the_same_document() {
    let d = dir("json");
    let snap = acme_snapshot(&d);
    let json = d.join("acme.json");
    let o = okr(&[
        "snapshot",
        snap.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // the example's own document, as okr writes it
    let direct = okr(&["snapshot", ACME, "-o", "-", "--format", "json"]);
    assert_eq!(std::fs::read(&json).unwrap(), direct.stdout);
    // and to standard output, the snapshot's own bytes
    let o = okr(&["snapshot", ACME, "-o", "-"]);
    assert_eq!(o.stdout, std::fs::read(&snap).unwrap());
}

#[test]
fn a_damaged_snapshot_fails_and_says_why() {
    let d = dir("damaged");
    let snap = std::fs::read(acme_snapshot(&d)).unwrap();
    let cut = d.join("cut.okrs");
    std::fs::write(&cut, &snap[..snap.len() / 2]).unwrap();
    let mut flipped = snap.clone();
    flipped[snap.len() / 3] ^= 4;
    let bad = d.join("flipped.okrs");
    std::fs::write(&bad, &flipped).unwrap();
    for (path, why) in [(&cut, "cut short"), (&bad, "checksum does not match")] {
        let p = path.to_str().unwrap();
        let o = okr(&["report", p, "--as-of", "2026-11-15"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("invalid snapshot") && stderr(&o).contains(why),
            "{}",
            stderr(&o)
        );
        // `check` lists it as the one problem, and exits 2: no document to check
        let o = okr(&["check", p, "--format", "json"]);
        assert_eq!(o.status.code(), Some(2));
        let problems: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(problems[0]["code"], "invalid_snapshot");
    }
}

#[test]
fn close_cycle_writes_a_snapshot_back_as_a_snapshot() {
    let d = dir("close");
    let snap = acme_snapshot(&d);
    let args = |file: &str| {
        vec![
            "close-cycle".to_string(),
            file.to_string(),
            "q4-2026".into(),
            "--to".into(),
            "fy2026".into(),
            "--at".into(),
            "2027-01-02".into(),
            "--in-place".into(),
        ]
    };
    let json = d.join("acme.json");
    std::fs::copy(root().join(ACME), &json).unwrap();
    for (file, snapshot) in [(&snap, true), (&json, false)] {
        let a = args(file.to_str().unwrap());
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let o = okr(&a);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let bytes = std::fs::read(file).unwrap();
        assert_eq!(bytes.starts_with(b"\x89OKR"), snapshot);
    }
    // the same document either way
    let a = okr(&[
        "snapshot",
        snap.to_str().unwrap(),
        "-o",
        "-",
        "--format",
        "json",
    ]);
    let b = okr(&[
        "snapshot",
        json.to_str().unwrap(),
        "-o",
        "-",
        "--format",
        "json",
    ]);
    assert_eq!(a.stdout, b.stdout);
}
