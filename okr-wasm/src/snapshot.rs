//! Snapshot bindings: `graph.toSnapshot()` (a `Uint8Array`) and `Graph.fromSnapshot(bytes)`,
//! okr-core's `OkrGraph::to_snapshot` and `document::load_snapshot_with`. A damaged snapshot
//! throws okr-core's `SnapshotError` (`invalid_snapshot`). Conversion only.

use js_sys::{ArrayBuffer, Uint8Array};
use okr_core::document;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::Graph;
use crate::convert::{JsResult, OrThrow, invalid};

#[wasm_bindgen]
impl Graph {
    /// The graph as a binary snapshot: the whole document, history included, much smaller
    /// than its JSON and faster to read back with `Graph.fromSnapshot` (or by the `okr`
    /// command and Python's `okr.load` as a file). Store it as it is (IndexedDB, a cache).
    #[wasm_bindgen(js_name = toSnapshot)]
    pub fn to_snapshot(&self) -> Vec<u8> {
        self.inner.to_snapshot()
    }

    /// Reads a binary snapshot (`toSnapshot`): a `Uint8Array` (any view of bytes) or an
    /// `ArrayBuffer`. One over okr-core's document size limit is refused before it is copied
    /// into the module's memory. Throws `SnapshotError` for one that is cut short, corrupted,
    /// of a newer format or no snapshot; `DocumentError` and `LimitExceededError` as for the
    /// same document's JSON; `InvalidValueError` for anything but bytes. Within
    /// `options.limits` as `fromJson` (a snapshot does not hold a graph's limits).
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
        options: Option<crate::limits::GraphOptions>,
    ) -> JsResult<Graph> {
        let limits = crate::limits::from_options("options", options.map(JsValue::from))?;
        let view = if let Some(a) = bytes.dyn_ref::<Uint8Array>() {
            a.clone()
        } else if let Some(b) = bytes.dyn_ref::<ArrayBuffer>() {
            Uint8Array::new(b)
        } else {
            return Err(invalid("bytes", "expected a Uint8Array or an ArrayBuffer"));
        };
        document::check_size(u64::from(view.length()), &limits).or_throw()?;
        let data = view.to_vec();
        // the JSON text it is read through (twice its size, reserved at once), then the
        // document and the graph: five times its size again (6.7 times in all for the
        // benchmark organisation; three times: 4.1-4.9 s instead of 2.5 s in Node)
        crate::convert::make_room(data.len().saturating_mul(5));
        document::load_snapshot_with(&data, &limits)
            .or_throw()
            .map(Graph::from)
    }
}
