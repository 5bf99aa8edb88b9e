//! Tables bindings: `Graph.fromCsv(texts)` and `graph.toCsv()`, okr-core's `tables`
//! (`Tables::graph_from_csv_texts`, and `Tables::of_graph` then
//! `Tables::to_csv_texts`). Which tables and columns there are, what a cell means and every
//! problem found are okr-core's: tables that do not describe an organisation throw its
//! `TableError` (`invalid_tables`) with every problem in `problems` (see `convert::js_error`).
//! Conversion only.

use js_sys::{JsString, Object, Reflect};
use okr_core::document::{Limits, check_utf16_len};
use okr_core::tables::Tables;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::Graph;
use crate::convert::{self, JsResult, OrThrow, invalid};

#[wasm_bindgen]
impl Graph {
    /// Reads an organisation from CSV texts by table name (`{ objectives: "id,title,...\n...",
    /// key_results: ..., ... }`; a property `undefined` is a table not given), within okr-core's
    /// default limits as `fromJson`. Texts longer in all than the document size limit are
    /// refused before they are copied into the module's memory (`LimitExceededError`). Throws
    /// `TableError` (`invalid_tables`) with `problems`, every problem at once (a name that is
    /// not a table's, a text that is not CSV, a value, a reference, a cycle, ...), each
    /// `{table, row, column, value, code, message, ids}`; `InvalidValueError` for an argument
    /// that is not an object of strings.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "CsvTextsInput")] texts: JsValue,
    ) -> JsResult<Graph> {
        convert::expect_object("texts", &texts)?;
        let limits = Limits::default();
        let mut given: Vec<(String, JsString)> = Vec::new();
        let mut units = 0u64;
        for key in Object::keys(texts.unchecked_ref::<Object>()).iter() {
            let name = key.as_string().unwrap_or_default();
            let value = Reflect::get(&texts, &key)?;
            if value.is_undefined() {
                continue;
            }
            let Some(text) = value.dyn_ref::<JsString>() else {
                return Err(invalid(&format!("texts.{name}"), "must be a string"));
            };
            units = units.saturating_add(u64::from(text.length()));
            given.push((name, text.clone()));
        }
        // as for `fromJson`: the tables are the document, whatever their form
        check_utf16_len(units, &limits).or_throw()?;
        let mut texts = Vec::with_capacity(given.len());
        let mut bytes = 0usize;
        for (name, text) in given {
            let text = text
                .as_string()
                .ok_or_else(|| invalid(&format!("texts.{name}"), "must be a string"))?;
            bytes += text.len();
            texts.push((name, text));
        }
        // as for `fromJson`: a graph takes at least its text's size again
        convert::make_room(bytes);
        Tables::graph_from_csv_texts(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())), &limits)
            .or_throw()
            .map(Graph::from)
    }

    /// The graph as CSV texts by table name (okr-core's `Tables::of_graph`, then
    /// `to_csv_texts`: every table, in its order, with a header row). What tables do not
    /// carry (history, proposals, comments, ...; see okr-core's `tables`) is left out; reading
    /// the texts back with `Graph.fromCsv` gives the same rollup.
    #[wasm_bindgen(js_name = toCsv, unchecked_return_type = "CsvTexts")]
    pub fn to_csv(&self) -> JsResult<JsValue> {
        let out = Object::new();
        for (name, text) in Tables::of_graph(&self.inner).to_csv_texts() {
            Reflect::set(&out, &JsValue::from_str(name), &JsValue::from_str(&text))?;
        }
        Ok(out.into())
    }
}
