//! Benchmarks for okr (see benches/).
