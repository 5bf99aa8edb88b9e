//! Views never leak (issue 21): the checks of `fuzz/views.rs` over random organisations
//! (see there), as a property test.

#[path = "fuzz/views.rs"]
mod views;

use std::collections::HashSet;

use proptest::prelude::*;
use views::{Kr, Obj, Org};

fn kr_strategy() -> impl Strategy<Value = Kr> {
    (
        0u8..3,
        proptest::option::of(0usize..8),
        0u8..3,
        proptest::collection::vec((0u8..70, any::<bool>()), 0..3),
        any::<bool>(),
        proptest::option::weighted(0.2, 0usize..8),
    )
        .prop_map(|(kind, under, weight, check_ins, initiative, moved)| Kr {
            kind,
            under,
            weight,
            check_ins,
            initiative,
            moved,
        })
}

fn obj_strategy() -> impl Strategy<Value = Obj> {
    (
        (
            0usize..7,
            0u8..5,
            proptest::collection::vec(0usize..5, 0..3),
        ),
        proptest::collection::vec((0usize..8, 0u8..3, any::<bool>(), any::<bool>()), 0..3),
        proptest::collection::vec(kr_strategy(), 0..3),
        (any::<u8>(), any::<bool>()),
    )
        .prop_map(
            |((owner, visibility, viewers), parents, krs, (flags, comment))| Obj {
                owner,
                visibility,
                viewers,
                parents,
                krs,
                created_later: flags & 1 != 0 && flags & 6 == 0,
                retitled: flags & 8 != 0,
                draft: flags & 0x30 == 0x30,
                worst: flags & 0x40 != 0,
                comment,
                hidden_later: flags & 0x80 != 0,
            },
        )
}

fn org_strategy() -> impl Strategy<Value = Org> {
    (
        proptest::collection::vec(obj_strategy(), 1..8),
        proptest::collection::vec((0usize..8, 0usize..8), 0..3),
    )
        .prop_map(|(objectives, deps)| {
            let n = objectives.len();
            let dependencies = deps
                .into_iter()
                .map(|(a, b)| (a % n, b % n))
                .filter(|(a, b)| a < b)
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            Org {
                objectives,
                dependencies,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn views_leak_nothing_and_keep_the_numbers(org in org_strategy()) {
        views::check(&org);
    }
}
