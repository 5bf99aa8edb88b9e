//! Calendar arithmetic for deadlines: months, quarters, halves and (fiscal)
//! years as periods of days, relative to a reference date and a fiscal-year
//! start month.

use chrono::{Datelike, Duration, NaiveDate};

/// A period of days, both ends included.
#[derive(Clone, Copy)]
pub(super) struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// The one day `d`.
    pub fn day(d: NaiveDate) -> Self {
        Period { start: d, end: d }
    }
}

/// The reference date and the fiscal year's first month.
pub(crate) struct Cal {
    pub as_of: NaiveDate,
    pub fs: u32,
}

pub(super) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn shift_month(y: i32, m: u32, k: i32) -> Option<(i32, u32)> {
    let idx = (y as i64) * 12 + (m as i64 - 1) + k as i64;
    let ny = idx.div_euclid(12);
    let nm = idx.rem_euclid(12) as u32 + 1;
    if !(-200_000..=200_000).contains(&ny) {
        return None;
    }
    Some((ny as i32, nm))
}

pub(super) fn month_period(y: i32, m: u32) -> Option<Period> {
    let start = ymd(y, m, 1)?;
    let (ny, nm) = shift_month(y, m, 1)?;
    let end = ymd(ny, nm, 1)?.pred_opt()?;
    Some(Period { start, end })
}

pub(super) fn span_months(y: i32, m: u32, len: i32) -> Option<Period> {
    let first = month_period(y, m)?;
    let (ly, lm) = shift_month(y, m, len - 1)?;
    let last = month_period(ly, lm)?;
    Some(Period {
        start: first.start,
        end: last.end,
    })
}

impl Cal {
    pub(super) fn fs(&self) -> u32 {
        if (1..=12).contains(&self.fs) {
            self.fs
        } else {
            1
        }
    }

    /// Fiscal year (named by the calendar year it ends in) containing `d`.
    pub(super) fn fy_of(&self, d: NaiveDate) -> i32 {
        let fs = self.fs();
        if fs == 1 || d.month() < fs {
            d.year()
        } else {
            d.year() + 1
        }
    }

    pub(super) fn fy_start(&self, fy: i32) -> (i32, u32) {
        let fs = self.fs();
        if fs == 1 { (fy, 1) } else { (fy - 1, fs) }
    }

    pub(super) fn fy_part(&self, fy: i32, first_month_offset: i32, len: i32) -> Option<Period> {
        let (y, m) = self.fy_start(fy);
        let (sy, sm) = shift_month(y, m, first_month_offset)?;
        span_months(sy, sm, len)
    }

    pub(super) fn year(&self, fy: i32, calendar: bool) -> Option<Period> {
        if calendar {
            span_months(fy, 1, 12)
        } else {
            self.fy_part(fy, 0, 12)
        }
    }

    /// Fiscal quarter `q` (1..=4); with no year, the next one ending on/after today.
    pub(super) fn quarter(&self, q: u32, fy: Option<i32>) -> Option<Period> {
        self.fy_portion(q, 3, fy)
    }

    /// Fiscal half `h` (1..=2); with no year, the next one ending on/after today.
    pub(super) fn half(&self, h: u32, fy: Option<i32>) -> Option<Period> {
        self.fy_portion(h, 6, fy)
    }

    /// Part `k` (from 1) of `len` months of fiscal year `fy`; with no year,
    /// the next such part ending on or after today.
    fn fy_portion(&self, k: u32, len: i32, fy: Option<i32>) -> Option<Period> {
        let off = (k as i32 - 1) * len;
        match fy {
            Some(fy) => self.fy_part(fy, off, len),
            None => {
                let cur = self.fy_of(self.as_of);
                for fy in [cur, cur + 1] {
                    let p = self.fy_part(fy, off, len)?;
                    if p.end >= self.as_of {
                        return Some(p);
                    }
                }
                None
            }
        }
    }

    pub(super) fn current(&self, unit: &str, offset: i32, calendar: bool) -> Option<Period> {
        let t = self.as_of;
        match unit {
            "year" | "fy" => {
                let fy = if calendar { t.year() } else { self.fy_of(t) };
                self.year(fy + offset, calendar)
            }
            "quarter" | "half" => {
                let len = if unit == "quarter" { 3 } else { 6 };
                let fy = self.fy_of(t);
                let (y, m) = self.fy_start(fy);
                let months = ((t.year() - y) * 12 + t.month() as i32 - m as i32).max(0);
                let idx = months / len + offset;
                self.fy_part(fy, idx * len, len)
            }
            "month" => {
                let (y, m) = shift_month(t.year(), t.month(), offset)?;
                month_period(y, m)
            }
            "week" => {
                let start = t - Duration::days(t.weekday().num_days_from_monday() as i64)
                    + Duration::weeks(offset as i64);
                Some(Period {
                    start,
                    end: start + Duration::days(6),
                })
            }
            _ => None,
        }
    }

    /// Next occurrence of month/day on or after today.
    pub(super) fn month_day(&self, m: u32, d: u32, y: Option<i32>) -> Option<Period> {
        let date = match y {
            Some(y) => ymd(y, m, d)?,
            None => {
                let this = ymd(self.as_of.year(), m, d);
                match this {
                    Some(x) if x >= self.as_of => x,
                    _ => ymd(self.as_of.year() + 1, m, d)?,
                }
            }
        };
        Some(Period::day(date))
    }

    pub(super) fn month(&self, m: u32, y: Option<i32>) -> Option<Period> {
        match y {
            Some(y) => month_period(y, m),
            None => {
                let p = month_period(self.as_of.year(), m)?;
                if p.end >= self.as_of {
                    Some(p)
                } else {
                    month_period(self.as_of.year() + 1, m)
                }
            }
        }
    }
}
