//! The weekly report's content: one summary row per student on the roster, and
//! every assessed item of each student, as typed cells. Pure: the writers in
//! [`super::sheet`] turn cells into CSV or xlsx.

use crate::grade::totals::WeekTotal;
use crate::gradebook::{ChecklistScore, Row};
use crate::model::{Answer, Choice, Question, Rubric};
use crate::score::Response;
use std::collections::BTreeMap;

/// A cell: text, a number, a percent (0..=100), or empty.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (untrusted when it comes from students).
    Text(String),
    /// A number.
    Num(f64),
    /// A percent, 0..=100.
    Percent(f64),
    /// Nothing assessed.
    Empty,
}

/// A sheet: header and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Column titles (Korean).
    pub header: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
}

fn pct(x: Option<f64>) -> Cell {
    x.map_or(Cell::Empty, |v| Cell::Percent((v * 100.0).round() / 100.0))
}

fn local(ts: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(ts)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| ts.to_string())
}

/// The summary sheet: 학번, 이름, each criterion (%), quiz and checklist points, total, attempts, last activity.
pub fn summary(
    rubric: &Rubric,
    students: &[(String, String)],
    totals: &BTreeMap<String, WeekTotal>,
) -> Sheet {
    let mut header = vec!["학번".to_string(), "이름".to_string()];
    header.extend(rubric.criteria.iter().map(|c| format!("{} (%)", c.name)));
    header.extend(
        [
            "퀴즈 점수",
            "퀴즈 만점",
            "체크리스트 점수",
            "체크리스트 만점",
            "가중 총점 (%)",
            "응시 횟수",
            "최근 활동",
        ]
        .map(String::from),
    );
    let rows = students
        .iter()
        .map(|(id, name)| {
            let mut row = vec![Cell::Text(id.clone()), Cell::Text(name.clone())];
            match totals.get(id) {
                None => row.extend(std::iter::repeat_n(Cell::Empty, rubric.criteria.len() + 7)),
                Some(t) => {
                    row.extend(
                        rubric
                            .criteria
                            .iter()
                            .map(|c| pct(t.criterion_percent(&c.id, rubric.scoring.quiz_weight))),
                    );
                    let pts = |p: f64, m: f64| {
                        if m > 0.0 {
                            (Cell::Num(p), Cell::Num(m))
                        } else {
                            (Cell::Empty, Cell::Empty)
                        }
                    };
                    let (qp, qm) = pts(t.quiz.points, t.quiz.max);
                    let (cp, cm) = pts(t.checklist.points, t.checklist.max);
                    row.extend([qp, qm, cp, cm, pct(t.total_percent(rubric))]);
                    row.push(if t.attempts > 0 {
                        Cell::Num(t.attempts as f64)
                    } else {
                        Cell::Empty
                    });
                    row.push(
                        t.last_activity
                            .as_deref()
                            .map_or(Cell::Empty, |a| Cell::Text(local(a))),
                    );
                }
            }
            row
        })
        .collect();
    Sheet { header, rows }
}

fn texts(list: &[Choice], ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            list.iter()
                .find(|c| &c.id == id)
                .map_or(id.as_str(), |c| c.text.as_str())
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A response in words.
pub fn response_text(q: &Question, r: &Response) -> String {
    match r {
        Response::Skipped => String::new(),
        Response::Choice(id) => texts(&q.options, std::slice::from_ref(id)),
        Response::Multi(v) => texts(&q.options, v),
        Response::Bool(b) => if *b { "참" } else { "거짓" }.to_string(),
        Response::Text(t) => t.clone(),
        Response::Order(v) => texts(&q.items, v).replace(" | ", " → "),
        Response::Match(m) => m
            .iter()
            .map(|(l, rr)| {
                format!(
                    "{} → {}",
                    texts(&q.left, std::slice::from_ref(l)),
                    texts(&q.right, std::slice::from_ref(rr))
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn status_ko(s: Option<&str>) -> &'static str {
    match s {
        Some("needs-review") => "검토 대기",
        Some("manual") => "수동",
        Some("dropped") => "제외",
        _ => "자동",
    }
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        t.push('…');
    }
    t
}

/// Header of the per-student detail sheet.
pub fn detail_header() -> Vec<String> {
    [
        "단원",
        "문항",
        "문제",
        "평가 기준",
        "제출 답안",
        "정답",
        "점수",
        "만점",
        "상태",
        "피드백",
    ]
    .map(String::from)
    .to_vec()
}

/// Every assessed item of one student: the counted answers (latest per
/// question of the week) and the scored checklist items.
pub fn detail<'q>(
    rubric: &Rubric,
    rows: &[&Row],
    checklist: &[&ChecklistScore],
    question: &dyn Fn(&str) -> Option<(&'q str, &'q Question)>,
) -> Sheet {
    let crit_name = |id: &str| {
        rubric
            .criteria
            .iter()
            .find(|c| c.id == id)
            .map_or(id.to_string(), |c| c.name.clone())
    };
    let mut out = Vec::new();
    for r in rows {
        let Some((unit, q)) = question(&r.question_id) else {
            continue;
        };
        let feedback = match (&r.comment, q.answer.is_none()) {
            (Some(c), _) => c.clone(),
            (None, true) => {
                let o = crate::score::essay::score(q, &r.response);
                if o.matched.is_empty() {
                    String::new()
                } else {
                    format!("포함된 개념: {}", o.matched.join(", "))
                }
            }
            _ => String::new(),
        };
        let key = match &q.answer {
            Some(Answer::Many(_))
            | Some(Answer::One(_))
            | Some(Answer::Bool(_))
            | Some(Answer::Pairs(_)) => q.answer_text(),
            None => String::new(),
        };
        out.push(vec![
            Cell::Text(unit.to_string()),
            Cell::Text(q.id.clone()),
            Cell::Text(short(&q.prompt)),
            Cell::Text(
                q.criteria
                    .iter()
                    .map(|c| crit_name(c))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Cell::Text(response_text(q, &r.response)),
            Cell::Text(key),
            r.points.map_or(Cell::Empty, Cell::Num),
            r.max_points.map_or(Cell::Empty, Cell::Num),
            Cell::Text(status_ko(r.status.as_deref()).to_string()),
            Cell::Text(feedback),
        ]);
    }
    for c in checklist {
        let Some(item) = rubric.checklist.iter().find(|i| i.id == c.item) else {
            continue;
        };
        let max = item.levels.iter().map(|l| l.points).fold(0.0, f64::max);
        out.push(vec![
            Cell::Text("체크리스트".into()),
            Cell::Text(item.id.clone()),
            Cell::Text(item.text.clone()),
            Cell::Text(
                item.criteria
                    .iter()
                    .map(|c| crit_name(c))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Cell::Text(c.level.clone()),
            Cell::Text(String::new()),
            Cell::Num(c.points),
            Cell::Num(max),
            Cell::Text("수동".into()),
            Cell::Text(format!("{} ({})", c.by, local(&c.at))),
        ]);
    }
    Sheet {
        header: detail_header(),
        rows: out,
    }
}
