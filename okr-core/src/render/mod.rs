//! Text renderers: what the `okr` command prints, for any front end to reuse. Every number
//! goes through [`fmt`].

pub mod fmt;
