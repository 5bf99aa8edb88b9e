//! `okr.Limits`: okr-core's [`Limits`] as a Python class, keyword arguments named as the
//! Rust fields; an argument not given keeps okr-core's default (`Limits::default()`, never
//! repeated here). Accepted as `limits=` by `okr.load`, `okr.loads`, `okr.from_dict`,
//! `okr.from_snapshot`, `okr.from_tables`, `okr.from_csv` and `okr.Graph()`; `Graph.limits`
//! gives a graph's back. Every change to a graph is held to its limits by okr-core.

use okr_core::OkrError;
use okr_core::document::Limits;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyTuple};

use crate::errors::raise;
use crate::graph::Graph;

/// The value of the keyword `name`: a non-negative `int` that fits the platform's `usize`.
fn count(name: &str, v: &Bound<'_, PyAny>) -> PyResult<usize> {
    let bad = |reason: String| {
        raise(OkrError::InvalidValue {
            field: name.to_string(),
            reason,
        })
    };
    if v.is_instance_of::<PyBool>() || !v.is_instance_of::<PyInt>() {
        let ty = v.get_type().name()?;
        return Err(bad(format!("a limit is an int, not {ty}")));
    }
    match v.extract::<i128>() {
        Ok(n) if n < 0 => Err(bad(format!("a limit is not negative: {n}"))),
        Ok(n) => usize::try_from(n).map_err(|_| {
            bad(format!(
                "{n} is larger than the largest limit ({})",
                usize::MAX
            ))
        }),
        Err(_) => Err(bad(format!(
            "{} is larger than the largest limit ({})",
            v.str()?,
            usize::MAX
        ))),
    }
}

/// The class, its conversions and its constructor, over the list of okr-core's fields (a
/// field okr-core adds is a compile error in the conversions until it is listed).
macro_rules! limits_class {
    ($($field:ident),* $(,)?) => {
        /// Safety limits on what a graph may hold, okr-core's `Limits`: every way in (loading
        /// a document, a snapshot or tables; every change through the API) is held to the
        /// same ones, and refused over them with `LimitExceededError`, changing nothing.
        /// Keyword arguments are the limits' names; one not given keeps okr-core's default.
        /// `Limits.none()` sets no limit at all (trusted documents only).
        #[pyclass(module = "okr._okr", name = "Limits", frozen, eq, hash, get_all)]
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        pub(crate) struct PyLimits {
            $($field: usize,)*
        }

        impl From<Limits> for PyLimits {
            fn from(l: Limits) -> Self {
                PyLimits { $($field: l.$field,)* }
            }
        }

        impl From<PyLimits> for Limits {
            fn from(l: PyLimits) -> Self {
                Limits { $($field: l.$field,)* }
            }
        }

        /// The fields' names and values, in okr-core's order.
        fn fields(l: &PyLimits) -> Vec<(&'static str, usize)> {
            vec![$((stringify!($field), l.$field),)*]
        }

        #[pymethods]
        impl PyLimits {
            #[new]
            #[pyo3(signature = (*, $($field = None),*))]
            #[allow(clippy::too_many_arguments)]
            fn new($($field: Option<&Bound<'_, PyAny>>),*) -> PyResult<Self> {
                let mut l = Limits::default();
                $(
                    if let Some(v) = $field.filter(|v| !v.is_none()) {
                        l.$field = count(stringify!($field), v)?;
                    }
                )*
                Ok(l.into())
            }
        }
    };
}

limits_class!(
    max_document_bytes,
    max_json_depth,
    max_string_bytes,
    max_owners,
    max_cycles,
    max_objectives,
    max_key_results,
    max_check_ins_per_key_result,
    max_parents_per_objective,
    max_milestones,
    max_link_depth,
    max_revisions,
    max_plan_points,
    max_proposals,
    max_comments,
    max_dependencies,
    max_kpis,
    max_initiatives,
);

#[pymethods]
impl PyLimits {
    /// No limits at all (okr-core's `Limits::none()`): for trusted documents only.
    #[staticmethod]
    fn none() -> Self {
        Limits::none().into()
    }

    fn __repr__(&self) -> String {
        let args: Vec<String> = fields(self)
            .into_iter()
            .map(|(name, v)| format!("{name}={v}"))
            .collect();
        format!("okr.Limits({})", args.join(", "))
    }

    /// Pickles as a call of the class with its keyword arguments
    /// (`functools.partial(Limits, max_...=...)()`).
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let kwargs = PyDict::new(py);
        for (name, v) in fields(self) {
            kwargs.set_item(name, v)?;
        }
        let partial = py.import("functools")?.getattr("partial")?;
        let make = partial.call((py.get_type::<PyLimits>(),), Some(&kwargs))?;
        Ok((make, PyTuple::empty(py)))
    }
}

impl PyLimits {
    /// The limits a Python argument gives: `None` for okr-core's defaults.
    pub(crate) fn or_default(limits: Option<PyLimits>) -> Limits {
        limits.map_or_else(Limits::default, Limits::from)
    }
}

#[pymethods]
impl Graph {
    /// The limits this graph is held to (see `okr.Limits`): those it was loaded or made
    /// with; a copy keeps them, so does a pickled graph.
    #[getter]
    fn limits(&self) -> PyLimits {
        (*self.read().limits()).into()
    }
}
