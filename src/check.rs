//! `quiz check`: every problem in the bank and rubrics, then one verdict.
//!
//! Collects YAML syntax and schema errors (from loading), duplicate ids across
//! files, keys that name no option or item, empty prompts, match/order questions
//! with fewer than two pairs/items, and criteria ids missing from the week's
//! rubric. Nothing here stops early; nothing here writes.

mod facts;

pub use facts::check_facts;

use crate::bank::{Bank, LoadedFile, week_of};
use crate::error::Diagnostic;
use crate::model::{Answer, Kind, Question};
use crate::yaml::Locator;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Check a loaded bank; `diags` already holds the loading problems.
pub fn check(bank: &Bank, diags: &mut Vec<Diagnostic>) {
    check_rubrics(bank, diags);
    check_facts(bank, diags);
    let mut seen: HashMap<&str, (String, usize)> = HashMap::new();
    for f in &bank.files {
        let loc = Locator::new(&f.text);
        for q in &f.file.questions {
            let (line, col) = loc.item(&q.id).unwrap_or((0, 0));
            let here = Place {
                f,
                loc: &loc,
                line,
                col,
            };
            if let Some((p, l)) = seen.get(q.id.as_str()) {
                here.error(
                    diags,
                    None,
                    format!("문항 id `{}`이(가) 중복됩니다 (처음은 {p}:{l})", q.id),
                );
            } else {
                seen.insert(&q.id, (f.path.clone(), line));
            }
            check_question(bank, &here, q, diags);
        }
    }
}

/// How many questions of units matching `unit` (all with `None`) wait for an
/// instructor's signature (`status: draft`): said when they leave a quiz,
/// release or export short.
pub fn drafts(bank: &Bank, unit: Option<&str>) -> usize {
    bank.files
        .iter()
        .filter(|f| unit.is_none_or(|u| crate::bank::unit_matches(&f.file.unit, u)))
        .flat_map(|f| &f.file.questions)
        .filter(|q| q.is_draft())
        .count()
}

/// The message for a unit (or bank) whose questions all wait for a signature.
pub fn all_drafts(unit: Option<&str>, n: usize) -> String {
    match unit {
        Some(u) => format!(
            "단원 `{u}`의 문항 {n}개가 모두 검토 전(status: draft)입니다. 강사가 읽고 승인하면 출제됩니다: quiz sign {u}"
        ),
        None => format!(
            "문항 {n}개가 모두 검토 전(status: draft)입니다. 강사가 읽고 승인하면 출제됩니다: quiz sign"
        ),
    }
}

/// The one rule for which questions may be served (`take`, the web server),
/// released (`release`) or exported (`export`): every question `check` finds
/// an error in is left out, with check's message and "문항을 제외했습니다"
/// (warnings do not count); so is every copy of an id found in more than one
/// file, since a form or an answer could not tell them apart. A question an
/// instructor hid (`status: hidden`) or has not signed (`status: draft`) is
/// left out silently. Returns the
/// questions kept, in bank order; `diags` gets one error per reason.
pub fn servable<'a>(
    bank: &'a Bank,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(&'a LoadedFile, &'a Question)> {
    let mut places: HashMap<&str, Vec<(String, usize)>> = HashMap::new();
    let mut located = Vec::new();
    let locs: Vec<Locator<'_>> = bank.files.iter().map(|f| Locator::new(&f.text)).collect();
    for (f, loc) in bank.files.iter().zip(&locs) {
        for q in &f.file.questions {
            let (line, col) = loc.item(&q.id).unwrap_or((0, 0));
            places
                .entry(q.id.as_str())
                .or_default()
                .push((f.path.clone(), line));
            located.push((f, loc, q, line, col));
        }
    }
    let mut kept = Vec::new();
    for (f, loc, q, line, col) in located {
        // Rules that leave a question out go here, in this one place.
        // An instructor hid it (`status: hidden`), or has not signed it yet
        // (`status: draft`): left out without a message (see [`drafts`]).
        if q.is_hidden() || q.is_draft() {
            continue;
        }
        let here = Place { f, loc, line, col };
        let mut found = Vec::new();
        check_question(bank, &here, q, &mut found);
        let copies = places.get(q.id.as_str()).map_or(&[][..], Vec::as_slice);
        if copies.len() > 1 {
            let others: Vec<String> = copies
                .iter()
                .filter(|(p, l)| !(p == &f.path && *l == line))
                .map(|(p, l)| format!("{p}:{l}"))
                .collect();
            here.error(
                &mut found,
                None,
                format!(
                    "문항 id `{}`이(가) 다른 곳에도 있습니다 ({})",
                    q.id,
                    others.join(", ")
                ),
            );
        }
        let errors: Vec<Diagnostic> = found.into_iter().filter(Diagnostic::is_error).collect();
        if errors.is_empty() {
            kept.push((f, q));
        } else {
            diags.extend(errors.into_iter().map(|mut d| {
                d.message.push_str("; 문항을 제외했습니다");
                d
            }));
        }
    }
    kept
}

struct Place<'a> {
    f: &'a LoadedFile,
    loc: &'a Locator<'a>,
    line: usize,
    col: usize,
}

impl Place<'_> {
    fn at(&self, key: Option<&str>) -> (usize, usize) {
        key.and_then(|k| self.loc.key(self.line, k))
            .unwrap_or((self.line, self.col))
    }
    fn error(&self, diags: &mut Vec<Diagnostic>, key: Option<&str>, msg: String) {
        let (l, c) = self.at(key);
        diags.push(Diagnostic::error(&self.f.path, l, c, msg));
    }
    fn warning(&self, diags: &mut Vec<Diagnostic>, key: Option<&str>, msg: String) {
        let (l, c) = self.at(key);
        diags.push(Diagnostic::warning(&self.f.path, l, c, msg));
    }
}

fn ids_unique(list: &[crate::model::Choice]) -> Option<&str> {
    let mut seen = HashSet::new();
    list.iter()
        .find(|c| !seen.insert(c.id.as_str()))
        .map(|c| c.id.as_str())
}

/// The first text field of `q` (its YAML key) holding a control character
/// other than a line break or tab, or a bidi control: it would reach
/// students' terminals and pages as is (clear the screen, reorder a line).
pub fn control_characters(q: &Question) -> Option<&'static str> {
    // The characters every answer and roster name is cleaned of.
    let bad = |t: &str| !crate::printable::is_clean(t);
    let any = |cs: &[crate::model::Choice]| cs.iter().any(|c| bad(&c.text));
    if bad(&q.prompt) {
        Some("prompt")
    } else if any(&q.options) {
        Some("options")
    } else if any(&q.items) {
        Some("items")
    } else if any(&q.left) {
        Some("left")
    } else if any(&q.right) {
        Some("right")
    } else if q.feedback.as_deref().is_some_and(bad) {
        Some("feedback")
    } else {
        None
    }
}

fn check_question(bank: &Bank, p: &Place<'_>, q: &Question, diags: &mut Vec<Diagnostic>) {
    let id = &q.id;
    if q.prompt.trim().is_empty() {
        p.error(
            diags,
            Some("prompt"),
            format!("문항 `{id}`의 문제(prompt)가 비어 있습니다"),
        );
    }
    if let Some(field) = control_characters(q) {
        p.error(
            diags,
            Some(field),
            format!(
                "문항 `{id}`의 {field}에 제어 문자나 글자 방향을 바꾸는 문자가 있습니다: 학생 화면에 그대로 나가므로 출제하지 않습니다"
            ),
        );
    }
    if !q.points.is_finite() || q.points <= 0.0 {
        p.error(
            diags,
            Some("points"),
            format!("문항 `{id}`의 배점(points)은 0보다 커야 합니다"),
        );
    }
    for (field, list) in [
        ("options", &q.options),
        ("items", &q.items),
        ("left", &q.left),
        ("right", &q.right),
    ] {
        if let Some(dup) = ids_unique(list) {
            p.error(
                diags,
                Some(field),
                format!("문항 `{id}`의 {field}에 id `{dup}`이(가) 두 번 있습니다"),
            );
        }
        if let Some(c) = list.iter().find(|c| c.text.trim().is_empty()) {
            p.error(
                diags,
                Some(field),
                format!("문항 `{id}`: {field} `{}`에 글이 없습니다", c.id),
            );
        }
    }
    let has = |list: &[crate::model::Choice], x: &str| list.iter().any(|c| c.id == x);
    let answer = q.answer.as_ref();
    match (q.kind, answer) {
        (Kind::Essay, _) => {
            // Extraction leaves an essay without rubric on purpose (every
            // candidate concept was a word of its prompt); warn for hand-written ones.
            if q.rubric.is_empty() && q.source.is_none() {
                p.warning(
                    diags,
                    None,
                    format!("서술형 `{id}`에 루브릭이 없습니다: 손으로만 채점할 수 있습니다"),
                );
            }
            let prompt = crate::text::normalize(&q.prompt);
            for c in &q.rubric {
                let w = crate::text::normalize(&c.concept);
                if !w.is_empty() && prompt.contains(&w) {
                    p.warning(
                        diags,
                        Some("rubric"),
                        format!(
                            "서술형 `{id}`: 루브릭 개념 `{}`이(가) 문제 본문에 있습니다: 문제를 베껴 쓴 답도 점수를 받으므로 채점에서 빠집니다",
                            c.concept
                        ),
                    );
                }
            }
        }
        (_, None) => p.error(
            diags,
            None,
            format!("문항 `{id}`에 정답(answer)이 없습니다"),
        ),
        (Kind::Choice, Some(a)) => {
            if q.options.len() < 2 {
                p.error(
                    diags,
                    Some("options"),
                    format!("선택형 `{id}`에는 보기가 2개 이상 있어야 합니다"),
                );
            }
            match a {
                Answer::One(x) if has(&q.options, x) => {}
                Answer::One(x) => p.error(
                    diags,
                    Some("answer"),
                    format!("`{id}`의 정답 `{x}`은(는) 어느 보기도 아닙니다"),
                ),
                _ => p.error(
                    diags,
                    Some("answer"),
                    format!("선택형 `{id}`의 정답은 보기 id 하나여야 합니다"),
                ),
            }
        }
        (Kind::Multi, Some(a)) => {
            if q.options.len() < 2 {
                p.error(
                    diags,
                    Some("options"),
                    format!("복수 선택 `{id}`에는 보기가 2개 이상 있어야 합니다"),
                );
            }
            let list = match a {
                Answer::Many(v) => v.clone(),
                Answer::One(x) => vec![x.clone()],
                _ => {
                    p.error(
                        diags,
                        Some("answer"),
                        format!("복수 선택 `{id}`의 정답은 보기 id 목록이어야 합니다"),
                    );
                    Vec::new()
                }
            };
            if q.options.iter().any(|o| o.weight.is_some()) {
                let sum: f64 = q
                    .options
                    .iter()
                    .filter_map(|o| o.weight)
                    .filter(|w| *w > 0.0)
                    .sum();
                if (sum - 100.0).abs() >= crate::score::multi::WEIGHT_SUM_TOLERANCE {
                    p.error(
                        diags,
                        Some("options"),
                        format!(
                            "복수 선택 `{id}`: 양수 보기 가중치의 합이 {}%입니다 (100%여야 합니다)",
                            crate::lms::percent(sum)
                        ),
                    );
                }
            }
            for x in &list {
                if !has(&q.options, x) {
                    p.error(
                        diags,
                        Some("answer"),
                        format!("`{id}`의 정답 `{x}`은(는) 어느 보기도 아닙니다"),
                    );
                }
            }
        }
        (Kind::Truefalse, Some(a)) => {
            if !matches!(a, Answer::Bool(_)) {
                p.error(
                    diags,
                    Some("answer"),
                    format!("참/거짓 `{id}`의 정답은 `true` 또는 `false`여야 합니다"),
                );
            }
        }
        (Kind::Short | Kind::Cloze, Some(a)) => match a {
            Answer::Many(v) if !v.is_empty() && v.iter().all(|s| !s.trim().is_empty()) => {}
            Answer::One(s) if !s.trim().is_empty() => {}
            _ => p.error(
                diags,
                Some("answer"),
                format!("`{id}`의 정답은 인정하는 답의 목록이어야 합니다"),
            ),
        },
        (Kind::Order, Some(a)) => {
            if q.items.len() < 2 {
                p.error(
                    diags,
                    Some("items"),
                    format!("순서 `{id}`에는 항목이 2개 이상 있어야 합니다"),
                );
            }
            match a {
                Answer::Many(v) => {
                    for x in v {
                        if !has(&q.items, x) {
                            p.error(
                                diags,
                                Some("answer"),
                                format!("`{id}`의 정답 `{x}`은(는) 어느 항목도 아닙니다"),
                            );
                        }
                    }
                    let set: HashSet<&str> = v.iter().map(String::as_str).collect();
                    if set.len() != v.len() || v.len() != q.items.len() {
                        p.error(
                            diags,
                            Some("answer"),
                            format!("`{id}`의 정답은 모든 항목을 한 번씩 나열해야 합니다"),
                        );
                    }
                }
                _ => p.error(
                    diags,
                    Some("answer"),
                    format!("순서 `{id}`의 정답은 항목 id 목록이어야 합니다"),
                ),
            }
        }
        (Kind::Match, Some(a)) => {
            if q.left.len() < 2 || q.right.len() < 2 {
                p.error(
                    diags,
                    Some("left"),
                    format!("짝짓기 `{id}`에는 짝이 2개 이상 있어야 합니다"),
                );
            }
            match a {
                Answer::Pairs(m) => {
                    for (l, r) in m {
                        if !has(&q.left, l) {
                            p.error(
                                diags,
                                Some("answer"),
                                format!("`{id}`의 정답에 있는 `{l}`은(는) 왼쪽 항목이 아닙니다"),
                            );
                        }
                        if !has(&q.right, r) {
                            p.error(
                                diags,
                                Some("answer"),
                                format!("`{id}`의 정답에 있는 `{r}`은(는) 오른쪽 항목이 아닙니다"),
                            );
                        }
                    }
                    for l in &q.left {
                        if !m.contains_key(&l.id) {
                            p.error(
                                diags,
                                Some("answer"),
                                format!(
                                    "`{id}`의 정답이 왼쪽 항목 `{}`의 짝을 정하지 않습니다",
                                    l.id
                                ),
                            );
                        }
                    }
                }
                _ => p.error(
                    diags,
                    Some("answer"),
                    format!("짝짓기 `{id}`의 정답은 왼쪽 id -> 오른쪽 id 맵이어야 합니다"),
                ),
            }
        }
    }
    if q.criteria.is_empty() {
        p.warning(
            diags,
            None,
            format!("문항 `{id}`은(는) 어느 평가 기준에도 들어가지 않습니다 (criteria: [])"),
        );
    } else {
        let week = week_of(&p.f.file.unit);
        match week.and_then(|w| bank.rubrics.get(&w)) {
            None => p.error(
                diags,
                Some("criteria"),
                format!(
                    "`{id}`에 평가 기준(criteria)이 있지만 {}주차 루브릭이 없습니다",
                    week.map_or_else(|| "?".to_string(), |w| w.to_string())
                ),
            ),
            Some(r) => {
                for c in &q.criteria {
                    if !r.rubric.criteria.iter().any(|k| &k.id == c) {
                        p.error(
                            diags,
                            Some("criteria"),
                            format!("`{id}`의 평가 기준 `{c}`이(가) {}에 없습니다", r.path),
                        );
                    }
                }
            }
        }
    }
}

fn check_rubrics(bank: &Bank, diags: &mut Vec<Diagnostic>) {
    for r in bank.rubrics.values() {
        let loc = Locator::new(&r.text);
        let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
        for c in &r.rubric.criteria {
            let (l, col) = loc.item(&c.id).unwrap_or((0, 0));
            if ids.insert(&c.id, l).is_some() {
                diags.push(Diagnostic::error(
                    &r.path,
                    l,
                    col,
                    format!("평가 기준 id `{}`이(가) 중복됩니다", c.id),
                ));
            }
            if c.weight.is_nan() || c.weight < 0.0 {
                diags.push(Diagnostic::error(
                    &r.path,
                    l,
                    col,
                    format!("평가 기준 `{}`의 가중치가 음수입니다", c.id),
                ));
            }
        }
        for k in &r.rubric.checklist {
            let (l, col) = loc.item(&k.id).unwrap_or((0, 0));
            for c in &k.criteria {
                if !ids.contains_key(c.as_str()) {
                    diags.push(Diagnostic::error(
                        &r.path,
                        l,
                        col,
                        format!(
                            "체크리스트 항목 `{}`의 평가 기준 `{c}`이(가) 없습니다",
                            k.id
                        ),
                    ));
                }
            }
            if k.levels.is_empty() {
                diags.push(Diagnostic::error(
                    &r.path,
                    l,
                    col,
                    format!("체크리스트 항목 `{}`에 수준(levels)이 없습니다", k.id),
                ));
            }
        }
        if r.rubric.criteria.is_empty() {
            diags.push(Diagnostic::warning(
                &r.path,
                1,
                1,
                format!("{}주차 루브릭에 평가 기준이 없습니다", r.rubric.week),
            ));
        }
    }
}
