//! Documents and statements from devices, pipes and standard input: the limits hold on every
//! input, a byte order mark is skipped, bytes that are not UTF-8 are named by their position.

mod common;
use common::*;

use std::io::Write;
use std::path::PathBuf;

/// The default `max_document_bytes`, as okr-core has it.
fn limit() -> u64 {
    okr_core::document::Limits::default().max_document_bytes as u64
}

/// A file of these bytes in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> TempFile {
        let path =
            std::env::temp_dir().join(format!("okr-cli-streams-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `okr ARGS` with an endless stream of zeros on standard input, written until the command
/// stops reading; returns its output and how many bytes it took.
fn okr_endless_stdin(args: &[&str]) -> (std::process::Output, u64) {
    let mut child = okr_spawn(args);
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let block = vec![b'0'; 1 << 20];
        let mut written = 0u64;
        while stdin.write_all(&block).is_ok() {
            written += block.len() as u64;
        }
        written
    });
    let out = child.wait_with_output().unwrap();
    (out, writer.join().unwrap())
}

#[test]
fn a_device_or_a_pipe_that_never_ends_stops_at_the_limit() {
    // one test, so that the two never hold the limit's worth of memory at the same time
    let o = okr(&["check", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert_eq!(
        stderr(&o),
        format!(
            "error: /dev/zero: limit exceeded: document size (bytes read before stopping) is {}, \
             the limit is {}\n",
            limit() + 1,
            limit()
        )
    );

    let (o, written) = okr_endless_stdin(&["report", "/dev/stdin"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(
        stderr(&o).contains("limit exceeded: document size (bytes read before stopping)"),
        "{}",
        stderr(&o)
    );
    // what the command read, plus what the pipe and the writer held when it stopped
    assert!(written <= limit() + (4 << 20), "{written}");
}

#[test]
fn a_document_through_a_pipe_loads() {
    let text = std::fs::read_to_string(root().join(ACME)).unwrap();
    let o = okr_stdin(&["check", "/dev/stdin"], &text);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(stdout(&o), "/dev/stdin: no problems found\n");
    let piped = okr_stdin(&["report", "/dev/stdin", "--as-of", "2026-11-15"], &text);
    let direct = okr(&["report", ACME, "--as-of", "2026-11-15"]);
    assert!(piped.status.success(), "{piped:?}");
    assert_eq!(stdout(&piped), stdout(&direct));
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let bom = "okr-core/tests/fixtures/hostile/bom.json";
    let o = okr(&["check", bom]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(stdout(&o), format!("{bom}: no problems found\n"));
    let o = okr(&["report", bom, "--as-of", "2026-11-15", "--format", "json"]);
    assert!(o.status.success(), "{o:?}");
}

#[test]
fn bytes_that_are_not_utf8_are_named_by_their_position() {
    let f = TempFile::new(
        "latin1.json",
        b"{\"version\": 1,\n \"owners\": [{\"id\": \"caf\xe9\"}]}",
    );
    for command in ["check", "report", "lint"] {
        let o = okr(&[command, f.path()]);
        assert_eq!(o.status.code(), Some(2), "{command}: {o:?}");
        assert_eq!(
            stderr(&o),
            format!(
                "error: {}: invalid UTF-8 at byte 38 (line 2, column 24)\n",
                f.path()
            ),
            "{command}"
        );
    }
}

#[test]
fn lint_text_reads_past_a_long_line_and_goes_on() {
    let long = "x".repeat(3 << 20);
    let input = format!(
        "\u{feff}objective\tGrow revenue\n{long}\nkey_result\tReach NPS 40 by December 31\n"
    );
    let o = okr_stdin(&["lint-text", "--today", "2026-10-01"], &input);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let limit = okr_core::document::Limits::default().max_string_bytes;
    assert_eq!(
        stderr(&o),
        format!("error: line 2: limit exceeded: the line is longer than {limit} bytes\n")
    );
    let rows: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    // the byte order mark is not part of the first statement
    assert_eq!(rows[0]["text"], "Grow revenue");
    assert_eq!(rows[0]["kind"], "objective");
    assert_eq!(rows[1]["text"], "Reach NPS 40 by December 31");
}

#[test]
fn lint_text_prints_each_result_before_reading_the_next_line() {
    let mut child = okr_spawn(&["lint-text", "--today", "2026-10-01"]);
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    for statement in ["Grow revenue", "objective\tDelight customers"] {
        writeln!(stdin, "{statement}").unwrap();
        stdin.flush().unwrap();
        // the result arrives while standard input is still open
        let mut row = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut row).unwrap();
        let v: serde_json::Value = serde_json::from_str(&row).unwrap();
        assert_eq!(v["text"], statement.rsplit('\t').next().unwrap());
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}
