//! Visibility bindings (methods of `Graph`): okr-core's groups of viewers (`add_group`,
//! `update_group`, `remove_group`, `group`, `groups`) and who may see what (`can_see`,
//! `visible_objectives`). An objective's `visibility` and `viewers` are fields of its input and
//! patch (okr-core's `Objective` and `ObjectivePatch`). Conversion only: every rule is
//! okr-core's.

use okr_core::Group;
use wasm_bindgen::prelude::*;

use crate::Graph;
use crate::convert::{JsResult, OrThrow, from_js, to_js};

/// A group in the document's form (`{id, name?, members?, extra?}`), read by okr-core's own
/// `Deserialize` (an unknown field throws `InvalidValueError`).
fn group(v: &JsValue) -> JsResult<Group> {
    from_js("group", v)
}

#[wasm_bindgen]
impl Graph {
    /// Adds a group of viewers `{id, name?, members?, extra?}` (`members`: owner ids):
    /// objectives name it among their `viewers` to let its members see them. Its id shares the
    /// space of owner ids (`DuplicateIdError` when an owner or a group has it).
    #[wasm_bindgen(js_name = addGroup)]
    pub fn add_group(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "GroupInput")] g: JsValue,
    ) -> JsResult<()> {
        let g = group(&g)?;
        self.inner.add_group(g).or_throw()
    }

    /// Replaces the group with the same id: its name, members and extra.
    #[wasm_bindgen(js_name = updateGroup)]
    pub fn update_group(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "GroupInput")] g: JsValue,
    ) -> JsResult<()> {
        let g = group(&g)?;
        self.inner.update_group(g).or_throw()
    }

    /// Removes a group no objective names among its viewers (`InUseError` otherwise); returns
    /// it.
    #[wasm_bindgen(js_name = removeGroup, unchecked_return_type = "Group")]
    pub fn remove_group(&mut self, id: &str) -> JsResult<JsValue> {
        let g = self.inner.remove_group(id).or_throw()?;
        to_js(&g)
    }

    /// The group with this id, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Group | undefined")]
    pub fn group(&self, id: &str) -> JsResult<JsValue> {
        match self.inner.group(id) {
            Some(g) => to_js(g),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Every group, in insertion order.
    #[wasm_bindgen(unchecked_return_type = "Group[]")]
    pub fn groups(&self) -> JsResult<JsValue> {
        to_js(&self.inner.groups().collect::<Vec<_>>())
    }

    /// Whether owner `viewer` may see the objective, key result or initiative `id` (a key
    /// result and an initiative go with their objective): a `public` objective everyone; an
    /// `owner_line` one its owner and the owners above it; a `private` one its owner; and
    /// those two also the owners named among its `viewers` and the members of the groups named
    /// there. `UnknownIdError` when the viewer is not an owner or `id` names none of those.
    #[wasm_bindgen(js_name = canSee)]
    pub fn can_see(&self, viewer: &str, id: &str) -> JsResult<bool> {
        self.inner.can_see(viewer, id).or_throw()
    }

    /// The ids of the objectives owner `viewer` may see, in insertion order (`UnknownIdError`
    /// when the viewer is not an owner).
    #[wasm_bindgen(js_name = visibleObjectives)]
    pub fn visible_objectives(&self, viewer: &str) -> JsResult<Vec<String>> {
        let ids = self.inner.visible_objectives(viewer).or_throw()?;
        Ok(ids.into_iter().map(str::to_string).collect())
    }
}
