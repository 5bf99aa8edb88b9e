//! Word normalisation for matching words rather than reading them: a small
//! suffix-stripping stemmer with irregular forms and British spellings, and the
//! plural of an upper-case abbreviation ("KPIs"). Used by the suggestions'
//! lexical ranker on both the catalog and the query.

/// An upper-case abbreviation with a plural "s" ("KPIs", "SLAs", "CVEs", "PRs"): the "s" is
/// dropped so that the plural matches the abbreviation.
pub(crate) fn is_acronym_plural(raw: &str) -> bool {
    let Some(stem) = raw.strip_suffix('s') else {
        return false;
    };
    stem.chars().count() >= 2
        && stem.chars().any(|c| c.is_ascii_uppercase())
        && stem
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Porter-lite stemmer: irregular forms and comparatives first ([`LEMMAS`]),
/// British spellings made American ("centre", "labour", "licence", "-ised"), one
/// suffix rule, then a trailing "e"/"y" is dropped and a doubled final consonant
/// undoubled. A vowelless word ending in "s" is a plural abbreviation ("prs",
/// "mqls"). It is applied to both the catalog and the query, so it only has to be
/// consistent, not linguistic.
pub(crate) fn stem(word: &str) -> String {
    let w = word.trim_end_matches("'s").trim_end_matches('\'');
    if let Ok(i) = LEMMAS.binary_search_by(|(form, _)| form.cmp(&w)) {
        return stem(LEMMAS[i].1);
    }
    // A plural abbreviation without a vowel ("prs", "mqls", "ncrs"): drop the "s".
    if let Some(base) = w.strip_suffix('s')
        && base.len() >= 2
        && base.is_ascii()
        && !base.chars().any(|c| is_vowel(c) || c == 'y')
    {
        return base.to_string();
    }
    if w.chars().count() <= 3 || !w.is_ascii() || UNSTEMMED.binary_search(&w).is_ok() {
        return w.to_string();
    }
    let w = &american(w);
    const RULES: &[(&str, &str)] = &[
        ("abilities", ""),
        ("ibilities", ""),
        ("ability", ""),
        ("ibility", ""),
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
        ("able", ""),
        ("ible", ""),
        ("fully", ""),
        ("ful", ""),
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
        // "ll" is undoubled only in longer words ("fulfill", "cancell", "enroll").
        let keep = matches!(x, b's' | b'z') || (x == b'l' && b.len() <= 5);
        if x == y && !is_vowel(x as char) && !keep {
            s.pop();
        }
    }
    s
}

/// Words the suffix rules would merge with a different word ("marketing" is not "market").
/// Sorted.
const UNSTEMMED: &[&str] = &[
    "analytics",
    "logistics",
    "marketing",
    "news",
    "roas",
    "series",
];

/// British spellings written the American way, so both match: "centre" -> "center",
/// "labour" -> "labor", "analyse" -> "analyze", "catalogue" -> "catalog".
fn american(w: &str) -> String {
    let n = w.len();
    for (uk, us) in [("tres", "ters"), ("tre", "ter")] {
        if n >= 5 && w.ends_with(uk) {
            return format!("{}{us}", &w[..n - uk.len()]);
        }
    }
    for (uk, us) in [
        ("ours", "ors"),
        ("our", "or"),
        ("ourite", "orite"),
        ("ised", "ized"),
        ("ising", "izing"),
        ("ises", "izes"),
        ("ysed", "yzed"),
        ("yses", "yzes"),
        ("yse", "yze"),
        ("ysing", "yzing"),
        ("ogues", "ogs"),
        ("ogue", "og"),
        ("ences", "enses"),
        ("ence", "ense"),
    ] {
        if let Some(base) = w.strip_suffix(uk)
            && base.len() >= 3
        {
            // Only after a consonant-vowel stem long enough to be a word ("labour",
            // "behaviour", "colour"), not "hour", "four", "tour", "your".
            if uk.starts_with("our") && (n < 6 || base.ends_with('h')) {
                continue;
            }
            // Only "licence", "defence", "offence" and "practice"-like nouns take "-se".
            if uk.starts_with("ence") && !["lic", "def", "off"].iter().any(|p| base.ends_with(p)) {
                continue;
            }
            return format!("{base}{us}");
        }
    }
    w.to_string()
}

/// Irregular word forms, comparatives and a few derived nouns with their base
/// form, applied before suffix stripping ("paid" -> "pay", "cheaper" -> "cheap",
/// "safety" -> "safe"). Sorted by form.
const LEMMAS: &[(&str, &str)] = &[
    ("bigger", "big"),
    ("biggest", "big"),
    ("bought", "buy"),
    ("broke", "break"),
    ("broken", "break"),
    ("brought", "bring"),
    ("built", "build"),
    ("caught", "catch"),
    ("cheaper", "cheap"),
    ("cheapest", "cheap"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("cleaner", "clean"),
    ("closure", "close"),
    ("closures", "close"),
    ("departure", "depart"),
    ("departures", "depart"),
    ("done", "do"),
    ("drove", "drive"),
    ("expenditure", "expend"),
    ("expenditures", "expend"),
    ("fallen", "fall"),
    ("faster", "fast"),
    ("fastest", "fast"),
    ("fell", "fall"),
    ("felt", "feel"),
    ("found", "find"),
    ("gave", "give"),
    ("given", "give"),
    ("got", "get"),
    ("gotten", "get"),
    ("greener", "green"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("kept", "keep"),
    ("larger", "large"),
    ("largest", "large"),
    ("leaner", "lean"),
    ("led", "lead"),
    ("longer", "long"),
    ("lost", "lose"),
    ("made", "make"),
    ("met", "meet"),
    ("overspent", "overspend"),
    ("paid", "pay"),
    ("quicker", "quick"),
    ("quickest", "quick"),
    ("ran", "run"),
    ("safer", "safe"),
    ("safest", "safe"),
    ("safety", "safe"),
    ("shorter", "short"),
    ("simpler", "simple"),
    ("slower", "slow"),
    ("smaller", "small"),
    ("smarter", "smart"),
    ("sold", "sell"),
    ("spent", "spend"),
    ("stronger", "strong"),
    ("stuck", "stick"),
    ("taken", "take"),
    ("tighter", "tight"),
    ("took", "take"),
    ("went", "go"),
    ("wider", "wide"),
    ("won", "win"),
    ("worse", "bad"),
    ("worst", "bad"),
    ("written", "write"),
    ("wrote", "write"),
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem_alike(pairs: &[(&str, &str)]) {
        for (a, b) in pairs {
            assert_eq!(stem(a), stem(b), "{a} vs {b}");
        }
    }

    #[test]
    fn lemmas_sorted() {
        assert!(LEMMAS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(UNSTEMMED.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(stem("paid"), stem("pay"));
        assert_eq!(stem("sold"), stem("sell"));
    }

    #[test]
    fn stems_are_consistent() {
        stem_alike(&[
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
        ]);
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("ééés"), "ééés");
    }

    #[test]
    fn abbreviations_and_spellings() {
        assert_eq!(stem("mqls"), stem("mql"));
        assert_eq!(stem("prs"), "pr");
        assert!(is_acronym_plural("KPIs") && is_acronym_plural("CVEs"));
        assert!(!is_acronym_plural("Xs") && !is_acronym_plural("Bus"));
        // British and American spellings stem alike.
        stem_alike(&[
            ("centre", "center"),
            ("centres", "centers"),
            ("labour", "labor"),
            ("licence", "license"),
            ("analyse", "analyze"),
            ("digitised", "digitized"),
            ("catalogue", "catalog"),
            ("fulfilment", "fulfillment"),
            ("cancelled", "canceled"),
            ("profitability", "profitable"),
            ("profitable", "profit"),
            ("flexibility", "flexible"),
            ("safety", "safe"),
            ("cheaper", "cheap"),
        ]);
        assert_eq!(stem("hour"), "hour");
        assert_eq!(stem("marketing"), "marketing");
        assert_ne!(stem("roas"), stem("roa"));
    }
}
