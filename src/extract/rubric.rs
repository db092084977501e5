//! Weekly rubrics from 주간 평가 기준.
//!
//! Criteria come from, in order of preference:
//! 1. the week overview's 이해도 평가 list ("**name**: description");
//! 2. a day overview's "Week N 종합 성과" list;
//! 3. one criterion per day that has documents.
//!
//! `criteria_origin` says which, with file and line. 성공 지표 become indicators;
//! checklist items (`- [ ]`) under a 체크리스트 heading become checklist items.

use super::markdown::BlockKind;
use super::{SourceDoc, criteria, definition};
use crate::error::Diagnostic;
use crate::model::rubric::default_levels;
use crate::model::{ChecklistItem, Criterion, Indicator, Rubric, ScoringRules, SourceRef};
use std::collections::{BTreeMap, HashSet};

/// An ASCII slug for a criterion name ("CI/CD" -> "cicd", "API 관리" -> "api").
pub fn slug(name: &str) -> String {
    let cleaned = name.replace('/', "");
    cleaned
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

fn defs_under(d: &SourceDoc, needles: &[&str]) -> Vec<(String, String, usize, String)> {
    d.doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Item { task: None, .. }))
        .filter(|b| d.doc.in_section(b.section, needles))
        .filter_map(|b| {
            let (t, desc) = definition(b)?;
            let heading = d
                .doc
                .ancestors(b.section)
                .next()
                .map(|h| h.clean.clone())
                .unwrap_or_default();
            Some((t, desc, b.line, heading))
        })
        .collect()
}

fn source(d: &SourceDoc, line: usize, heading: &str) -> Option<SourceRef> {
    Some(SourceRef {
        file: d.path.clone(),
        line,
        heading: heading.to_string(),
    })
}

/// Build the rubric of `week` from that week's documents.
pub fn week_rubric(week: u32, docs: &[&SourceDoc]) -> (Rubric, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let overview = docs.iter().find(|d| d.unit.day.is_none());
    let title = overview
        .and_then(|d| d.doc.title())
        .map_or_else(|| format!("Week {week}"), |h| h.text.clone());

    let mut crit: Vec<(String, String, Option<SourceRef>)> = Vec::new();
    let mut origin = String::new();
    if let Some(d) = overview {
        let defs = defs_under(d, &["이해도 평가"]);
        if let Some(first) = defs.first() {
            origin = format!("이해도 평가 ({}:{})", d.path, first.2);
            crit = defs
                .iter()
                .map(|(t, desc, l, h)| (t.clone(), desc.clone(), source(d, *l, h)))
                .collect();
        }
    }
    if crit.is_empty() {
        for d in docs.iter().filter(|d| d.unit.session.is_none()) {
            let defs = defs_under(d, &["종합 성과"]);
            if let Some(first) = defs.first() {
                origin = format!("{} ({}:{})", first.3, d.path, first.2);
                crit = defs
                    .iter()
                    .map(|(t, desc, l, h)| (t.clone(), desc.clone(), source(d, *l, h)))
                    .collect();
                break;
            }
        }
    }
    if crit.is_empty() {
        let mut days: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        for d in docs {
            if let Some(day) = d.unit.day {
                let t = d.doc.title().map(|h| h.clean.clone()).unwrap_or_default();
                days.entry(day).or_default().push(t);
            }
        }
        origin = format!(
            "{}: curriculum has no 이해도 평가 or 종합 성과 list for week {week}",
            criteria::PER_DAY
        );
        crit = days
            .into_iter()
            .map(|(day, titles)| (format!("Day {day}"), titles.join(", "), None))
            .collect();
        if let Some(d) = docs.first() {
            diags.push(Diagnostic::warning(
                &d.path,
                0,
                0,
                format!("{week}주차에 이해도 평가 목록이 없습니다; 하루에 평가 기준을 하나씩 만들었습니다"),
            ));
        }
    }

    let mut used = HashSet::new();
    let criteria: Vec<Criterion> = crit
        .into_iter()
        .enumerate()
        .map(|(i, (name, description, source))| {
            let s = slug(&name);
            let id = if s.len() >= 2 && !used.contains(&s) {
                s
            } else {
                format!("w{week}c{}", i + 1)
            };
            used.insert(id.clone());
            Criterion {
                id,
                name,
                description,
                weight: 1.0,
                source,
            }
        })
        .collect();

    let mut rubric = Rubric {
        week,
        title,
        criteria_origin: origin,
        criteria,
        indicators: Vec::new(),
        checklist: Vec::new(),
        scoring: ScoringRules::default(),
        locked: false,
    };

    let index = criteria::CriteriaIndex::new(&rubric);
    for d in docs {
        for (name, description, line, heading) in defs_under(d, &["성공 지표"]) {
            rubric.indicators.push(Indicator {
                name,
                description,
                source: source(d, line, &heading),
            });
        }
        for b in &d.doc.blocks {
            if !matches!(b.kind, BlockKind::Item { task: Some(_), .. })
                || !d.doc.in_section(b.section, &["체크리스트"])
                || b.text.trim().is_empty()
            {
                continue;
            }
            let heading = d
                .doc
                .ancestors(b.section)
                .next()
                .map(|h| h.clean.clone())
                .unwrap_or_default();
            // One criterion per day: the item's own day's (its words may
            // match another day's titles better).
            let ids = match index.of_day(d.unit.day) {
                Some(id) => vec![id.to_string()],
                None => index.best("", &b.text).0,
            };
            let n = rubric.checklist.len() + 1;
            rubric.checklist.push(ChecklistItem {
                id: format!("w{week}k{n}"),
                text: b.text.trim().to_string(),
                criteria: ids,
                levels: default_levels(),
                source: source(d, b.line, &heading),
            });
        }
    }
    (rubric, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("CI/CD"), "cicd");
        assert_eq!(slug("API 관리"), "api");
        assert_eq!(slug("아키텍처 설계"), "");
        assert_eq!(slug("Service Mesh"), "service-mesh");
        assert_eq!(slug("AI/MLOps"), "aimlops");
    }
}
