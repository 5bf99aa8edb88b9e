//! The one rule for times, everywhere: what a date means as the moment of a question (an
//! as-of: the end of that day, UTC) and as the time of an event (a check-in: 00:00 UTC that
//! day); reading and writing dates and timestamps.

use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

use crate::error::{OkrError, Result};

/// The moment a rollup is computed at. A date means the end of that day (UTC), so check-ins made
/// that day count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AsOf(pub DateTime<Utc>);

impl AsOf {
    /// The calendar date (UTC) of this moment.
    pub fn date(self) -> NaiveDate {
        self.0.date_naive()
    }
}

impl From<NaiveDate> for AsOf {
    fn from(d: NaiveDate) -> Self {
        let end = NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999).expect("valid time");
        AsOf(d.and_time(end).and_utc())
    }
}

impl From<DateTime<Utc>> for AsOf {
    fn from(t: DateTime<Utc>) -> Self {
        AsOf(t)
    }
}

/// Days since 0001-01-01 (day 1): integer date arithmetic for the rollup's hot loop.
#[inline]
pub(crate) fn day_number(d: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&d)
}

pub(crate) fn ser_ts<S: Serializer>(
    t: &DateTime<Utc>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

pub(crate) fn de_ts<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<DateTime<Utc>, D::Error> {
    let s = String::deserialize(d)?;
    parse_timestamp(&s).map_err(serde::de::Error::custom)
}

/// Parses an RFC 3339 timestamp or a `YYYY-MM-DD` date (midnight UTC).
///
/// # Errors
/// `InvalidValue` naming the text.
pub fn parse_timestamp(s: &str) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = ymd(s) {
        return Ok(d.and_hms_opt(0, 0, 0).expect("midnight").and_utc());
    }
    Err(OkrError::InvalidValue {
        field: "timestamp".into(),
        reason: format!("{s:?} is neither an RFC 3339 timestamp nor a YYYY-MM-DD date"),
    })
}

/// Parses a `YYYY-MM-DD` date.
///
/// # Errors
/// `InvalidValue` naming the text.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    ymd(s.trim()).map_err(|e| OkrError::InvalidValue {
        field: "date".into(),
        reason: not_a_date(s, e),
    })
}

/// Why `s` is not read as a date (`e` from [`ymd`]).
fn not_a_date(s: &str, e: &str) -> String {
    format!("{s:?} is not a YYYY-MM-DD date ({e})")
}

/// serde's reader of `YYYY-MM-DD` dates (the document's, the model's and the lint
/// configuration's), through [`parse_date`]'s reader instead of chrono's `FromStr` (its
/// generic parser is about 10 KB of the WebAssembly build).
pub(crate) fn de_date<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<NaiveDate, D::Error> {
    // Read in the visitor, so that serde_json places an error at the string itself.
    struct Ymd;
    impl serde::de::Visitor<'_> for Ymd {
        type Value = NaiveDate;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a YYYY-MM-DD date")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> std::result::Result<NaiveDate, E> {
            ymd(s).map_err(|e| E::custom(not_a_date(s, e)))
        }
    }
    d.deserialize_str(Ymd)
}

/// [`de_date`] for optional dates.
pub(crate) fn de_opt_date<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    struct Date(#[serde(deserialize_with = "de_date")] NaiveDate);
    Ok(Option::<Date>::deserialize(d)?.map(|Date(d)| d))
}

/// `YYYY-MM-DD`: a year of 4 digits, a month and a day of 1 or 2. Read by hand: chrono's
/// format-string parser is about 20 KB of the WebAssembly build, for this one format. It
/// accepts what chrono's `%Y-%m-%d` does, except short years (chrono reads `26-10-01` as the
/// year 26, surely not what was meant).
fn ymd(s: &str) -> std::result::Result<NaiveDate, &'static str> {
    let mut parts = s.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("expected YYYY-MM-DD");
    };
    let num = |t: &str, min: usize, max: usize| {
        (min..=max)
            .contains(&t.len())
            .then_some(t)
            .filter(|t| t.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|t| t.parse::<u32>().ok())
    };
    match (num(y, 4, 4), num(m, 1, 2), num(d, 1, 2)) {
        (Some(y), Some(m), Some(d)) => {
            NaiveDate::from_ymd_opt(y as i32, m, d).ok_or("no such date")
        }
        _ => Err("expected YYYY-MM-DD"),
    }
}
