//! `order`, three rules:
//! - `adjacent` (default): fraction of the key's neighbouring pairs (a before b,
//!   immediately) that also stand next to each other, in that order, in the answer;
//! - `exact`: 1 only for the exact order;
//! - `position`: fraction of items in their right place.
//!
//! An answer that lists an item twice scores 0 under every rule.

use super::Response;
use crate::model::{Answer, OrderRule, Question};

/// Fraction of the points, 0..=1.
pub fn score(q: &Question, r: &Response, rule: OrderRule) -> f64 {
    let (Some(Answer::Many(key)), Response::Order(given)) = (&q.answer, r) else {
        return 0.0;
    };
    if key.is_empty() {
        return 0.0;
    }
    // An item listed twice is no order: with it, one long answer could stand
    // every pair next to each other and collect every `adjacent` point.
    let mut seen = std::collections::BTreeSet::new();
    if !given.iter().all(|g| seen.insert(g)) {
        return 0.0;
    }
    match rule {
        OrderRule::Exact => f64::from(u8::from(key == given)),
        OrderRule::Position => {
            let right = key.iter().zip(given).filter(|(k, g)| k == g).count();
            right as f64 / key.len() as f64
        }
        OrderRule::Adjacent => {
            if key.len() < 2 {
                return f64::from(u8::from(key == given));
            }
            let pairs: Vec<(&String, &String)> = given.windows(2).map(|w| (&w[0], &w[1])).collect();
            let right = key
                .windows(2)
                .filter(|w| pairs.contains(&(&w[0], &w[1])))
                .count();
            right as f64 / (key.len() - 1) as f64
        }
    }
}
