//! `okr snapshot`: a document (JSON or snapshot) written as a binary snapshot (okr-core's
//! `OkrGraph::to_snapshot`), or with `--format json` as JSON; and the one way
//! the CLI writes a document file (`write_document`), in the form it was read.

use std::io::Write;
use std::path::Path;

use okr_core::OkrGraph;

use crate::{Outcome, fail, load, print};

/// What `okr snapshot` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Form {
    /// A binary snapshot.
    Snapshot,
    /// The document's JSON.
    Json,
}

/// `okr snapshot FILE -o OUT [--format snapshot|json]`. `-o -` writes to standard output.
pub(crate) fn run(file: &Path, output: &Path, form: Form) -> Outcome {
    let graph = match load(file) {
        Ok(g) => g,
        Err(e) => return fail(e),
    };
    write(&graph, output, form)
}

/// Writes `graph` to `output` (`-`: standard output) as a snapshot or as JSON, and says so.
pub(crate) fn write(graph: &OkrGraph, output: &Path, form: Form) -> Outcome {
    let as_json = form == Form::Json;
    let bytes = if as_json {
        json_bytes(graph)
    } else {
        graph.to_snapshot()
    };
    if output == Path::new("-") {
        let mut out = std::io::stdout().lock();
        return match out.write_all(&bytes).and_then(|()| out.flush()) {
            Ok(()) => Outcome::Done,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Done,
            Err(e) => fail(e),
        };
    }
    if let Err(e) = write_atomically(output, &bytes) {
        return fail(format!("{}: {e}", output.display()));
    }
    print(&format!(
        "{}: {} ({} bytes)\n",
        output.display(),
        if as_json { "document" } else { "snapshot" },
        bytes.len()
    ))
}

/// A graph's document as the JSON file the CLI writes (with a final newline).
fn json_bytes(graph: &OkrGraph) -> Vec<u8> {
    let mut text = graph.to_json().into_bytes();
    text.push(b'\n');
    text
}

/// Writes `graph` to `path` as the document at `like` is written: a snapshot if that file is
/// one, JSON otherwise.
pub(crate) fn write_document(path: &Path, like: &Path, graph: &OkrGraph) -> std::io::Result<()> {
    let mut head = [0u8; 8];
    let n = std::fs::File::open(like)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let bytes = if okr_core::document::is_snapshot(&head[..n]) {
        graph.to_snapshot()
    } else {
        json_bytes(graph)
    };
    write_atomically(path, &bytes)
}

/// Writes `bytes` to a new file beside `path`, then renames it over `path`: a reader never
/// sees half a document, and a failure leaves `path` as it was.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    let tmp = dir
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.okr-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
