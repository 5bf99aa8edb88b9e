//! The ranker's words of a text, and the vocabulary tables (expansions, synonym
//! groups, phrases, direction words) used by the lexical ranker. Words are
//! stemmed by [`crate::text::stem`]; stop words are in [`crate::text::stopwords`].

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
pub(crate) fn tokens(text: &str) -> (Vec<String>, Vec<(String, usize)>) {
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

/// Multiword expressions read as one term (see [`tokens`]): their words are weak or
/// stop words alone. Each is also matched in its hyphenated form ("on-call").
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

/// Query expansion table: a query word (matched on its stem) also searches for
/// these related words at a reduced weight. Kept small and general-purpose.
pub(crate) const EXPANSIONS: &[(&str, &[&str])] = &[
    ("accident", &["injuries", "safety"]),
    ("accounts", &["customers"]),
    ("ads", &["advertising", "paid"]),
    ("advertising", &["ads"]),
    ("agents", &["employees"]),
    ("analysts", &["employees"]),
    ("answers", &["self-service", "help center"]),
    ("app", &["mobile", "product"]),
    ("assembly", &["production", "manufacturing"]),
    ("bill", &["spend", "cost"]),
    ("bin", &["waste", "scrap"]),
    ("biz", &["business"]),
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
    ("costly", &["cost"]),
    ("costs", &["spend", "savings"]),
    ("crashes", &["crash", "stability"]),
    ("crew", &["employees"]),
    ("cust", &["customers"]),
    ("cyber", &["security"]),
    ("deals", &["opportunities"]),
    ("defects", &["bugs"]),
    ("delay", &["late"]),
    ("deliver", &["delivery"]),
    ("deploy", &["release"]),
    ("dept", &["department"]),
    ("depts", &["departments"]),
    ("designers", &["employees"]),
    ("dev", &["development", "developers"]),
    ("developers", &["engineers", "developer", "employees"]),
    ("devs", &["developers", "engineers"]),
    ("docs", &["documentation"]),
    ("downtime", &["outages", "availability"]),
    ("drivers", &["employees"]),
    ("earnings", &["profit"]),
    ("emails", &["email"]),
    ("emissions", &["carbon"]),
    ("eng", &["engineering", "engineers"]),
    ("engineers", &["developers", "engineering", "employees"]),
    ("environmental", &["environment", "sustainability"]),
    ("errors", &["defects", "accuracy"]),
    ("exec", &["executive"]),
    ("execs", &["executives"]),
    ("exhausted", &["burnout", "wellbeing"]),
    ("expenses", &["costs", "spend"]),
    ("expensive", &["cost"]),
    ("factory", &["plant", "production", "manufacturing"]),
    ("fast", &["speed"]),
    ("faster", &["speed"]),
    ("folks", &["people", "employees"]),
    ("footprint", &["carbon", "emissions"]),
    ("forever", &["time"]),
    ("fte", &["employees", "headcount"]),
    ("ftes", &["employees", "headcount"]),
    ("graduates", &["employees"]),
    ("green", &["sustainability"]),
    ("happy", &["satisfaction"]),
    ("hire", &["hiring", "recruiting"]),
    ("hiring", &["recruiting", "hires"]),
    ("hr", &["employees", "people"]),
    ("hurt", &["injuries", "safety", "accidents"]),
    ("idle", &["utilisation", "downtime"]),
    ("income", &["revenue", "profit"]),
    ("infra", &["infrastructure"]),
    ("injured", &["injuries", "safety"]),
    ("injuries", &["safety"]),
    ("interns", &["employees"]),
    ("inventory", &["stock"]),
    ("invoices", &["billing"]),
    ("issues", &["tickets", "problems"]),
    ("joiners", &["employees"]),
    ("kb", &["knowledge base"]),
    ("know", &["awareness", "recognition"]),
    ("knows", &["awareness", "recognition"]),
    ("late", &["overdue", "delay"]),
    ("leaders", &["employees"]),
    ("leave", &["attrition", "churn"]),
    ("leavers", &["attrition", "turnover"]),
    ("legacy", &["technical debt", "refactor"]),
    ("lose", &["churn", "lost"]),
    ("losing", &["churn", "lost"]),
    ("love", &["satisfaction", "loyalty", "promoters"]),
    ("loyal", &["loyalty", "retention"]),
    ("machines", &["equipment"]),
    ("malware", &["security", "cyber"]),
    ("managers", &["employees"]),
    ("mfg", &["manufacturing"]),
    ("mgmt", &["management"]),
    ("money", &["cash", "revenue"]),
    ("newcomers", &["new hires"]),
    ("numbers", &["data", "figures"]),
    ("nurses", &["employees"]),
    ("operators", &["employees"]),
    ("ops", &["operations"]),
    ("outages", &["downtime", "incidents"]),
    ("packages", &["parcel", "shipments"]),
    ("paperwork", &["manual", "process", "automation"]),
    ("parcels", &["parcel", "shipments"]),
    ("pay", &["spend", "cost"]),
    ("people", &["employees"]),
    ("perf", &["performance"]),
    ("pipe", &["pipeline"]),
    ("plant", &["factory", "production"]),
    ("positions", &["roles", "vacancies", "hiring"]),
    ("pricey", &["cost", "price"]),
    ("problems", &["issues"]),
    ("prod", &["production"]),
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
    ("recruiter", &["recruiting", "hiring"]),
    ("recruiters", &["recruiting", "hiring"]),
    ("release", &["deploy"]),
    ("reliability", &["uptime", "availability"]),
    ("reliable", &["reliability", "uptime"]),
    ("reports", &["reporting"]),
    ("req", &["requisitions", "vacancies", "hiring"]),
    ("reqs", &["requisitions", "vacancies", "hiring"]),
    ("revenue", &["sales", "income"]),
    ("safety", &["injuries"]),
    ("salespeople", &["employees"]),
    ("sell", &["sales"]),
    ("selling", &["sales"]),
    ("ship", &["release", "deploy"]),
    ("shoppers", &["customers"]),
    ("site", &["website"]),
    ("sku", &["products", "stock"]),
    ("skus", &["products", "stock"]),
    ("slow", &["latency", "speed"]),
    ("speed", &["time", "fast"]),
    ("stable", &["stability", "reliability"]),
    ("staff", &["employees"]),
    ("starters", &["employees"]),
    ("stock", &["inventory"]),
    ("stressed", &["stress", "burnout", "wellbeing"]),
    ("subscribers", &["customers", "subscriptions"]),
    ("subscription", &["recurring"]),
    ("suppliers", &["vendors"]),
    ("talent", &["employees", "hiring"]),
    ("team", &["employees"]),
    ("teams", &["employees"]),
    ("technicians", &["employees"]),
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
    &["competitor", "rival", "competition", "compete"],
    &[
        "frequent",
        "frequency",
        "frequently",
        "rare",
        "rarely",
        "infrequent",
        "cadence",
    ],
    &["price", "pricing", "charge", "fee"],
    &["faulty", "defective", "damaged", "broken"],
    &["big", "large", "bigger", "larger"],
    &["loss", "lose"],
    &["salary", "compensation", "wage", "remuneration"],
    &["ticket", "case", "query"],
    &["phone", "telephone", "call"],
    &["warehouse", "distribution centre", "fulfilment centre"],
    &["shop", "store", "webshop", "retail"],
    &["truck", "lorry", "van", "vehicle", "fleet"],
    &[
        "simple",
        "easy",
        "effortless",
        "intuitive",
        "seamless",
        "frictionless",
    ],
    &[
        "confusing",
        "complicated",
        "cumbersome",
        "clunky",
        "difficult",
    ],
    &["deadline", "schedule", "timeline", "due date"],
    &["survey", "poll", "questionnaire"],
    &["resolve", "solve", "fix"],
    &["idea", "hypothesis", "concept"],
    &["investor", "shareholder", "board"],
    &["password", "login", "credential", "authentication"],
    &["alert", "alarm", "pager"],
    &["meeting", "demo", "appointment"],
    &["proposal", "bid", "tender", "rfp", "quote"],
    &["morale", "mood", "spirit"],
    &["leaver", "departure", "exit"],
    &[
        "sustainable",
        "sustainability",
        "eco",
        "environmental",
        "environment",
    ],
    &["pollution", "emission"],
    &["legacy", "outdated", "obsolete"],
    &["mobile", "ios", "android"],
    &["factory", "facility"],
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
    (&["in", "the", "black"], &["profit", "profitable"]),
    (&["in", "the", "red"], &["losses", "burn"]),
    (&["break", "even"], &["breakeven", "profitability"]),
    (&["top", "line"], &["revenue"]),
    (&["log", "in"], &["login", "usage"]),
    (&["logs", "in"], &["login", "usage"]),
    (&["sign", "in"], &["login"]),
    (&["pay", "back"], &["payback"]),
    (&["roll", "out"], &["rollout"]),
    (&["fall", "behind"], &["late", "delay"]),
    (&["follow", "up"], &["follow-up"]),
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
    fn abbreviations_and_joins() {
        // Plural abbreviations match the abbreviation.
        assert_eq!(
            tokens("Fewer open NCRs and KPIs").0[2..],
            ["ncr", "and", "kpi"]
        );
        // "&" inside a word keeps it whole.
        assert_eq!(
            tokens("Better S&OP and L&D, R & D").0,
            ["better", "s&op", "and", "l&d", "r", "d"]
        );
        // Spaced multiword expressions are read like their hyphenated forms.
        let (_, c) = tokens("Our help center and the on call rota");
        assert_eq!(
            c,
            [("help center".to_string(), 2), ("on call".to_string(), 6)]
        );
        assert_eq!(compound_term("help center"), compound_term("help-center"));
    }

    #[test]
    fn words_split_and_drop_numbers() {
        assert_eq!(
            tokens("Cut CAC by 20% in Q3, team's").0,
            ["cut", "cac", "by", "in", "q3", "team's"]
        );
    }
}
