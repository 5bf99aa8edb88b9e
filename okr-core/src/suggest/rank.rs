//! BM25F ranking over the catalog's text fields.

use super::catalog::{KpiDirection, KpiTemplate, catalog};
use super::vocabulary::{EXPANSIONS, Intent, PHRASES, SYNONYM_GROUPS, detect_intent};
use super::words::{compound_term, words_and_compounds};
use crate::text::stem::stem;
use crate::text::stopwords::{StopWords, is_stop_word};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// Field weights for BM25F: metric name, synonyms, keywords, definition.
const FIELD_WEIGHTS: [f64; 4] = [3.0, 2.0, 1.5, 0.6];
const K1: f64 = 1.2;
/// Length normalisation per field. The synonym and keyword fields are lists of
/// alternative names and phrases, not prose: a template with more of them is
/// described more completely, not more verbosely, so they are normalised lightly.
const B: [f64; 4] = [0.75, 0.3, 0.3, 0.75];
/// Weight of a term reached only through the expansion table.
const EXPANSION_WEIGHT: f64 = 0.5;
/// Weight of an adjacent-word pair ("response time") matching a pair in a field.
const BIGRAM_WEIGHT: f64 = 0.8;
/// Multiplier for templates owned by the requested function.
const FUNCTION_BOOST: f64 = 1.3;
/// Multipliers when the objective's direction agrees / disagrees with a template's.
const DIRECTION_AGREE: f64 = 1.1;
const DIRECTION_DISAGREE: f64 = 0.9;
/// Pseudo-relevance feedback: the best first-pass template's keywords and
/// synonyms are added to the query at this weight...
const FEEDBACK_WEIGHT: f64 = 0.25;
/// ...and templates sharing one of its functions get this multiplier.
const FEEDBACK_FUNCTION_BOOST: f64 = 1.15;
/// ...and the best first-pass template and its curated companions
/// ([`KpiTemplate::related`]) get this multiplier.
const RELATED_BOOST: f64 = 2.0;
/// A companion of the best match scores at least this share of the best
/// match's score, less `COMPANION_DECAY` per place down its list, even when no
/// word of the objective names it.
const COMPANION_SHARE: f64 = 0.4;
const COMPANION_DECAY: f64 = 0.02;
/// Coordination: a template matching a share `f` of the query's content words
/// is multiplied by `COORD_BASE + (1 - COORD_BASE) * f`.
const COORD_BASE: f64 = 0.6;
/// Generic verbs that open many objectives ("Build a healthy pipeline",
/// "Run more experiments"); ignored when they are the first word or follow a
/// subject pronoun or "to" ("the features we build", "we need to fix").
const LEADING_VERBS: &[&str] = &[
    "build",
    "create",
    "deliver",
    "develop",
    "drive",
    "establish",
    "invest",
    "launch",
    "run",
    "turn",
    "pass",
    "fix",
    "stop",
    "start",
    "pay",
    "running",
    "make",
    "do",
    "land",
    "earn",
    "move",
    "give",
    "prove",
    "kill",
    "protect",
    "send",
];
const AUXILIARIES: &[&str] = &[
    "am", "are", "be", "can", "cannot", "could", "have", "is", "keep", "keeps", "must", "need",
    "should", "to", "want", "was", "were", "will", "would",
];
/// Objectives are short; only the first words of a longer text are used, which
/// keeps the cost of a query bounded whatever the input.
pub(crate) const MAX_QUERY_WORDS: usize = 64;
const PRONOUNS: &[&str] = &["i", "we", "they", "you", "to"];

/// A template's terms while the index is built.
struct Doc {
    /// term -> per-field term frequency
    tf: HashMap<String, [u32; 4]>,
    len: [f64; 4],
}

/// The templates containing a term.
struct Postings {
    idf: f64,
    /// `(template index, field-weighted, length-normalised term frequency)`,
    /// by template index.
    docs: Vec<(usize, f64)>,
}

/// An inverted index over the catalog: a query only touches the templates
/// that contain its terms.
pub(crate) struct Index {
    postings: HashMap<String, Postings>,
    expansions: HashMap<String, Vec<String>>,
    /// Per template, the terms of its keywords and synonyms in first-seen order (the
    /// pseudo-relevance feedback added to the query when it is the best match).
    feedback: Vec<Vec<String>>,
}

/// Stems content words, dropping stop words; returns the stems in order,
/// followed by the joined form of each hyphenated compound ("oncall").
fn analyse(text: &str) -> Vec<String> {
    let (words, compounds) = analyse_parts(text);
    words.into_iter().chain(compounds).collect()
}

/// The stems of the content words, and the terms of the hyphenated compounds.
fn analyse_parts(text: &str) -> (Vec<String>, Vec<String>) {
    let (words, compounds) = words_and_compounds(text);
    let stems = words
        .iter()
        .filter(|w| !is_stop_word(w, StopWords::Topic))
        .map(|w| stem(w))
        .collect();
    let compounds = compounds.iter().map(|(c, _)| compound_term(c)).collect();
    (stems, compounds)
}

fn bigram(a: &str, b: &str) -> String {
    format!("{a}_{b}")
}

fn add_field(doc: &mut Doc, field: usize, parts: &[&str]) {
    // A list field is a set of phrases: spelling variants that analyse to the
    // same terms ("help centre", "help center") count once.
    let mut seen: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for part in parts {
        let (stems, compounds) = analyse_parts(part);
        if seen.iter().any(|(s, c)| *s == stems && *c == compounds) {
            continue;
        }
        seen.push((stems.clone(), compounds.clone()));
        doc.len[field] += stems.len() as f64;
        for s in stems.iter().chain(&compounds) {
            doc.tf.entry(s.clone()).or_default()[field] += 1;
        }
        for pair in stems.windows(2) {
            doc.tf.entry(bigram(&pair[0], &pair[1])).or_default()[field] += 1;
        }
    }
}

fn build(cat: &[KpiTemplate]) -> Index {
    let mut docs = Vec::with_capacity(cat.len());
    for t in cat {
        let mut doc = Doc {
            tf: HashMap::new(),
            len: [0.0; 4],
        };
        add_field(&mut doc, 0, &[t.metric.as_str()]);
        let syn: Vec<&str> = t.synonyms.iter().map(String::as_str).collect();
        add_field(&mut doc, 1, &syn);
        let kw: Vec<&str> = t.keywords.iter().map(String::as_str).collect();
        add_field(&mut doc, 2, &kw);
        add_field(&mut doc, 3, &[t.definition.as_str()]);
        docs.push(doc);
    }
    let n = docs.len().max(1) as f64;
    let mut avg_len = [0.0; 4];
    for d in &docs {
        for (a, l) in avg_len.iter_mut().zip(d.len) {
            *a += l / n;
        }
    }
    let mut postings: HashMap<String, Postings> = HashMap::new();
    for (di, d) in docs.iter().enumerate() {
        for (term, tf) in &d.tf {
            let mut wtf = 0.0;
            for f in 0..4 {
                if tf[f] > 0 {
                    let norm = 1.0 - B[f] + B[f] * d.len[f] / avg_len[f].max(1e-9);
                    wtf += FIELD_WEIGHTS[f] * f64::from(tf[f]) / norm;
                }
            }
            postings
                .entry(term.clone())
                .or_insert_with(|| Postings {
                    idf: 0.0,
                    docs: Vec::new(),
                })
                .docs
                .push((di, wtf));
        }
    }
    for p in postings.values_mut() {
        let f = p.docs.len() as f64;
        p.idf = (1.0 + (n - f + 0.5) / (f + 0.5)).ln();
    }
    let mut expansions: HashMap<String, Vec<String>> = HashMap::new();
    for (word, related) in EXPANSIONS {
        let entry = expansions.entry(stem(word)).or_default();
        for r in *related {
            entry.extend(analyse(r));
        }
    }
    for group in SYNONYM_GROUPS {
        for (i, word) in group.iter().enumerate() {
            let key = analyse(word);
            // Only single content words are keys; phrases are matched as targets.
            let [key] = key.as_slice() else { continue };
            let entry = expansions.entry(key.clone()).or_default();
            for (j, other) in group.iter().enumerate() {
                if i != j {
                    for st in analyse(other) {
                        if st != *key && !entry.contains(&st) {
                            entry.push(st);
                        }
                    }
                }
            }
        }
    }
    let feedback = cat
        .iter()
        .map(|t| {
            let mut terms: Vec<String> = Vec::new();
            for text in t.keywords.iter().chain(&t.synonyms) {
                for s in analyse(text) {
                    if !terms.contains(&s) {
                        terms.push(s);
                    }
                }
            }
            terms
        })
        .collect();
    Index {
        postings,
        expansions,
        feedback,
    }
}

pub(crate) fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| build(catalog()))
}

/// A query term with its weight and the original words that produced it.
#[derive(Clone)]
struct QueryTerm {
    weight: f64,
    origins: Vec<usize>,
    /// Adjacent-pair terms add to the score; single-word terms (a stem or its
    /// expansions) count once per query word, at their best match.
    bigram: bool,
}

pub(crate) struct Hit {
    pub doc: usize,
    pub score: f64,
    /// Indices into `Query::originals`.
    pub matched: Vec<usize>,
    /// The best match, when this template is one of its curated companions.
    pub companion_of: Option<usize>,
}

pub(crate) struct Query {
    pub originals: Vec<String>,
    terms: BTreeMap<String, QueryTerm>,
    intent: Option<Intent>,
}

pub(crate) fn parse_query(idx: &Index, text: &str) -> Query {
    let (mut tokens, compounds) = words_and_compounds(text);
    tokens.truncate(MAX_QUERY_WORDS);
    let intent = detect_intent(&tokens);
    let mut originals: Vec<String> = Vec::new();
    let mut terms: BTreeMap<String, QueryTerm> = BTreeMap::new();
    let add = |terms: &mut BTreeMap<String, QueryTerm>,
               term: String,
               weight: f64,
               origin: usize,
               bigram: bool| {
        let e = terms.entry(term).or_insert(QueryTerm {
            weight,
            origins: Vec::new(),
            bigram,
        });
        e.weight = e.weight.max(weight);
        if !e.origins.contains(&origin) {
            e.origins.push(origin);
        }
    };
    let mut covered = vec![false; tokens.len()];
    for (pattern, related) in PHRASES {
        if pattern.is_empty() {
            continue;
        }
        for (start, window) in tokens.windows(pattern.len()).enumerate() {
            if window.iter().zip(pattern.iter()).all(|(t, p)| t == p) {
                // The phrase's words are not read again one by one.
                for c in &mut covered[start..start + pattern.len()] {
                    *c = true;
                }
                let phrase = pattern.join(" ");
                let own = analyse(&phrase);
                let oi = match originals.iter().position(|o| *o == phrase) {
                    Some(i) => i,
                    None => {
                        originals.push(phrase);
                        originals.len() - 1
                    }
                };
                for r in *related {
                    for st in analyse(r) {
                        add(&mut terms, st, 1.0, oi, false);
                    }
                }
                // The phrase itself, where a field uses it ("come back").
                if let [a, b] = own.as_slice() {
                    add(&mut terms, bigram(a, b), BIGRAM_WEIGHT, oi, true);
                }
            }
        }
    }
    let mut prev: Option<(String, usize)> = None;
    let mut after_pronoun = true; // the first word counts as a verb position
    for (tok, covered) in tokens.into_iter().zip(covered) {
        if covered {
            prev = None;
            after_pronoun = false;
            continue;
        }
        let verb_position = after_pronoun;
        // Auxiliaries keep the verb position open: "we are running", "we need to fix".
        after_pronoun = PRONOUNS.contains(&tok.as_str())
            || (verb_position && AUXILIARIES.contains(&tok.as_str()));
        // A token starting with a digit ("8m", "40k", "200ms", "q3" is not one) is a
        // target or a date unless the catalog knows it ("2fa", "5xx", "3pl").
        let number = tok.starts_with(|c: char| c.is_ascii_digit())
            && !idx.postings.contains_key(&stem(&tok));
        if number || (verb_position && LEADING_VERBS.contains(&tok.as_str())) {
            prev = None;
            continue;
        }
        // Pairs skip stop words, as in the index ("days to hire" pairs "days" and "hire").
        if is_stop_word(&tok, StopWords::Topic) {
            continue;
        }
        let s = stem(&tok);
        let oi = match originals.iter().position(|o| *o == tok) {
            Some(i) => i,
            None => {
                originals.push(tok.clone());
                originals.len() - 1
            }
        };
        add(&mut terms, s.clone(), 1.0, oi, false);
        if let Some(rel) = idx.expansions.get(&s) {
            for r in rel {
                add(&mut terms, r.clone(), EXPANSION_WEIGHT, oi, false);
            }
        }
        if let Some((p, pi)) = prev.take() {
            let key = bigram(&p, &s);
            add(&mut terms, key.clone(), BIGRAM_WEIGHT, pi, true);
            add(&mut terms, key, BIGRAM_WEIGHT, oi, true);
        }
        prev = Some((s, oi));
    }
    for (compound, last) in compounds {
        if last >= MAX_QUERY_WORDS {
            break;
        }
        let oi = match originals.iter().position(|o| *o == compound) {
            Some(i) => i,
            None => {
                originals.push(compound.clone());
                originals.len() - 1
            }
        };
        add(&mut terms, compound_term(&compound), 1.0, oi, false);
    }
    Query {
        originals,
        terms,
        intent,
    }
}

fn direction_factor(intent: Option<Intent>, d: KpiDirection) -> f64 {
    use KpiDirection::*;
    match (intent, d) {
        (None, _) => 1.0,
        (Some(Intent::Up), Increase | KeepAbove) => DIRECTION_AGREE,
        (Some(Intent::Down), Decrease | KeepBelow) => DIRECTION_AGREE,
        (Some(Intent::Hold), KeepAbove | KeepBelow) => DIRECTION_AGREE,
        (Some(Intent::Hold), _) => 1.0,
        _ => DIRECTION_DISAGREE,
    }
}

/// Scores every template: a first pass, then a second pass with feedback from
/// the best first-pass template. Returns hits sorted by score, then id.
pub(crate) fn rank(idx: &Index, q: &Query, function: Option<&str>) -> Vec<Hit> {
    let cat = catalog();
    let first = score_all(idx, q, function, None);
    let Some(best) = first.iter().max_by(|a, b| {
        a.score
            .total_cmp(&b.score)
            .then_with(|| cat[b.doc].id.cmp(&cat[a.doc].id))
    }) else {
        return first;
    };
    let top = &cat[best.doc];
    let mut expanded = Query {
        originals: q.originals.clone(),
        terms: q.terms.clone(),
        intent: q.intent,
    };
    for s in &idx.feedback[best.doc] {
        expanded.terms.entry(s.clone()).or_insert(QueryTerm {
            weight: FEEDBACK_WEIGHT,
            origins: Vec::new(),
            bigram: false,
        });
    }
    let mut hits = score_all(idx, &expanded, function, Some(top));
    // Every suggestion is justified by a word of the objective or by being a
    // companion of the best match.
    hits.retain(|h| !h.matched.is_empty());
    let anchor_score = hits
        .iter()
        .find(|h| h.doc == best.doc)
        .map_or(0.0, |h| h.score);
    for (k, rid) in top.related.iter().enumerate() {
        let Ok(doc) = cat.binary_search_by(|t| t.id.as_str().cmp(rid)) else {
            continue;
        };
        let floor = anchor_score * (COMPANION_SHARE - COMPANION_DECAY * k as f64);
        match hits.iter_mut().find(|h| h.doc == doc) {
            Some(h) => {
                h.companion_of = Some(best.doc);
                h.score = h.score.max(floor);
            }
            None if floor > 0.0 => hits.push(Hit {
                doc,
                score: floor,
                matched: Vec::new(),
                companion_of: Some(best.doc),
            }),
            None => {}
        }
    }
    crate::sort::sort_by(&mut hits, |a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| cat[a.doc].id.cmp(&cat[b.doc].id))
    });
    hits
}

fn score_all(
    idx: &Index,
    q: &Query,
    function: Option<&str>,
    related: Option<&KpiTemplate>,
) -> Vec<Hit> {
    let cat = catalog();
    let n = cat.len();
    let no = q.originals.len();
    // Per template: the sum of pair and feedback terms, the best single-word
    // contribution per query word, and which query words matched.
    let mut extra = vec![0.0f64; n];
    let mut best = vec![0.0f64; n * no];
    let mut matched = vec![false; n * no];
    let mut touched = vec![false; n];
    for (term, qt) in &q.terms {
        let Some(p) = idx.postings.get(term) else {
            continue;
        };
        for &(di, wtf) in &p.docs {
            let c = qt.weight * p.idf * wtf / (K1 + wtf);
            touched[di] = true;
            if qt.bigram || qt.origins.is_empty() {
                extra[di] += c;
            } else {
                for &o in &qt.origins {
                    let b = &mut best[di * no + o];
                    *b = b.max(c);
                }
            }
            for &o in &qt.origins {
                matched[di * no + o] = true;
            }
        }
    }
    let mut hits = Vec::new();
    for (di, t) in cat.iter().enumerate() {
        if !touched[di] {
            continue;
        }
        let mut score = extra[di] + best[di * no..(di + 1) * no].iter().sum::<f64>();
        if score <= 0.0 {
            continue;
        }
        let matched: Vec<usize> = (0..no).filter(|&o| matched[di * no + o]).collect();
        let frac = matched.len() as f64 / no.max(1) as f64;
        score *= COORD_BASE + (1.0 - COORD_BASE) * frac;
        score *= direction_factor(q.intent, t.direction);
        if let Some(rel) = related {
            if t.functions.iter().any(|f| rel.functions.contains(f)) {
                score *= FEEDBACK_FUNCTION_BOOST;
            }
            // The anchor gets the same boost so its companions are
            // reordered among themselves, not lifted above it.
            if t.id == rel.id || rel.related.contains(&t.id) {
                score *= RELATED_BOOST;
            }
        }
        if let Some(f) = function
            && t.functions.iter().any(|g| g == f)
        {
            score *= FUNCTION_BOOST;
        }
        hits.push(Hit {
            doc: di,
            score,
            matched,
            companion_of: None,
        });
    }
    hits
}
