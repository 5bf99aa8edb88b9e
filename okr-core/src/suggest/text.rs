//! Tokenisation, stop words, a small suffix-stripping stemmer with irregular
//! forms, and the vocabulary tables (expansions, synonym groups, phrases,
//! direction words) used by the lexical ranker.

/// Words that carry no topical meaning for KPI matching. Direction verbs
/// ("increase", "reduce", ...) are listed here too: they are read separately
/// by [`detect_intent`] and would otherwise match definitions noisily.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "achieve",
    "across",
    "after",
    "again",
    "against",
    "all",
    "already",
    "also",
    "always",
    "amount",
    "an",
    "and",
    "any",
    "are",
    "aren't",
    "around",
    "as",
    "at",
    "be",
    "become",
    "been",
    "before",
    "being",
    "below",
    "best",
    "better",
    "boost",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "cut",
    "decrease",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "drive",
    "during",
    "each",
    "ensure",
    "even",
    "ever",
    "every",
    "everyone",
    "everything",
    "find",
    "finding",
    "for",
    "forever",
    "from",
    "get",
    "getting",
    "great",
    "grew",
    "grow",
    "growing",
    "grows",
    "had",
    "half",
    "has",
    "have",
    "help",
    "high",
    "higher",
    "highest",
    "hit",
    "how",
    "i",
    "improve",
    "improving",
    "in",
    "increase",
    "instead",
    "into",
    "is",
    "isn't",
    "it's",
    "its",
    "just",
    "keep",
    "less",
    "let",
    "long",
    "lot",
    "lots",
    "low",
    "lower",
    "lowest",
    "maintain",
    "make",
    "many",
    "maximise",
    "maximize",
    "me",
    "meet",
    "minimise",
    "minimize",
    "more",
    "most",
    "much",
    "must",
    "my",
    "need",
    "needs",
    "never",
    "next",
    "no",
    "nobody",
    "not",
    "number",
    "of",
    "off",
    "often",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "painfully",
    "per",
    "quarter",
    "raise",
    "reach",
    "really",
    "reduce",
    "should",
    "so",
    "some",
    "someone",
    "something",
    "soon",
    "still",
    "such",
    "sure",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "those",
    "through",
    "to",
    "too",
    "total",
    "under",
    "up",
    "us",
    "very",
    "want",
    "was",
    "way",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "year",
    "yet",
    "you",
    "your",
];

pub(crate) fn is_stop_word(w: &str) -> bool {
    STOP_WORDS.binary_search(&w).is_ok()
}

/// Splits text into lower-cased word tokens (alphanumeric runs; an apostrophe
/// inside a word is kept), and lists each hyphenated compound ("on-call", "self-service") with
/// the index in the word list of its last part (see [`compound_term`]). Pure
/// numbers are dropped: in an objective they are targets, not topics. "it" is
/// dropped unless written "IT".
pub(crate) fn tokens(text: &str) -> (Vec<String>, Vec<(String, usize)>) {
    let mut out = Vec::new();
    let mut compounds = Vec::new();
    let mut cur = String::new();
    let mut raw = String::new();
    // Parts of the hyphenated run being read, and whether a hyphen follows the
    // current word.
    let mut run: Vec<String> = Vec::new();
    let flush = |cur: &mut String, raw: &mut String, out: &mut Vec<String>| -> Option<String> {
        let w = cur.trim_matches('\'').to_string();
        // "it" is a pronoun unless written "IT" (information technology).
        let pronoun = w == "it" && raw.trim_matches('\'') != "IT";
        let keep = !w.is_empty() && !pronoun && !w.chars().all(|c| c.is_ascii_digit());
        if keep {
            out.push(w.clone());
        }
        cur.clear();
        raw.clear();
        (!w.is_empty()).then_some(w)
    };
    let end_run =
        |run: &mut Vec<String>, out: &Vec<String>, compounds: &mut Vec<(String, usize)>| {
            if run.len() >= 2 && !out.is_empty() {
                compounds.push((run.join("-"), out.len() - 1));
            }
            run.clear();
        };
    let mut prev = ' ';
    for ch in text.chars() {
        if ch.is_alphanumeric() || (ch == '\'' && !cur.is_empty()) {
            cur.extend(ch.to_lowercase());
            raw.push(ch);
        } else {
            let had_word = !cur.is_empty();
            let w = flush(&mut cur, &mut raw, &mut out);
            if ch == '-' && had_word {
                run.extend(w);
            } else {
                if prev == '-' || !run.is_empty() {
                    run.extend(w);
                }
                end_run(&mut run, &out, &mut compounds);
            }
        }
        prev = ch;
    }
    let w = flush(&mut cur, &mut raw, &mut out);
    if !run.is_empty() {
        run.extend(w);
    }
    end_run(&mut run, &out, &mut compounds);
    (out, compounds)
}

/// The index term of a hyphenated compound: its parts joined, then stemmed
/// ("on-call" -> "oncal").
pub(crate) fn compound_term(compound: &str) -> String {
    let joined: String = compound.split('-').collect::<String>().to_lowercase();
    stem(&joined)
}

/// Porter-lite stemmer: one longest-suffix rule, then a trailing "e"/"y" is
/// dropped and a doubled final consonant undoubled. It is applied to both the
/// catalog and the query, so it only has to be consistent, not linguistic.
pub(crate) fn stem(word: &str) -> String {
    let w = word.trim_end_matches("'s").trim_end_matches('\'');
    if let Ok(i) = LEMMAS.binary_search_by(|(form, _)| form.cmp(&w)) {
        return stem(LEMMAS[i].1);
    }
    if w.chars().count() <= 3 || !w.is_ascii() {
        return w.to_string();
    }
    const RULES: &[(&str, &str)] = &[
        ("izations", "ize"),
        ("isations", "ize"),
        ("ization", "ize"),
        ("isation", "ize"),
        ("ational", "ate"),
        ("ations", "ate"),
        ("ation", "ate"),
        ("ships", ""),
        ("ship", ""),
        ("iest", "y"),
        ("ier", "y"),
        ("ities", ""),
        ("ments", ""),
        ("ment", ""),
        ("ness", ""),
        ("ings", ""),
        ("ing", ""),
        ("ise", "ize"),
        ("ity", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("ers", "er"),
        ("ed", ""),
        ("es", ""),
        ("ly", ""),
        ("s", ""),
    ];
    let mut s = w.to_string();
    for (suffix, repl) in RULES {
        if let Some(base) = s.strip_suffix(suffix) {
            if *suffix == "s" && (base.ends_with('s') || base.ends_with('u') || base.ends_with('i'))
            {
                break;
            }
            if base.len() >= 3 && base.chars().any(is_vowel) {
                s = format!("{base}{repl}");
                break;
            }
        }
    }
    if s.len() > 3 && (s.ends_with('e') || s.ends_with('y')) {
        s.pop();
    }
    let b = s.as_bytes();
    if b.len() > 3 {
        let (x, y) = (b[b.len() - 1], b[b.len() - 2]);
        if x == y && !is_vowel(x as char) && !matches!(x, b'l' | b's' | b'z') {
            s.pop();
        }
    }
    s
}

/// Irregular word forms and their base form, applied before suffix stripping
/// ("paid" -> "pay", "sold" -> "sell"). Sorted by form.
const LEMMAS: &[(&str, &str)] = &[
    ("bought", "buy"),
    ("broke", "break"),
    ("broken", "break"),
    ("brought", "bring"),
    ("built", "build"),
    ("caught", "catch"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("done", "do"),
    ("drove", "drive"),
    ("fallen", "fall"),
    ("fell", "fall"),
    ("felt", "feel"),
    ("found", "find"),
    ("gave", "give"),
    ("given", "give"),
    ("got", "get"),
    ("gotten", "get"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("kept", "keep"),
    ("led", "lead"),
    ("lost", "lose"),
    ("made", "make"),
    ("met", "meet"),
    ("overspent", "overspend"),
    ("paid", "pay"),
    ("ran", "run"),
    ("sold", "sell"),
    ("spent", "spend"),
    ("stuck", "stick"),
    ("taken", "take"),
    ("took", "take"),
    ("went", "go"),
    ("won", "win"),
    ("written", "write"),
    ("wrote", "write"),
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Query expansion table: a query word (matched on its stem) also searches for
/// these related words at a reduced weight. Kept small and general-purpose.
pub(crate) const EXPANSIONS: &[(&str, &[&str])] = &[
    ("accident", &["injuries", "safety"]),
    ("accounts", &["customers"]),
    ("ads", &["advertising", "paid"]),
    ("advertising", &["ads"]),
    ("answers", &["self-service", "help center"]),
    ("app", &["mobile", "product"]),
    ("bill", &["spend", "cost"]),
    ("bin", &["waste", "scrap"]),
    ("breach", &["security", "incidents"]),
    ("break", &["failures", "defects", "incidents"]),
    ("breakdowns", &["failures", "downtime"]),
    ("breaks", &["failures", "defects", "incidents"]),
    ("broken", &["failures", "defects"]),
    ("bugs", &["defects"]),
    ("burn", &["cash"]),
    ("buyers", &["customers"]),
    ("cart", &["checkout", "basket", "ecommerce"]),
    ("cash", &["liquidity"]),
    ("cheaper", &["cost"]),
    ("clients", &["customers"]),
    ("collect", &["collections", "receivables"]),
    ("companies", &["customers", "accounts"]),
    ("complaints", &["dissatisfied"]),
    ("consumers", &["customers"]),
    ("costs", &["spend", "savings"]),
    ("crashes", &["crash", "stability"]),
    ("cyber", &["security"]),
    ("deals", &["opportunities"]),
    ("defects", &["bugs"]),
    ("delay", &["late"]),
    ("deliver", &["delivery"]),
    ("deploy", &["release"]),
    ("developers", &["engineers", "developer"]),
    ("devs", &["developers", "engineers"]),
    ("downtime", &["outages", "availability"]),
    ("earnings", &["profit"]),
    ("emails", &["email"]),
    ("emissions", &["carbon"]),
    ("engineers", &["developers", "engineering"]),
    ("environmental", &["environment", "sustainability"]),
    ("errors", &["defects", "accuracy"]),
    ("exhausted", &["burnout", "wellbeing"]),
    ("expenses", &["costs", "spend"]),
    ("factory", &["plant", "production", "manufacturing"]),
    ("fast", &["speed"]),
    ("faster", &["speed"]),
    ("footprint", &["carbon", "emissions"]),
    ("forever", &["time"]),
    ("green", &["sustainability"]),
    ("happy", &["satisfaction"]),
    ("hire", &["hiring", "recruiting"]),
    ("hiring", &["recruiting", "hires"]),
    ("hurt", &["injuries", "safety", "accidents"]),
    ("idle", &["utilisation", "downtime"]),
    ("income", &["revenue", "profit"]),
    ("injured", &["injuries", "safety"]),
    ("injuries", &["safety"]),
    ("inventory", &["stock"]),
    ("invoices", &["billing"]),
    ("issues", &["tickets", "problems"]),
    ("know", &["awareness", "recognition"]),
    ("knows", &["awareness", "recognition"]),
    ("late", &["overdue", "delay"]),
    ("leave", &["attrition", "churn"]),
    ("legacy", &["technical debt", "refactor"]),
    ("lose", &["churn", "lost"]),
    ("losing", &["churn", "lost"]),
    ("love", &["satisfaction", "loyalty", "promoters"]),
    ("loyal", &["loyalty", "retention"]),
    ("machines", &["equipment"]),
    ("malware", &["security", "cyber"]),
    ("money", &["cash", "revenue"]),
    ("numbers", &["data", "figures"]),
    ("outages", &["downtime", "incidents"]),
    ("paperwork", &["manual", "process", "automation"]),
    ("pay", &["spend", "cost"]),
    ("people", &["employees"]),
    ("plant", &["factory", "production"]),
    ("positions", &["roles", "vacancies", "hiring"]),
    ("problems", &["issues"]),
    ("profit", &["margin", "earnings"]),
    ("profitability", &["profit", "margin"]),
    ("prospects", &["leads"]),
    ("quick", &["speed"]),
    ("quicker", &["speed"]),
    ("quickly", &["speed"]),
    ("quit", &["attrition", "resignations"]),
    ("quitting", &["attrition", "resignations"]),
    ("ransomware", &["security", "backup", "cyber"]),
    ("recruit", &["hiring"]),
    ("recruiters", &["recruiting", "hiring"]),
    ("release", &["deploy"]),
    ("reliability", &["uptime", "availability"]),
    ("reliable", &["reliability", "uptime"]),
    ("reports", &["reporting"]),
    ("revenue", &["sales", "income"]),
    ("safety", &["injuries"]),
    ("sell", &["sales"]),
    ("selling", &["sales"]),
    ("ship", &["release", "deploy"]),
    ("shoppers", &["customers"]),
    ("site", &["website"]),
    ("slow", &["latency", "speed"]),
    ("speed", &["time", "fast"]),
    ("stable", &["stability", "reliability"]),
    ("staff", &["employees"]),
    ("stock", &["inventory"]),
    ("stressed", &["stress", "burnout", "wellbeing"]),
    ("subscribers", &["customers", "subscriptions"]),
    ("subscription", &["recurring"]),
    ("suppliers", &["vendors"]),
    ("talent", &["employees", "hiring"]),
    ("team", &["employees"]),
    ("tickets", &["support"]),
    ("trucks", &["fleet", "vehicles", "logistics"]),
    ("turnover", &["attrition"]),
    ("unhappy", &["complaints", "dissatisfied"]),
    ("upsell", &["expansion"]),
    ("users", &["active users"]),
    ("vendors", &["suppliers"]),
    ("virus", &["security", "cyber"]),
    ("viruses", &["security", "cyber"]),
    ("wait", &["response", "waiting"]),
    ("web", &["website"]),
    ("workers", &["employees"]),
    ("workforce", &["employees"]),
    ("wrong", &["errors", "accuracy"]),
];

/// Groups of near-synonyms in everyday business English. Every member of a
/// group expands to the others at the expansion weight, like [`EXPANSIONS`].
/// Kept to general vocabulary (what a thesaurus would list), not to
/// particular objectives.
pub(crate) const SYNONYM_GROUPS: &[&[&str]] = &[
    &[
        "customer", "client", "buyer", "shopper", "consumer", "patron",
    ],
    &[
        "employee",
        "staff",
        "worker",
        "workforce",
        "personnel",
        "colleague",
        "people",
    ],
    &["hire", "recruit", "recruitment", "hiring", "staffing"],
    &["candidate", "applicant", "jobseeker"],
    &[
        "vacancy",
        "opening",
        "role",
        "position",
        "job",
        "requisition",
    ],
    &["quit", "resign", "resignation", "attrition", "turnover"],
    &["cancel", "cancellation", "churn", "unsubscribe"],
    &["reply", "respond", "response", "answer"],
    &["wait", "waiting", "queue", "hold", "delay"],
    &[
        "fast", "quick", "rapid", "speed", "swift", "prompt", "faster", "quicker", "sooner",
    ],
    &["slow", "sluggish", "lag", "laggy"],
    &["late", "overdue", "delayed", "behind"],
    &[
        "cost",
        "expense",
        "spend",
        "spending",
        "expenditure",
        "outlay",
    ],
    &["cheap", "inexpensive", "affordable", "lean", "frugal"],
    &["profit", "profitability", "earnings", "margin"],
    &["revenue", "turnover", "income", "sales", "takings"],
    &[
        "sell",
        "sales",
        "selling",
        "seller",
        "salespeople",
        "salesperson",
        "rep",
    ],
    &["deal", "contract", "agreement", "opportunity"],
    &["bill", "invoice", "billing", "invoicing"],
    &["problem", "issue", "fault", "flaw", "glitch"],
    &["bug", "defect", "flaw", "error"],
    &["mistake", "error", "wrong", "incorrect", "inaccurate"],
    &["accurate", "accuracy", "correct", "precise", "right"],
    &["crash", "outage", "failure", "downtime", "breakdown"],
    &[
        "reliable",
        "reliability",
        "stable",
        "stability",
        "robust",
        "dependable",
        "solid",
    ],
    &[
        "happy",
        "satisfied",
        "satisfaction",
        "pleased",
        "content",
        "delighted",
    ],
    &[
        "unhappy",
        "dissatisfied",
        "frustrated",
        "angry",
        "annoyed",
        "upset",
    ],
    &["complaint", "grievance", "dissatisfaction"],
    &["review", "rating", "stars", "testimonial"],
    &[
        "recommend",
        "referral",
        "advocate",
        "promoter",
        "word of mouth",
    ],
    &[
        "safe", "safety", "injury", "accident", "hurt", "harm", "injured",
    ],
    &[
        "waste",
        "scrap",
        "discard",
        "landfill",
        "recycle",
        "recycling",
    ],
    &["stock", "inventory", "goods", "merchandise"],
    &["deliver", "delivery", "shipment", "dispatch", "shipping"],
    &[
        "supplier",
        "vendor",
        "supply",
        "procurement",
        "purchasing",
        "sourcing",
    ],
    &["partner", "reseller", "channel", "affiliate", "dealer"],
    &["visitor", "traffic", "visit", "audience"],
    &["ad", "ads", "advertising", "advert", "campaign", "paid"],
    &["lead", "prospect", "enquiry", "inquiry"],
    &[
        "training",
        "learning",
        "course",
        "upskill",
        "skills",
        "education",
    ],
    &["manager", "leader", "leadership", "supervisor", "boss"],
    &[
        "security", "secure", "cyber", "hacker", "attack", "breach", "threat",
    ],
    &["vulnerability", "exposure", "unpatched", "patch"],
    &["software", "code", "application", "app", "system"],
    &[
        "release",
        "deploy",
        "deployment",
        "ship",
        "launch",
        "rollout",
    ],
    &["developer", "engineer", "programmer", "devs"],
    &["cash", "money", "funds", "liquidity"],
    &["budget", "allowance", "plan"],
    &["factory", "plant", "mill", "workshop", "shop floor"],
    &["machine", "equipment", "asset", "line"],
    &["output", "throughput", "production", "volume", "units"],
    &["emission", "carbon", "co2", "footprint", "greenhouse"],
    &["energy", "electricity", "power", "fuel"],
    &["automate", "automation", "manual", "paperwork"],
    &["data", "records", "information"],
    &["signup", "register", "registration", "enrol", "enroll"],
    &["onboarding", "setup", "activation", "go live"],
    &["use", "usage", "adoption", "engagement", "active"],
    &["audit", "inspection", "certification", "assessment"],
    &[
        "compliance",
        "compliant",
        "regulation",
        "regulatory",
        "legal",
    ],
    &["forecast", "prediction", "projection", "planning"],
    &[
        "brand",
        "reputation",
        "awareness",
        "recognition",
        "visibility",
    ],
    &["diverse", "diversity", "inclusion", "inclusive", "equity"],
    &["burnout", "stress", "wellbeing", "exhaustion", "overwork"],
    &["absence", "absenteeism", "sick"],
    &["help desk", "helpdesk", "service desk", "it support"],
    &["laptop", "device", "computer", "equipment"],
    &["license", "licence", "seat", "subscription"],
    &["cloud", "hosting", "infrastructure", "aws", "azure"],
    &["email", "newsletter", "mailing"],
    &["search", "seo", "google", "ranking"],
    &[
        "social",
        "linkedin",
        "instagram",
        "twitter",
        "tiktok",
        "facebook",
    ],
    &["test", "testing", "qa"],
    &["experiment", "test", "trial"],
    &["interview", "research", "discovery"],
    &["maintenance", "repair", "servicing", "upkeep"],
    &["return", "refund", "exchange"],
];

/// Phrases whose meaning differs from their words, matched on the raw
/// (lower-cased) words and expanded like [`EXPANSIONS`] at full weight.
pub(crate) const PHRASES: &[(&[&str], &[&str])] = &[
    (&["break", "down"], &["breakdowns", "failures"]),
    (&["come", "back"], &["retention", "returning"]),
    (&["comes", "back"], &["retention", "returning"]),
    (&["go", "down"], &["downtime", "outages"]),
    (&["goes", "down"], &["downtime", "outages"]),
    (&["went", "down"], &["downtime", "outages"]),
    (&["run", "out"], &["stockout", "runway"]),
    (&["running", "out"], &["stockout", "runway"]),
    (&["ran", "out"], &["stockout", "runway"]),
    (&["out", "of", "stock"], &["stockout"]),
    (&["set", "up"], &["setup", "onboarding"]),
    (&["sign", "up"], &["signup"]),
    (&["signs", "up"], &["signup"]),
    (&["show", "up"], &["attendance"]),
    (&["turn", "down"], &["decline", "acceptance"]),
    (&["up", "and", "running"], &["uptime", "availability"]),
    (&["get", "paid"], &["collections", "receivables"]),
    (&["getting", "paid"], &["collections", "receivables"]),
    (&["on", "their", "own"], &["self-service"]),
    (&["by", "themselves"], &["self-service"]),
    (&["word", "of", "mouth"], &["referrals", "recommend"]),
    (&["on", "time"], &["on-time", "punctual"]),
];

/// The objective's direction, read from its verbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Intent {
    Up,
    Down,
    Hold,
}

const UP_WORDS: &[&str] = &[
    "accelerate",
    "add",
    "boost",
    "build",
    "double",
    "expand",
    "grow",
    "growing",
    "higher",
    "increase",
    "increasing",
    "maximise",
    "maximize",
    "more",
    "raise",
    "scale",
    "triple",
];
const DOWN_WORDS: &[&str] = &[
    "cut",
    "decrease",
    "eliminate",
    "fewer",
    "halve",
    "less",
    "lower",
    "minimise",
    "minimize",
    "reduce",
    "reducing",
    "shorten",
    "shrink",
    "stop",
    "avoid",
    "prevent",
    "lose",
];
const HOLD_WORDS: &[&str] = &[
    "hold", "keep", "maintain", "preserve", "protect", "stay", "sustain", "remain",
];

/// Reads the first direction word in the objective, if any.
pub(crate) fn detect_intent(tokens: &[String]) -> Option<Intent> {
    tokens.iter().find_map(|t| {
        let t = t.as_str();
        if UP_WORDS.contains(&t) {
            Some(Intent::Up)
        } else if DOWN_WORDS.contains(&t) {
            Some(Intent::Down)
        } else if HOLD_WORDS.contains(&t) {
            Some(Intent::Hold)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_sorted() {
        let mut v = STOP_WORDS.to_vec();
        v.sort_unstable();
        assert_eq!(v, STOP_WORDS);
    }

    #[test]
    fn lemmas_sorted() {
        assert!(LEMMAS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(stem("paid"), stem("pay"));
        assert_eq!(stem("sold"), stem("sell"));
    }

    #[test]
    fn stems_are_consistent() {
        for (a, b) in [
            ("hiring", "hire"),
            ("hired", "hire"),
            ("customers", "customer"),
            ("defects", "defect"),
            ("utilisation", "utilization"),
            ("deliveries", "delivery"),
            ("shipping", "ship"),
            ("rates", "rate"),
            ("processes", "process"),
            ("policies", "policy"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} vs {b}");
        }
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("ééés"), "ééés");
    }

    #[test]
    fn hyphenated_compounds() {
        let (w, c) = tokens("Make on-call less painful; self-service, X - Y, a-b-c");
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
        assert_eq!(tokens("it-x").1, [("it-x".to_string(), 0)]);
        assert_eq!(compound_term("on-call"), compound_term("On-Call"));
    }

    #[test]
    fn words_split_and_drop_numbers() {
        assert_eq!(
            tokens("Cut CAC by 20% in Q3, team's").0,
            ["cut", "cac", "by", "in", "q3", "team's"]
        );
    }
}
