//! Revision bindings (methods of `Graph`): the clock, `revisionCount`, `latestRevision` and
//! the audit trail (`log`). The changes themselves take their `{at, by, reason}` where they are
//! made (lib.rs, through okr-core's `OkrGraph::change_with`). Conversion only.

use okr_core::Revise;
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::Graph;
use crate::convert::{self, JsResult, OrThrow, Stamp, invalid, to_js};

/// A revision's stamp as `{at, by, reason}` (`at`: RFC 3339 text in UTC, as okr writes times).
fn revise_js(r: &Revise) -> JsResult<JsValue> {
    to_js(&json!({
        "at": okr_core::time::format_instant(r.at),
        "by": r.by,
        "reason": r.reason,
    }))
}

#[wasm_bindgen]
impl Graph {
    /// Sets the graph's clock `{at, by?, reason?}`: the time, author and reason of the changes
    /// made without their own `at` (okr-core's `set_clock`; the library never reads the wall
    /// clock). `null` or `undefined` removes it; an object without `at` throws
    /// `InvalidValueError`.
    #[wasm_bindgen(js_name = setClock)]
    pub fn set_clock(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Revise | null")] clock: Option<JsValue>,
    ) -> JsResult<()> {
        let given = clock
            .as_ref()
            .is_some_and(|c| !c.is_undefined() && !c.is_null());
        let Stamp { at, by, reason } = Stamp::from_options("clock", clock)?;
        let clock = match at {
            Some(at) => Some(Revise { at, by, reason }),
            None if given => {
                return Err(invalid(
                    "clock.at",
                    "missing (setClock(null) removes the clock)",
                ));
            }
            None => None,
        };
        self.inner.set_clock(clock);
        Ok(())
    }

    /// The graph's clock `{at, by, reason}` (`at`: RFC 3339 text, UTC), or `null`.
    #[wasm_bindgen(unchecked_return_type = "Clock | null")]
    pub fn clock(&self) -> JsResult<JsValue> {
        match self.inner.clock() {
            Some(c) => revise_js(c),
            None => Ok(JsValue::NULL),
        }
    }

    /// Number of revisions recorded.
    #[wasm_bindgen(getter, js_name = revisionCount)]
    pub fn revision_count(&self) -> usize {
        self.inner.revision_count()
    }

    /// The time of the latest revision (RFC 3339 text, UTC), or `undefined`.
    #[wasm_bindgen(getter, js_name = latestRevision)]
    pub fn latest_revision(&self) -> Option<String> {
        self.inner
            .latest_revision()
            .map(okr_core::time::format_instant)
    }

    /// The audit trail (okr-core's `log`), newest first: one `{at, by, entity, kind, field,
    /// from, to, reason}` per changed field (`at`: RFC 3339 text, UTC, as check-ins' times;
    /// `from` / `to`: the values as in a document). `filter.id`: only the revisions about that
    /// objective or key result (an objective's links too); `filter.since`: only those taking
    /// effect at or after it.
    #[wasm_bindgen(unchecked_return_type = "LogEntry[]")]
    pub fn log(
        &self,
        #[wasm_bindgen(unchecked_param_type = "LogFilter")] filter: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let f = convert::log_filter(filter)?;
        to_js(&self.inner.log(&f).or_throw()?)
    }
}
