//! Defaults of optional arguments that have no options type of their own in the core, for the
//! front ends (`okr`, okr-py, okr-wasm) to fill in instead of restating the number. The other
//! defaults are the `Default` impls of the options types ([`RollupConfig`](crate::RollupConfig),
//! [`LintConfig`](crate::LintConfig), [`SuggestOptions`](crate::suggest::SuggestOptions),
//! [`GradeBands`](crate::analytics::GradeBands),
//! [`ScorecardOptions`](crate::analytics::ScorecardOptions), ...) and of the model's enums
//! ([`ObjectiveState`](crate::ObjectiveState), [`StatementKind`](crate::lint::StatementKind),
//! ...).

/// The weight of a link or a key result when none is given.
pub const WEIGHT: f64 = 1.0;

/// How many top movers [`Contributions::top_movers`](crate::analytics::Contributions::top_movers)
/// lists when the caller does not say.
pub const TOP_MOVERS: usize = 5;

/// The check-in interval in days the scorecards' discipline assumes for a key result with no
/// cadence set on its objective, the objectives above it or the owners (and no
/// `cadence_days` given).
pub const CADENCE_DAYS: u32 = 7;
