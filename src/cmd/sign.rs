//! `quiz sign [UNIT] [--all | --id ID...] [--hide] [--list]`: an instructor reads the
//! questions `quiz extract` made (`status: draft`) and signs them (the status
//! goes: served from now on) or hides them (`status: hidden`).
//!
//! Interactive by default: each draft in full, with its source line, then
//! `y` signs, `e` edits (in the instructor's editor; the checked text
//! replaces the question, locked and signed), `h` hides, `s` skips, `q` quits. Every decision is written at
//! once (temp file + rename), so quitting or a closed terminal loses nothing
//! decided. Only the `status:` line of that question changes; the rest of the
//! file, comments and an instructor's edits included, stays byte for byte
//! (checked by parsing the result; a file where that line cannot be changed
//! alone is refused, with the line to edit by hand). A decision is written
//! into the file as it is at that moment, so another session's or an
//! editor's writes are kept. `--all` and `--id` check that no file they
//! would change is read-only before writing any.

use super::Paths;
use crate::bank::{Bank, LoadedFile, unit_matches};
use crate::error::{Error, Result};
use crate::fsutil::write_atomic;
use crate::model::{Question, QuestionFile, Status};
use crate::printable::escape;
use crate::yaml::{self, Locator};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::Arc;

/// What `quiz sign` was asked to do.
pub struct Options<'a> {
    /// Only units matching this prefix.
    pub unit: Option<&'a str>,
    /// Sign (or hide) every draft of the units without asking.
    pub all: bool,
    /// Sign (or hide) these questions without asking.
    pub ids: &'a [String],
    /// Hide instead of sign (with `all` or `ids`).
    pub hide: bool,
    /// Only list the drafts.
    pub list: bool,
}

/// A decision about one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Sign,
    Hide,
    /// Back to a draft, to be read again (the browser's undo of 숨김).
    Review,
}

impl Decision {
    fn status(self) -> Option<Status> {
        match self {
            Decision::Sign => None,
            Decision::Hide => Some(Status::Hidden),
            Decision::Review => Some(Status::Draft),
        }
    }

    /// The status line this decision writes, if any.
    fn line(self) -> Option<&'static str> {
        match self {
            Decision::Sign => None,
            Decision::Hide => Some("status: hidden"),
            Decision::Review => Some("status: draft"),
        }
    }
}

/// Run `quiz sign`.
pub fn run(
    paths: &Paths,
    o: &Options<'_>,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<()> {
    let io = |e| Error::io("terminal", e);
    let (bank, mut diags) = Bank::load(&paths.questions, &paths.rubrics)?;
    let (errors, _) = super::report(&mut diags);
    if bank.files.is_empty() && errors == 0 {
        return Err(Error::Usage(format!(
            "{}에 문항 파일이 없습니다; 먼저 `quiz extract`를 실행하세요",
            crate::fsutil::display(&paths.questions)
        )));
    }
    // A file that did not load is reported above: its questions are not found.
    let unread = if errors > 0 {
        " (위의 오류로 읽지 못한 파일에 있다면 그 오류를 먼저 고치세요)"
    } else {
        ""
    };
    if o.all && !o.ids.is_empty() {
        return Err(Error::Usage(
            "--all과 --id는 함께 쓸 수 없습니다: 단원 전체(--all) 또는 문항(--id) 중 하나를 고르세요"
                .into(),
        ));
    }
    if o.hide && !o.all && o.ids.is_empty() {
        return Err(Error::Usage(
            "--hide는 --all 또는 --id와 함께 씁니다 (대화형에서는 h로 숨깁니다)".into(),
        ));
    }
    // Every id named must be in the bank.
    for id in o.ids {
        match bank.find(id) {
            None => {
                return Err(Error::Usage(format!(
                    "문제 은행에 문항 `{id}`이(가) 없습니다{unread}"
                )));
            }
            // With a unit, every id must be of it.
            Some((f, _)) if o.unit.is_some_and(|u| !unit_matches(&f.file.unit, u)) => {
                return Err(Error::Usage(format!(
                    "문항 `{id}`은(는) 단원 {}의 문항이 아닙니다 (단원 {})",
                    o.unit.unwrap_or_default(),
                    f.file.unit
                )));
            }
            Some(_) => {}
        }
    }
    // A unit named must have files.
    if let Some(u) = o.unit
        && !bank.files.iter().any(|f| unit_matches(&f.file.unit, u))
    {
        return Err(Error::Usage(format!(
            "{}에 `{u}`에 맞는 단원이 없습니다",
            crate::fsutil::display(&paths.questions)
        )));
    }
    // Say what an --id finds: already signed, or hidden until now.
    for id in o.ids {
        if let Some((_, q)) = bank.find(id) {
            let note = match (q.status, o.hide) {
                (None, false) => Some("이미 승인된 문항입니다"),
                (Some(Status::Hidden), true) => Some("이미 숨긴 문항입니다"),
                (Some(Status::Hidden), false) => {
                    Some("숨긴 문항이었습니다: 이제 승인되어 다시 출제됩니다")
                }
                _ => None,
            };
            if let Some(note) = note {
                writeln!(out, "`{}`: {note}", escape(id)).map_err(io)?;
            }
        }
    }
    let wanted = |f: &LoadedFile, id: &str, draft: bool| -> bool {
        if !o.ids.is_empty() {
            o.ids.iter().any(|i| i == id)
        } else {
            draft && o.unit.is_none_or(|u| unit_matches(&f.file.unit, u))
        }
    };
    let todo: Vec<(&LoadedFile, &Question)> = bank
        .questions()
        .filter(|(f, q)| wanted(f, &q.id, q.is_draft()))
        .collect();
    if o.list {
        list(&todo, out)?;
    } else {
        let batch = o.all || !o.ids.is_empty();
        if batch {
            let d = if o.hide {
                Decision::Hide
            } else {
                Decision::Sign
            };
            // A read-only file that would change refuses the whole batch
            // before anything is written.
            for (f, q) in &todo {
                if q.status != d.status() {
                    writable(&f.path)?;
                }
            }
            // `--all` was a list of drafts: one decided elsewhere meanwhile is
            // left as decided there (and said). `--id` names the question.
            let expect = if o.all { Expect::Draft } else { Expect::Any };
            let mut n = 0;
            for (f, q) in &todo {
                match apply(&paths.questions, &f.path, &q.id, d, expect) {
                    Ok(changed) => n += usize::from(changed),
                    Err(Error::Usage(m)) if m.contains(MEANWHILE) => {
                        writeln!(out, "{}", escape(&m)).map_err(io)?;
                    }
                    Err(e) => return Err(e),
                }
            }
            writeln!(
                out,
                "문항 {n}개를 {}.",
                if o.hide {
                    "숨겼습니다"
                } else {
                    "승인했습니다"
                }
            )
            .map_err(io)?;
        } else {
            interactive(&paths.questions, &bank, &todo, input, out)?;
        }
        // Counted again from the files: another session may have decided too.
        let left = crate::check::drafts(&Bank::load(&paths.questions, &paths.rubrics)?.0, o.unit);
        match o.unit {
            Some(u) => writeln!(out, "단원 {}의 남은 검토 전 문항: {left}개", escape(u)),
            None => writeln!(out, "문제 은행 전체의 남은 검토 전 문항: {left}개"),
        }
        .map_err(io)?;
    }
    // A bank file that did not load was reported: the work on the others is
    // done, and the exit code says there were problems.
    if errors > 0 {
        return Err(Error::Problems { count: errors });
    }
    Ok(())
}

/// The drafts to sign, a row each (id, kind, source line, prompt).
fn list(todo: &[(&LoadedFile, &Question)], out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io("terminal", e);
    let mut t = crate::table::new(["id", "유형", "원문", "문제"]);
    for (_, q) in todo {
        let src = q
            .source
            .as_ref()
            .map_or(String::new(), |s| format!("{}:{}", s.file, s.line));
        t.add_row(
            [
                q.id.clone(),
                crate::runner::kind_label(q.kind).to_string(),
                src,
                crate::attempt::excerpt(&q.prompt),
            ]
            .iter()
            .map(|c| crate::printable::cell(c))
            .collect::<Vec<_>>(),
        );
    }
    writeln!(out, "{t}").map_err(io)?;
    writeln!(out, "검토 전 문항 {}개", todo.len()).map_err(io)
}

/// What the status of a question must be when a decision is written: the
/// one the instructor saw. Another instructor, a terminal session or an
/// editor may have decided since; the decision is then refused and says so
/// rather than silently undoing theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Whatever it is (`--id`, `--all`: the instructor named it).
    Any,
    /// Still a draft (a list of drafts was read).
    Draft,
    /// Still a draft, and still as the instructor read it ([`mark`] of the
    /// question shown): an editor, `quiz extract` or another instructor may
    /// have changed its key or options since.
    DraftAs(u64),
    /// Still hidden (a list of hidden questions was read).
    Hidden,
}

impl Expect {
    /// Refuse a decision about `q` (as the file holds it now) that was made
    /// about something else.
    fn check(self, q: &Question) -> Result<()> {
        let status_ok = match self {
            Expect::Any => true,
            Expect::Draft | Expect::DraftAs(_) => q.status == Some(Status::Draft),
            Expect::Hidden => q.status == Some(Status::Hidden),
        };
        if !status_ok {
            return Err(decided_meanwhile(&q.id, q.status));
        }
        match self {
            Expect::DraftAs(m) if mark(q) != m => Err(Error::Usage(format!(
                "문항 `{}`의 내용이 {MEANWHILE} 바뀌었습니다; 이 결정은 적지 않았습니다. 바뀐 문항을 다시 읽고 정하세요",
                q.id
            ))),
            _ => Ok(()),
        }
    }
}

/// A question's content as read (its status aside), for [`Expect::DraftAs`].
pub fn mark(q: &Question) -> u64 {
    let mut plain = q.clone();
    plain.status = None;
    let text = yaml::to_string(&plain, &[]).unwrap_or_else(|_| format!("{plain:?}"));
    crate::extract::fnv1a(text.as_bytes())
}

/// Words of every [`decided_meanwhile`] refusal (the interactive session
/// says it and goes on; other refusals end it).
const MEANWHILE: &str = "그사이에 다른 곳(다른 강사, 터미널, 편집기)에서";

/// The refusal when a question's status is no longer what was read.
fn decided_meanwhile(id: &str, now: Option<Status>) -> Error {
    let what = match now {
        None => "승인되었습니다",
        Some(Status::Hidden) => "숨겨졌습니다",
        Some(Status::Draft) => "검토 전으로 돌아갔습니다",
    };
    Error::Usage(format!(
        "문항 `{id}`은(는) {MEANWHILE} {what}; 이 결정은 적지 않았습니다. 목록을 새로 보고 다시 정하세요"
    ))
}

/// Sign (`hide` false: the status line goes) or hide (`status: hidden`)
/// question `id` in the bank file at `path`, as `quiz sign` does: only that
/// line changes, in the file as it is at this moment (under the change lock
/// of the bank folder `bank`, [`crate::fsutil::ChangeLock`]); a question whose status is not `expect`,
/// a read-only file, or one whose status line cannot be changed alone is
/// refused ([`Error::Usage`]). Whether the file changed.
pub fn set_status(bank: &Path, path: &str, id: &str, hide: bool, expect: Expect) -> Result<bool> {
    let d = if hide { Decision::Hide } else { Decision::Sign };
    apply(bank, path, id, d, expect)
}

/// Make a hidden question a draft again (`status: draft`), to be read and
/// signed like a new one; refused as [`set_status`] refuses.
pub fn unhide(bank: &Path, path: &str, id: &str) -> Result<bool> {
    apply(bank, path, id, Decision::Review, Expect::Hidden)
}

/// Set question `id`'s status in the file at `path` as the file is now
/// (another session or an editor may have written it since the bank was
/// read); whether it changed.
fn apply(bank: &Path, path: &str, id: &str, d: Decision, expect: Expect) -> Result<bool> {
    let _turn = crate::fsutil::lock_changes(bank)?;
    let now = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let (text, changed) = decide(path, &now, id, d, expect)?;
    if changed {
        writable(path)?;
        write_atomic(Path::new(path), text.as_bytes())?;
    }
    Ok(changed)
}

/// Refuse to write a bank file its owner made read-only.
fn writable(path: &str) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if m.permissions().readonly() => Err(Error::Usage(format!(
            "{path}은(는) 읽기 전용입니다: 쓰기 권한을 준 뒤 다시 하세요 (아무것도 바꾸지 않았습니다)"
        ))),
        _ => Ok(()),
    }
}

/// Where each question the curriculum makes now comes from: id -> (file,
/// line), for the curriculum folders the drafts cite (the path before its
/// `week_NN` folder), extracted in memory as `quiz extract` would. `None` for a
/// folder that cannot be read. Start with `Current::new()` and keep it for
/// every question of one reading.
pub type Current = HashMap<String, Option<Arc<Made>>>;

/// What a curriculum folder makes: question id -> (file, line).
pub type Made = HashMap<String, (String, usize)>;

/// Extractions of curriculum folders kept between readings (the browser's
/// sign page, where every decision shows the page again): one is used again
/// while no Markdown file under its folder changed (names, sizes and
/// modification times), so a page costs a folder walk, not an extraction.
#[derive(Default)]
pub struct CurrentCache(std::sync::Mutex<HashMap<String, Stamped>>);

/// A folder's extraction with the stamp of the documents it was made from.
type Stamped = (u64, Option<Arc<Made>>);

impl CurrentCache {
    /// `current` with the folders `questions` cite, from the cache when their
    /// documents are as they were.
    pub fn current<'q>(&self, questions: impl IntoIterator<Item = &'q Question>) -> Current {
        let mut current = Current::new();
        for q in questions {
            let Some(root) = q.source.as_ref().and_then(|s| curriculum_root(&s.file)) else {
                continue;
            };
            if current.contains_key(&root) {
                continue;
            }
            let stamp = folder_stamp(&root);
            // Held while extracting: a second page waits for this one's work.
            let mut cache = self.0.lock().unwrap_or_else(|e| e.into_inner());
            let made = match cache.get(&root) {
                Some((s, made)) if Some(*s) == stamp => made.clone(),
                _ => {
                    let made = extract_now(&root);
                    match stamp {
                        Some(s) => {
                            cache.insert(root.clone(), (s, made.clone()));
                        }
                        None => {
                            cache.remove(&root);
                        }
                    }
                    made
                }
            };
            current.insert(root, made);
        }
        current
    }
}

/// Names, sizes and modification times of the Markdown files under `root`,
/// hashed; `None` when the folder cannot be listed.
fn folder_stamp(root: &str) -> Option<u64> {
    let dir = if root.is_empty() { "." } else { root };
    let files = crate::fsutil::files_with_ext(Path::new(dir), &["md"]).ok()?;
    let mut text = String::new();
    for f in files {
        let m = std::fs::metadata(&f).ok();
        let time = m
            .as_ref()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let len = m.map_or(u64::MAX, |m| m.len());
        text.push_str(&format!("{}\0{len}\0{time}\n", f.display()));
    }
    Some(crate::extract::fnv1a(text.as_bytes()))
}

/// The curriculum folder a source path lies in: the part before `week_NN/`.
fn curriculum_root(file: &str) -> Option<String> {
    let p = Path::new(file);
    let mut root = std::path::PathBuf::new();
    for c in p.components() {
        let s = c.as_os_str().to_string_lossy();
        if s.starts_with("week_") && s[5..].chars().all(|c| c.is_ascii_digit()) && s.len() > 5 {
            return Some(crate::fsutil::display(&root));
        }
        root.push(c);
    }
    None
}

/// What the curriculum at `root` makes now (see [`Current`]).
fn extract_now(root: &str) -> Option<Arc<Made>> {
    let dir = if root.is_empty() { "." } else { root };
    let mut diags = Vec::new();
    let docs = super::extract::read_curriculum(Path::new(dir), &mut diags).ok()?;
    let made = crate::extract::extract(&docs);
    Some(Arc::new(
        made.files
            .into_iter()
            .flat_map(|(_, f)| f.questions)
            .filter_map(|q| {
                let s = q.source?;
                Some((q.id, (s.file, s.line)))
            })
            .collect(),
    ))
}

/// A question's source as the document is now: the lines around it and a
/// warning when the document no longer makes the question there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceView {
    /// The source file as the question cites it.
    pub file: String,
    /// The line shown as the question's (its new place when it moved).
    pub line: usize,
    /// Said before the lines: the question moved, is made no more, or the
    /// file cannot be read.
    pub warning: Option<String>,
    /// (line number, text) of up to 7 lines around `line`.
    pub lines: Vec<(usize, String)>,
}

/// The lines around a question's source line (3 before, 3 after), read from
/// the document as it is now, with a warning when the document no longer
/// makes the question there: it moved (the lines shown are its new place) or
/// it is made no more (run `quiz extract` first). `None` for a question with
/// no source.
pub fn source_view(current: &mut Current, q: &Question, project: &Path) -> Option<SourceView> {
    let src = q.source.as_ref()?;
    let mut v = SourceView {
        file: src.file.clone(),
        line: src.line,
        ..SourceView::default()
    };
    // Only course documents are shown: a bank file naming another file (by
    // hand), or a link in the curriculum to one, never gets its lines onto
    // the page. The file, links resolved, must be Markdown inside `project`.
    if !Path::new(&src.file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
    {
        v.warning = Some(format!(
            "원문 {}은(는) Markdown 문서가 아니라 보여 주지 않습니다",
            src.file
        ));
        return Some(v);
    }
    let inside = match (
        std::fs::canonicalize(&src.file),
        std::fs::canonicalize(project),
    ) {
        (Ok(file), Ok(root)) => {
            file.starts_with(&root)
                && file
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        }
        // Not found: said below, as before.
        (Err(_), _) => true,
        (Ok(_), Err(_)) => false,
    };
    if !inside {
        v.warning = Some(format!(
            "원문 {}은(는) 프로젝트 폴더 밖에 있어 보여 주지 않습니다",
            src.file
        ));
        return Some(v);
    }
    let Ok(text) = std::fs::read_to_string(&src.file) else {
        v.warning = Some(format!(
            "원문 {}을(를) 찾을 수 없습니다: 프로젝트 폴더에서 실행하세요",
            src.file
        ));
        return Some(v);
    };
    if let Some(root) = curriculum_root(&src.file) {
        let now = current
            .entry(root.clone())
            .or_insert_with(|| extract_now(&root));
        match now.as_ref().map(|m| m.get(&q.id)) {
            Some(Some((file, l))) if *file == src.file && *l != src.line => {
                v.warning = Some(format!(
                    "주의: 원문이 추출 뒤에 바뀌어 이 문항은 이제 {l}행에서 나옵니다; quiz extract를 실행하세요"
                ));
                v.line = *l;
            }
            Some(None) => {
                v.warning = Some(
                    "주의: 원문이 추출 뒤에 바뀌어 지금의 원문으로는 이 문항이 만들어지지 않습니다; 먼저 quiz extract를 실행하세요".into(),
                );
            }
            _ => {}
        }
    }
    let first = v.line.saturating_sub(3).max(1);
    v.lines = text
        .lines()
        .enumerate()
        .skip(first - 1)
        .take(7)
        .map(|(i, l)| (i + 1, l.trim_end().to_string()))
        .collect();
    Some(v)
}

/// The project folder of a bank folder (`questions` -> `.`): the documents
/// the bank cites lie in it.
pub fn project_of(bank: &Path) -> std::path::PathBuf {
    let abs = std::fs::canonicalize(bank).unwrap_or_else(|_| bank.to_path_buf());
    abs.parent()
        .map_or_else(|| std::path::PathBuf::from("."), Path::to_path_buf)
}

/// [`source_view`] as the terminal shows it (the line itself marked `>`).
fn excerpt(current: &mut Current, q: &Question, project: &Path) -> String {
    let Some(v) = source_view(current, q, project) else {
        return String::new();
    };
    let mut s = String::new();
    if let Some(w) = &v.warning {
        s.push_str(w);
        s.push('\n');
    }
    if v.lines.is_empty() && v.warning.is_some() {
        return s;
    }
    s.push_str("원문:\n");
    for (n, l) in &v.lines {
        let mark = if *n == v.line { '>' } else { ' ' };
        s.push_str(&format!("{mark} {n:>4} | {l}\n"));
    }
    s
}

/// What to look for before signing a question of this kind: the ways
/// questions of its generator failed when independent reviewers read them at
/// first sight (README "How questions are made", "Ninth round", "Tenth
/// round"). `None` for a question no generator tagged.
pub fn what_to_check(q: &Question) -> Option<String> {
    // A criterion guessed by similarity (no word of any criterion matched).
    let closest = if q
        .tags
        .iter()
        .any(|t| t == crate::extract::criteria::CLOSEST_TAG)
    {
        " 평가 기준(criterion)은 맞는 낱말이 없어 가장 비슷한 것으로 정했습니다: 맞는지 보세요."
    } else {
        ""
    };
    let kind = kind_check(q);
    match (kind, closest) {
        (None, "") => None,
        (k, c) => Some(format!("{}{c}", k.unwrap_or("")).trim().to_string()),
    }
}

/// What to look for in a question of its generator's kind.
fn kind_check(q: &Question) -> Option<&'static str> {
    let tag = q.tags.iter().find_map(|t| {
        [
            "arrow",
            "outline-aspect",
            "outline-belongs",
            "outline-not-belongs",
            "outline-which",
            "outline-order",
            "table-cell",
            "term",
            "discussion",
            "compare",
            "symptom",
        ]
        .into_iter()
        .find(|k| t == k)
    })?;
    Some(match tag {
        "arrow" | "outline-order" => {
            "순서가 하나뿐인지 보세요: 서로 바꿔도 되는 두 단계, 한 검사의 두 결과(실패 시/성공 시), 순서가 아니라 대안이나 정렬 기준인 나열, 단계 스스로 자리를 말하는 경우(번호, '이를 참조하는')는 고치거나 숨기세요."
        }
        "outline-aspect" => {
            "값이 보기 이름을 되풀이하거나 옮긴 말이 아닌지(이름만 보고 답할 수 있는지), 다른 보기에도 맞는 값이 아닌지 보세요."
        }
        "outline-belongs" | "outline-not-belongs" => {
            "오답 보기가 정말 그 묶음에 속하지 않는지(다른 이름으로 같은 것을 말하지 않는지), 보기가 한 종류·비슷한 길이인지 보세요."
        }
        "outline-which" => "그 항목이 다른 단계에도 해당하지 않는지 보세요.",
        "table-cell" => {
            "값의 모양(숫자, 단위, 코드)이 한 행에만 맞아 답이 드러나지 않는지, 다른 행도 그 값을 가질 수 있지 않은지 보세요."
        }
        "term" => {
            "설명이 이름을 풀어 쓰거나 옮긴 말이 아닌지, 학생이 그 철자를 쓸 수 있는지 보세요 (한글 표기, 약어, 대소문자는 채점이 받아 줍니다)."
        }
        "compare" => {
            "비교하는 대상들이 정말 견줄 만한 것인지, 고른 측면이 둘 다에 뜻이 있는지, 참고 답안이 맞고 물음에 답하는지 보세요 (강사가 참고 답안으로 채점합니다)."
        }
        "symptom" => {
            "증상만 보고 원인이 하나로 좁혀지는지(다른 원인도 맞다면 채점 때 인정할지), 참고 답안의 원인과 해결이 맞는지 보세요."
        }
        _ => "강사가 답안마다 점수를 매깁니다: 주제가 세션에서 다룬 것인지 보세요.",
    })
}

/// Ask about each draft in turn.
fn interactive(
    root: &Path,
    bank: &Bank,
    todo: &[(&LoadedFile, &Question)],
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<()> {
    let io = |e| Error::io("terminal", e);
    writeln!(out, "검토할 문항: {}개", todo.len()).map_err(io)?;
    let mut current = Current::new();
    let (mut signed, mut hidden) = (0, 0);
    'questions: for (n, (f, q)) in todo.iter().enumerate() {
        // The instructor's last edit of this question that did not go in
        // (opened again by the next `e`, so nothing typed is lost).
        let mut unsaved: Option<String> = None;
        let hint = what_to_check(q).map_or(String::new(), |h| format!("확인할 점: {h}\n"));
        writeln!(
            out,
            "\n[{}/{}]\n{}{}{hint}",
            n + 1,
            todo.len(),
            escape(&super::show::render_without_line(bank, &f.file.unit, q)),
            escape(&excerpt(&mut current, q, &project_of(root)))
        )
        .map_err(io)?;
        let d = loop {
            write!(
                out,
                "승인 y · 고쳐서 승인 e · 숨김 h · 건너뛰기 s · 종료 q > "
            )
            .map_err(io)?;
            out.flush().map_err(io)?;
            let mut line = String::new();
            if input.read_line(&mut line).map_err(io)? == 0 {
                writeln!(out).map_err(io)?;
                return finish(out, signed, hidden);
            }
            match line.trim() {
                "y" | "Y" => break Some(Decision::Sign),
                "h" | "H" => break Some(Decision::Hide),
                "s" | "S" | "" => break None,
                "q" | "Q" => return finish(out, signed, hidden),
                "e" | "E" => match edit(root, bank, f, q, &mut unsaved, out)? {
                    Edited::Signed => {
                        signed += 1;
                        continue 'questions;
                    }
                    Edited::Gone => continue 'questions,
                    Edited::Again => {}
                },
                _ => writeln!(out, "  y, e, h, s, q 중 하나를 입력하세요.").map_err(io)?,
            }
        };
        let Some(d) = d else {
            writeln!(out, "  건너뜀").map_err(io)?;
            continue;
        };
        match apply(root, &f.path, &q.id, d, Expect::DraftAs(mark(q))) {
            Ok(_) => {}
            // Decided elsewhere meanwhile: said, and the session goes on
            // with the next question.
            Err(Error::Usage(m)) if m.contains(MEANWHILE) => {
                writeln!(out, "  {}", escape(&m)).map_err(io)?;
                continue;
            }
            Err(e) => return Err(e),
        }
        match d {
            Decision::Sign => signed += 1,
            Decision::Hide => hidden += 1,
            // Not a key of the interactive session.
            Decision::Review => {}
        }
        let said = if d == Decision::Sign {
            "승인했습니다: 이제 출제됩니다"
        } else {
            "숨겼습니다"
        };
        writeln!(out, "  {said}").map_err(io)?;
    }
    finish(out, signed, hidden)
}

/// The first lines of the file an instructor edits (`e`).
const EDIT_HEADER: &[&str] = &[
    "고친 문항은 저장하면 승인되어 출제됩니다. locked: true가 붙어 quiz extract가 덮어쓰지 않습니다.",
    "id는 바꿀 수 없고, status와 locked는 쓰지 않습니다 (숨기려면 숨김을 고르세요).",
    "필드는 README의 \"The question bank format\"을 보세요.",
];

/// What became of an `e`.
enum Edited {
    /// Written, locked and signed.
    Signed,
    /// Not written: the instructor may edit again or choose another key.
    Again,
    /// Decided elsewhere meanwhile: on to the next question.
    Gone,
}

/// `e`: the question in the instructor's editor (`$VISUAL`, `$EDITOR`, else
/// `vi`); what comes back is checked as `quiz check` checks a bank, then
/// written in place of the question, locked (extract keeps it as written) and
/// signed. An edit that does not parse or check is said, kept in `unsaved`
/// for the next `e`, and nothing is written. When the question was decided
/// elsewhere meanwhile, the text typed is printed (to keep by hand) and the
/// session moves on.
fn edit(
    root: &Path,
    bank: &Bank,
    f: &LoadedFile,
    q: &Question,
    unsaved: &mut Option<String>,
    out: &mut dyn Write,
) -> Result<Edited> {
    let io = |e| Error::io("terminal", e);
    let original = editable(q)?;
    let start = unsaved.take().unwrap_or_else(|| original.clone());
    writeln!(
        out,
        "  편집기에서 고쳐 저장하고 닫으세요 (바꾸지 않고 닫으면 그대로 둡니다)."
    )
    .map_err(io)?;
    out.flush().map_err(io)?;
    let edited = match run_editor(&q.id, &start) {
        Ok(t) => t,
        Err(why) => {
            writeln!(out, "  {why}").map_err(io)?;
            *unsaved = Some(start);
            return Ok(Edited::Again);
        }
    };
    if edited == original {
        writeln!(out, "  바뀐 것이 없어 그대로 두었습니다.").map_err(io)?;
        return Ok(Edited::Again);
    }
    match sign_edited(root, bank, f, &q.id, &edited, Expect::DraftAs(mark(q))) {
        Ok(None) => {
            writeln!(out, "  이미 이 내용으로 고쳐 승인된 문항입니다.").map_err(io)?;
            Ok(Edited::Signed)
        }
        Ok(Some(notes)) => {
            // The question as it now stands, to see what was signed.
            if let Ok(mut now) = yaml::parse::<Question>("edit", &edited) {
                now.locked = true;
                now.status = None;
                writeln!(
                    out,
                    "{}",
                    escape(&super::show::render_without_line(bank, &f.file.unit, &now))
                )
                .map_err(io)?;
            }
            writeln!(
                out,
                "  고쳐서 승인했습니다. 이제 출제되고, quiz extract가 덮어쓰지 않습니다 (locked: true)."
            )
            .map_err(io)?;
            for n in notes {
                writeln!(out, "  참고: {}", escape(&n)).map_err(io)?;
            }
            Ok(Edited::Signed)
        }
        Err(Error::Usage(p)) if p.contains(MEANWHILE) => {
            writeln!(
                out,
                "  {}\n  고친 내용은 아래와 같습니다; 필요하면 파일에 직접 옮기고 locked: true를 쓰세요.\n{}",
                escape(&p),
                escape(&edited)
            )
            .map_err(io)?;
            Ok(Edited::Gone)
        }
        Err(Error::Usage(p)) => {
            writeln!(
                out,
                "  {}\n  저장하지 않았습니다. e로 고친 내용을 다시 열거나, s로 건너뛰세요.",
                escape(&p)
            )
            .map_err(io)?;
            *unsaved = Some(edited);
            Ok(Edited::Again)
        }
        Err(e) => Err(e),
    }
}

/// The instructor's new text of question `id` (one YAML mapping, as `e`
/// opens it) written in its place in `f`'s file, locked (extract keeps it as
/// written) and signed; see [`replace`]. A text that does not parse, changes
/// the id, sets `status` or `locked` itself, holds control characters, or
/// does not pass `check` is refused ([`Error::Usage`], with the line and
/// column in the text) and nothing is written. Returns `check`'s warnings
/// about the question (signed all the same: the instructor read it), or
/// `None` when the question already reads so (the same text sent twice).
pub fn sign_edited(
    root: &Path,
    bank: &Bank,
    f: &LoadedFile,
    id: &str,
    text: &str,
    expect: Expect,
) -> Result<Option<Vec<String>>> {
    let label = format!("고친 문항 {id}");
    // As long as any answer may be: a question is read on one screen.
    let n = text.chars().count();
    if n > crate::grade::answers::MAX_ANSWER_CHARS {
        return Err(Error::Usage(format!(
            "{label}: {n}자로 너무 깁니다 (최대 {}자)",
            crate::grade::answers::MAX_ANSWER_CHARS
        )));
    }
    let mut new = yaml::parse::<Question>(&label, text).map_err(|d| Error::Usage(d.to_string()))?;
    if new.id != id {
        return Err(Error::Usage(format!(
            "{label}: id는 바꿀 수 없습니다 (`{id}` → `{}`)",
            new.id
        )));
    }
    // The decision is the button (or key) chosen, never a line in the text.
    if new.status.is_some() || flags_locked_false(&label, text) {
        return Err(Error::Usage(format!(
            "{label}: status와 locked는 쓰지 마세요. 저장하면 승인되고 locked: true가 붙습니다; 숨기려면 숨김(h)을 고르세요"
        )));
    }
    // Where it came from is the document's fact, not the instructor's: it may
    // go (a question of one's own), never point elsewhere (the sign page
    // shows the lines it names).
    // (Its line may differ: `quiz extract` moves it when the document grows.)
    let was = f.file.questions.iter().find(|q| q.id == id);
    if let Some(src) = &new.source
        && was.and_then(|q| q.source.as_ref()).map(|s| &s.file) != Some(&src.file)
    {
        return Err(Error::Usage(format!(
            "{label}: source는 바꿀 수 없습니다 (지우는 것은 됩니다: 손으로 쓴 문항이 됩니다)"
        )));
    }
    if !new.points.is_finite() || new.rubric.iter().any(|c| !c.points.is_finite()) {
        return Err(Error::Usage(format!(
            "{label}: points는 유한한 수여야 합니다"
        )));
    }
    if let Some(field) = crate::check::control_characters(&new) {
        return Err(Error::Usage(format!(
            "{label}: {field}에 제어 문자나 글자 방향을 바꾸는 문자가 있습니다; 지우고 다시 저장하세요"
        )));
    }
    new.locked = true;
    new.status = None;
    replace(root, bank, f, &new, expect)
}

/// Whether the text says `locked: false` (parsed, not searched).
fn flags_locked_false(label: &str, text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Flags {
        #[serde(default)]
        locked: Option<bool>,
    }
    yaml::parse::<Flags>(label, text).is_ok_and(|f| f.locked == Some(false))
}

/// A question as the instructor edits it: one YAML mapping, without its
/// status and lock, under a header saying what happens on save.
pub fn editable(q: &Question) -> Result<String> {
    let mut plain = q.clone();
    plain.status = None;
    plain.locked = false;
    yaml::to_string(&plain, EDIT_HEADER)
}

/// Open `text` in the instructor's editor and return what was saved.
fn run_editor(id: &str, text: &str) -> std::result::Result<String, String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|e| !e.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let dir = tempfile_dir().map_err(|e| format!("임시 파일을 만들 수 없습니다: {e}"))?;
    let path = dir.join(format!("{id}.yaml"));
    std::fs::write(&path, text).map_err(|e| format!("임시 파일을 쓸 수 없습니다: {e}"))?;
    // As git runs its editor: through the shell, so `EDITOR="code --wait"` works.
    let status = if cfg!(windows) {
        std::process::Command::new(&editor).arg(&path).status()
    } else {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sh")
            .arg(&path)
            .status()
    };
    let back = std::fs::read_to_string(&path);
    let _ = std::fs::remove_dir_all(&dir);
    match status {
        Ok(s) if s.success() => back.map_err(|e| format!("고친 파일을 읽을 수 없습니다: {e}")),
        // The shell's "command not found".
        Ok(s) if s.code() == Some(127) && !cfg!(windows) => Err(format!(
            "편집기 `{editor}`를 찾을 수 없습니다: VISUAL 또는 EDITOR 환경 변수로 편집기를 정하세요 (예: EDITOR=nano)"
        )),
        Ok(s) => Err(format!(
            "편집기 `{editor}`가 실패로 끝났습니다 ({s}): 저장하지 않았습니다"
        )),
        Err(e) => Err(format!(
            "편집기 `{editor}`를 열 수 없습니다 ({e}): VISUAL 또는 EDITOR 환경 변수로 편집기를 정하세요"
        )),
    }
}

/// A fresh private folder for the file being edited.
fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    let base = std::env::temp_dir();
    for n in 0..1000u32 {
        let dir = base.join(format!("quiz-sign-{}-{n}", std::process::id()));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free name"))
}

/// Write `new` in place of the question of its id in `f`'s file, as the file
/// is now: only that question's lines change, and the result must parse to
/// the file with that one question replaced and pass `check` (the question
/// is served). [`Error::Usage`] says why not, and nothing is written.
fn replace(
    root: &Path,
    bank: &Bank,
    f: &LoadedFile,
    new: &Question,
    expect: Expect,
) -> Result<Option<Vec<String>>> {
    let path = f.path.as_str();
    let _turn = crate::fsutil::lock_changes(root)?;
    let now = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let before: QuestionFile = yaml::parse(path, &now).map_err(|d| Error::Usage(d.to_string()))?;
    let was = in_file(path, &before, &new.id)?;
    // The same text sent again (a page posted twice): done already.
    if was == new {
        return Ok(None);
    }
    expect.check(was)?;
    let mut want = before.clone();
    for q in want.questions.iter_mut().filter(|q| q.id == new.id) {
        *q = new.clone();
    }
    let block = yaml::to_string(&vec![new.clone()], &[])?;
    let text = replace_item(&now, &new.id, &block)
        .filter(|t| yaml::parse::<QuestionFile>(path, t).is_ok_and(|f| f == want))
        .ok_or_else(|| {
            Error::Usage(format!(
                "{path}: 문항 `{}`의 줄만 바꿀 수 없는 모양입니다 (id가 첫 필드가 아님, 흐름 표기 등); 파일을 직접 고치고 locked: true를 쓰세요",
                new.id
            ))
        })?;
    // Checked as the bank will be read: the edited question must be served.
    // Its file alone, with the week's rubrics, is enough (its id, the one
    // thing other files could clash with, cannot change).
    let trial = Bank {
        files: vec![LoadedFile {
            path: f.path.clone(),
            text: text.clone(),
            file: want,
        }],
        rubrics: bank.rubrics.clone(),
    };
    let mut diags = Vec::new();
    let kept = crate::check::servable(&trial, &mut diags)
        .iter()
        .any(|(tf, q)| tf.path == f.path && q.id == new.id);
    // The problems found on the edited question's lines.
    let at = Locator::new(&text).item(&new.id).map_or(0, |(l, _)| l);
    let lines = at..at + block.lines().count();
    if !kept {
        let why: Vec<String> = diags
            .iter()
            .filter(|d| d.path == f.path && lines.contains(&d.line))
            .map(|d| {
                d.message
                    .trim_end_matches("; 문항을 제외했습니다")
                    .to_string()
            })
            .collect();
        return Err(Error::Usage(format!(
            "고친 문항을 출제할 수 없습니다: {}",
            if why.is_empty() {
                "quiz check로 확인하세요".to_string()
            } else {
                why.join("; ")
            }
        )));
    }
    // What `quiz check` would warn about it (a prompt naming its key...):
    // said, and signed all the same, since the instructor wrote it.
    let mut checked = Vec::new();
    crate::check::check(&trial, &mut checked);
    let notes = checked
        .iter()
        .filter(|d| !d.is_error() && d.path == f.path && lines.contains(&d.line))
        .map(|d| d.message.clone())
        .collect();
    writable(path)?;
    write_atomic(Path::new(path), text.as_bytes())?;
    Ok(Some(notes))
}

/// `text` with the list item of question `id` (from its `- id:` line to the
/// line before the next item or the end of the list; comments and blank lines
/// after it stay) replaced by `block` (a one-item YAML list), indented as the
/// item was. `None` when the item does not start with its id.
fn replace_item(text: &str, id: &str, block: &str) -> Option<String> {
    let loc = Locator::new(text);
    let (line, col) = loc.item(id)?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let first = lines.get(line - 1)?;
    let dash = first.len() - first.trim_start().len();
    // The id must be the item's first key: "- id:" at the dash.
    if !first.trim_start().starts_with("- ") || col != dash + 3 {
        return None;
    }
    let mut end = line; // exclusive, 0-based index after the last line of the item
    for (i, l) in lines.iter().enumerate().skip(line) {
        let t = l.trim_start();
        if t.trim().is_empty() || t.starts_with('#') {
            continue;
        }
        let indent = l.len() - t.len();
        // The item's keys are indented past its dash; anything else ends it.
        if indent <= dash {
            break;
        }
        end = i + 1;
    }
    let pad = " ".repeat(dash);
    let eol = if first.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out: String = lines[..line - 1].concat();
    for l in block.lines() {
        out.push_str(&pad);
        out.push_str(l);
        out.push_str(eol);
    }
    out.push_str(&lines[end..].concat());
    Some(out)
}

fn finish(out: &mut dyn Write, signed: usize, hidden: usize) -> Result<()> {
    writeln!(out, "승인 {signed}개, 숨김 {hidden}개를 저장했습니다.")
        .map_err(|e| Error::io("terminal", e))
}

/// `text` (the file at `path`) with question `id`'s status set by `d`, and
/// whether it changed. Only the question's `status:` line is touched when the
/// result parses to the same file but that status; otherwise the parsed file
/// is written out whole.
fn decide(path: &str, text: &str, id: &str, d: Decision, expect: Expect) -> Result<(String, bool)> {
    let before: QuestionFile = yaml::parse(path, text).map_err(|d| Error::Usage(d.to_string()))?;
    let q = in_file(path, &before, id)?;
    if q.status == d.status() {
        return Ok((text.to_string(), false));
    }
    expect.check(q)?;
    let mut want = before.clone();
    for q in want.questions.iter_mut().filter(|q| q.id == id) {
        q.status = d.status();
    }
    if let Some(edited) = edit_line(text, id, d)
        && yaml::parse::<QuestionFile>(path, &edited).is_ok_and(|f| f == want)
    {
        return Ok((edited, true));
    }
    // Writing the file out whole would drop its comments and layout: the
    // instructor edits the one line instead.
    let wanted = match d.line() {
        None => "status 줄을 지우세요".to_string(),
        Some(l) => format!("{l}으로 쓰세요"),
    };
    Err(Error::Usage(format!(
        "{path}: 문항 `{id}`의 status 줄만 고칠 수 없는 모양입니다 (id 줄의 주석, 흐름 표기 등); 파일을 그대로 두었습니다. 직접 {wanted}"
    )))
}

/// Question `id` of the file at `path` as it is now, or the refusal when it
/// was taken out since the bank was read.
fn in_file<'f>(path: &str, file: &'f QuestionFile, id: &str) -> Result<&'f Question> {
    file.questions.iter().find(|q| q.id == id).ok_or_else(|| {
        Error::Usage(format!(
            "{path}: 문항 `{id}`이(가) 이제 파일에 없습니다 (다른 곳에서 지웠습니다)"
        ))
    })
}

/// The text with the `status:` line of question `id` removed (sign) or set to
/// `hidden` (hide), or added after the id line when there is none.
fn edit_line(text: &str, id: &str, d: Decision) -> Option<String> {
    let loc = Locator::new(text);
    let (item, col) = loc.item(id)?;
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    // The file's own line ending (Windows editors write CRLF).
    let eol = if lines.get(item - 1)?.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let indent = " ".repeat(col.saturating_sub(1));
    match (loc.key(item, "status"), d) {
        (Some((l, _)), d) => {
            let old = lines.get(l - 1)?;
            // A comment on the status line stays: after the new status, or
            // alone on its line when the status goes.
            let comment = old
                .trim_end()
                .split_once(" #")
                .map(|(_, c)| format!("#{c}"));
            let at = " ".repeat(old.len() - old.trim_start().len());
            let new = match (d.line(), comment) {
                (None, None) => String::new(),
                (None, Some(c)) => format!("{at}{c}{eol}"),
                (Some(s), None) => format!("{at}{s}{eol}"),
                (Some(s), Some(c)) => format!("{at}{s} {c}{eol}"),
            };
            *lines.get_mut(l - 1)? = new;
        }
        (None, d) => lines.insert(item, format!("{indent}{}{eol}", d.line()?)),
    }
    Some(lines.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# header\nunit: w1d1\ntitle: t\nsource: curriculum/week_01/day1/README.md\nquestions:\n- id: w1d1-aaaaaa\n  kind: truefalse\n  prompt: p # a comment\n  answer: true\n  status: draft\n- id: w1d1-bbbbbb\n  kind: truefalse\n  prompt: q\n  answer: false\n";

    #[test]
    fn signing_removes_only_the_status_line() {
        let (text, changed) =
            decide("f.yaml", FILE, "w1d1-aaaaaa", Decision::Sign, Expect::Any).expect("ok");
        assert!(changed);
        assert_eq!(text, FILE.replace("  status: draft\n", ""));
    }

    #[test]
    fn hiding_sets_the_status_line_or_adds_one() {
        let (text, _) =
            decide("f.yaml", FILE, "w1d1-aaaaaa", Decision::Hide, Expect::Any).expect("ok");
        assert_eq!(text, FILE.replace("status: draft", "status: hidden"));
        let (text, _) =
            decide("f.yaml", FILE, "w1d1-bbbbbb", Decision::Hide, Expect::Any).expect("ok");
        assert_eq!(
            text,
            FILE.replace(
                "- id: w1d1-bbbbbb\n",
                "- id: w1d1-bbbbbb\n  status: hidden\n"
            )
        );
    }

    #[test]
    fn a_decision_already_taken_changes_nothing() {
        let (text, changed) =
            decide("f.yaml", FILE, "w1d1-bbbbbb", Decision::Sign, Expect::Any).expect("ok");
        assert!(!changed);
        assert_eq!(text, FILE);
    }

    #[test]
    fn a_file_whose_status_line_cannot_be_edited_alone_is_refused() {
        let flow = "unit: w1d1\nquestions: [{id: w1d1-aaaaaa, kind: truefalse, prompt: p, answer: true, status: draft}]\n";
        let e = decide("f.yaml", flow, "w1d1-aaaaaa", Decision::Sign, Expect::Any);
        assert!(matches!(e, Err(Error::Usage(m)) if m.contains("직접 status 줄을 지우세요")));
    }

    #[test]
    fn a_comment_after_the_id_is_no_obstacle() {
        let file = FILE.replace("- id: w1d1-aaaaaa\n", "- id: w1d1-aaaaaa   # 메모 A\n");
        let (text, changed) =
            decide("f.yaml", &file, "w1d1-aaaaaa", Decision::Sign, Expect::Any).expect("ok");
        assert!(changed);
        assert_eq!(text, file.replace("  status: draft\n", ""));
    }

    #[test]
    fn an_edited_question_replaces_only_its_own_lines() {
        let file = format!(
            "{FILE}# 다음 문항 메모\n- id: w1d1-cccccc\n  kind: truefalse\n  prompt: r\n  answer: true\n"
        );
        let block = "- id: w1d1-bbbbbb\n  kind: truefalse\n  prompt: 고친 문장\n  answer: true\n  locked: true\n";
        let out = replace_item(&file, "w1d1-bbbbbb", block).expect("replaced");
        assert_eq!(
            out,
            file.replace(
                "- id: w1d1-bbbbbb\n  kind: truefalse\n  prompt: q\n  answer: false\n",
                block
            )
        );
        // The first item, with a comment inside it, keeps the header and the rest.
        let out = replace_item(
            &file,
            "w1d1-aaaaaa",
            "- id: w1d1-aaaaaa\n  kind: truefalse\n  prompt: p2\n  answer: true\n",
        )
        .expect("replaced");
        assert!(out.starts_with("# header\nunit: w1d1\n"));
        assert!(out.contains("- id: w1d1-aaaaaa\n  kind: truefalse\n  prompt: p2\n  answer: true\n- id: w1d1-bbbbbb\n"));
        assert!(out.contains("# 다음 문항 메모\n- id: w1d1-cccccc"));
        // An item whose id is not its first key is not edited in place.
        let other = "unit: w1d1\nquestions:\n- kind: truefalse\n  id: w1d1-aaaaaa\n  prompt: p\n  answer: true\n";
        assert_eq!(replace_item(other, "w1d1-aaaaaa", "- id: x\n"), None);
    }

    #[test]
    fn a_crlf_file_stays_crlf_and_a_comment_on_the_status_line_stays() {
        let crlf = FILE.replace('\n', "\r\n");
        let (text, _) =
            decide("f.yaml", &crlf, "w1d1-bbbbbb", Decision::Hide, Expect::Any).expect("ok");
        assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
        assert!(text.contains("- id: w1d1-bbbbbb\r\n  status: hidden\r\n"));
        let noted = FILE.replace("  status: draft\n", "  status: draft   # 김강사: 확인 중\n");
        let (text, _) =
            decide("f.yaml", &noted, "w1d1-aaaaaa", Decision::Hide, Expect::Any).expect("ok");
        assert!(
            text.contains("  status: hidden #김강사: 확인 중\n")
                || text.contains("  status: hidden # 김강사: 확인 중\n"),
            "{text}"
        );
        let (text, _) =
            decide("f.yaml", &noted, "w1d1-aaaaaa", Decision::Sign, Expect::Any).expect("ok");
        assert!(
            text.contains("  answer: true\n  # 김강사: 확인 중\n- id: w1d1-bbbbbb"),
            "{text}"
        );
    }

    #[test]
    fn a_decision_taken_elsewhere_meanwhile_is_not_written_over() {
        // Signed in another window since the list was read: hiding it now
        // as a draft is refused and says what happened.
        let signed = FILE.replace("  status: draft\n", "");
        let e = decide(
            "f.yaml",
            &signed,
            "w1d1-aaaaaa",
            Decision::Hide,
            Expect::Draft,
        );
        assert!(
            matches!(e, Err(Error::Usage(m)) if m.contains("그사이에") && m.contains("승인되었습니다"))
        );
        // The same decision taken twice is no conflict.
        let (_, changed) = decide(
            "f.yaml",
            &signed,
            "w1d1-aaaaaa",
            Decision::Sign,
            Expect::Draft,
        )
        .expect("ok");
        assert!(!changed);
    }

    /// Decisions on one file at the same moment (two instructors, a terminal
    /// and the server) are made one after the other: none is lost.
    #[test]
    fn simultaneous_decisions_on_one_file_are_all_kept() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("f.yaml");
        let mut text = String::from("unit: w1d1\nquestions:\n");
        for i in 0..12 {
            text.push_str(&format!(
                "- id: w1d1-{i:06}\n  kind: truefalse\n  prompt: p{i}\n  answer: true\n  status: draft\n"
            ));
        }
        std::fs::write(&path, text).expect("write");
        let path = path.display().to_string();
        let start = std::sync::Barrier::new(12);
        std::thread::scope(|s| {
            for i in 0..12 {
                let (path, start, root) = (&path, &start, dir.path());
                s.spawn(move || {
                    start.wait();
                    set_status(
                        root,
                        path,
                        &format!("w1d1-{i:06}"),
                        i % 2 == 1,
                        Expect::Draft,
                    )
                    .expect("decided")
                });
            }
        });
        let f: QuestionFile =
            yaml::parse("f", &std::fs::read_to_string(&path).expect("read")).expect("parse");
        for (i, q) in f.questions.iter().enumerate() {
            let want = if i % 2 == 1 {
                Some(Status::Hidden)
            } else {
                None
            };
            assert_eq!(q.status, want, "{}", q.id);
        }
    }

    #[test]
    fn each_generated_kind_says_what_to_check() {
        let f: QuestionFile = yaml::parse("f", FILE).expect("parse");
        let mut q = f.questions[0].clone();
        assert_eq!(what_to_check(&q), None);
        q.tags = vec!["criterion-closest".into(), "outline-aspect".into()];
        assert!(what_to_check(&q).is_some_and(|h| h.contains("보기 이름")));
        q.tags = vec!["arrow".into()];
        assert!(what_to_check(&q).is_some_and(|h| h.contains("순서가 하나뿐인지")));
        // A criterion guessed by similarity is named too, alone or after the kind.
        q.tags = vec!["criterion-closest".into()];
        assert!(what_to_check(&q).is_some_and(|h| h.starts_with("평가 기준(criterion)")));
        q.tags.push("term".into());
        assert!(what_to_check(&q).is_some_and(|h| h.contains("철자") && h.contains("평가 기준")));
    }

    #[test]
    fn only_markdown_sources_are_shown() {
        let f: QuestionFile = yaml::parse("f", FILE).expect("parse");
        let mut q = f.questions[0].clone();
        q.source = Some(crate::model::SourceRef {
            file: "/etc/passwd".into(),
            line: 1,
            heading: String::new(),
        });
        let v = source_view(&mut Current::new(), &q, Path::new(".")).expect("a view");
        assert!(v.lines.is_empty(), "{v:?}");
        assert!(
            v.warning
                .is_some_and(|w| w.contains("Markdown 문서가 아니라"))
        );
        // A Markdown file outside the project, named or behind a link in the
        // curriculum, is not shown either.
        let project = tempfile::tempdir().expect("project");
        let outside = tempfile::tempdir().expect("outside");
        let secret = outside.path().join("secret.md");
        std::fs::write(&secret, "line one\nline two\n").expect("secret");
        std::fs::create_dir_all(project.path().join("curriculum")).expect("mkdir");
        let link = project.path().join("curriculum/link.md");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&secret, &link).expect("symlink");
        for file in [secret.clone(), link] {
            q.source = Some(crate::model::SourceRef {
                file: file.display().to_string(),
                line: 1,
                heading: String::new(),
            });
            let v = source_view(&mut Current::new(), &q, project.path()).expect("a view");
            assert!(v.lines.is_empty(), "{file:?}: {v:?}");
            assert!(
                v.warning.is_some_and(|w| w.contains("프로젝트 폴더 밖")),
                "{file:?}"
            );
        }
        // Inside the project it is shown.
        let inside = project.path().join("curriculum/in.md");
        std::fs::write(&inside, "a\nb\n").expect("in");
        q.source = Some(crate::model::SourceRef {
            file: inside.display().to_string(),
            line: 2,
            heading: String::new(),
        });
        let v = source_view(&mut Current::new(), &q, project.path()).expect("a view");
        assert_eq!(v.lines, [(1, "a".to_string()), (2, "b".to_string())]);
    }

    /// The sign page's cache: the same extraction while the documents are
    /// unchanged, a new one (and the move said) once one changes.
    #[test]
    fn the_source_cache_follows_the_documents() {
        let project = tempfile::tempdir().expect("project");
        let doc = project.path().join("curriculum/week_02/day4/session_08.md");
        std::fs::create_dir_all(doc.parent().expect("parent")).expect("mkdir");
        let text = std::fs::read_to_string("curriculum/week_02/day4/session_08.md").expect("doc");
        std::fs::write(&doc, &text).expect("write");
        let root = project.path().join("curriculum").display().to_string();
        let made = extract_now(&root).expect("extracted");
        let (id, (file, line)) = made.iter().next().expect("a question");
        let f: QuestionFile = yaml::parse("f", FILE).expect("parse");
        let mut q = f.questions[0].clone();
        q.id = id.clone();
        q.source = Some(crate::model::SourceRef {
            file: file.clone(),
            line: *line,
            heading: String::new(),
        });
        let cache = CurrentCache::default();
        let first = cache.current([&q]);
        let again = cache.current([&q]);
        let of = |c: &Current| c.get(&root).cloned().flatten().expect("extracted");
        assert!(Arc::ptr_eq(&of(&first), &of(&again)), "unchanged: kept");
        let v = source_view(&mut again.clone(), &q, project.path()).expect("a view");
        assert_eq!(v.warning, None);
        // Two lines on top: the question is now two lines down, and said so.
        std::fs::write(&doc, format!("# 새 제목\n\n{text}")).expect("write");
        let now = cache.current([&q]);
        assert!(
            !Arc::ptr_eq(&of(&first), &of(&now)),
            "changed: extracted again"
        );
        let v = source_view(&mut now.clone(), &q, project.path()).expect("a view");
        assert_eq!(v.line, line + 2);
        assert!(
            v.warning
                .is_some_and(|w| w.contains(&format!("이제 {}행에서", line + 2))),
        );
    }

    #[test]
    fn the_curriculum_root_is_the_path_before_the_week() {
        let root = |p: &str| curriculum_root(p);
        assert_eq!(
            root("curriculum/week_04/day1/session_04.md").as_deref(),
            Some("curriculum")
        );
        assert_eq!(root("/a/b/week_12/README.md").as_deref(), Some("/a/b"));
        assert_eq!(root("week_01/README.md").as_deref(), Some(""));
        assert_eq!(root("notes/weekly.md"), None);
    }
}
