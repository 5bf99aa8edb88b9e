//! Options objects of the front ends (the lint configuration, the analytics options, ...) read
//! into the core's types. Every bad option, whatever the binding, is `InvalidConfig`: an
//! unknown option, a value of the wrong type or out of range. (A rollup's configuration is read
//! by [`RollupConfig::from_settings`](crate::RollupConfig::from_settings), which keeps NaN.)

use serde::de::DeserializeOwned;

use crate::error::{OkrError, Result};

/// Reads an options object given as JSON text (snake_case keys) into `T`, whose `Default`
/// fills the options not given.
///
/// # Errors
/// `InvalidConfig` with `what` as the setting and serde's message as the reason.
///
/// ```
/// use okr_core::analytics::ScorecardOptions;
/// let o: ScorecardOptions = okr_core::options::from_json("scorecards", r#"{"cadence_days": 14}"#)?;
/// assert_eq!(o.cadence_days, 14);
/// let bad = okr_core::options::from_json::<ScorecardOptions>("scorecards", r#"{"bogus": 1}"#);
/// assert_eq!(bad.unwrap_err().code(), "invalid_config");
/// # Ok::<(), okr_core::OkrError>(())
/// ```
pub fn from_json<T: DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| OkrError::InvalidConfig {
        field: what.to_string(),
        reason: e.to_string(),
    })
}
