//! Pages: askama templates (under `templates/web/`, HTML auto-escaped) and the
//! plain data they show.

use crate::model::{FormQuestion, Kind};
use crate::runner::{fmt_points, kind_label};
use crate::score::Response as Given;
use askama::Template;
use axum::response::Html;

fn render(t: &impl Template) -> Html<String> {
    Html(t.render().unwrap_or_else(|e| {
        eprintln!("quiz serve: template: {e}");
        "<!doctype html><title>오류</title><p>페이지를 만들지 못했습니다.</p>".to_string()
    }))
}

#[derive(Template)]
#[template(path = "web/message.html")]
struct MessagePage<'a> {
    title: &'a str,
    message: &'a str,
}

/// A page with one message (errors, refusals).
pub fn message_page(title: &str, message: &str) -> Html<String> {
    render(&MessagePage { title, message })
}

#[derive(Template)]
#[template(path = "web/login.html")]
struct LoginPage<'a> {
    title: &'a str,
    action: &'a str,
    error: &'a str,
    student: bool,
    pre: &'a str,
}

/// A login form (students: 학번 + code; instructors: code).
pub fn login_page(
    title: &str,
    action: &str,
    error: &str,
    student: bool,
    pre: &str,
) -> Html<String> {
    render(&LoginPage {
        title,
        action,
        error,
        student,
        pre,
    })
}

/// One choice, item or column entry as shown.
#[derive(Debug, Clone)]
pub struct Opt {
    /// Number (1-based) or letter shown.
    pub n: String,
    /// Text.
    pub text: String,
    /// Ticked in the saved answer.
    pub checked: bool,
}

/// A left entry of a match question with its select.
#[derive(Debug, Clone)]
pub struct Left {
    /// Number (1-based).
    pub n: usize,
    /// Text.
    pub text: String,
    /// (value `n-L`, letter, selected).
    pub choices: Vec<(String, String, bool)>,
}

/// A question on a page.
#[derive(Debug, Clone)]
pub struct QView {
    /// Form position (what the answer is stored under).
    pub pos: usize,
    /// Number on the page (1-based).
    pub num: usize,
    /// Kind name for the form fields (`choice`, ...).
    pub kind: &'static str,
    /// Korean kind label.
    pub label: &'static str,
    /// Prompt.
    pub prompt: String,
    /// Points.
    pub points: String,
    /// Options (choice, multi), items (order), right column (match).
    pub options: Vec<Opt>,
    /// Left column (match).
    pub left: Vec<Left>,
    /// Saved text (short, cloze, essay) or order typed (`3 1 2 4`).
    pub text: String,
    /// Saved true/false.
    pub tf: Option<bool>,
    /// An example answer for the kinds typed as numbers (order: `2 3 4 5 1`,
    /// as many as the items).
    pub example: String,
    /// An answer is stored.
    pub saved: bool,
    /// Skipped (stored as skipped).
    pub skipped: bool,
}

fn letter(i: usize) -> String {
    char::from(b'A' + u8::try_from(i % 26).unwrap_or(0)).to_string()
}

/// The view of a question with the stored answer filled in. Option values are
/// display numbers, never bank ids (an order item's id follows the key).
pub fn question(pos: usize, num: usize, q: &FormQuestion, given: Option<&Given>) -> QView {
    let kind = match q.kind {
        Kind::Choice => "choice",
        Kind::Multi => "multi",
        Kind::Truefalse => "truefalse",
        Kind::Short => "short",
        Kind::Cloze => "cloze",
        Kind::Order => "order",
        Kind::Match => "match",
        Kind::Essay => "essay",
    };
    let picked = |id: &str| match given {
        Some(Given::Choice(c)) => c == id,
        Some(Given::Multi(v)) => v.iter().any(|c| c == id),
        _ => false,
    };
    let mut options: Vec<Opt> = match q.kind {
        Kind::Choice | Kind::Multi => q
            .options
            .iter()
            .enumerate()
            .map(|(i, c)| Opt {
                n: (i + 1).to_string(),
                text: c.text.clone(),
                checked: picked(&c.id),
            })
            .collect(),
        Kind::Order => q
            .items
            .iter()
            .enumerate()
            .map(|(i, c)| Opt {
                n: (i + 1).to_string(),
                text: c.text.clone(),
                checked: false,
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut left = Vec::new();
    if q.kind == Kind::Match {
        options = q
            .right
            .iter()
            .enumerate()
            .map(|(i, c)| Opt {
                n: letter(i),
                text: c.text.clone(),
                checked: false,
            })
            .collect();
        for (li, l) in q.left.iter().enumerate() {
            let chosen = match given {
                Some(Given::Match(m)) => m.get(&l.id).cloned(),
                _ => None,
            };
            left.push(Left {
                n: li + 1,
                text: l.text.clone(),
                choices: q
                    .right
                    .iter()
                    .enumerate()
                    .map(|(ri, r)| {
                        (
                            format!("{}-{}", li + 1, letter(ri)),
                            letter(ri),
                            chosen.as_deref() == Some(r.id.as_str()),
                        )
                    })
                    .collect(),
            });
        }
    }
    let text = match given {
        Some(Given::Text(t)) => t.clone(),
        Some(Given::Order(ids)) => ids
            .iter()
            .filter_map(|id| q.items.iter().position(|c| &c.id == id))
            .map(|i| (i + 1).to_string())
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    };
    QView {
        pos,
        num,
        kind,
        label: kind_label(q.kind),
        prompt: q.prompt.clone(),
        points: fmt_points(q.points),
        options,
        left,
        text,
        tf: match given {
            Some(Given::Bool(b)) => Some(*b),
            _ => None,
        },
        saved: given.is_some(),
        skipped: matches!(given, Some(Given::Skipped)),
        example: if q.kind == Kind::Order {
            crate::runner::example_order(q.items.len().max(1))
        } else {
            String::new()
        },
    }
}

/// An opened quiz as the student's home shows it.
pub struct QuizLink {
    pub id: i64,
    pub unit: String,
    pub mode: &'static str,
    pub limit: String,
}

/// A past attempt on the home page.
pub struct PastAttempt {
    pub id: i64,
    pub unit: String,
    pub mode: &'static str,
    pub started: String,
    pub finished: bool,
    pub score: String,
    pub criteria: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "web/home.html")]
pub struct HomePage {
    pub csrf: String,
    pub student: String,
    pub today: String,
    pub today_unit: Option<String>,
    /// An exam of today's unit is open: no practice of it now.
    pub exam_open: bool,
    pub quizzes: Vec<QuizLink>,
    pub past: Vec<PastAttempt>,
    pub due: Vec<String>,
}

/// The student's home.
pub fn home(p: &HomePage) -> Html<String> {
    render(p)
}

#[derive(Template)]
#[template(path = "web/practice.html")]
pub struct PracticePage {
    pub csrf: String,
    pub id: i64,
    pub unit: String,
    pub total: usize,
    pub answered: usize,
    /// Feedback of the answer just stored: (number, kind of result, text).
    pub feedback: Option<(usize, String, String)>,
    pub question: Option<QView>,
    pub error: String,
    pub beat_ms: u64,
}

/// One practice question (with the feedback of the previous answer).
pub fn practice(p: &PracticePage) -> Html<String> {
    render(p)
}

#[derive(Template)]
#[template(path = "web/exam.html")]
pub struct ExamPage {
    pub csrf: String,
    pub id: i64,
    pub unit: String,
    pub questions: Vec<QView>,
    pub answered: usize,
    /// Deadline (UTC, RFC 3339) and the local time shown.
    pub deadline: Option<(String, String)>,
    pub error: String,
    pub beat_ms: u64,
}

/// The whole exam form.
pub fn exam(p: &ExamPage) -> Html<String> {
    render(p)
}

/// A question on the results page.
pub struct ResultRow {
    pub num: usize,
    pub prompt: String,
    pub feedback: String,
    pub class: &'static str,
}

#[derive(Template)]
#[template(path = "web/results.html")]
pub struct ResultsPage {
    pub csrf: String,
    pub unit: String,
    pub mode: &'static str,
    pub criteria: Vec<(String, String, String)>,
    pub total: String,
    pub max: String,
    pub rows: Vec<ResultRow>,
    /// (number on the form, prompt excerpt) of the questions to review.
    pub review: Vec<(usize, String)>,
    pub needs_review: bool,
    pub note: String,
}

/// The results of a finished attempt.
pub fn results(p: &ResultsPage) -> Html<String> {
    render(p)
}

#[derive(Template)]
#[template(path = "web/teach.html")]
pub struct TeachPage {
    pub csrf: String,
    /// "w4d1s4 5개, ...": units with questions waiting for a signature, or "".
    pub drafts: String,
    pub quizzes: Vec<TeachQuiz>,
    pub units: Vec<String>,
    pub weeks: Vec<u32>,
    pub open: usize,
}

/// A quiz on the instructor's page.
pub struct TeachQuiz {
    pub id: i64,
    pub unit: String,
    pub mode: &'static str,
    pub count: usize,
    pub limit: String,
    pub students: String,
    pub opened: String,
    pub open: bool,
}

/// The instructor's home.
pub fn teach(p: &TeachPage) -> Html<String> {
    render(p)
}

/// A row of live progress.
#[derive(serde::Serialize)]
pub struct ProgressRow {
    pub student: String,
    /// The roster's name, or "".
    pub name: String,
    /// The student's attempt at this quiz (1, 2 ... ; 0: not started).
    pub attempt: usize,
    pub answered: usize,
    pub questions: usize,
    pub score: String,
    pub state: &'static str,
}

/// Facility of a question so far.
#[derive(serde::Serialize)]
pub struct FacilityRow {
    pub question: String,
    /// The start of its prompt (empty when it left the bank).
    pub prompt: String,
    pub answers: usize,
    pub facility: String,
}

#[derive(Template)]
#[template(path = "web/progress.html")]
pub struct ProgressPage {
    pub csrf: String,
    pub id: i64,
    /// The forms hold fewer questions than asked for, and why; or "".
    pub short: String,
    /// Attempts not finished (closing submits them: confirmed).
    pub in_progress: usize,
    pub unit: String,
    pub mode: &'static str,
    pub open: bool,
    pub rows: Vec<ProgressRow>,
    pub facility: Vec<FacilityRow>,
}

/// Live progress of an opened quiz.
pub fn progress(p: &ProgressPage) -> Html<String> {
    render(p)
}

/// An essay waiting for review.
pub struct ReviewItem {
    pub attempt: i64,
    pub position: usize,
    pub student: String,
    /// The roster's name, or "".
    pub name: String,
    /// The answer counts in its week's total (else a later one: marked).
    pub counts: bool,
    pub question: String,
    pub prompt: String,
    pub answer: String,
    pub found: String,
    pub concepts: String,
    pub suggested: String,
    pub max: String,
    /// No rubric: the instructor types the score.
    pub manual: bool,
    /// " (참고: file:line…)": where its expectations are written (see
    /// `cmd::review::where_from`), or "".
    pub source: String,
    /// The question's reference answer (`feedback`), or "".
    pub reference: String,
}

#[derive(Template)]
#[template(path = "web/review.html")]
pub struct ReviewPage {
    pub csrf: String,
    pub items: Vec<ReviewItem>,
    pub week: String,
    pub message: String,
}

/// The essay review queue.
pub fn review(p: &ReviewPage) -> Html<String> {
    render(p)
}

/// One student's row of the checklist form.
pub struct ChecklistRow {
    pub student: String,
    pub name: String,
    /// Per item: (field name, [(level, selected)]).
    pub cells: Vec<(String, Vec<(String, bool)>)>,
}

#[derive(Template)]
#[template(path = "web/checklist.html")]
pub struct ChecklistPage {
    pub csrf: String,
    pub week: u32,
    pub weeks: Vec<u32>,
    /// (id, text)
    pub items: Vec<(String, String)>,
    pub rows: Vec<ChecklistRow>,
    pub message: String,
}

/// Checklist levels per student.
pub fn checklist(p: &ChecklistPage) -> Html<String> {
    render(p)
}

/// A draft on the signing page.
pub struct SignItem {
    pub id: String,
    pub unit: String,
    pub kind: &'static str,
    /// The question as `quiz show` prints it (prompt, options, key, rubric).
    pub text: String,
    /// "file:line", or "" without a source.
    pub source: String,
    /// The document changed since extraction (or cannot be read), or "".
    pub warning: String,
    /// (line number, text, the question's own line) around the source line.
    pub lines: Vec<(usize, String, bool)>,
    /// The question as YAML to edit (or the instructor's refused edit).
    pub yaml: String,
    /// The edit box starts open (an edit was refused).
    pub editing: bool,
    /// Why the edit was refused, or "".
    pub error: String,
    /// `sign::mark` of the draft shown (sent back with a decision).
    pub seen: u64,
    /// What to look for in a question of its kind, or "".
    pub hint: String,
}

#[derive(Template)]
#[template(path = "web/sign.html")]
pub struct SignPage {
    pub csrf: String,
    /// The unit asked for, or "" for the whole bank.
    pub unit: String,
    /// Units with drafts: (unit, count).
    pub units: Vec<(String, usize)>,
    /// How many drafts match (`items` may show fewer).
    pub total: usize,
    pub items: Vec<SignItem>,
    /// Hidden questions of the unit: (id, unit, prompt excerpt).
    pub hidden: Vec<(String, String, String)>,
    pub message: String,
    /// The message says something was refused (shown in red).
    pub error: bool,
}

/// Drafts to read and sign.
pub fn sign(p: &SignPage) -> Html<String> {
    render(p)
}

#[derive(Template)]
#[template(path = "web/stats.html")]
pub struct StatsPage {
    pub unit: String,
    pub text: String,
}

/// Item statistics as `quiz stats` prints them.
pub fn stats(p: &StatsPage) -> Html<String> {
    render(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Choice;

    fn choices(ids: &[&str]) -> Vec<Choice> {
        ids.iter()
            .map(|id| Choice::new(*id, format!("text {id}")))
            .collect()
    }

    fn shown(kind: Kind) -> FormQuestion {
        FormQuestion {
            id: "q".into(),
            kind,
            prompt: "p".into(),
            points: 1.0,
            options: if kind == Kind::Multi {
                choices(&["b", "a", "c"])
            } else {
                Vec::new()
            },
            items: if kind == Kind::Order {
                choices(&["c", "a", "b"])
            } else {
                Vec::new()
            },
            left: if kind == Kind::Match {
                choices(&["l2", "l1"])
            } else {
                Vec::new()
            },
            right: if kind == Kind::Match {
                choices(&["r1", "r2"])
            } else {
                Vec::new()
            },
        }
    }

    /// What the page sends back for a view: the checked or selected values, or the text.
    fn sent(v: &QView) -> String {
        match v.kind {
            "multi" => v
                .options
                .iter()
                .filter(|o| o.checked)
                .map(|o| o.n.clone())
                .collect::<Vec<_>>()
                .join(" "),
            "match" => v
                .left
                .iter()
                .flat_map(|l| l.choices.iter().filter(|c| c.2).map(|c| c.0.clone()))
                .collect::<Vec<_>>()
                .join(" "),
            _ => v.text.clone(),
        }
    }

    #[test]
    fn a_saved_answer_shown_again_reads_back_as_the_same_answer() {
        let cases = [
            (
                Kind::Order,
                Given::Order(vec!["a".into(), "b".into(), "c".into()]),
            ),
            (Kind::Multi, Given::Multi(vec!["a".into(), "c".into()])),
            (
                Kind::Match,
                Given::Match(
                    [
                        ("l1".to_string(), "r2".to_string()),
                        ("l2".to_string(), "r1".to_string()),
                    ]
                    .into_iter()
                    .collect(),
                ),
            ),
        ];
        for (kind, given) in cases {
            let q = shown(kind);
            let v = question(3, 1, &q, Some(&given));
            assert!(v.saved);
            let back = crate::runner::parse_answer(&q, &sent(&v));
            let back = match (back, &given) {
                (Ok(Given::Multi(mut m)), Given::Multi(_)) => {
                    m.sort();
                    Ok(Given::Multi(m))
                }
                (b, _) => b,
            };
            assert_eq!(back, Ok(given), "{kind:?}");
        }
        // Order: display numbers of the items in the answer's order.
        let q = shown(Kind::Order);
        let v = question(
            0,
            1,
            &q,
            Some(&Given::Order(vec!["a".into(), "b".into(), "c".into()])),
        );
        assert_eq!(v.text, "2 3 1");
    }

    #[test]
    fn option_values_are_display_numbers_never_bank_ids() {
        let q = shown(Kind::Order);
        let v = question(0, 1, &q, None);
        let ns: Vec<&str> = v.options.iter().map(|o| o.n.as_str()).collect();
        assert_eq!(ns, ["1", "2", "3"]);
        let q = shown(Kind::Match);
        let v = question(0, 1, &q, None);
        assert_eq!(v.left[0].choices[1].0, "1-B");
        assert!(
            !v.left
                .iter()
                .any(|l| l.choices.iter().any(|c| c.0.contains('r')))
        );
    }
}
