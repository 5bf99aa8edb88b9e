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
/// assert_eq!(o.cadence_days, Some(14));
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

/// A count given as a plain number by a front end (a Python `int`, a JavaScript `number`), such
/// as the `top` movers of `contributions`: `None` is `default`; a whole number from 0 up is
/// that count. The one reading of such counts, so that every front end accepts and refuses the
/// same values (a JavaScript `-1` once wrapped to 4294967295 where Python refused it).
///
/// # Errors
/// `InvalidConfig` naming `field` for a negative, fractional, not finite or too large value.
///
/// ```
/// use okr_core::options::count;
/// assert_eq!(count("top", None, 5)?, 5);
/// assert_eq!(count("top", Some(3.0), 5)?, 3);
/// assert_eq!(count("top", Some(-1.0), 5).unwrap_err().code(), "invalid_config");
/// assert_eq!(count("top", Some(2.5), 5).unwrap_err().code(), "invalid_config");
/// # Ok::<(), okr_core::OkrError>(())
/// ```
///
/// # Complexity
/// O(1).
pub fn count(field: &str, value: Option<f64>, default: usize) -> Result<usize> {
    let Some(v) = value else {
        return Ok(default);
    };
    // 2^53: every whole number below it is exact in f64, and no count of a graph reaches it
    const MAX: f64 = 9_007_199_254_740_992.0;
    if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= MAX {
        Ok(v as usize)
    } else {
        Err(OkrError::InvalidConfig {
            field: field.to_string(),
            reason: format!(
                "{} must be a whole number from 0 up",
                crate::format::number(v)
            ),
        })
    }
}
