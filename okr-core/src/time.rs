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
    /// Reads an as-of moment from text, the one reader of every front end: a date
    /// (`YYYY-MM-DD`) is the end of that day (UTC), an RFC 3339 time with a zone
    /// (`2026-11-15T18:00:00+01:00`, `...Z`) that instant. Surrounding spaces are ignored.
    ///
    /// # Errors
    /// `InvalidValue` naming the text: a time without a zone (`2026-11-15T18:00:00`) and
    /// anything else are refused, with the advice to pass a date or a zoned time.
    ///
    /// ```
    /// use okr_core::AsOf;
    /// let end_of_day = AsOf::parse("2026-11-15")?;
    /// assert_eq!(end_of_day.0.to_rfc3339(), "2026-11-15T23:59:59.999999999+00:00");
    /// let instant = AsOf::parse("2026-11-15T18:00:00+01:00")?;
    /// assert_eq!(instant.0.to_rfc3339(), "2026-11-15T17:00:00+00:00");
    /// assert!(AsOf::parse("2026-11-15T18:00:00").is_err());
    /// # Ok::<(), okr_core::OkrError>(())
    /// ```
    pub fn parse(s: &str) -> Result<AsOf> {
        AsOf::parse_field(s, "as_of")
    }

    /// [`AsOf::parse`] for an argument other than `as_of` (the `start` and `end` of a
    /// [`series_every`](crate::OkrGraph::series_every)): the same reading, the error naming
    /// `field`.
    ///
    /// # Errors
    /// As [`AsOf::parse`], `InvalidValue` of `field`.
    pub fn parse_field(s: &str, field: &str) -> Result<AsOf> {
        Ok(match read_time(s.trim(), field)? {
            Time::Date(d) => AsOf::from(d),
            Time::Instant(t) => AsOf(t),
        })
    }

    /// The calendar date (UTC) of this moment.
    pub fn date(self) -> NaiveDate {
        self.0.date_naive()
    }
}

/// A time read from text by the rule for times: a calendar date, or an instant (a time given
/// with its zone). What a date means depends on its use ([`AsOf::parse`], [`parse_timestamp`]).
enum Time {
    Date(NaiveDate),
    Instant(DateTime<Utc>),
}

/// Reads `s` as a date (`YYYY-MM-DD`) or an RFC 3339 time with a zone; refuses anything else,
/// a time without a zone included, as `InvalidValue` of `field`.
fn read_time(s: &str, field: &str) -> Result<Time> {
    if let Ok(d) = ymd(s) {
        return Ok(Time::Date(d));
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(Time::Instant(t.with_timezone(&Utc)));
    }
    let reason = if date_and_time(s) {
        format!(
            "{s:?} has no time zone: pass a date (YYYY-MM-DD) or a time with a zone \
             (RFC 3339, such as 2026-11-15T18:00:00Z or 2026-11-15T18:00:00+01:00)"
        )
    } else {
        format!(
            "{s:?} is neither a date (YYYY-MM-DD) nor a time with a zone (RFC 3339): \
             pass a date or a zoned time"
        )
    };
    Err(OkrError::InvalidValue {
        field: field.into(),
        reason,
    })
}

/// Whether `s` starts with a valid `YYYY-MM-DD` date followed by a time (`T`, `t` or a space
/// after the date): a time, whether or not it has a zone.
fn date_and_time(s: &str) -> bool {
    let (Some(date), Some(sep)) = (s.get(..10), s.as_bytes().get(10)) else {
        return false;
    };
    matches!(sep, b'T' | b't' | b' ') && ymd(date).is_ok()
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

/// [`ser_ts`] for an optional time (`null` for none).
pub(crate) fn ser_opt_ts<S: Serializer>(
    t: &Option<DateTime<Utc>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match t {
        Some(t) => ser_ts(t, s),
        None => s.serialize_none(),
    }
}

/// 00:00 UTC of `d`.
pub(crate) fn midnight(d: NaiveDate) -> DateTime<Utc> {
    d.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// Reads a timestamp from the text in the document (borrowed where the reader can lend it:
/// no string is allocated for the 1.3 million check-ins of the benchmark organisation).
pub(crate) fn de_ts<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<DateTime<Utc>, D::Error> {
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = DateTime<Utc>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            // as for a `String`: the same message for a value of another type
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> std::result::Result<Self::Value, E> {
            parse_timestamp(s).map_err(E::custom)
        }
    }
    d.deserialize_str(Text)
}

/// Reads the time of an event (a check-in's `at`), the one reader of documents and every front
/// end: an RFC 3339 time with a zone is that instant, a date (`YYYY-MM-DD`) 00:00 UTC that day.
///
/// # Errors
/// `InvalidValue` naming the text: a time without a zone and anything else are refused, with
/// the advice to pass a date or a zoned time.
pub fn parse_timestamp(s: &str) -> Result<DateTime<Utc>> {
    if let Some(t) = canonical_instant(s) {
        return Ok(t);
    }
    let t = match read_time(s, "timestamp")? {
        Time::Date(d) => d.and_time(NaiveTime::MIN).and_utc(),
        Time::Instant(t) => t,
    };
    check_instant(t).map_err(|reason| OkrError::InvalidValue {
        field: "timestamp".into(),
        reason: format!("{s:?} is {reason}"),
    })?;
    Ok(t)
}

/// The instant of `s` when it has the form okr writes, `YYYY-MM-DDTHH:MM:SS[.F]Z` (F: one to
/// nine digits; seconds below 60), read without the general reader; `None` for anything else,
/// which the general reader then accepts or refuses. Every instant of this form lies within
/// [`instant_range`]. A property test checks it against the general reader.
fn canonical_instant(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() < 20
        || b.len() > 30
        || (b[4], b[7], b[10], b[13], b[16]) != (b'-', b'-', b'T', b':', b':')
        || b[b.len() - 1] != b'Z'
    {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let nanos = match &b[19..b.len() - 1] {
        [] => 0,
        [b'.', f @ ..] if (1..=9).contains(&f.len()) => number(f)? * 10u32.pow(9 - f.len() as u32),
        _ => return None,
    };
    let second = number(&b[17..19])?;
    if second >= 60 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        number(&b[0..4])? as i32,
        number(&b[5..7])?,
        number(&b[8..10])?,
    )?;
    let time =
        NaiveTime::from_hms_nano_opt(number(&b[11..13])?, number(&b[14..16])?, second, nanos)?;
    Some(date.and_time(time).and_utc())
}

/// An instant as okr writes it: RFC 3339 in UTC (`2026-11-03T00:00:00Z`), with as many
/// fractional digits as it has.
pub fn format_instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The first and the last instant okr stores and writes: what RFC 3339 with a four-digit year
/// says in UTC, `0000-01-01T00:00:00Z` to `9999-12-31T23:59:59.999999999Z`. A time outside
/// (`0000-01-01T00:00:00+01:00` is in the year -1 in UTC) is refused wherever it is read or
/// given, so that every document okr writes loads again.
pub fn instant_range() -> std::ops::RangeInclusive<DateTime<Utc>> {
    let (first, last) = date_range().into_inner();
    let end = NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999).expect("valid time");
    first.and_time(NaiveTime::MIN).and_utc()..=last.and_time(end).and_utc()
}

/// The first and the last calendar date okr stores and writes (`YYYY-MM-DD`, a four-digit
/// year): 0000-01-01 to 9999-12-31.
pub fn date_range() -> std::ops::RangeInclusive<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(0, 1, 1).expect("valid date");
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date");
    first..=last
}

/// `Err` with the reason when `t` is outside [`instant_range`].
pub(crate) fn check_instant(t: DateTime<Utc>) -> std::result::Result<(), String> {
    if instant_range().contains(&t) {
        return Ok(());
    }
    Err(format!(
        "{} in UTC, outside the times okr can write \
         (0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z)",
        t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    ))
}

/// `Err` with the reason when `d` is outside [`date_range`].
pub(crate) fn check_date(d: NaiveDate) -> std::result::Result<(), String> {
    if date_range().contains(&d) {
        return Ok(());
    }
    Err(format!(
        "{d} is outside the dates okr can write (0000-01-01 to 9999-12-31)"
    ))
}

/// Reads a calendar date (a cycle's start or end, a due date, a deadline): `YYYY-MM-DD` only.
/// A time is refused, with or without a zone: a calendar field takes no time of day.
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
    if date_and_time(s) {
        return Err("a calendar date takes no time of day: pass YYYY-MM-DD");
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The general reader, without the fast path for okr's own form.
    fn general(s: &str) -> Option<DateTime<Utc>> {
        let t = match read_time(s, "timestamp").ok()? {
            Time::Date(d) => d.and_time(NaiveTime::MIN).and_utc(),
            Time::Instant(t) => t,
        };
        check_instant(t).ok().map(|()| t)
    }

    #[test]
    fn okr_s_own_form_reads_as_the_general_reader_reads_it() {
        for s in [
            "2026-11-03T00:00:00Z",
            "2026-11-03T23:59:59.5Z",
            "2026-11-03T23:59:59.123456789Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "2024-02-29T12:00:00Z",
        ] {
            let fast = canonical_instant(s).unwrap_or_else(|| panic!("{s}: not read"));
            assert_eq!(Some(fast), general(s), "{s}");
            // and what okr writes for it reads back the same way
            assert_eq!(canonical_instant(&format_instant(fast)), Some(fast), "{s}");
        }
        // left to the general reader, which accepts some and refuses others
        for s in [
            "2026-11-03t00:00:00Z",
            "2026-11-03T00:00:00z",
            "2026-11-03T00:00:00+00:00",
            "2026-11-03T00:00:60Z",
            "2026-11-03T00:00:00.Z",
            "2026-11-03T00:00:00.1234567891Z",
            "2026-11-03T24:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-11-03 00:00:00Z",
            "2026-1-03T00:00:00Z",
            "+026-11-03T00:00:00Z",
            "2026-11-03T00:00:0éZ",
        ] {
            assert_eq!(canonical_instant(s), None, "{s}");
        }
    }

    proptest::proptest! {
        /// Any text of about the shape okr writes (digits, separators and fractions varied,
        /// some out of range) reads the same through the fast path as through the general
        /// reader, whenever the fast path reads it.
        #[test]
        fn the_fast_path_agrees_with_the_general_reader(
            parts in proptest::collection::vec(0u32..100, 6),
            year in 0u32..10_000,
            fraction in "(\\.[0-9]{0,11})?",
            flip in proptest::option::of((
                0usize..5,
                proptest::sample::select(vec!['-', ':', 'T', 't', ' ', '.', 'Z']),
            )),
            end in proptest::sample::select(vec!["Z", "Z", "Z", "z", "+00:00", "+01:30", ""]),
        ) {
            // okr's separators, one of them perhaps replaced
            let mut seps = ['-', '-', 'T', ':', ':'];
            if let Some((i, c)) = flip {
                seps[i] = c;
            }
            let s = format!(
                "{year:04}{}{:02}{}{:02}{}{:02}{}{:02}{}{:02}{fraction}{end}",
                seps[0],
                parts[0] % 14,
                seps[1],
                parts[1] % 33,
                seps[2],
                parts[2] % 26,
                seps[3],
                parts[3] % 62,
                seps[4],
                parts[4] % 62,
            );
            if let Some(fast) = canonical_instant(&s) {
                proptest::prop_assert_eq!(Some(fast), general(&s), "{}", s);
            }
            proptest::prop_assert_eq!(parse_timestamp(&s).ok(), general(&s), "{}", s);
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_date_as_of_is_the_end_of_that_day() {
        let end = AsOf::parse("2026-11-15").unwrap();
        assert_eq!(end.0, utc("2026-11-15T23:59:59.999999999Z"));
        assert_eq!(AsOf::parse(" 2026-11-15 ").unwrap(), end);
    }

    #[test]
    fn a_date_event_time_is_midnight_utc() {
        let t = parse_timestamp("2026-11-15").unwrap();
        assert_eq!(t, utc("2026-11-15T00:00:00Z"));
    }

    #[test]
    fn a_zoned_time_is_that_instant() {
        let t = utc("2026-11-15T17:00:00Z");
        assert_eq!(AsOf::parse("2026-11-15T18:00:00+01:00").unwrap().0, t);
        assert_eq!(parse_timestamp("2026-11-15T18:00:00+01:00").unwrap(), t);
        assert_eq!(AsOf::parse("2026-11-15T17:00:00.000Z").unwrap().0, t);
    }

    #[test]
    fn a_time_without_a_zone_is_refused() {
        for naive in [
            "2026-11-15T18:00:00",
            "2026-11-15 18:00:00",
            "2026-11-15T18:00",
        ] {
            for e in [
                AsOf::parse(naive).unwrap_err(),
                parse_timestamp(naive).unwrap_err(),
            ] {
                assert_eq!(e.code(), "invalid_value");
                let msg = e.to_string();
                assert!(msg.contains(naive), "{msg}");
                assert!(msg.contains("has no time zone"), "{msg}");
                assert!(msg.contains("pass a date (YYYY-MM-DD) or a time with a zone"));
            }
        }
        let e = AsOf::parse("yesterday").unwrap_err().to_string();
        assert!(e.contains("\"yesterday\""), "{e}");
        assert!(e.contains("pass a date or a zoned time"), "{e}");
    }

    #[test]
    fn times_okr_cannot_write_are_refused() {
        for (text, utc) in [
            ("0000-01-01T00:00:00+01:00", "-0001-12-31T23:00:00Z"),
            ("9999-12-31T23:59:59-01:00", "+10000-01-01T00:59:59Z"),
            ("9999-12-31T23:59:60Z", "9999-12-31T23:59:60Z"),
        ] {
            let e = parse_timestamp(text).unwrap_err();
            assert_eq!(e.code(), "invalid_value");
            let msg = e.to_string();
            assert!(msg.contains(utc), "{msg}");
            assert!(msg.contains("outside the times okr can write"), "{msg}");
        }
        // the ends themselves are written and read back
        let (first, last) = instant_range().into_inner();
        for (t, text) in [
            (first, "0000-01-01T00:00:00Z"),
            (last, "9999-12-31T23:59:59.999999999Z"),
        ] {
            assert_eq!(t.to_rfc3339_opts(SecondsFormat::AutoSi, true), text);
            assert_eq!(parse_timestamp(text).unwrap(), t);
        }
        assert_eq!(
            parse_timestamp("0000-01-01T00:59:59-00:59").unwrap(),
            utc("0000-01-01T01:58:59Z")
        );
        assert_eq!(parse_timestamp("0000-01-01").unwrap(), first);
        assert!(check_date(NaiveDate::from_ymd_opt(-1, 12, 31).unwrap()).is_err());
        assert!(check_date(NaiveDate::from_ymd_opt(10000, 1, 1).unwrap()).is_err());
        check_date(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap()).unwrap();
    }

    #[test]
    fn a_calendar_date_takes_no_time() {
        assert_eq!(
            parse_date("2026-12-31").unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
        for time in ["2026-12-31T00:00:00.000Z", "2026-12-31T08:00:00"] {
            let e = parse_date(time).unwrap_err();
            assert_eq!(e.code(), "invalid_value");
            assert!(e.to_string().contains("takes no time of day"), "{e}");
        }
    }
}
