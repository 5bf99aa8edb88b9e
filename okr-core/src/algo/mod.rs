//! The graph algorithms of the crate, each written once: flat adjacency (CSR) for the hot
//! paths, topological order and cycle checks over it, strongly connected components, links
//! added in order with each that closes a cycle refused (the document loader's), and path
//! search over the store's petgraph DAG.

pub(crate) mod acyclic;
pub(crate) mod csr;
pub(crate) mod paths;
pub(crate) mod scc;
pub(crate) mod topo;
