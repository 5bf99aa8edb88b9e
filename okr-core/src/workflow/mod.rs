//! The goal cycle around the model: proposals and their review, comments, and reviewers'
//! acknowledgements of check-ins.
//!
//! None of it moves a figure by itself. A proposal (a new objective with its key results and
//! links, a new key result, or a change to an objective or key result) waits outside the
//! model: proposed objectives never count in a rollup. Approving it makes the change as a
//! revision at the approval time, by the approver, with the decision's comment as its reason
//! (see [`OkrGraph::approve`](crate::OkrGraph::approve)); rejecting it records the decision.
//! Who may decide is the [`ReviewPolicy`]'s rule: someone above the owner in the owner tree
//! (the owner's management line) or a named reviewer, and never the proposer unless the policy
//! allows self-approval. The same rule says who may acknowledge a check-in (never its author
//! unless allowed).
//!
//! Comments are on an objective, a key result or one check-in, and may reply to an earlier
//! comment on the same subject. Everything here is kept in documents (version 2, optional
//! fields `review`, `proposals`, `comments`, `acknowledgements`) and listed in time order.

mod close;
mod feedback;
mod review;

pub(crate) use crate::store::workflow::check_in_name;
pub use crate::store::workflow::{
    Acknowledgement, Carried, ClosedCycle, Comment, Decided, Decision, FrozenScore,
    KeyResultDecision, Prompt, Proposal, ProposedChange, Reflection, ReviewPolicy, Subject,
};
pub use close::{CloseDecisions, CloseReport, ReflectionInput};
