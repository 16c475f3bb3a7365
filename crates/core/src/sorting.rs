//! One compiled sort for the whole program. Each call of a generic `sort_by` (one per element type
//! and comparison) compiles its own copy of the standard library's sort, 1 to 9 KB of WASM each:
//! 155 functions and 110 KB before this module (2026-12-06), for vectors of a few hundred items at
//! most. Here the standard sort runs once, on positions, with the comparison behind a `dyn`; the
//! items are then moved to their places.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably (equal items keep their order).
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    {
        let items = &*items;
        sort_positions(&mut order, &|a, b| match (items.get(a), items.get(b)) {
            (Some(a), Some(b)) => compare(a, b),
            _ => Ordering::Equal,
        });
    }
    place(items, &mut order);
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Sorts and removes repeated items: the distinct ones, in order.
pub fn sort_dedup<T: Ord>(items: &mut Vec<T>) {
    sort(items);
    items.dedup();
}

/// The one instantiation of the standard sort.
#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Moves the item at `order[i]` to `i`, following each cycle of the permutation with swaps.
fn place<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut current = start;
        while let Some(&from) = order.get(current) {
            if from == start {
                break;
            }
            items.swap(current, from);
            if let Some(done) = order.get_mut(current) {
                *done = current;
            }
            current = from;
        }
        if let Some(done) = order.get_mut(current) {
            *done = current;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_and_dedups() {
        let mut pairs = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
        assert_eq!(pairs, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut words = vec!["b", "a", "c", "a", "b"];
        sort_dedup(&mut words);
        assert_eq!(words, ["a", "b", "c"]);
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }

    /// Every permutation of five items comes out sorted (the cycles of `place` in every shape).
    #[test]
    fn places_every_permutation() {
        let mut permutation: Vec<u8> = vec![0, 1, 2, 3, 4];
        let mut count = 0;
        loop {
            let mut sorted = permutation.clone();
            sort(&mut sorted);
            assert_eq!(sorted, [0, 1, 2, 3, 4], "{permutation:?}");
            count += 1;
            // Next permutation in lexicographic order.
            let Some(i) = (0..4).rev().find(|&i| permutation[i] < permutation[i + 1]) else {
                break;
            };
            let j = (i + 1..5)
                .rev()
                .find(|&j| permutation[j] > permutation[i])
                .unwrap();
            permutation.swap(i, j);
            permutation[i + 1..].reverse();
        }
        assert_eq!(count, 120);
    }
}
