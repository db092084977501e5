//! The weekly report's content: one summary row per student on the roster, and
//! every assessed item of each student, as typed cells. Pure: the writers in
//! [`super::sheet`] turn cells into CSV or xlsx.

use crate::grade::totals::WeekTotal;
use crate::gradebook::{ChecklistScore, Row};
use crate::model::{Choice, Question, Rubric};
use crate::score::Response;
use crate::text::nfc;
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
    /// A local date and time, `YYYY-MM-DD HH:MM` (a date-time cell in xlsx).
    DateTime(String),
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

/// A percent, kept whole: the xlsx stores the value and formats it for display
/// (`0.0%`); the CSV writer rounds it to 2 decimals.
fn pct(x: Option<f64>) -> Cell {
    x.map_or(Cell::Empty, Cell::Percent)
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

/// The summary sheet: 학번, 이름, each criterion (%), quiz and checklist points,
/// total, answers awaiting review, attempts, last activity. An essay awaiting
/// review counts with its provisional points (0, or the keyword rubric's
/// estimate) until it is reviewed: 검토 대기 says how many of those a row holds,
/// so a total that can still move is not read as final.
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
            "검토 대기",
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
                None => row.extend(std::iter::repeat_n(Cell::Empty, rubric.criteria.len() + 8)),
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
                    row.push(Cell::Num(t.needs_review as f64));
                    row.push(if t.attempts > 0 {
                        Cell::Num(t.attempts as f64)
                    } else {
                        Cell::Empty
                    });
                    row.push(
                        t.last_activity
                            .as_deref()
                            .map_or(Cell::Empty, |a| Cell::DateTime(local(a))),
                    );
                }
            }
            row
        })
        .collect();
    Sheet { header, rows }
}

/// `s` in NFC, without a copy when it already is.
fn nfc_owned(s: String) -> String {
    match crate::text::nfc_cow(&s) {
        std::borrow::Cow::Borrowed(_) => s,
        std::borrow::Cow::Owned(n) => n,
    }
}

fn texts(list: &[Choice], ids: &[String]) -> String {
    if let [id] = ids {
        // One id (a choice, one side of a pair): its text, without a list.
        return list
            .iter()
            .find(|c| &c.id == id)
            .map_or(id.as_str(), |c| c.text.as_str())
            .to_string();
    }
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

fn criteria_names(rubric: &Rubric, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            rubric
                .criteria
                .iter()
                .find(|c| &c.id == id)
                .map_or(id.as_str(), |c| c.name.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn key_text(q: &Question) -> String {
    match &q.answer {
        Some(_) => q.answer_text(),
        None => String::new(),
    }
}

/// A checklist item's detail row: the level given, its points of the item's
/// highest, and who scored it.
fn checklist_row(
    rubric: &Rubric,
    item: &crate::model::ChecklistItem,
    level: &str,
    points: f64,
    by: &str,
) -> Vec<Cell> {
    let max = item.levels.iter().map(|l| l.points).fold(0.0, f64::max);
    vec![
        Cell::Text("체크리스트".into()),
        Cell::Text(nfc(&item.id)),
        Cell::Text(nfc(&item.text)),
        Cell::Text(nfc(&criteria_names(rubric, &item.criteria))),
        Cell::Text(nfc(level)),
        Cell::Text(String::new()),
        Cell::Num(points),
        Cell::Num(max),
        Cell::Text("수동".into()),
        Cell::Text(nfc(by)),
    ]
}

/// Builds each student's detail sheet. What every student's row for a question
/// shares (unit, id, short prompt, criteria, key) is made once per question.
pub struct Details<'q> {
    rubric: &'q Rubric,
    fixed: std::collections::HashMap<&'q str, (&'q Question, Vec<Cell>, Cell)>,
}

impl<'q> Details<'q> {
    /// For the questions `(unit, question)` a sheet may show.
    pub fn new(
        rubric: &'q Rubric,
        questions: impl IntoIterator<Item = (&'q str, &'q Question)>,
    ) -> Self {
        let fixed = questions
            .into_iter()
            .map(|(unit, q)| {
                let cells = vec![
                    Cell::Text(nfc(unit)),
                    Cell::Text(nfc(&q.id)),
                    Cell::Text(nfc(&short(&q.prompt))),
                    Cell::Text(nfc(&criteria_names(rubric, &q.criteria))),
                ];
                (q.id.as_str(), (q, cells, Cell::Text(nfc(&key_text(q)))))
            })
            .collect();
        Details { rubric, fixed }
    }

    /// Every assessed item of one student: the counted answers (one per
    /// question of the week, `grade::totals` rules) and the scored checklist items. All text is NFC.
    pub fn sheet(&self, rows: &[&Row], checklist: &[&ChecklistScore]) -> Sheet {
        let rubric = self.rubric;
        let mut out = Vec::with_capacity(rows.len() + checklist.len());
        for r in rows {
            let Some((q, fixed, key)) = self.fixed.get(r.question_id.as_str()) else {
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
            let mut row = Vec::with_capacity(10);
            row.extend(fixed.iter().cloned());
            row.extend([
                Cell::Text(nfc_owned(response_text(q, &r.response))),
                key.clone(),
                r.points.map_or(Cell::Empty, Cell::Num),
                r.max_points.map_or(Cell::Empty, Cell::Num),
                Cell::Text(status_ko(r.status.as_deref()).to_string()),
                Cell::Text(nfc_owned(feedback)),
            ]);
            out.push(row);
        }
        for c in checklist {
            let Some(item) = rubric.checklist.iter().find(|i| i.id == c.item) else {
                continue;
            };
            let by = format!("{} ({})", c.by, local(&c.at));
            out.push(checklist_row(rubric, item, &c.level, c.points, &by));
        }
        Sheet {
            header: detail_header(),
            rows: out,
        }
    }

    /// Rows as wide as real ones will be, for column widths set before any row:
    /// each question with its key standing in for an answer, each checklist
    /// item at its highest level.
    pub fn width_probe(&self) -> Vec<Vec<Cell>> {
        let questions = self.fixed.values().map(|(q, fixed, key)| {
            let mut row = fixed.clone();
            row.extend([
                key.clone(),
                key.clone(),
                Cell::Empty,
                Cell::Num(q.points),
                Cell::Text(status_ko(Some("needs-review")).to_string()),
                Cell::Empty,
            ]);
            row
        });
        let checklist = self.rubric.checklist.iter().map(|item| {
            let top = item
                .levels
                .iter()
                .max_by(|a, b| a.points.total_cmp(&b.points));
            checklist_row(
                self.rubric,
                item,
                top.map_or("", |l| l.name.as_str()),
                top.map_or(0.0, |l| l.points),
                "0000-00-00 00:00 (instructor)",
            )
        });
        questions.chain(checklist).collect()
    }
}
