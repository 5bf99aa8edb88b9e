//! The text of key-result suggestions (the `okr suggest` command).

use std::fmt::Write as _;

use crate::format::escape;
use crate::suggest::Suggestion;

/// Suggestions as text, best first: rank, metric, template id and score; direction, unit,
/// review cadence and functions; why it matched; the phrasing to start from. A line saying so
/// when there are none. Words of the objective's text (and the catalog's, which may be
/// loaded from a file) are [escaped](crate::format::escape).
pub fn suggestions_text(found: &[Suggestion]) -> String {
    if found.is_empty() {
        return "no suggestions: no word of the text matches the KPI catalog\n".to_string();
    }
    let mut s = String::new();
    for (i, x) in found.iter().enumerate() {
        let why = match (&x.companion_of, x.matched.is_empty()) {
            (Some(c), true) => format!("tracked alongside {c}"),
            (Some(c), false) => format!("matched: {}; tracked alongside {c}", x.matched.join(", ")),
            (None, _) => format!("matched: {}", x.matched.join(", ")),
        };
        let _ = write!(
            s,
            "{:>2}. {} [{}]  score {:.2}\n    {}, {}, reviewed {}; {}\n    {}\n    {}\n",
            i + 1,
            escape(&x.metric),
            escape(&x.template_id),
            x.score,
            x.direction.as_str().replace('_', " "),
            escape(&x.unit),
            x.cadence.as_str(),
            escape(&x.functions.join(", ")),
            escape(&why),
            escape(&x.phrasing)
        );
    }
    s
}
