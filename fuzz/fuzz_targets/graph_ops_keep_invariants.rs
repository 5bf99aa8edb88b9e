//! Property: any sequence of graph operations (add, update and remove objectives and key
//! results, link, unlink, reweight, check in one by one or in batches; key results under
//! aggregates with factors, supporting links, dependencies, KPIs and their values, key results
//! fed by KPIs, the `worst` status rule, initiatives, their updates and weights; many of them
//! invalid) keeps the alignment graph acyclic, matches a plain model's link outcomes, leaves
//! the graph unchanged after every failed operation, keeps an incrementally refreshed rollup equal to a full one, and the
//! `blocked` flag equal to what `blockers` and explanations name. See
//! `okr-core/tests/fuzz/graph_ops.rs`.
#![no_main]

#[path = "../../okr-core/tests/fuzz/graph_ops.rs"]
mod graph_ops;

libfuzzer_sys::fuzz_target!(|data: &[u8]| graph_ops::graph_ops(data));
