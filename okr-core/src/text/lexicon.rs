//! Word lists used by the analyser. All entries are lower-case.

/// Class of a verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbClass {
    /// Moves a metric up.
    Increase,
    /// Moves a metric down.
    Decrease,
    /// Keeps a metric where it is.
    Maintain,
    /// Reaches a level or a result.
    Reach,
    /// A task or output verb (launch, build, write, ...).
    Activity,
    /// A vague effort verb (work on, try, look into, ...).
    Effort,
}

/// Two-word verbs, checked before single words.
pub fn phrasal_verb(a: &str, b: &str) -> Option<VerbClass> {
    use VerbClass::*;
    Some(match (a, b) {
        ("roll" | "rolls" | "rolling", "out") => Activity,
        ("set" | "sets", "up") => Activity,
        ("kick" | "kicks", "off") => Activity,
        ("put" | "puts", "together") => Activity,
        ("carry" | "carries", "out") => Activity,
        ("reach" | "reaches", "out") => Activity,
        ("sign" | "signs", "up") => Increase,
        ("work" | "works" | "working", "on" | "towards" | "toward") => Effort,
        ("look" | "looks" | "looking", "into" | "at") => Effort,
        ("try" | "tries" | "trying", "to") => Effort,
        ("bring" | "brings", "down") => Decrease,
        ("cut" | "cuts", "down") => Decrease,
        ("scale" | "scales", "up") => Increase,
        ("get" | "gets", "to") => Reach,
        ("keep" | "keeps", "up") => Maintain,
        ("follow" | "follows", "up") => Activity,
        ("enroll" | "enrol" | "enrolls" | "enrols", "in" | "on" | "into") => Activity,
        ("clean" | "cleans", "up") => Activity,
        ("write" | "writes", "up") => Activity,
        ("wrap" | "wraps", "up") => Activity,
        ("hand" | "hands", "over" | "off") => Activity,
        ("sign" | "signs", "off") => Activity,
        ("check" | "checks", "in") => Activity,
        ("win" | "wins", "back") => Increase,
        ("pay" | "pays", "down" | "off") => Decrease,
        ("drive" | "drives", "down") => Decrease,
        ("drive" | "drives", "up") => Increase,
        ("push" | "pushes", "down") => Decrease,
        ("push" | "pushes", "up") => Increase,
        _ => return None,
    })
}

fn base_verb(w: &str) -> Option<VerbClass> {
    use VerbClass::*;
    Some(match w {
        "increase" | "grow" | "raise" | "lift" | "boost" | "double" | "triple" | "quadruple"
        | "expand" | "improve" | "gain" | "acquire" | "add" | "win" | "accelerate" | "scale"
        | "maximize" | "maximise" | "enhance" | "strengthen" | "extend" | "drive" | "attract"
        | "convert" | "sign" | "book" | "close" | "generate" | "earn" | "sell" | "recruit"
        | "onboard" | "enroll" | "enrol" | "retain" | "multiply" | "upsell" | "secure"
        | "capture" => Increase,
        "reduce" | "cut" | "lower" | "decrease" | "shrink" | "halve" | "drop" | "minimize"
        | "minimise" | "eliminate" | "shorten" | "slash" | "trim" | "decline" | "bring"
        | "limit" | "remove" | "prevent" | "avoid" | "lessen" | "compress" => Decrease,
        "maintain" | "keep" | "sustain" | "stay" | "remain" | "preserve" => Maintain,
        "reach" | "hit" | "achieve" | "attain" | "get" | "exceed" | "surpass" | "become"
        | "land" | "score" | "make" | "ensure" | "obtain" | "respond" | "resolve" | "serve"
        | "hire" | "receive" | "collect" | "have" | "beat" | "outperform" | "answer" => Reach,
        "launch" | "build" | "implement" | "host" | "attend" | "write" | "publish" | "run"
        | "migrate" | "release" | "organize" | "organise" | "create" | "conduct" | "take"
        | "move" | "develop" | "design" | "deploy" | "ship" | "complete" | "finish" | "start"
        | "begin" | "prepare" | "draft" | "document" | "install" | "send" | "schedule" | "plan"
        | "research" | "investigate" | "review" | "update" | "refactor" | "redesign"
        | "rewrite" | "introduce" | "establish" | "define" | "test" | "train" | "upgrade"
        | "replace" | "integrate" | "automate" | "post" | "record" | "produce" | "present"
        | "interview" | "survey" | "audit" | "hold" | "arrange" | "set" | "configure" | "setup"
        | "read" | "visit" | "call" | "meet" | "translate" | "prototype" | "pilot" | "announce"
        | "deliver" | "open" | "participate" | "join" | "learn" | "study" | "analyze"
        | "analyse" | "evaluate" | "assess" | "map" | "refresh" | "rebuild" | "redo" | "revamp"
        | "overhaul" | "adopt" | "roll" | "sponsor" | "speak" | "film" | "code" | "fix"
        | "give" | "mentor" | "coach" | "teach" | "tutor" | "facilitate" | "coordinate"
        | "shadow" | "negotiate" | "finalize" | "finalise" | "outline" | "brainstorm"
        | "compile" | "submit" | "apply" | "benchmark" | "pitch" | "showcase" | "exhibit"
        | "volunteer" | "formalize" | "formalise" | "distribute" | "rehearse" | "practice"
        | "practise" | "exercise" | "meditate" | "walk" | "jog" | "swim" | "hike" => Activity,
        "work" | "try" | "explore" | "support" | "help" | "streamline" | "optimize"
        | "optimise" | "focus" | "continue" | "strive" | "aim" | "look" | "consider"
        | "address" | "tackle" | "leverage" | "communicate" | "do" | "be" => Effort,
        _ => return None,
    })
}

/// Verb class of a (possibly inflected) word.
pub fn verb_class(w: &str) -> Option<VerbClass> {
    if let Some(c) = base_verb(w) {
        return Some(c);
    }
    let candidates: [Option<String>; 6] = [
        w.strip_suffix("ies").map(|s| format!("{s}y")),
        w.strip_suffix("es").map(str::to_string),
        w.strip_suffix('s').map(str::to_string),
        w.strip_suffix("ed").map(str::to_string),
        w.strip_suffix('d').map(str::to_string),
        w.strip_suffix("ing").map(str::to_string),
    ];
    for c in candidates.into_iter().flatten() {
        if c.len() >= 2
            && let Some(v) = base_verb(&c)
        {
            return Some(v);
        }
    }
    if let Some(s) = w.strip_suffix("ing")
        && let Some(v) = base_verb(&format!("{s}e"))
    {
        return Some(v);
    }
    None
}

/// Words that name a time period or calendar item (not content).
pub fn is_time_word(w: &str) -> bool {
    month_number(w).is_some()
        || matches!(
            w,
            "q1" | "q2"
                | "q3"
                | "q4"
                | "h1"
                | "h2"
                | "quarter"
                | "quarterly"
                | "year"
                | "years"
                | "month"
                | "months"
                | "monthly"
                | "week"
                | "weeks"
                | "weekly"
                | "day"
                | "days"
                | "daily"
                | "annual"
                | "annually"
                | "fiscal"
                | "calendar"
                | "today"
                | "tomorrow"
                | "mid"
                | "midyear"
                | "half"
                | "fy"
                | "eoy"
                | "eoq"
                | "yearly"
                | "hours"
                | "hour"
                | "sprint"
                | "cycle"
        )
}

/// Month number of a full or abbreviated month name.
pub fn month_number(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Month names that are also common English words and need date context.
pub fn month_is_ambiguous(w: &str) -> bool {
    matches!(
        w,
        "may"
            | "march"
            | "mar"
            | "jan"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "feb"
            | "apr"
    )
}

/// English number words: units, teens, tens and the scale words
/// `hundred`/`dozen` (compounds such as `twenty-five` or `two hundred` are
/// combined by [`number_phrase`]).
pub fn number_word(w: &str) -> Option<f64> {
    Some(match w {
        "zero" | "nil" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" | "fourty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "dozen" => 12.0,
        _ => return None,
    })
}

fn tens_word(w: &str) -> bool {
    matches!(
        w,
        "twenty"
            | "thirty"
            | "forty"
            | "fourty"
            | "fifty"
            | "sixty"
            | "seventy"
            | "eighty"
            | "ninety"
    )
}

fn unit_word(w: &str) -> Option<f64> {
    number_word(w).filter(|v| (1.0..=9.0).contains(v))
}

/// Parse a spelled-out number starting at `words[0]`: `twelve`,
/// `twenty-five` (pass the hyphen as its own word), `twenty five`,
/// `two hundred`, `a hundred and fifty`, `a dozen`, `three thousand`,
/// `two million`. Returns the value and how many words it used. A leading
/// `a`/`an` counts only before a scale word. Bounded: reads at most 12 words.
pub fn number_phrase(words: &[&str]) -> Option<(f64, usize)> {
    let get = |k: usize| words.get(k).copied().unwrap_or("");
    let mut k = 0;
    let mut total = 0.0;
    let mut group: Option<f64> = None;
    let mut any = false;
    // `half a million`, `half a dozen`.
    if get(0) == "half" && matches!(get(1), "a" | "an") {
        let scale = match get(2) {
            "dozen" => 12.0,
            "hundred" => 100.0,
            "thousand" => 1e3,
            "million" => 1e6,
            "billion" => 1e9,
            _ => return None,
        };
        return Some((scale / 2.0, 3));
    }
    while k < words.len() && k < 12 {
        let x = get(k);
        if matches!(x, "a" | "an") && group.is_none() {
            if matches!(
                get(k + 1),
                "hundred" | "dozen" | "thousand" | "million" | "billion"
            ) {
                group = Some(1.0);
                k += 1;
                continue;
            }
            break;
        }
        if matches!(x, "hundred" | "dozen") {
            let Some(g) = group else { break };
            if g >= 100.0 {
                break;
            }
            group = Some(g * if x == "hundred" { 100.0 } else { 12.0 });
            any = true;
            k += 1;
            // "a hundred and fifty"
            if get(k) == "and" && number_word(get(k + 1)).is_some_and(|v| v < 100.0) {
                k += 1;
            }
            continue;
        }
        if let Some(sc) = match x {
            "thousand" => Some(1e3),
            "million" => Some(1e6),
            "billion" => Some(1e9),
            _ => None,
        } {
            let Some(g) = group else { break };
            total += g * sc;
            group = None;
            any = true;
            k += 1;
            continue;
        }
        let Some(v) = number_word(x) else { break };
        let g = group.unwrap_or(0.0);
        let last_small = g % 100.0;
        if group.is_some() && (last_small != 0.0 || g == 0.0) {
            // "twenty five" / "twenty-five": a unit after a bare tens word.
            if !(tens_word(get(k.saturating_sub(1))) || get(k.saturating_sub(1)) == "-")
                || unit_word(x).is_none()
            {
                break;
            }
        }
        group = Some(g + v);
        any = true;
        k += 1;
        if tens_word(x) && get(k) == "-" && unit_word(get(k + 1)).is_some() {
            k += 1;
        }
    }
    if !any {
        return None;
    }
    // Do not end on a dangling hyphen or "and".
    while k > 0 && matches!(get(k - 1), "-" | "and" | "a" | "an") {
        k -= 1;
    }
    let value = total + group.unwrap_or(0.0);
    (k > 0 && value.is_finite()).then_some((value, k))
}

/// Multiplier verbs: double, triple, quadruple, halve.
pub fn multiplier_word(w: &str) -> Option<f64> {
    Some(match w {
        "double" | "doubles" | "doubled" | "doubling" => 2.0,
        "triple" | "triples" | "tripled" | "tripling" => 3.0,
        "quadruple" | "quadruples" | "quadrupled" | "quadrupling" => 4.0,
        "halve" | "halves" | "halved" | "halving" => 0.5,
        _ => return None,
    })
}

/// Scale words following a number.
pub fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "k" | "thousand" | "thousands" => 1e3,
        "m" | "mm" | "mn" | "million" | "millions" => 1e6,
        "bn" | "billion" | "billions" => 1e9,
        _ => return None,
    })
}

/// Currency symbol or code.
pub fn currency(w: &str) -> Option<&'static str> {
    Some(match w {
        "$" | "usd" | "dollars" | "dollar" => "USD",
        "€" | "eur" | "euro" | "euros" => "EUR",
        "£" | "gbp" => "GBP",
        "¥" | "jpy" | "yen" => "JPY",
        "₹" | "inr" | "rupees" => "INR",
        "chf" => "CHF",
        _ => return None,
    })
}

/// Strongly vague words/phrases: vague wherever they appear.
pub const STRONG_VAGUE: &[&[&str]] = &[
    &["stuff"],
    &["things"],
    &["misc"],
    &["miscellaneous"],
    &["etc"],
    &["various"],
    &["a", "lot"],
    &["lots"],
    &["work", "on"],
    &["work", "towards"],
    &["try", "to"],
    &["try"],
    &["try", "harder"],
    &["look", "into"],
    &["be", "better"],
    &["do", "better"],
    &["be", "the", "best"],
    &["do", "our", "best"],
    &["best"],
    &["world", "class"],
    &["world-class"],
    &["synergy"],
    &["synergies"],
    &["leverage"],
    &["as", "much", "as", "possible"],
    &["significantly"],
    &["substantially"],
    &["greatly"],
    &["drastically"],
    &["dramatically"],
    &["massively"],
    &["somewhat"],
    &["explore"],
    &["make", "progress"],
    &["focus", "on"],
    &["keep", "the", "lights", "on"],
    &["strive"],
    // Idioms that name no concrete result.
    &["do", "more"],
    &["next", "level"],
    &["take", "ownership"],
    &["move", "the", "needle"],
    &["raise", "the", "bar"],
    &["up", "our", "game"],
    &["step", "up"],
    &["crush", "it"],
    &["nail", "it"],
    &["kill", "it"],
    &["smash", "it"],
    &["rock", "it"],
    &["on", "track"],
    &["in", "order"],
    &["in", "shape"],
    &["where", "needed"],
    &["as", "needed"],
    &["when", "needed"],
    &["where", "possible"],
    &["wherever", "possible"],
    &["if", "possible"],
    &["best", "in", "class"],
    &["top", "notch"],
    &["cutting", "edge"],
    &["game", "changer"],
    &["game", "changing"],
    &["holistic"],
    &["proactive"],
    &["proactively"],
    &["team", "player"],
    &["self", "starter"],
    &["go", "getter"],
    &["thought", "leader"],
    &["excel", "in"],
    &["excel", "at"],
    &["all", "areas"],
    &["double", "down"],
    &["work", "smarter"],
    &["work", "harder"],
    &["not", "harder"],
];

/// Vague only when the statement states no amount.
pub const SOFT_VAGUE: &[&str] = &[
    "improve",
    "improves",
    "improved",
    "improving",
    "improvement",
    "improvements",
    "optimize",
    "optimise",
    "optimized",
    "optimizing",
    "enhance",
    "enhanced",
    "streamline",
    "streamlined",
    "better",
    "more",
    "fewer",
    "less",
    "higher",
    "lower",
    "faster",
    "increase",
    "increased",
    "grow",
    "boost",
    "raise",
    "reduce",
    "decrease",
    "maximize",
    "maximise",
    "minimize",
    "minimise",
    "strengthen",
    "support",
    "communicate",
    "great",
    "awesome",
    "amazing",
    "excellent",
    "happy",
    "happier",
    "love",
    "delight",
    "good",
    "nice",
    "excellence",
    "fantastic",
    "exceptional",
    "fun",
    "some",
    "scale",
    "outstanding",
    "superb",
    "incredible",
    "help",
    "continue",
    "tackle",
    "address",
    "consider",
    "drive",
    "growth",
    "foster",
    "promote",
    "engagement",
    "efficient",
    "efficiency",
    "effective",
    "effectively",
    "productive",
    "productivity",
    "successful",
    "regular",
    "regularly",
    "frequent",
    "frequently",
    "often",
    "periodic",
    "periodically",
];

/// Vague time phrases.
pub const VAGUE_TIME: &[&[&str]] = &[
    &["soon"],
    &["asap"],
    &["as", "soon", "as", "possible"],
    &["eventually"],
    &["someday"],
    &["some", "day"],
    &["sometime"],
    &["at", "some", "point"],
    &["in", "the", "future"],
    &["in", "the", "near", "future"],
    &["down", "the", "road"],
    &["later"],
    &["shortly"],
    &["in", "due", "course"],
    &["when", "possible"],
    &["going", "forward"],
    &["over", "time"],
    &["one", "day"],
];

/// Nouns naming a task or an event the team performs (outputs, not results).
pub fn is_activity_noun(w: &str) -> bool {
    let base = w
        .strip_suffix("es")
        .filter(|b| b.ends_with("ch"))
        .unwrap_or(w);
    let base = base.strip_suffix('s').unwrap_or(base);
    matches!(
        base,
        "call"
            | "visit"
            | "post"
            | "posting"
            | "presentation"
            | "pitch"
            | "intro"
            | "introduction"
            | "demo"
            | "meeting"
            | "session"
            | "workshop"
            | "webinar"
            | "talk"
            | "interview"
            | "event"
            | "outreach"
            | "touchpoint"
            | "training"
            | "one-on-one"
            | "update"
            | "announcement"
            | "video"
            | "article"
            | "podcast"
            | "episode"
            | "newsletter"
            | "email"
            | "check-in"
            | "review"
            | "audit"
            | "survey"
            | "offsite"
            | "hackathon"
            | "retrospective"
            | "retro"
            | "standup"
            | "course"
            | "class"
            | "lesson"
            | "lecture"
            | "speech"
            | "tweet"
    )
}

/// Nouns that carry no information about what is measured.
pub fn is_generic_noun(w: &str) -> bool {
    matches!(
        w,
        "stuff"
            | "things"
            | "thing"
            | "it"
            | "work"
            | "results"
            | "numbers"
            | "progress"
            | "everything"
            | "improvements"
            | "performance"
            | "way"
            | "ways"
            | "job"
            | "level"
            | "areas"
            | "area"
            | "aspects"
            | "ownership"
    )
}
