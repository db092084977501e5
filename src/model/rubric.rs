//! Weekly rubrics: one `rubrics/week_NN.yaml` per week, from 주간 평가 기준.

use super::bank::SourceRef;
use serde::{Deserialize, Serialize};

/// A week's evaluation criteria, success indicators, checklist and scoring rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// Week number (5 for `rubrics/week_05.yaml`).
    pub week: u32,
    /// Title of the week, from its overview or the best document available.
    #[serde(default)]
    pub title: String,
    /// Where the criteria came from, in words, e.g. `이해도 평가 (curriculum/week_05/README.md:236)`.
    #[serde(default)]
    pub criteria_origin: String,
    /// 이해도 평가: what the week's quizzes and checklist evidence.
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// 성공 지표: reported alongside, not scored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// 평가 체크리스트: items an instructor scores with levels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<ChecklistItem>,
    /// How the week's questions are scored.
    #[serde(default)]
    pub scoring: ScoringRules,
    /// true: an instructor edited this file; `quiz extract` never overwrites it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub locked: bool,
}

/// One 이해도 평가 criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Stable id used by questions' `criteria` lists (e.g. `cicd`, `w5c1`).
    pub id: String,
    /// Name as written in bold in the document.
    pub name: String,
    /// The text after the colon.
    #[serde(default)]
    pub description: String,
    /// Relative weight in the week total (default 1).
    #[serde(default = "one")]
    pub weight: f64,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

fn one() -> f64 {
    1.0
}

/// One 성공 지표 line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// The bold name.
    pub name: String,
    /// What success looks like.
    #[serde(default)]
    pub description: String,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

/// One 평가 체크리스트 item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// Stable id (`w5k1`, ...).
    pub id: String,
    /// The item as written.
    pub text: String,
    /// Criteria this item evidences.
    #[serde(default)]
    pub criteria: Vec<String>,
    /// Scoring levels an instructor picks from.
    #[serde(default = "default_levels")]
    pub levels: Vec<Level>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

/// A named scoring level of a checklist item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Name an instructor enters (`미흡`, `보통`, `우수`).
    pub name: String,
    /// Points it gives.
    pub points: f64,
}

/// The default levels: 미흡 0 / 보통 1 / 우수 2.
pub fn default_levels() -> Vec<Level> {
    [("미흡", 0.0), ("보통", 1.0), ("우수", 2.0)]
        .into_iter()
        .map(|(n, p)| Level {
            name: n.to_string(),
            points: p,
        })
        .collect()
}

/// Rule for `multi` questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MultiRule {
    /// Full points only for exactly the right set.
    AllOrNothing,
    /// +1/#correct per right tick, -1/max(#wrong, 2) per wrong tick, floored at 0.
    #[default]
    Partial,
    /// max(0, (#right ticked - #wrong ticked) / #correct).
    RightMinusWrong,
}

/// Rule for `order` questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrderRule {
    /// Fraction of neighbouring pairs in the right order.
    #[default]
    Adjacent,
    /// All or nothing.
    Exact,
    /// Fraction of items in their right place.
    Position,
}

/// Scoring rules of a week (a question may override them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScoringRules {
    /// Fraction of points taken for a wrong choice/truefalse answer (0 = no negative marking).
    pub penalty: f64,
    /// all-or-nothing | partial | right-minus-wrong
    pub multi: MultiRule,
    /// adjacent | exact | position
    pub order: OrderRule,
    /// Accept one typo in short answers of 5 or more characters.
    pub typo_tolerance: bool,
    /// Weight of quiz points against checklist points in the week total (0..=1).
    pub quiz_weight: f64,
}

impl Default for ScoringRules {
    fn default() -> Self {
        ScoringRules {
            penalty: 0.0,
            multi: MultiRule::Partial,
            order: OrderRule::Adjacent,
            typo_tolerance: false,
            quiz_weight: 0.5,
        }
    }
}
