//! The versioned JSON document format.
//!
//! A document holds owners, cycles and objectives; key results nest in their objective and
//! check-ins in their key result, so every problem has a readable path
//! (`objectives[3].key_results[1].measure.target`). Unknown fields are errors. Every entity has
//! an `extra` object that okr keeps untouched for the embedding product.
//!
//! ```
//! let text = r#"{
//!   "version": 1,
//!   "owners": [{"id": "acme", "name": "Acme", "kind": "organisation"}],
//!   "cycles": [{"id": "q4", "start": "2026-10-01", "end": "2026-12-31"}],
//!   "objectives": [{
//!     "id": "grow", "title": "Grow", "owner": "acme", "cycle": "q4",
//!     "key_results": [{"id": "kr", "title": "500 new customers", "weight": 1,
//!       "measure": {"kind": "numeric", "start": 0, "target": 500},
//!       "check_ins": [{"at": "2026-11-01", "value": 200}]}]
//!   }]
//! }"#;
//! let graph = okr_core::document::load_str(text)?;
//! let bad = okr_core::document::load_str(&text.replace("\"target\"", "\"taget\"")).unwrap_err();
//! assert!(bad.to_string().starts_with("objectives[0].key_results[0].measure"));
//! # Ok::<(), okr_core::OkrError>(())
//! ```

mod build;
mod dependencies;
mod error_path;
mod export;
mod history;
mod initiatives;
#[cfg(test)]
mod json_scan_tests;
mod kpis;
pub(crate) mod limits;
mod load;
mod read;
pub mod snapshot;
mod types;
mod workflow;

use serde::Serialize;

use crate::error::OkrError;
use crate::format::escape;

/// Re-exported from [`crate::time`], where the rule for dates and times lives.
pub use crate::time::{parse_date, parse_timestamp};
pub use limits::Limits;
pub use load::{
    DocCheck, check_size, check_str, check_str_with, check_text_with, load_str, load_str_with,
    parse_str,
};
pub use read::{
    READ_CHUNK, ReadError, check_utf16_len, read_bytes, read_file, read_file_binary,
    read_file_bytes, read_text, text_from_bytes,
};
pub use snapshot::{
    SNAPSHOT_MAGIC, SNAPSHOT_VERSION, check_bytes_with, is_snapshot, load_bytes_with,
    load_snapshot_with, load_vec_with, parse_snapshot,
};
pub use types::{
    DocCheckIn, DocKeyResult, DocLink, DocLinkRef, DocObjective, DocRevision, Document,
};
pub use workflow::{DocComment, DocProposal};

/// The document format version this build writes. It reads this one and every earlier one
/// (version 1 has no `history`, `review`, `proposals`, `comments` or `acknowledgements`).
pub const FORMAT_VERSION: u32 = 2;

/// Whether this build reads documents of `version`.
pub(crate) fn reads_version(version: u32) -> bool {
    (1..=FORMAT_VERSION).contains(&version)
}

/// One problem found while loading a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocProblem {
    /// Where (`objectives[2].parents[0]`).
    pub path: String,
    /// The error code (`"cycle"`, `"unknown_id"`, `"document"`, ...).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for DocProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // text from the document (a key, a value) escaped for the terminal
        let (path, message) = (escape(&self.path), escape(&self.message));
        if path.is_empty() {
            write!(f, "{message}")
        } else {
            write!(f, "{path}: {message}")
        }
    }
}

/// The problem an error is, as [`check_str`] lists it: a `Document` error keeps its path and
/// message; any other error is a problem of the whole document, its message the error's text.
impl From<OkrError> for DocProblem {
    fn from(e: OkrError) -> Self {
        let code = e.code();
        match e {
            OkrError::Document { path, message } => DocProblem {
                path,
                code,
                message,
            },
            e => DocProblem {
                path: String::new(),
                code,
                message: e.to_string(),
            },
        }
    }
}

impl From<DocProblem> for OkrError {
    fn from(p: DocProblem) -> Self {
        OkrError::Document {
            path: p.path,
            message: p.message,
        }
    }
}
