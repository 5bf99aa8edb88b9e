//! `--as-viewer ID` and `--view-policy`: every command that reads a document runs on the
//! viewer's view of it (okr-core's `OkrGraph::view_for_with`) instead of the whole document.
//! The view is made in the one loading path ([`crate::load`]); the commands run on it
//! unchanged. Every rule (who sees what, the policies, the read-only refusal) is okr-core's;
//! this file only keeps the options and makes sure no error names what the viewer may not see:
//! a document that does not load gets one generic message, never its load error.

use std::path::Path;
use std::sync::OnceLock;

use clap::Args;
use okr_core::{OkrGraph, ViewPolicy};

/// The options, global: they may come before or after the subcommand.
#[derive(Args)]
pub(crate) struct ViewArgs {
    /// Run the command on what this owner may see (see Visibility in the README): every
    /// objective, key result, check-in, comment and revision hidden from them is left out of
    /// every output and error message. For every command that reads a document.
    #[arg(long, global = true, value_name = "ID")]
    pub(crate) as_viewer: Option<String>,
    /// With --as-viewer: `count_hidden` (the default: hidden progress still counts, every
    /// figure is everyone's) or `exclude_hidden` (hidden objectives do not count).
    #[arg(long, global = true, value_name = "POLICY", requires = "as_viewer")]
    pub(crate) view_policy: Option<String>,
}

/// The viewer and policy of this run, set once by [`set`] before the command runs.
static VIEW: OnceLock<Option<(String, ViewPolicy)>> = OnceLock::new();

/// Reads the options (the policy's name by okr-core's `ViewPolicy::from_name`) and keeps them
/// for [`apply`]. `no_document`: the name of the command when it reads no document (it
/// refuses `--as-viewer`).
///
/// # Errors
/// The message of a bad policy name, or of `--as-viewer` on a command that reads no document.
pub(crate) fn set(args: ViewArgs, no_document: Option<&str>) -> Result<(), String> {
    let view = match (args.as_viewer, no_document) {
        (None, _) => None,
        (Some(_), Some(command)) => {
            return Err(format!(
                "--as-viewer: `okr {command}` reads no document; the option is for the \
                 commands that read one"
            ));
        }
        (Some(viewer), None) => {
            let policy = match &args.view_policy {
                Some(name) => ViewPolicy::from_name(name).map_err(|e| e.to_string())?,
                None => ViewPolicy::default(),
            };
            Some((viewer, policy))
        }
    };
    VIEW.set(view)
        .map_err(|_| "the view options are set once".to_string())
}

/// Whether this run is for a viewer (`--as-viewer`).
pub(crate) fn active() -> bool {
    matches!(VIEW.get(), Some(Some(_)))
}

/// The graph the command runs on: `graph` itself, or with `--as-viewer` the viewer's view of
/// it.
///
/// # Errors
/// okr-core's error for an unknown viewer (it names only the viewer given).
pub(crate) fn apply(graph: OkrGraph) -> Result<OkrGraph, String> {
    match VIEW.get() {
        Some(Some((viewer, policy))) => graph
            .view_for_with(viewer, *policy)
            .map_err(|e| e.to_string()),
        _ => Ok(graph),
    }
}

/// The message of a document that does not load: its own error (`error`, naming `path`)
/// without `--as-viewer`; with it, a generic one, since the load error may name what the
/// viewer may not see.
pub(crate) fn load_error(path: &Path, error: impl std::fmt::Display) -> String {
    if active() {
        generic(path)
    } else {
        format!("{}: {error}", path.display())
    }
}

/// The one message of a document that does not load, for a viewer.
pub(crate) fn generic(path: &Path) -> String {
    format!(
        "{}: the document does not load; run `okr check` on it without --as-viewer",
        path.display()
    )
}
