//! Who may see an objective (and everything under it): its visibility and named viewers, and
//! named groups of viewers.

use serde::{Deserialize, Serialize};

use crate::model::Extra;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// Who may see an objective and everything under it (its key results, their check-ins,
/// comments, revisions and initiatives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Everyone in the organisation (the default).
    #[default]
    Public,
    /// The owner and every owner above it in the owner tree, and its named viewers.
    OwnerLine,
    /// The owner and its named viewers (owners, or the members of named groups).
    Private,
}

impl Visibility {
    /// The snake_case name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::OwnerLine => "owner_line",
            Visibility::Private => "private",
        }
    }

    /// Whether it is the default (`public`).
    pub fn is_public(&self) -> bool {
        *self == Visibility::Public
    }
}

/// A named group of viewers: objectives name it among their `viewers` to let its members see
/// them. Group ids share the one space of owner ids (a viewer id names one or the other).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Unique id (no owner has it).
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The owners in it.
    #[serde(default)]
    pub members: Vec<String>,
    /// Data kept exactly for the embedding product: any JSON object, no key twice in one object.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Group {
    /// A group of `members` (owner ids).
    pub fn new(
        id: impl Into<String>,
        members: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        Group {
            id: id.into(),
            name: String::new(),
            members: members.into_iter().map(Into::into).collect(),
            extra: Extra::new(),
        }
    }
}

/// How a view treats the progress of what its viewer may not see (see [`crate::view`]).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ViewPolicy {
    /// Hidden progress counts in the visible parents (as one combined entry per parent):
    /// every visible figure is the full graph's.
    #[default]
    CountHidden,
    /// Hidden progress does not count: the visible figures are those of what the view shows.
    ExcludeHidden,
}

impl ViewPolicy {
    /// Both policies.
    pub const ALL: [ViewPolicy; 2] = [ViewPolicy::CountHidden, ViewPolicy::ExcludeHidden];

    /// The snake_case name (`"count_hidden"`, `"exclude_hidden"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ViewPolicy::CountHidden => "count_hidden",
            ViewPolicy::ExcludeHidden => "exclude_hidden",
        }
    }

    /// The policy of a name (see [`as_str`](Self::as_str)).
    ///
    /// # Errors
    /// `InvalidValue` (field `policy`) for any other name.
    pub fn from_name(name: &str) -> crate::error::Result<ViewPolicy> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| crate::error::OkrError::InvalidValue {
                field: "policy".into(),
                reason: format!("{name:?} is not a view policy (count_hidden, exclude_hidden)"),
            })
    }
}
