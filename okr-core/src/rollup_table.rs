//! [`Rollup::table`]: a rollup as one table, its figures beside what an analyst filters and
//! groups by, read from the graph (the types are the rollup's: [`RollupTable`],
//! [`TextColumn`]). Here rather than in `rollup`, which the graph uses: the table reads the
//! graph.

use crate::error::{EntityKind, OkrError, Result};
use crate::graph::OkrGraph;
use crate::rollup::{FigureColumns, NodeKind, Rollup, RollupTable, TextColumn};

impl Rollup {
    /// This rollup as one table: [`columns`](Self::columns) with each node's title, owner,
    /// objective (key results), cycle, lifecycle state and whether it counts, read from
    /// `graph` as it stood at the rollup's time ([`OkrGraph::at`]). `graph` is the graph (or
    /// view) the rollup was computed from: a view's rollup shows the view's combined entries
    /// ("Hidden objectives", owner `hidden`), never a hidden objective's title or owner.
    ///
    /// # Errors
    /// `UnknownId` when a node of the rollup is not in `graph` at that time: the rollup was
    /// computed from another graph.
    ///
    /// # Complexity
    /// O(V + K) for V objectives and K key results (one lookup by id each) plus the length of
    /// the text copied; at a past time, plus building that state the first time (see
    /// [`OkrGraph::at`]).
    pub fn table(&self, graph: &OkrGraph) -> Result<RollupTable> {
        let at = graph.at(self.as_of());
        let g: &OkrGraph = &at;
        let c = self.columns();
        let n = c.ids.len();
        let unknown = |kind, id: &str| OkrError::UnknownId {
            kind,
            id: id.to_string(),
        };
        let mut t = RollupTable {
            as_of: self.as_of(),
            id: TextColumn::with_capacity(n, c.ids.iter().map(|s| s.len()).sum()),
            title: TextColumn::with_capacity(n, 0),
            owner: TextColumn::with_capacity(n, 0),
            objective: TextColumn::with_capacity(n, 0),
            cycle: TextColumn::with_capacity(n, 0),
            state: Vec::with_capacity(n),
            counted: Vec::with_capacity(n),
            figures: FigureColumns::default(),
            undefined_reason: Vec::new(),
            value: Vec::new(),
            last_check_in: Vec::new(),
        };
        for (&id, &kind) in c.ids.iter().zip(&c.figures.kind) {
            let (title, owner, objective, o) = match kind {
                NodeKind::Objective => {
                    let o = g
                        .objective(id)
                        .ok_or_else(|| unknown(EntityKind::Objective, id))?;
                    (o.title.as_str(), o.owner.as_str(), None, o)
                }
                NodeKind::KeyResult => {
                    let k = g
                        .key_result(id)
                        .ok_or_else(|| unknown(EntityKind::KeyResult, id))?;
                    let o = g
                        .objective(&k.objective)
                        .ok_or_else(|| unknown(EntityKind::Objective, &k.objective))?;
                    let owner = k.owner.as_deref().unwrap_or(&o.owner);
                    (k.title.as_str(), owner, Some(k.objective.as_str()), o)
                }
            };
            t.id.push(Some(id));
            t.title.push(Some(title));
            t.owner.push(Some(owner));
            t.objective.push(objective);
            t.cycle.push(Some(&o.cycle));
            t.state.push(o.state);
            t.counted.push(o.state.counts());
        }
        t.undefined_reason = c.undefined_reason;
        t.value = c.value;
        t.last_check_in = c.last_check_in;
        t.figures = c.figures;
        Ok(t)
    }
}
