//! Tables bindings: `Graph.fromCsv(texts)` and `graph.toCsv()`, okr-core's `tables`
//! (`Tables::graph_from_csv_texts`, and `Tables::of_graph` then
//! `Tables::to_csv_texts`). Which tables and columns there are, what a cell means and every
//! problem found are okr-core's: tables that do not describe an organisation throw its
//! `TableError` (`invalid_tables`) with every problem in `problems` (see `convert::js_error`).
//! Conversion only.

use js_sys::{JsString, Object, Reflect};
use okr_core::document::{Limits, check_utf16_len};
use okr_core::tables::{ImportOptions, Tables};
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
        options: Option<crate::limits::GraphOptions>,
    ) -> JsResult<Graph> {
        // within `options.limits` as `fromJson` (okr-core's defaults when not given)
        let limits = crate::limits::from_options("options", options.map(JsValue::from))?;
        let texts = csv_texts(&texts, &limits)?;
        Tables::graph_from_csv_texts(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())), &limits)
            .or_throw()
            .map(Graph::from)
    }

    /// Lays tables given as CSV texts by table name (as `fromCsv` takes them) over this graph
    /// (okr-core's `Tables::import_into`): `{at, by?, reason?, deleteMissing?, dryRun?}`.
    /// Each row updates what its key names (objectives, key results and links as revisions at
    /// `at`), new rows are created, what the tables do not name stays unless `deleteMissing`
    /// (then only in the tables given; check-ins never), and what tables do not carry
    /// (`extra`, history, workflow) is kept. Returns `{created, updated, deleted}`, each a list
    /// of `{table, key, fields?}`. `dryRun: true` changes nothing. Throws `TableError` with
    /// every problem, or the error of the change that fails; nothing changes on an error.
    #[wasm_bindgen(js_name = importCsv, unchecked_return_type = "ImportReport")]
    pub fn import_csv(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CsvTextsInput")] texts: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ImportCsvOptions")] options: JsValue,
    ) -> JsResult<JsValue> {
        let (stamp, rest) = convert::Stamp::split("options", &options)?;
        let at = stamp
            .at
            .ok_or_else(|| invalid("options.at", "is required: when the changes take effect"))?;
        let flag = |k: &str| -> JsResult<bool> {
            let v = Reflect::get(&rest, &JsValue::from_str(k))?;
            if v.is_undefined() || v.is_null() {
                return Ok(false);
            }
            v.as_bool()
                .ok_or_else(|| invalid(&format!("options.{k}"), "expected true or false"))
        };
        let (delete_missing, dry_run) = (flag("deleteMissing")?, flag("dryRun")?);
        for key in Object::keys(rest.unchecked_ref::<Object>()).iter() {
            let k = key.as_string().unwrap_or_default();
            if k != "deleteMissing" && k != "dryRun" {
                return Err(invalid(
                    &format!("options.{k}"),
                    "unknown option (at, by, reason, deleteMissing, dryRun)",
                ));
            }
        }
        let texts = csv_texts(&texts, self.inner.limits())?;
        let tables = Tables::from_csv_texts(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .or_throw()?;
        let meta = okr_core::Revise {
            at,
            by: stamp.by,
            reason: stamp.reason,
        };
        let (updated, report) = tables
            .import_into(&self.inner, meta, ImportOptions { delete_missing })
            .or_throw()?;
        if !dry_run {
            *self = Graph::from(updated);
        }
        convert::to_js(&report)
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

/// CSV texts by table name from a JS object of strings (a property `undefined` is a table
/// not given), refused before they are copied into the module's memory when longer in all
/// than a document may be.
fn csv_texts(texts: &JsValue, limits: &Limits) -> JsResult<Vec<(String, String)>> {
    convert::expect_object("texts", texts)?;
    let mut given: Vec<(String, JsString)> = Vec::new();
    let mut units = 0u64;
    for key in Object::keys(texts.unchecked_ref::<Object>()).iter() {
        let name = key.as_string().unwrap_or_default();
        let value = Reflect::get(texts, &key)?;
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
    check_utf16_len(units, limits).or_throw()?;
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
    Ok(texts)
}
