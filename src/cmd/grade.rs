//! `quiz grade [PATHS...] [--responses FILE.csv]`: grade what is ungraded in the
//! gradebook, submission files of released forms, and long-format CSVs
//! (`student_id,question_id,answer`). Bad rows and files are reported with path
//! and line and skipped; everything else is graded, one transaction per file.

use super::report;
use crate::bank::Bank;
use crate::error::{Diagnostic, Error, Result};
use crate::fsutil::{display, files_with_ext};
use crate::grade::{self, Index, totals};
use crate::gradebook::Gradebook;
use crate::model::{Form, Submission};
use crate::score::{self, Response, Status};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What grading one input needs and what it adds to.
struct Grader<'a> {
    gb: Gradebook,
    index: Index<'a>,
    version: String,
    roster: HashSet<String>,
    /// Questions `quiz check` rejects (never served nor exported): an LMS's
    /// answers to them are not scored by a broken key.
    rejected: HashSet<String>,
    diags: Vec<Diagnostic>,
    t: Tally,
}

/// Counts for the summary.
#[derive(Default)]
struct Tally {
    files: usize,
    answers: usize,
    skipped: usize,
    already: usize,
    /// CSV rows stored by an earlier run (of this file or another), not again.
    known_rows: usize,
    review: usize,
    weeks: BTreeSet<u32>,
    /// Files read in an encoding other than UTF-8, for the summary.
    encodings: Vec<String>,
    /// (student, unit) of each attempt stored by this run: its results,
    /// keys included, are the student's to see from now on.
    graded: BTreeSet<(String, String)>,
    /// (student, question) of each CSV answer stored by this run: their
    /// units are closed too (a CSV attempt's unit is only its first row's
    /// week; trial of 2026-12-01).
    graded_questions: BTreeSet<(String, String)>,
    /// Students with an unfinished attempt when the run began: only theirs
    /// can need closing (the others' answers are not recorded for it: a
    /// million rows would be a million set entries).
    open_students: HashSet<String>,
}

/// Run `quiz grade`.
pub fn run(
    questions: &Path,
    rubrics: &Path,
    db: &Path,
    paths: &[PathBuf],
    csvs: &[PathBuf],
    out: &mut dyn Write,
) -> Result<()> {
    let (bank, diags) = Bank::load(questions, rubrics)?;
    let index = Index::new(&bank);
    let version = bank.version();
    let mut gb = Gradebook::open(db)?;
    let roster: HashSet<String> = gb.students()?.into_iter().map(|s| s.id).collect();
    let mut t = Tally {
        open_students: gb
            .open_attempts(None, None)?
            .into_iter()
            .map(|o| o.student)
            .collect(),
        ..Tally::default()
    };

    // 1. Whatever is in the gradebook without a score.
    let ungraded = gb.ungraded_rows()?;
    let plan = grade::regrade_plan(&ungraded, &index);
    t.answers += plan.len();
    gb.rescore(&plan, false)?;
    t.weeks.extend(plan.iter().filter_map(|c| c.week));

    // 2. Submission files.
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            files.extend(files_with_ext(p, &["yaml", "yml"])?);
        } else {
            files.push(p.clone());
        }
    }
    let rejected = {
        let mut quiet = Vec::new();
        let served: HashSet<&str> = crate::check::servable(&bank, &mut quiet)
            .into_iter()
            .map(|(_, q)| q.id.as_str())
            .collect();
        bank.questions()
            .filter(|(_, q)| !q.is_draft() && !q.is_hidden() && !served.contains(q.id.as_str()))
            .map(|(_, q)| q.id.clone())
            .collect()
    };
    let mut g = Grader {
        gb,
        index,
        version,
        roster,
        rejected,
        diags,
        t,
    };
    for f in &files {
        g.t.files += 1;
        submission(&mut g, f)?;
    }
    // 3. Long CSVs.
    for f in csvs {
        g.t.files += 1;
        csv_file(&mut g, f)?;
    }
    let Grader {
        mut gb,
        index,
        mut diags,
        t,
        ..
    } = g;
    let mut seen = t.graded.clone();
    for (student, qid) in &t.graded_questions {
        if let Some((f, _)) = bank.find(qid) {
            seen.insert((student.clone(), f.file.unit.clone()));
        }
    }
    let closed = close_seen_units(&mut gb, &bank, &seen)?;

    let (errors, _) = report(&mut diags);
    let io = |e| Error::io("stdout", e);
    let mut s = crate::table::new(["", "수"]);
    s.add_row(vec!["파일".to_string(), t.files.to_string()]);
    s.add_row(vec!["채점한 답안".to_string(), t.answers.to_string()]);
    s.add_row(vec!["검토 대기".to_string(), t.review.to_string()]);
    s.add_row(vec![
        "건너뜀 (메시지 참고)".to_string(),
        t.skipped.to_string(),
    ]);
    s.add_row(vec!["이미 채점한 파일".to_string(), t.already.to_string()]);
    s.add_row(vec!["이미 저장된 행".to_string(), t.known_rows.to_string()]);
    writeln!(out, "{s}").map_err(io)?;
    for line in &t.encodings {
        writeln!(out, "{line}").map_err(io)?;
    }
    if closed > 0 {
        writeln!(
            out,
            "끝나지 않은 응시 {closed}개를 닫았습니다: 같은 단원의 채점 결과가 정답을 보여 주므로 (그때까지의 답은 그대로 셉니다)."
        )
        .map_err(io)?;
    }
    let students = gb.student_count()?;
    if students > MAX_TABLE_STUDENTS {
        let weeks: Vec<String> = t.weeks.iter().map(|w| w.to_string()).collect();
        writeln!(out, "학생 {students}명: 주차별 결과는 quiz report --week N 으로 내보내세요 (채점한 주차: {}).", weeks.join(", ")).map_err(io)?;
    } else {
        for week in &t.weeks {
            print_totals(&gb, &bank, &index, *week, out)?;
        }
    }
    if errors > 0 || t.skipped > 0 {
        return Err(Error::Problems {
            count: errors.max(t.skipped),
        });
    }
    Ok(())
}

/// Closes every unfinished attempt (exam or practice) of a student whose
/// unit overlaps one this run graded for them (`w1` and `w1d1`): the graded
/// attempt's results show its keys, so nothing may be answered afterwards
/// in an attempt that started earlier and so counts first (attack of
/// 2026-12-01: an exam left open in the terminal was finished in the browser
/// with the keys of a graded released form). What was answered stays; the
/// rest is unanswered, as `quiz attempts close` stores it. Returns how many.
fn close_seen_units(
    gb: &mut Gradebook,
    bank: &Bank,
    graded: &BTreeSet<(String, String)>,
) -> Result<usize> {
    let today = chrono::Local::now().date_naive();
    let mut closed = 0;
    let students: BTreeSet<&str> = graded.iter().map(|(s, _)| s.as_str()).collect();
    for s in students {
        for o in gb.open_attempts(Some(s), None)? {
            let overlaps = graded
                .iter()
                .any(|(gs, u)| gs == s && crate::bank::units_overlap(u, &o.unit));
            if overlaps && crate::attempt::close(gb, bank, o.id, today)?.is_some() {
                closed += 1;
            }
        }
    }
    Ok(closed)
}

/// Above this many students the totals table is not printed (use reports).
const MAX_TABLE_STUDENTS: usize = 200;

/// Per-student totals of a week (used by grade and regrade).
pub fn print_totals(
    gb: &Gradebook,
    bank: &Bank,
    index: &Index<'_>,
    week: u32,
    out: &mut dyn Write,
) -> Result<()> {
    let Some(r) = bank.rubrics.get(&week) else {
        return Ok(());
    };
    let mut rows = gb.score_rows()?;
    rows.extend(crate::attempt::on_screen_rows(gb, bank)?);
    let checklist = gb.checklist(week)?;
    let lookup = |id: &str| index.with_week(id);
    let tot = totals::week_totals(&r.rubric, &rows, &checklist, &lookup);
    if tot.len() > MAX_TABLE_STUDENTS {
        return writeln!(
            out,
            "{week}주차: 학생 {}명 — 학생별 결과는 quiz report --week {week}로 내보내세요.",
            tot.len()
        )
        .map_err(|e| Error::io("stdout", e));
    }
    let mut t = crate::table::new(["학번", "주차", "총점(%)", "퀴즈", "체크리스트", "검토 대기"]);
    let f = crate::runner::fmt_points;
    for (s, w) in &tot {
        t.add_row(vec![
            s.clone(),
            format!("{week}"),
            w.total_percent(&r.rubric)
                .map_or_else(|| "-".to_string(), |p| format!("{:.1}", p)),
            format!("{}/{}", f(w.quiz.points), f(w.quiz.max)),
            format!("{}/{}", f(w.checklist.points), f(w.checklist.max)),
            w.needs_review.to_string(),
        ]);
    }
    writeln!(out, "{week}주차\n{t}").map_err(|e| Error::io("stdout", e))
}

fn submission(g: &mut Grader<'_>, path: &Path) -> Result<()> {
    let Grader {
        gb,
        index,
        version: _,
        roster,
        diags,
        t,
        ..
    } = g;
    let shown = display(path);
    let text = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            diags.push(Diagnostic::error(
                &shown,
                0,
                0,
                format!("읽을 수 없습니다: {e}; 파일을 건너뜀"),
            ));
            t.skipped += 1;
            return Ok(());
        }
    };
    let sub: Submission = match crate::yaml::parse(&shown, &text) {
        Ok(s) => s,
        Err(mut d) => {
            d.message = format!("{}; 파일을 건너뜀", d.message);
            diags.push(d);
            t.skipped += 1;
            return Ok(());
        }
    };
    let loc = crate::yaml::Locator::new(&text);
    let line_of = |q: &str| {
        text.lines()
            .position(|l| {
                l.trim_start().trim_start_matches("- ").trim() == format!("question: {q}")
            })
            .map_or(0, |i| i + 1)
    };
    if sub.submitted_at.is_none() {
        diags.push(Diagnostic::error(
            &shown,
            loc.top_key("answers").map_or(1, |p| p.0),
            1,
            "아직 제출하지 않은 파일입니다 (submitted_at 없음); 파일을 건너뜀",
        ));
        t.skipped += 1;
        return Ok(());
    }
    if !roster.is_empty() && !roster.contains(&sub.student) {
        diags.push(Diagnostic::error(
            &shown,
            loc.top_key("student").map_or(1, |p| p.0),
            1,
            format!(
                "학생 `{}`은(는) 명단에 없습니다; 파일을 건너뜀",
                sub.student
            ),
        ));
        t.skipped += 1;
        return Ok(());
    }
    // Graded against the gradebook's record of the form only.
    let at_key = |k: &str| loc.top_key(k).map_or((1, 1), |p| p);
    let refuse = |diags: &mut Vec<Diagnostic>, key: &str, why: String| {
        let (line, col) = at_key(key);
        diags.push(Diagnostic::error(
            &shown,
            line,
            col,
            format!("{why}; 파일을 거부했습니다"),
        ));
    };
    let record = match gb.form_record(&sub.form_id)? {
        Some(r) if r.origin == "release" => r,
        _ => {
            refuse(
                diags,
                "form_id",
                format!(
                    "시험지 `{}`은(는) 이 성적부에서 배포한 적이 없습니다",
                    sub.form_id
                ),
            );
            t.skipped += 1;
            return Ok(());
        }
    };
    let form = record.form;
    if form.student != sub.student || form.unit != sub.unit || form.seed != sub.seed {
        let (key, why) = if form.student != sub.student {
            (
                "student",
                format!(
                    "시험지 `{}`은(는) `{}`에게 배포되었습니다 (`{}` 아님)",
                    sub.form_id, form.student, sub.student
                ),
            )
        } else if form.unit != sub.unit {
            (
                "unit",
                format!(
                    "시험지 `{}`의 단원은 `{}`입니다 (`{}` 아님)",
                    sub.form_id, form.unit, sub.unit
                ),
            )
        } else {
            (
                "seed",
                format!(
                    "seed {}은(는) 시험지 `{}`의 seed가 아닙니다",
                    sub.seed, sub.form_id
                ),
            )
        };
        refuse(diags, key, why);
        t.skipped += 1;
        return Ok(());
    }
    let bulk = gb.bulk()?;
    // What this file says, checked against the form. Its messages are kept
    // apart: a file graded before (the same answers) reports nothing again.
    let mut found: Vec<Diagnostic> = Vec::new();
    let graded_at = crate::gradebook::now();
    // An answer's time decides which answer counts as the latest: it must
    // lie between the form's release and now, or it is corrected (reported).
    let time =
        |found: &mut Vec<Diagnostic>, raw: &str, (line, col): (usize, usize)| match checked_time(
            raw,
            &record.created_at,
            &graded_at,
        ) {
            Ok(at) => at,
            Err((why, at)) => {
                found.push(Diagnostic::error(
                    &shown,
                    line,
                    col,
                    format!("{why}; 채점 시각 기준으로 {at}(으)로 기록했습니다"),
                ));
                at
            }
        };
    // The answer given to each position of the form.
    let mut given: Vec<Option<(Response, String)>> = vec![None; form.items.len()];
    // Positions whose answer is read the same however the bank changed since
    // the file was first graded (compared below): not a question removed
    // from the bank, not an answer that no longer maps to it.
    let mut sure: Vec<bool> = form
        .items
        .iter()
        .map(|it| index.get(&it.question).is_some())
        .collect();
    for a in &sub.answers {
        let line = line_of(&a.question);
        let Some(pos) = form.items.iter().position(|it| it.question == a.question) else {
            found.push(Diagnostic::error(
                &shown,
                line,
                1,
                format!(
                    "문항 `{}`은(는) 시험지 `{}`에 없습니다; 답을 무시했습니다",
                    a.question, sub.form_id
                ),
            ));
            continue;
        };
        if given[pos].is_some() {
            found.push(Diagnostic::error(
                &shown,
                line,
                1,
                format!("문항 `{}`에 두 번 답했습니다; 답을 건너뜀", a.question),
            ));
            continue;
        }
        let at_place = loc.key(line, "answered_at").unwrap_or((line, 1));
        let Some((q, ..)) = index.get(&a.question) else {
            // Removed from the bank since the release: dropped below.
            let at = time(&mut found, &a.answered_at, at_place);
            given[pos] = Some((Response::Skipped, at));
            continue;
        };
        match grade::untoken(q, &form.items[pos].tokens, &a.response) {
            Ok(r) => match grade::answers::check_response(r) {
                Ok(r) => {
                    let at = time(&mut found, &a.answered_at, at_place);
                    given[pos] = Some((r, at));
                }
                Err(why) => {
                    found.push(Diagnostic::error(
                        &shown,
                        line,
                        1,
                        format!("{why}; 답을 건너뜀"),
                    ));
                    t.skipped += 1;
                }
            },
            Err(why) => {
                found.push(Diagnostic::error(
                    &shown,
                    line,
                    1,
                    format!("{why}; 답을 건너뜀"),
                ));
                sure[pos] = false;
            }
        }
    }
    let submitted = time(
        &mut found,
        sub.submitted_at.as_deref().unwrap_or_default(),
        loc.top_key("submitted_at").unwrap_or((1, 1)),
    );
    // A question left out counts as unanswered: 0 of its points.
    let given: Vec<(Response, String)> = given
        .into_iter()
        .map(|g| g.unwrap_or_else(|| (Response::Skipped, submitted.clone())))
        .collect();
    // One form, one graded submission: the same answers again (the folder
    // graded again, a copy) change nothing; different answers for a form
    // already graded (a second try, an edited copy) are refused.
    // `quiz take --form` writes an answer (a skip too) for every question
    // it showed before it writes submitted_at: a submitted file with none
    // was not made by it, and graded it would stand for the student's real
    // submission (attack of 2026-12-01: a forged empty file locked the real
    // one out).
    if sub.answers.is_empty() {
        diags.push(Diagnostic::error(
            &shown,
            loc.top_key("answers").map_or(1, |p| p.0),
            1,
            "답이 하나도 없는 제출입니다 (quiz take --form은 건너뛴 문제도 적습니다); 파일을 건너뜀",
        ));
        t.skipped += 1;
        return Ok(());
    }
    if let Some(stored) = bulk.form_answers(&sub.form_id)? {
        let same = stored.len() == given.len()
            && stored
                .iter()
                .zip(&given)
                .enumerate()
                .all(|(i, ((pos, text, _), (r, _)))| {
                    *pos == i && (!sure[i] || *text == crate::yaml::response_to_string(r))
                });
        if same {
            t.already += 1;
        } else {
            refuse(
                diags,
                "form_id",
                format!(
                    "시험지 `{}`의 제출은 이미 채점되었고 이 파일의 답은 그와 다릅니다 (다시 낸 제출)",
                    sub.form_id
                ),
            );
            t.skipped += 1;
        }
        return Ok(());
    }
    t.skipped += found.len();
    diags.extend(found);
    let attempt = bulk.attempt(&sub.student, &sub.unit, "submission", &sub.form_id, &form)?;
    if t.open_students.contains(&sub.student) {
        t.graded.insert((sub.student.clone(), sub.unit.clone()));
    }
    for (i, (item, (r, at))) in form.items.iter().zip(given).enumerate() {
        let o = match index.get(&item.question) {
            Some((q, week, rules)) => {
                if let Some(w) = week {
                    t.weeks.insert(*w);
                }
                score::score(q, &r, rules)
            }
            None => score::Outcome::dropped(),
        };
        bulk.response(
            attempt,
            i,
            &item.question,
            &crate::yaml::response_to_string(&r),
            &at,
            o.points,
            o.max,
            o.status,
        )?;
        t.answers += 1;
        if o.status == Status::NeedsReview {
            t.review += 1;
        }
    }
    bulk.commit()
}

/// Accepted names of the responses CSV's student column.
pub const STUDENT_HEADERS: &[&str] = &["student_id", "학번"];
/// Accepted names of the question column.
pub const QUESTION_HEADERS: &[&str] = &["question_id", "문항", "문제"];
/// Accepted names of the answer column.
pub const ANSWER_HEADERS: &[&str] = &["answer", "답안", "답", "응답"];

fn csv_file(g: &mut Grader<'_>, path: &Path) -> Result<()> {
    let Grader {
        gb,
        index,
        version,
        roster,
        rejected,
        diags,
        t,
    } = g;
    let shown = display(path);
    // First pass (csvfile::open_stream): a content hash (the file's identity, so
    // it is never graded twice), the encoding, line endings and an unterminated
    // quote; the second pass streams the rows.
    let stream = crate::csvfile::open_stream(path)?;
    if stream.encoding.is_notable() {
        t.encodings
            .push(format!("{shown}: {}로 읽었습니다", stream.encoding.name()));
    }
    if let Some(u) = stream.unterminated {
        diags.push(Diagnostic::error(
            &shown,
            u.line,
            u.col,
            u.message(crate::csvfile::Kind::Responses),
        ));
        t.skipped += 1;
    }
    let file_id = stream.file_id.as_str();
    // csv reports a CRLF record's line one short (the LF is read with the next record).
    let fix = usize::from(stream.crlf);
    let bar = indicatif::ProgressBar::new(stream.size);
    if stream.size < 5_000_000 {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let reader = stream.reader;
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(stream.delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(reader);
    let headers = rdr
        .byte_headers()
        .map_err(|e| Error::Usage(format!("{shown}: {e}")))?
        .clone();
    let col = |names: &[&str]| {
        headers.iter().position(|h| {
            // NFD Hangul (macOS) names the same column.
            let h = crate::text::nfc_cow(&String::from_utf8_lossy(h)).into_owned();
            names.iter().any(|n| h.trim().eq_ignore_ascii_case(n))
        })
    };
    let (Some(sc), Some(qc), Some(ac)) = (
        col(STUDENT_HEADERS),
        col(QUESTION_HEADERS),
        col(ANSWER_HEADERS),
    ) else {
        diags.push(Diagnostic::error(
            &shown,
            1,
            1,
            format!(
                "머리글에 학번 열({}), 문항 열({}), 답 열({})이 있어야 합니다; 있는 열: {}; 파일을 건너뜀",
                STUDENT_HEADERS.join(", "),
                QUESTION_HEADERS.join(", "),
                ANSWER_HEADERS.join(", "),
                headers
                    .iter()
                    .map(String::from_utf8_lossy)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
        t.skipped += 1;
        return Ok(());
    };
    let bulk = gb.bulk()?;
    /// Per student in this file: attempt and its next position, questions answered (bitset).
    struct Seen {
        attempt: Option<(i64, usize)>,
        answered: Vec<u64>,
        /// Identities of the rows stored into the attempt, by position.
        keys: Vec<u128>,
    }
    // Every CSV row stored before, from any file (see `csv_row_key`).
    let known_keys = bulk.csv_keys_known()?;
    let mut students: HashMap<String, Seen> = HashMap::new();
    let mut question_no: HashMap<&str, usize> = HashMap::new();
    let mut rec = csv::ByteRecord::new();
    let (mut known, mut stored) = (0usize, 0usize);
    bulk.responses(|insert| {
        loop {
            match rdr.read_byte_record(&mut rec) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    diags.push(Diagnostic::error(
                        &shown,
                        line,
                        0,
                        format!("읽을 수 없는 행입니다: {e}; 행을 건너뜀"),
                    ));
                    t.skipped += 1;
                    continue;
                }
            }
            let line = rec.position().map_or(0, |p| p.line() as usize + fix);
            if line.is_multiple_of(65_536) {
                bar.set_position(rec.position().map_or(0, |p| p.byte()));
            }
            let field = |i: usize| rec.get(i).map(String::from_utf8_lossy);
            let (Some(s), Some(qid), Some(ans)) = (field(sc), field(qc), field(ac)) else {
                diags.push(Diagnostic::error(
                    &shown,
                    line,
                    0,
                    "열이 모자란 행입니다; 행을 건너뜀",
                ));
                t.skipped += 1;
                continue;
            };
            let (s, qid) = (s.trim(), qid.trim());
            // An option's text in NFD Hangul (macOS) is the same text.
            let ans = if matches!(crate::text::nfc_cow(&ans), std::borrow::Cow::Borrowed(_)) {
                ans
            } else {
                std::borrow::Cow::Owned(crate::text::nfc_cow(&ans).into_owned())
            };
            if !crate::roster::valid_id(s) || (!roster.is_empty() && !roster.contains(s)) {
                diags.push(Diagnostic::error(
                    &shown,
                    line,
                    sc + 1,
                    format!("{s}: 명단에 없는 학번입니다; 행을 건너뜀"),
                ));
                t.skipped += 1;
                continue;
            }
            let Some((q, week, rules)) = index.get(qid) else {
                diags.push(Diagnostic::error(
                    &shown,
                    line,
                    qc + 1,
                    format!("{qid}: 문제 은행에 없는 문항입니다; 행을 건너뜀"),
                ));
                t.skipped += 1;
                continue;
            };
            if rejected.contains(q.id.as_str()) {
                diags.push(Diagnostic::error(
                    &shown,
                    line,
                    qc + 1,
                    format!(
                        "{qid}: quiz check가 거부한 문항이라 채점하지 않았습니다 (quiz check로 고친 뒤 다시 채점하세요); 행을 건너뜀"
                    ),
                ));
                t.skipped += 1;
                continue;
            }
            let next_q = question_no.len();
            let qn = *question_no.entry(q.id.as_str()).or_insert(next_q);
            let st = match students.get_mut(s) {
                Some(st) => st,
                None => students.entry(s.to_string()).or_insert(Seen {
                    attempt: None,
                    answered: Vec::new(),
                    keys: Vec::new(),
                }),
            };
            let (word, bit) = (qn / 64, 1u64 << (qn % 64));
            if st.answered.get(word).is_some_and(|w| w & bit != 0) {
                diags.push(Diagnostic::error(
                    &shown,
                    line,
                    qc + 1,
                    format!("`{s}`이(가) `{qid}`에 두 번째로 답했습니다; 행을 건너뜀"),
                ));
                t.skipped += 1;
                continue;
            }
            if let Err(why) = grade::answers::check_length(&ans) {
                diags.push(Diagnostic::error(
                    &shown,
                    line,
                    ac + 1,
                    format!("{why}; 행을 건너뜀"),
                ));
                t.skipped += 1;
                continue;
            }
            let r = match grade::answers::parse(q, &ans) {
                Ok(r) => r,
                Err(why) => {
                    diags.push(Diagnostic::error(
                        &shown,
                        line,
                        ac + 1,
                        format!("{why}; 행을 건너뜀"),
                    ));
                    t.skipped += 1;
                    continue;
                }
            };
            if st.answered.len() <= word {
                st.answered.resize(word + 1, 0);
            }
            st.answered[word] |= bit;
            // A row stored before (from this file graded earlier, or any file)
            // is never stored again: its score, maybe an instructor's, stands.
            // Known identities are kept in memory: no query per row.
            let answer = crate::yaml::response_to_string(&r);
            // Rows of this file need not join the set: a student answering
            // a question twice in one file was refused above.
            let key = crate::gradebook::csv_row_key(s, &q.id, &answer);
            if known_keys.contains(&key) {
                known += 1;
                continue;
            }
            let (attempt, pos) = match st.attempt {
                Some(a) => a,
                None => {
                    // A student's attempt is made with their first new row.
                    let unit = week.map_or_else(|| "csv".to_string(), |w| format!("w{w}"));
                    // The same file graded again after the bank changed (an
                    // answer reads differently now) already has this form id.
                    let mut form_id = format!("csv:{file_id}:{s}");
                    let mut n = 1;
                    while bulk.has_form(&form_id)? {
                        n += 1;
                        form_id = format!("csv:{file_id}:{s}:{n}");
                    }
                    let form = Form {
                        form_id: form_id.clone(),
                        unit: unit.clone(),
                        student: s.to_string(),
                        seed: 0,
                        bank_version: version.to_string(),
                        items: Vec::new(),
                    };
                    let id = bulk.attempt(s, &unit, "csv", &form_id, &form)?;
                    // Most students answer the questions seen so far.
                    st.keys = Vec::with_capacity(question_no.len());
                    (id, 0)
                }
            };
            st.attempt = Some((attempt, pos + 1));
            st.keys.push(key);
            let o = score::score(q, &r, rules);
            stored += 1;
            insert(
                attempt, pos, &q.id, &answer, None, o.points, o.max, o.status,
            )?;
            t.answers += 1;
            if t.open_students.contains(s) {
                t.graded_questions.insert((s.to_string(), q.id.clone()));
            }
            if o.status == Status::NeedsReview {
                t.review += 1;
            }
            if let Some(w) = week {
                t.weeks.insert(*w);
            }
        }
        Ok(())
    })?;
    // The identities of the rows stored, one record per attempt.
    for st in students.values() {
        if let Some((attempt, _)) = st.attempt {
            bulk.csv_keys_store(attempt, &st.keys)?;
        }
    }
    if stored == 0 && known > 0 {
        t.already += 1;
    }
    t.known_rows += known;
    bar.finish_and_clear();
    bulk.commit()
}

/// Week totals keyed by student, for callers that need numbers (tests, reports).
pub fn totals_by_student(
    gb: &Gradebook,
    bank: &Bank,
    week: u32,
) -> Result<BTreeMap<String, totals::WeekTotal>> {
    let index = Index::new(bank);
    let Some(r) = bank.rubrics.get(&week) else {
        return Ok(BTreeMap::new());
    };
    let mut rows = gb.score_rows()?;
    rows.extend(crate::attempt::on_screen_rows(gb, bank)?);
    let checklist = gb.checklist(week)?;
    let lookup = |id: &str| index.with_week(id);
    Ok(totals::week_totals(&r.rubric, &rows, &checklist, &lookup))
}

/// An answer time from a submission, as stored: RFC 3339 in UTC to the second
/// (so times compare as text), between `from` (the form's release) and `to`
/// (now). Otherwise why not, and the nearest time that is.
fn checked_time(raw: &str, from: &str, to: &str) -> std::result::Result<String, (String, String)> {
    use chrono::{DateTime, SecondsFormat, Utc};
    let utc = |s: &str| DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc));
    let fmt = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let (Ok(lo), Ok(hi)) = (utc(from), utc(to)) else {
        return Ok(raw.to_string());
    };
    match utc(raw) {
        Err(_) => Err((
            format!("시각 `{raw}`은(는) RFC 3339 시각이 아닙니다"),
            fmt(hi),
        )),
        // Compared to the second, as stored.
        Ok(t) if fmt(t) < fmt(lo) => Err((
            format!("시각 {raw}은(는) 시험지 배포({from}) 이전입니다"),
            fmt(lo),
        )),
        Ok(t) if fmt(t) > fmt(hi) => Err((format!("시각 {raw}은(는) 미래입니다"), fmt(hi))),
        Ok(t) => Ok(fmt(t)),
    }
}
