//! The rules that keep generated questions sensible (issue 12), pinned on
//! fixtures cut from the shipped curriculum (`tests/fixtures/rules/`): the
//! Kubernetes maturity model outline (Levels 1-5 with the same roles), a goal
//! list with technical names and one without, and a keyword list.

mod common;

use common::{copy_dir, quiz, quiz_in, root};
use quiz::extract::outline::parse_tree;
use quiz::model::{Answer, Kind, Question, QuestionFile};
use quiz::text::normalize;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

const SESSION: &str = "curriculum/week_02/day4/session_08.md";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/rules"), dir.path());
    let run = quiz(dir.path(), &["extract"]);
    assert!(run.code <= 1, "{}", run.stderr);
    dir
}

fn load(dir: &Path, rel: &str) -> QuestionFile {
    let path = dir.join("questions").join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    quiz::yaml::parse(&path.display().to_string(), &text).expect("parse")
}

fn right(q: &Question) -> &str {
    match &q.answer {
        Some(Answer::One(id)) => q
            .options
            .iter()
            .find(|o| &o.id == id)
            .map_or("", |o| o.text.as_str()),
        _ => "",
    }
}

fn wrong(q: &Question) -> Vec<&str> {
    let r = right(q);
    q.options
        .iter()
        .map(|o| o.text.as_str())
        .filter(|t| *t != r)
        .collect()
}

/// The maturity outline: (level label, role, items).
fn maturity() -> Vec<(String, String, Vec<String>)> {
    let md = std::fs::read_to_string(root().join("tests/fixtures/rules").join(SESSION))
        .expect("read fixture");
    let start = md.find("```\nKubernetes").expect("outline");
    let body = &md[start + 4..];
    let nodes = parse_tree(&body[..body.find("```").expect("fence end")], 1);
    let mut out = Vec::new();
    for n in nodes
        .iter()
        .filter(|n| n.depth == 1 && !n.children.is_empty())
    {
        let level = &nodes[n.parent.expect("level")];
        out.push((
            level.text.clone(),
            n.text.clone(),
            n.children.iter().map(|&c| nodes[c].text.clone()).collect(),
        ));
    }
    out
}

#[test]
fn a_category_label_is_never_an_option_item_or_answer() {
    let p = project();
    let f = load(p.path(), "week_02/day4/session_08.yaml");
    let labels: HashSet<String> = maturity()
        .iter()
        .flat_map(|(l, r, _)| [normalize(l), normalize(r)])
        .collect();
    assert!(labels.contains(&normalize("특징")) && labels.contains(&normalize("개선 방향")));
    for q in &f.questions {
        if q.tags.iter().any(|t| t == "outline-which") {
            continue; // options are the levels themselves: what it asks about
        }
        for text in q
            .options
            .iter()
            .chain(&q.items)
            .chain(&q.left)
            .chain(&q.right)
            .map(|c| c.text.as_str())
            .chain(right(q).split('\n'))
        {
            assert!(
                !labels.contains(&normalize(text)),
                "{}: `{text}` is a category",
                q.id
            );
        }
    }
    // No question asks which belongs to a level as a whole (its children are categories).
    assert!(
        !f.questions
            .iter()
            .any(|q| q.prompt.contains("(Basic Operations)」에 속하는")),
        "a level is asked about with its roles as options"
    );
}

#[test]
fn a_distractor_never_comes_from_inside_the_named_level() {
    let p = project();
    let f = load(p.path(), "week_02/day4/session_08.yaml");
    let tree = maturity();
    let mut checked = 0;
    for q in f
        .questions
        .iter()
        .filter(|q| q.tags.iter().any(|t| t == "outline-belongs"))
    {
        let label = q
            .prompt
            .split('「')
            .nth(1)
            .and_then(|x| x.split('」').next())
            .expect("label");
        let (level, role) = label.split_once(" > ").expect("level > role");
        // Everything inside the named level: right under the prompt, never a distractor.
        let inside: HashSet<String> = tree
            .iter()
            .filter(|(l, _, _)| l == level)
            .flat_map(|(_, _, items)| items.iter().map(|i| normalize(i)))
            .collect();
        for w in wrong(q) {
            assert!(
                !inside.contains(&normalize(w)),
                "{}: `{w}` is inside {level}",
                q.id
            );
        }
        assert!(
            tree.iter().any(|(l, r, items)| l == level
                && r == role
                && items.iter().any(|i| i == right(q)))
        );
        checked += 1;
    }
    // Level 1-5 × 특징 and Level 1-3 × 개선 방향: the roles every level shares.
    assert_eq!(checked, 8);
    // "Level 1의 특징" takes its distractors from the other levels' 특징 (the same role).
    let q = f
        .questions
        .iter()
        .find(|q| q.prompt == "다음 중 「Level 1: 기본 운영 (Basic Operations) > 특징」에 속하는 것을 고르시오.")
        .expect("Level 1 특징");
    let other_features: HashSet<&str> = tree
        .iter()
        .filter(|(l, r, _)| r == "특징" && !l.starts_with("Level 1"))
        .flat_map(|(_, _, items)| items.iter().map(String::as_str))
        .collect();
    for w in wrong(q) {
        assert!(
            other_features.contains(w),
            "{w} is not another level's 특징"
        );
    }
}

#[test]
fn parallel_levels_give_which_level_questions() {
    let p = project();
    let f = load(p.path(), "week_02/day4/session_08.yaml");
    let tree = maturity();
    let which: Vec<&Question> = f
        .questions
        .iter()
        .filter(|q| q.tags.iter().any(|t| t == "outline-which"))
        .collect();
    // 특징 is shared by five levels and 개선 방향 by three: one question per level and role.
    assert_eq!(which.len(), 8);
    for q in which {
        let item = q.prompt.split('\'').nth(1).expect("item");
        let role = q
            .prompt
            .split('「')
            .nth(2)
            .and_then(|x| x.split('」').next())
            .expect("role");
        let holders: Vec<&str> = tree
            .iter()
            .filter(|(_, r, items)| r == role && items.iter().any(|i| i == item))
            .map(|(l, _, _)| l.as_str())
            .collect();
        assert_eq!(holders, vec![right(q)], "{}", q.id);
        for o in &q.options {
            assert!(o.text.starts_with("Level "), "{}: {}", q.id, o.text);
        }
    }
}

#[test]
fn typed_recall_only_for_technical_names() {
    let p = project();
    let session = load(p.path(), "week_02/day4/session_08.yaml");
    let day = load(p.path(), "week_03/day5/README.yaml");
    for q in session.questions.iter().chain(&day.questions) {
        if let (Kind::Short | Kind::Cloze, Some(Answer::Many(acc))) = (&q.kind, &q.answer) {
            assert!(
                quiz::extract::is_technical_name(&acc[0]),
                "{}: typed `{}`",
                q.id,
                acc[0]
            );
        }
    }
    // On the day's goals every technical name is paired with another name on its
    // line (GitOps and ArgoCD, Helm and Kustomize): choices, not typed blanks.
    assert!(!day.questions.iter().any(|q| q.kind == Kind::Cloze));
    let paired: Vec<String> = day
        .questions
        .iter()
        .filter(|q| q.kind == Kind::Choice && q.tags.iter().any(|t| t == "goal"))
        .map(Question::answer_text)
        .collect();
    for name in ["GitOps", "ArgoCD", "Helm", "Kustomize"] {
        assert!(paired.iter().any(|a| a == name), "{name}: {paired:?}");
    }
    // The keyword list's labels are choices among each other.
    let kw: Vec<&Question> = session
        .questions
        .iter()
        .filter(|q| q.tags.iter().any(|t| t == "term-choice"))
        .collect();
    assert_eq!(kw.len(), 3, "{kw:#?}");
    let labels = ["운영 성숙도", "엔터프라이즈", "미래 기술", "자동화"];
    for q in kw {
        assert!(
            q.options.iter().all(|o| labels.contains(&o.text.as_str())),
            "{}",
            q.id
        );
    }
    // A goal line without a technical name: one choice for its longest term, no blanks.
    let goal: Vec<&Question> = session
        .questions
        .iter()
        .filter(|q| q.tags.iter().any(|t| t == "goal"))
        .collect();
    let lines: HashSet<usize> = goal
        .iter()
        .filter_map(|q| q.source.as_ref().map(|s| s.line))
        .collect();
    assert_eq!(goal.len(), lines.len(), "one question per goal line");
    assert!(goal.iter().all(|q| q.kind == Kind::Choice));
}

#[test]
fn the_right_option_is_spread_over_the_ids() {
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = 0;
    for entry in quiz::fsutil::files_with_ext(&root().join("questions"), &["yaml"]).expect("list") {
        let text = std::fs::read_to_string(&entry).expect("read");
        let f: QuestionFile = quiz::yaml::parse("bank", &text).expect("parse");
        for q in f
            .questions
            .iter()
            .filter(|q| q.kind == Kind::Choice && q.options.len() == 4)
        {
            if let Some(Answer::One(id)) = &q.answer {
                *by_id.entry(id.clone()).or_default() += 1;
                total += 1;
            }
        }
    }
    assert!(total > 200);
    for id in ["a", "b", "c", "d"] {
        let n = by_id.get(id).copied().unwrap_or(0);
        // A fair spread: each id within a third of its share.
        assert!(
            3 * n * 4 >= 2 * total && 3 * n * 4 <= 4 * total,
            "{by_id:?}"
        );
    }
}

#[test]
fn check_warns_about_categories_wrong_distractors_and_repeated_facts() {
    let p = project();
    let path = p.path().join("questions/week_02/day4/session_08.yaml");
    let clean = quiz(p.path(), &["check"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert!(
        clean.stdout.ends_with("오류 0개, 경고 0개\n"),
        "{}",
        clean.stdout
    );
    let mut f = load(p.path(), "week_02/day4/session_08.yaml");
    // An instructor's hand-made question: a role label as an option, a
    // distractor from inside the named level, and a copy of one fact.
    let mut q = f
        .questions
        .iter()
        .find(|q| q.prompt == "다음 중 「Level 1: 기본 운영 (Basic Operations) > 특징」에 속하는 것을 고르시오.")
        .expect("Level 1 특징")
        .clone();
    let r = right(&q).to_string();
    let key = match &q.answer {
        Some(Answer::One(id)) => id.clone(),
        _ => String::new(),
    };
    for (k, o) in q.options.iter_mut().filter(|o| o.id != key).enumerate() {
        o.text = ["개선 방향", "수동 배포 및 업데이트", "운영 효율성 향상"][k].to_string();
    }
    q.id = "w2d4s8-hand01".into();
    q.locked = true;
    f.questions.push(q);
    let text = quiz::yaml::to_string(&f, &[]).expect("yaml");
    std::fs::write(&path, text).expect("write");
    let run = quiz(p.path(), &["check"]);
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    let warnings: Vec<&str> = run.stderr.lines().collect();
    let file = "questions/week_02/day4/session_08.yaml";
    assert!(warnings.iter().any(|w| w.starts_with(file) && w.ends_with("경고: 문항 `w2d4s8-hand01`: `개선 방향`은(는) 분류의 이름(curriculum/week_02/day4/session_08.md:31)이지 그 항목이 아닙니다; 그 항목을 보기로 내세요")), "{}", run.stderr);
    assert!(warnings.iter().any(|w| w.ends_with("경고: 문항 `w2d4s8-hand01`: 오답 보기 `수동 배포 및 업데이트`이(가) 「Level 1: 기본 운영 (Basic Operations) > 특징」 또는 그 둘레 절 안에 있습니다; 문제대로라면 맞는 답입니다")), "{}", run.stderr);
    assert!(
        warnings.iter().any(|w| w.contains(
            "와(과) `w2d4s8-hand01`이(가) 같은 사실을 묻습니다 (curriculum/week_02/day4/session_08.md:25, 정답 `"
        ) && w.contains(&r)),
        "{}",
        run.stderr
    );
    assert!(
        warnings.iter().all(|w| w.starts_with(&format!("{file}:"))),
        "{}",
        run.stderr
    );
}

#[test]
fn hidden_questions_are_never_served_and_survive_re_extraction() {
    let p = project();
    let path = p.path().join("questions/week_03/day5/README.yaml");
    let mut f = load(p.path(), "week_03/day5/README.yaml");
    let n = f.questions.len();
    assert!(n >= 4);
    // Hide all but one: a quiz of the unit can only show that one.
    let keep = f.questions[0].id.clone();
    for q in f.questions.iter_mut().skip(1) {
        q.status = Some(quiz::model::Status::Hidden);
    }
    std::fs::write(&path, quiz::yaml::to_string(&f, &[]).expect("yaml")).expect("write");
    assert_eq!(quiz(p.path(), &["check"]).code, 0);

    // Re-extraction keeps the status (the rest of the file is as extract makes it).
    let run = quiz(p.path(), &["extract"]);
    assert!(run.code <= 1, "{}", run.stderr);
    let again = load(p.path(), "week_03/day5/README.yaml");
    assert_eq!(again.questions.len(), n);
    assert_eq!(
        again.questions.iter().filter(|q| q.is_hidden()).count(),
        n - 1
    );
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("status: hidden")
    );

    // take: one question, however many are asked for.
    let run = quiz_in(
        p.path(),
        &[
            "take",
            "w3d5",
            "--student",
            "s1",
            "--count",
            "10",
            "--mode",
            "exam",
        ],
        "?\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for q in again.questions.iter().skip(1) {
        assert!(!run.stdout.contains(&q.prompt), "hidden {} shown", q.id);
    }
    assert!(run.stdout.contains(&again.questions[0].prompt));
    assert!(
        run.stdout.contains("1/1") || run.stdout.contains("[1/1]"),
        "{}",
        run.stdout
    );

    // export: only the visible one; release: forms hold only the visible one.
    let run = quiz(p.path(), &["export", "--format", "gift", "w3d5"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!("::{keep}::")),
        "{}",
        run.stdout
    );
    for q in again.questions.iter().skip(1) {
        assert!(!run.stdout.contains(&q.id), "hidden {} exported", q.id);
    }
    std::fs::write(p.path().join("roster.csv"), "student_id,name\ns1,가\n").expect("roster");
    let run = quiz(
        p.path(),
        &[
            "release",
            "w3d5",
            "--roster",
            "roster.csv",
            "--out",
            "forms",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let form = std::fs::read_dir(p.path().join("forms"))
        .expect("forms")
        .filter_map(Result::ok)
        .map(|e| std::fs::read_to_string(e.path()).expect("read"))
        .next()
        .expect("a form");
    assert!(form.contains(&keep), "{form}");
    for q in again.questions.iter().skip(1) {
        assert!(!form.contains(&q.id), "hidden {} released", q.id);
    }
}

/// The four documents written for the review (`tests/fixtures/unseen`, course format, other
/// topics): check finds nothing, a name paired with another on a goal line is a choice, and a
/// typed term accepts the week's abbreviation or full name.
#[test]
fn unseen_documents_follow_the_rules() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/unseen"), dir.path());
    let run = quiz(dir.path(), &["extract"]);
    assert!(run.code <= 1, "{}", run.stderr);
    let check = quiz(dir.path(), &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stdout.ends_with("오류 0개, 경고 0개\n"),
        "{}",
        check.stdout
    );
    let docker = load(dir.path(), "week_01/day2/session_03.yaml");
    let entry = docker
        .questions
        .iter()
        .find(|q| q.prompt.contains("____과(와) CMD의 차이"))
        .expect("ENTRYPOINT blank");
    assert_eq!(entry.kind, Kind::Choice, "paired with CMD: not typed");
    assert_eq!(right(entry), "ENTRYPOINT");
    let storage = load(dir.path(), "week_04/day3/session_02.yaml");
    let pvc = storage
        .questions
        .iter()
        .find(|q| q.kind == Kind::Short && q.prompt.ends_with("Pod가 스토리지를 요청하는 선언"))
        .expect("PVC");
    assert_eq!(
        pvc.answer,
        Some(Answer::Many(vec![
            "PVC".into(),
            "PersistentVolumeClaim".into()
        ]))
    );
}

/// `quiz extract` prints, per unit, how many candidates each rule dropped.
#[test]
fn extract_prints_what_each_rule_dropped_per_unit() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/rules"), dir.path());
    let run = quiz(dir.path(), &["extract"]);
    assert!(run.code <= 1, "{}", run.stderr);
    let table = &run.stdout[run.stdout.find("┆ 규칙").expect("drop table")..];
    for row in [
        "│ w2d4s8 ┆ 분류만 있고 물을 항목이 없음       ┆ 5         │",
        "│ w2d4s8 ┆ 나란한 가지들이 공유하지 않는 역할 ┆ 7         │",
        "│ w2d4s8 ┆ 목표 문장에 일반 용어가 둘 이상    ┆ 2         │",
        "│ w3d5   ┆ 목표 문장에 일반 용어가 둘 이상    ┆ 4         │",
    ] {
        assert!(table.contains(row), "missing {row} in\n{table}");
    }
}
