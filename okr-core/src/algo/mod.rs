//! The graph algorithms of the crate, each written once: flat adjacency (CSR) for the hot
//! paths, topological order and cycle checks over it, and path search over the store's
//! petgraph DAG.

pub(crate) mod csr;
pub(crate) mod paths;
pub(crate) mod topo;
