//! Pace and status: the expected pace over a period, the status of a figure against it, and
//! the status rule `worst` (an objective's status the worst among its counting inputs',
//! kept in its figures so that incremental refreshes carry it).

use super::engine::{DEFINED, EXCLUDED, Rollup};
use super::layout::{Layout, ObjInfo};
use super::types::{RollupConfig, Status};

pub(super) fn expected_pace(d: i32, (start, end): (i32, i32)) -> f64 {
    let len = i64::from(end) - i64::from(start) + 1;
    let elapsed = i64::from(d) - i64::from(start) + 1;
    if len <= 0 {
        return 1.0;
    }
    (elapsed as f64 / len as f64).clamp(0.0, 1.0)
}

pub(super) const EPS: f64 = 1e-12;

/// How bad a status is for the status rule `worst`: off track, at risk, no data, on track;
/// 0 for the statuses that take no part (not started, closed).
fn severity(s: Status) -> u8 {
    match s {
        Status::OffTrack => 4,
        Status::AtRisk => 3,
        Status::NoData => 2,
        Status::OnTrack => 1,
        Status::NotStarted | Status::Closed => 0,
    }
}

pub(super) fn status_of(
    d: i32,
    period: (i32, i32),
    progress: Option<f64>,
    expected: f64,
    cfg: &RollupConfig,
) -> Status {
    if d < period.0 {
        return Status::NotStarted;
    }
    if d > period.1 {
        return Status::Closed;
    }
    match progress {
        None => Status::NoData,
        Some(p) if p + EPS >= expected - cfg.on_track_margin => Status::OnTrack,
        Some(p) if p + EPS >= expected - cfg.at_risk_margin => Status::AtRisk,
        Some(_) => Status::OffTrack,
    }
}

impl Rollup {
    /// The status of the objective at `pos` whose figures have `flags` and `progress`: from
    /// its progress, or with the status rule `worst` (and no manual override) the worst
    /// status among its inputs that count, inside its period.
    #[cold]
    #[inline(never)]
    pub(super) fn kept_status(
        &self,
        layout: &Layout,
        pos: usize,
        (flags, progress): (u8, f64),
    ) -> Status {
        let info = &layout.obj[pos];
        let progress = (flags & DEFINED != 0).then_some(progress);
        let expected = expected_pace(self.day, info.period);
        let own = status_of(self.day, info.period, progress, expected, &self.config);
        // not started, closed: as any objective
        if !info.has(ObjInfo::WORST) || info.manual() || severity(own) == 0 {
            return own;
        }
        let mut worst: Option<Status> = None;
        let mut take = |s: Status| {
            if severity(s) > worst.map_or(0, severity) {
                worst = Some(s);
            }
        };
        if info.counts_krs() {
            for slot in layout.kr_slots(pos) {
                take(self.kr_status(slot));
            }
        }
        for &(c, _) in layout.children(pos) {
            if self.obj[c as usize].flags & EXCLUDED == 0 {
                take(self.objective_status(c as usize));
            }
        }
        worst.unwrap_or(own)
    }

    /// The status of the objective at `pos` in this result (its inputs computed).
    pub(super) fn objective_status(&self, pos: usize) -> Status {
        let v = &self.obj[pos];
        if v.status != 0 {
            return Status::from_code(v.status - 1).expect("a status code");
        }
        let period = self.layout.obj[pos].period;
        let progress = (v.flags & DEFINED != 0).then_some(v.progress);
        status_of(
            self.day,
            period,
            progress,
            expected_pace(self.day, period),
            &self.config,
        )
    }
}
