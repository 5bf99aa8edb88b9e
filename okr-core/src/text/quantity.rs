//! Quantity extraction: numbers with their scale, currency, unit and comparator.

use serde::{Deserialize, Serialize};

use super::date::plain_year;
use super::lexicon::{
    currency, is_time_word, multiplier_word, number_phrase, number_word, scale_word,
};
use super::stopwords::{StopWords, is_stop_word};
use super::token::{TokKind, Token, parse_number};

/// Byte span `(start, end)` into the analysed text.
pub type Span = (usize, usize);

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// A plain count or level (`1,000 customers`, `4.7 rating`).
    Number,
    /// A percentage (`80%`, `80 percent`).
    Percent,
    /// Percentage or score points (`10 points`, `50 bps`).
    Points,
    /// A multiple (`3x`, `double`, `halve`).
    Multiple,
    /// An amount of money (`$2.5M`, `€300`).
    Money,
}

/// A comparator attached to a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// `at least`, `or more`, `or higher`, `at or above`, `+`.
    AtLeast,
    /// `at most`, `no more than`, `or less`, `at or below`.
    AtMost,
    /// `above`, `over`, `more than`.
    Above,
    /// `below`, `under`, `less than`.
    Below,
}

/// A quantity found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Expanded value (`25k` = 25000, `$2.5M` = 2500000, `80%` = 80).
    pub value: f64,
    /// The text as written.
    pub text: String,
    /// Byte span of the quantity (currency symbol and suffixes included).
    pub span: Span,
    /// Kind.
    pub kind: QuantityKind,
    /// ISO currency code, when stated.
    pub currency: Option<String>,
    /// Unit noun phrase or unit suffix (`customers`, `ms`, `minutes`), when stated.
    pub unit: Option<String>,
    /// Comparator, when stated.
    pub comparator: Option<Comparator>,
    #[serde(skip)]
    pub(crate) first: usize,
    #[serde(skip)]
    pub(crate) last: usize,
}

fn w(toks: &[Token], i: usize) -> &str {
    toks.get(i).map(|t| t.lower.as_str()).unwrap_or("")
}

const UNIT_BREAK: &[&str] = &[
    "by", "to", "from", "in", "on", "at", "for", "of", "with", "and", "or", "than", "per",
    "within", "before", "until", "through", "during", "the", "a", "an", "this", "next", "vs",
    "versus", "compared", "each", "every", "while", "across", "among", "over", "under", "above",
    "below", "is", "are", "be", "will", "that", "who", "which", "into", "as", "via", "using",
    "after",
];

fn comparator_before(toks: &[Token], first: usize) -> (Option<Comparator>, usize) {
    let a = if first >= 1 { w(toks, first - 1) } else { "" };
    let b = if first >= 2 { w(toks, first - 2) } else { "" };
    let c = if first >= 3 { w(toks, first - 3) } else { "" };
    use Comparator::*;
    let three = match (c, b, a) {
        ("at", "or", "above") | ("at", "or", "over") => Some(AtLeast),
        ("at", "or", "below") | ("at", "or", "under") => Some(AtMost),
        ("no", "less", "than") | ("no", "fewer", "than") => Some(AtLeast),
        ("no", "more", "than") => Some(AtMost),
        _ => None,
    };
    if three.is_some() {
        return (three, first - 3);
    }
    let two = match (b, a) {
        ("at", "least") | ("a", "minimum") | (">", "=") => Some(AtLeast),
        ("at", "most") | ("a", "maximum") | ("<", "=") => Some(AtMost),
        ("more" | "greater" | "higher", "than") => Some(Above),
        ("less" | "fewer" | "lower", "than") => Some(Below),
        _ => None,
    };
    if two.is_some() {
        return (two, first - 2);
    }
    let one = match a {
        "above" | "over" | "exceeding" | ">" => Some(Above),
        "below" | "under" | "beneath" | "<" => Some(Below),
        "≥" | "minimum" | "min" => Some(AtLeast),
        "≤" | "maximum" | "max" => Some(AtMost),
        _ => None,
    };
    if one.is_some() {
        return (one, first - 1);
    }
    (None, first)
}

fn comparator_after(toks: &[Token], j: usize) -> Option<(Comparator, usize)> {
    use Comparator::*;
    match (w(toks, j), w(toks, j + 1)) {
        ("or" | "and", "more" | "higher" | "above" | "better" | "greater" | "up" | "over") => {
            Some((AtLeast, j + 2))
        }
        ("or" | "and", "less" | "lower" | "fewer" | "below" | "under" | "faster") => {
            Some((AtMost, j + 2))
        }
        ("+", _) => Some((AtLeast, j + 1)),
        _ => None,
    }
}

/// Is token k a content word that could be a unit noun?
fn unit_word(toks: &[Token], k: usize) -> bool {
    match toks.get(k) {
        Some(t) if t.kind == TokKind::Word => {
            let l = t.lower.as_str();
            !UNIT_BREAK.contains(&l)
                && !is_time_word(l)
                && !matches!(l, "or" | "and" | "percent" | "pct")
                && super::lexicon::month_number(l).is_none()
        }
        _ => false,
    }
}

fn collect_unit(text: &str, toks: &[Token], mut j: usize) -> (Option<String>, usize) {
    let start = j;
    let mut n = 0;
    while n < 4 && unit_word(toks, j) {
        // allow hyphenated words: first-contact
        j += 1;
        n += 1;
        if w(toks, j) == "-" && unit_word(toks, j + 1) && toks[j - 1].end == toks[j].start {
            j += 1;
        }
    }
    if j > start {
        let s = toks[start].start;
        let e = toks[j - 1].end;
        (Some(text[s..e].to_lowercase()), j)
    } else {
        (None, start)
    }
}

/// Is the number at `i` part of a name (`version 2.0`, `SOC 2`, `Scope 1`,
/// `Line 2`, `Type 1`, `day-30`, `number one`) rather than a count?
fn identifier_before(toks: &[Token], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    // `day-30 retention`: look through an adjacent hyphen.
    let k = if w(toks, i - 1) == "-" && i >= 2 && toks[i - 2].end == toks[i - 1].start {
        i - 2
    } else {
        i - 1
    };
    let p = w(toks, k);
    let named = matches!(
        p,
        "version"
            | "v"
            | "release"
            | "soc"
            | "iso"
            | "phase"
            | "tier"
            | "gen"
            | "generation"
            | "series"
            | "stage"
            | "windows"
            | "ios"
            | "android"
            | "web"
            | "python"
            | "java"
            | "wcag"
            | "pci"
            | "gdpr"
            | "hipaa"
            | "section"
            | "article"
            | "chapter"
            | "no"
            | "number"
            | "#"
            | "p"
            | "sev"
            | "covid"
            | "level"
            | "scope"
            | "type"
            | "line"
            | "class"
            | "grade"
            | "model"
            | "building"
            | "floor"
            | "gate"
            | "zone"
            | "wave"
            | "cohort"
            | "batch"
            | "round"
            | "sprint"
            | "category"
            | "day"
            | "week"
            | "month"
            | "year"
            | "room"
            | "hall"
            | "plant"
            | "site"
            | "region"
            | "route"
            | "lane"
            | "station"
            | "unit"
            | "ward"
            | "terminal"
    );
    named
        && !(p == "level" && matches!(w(toks, k.wrapping_sub(1)), "at" | "a" | "to"))
        && !(matches!(p, "day" | "week" | "month" | "year")
            && matches!(w(toks, k.wrapping_sub(1)), "per" | "a" | "each" | "every"))
}

/// A duration unit after a count (`twelve days`, `two hours`).
fn is_duration_unit(w: &str) -> bool {
    matches!(
        w,
        "second"
            | "seconds"
            | "minute"
            | "minutes"
            | "hour"
            | "hours"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
    )
}

/// A spelled-out number starting at token `i` (`twenty-five`, `two hundred`,
/// `a dozen`) over unused tokens: (value, token count).
fn word_number_at(toks: &[Token], used: &[bool], i: usize) -> Option<(f64, usize)> {
    let first = w(toks, i);
    if number_word(first).is_none() && !matches!(first, "a" | "an" | "half") {
        return None;
    }
    let words: Vec<&str> = (i..toks.len().min(i + 12))
        .take_while(|&k| !used[k])
        .map(|k| w(toks, k))
        .collect();
    number_phrase(&words)
}

fn content_follows(toks: &[Token], k: usize) -> bool {
    match toks.get(k) {
        Some(t) if t.kind == TokKind::Word => {
            let l = t.lower.as_str();
            !is_stop_word(l, StopWords::Content) && !is_time_word(l) || l == "new" || l == "more"
        }
        _ => false,
    }
}

/// Extract quantities from tokens not marked as used.
pub(crate) fn extract(text: &str, toks: &[Token], used: &[bool]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if used[i] {
            i += 1;
            continue;
        }
        let t = &toks[i];
        if t.kind == TokKind::Number {
            if let Some(q) = number_quantity(text, toks, used, i) {
                i = q.last + 1;
                out.push(q);
                continue;
            }
        } else if t.kind == TokKind::Word {
            let l = t.lower.as_str();
            if let Some(m) = multiplier_word(l).filter(|_| w(toks, i + 1) != "down") {
                out.push(Quantity {
                    value: m,
                    text: text[t.start..t.end].to_string(),
                    span: (t.start, t.end),
                    kind: QuantityKind::Multiple,
                    currency: None,
                    unit: Some("x".into()),
                    comparator: None,
                    first: i,
                    last: i,
                });
            } else if l == "half"
                && i >= 1
                && matches!(w(toks, i - 1), "in" | "by")
                && !matches!(w(toks, i + 1), "of" | "the" | "year" | "a" | "an")
            {
                let s = toks[i - 1].start;
                out.push(Quantity {
                    value: 0.5,
                    text: text[s..t.end].to_string(),
                    span: (s, t.end),
                    kind: QuantityKind::Multiple,
                    currency: None,
                    unit: Some("x".into()),
                    comparator: None,
                    first: i - 1,
                    last: i,
                });
            } else if let Some((v, len)) = word_number_at(toks, used, i) {
                let last_word = i + len - 1;
                let next = last_word + 1;
                let prev = if i >= 1 { w(toks, i - 1) } else { "" };
                let single = len == 1;
                let follows = content_follows(toks, next)
                    || matches!(w(toks, next), "%" | "percent" | "pct" | "per")
                    || (matches!(w(toks, next), "or" | "and")
                        && matches!(w(toks, next + 1), "more" | "fewer" | "less"))
                    || is_duration_unit(w(toks, next));
                let ok = if identifier_before(toks, i) {
                    false
                } else if l == "zero" || l == "nil" {
                    true
                } else if single && l == "one" {
                    content_follows(toks, next)
                        && !matches!(prev, "of" | "no" | "the" | "any" | "every")
                } else if single && (l == "hundred" || l == "dozen") {
                    false
                } else {
                    follows && prev != "the"
                };
                if ok && !(next < toks.len() && used[next] && l != "zero") {
                    let (cmp_b, first) = comparator_before(toks, i);
                    let mut j = next;
                    let mut kind = QuantityKind::Number;
                    if matches!(w(toks, j), "%" | "percent" | "pct") {
                        kind = QuantityKind::Percent;
                        j += 1;
                    } else if w(toks, j) == "per" && w(toks, j + 1) == "cent" {
                        kind = QuantityKind::Percent;
                        j += 2;
                    }
                    let (unit, j2) = if kind == QuantityKind::Percent {
                        (Some("percent".to_string()), j)
                    } else {
                        collect_unit(text, toks, j)
                    };
                    let (unit, j2) = match unit {
                        None if is_duration_unit(w(toks, j)) => {
                            (Some(toks[j].lower.clone()), j + 1)
                        }
                        u => (u, j2),
                    };
                    let s = toks[first.min(i)].start;
                    let s = if cmp_b.is_some() { toks[i].start } else { s };
                    // `half a million dollars`, `two thousand euros`.
                    let cur = currency(w(toks, j)).filter(|_| toks[j].kind == TokKind::Word);
                    if cur.is_some() {
                        kind = QuantityKind::Money;
                    }
                    let mut cmp = cmp_b;
                    let mut j2 = j2;
                    if let Some((c, nj)) = comparator_after(toks, j2) {
                        cmp = cmp.or(Some(c));
                        j2 = nj;
                    }
                    let span = (s, toks[j.saturating_sub(1).max(last_word)].end);
                    out.push(Quantity {
                        value: v,
                        text: text[span.0..span.1].to_string(),
                        span,
                        kind,
                        currency: cur.map(str::to_string),
                        unit,
                        comparator: cmp,
                        first: i,
                        last: j2.saturating_sub(1).max(last_word),
                    });
                    i = j2.max(next);
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

fn number_quantity(text: &str, toks: &[Token], used: &[bool], i: usize) -> Option<Quantity> {
    let t = &toks[i];
    let n = parse_number(&t.lower)?;
    if matches!(n.suffix.as_str(), "st" | "nd" | "rd" | "th") {
        return None;
    }
    // A year that is not a count of something.
    if plain_year(t).is_some() {
        let prev = if i >= 1 { w(toks, i - 1) } else { "" };
        let prev2 = if i >= 2 { w(toks, i - 2) } else { "" };
        // `the 2027 budget`, `our 2026 plan`: a year used as a modifier.
        let determiner = matches!(
            prev,
            "the" | "our" | "this" | "that" | "its" | "their" | "my" | "your" | "his" | "her"
        ) || prev.ends_with("'s");
        let year_context = determiner
            || matches!(prev, "vs" | "versus" | "than" | "since" | "fy")
            || (matches!(prev, "to" | "with") && prev2 == "compared")
            || matches!(
                w(toks, i + 1),
                "levels"
                    | "level"
                    | "baseline"
                    | "figures"
                    | "numbers"
                    | "values"
                    | "results"
                    | "budget"
                    | "plan"
                    | "season"
                    | "average"
                    | "total"
                    | "totals"
            );
        if year_context || !content_follows(toks, i + 1) {
            return None;
        }
    }
    // Identifiers such as `version 2.0`, `SOC 2`, `ISO 27001`, `Web 3`.
    if identifier_before(toks, i) {
        return None;
    }
    // 24/7
    if w(toks, i + 1) == "/" && n.value == 24.0 && w(toks, i + 2) == "7" {
        return None;
    }
    let mut value = n.value;
    let mut kind = QuantityKind::Number;
    let mut unit: Option<String> = None;
    let mut cur: Option<&'static str> = None;
    let mut first = i;
    // Currency before: `$2.5M`, `USD 300`.
    if i >= 1
        && !used[i - 1]
        && let Some(c) = currency(w(toks, i - 1))
        && (toks[i - 1].kind == TokKind::Punct || toks[i - 1].kind == TokKind::Word)
    {
        cur = Some(c);
        first = i - 1;
    }
    match n.suffix.as_str() {
        "" => {}
        "x" => {
            kind = QuantityKind::Multiple;
            unit = Some("x".into());
        }
        "pp" | "pts" | "bps" => {
            kind = QuantityKind::Points;
            unit = Some(n.suffix.clone());
        }
        s => {
            if let Some(sc) = scale_word(s).or(if s == "b" { Some(1e9) } else { None }) {
                value *= sc;
            } else {
                unit = Some(s.to_string());
            }
        }
    }
    let mut j = i + 1;
    // Scale word after: `5 million`, `25 k`.
    if let Some(sc) = scale_word(w(toks, j))
        && toks[j].kind == TokKind::Word
        && n.suffix.is_empty()
    {
        value *= sc;
        j += 1;
    }
    // Ratio: 4.5/5, `8 out of 10`.
    if w(toks, j) == "/" && toks.get(j + 1).is_some_and(|x| x.kind == TokKind::Number) {
        unit = Some(format!("/{}", toks[j + 1].lower));
        j += 2;
    } else if w(toks, j) == "out"
        && w(toks, j + 1) == "of"
        && toks.get(j + 2).is_some_and(|x| x.kind == TokKind::Number)
    {
        unit = Some(format!("out of {}", toks[j + 2].lower));
        j += 3;
    }
    match (w(toks, j), w(toks, j + 1)) {
        ("%", _) => {
            kind = QuantityKind::Percent;
            unit = Some("percent".into());
            j += 1;
        }
        ("percent" | "pct" | "percents", _) => {
            kind = QuantityKind::Percent;
            unit = Some("percent".into());
            j += 1;
        }
        ("per", "cent") => {
            kind = QuantityKind::Percent;
            unit = Some("percent".into());
            j += 2;
        }
        ("percentage", "points" | "point") | ("basis", "points" | "point") => {
            kind = QuantityKind::Points;
            unit = Some("points".into());
            j += 2;
        }
        ("points" | "point" | "pts" | "pp" | "bps", _) => {
            kind = QuantityKind::Points;
            unit = Some("points".into());
            j += 1;
        }
        ("x" | "times" | "fold", _) if n.suffix.is_empty() => {
            kind = QuantityKind::Multiple;
            unit = Some("x".into());
            j += 1;
        }
        _ => {}
    }
    if cur.is_none()
        && let Some(c) = currency(w(toks, j))
        && toks[j].kind == TokKind::Word
    {
        cur = Some(c);
        j += 1;
    }
    let (mut cmp, cb_first) = comparator_before(toks, first);
    let _ = cb_first;
    let span_end_tok = j.saturating_sub(1).max(i);
    let span = (toks[first].start, toks[span_end_tok].end);
    let written = text[span.0..span.1].to_string();
    if let Some((c, nj)) = comparator_after(toks, j) {
        cmp = cmp.or(Some(c));
        j = nj;
    }
    if unit.is_none() || kind == QuantityKind::Percent {
        // Unit noun after: `1,000 customers`; `95% of employees` keeps percent.
        if kind != QuantityKind::Percent {
            let (u, nj) = collect_unit(text, toks, j);
            if u.is_some() {
                unit = u;
                j = nj;
            }
        }
    } else if kind == QuantityKind::Number {
        // Suffix unit such as `ms`; nothing more to collect.
    }
    if let Some((c, nj)) = comparator_after(toks, j) {
        cmp = cmp.or(Some(c));
        j = nj;
    }
    if cur.is_some() {
        kind = QuantityKind::Money;
    }
    // a scale beyond the range of f64 (`1e308 million`): no quantity, rather than infinity
    if !value.is_finite() {
        return None;
    }
    Some(Quantity {
        value,
        text: written,
        span,
        kind,
        currency: cur.map(str::to_string),
        unit,
        comparator: cmp,
        first,
        last: j.saturating_sub(1).max(i),
    })
}
