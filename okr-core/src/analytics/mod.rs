//! Analytics managers ask for: coverage, contributions, forecasts, scores, scorecards and
//! history. Each submodule documents its formulas.

pub(crate) mod index;
