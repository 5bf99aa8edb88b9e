//! The ranker's words of a text: the words of the one tokenizer
//! ([`crate::text::token`]) with numbers and the pronoun "it" dropped, plural
//! abbreviations made singular, and hyphenated and spaced compounds read as
//! terms. Words are stemmed by [`crate::text::stem`]; stop words are in
//! [`crate::text::stopwords`].

use crate::text::stem::{is_acronym_plural, stem};
use crate::text::token::{Apostrophes, TokKind, Token, TokenizeOptions, tokenize};

/// How suggestions tokenize: digit groups apart (numbers are dropped, and
/// `1,200ms` keeps `200ms`), every ASCII apostrophe inside a word, and `&`
/// between letters inside it ("S&OP", "L&D", "P&L", "FP&A").
const WORDS: TokenizeOptions = TokenizeOptions {
    join_digit_groups: false,
    apostrophes: Apostrophes::Ascii,
    join_ampersand: true,
};

/// Splits text into lower-cased words (the word and number tokens of
/// [`tokenize`] with [`WORDS`], trailing apostrophes trimmed), and lists each
/// hyphenated compound ("on-call", "self-service") and each spaced multiword
/// expression of [`JOINS`] ("help center") with the index in the word list of
/// its last part (see [`compound_term`]). Pure numbers are dropped: in an
/// objective they are targets, not topics. "it" is dropped unless written "IT",
/// and the "s" of a plural abbreviation ("KPIs") is dropped.
pub(crate) fn words_and_compounds(text: &str) -> (Vec<String>, Vec<(String, usize)>) {
    let toks = tokenize(text, WORDS);
    let mut out = Vec::new();
    let mut compounds = Vec::new();
    // Parts of the hyphenated compound being read.
    let mut run: Vec<String> = Vec::new();
    let end_run =
        |run: &mut Vec<String>, out: &Vec<String>, compounds: &mut Vec<(String, usize)>| {
            if run.len() >= 2 && !out.is_empty() {
                compounds.push((run.join("-"), out.len() - 1));
            }
            run.clear();
        };
    for (k, t) in toks.iter().enumerate() {
        if t.kind == TokKind::Punct {
            continue;
        }
        if !hyphen_joined(&toks, k) {
            end_run(&mut run, &out, &mut compounds);
        }
        let raw = text[t.start..t.end].trim_matches('\'');
        let mut w = t.lower.trim_matches('\'').to_string();
        if is_acronym_plural(raw) {
            w.pop();
        }
        // "it" is a pronoun unless written "IT" (information technology).
        let pronoun = w == "it" && raw != "IT";
        if !pronoun && !w.chars().all(|c| c.is_ascii_digit()) {
            out.push(w.clone());
        }
        run.push(w);
    }
    end_run(&mut run, &out, &mut compounds);
    // Multiword expressions written with spaces are the same term as their
    // hyphenated or closed forms ("help center", "on call", "sign up").
    for pattern in JOINS {
        for (start, window) in out.windows(pattern.len()).enumerate() {
            let last = start + pattern.len() - 1;
            if window.iter().zip(pattern.iter()).all(|(t, p)| t == p)
                && !compounds.iter().any(|(_, l)| *l == last)
            {
                compounds.push((pattern.join(" "), last));
            }
        }
    }
    crate::sort::sort_by_key(&mut compounds, |(_, last)| *last);
    (out, compounds)
}

/// Is the word token at `k` joined to the word before it by a hyphen, with no
/// space on either side ("on-call")?
fn hyphen_joined(toks: &[Token], k: usize) -> bool {
    k >= 2
        && toks[k - 1].lower == "-"
        && toks[k - 2].kind != TokKind::Punct
        && toks[k - 2].end == toks[k - 1].start
        && toks[k - 1].end == toks[k].start
}

/// Multiword expressions read as one term (see [`words_and_compounds`]): their
/// words are weak or stop words alone. Each is also matched in its hyphenated
/// form ("on-call").
const JOINS: &[&[&str]] = &[
    &["help", "center"],
    &["help", "centre"],
    &["help", "desk"],
    &["service", "desk"],
    &["self", "service"],
    &["on", "call"],
    &["go", "live"],
    &["follow", "up"],
    &["sign", "up"],
    &["log", "in"],
    &["check", "in"],
    &["set", "up"],
    &["roll", "out"],
    &["on", "time"],
    &["in", "full"],
    &["lead", "time"],
    &["cycle", "time"],
    &["first", "time"],
    &["time", "to", "market"],
    &["time", "to", "value"],
    &["time", "to", "hire"],
    &["time", "to", "fill"],
    &["out", "of", "stock"],
    &["top", "line"],
    &["bottom", "line"],
    &["break", "even"],
    &["net", "zero"],
    &["word", "of", "mouth"],
];

/// The index term of a hyphenated compound: its parts joined, then stemmed
/// ("on-call" -> "oncal").
pub(crate) fn compound_term(compound: &str) -> String {
    let joined: String = compound
        .split(['-', ' '])
        .collect::<String>()
        .to_lowercase();
    stem(&joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenated_compounds() {
        let (w, c) = words_and_compounds("Make on-call less painful; self-service, X - Y, a-b-c");
        assert_eq!(
            w,
            [
                "make", "on", "call", "less", "painful", "self", "service", "x", "y", "a", "b", "c"
            ]
        );
        assert_eq!(
            c,
            [
                ("on-call".to_string(), 2),
                ("self-service".to_string(), 6),
                ("a-b-c".to_string(), 11)
            ]
        );
        assert_eq!(words_and_compounds("it-x").1, [("it-x".to_string(), 0)]);
        assert_eq!(compound_term("on-call"), compound_term("On-Call"));
    }

    #[test]
    fn abbreviations_and_joins() {
        // Plural abbreviations match the abbreviation.
        assert_eq!(
            words_and_compounds("Fewer open NCRs and KPIs").0[2..],
            ["ncr", "and", "kpi"]
        );
        // "&" inside a word keeps it whole.
        assert_eq!(
            words_and_compounds("Better S&OP and L&D, R & D").0,
            ["better", "s&op", "and", "l&d", "r", "d"]
        );
        // Spaced multiword expressions are read like their hyphenated forms.
        let (_, c) = words_and_compounds("Our help center and the on call rota");
        assert_eq!(
            c,
            [("help center".to_string(), 2), ("on call".to_string(), 6)]
        );
        assert_eq!(compound_term("help center"), compound_term("help-center"));
    }

    #[test]
    fn words_split_and_drop_numbers() {
        assert_eq!(
            words_and_compounds("Cut CAC by 20% in Q3, team's").0,
            ["cut", "cac", "by", "in", "q3", "team's"]
        );
    }
}
