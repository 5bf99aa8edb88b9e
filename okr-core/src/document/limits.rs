//! The safety limits on documents, and the scan that checks them: in [`crate::limits`] (the
//! store holds every change made through the API to the same limits), re-exported here where
//! the readers use them.

pub use crate::limits::Limits;
pub(crate) use crate::limits::*;
