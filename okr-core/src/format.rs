//! The number formats of every text renderer and message (the report, explanations, analytics, graph
//! pictures): one way to print a percentage, points and an undefined figure.

/// How an undefined figure is printed (progress with nothing counting, a missing value):
/// the README's word.
pub const UNDEFINED: &str = "undefined";

/// A ratio as a percentage with one decimal (`0.392` -> `"39.2%"`), or [`UNDEFINED`] for
/// `None`. Takes an `f64` or an `Option<f64>`.
///
/// ```
/// use okr_core::format::percent;
/// assert_eq!(percent(0.392), "39.2%");
/// assert_eq!(percent(Some(1.0)), "100.0%");
/// assert_eq!(percent(None), "undefined");
/// ```
pub fn percent(p: impl Into<Option<f64>>) -> String {
    match p.into() {
        Some(p) => format!("{:.1}%", p * 100.0),
        None => UNDEFINED.to_string(),
    }
}

/// A ratio as percentage points with one decimal: `0.153` -> `"15.3 pts"`; with `signed`,
/// always with its sign (`"+15.3 pts"`).
pub fn points(x: f64, signed: bool) -> String {
    if signed {
        format!("{:+.1} pts", x * 100.0)
    } else {
        format!("{:.1} pts", x * 100.0)
    }
}

/// A plain figure with two decimals (`"0.25"`), or `-` when there is nothing to measure
/// (scorecard signals).
pub fn decimal(v: Option<f64>) -> String {
    v.map_or("-".into(), |v| format!("{v:.2}"))
}
