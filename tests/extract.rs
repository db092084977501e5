//! `quiz extract`, `quiz check`, `quiz list`, `quiz show` through the built binary.

mod common;

use common::{copy_dir, project_with_curriculum, quiz, root, tree};
use quiz::extract::markdown::{self, BlockKind};
use quiz::model::{Answer, Kind, QuestionFile, Rubric};
use quiz::text::{contains_normalized, normalize};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

fn load_file(path: &Path) -> QuestionFile {
    let text = std::fs::read_to_string(path).expect("read question file");
    quiz::yaml::parse(&path.display().to_string(), &text).expect("parse question file")
}

fn load_rubric(path: &Path) -> Rubric {
    let text = std::fs::read_to_string(path).expect("read rubric");
    quiz::yaml::parse(&path.display().to_string(), &text).expect("parse rubric")
}

const DOCS: [&str; 5] = [
    "week_02/day4/session_08",
    "week_03/day5/README",
    "week_03/day5/session_08",
    "week_05/README",
    "week_06/README",
];

#[test]
fn committed_bank_is_exactly_what_extract_produces() {
    let tmp = tempfile::tempdir().expect("tmp");
    let q = tmp.path().join("q");
    let r = tmp.path().join("r");
    let run = quiz(
        &root(),
        &[
            "extract",
            "curriculum",
            "--questions",
            q.to_str().expect("utf8"),
            "--rubrics",
            r.to_str().expect("utf8"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The committed bank is extract's output plus the instructors' review: the
    // questions they hid (`status: hidden`, README "Instructor review").
    // The committed bank is signed (README "Signing generated questions"):
    // a fresh extraction marks every question but the essays `status: draft`.
    let unhidden = |files: Vec<(String, Vec<u8>)>| -> Vec<(String, String)> {
        files
            .into_iter()
            .map(|(name, bytes)| {
                let text = String::from_utf8(bytes).expect("utf8");
                let kept: Vec<&str> = text
                    .split_inclusive('\n')
                    .filter(|l| !["  status: hidden", "  status: draft"].contains(&l.trim_end()))
                    .collect();
                (name, kept.concat())
            })
            .collect()
    };
    let committed = tree(&root().join("questions"));
    let hidden = committed
        .iter()
        .map(|(_, b)| {
            String::from_utf8_lossy(b)
                .matches("\n  status: hidden\n")
                .count()
        })
        .sum::<usize>();
    assert_eq!(hidden, 4, "README lists the hidden questions");
    let drafts = |files: &[(String, Vec<u8>)]| -> usize {
        files
            .iter()
            .map(|(_, b)| {
                String::from_utf8_lossy(b)
                    .matches("\n  status: draft\n")
                    .count()
            })
            .sum()
    };
    assert_eq!(drafts(&committed), 0, "the shipped bank is signed");
    assert_eq!(
        drafts(&tree(&q)),
        49,
        "a fresh extraction is unsigned, essays included (twelfth round)"
    );
    assert_eq!(
        unhidden(tree(&q)),
        unhidden(committed),
        "questions/ is stale: run `quiz extract`"
    );
    assert_eq!(
        tree(&r),
        tree(&root().join("rubrics")),
        "rubrics/ is stale: run `quiz extract`"
    );
}

#[test]
fn extract_twice_changes_no_byte_and_check_passes() {
    let p = project_with_curriculum();
    let first = quiz(p.path(), &["extract"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = tree(p.path());
    let second = quiz(p.path(), &["extract"]);
    assert_eq!(second.code, 0);
    assert!(
        second.stdout.contains("│ 쓴 파일          ┆ 0  │"),
        "{}",
        second.stdout
    );
    assert_eq!(tree(p.path()), before);
    let check = quiz(p.path(), &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(
        check.stdout,
        "문항 49개(파일 5개)와 루브릭 4개를 검사했습니다: 오류 0개, 경고 0개\n\
         검토 전(status: draft) 문항 49개는 강사가 읽고 승인해야 출제됩니다: quiz sign\n"
    );
}

#[test]
fn extract_summary_table() {
    let p = project_with_curriculum();
    let run = quiz(p.path(), &["extract"]);
    assert_eq!(run.code, 0);
    for row in [
        "│ 문서             ┆ 5  │",
        "│ 문항             ┆ 49 │",
        "│ 평가 기준        ┆ 17 │",
        "│ 체크리스트 항목  ┆ 18 │",
        "│ 쓴 파일          ┆ 9  │",
        "│ 경고             ┆ 1  │",
        // Made for the first time: every question waits for a signature.
        "│   검토 전        ┆ 49 │",
    ] {
        assert!(run.stdout.contains(row), "missing {row} in\n{}", run.stdout);
    }
    assert_eq!(
        run.stderr,
        "curriculum/week_02/day4/session_08.md: 경고: 2주차에 이해도 평가 목록이 없습니다; 하루에 평가 기준을 하나씩 만들었습니다\n"
    );
}

/// Counts per document and kind, asserted so that a generator change is seen.
#[test]
fn counts_per_document() {
    let mut got = BTreeMap::new();
    for d in DOCS {
        let f = load_file(&root().join("questions").join(format!("{d}.yaml")));
        let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
        for q in &f.questions {
            *by_kind.entry(q.kind.to_string()).or_default() += 1;
        }
        got.insert(d.to_string(), by_kind);
    }
    let expect = |pairs: &[(&str, usize)]| -> BTreeMap<String, usize> {
        pairs.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    };
    assert_eq!(
        got["week_02/day4/session_08"],
        expect(&[("choice", 22), ("essay", 1)])
    );
    assert_eq!(got["week_03/day5/README"], expect(&[]));
    assert_eq!(
        got["week_03/day5/session_08"],
        expect(&[("choice", 25), ("essay", 1)])
    );
    // Week overviews: no timetable orders, no day goals, no essays without a
    // rubric the document writes (issue 12, second review).
    assert_eq!(got["week_05/README"], expect(&[]));
    assert_eq!(got["week_06/README"], expect(&[]));
}

/// The properties every sample document must have.
#[test]
fn sample_documents_properties() {
    for d in DOCS {
        let md_path = root().join("curriculum").join(format!("{d}.md"));
        let md = std::fs::read_to_string(&md_path).expect("read md");
        let lines: Vec<&str> = md.lines().collect();
        let doc = markdown::parse(&md);
        let f = load_file(&root().join("questions").join(format!("{d}.yaml")));
        let src = format!("curriculum/{d}.md");
        assert_eq!(f.source.as_deref(), Some(src.as_str()));

        // A goal line gives questions only for its technical names; a day's
        // "🎯 목표" and a goal line without a technical name give none.
        let lines_with_questions: HashSet<usize> = f
            .questions
            .iter()
            .filter_map(|q| q.source.as_ref().map(|s| s.line))
            .collect();
        let mut goal_lines = 0;
        for b in &doc.blocks {
            let goal = doc.in_section(b.section, &["학습 목표"])
                && matches!(b.kind, BlockKind::Item { .. } | BlockKind::Para)
                && !quiz::extract::goals::terms_of(b).is_empty();
            let day_goal =
                quiz::extract::definition(b).is_some_and(|(t, _)| normalize(&t) == "목표");
            if goal || day_goal {
                goal_lines += 1;
                let technical = goal
                    && quiz::extract::goals::terms_of(b)
                        .iter()
                        .any(|t| quiz::extract::is_technical_name(t));
                if !technical {
                    assert!(
                        !lines_with_questions.contains(&b.line),
                        "{d}:{}: a question from a goal line without a technical name: {}",
                        b.line,
                        b.text
                    );
                }
            }
        }
        assert!(goal_lines >= 3, "{d}: only {goal_lines} goal lines found");

        for q in &f.questions {
            let s = q
                .source
                .as_ref()
                .expect("generated questions have a source");
            assert_eq!(s.file, src);
            let line = lines[s.line - 1];
            let prompt = q.prompt.replace("____", " ");
            match (&q.kind, &q.answer) {
                (Kind::Choice, Some(Answer::One(id))) => {
                    let answer = &q
                        .options
                        .iter()
                        .find(|o| &o.id == id)
                        .expect("answer option")
                        .text;
                    assert!(
                        !contains_normalized(&prompt, answer),
                        "{}: answer in prompt",
                        q.id
                    );
                    let mut seen = HashSet::new();
                    assert!(
                        q.options.iter().all(|o| seen.insert(normalize(&o.text))),
                        "{}: duplicate options",
                        q.id
                    );
                    assert!((3..=4).contains(&q.options.len()), "{}", q.id);
                    if q.tags.iter().any(|t| t == "outline-which") {
                        // which branch holds an item: cites the branch's role line,
                        // whose label the prompt names; the item is under it
                        let role = prompt
                            .split('「')
                            .nth(2)
                            .and_then(|x| x.split('」').next())
                            .expect("role");
                        assert!(
                            line.contains(role),
                            "{}: line {} lacks {role}",
                            q.id,
                            s.line
                        );
                    } else if q.tags.iter().any(|t| t.starts_with("outline")) {
                        // outline questions cite the group heading, which the prompt names
                        let label = prompt
                            .split('「')
                            .nth(1)
                            .and_then(|x| x.split('」').next())
                            .expect("label");
                        let group = label.rsplit(" > ").next().expect("group");
                        assert!(
                            line.contains(group),
                            "{}: line {} lacks group {group}",
                            q.id,
                            s.line
                        );
                    } else if q.tags.iter().any(|t| t == "outline-not-belongs") {
                        unreachable!()
                    } else {
                        assert!(
                            line.contains(answer.as_str()),
                            "{}: line {} lacks answer {answer}",
                            q.id,
                            s.line
                        );
                    }
                }
                (Kind::Cloze | Kind::Short, Some(Answer::Many(acc))) => {
                    for a in acc {
                        assert!(
                            !contains_normalized(&prompt, a),
                            "{}: answer {a} in prompt",
                            q.id
                        );
                    }
                    assert!(
                        line.contains(acc[0].as_str()),
                        "{}: line {} lacks {}",
                        q.id,
                        s.line,
                        acc[0]
                    );
                }
                (Kind::Order, Some(Answer::Many(ids))) => {
                    assert_eq!(ids.len(), q.items.len());
                    if q.tags.iter().any(|t| t == "arrow") {
                        for it in &q.items {
                            assert!(line.contains(it.text.as_str()), "{}: {}", q.id, it.text);
                        }
                    } else {
                        let label = prompt
                            .split('「')
                            .nth(1)
                            .and_then(|x| x.split('」').next())
                            .expect("label");
                        let group = label.rsplit(" > ").next().expect("group");
                        assert!(
                            line.contains(group),
                            "{}: line {} `{line}` lacks `{group}`",
                            q.id,
                            s.line
                        );
                    }
                }
                (Kind::Match, Some(Answer::Pairs(m))) => {
                    assert!(m.len() >= 2 && m.len() <= 5, "{}", q.id);
                    let label = prompt
                        .split('「')
                        .nth(1)
                        .and_then(|x| x.split('」').next())
                        .or_else(|| prompt.rsplit('(').next().map(|x| x.trim_end_matches(").")))
                        .expect("label");
                    let group = label.rsplit(" > ").next().expect("group");
                    assert!(
                        line.contains(group),
                        "{}: line {} `{line}` lacks `{group}`",
                        q.id,
                        s.line
                    );
                }
                (Kind::Essay, None) => {
                    // The rubric (possibly empty: every candidate was a word of
                    // the prompt) never exceeds the question's 1 to 5 points.
                    let sum: f64 = q.rubric.iter().map(|c| c.points).sum();
                    assert!(sum <= q.points, "{}", q.id);
                    assert!((1.0..=5.0).contains(&q.points), "{}", q.id);
                }
                other => panic!("{}: unexpected kind/answer {other:?}", q.id),
            }
            assert!(!q.criteria.is_empty(), "{}: no criteria", q.id);
        }
    }
}

#[test]
fn goal_lines_give_no_question() {
    // A goal line's blank would take its wrong options from the week's other
    // names (other kinds, or fitting too): its names are asked where the
    // document explains them (census of 2026-11-30).
    let f = load_file(&root().join("questions/week_03/day5/README.yaml"));
    for q in &f.questions {
        let line = q.source.as_ref().map_or(0, |s| s.line);
        assert!(!(7..=11).contains(&line), "{}: goal line {line}", q.id);
        assert!(!q.tags.iter().any(|t| t == "goal"), "{}", q.id);
    }
}

#[test]
fn week_rubrics_hold_the_documents_criteria_and_checklists() {
    let w5 = load_rubric(&root().join("rubrics/week_05.yaml"));
    let names: Vec<&str> = w5.criteria.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "아키텍처 설계",
            "API 관리",
            "데이터 관리",
            "CI/CD",
            "보안",
            "운영"
        ]
    );
    assert_eq!(w5.criteria[3].id, "cicd");
    assert_eq!(
        w5.criteria[3].description,
        "자동화된 파이프라인 구축과 배포 전략"
    );
    let items: Vec<&str> = w5.checklist.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        items,
        [
            "마이크로서비스 아키텍처 설계 및 구현",
            "API Gateway를 통한 통합 API 관리",
            "이벤트 기반 서비스 간 통신 구현",
            "GitHub Actions CI 파이프라인 구축",
            "ArgoCD GitOps CD 파이프라인 구축",
            "Blue-Green 또는 Canary 배포 전략 구현",
            "DevSecOps 보안 자동화 적용",
            "분산 추적과 모니터링 시스템 구축",
            "FinOps 비용 최적화 구현",
        ]
    );
    assert!(
        w5.checklist
            .iter()
            .all(|c| c.levels.len() == 3 && !c.criteria.is_empty())
    );
    assert_eq!(w5.indicators.len(), 7);
    assert!(
        w5.criteria_origin
            .starts_with("이해도 평가 (curriculum/week_05/README.md:")
    );

    let w6 = load_rubric(&root().join("rubrics/week_06.yaml"));
    let names: Vec<&str> = w6.criteria.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "최신 트렌드",
            "플랫폼 엔지니어링",
            "AI/MLOps",
            "지속가능성",
            "통합 역량"
        ]
    );
    let items: Vec<&str> = w6.checklist.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        items,
        [
            "Terraform IaC로 전체 인프라 관리",
            "Backstage 개발자 포털 구축 완료",
            "MLOps 파이프라인 구현",
            "OpenTelemetry 기반 관측성 구축",
            "AIOps 자동화 시스템 구현",
            "Green DevOps 메트릭 대시보드",
            "Zero Trust 보안 아키텍처 적용",
            "6주간 학습 내용 완전 통합",
            "실무 적용 가능한 포트폴리오 완성",
        ]
    );

    let w3 = load_rubric(&root().join("rubrics/week_03.yaml"));
    assert!(
        w3.criteria_origin
            .starts_with("Week 3 종합 성과 (curriculum/week_03/day5/README.md:"),
        "{}",
        w3.criteria_origin
    );
    assert_eq!(w3.criteria.len(), 5);
    let w2 = load_rubric(&root().join("rubrics/week_02.yaml"));
    assert!(w2.criteria_origin.starts_with("one criterion per day"));
    assert_eq!(w2.criteria.len(), 1);
}

fn ids_by_line(f: &QuestionFile) -> BTreeMap<usize, Vec<String>> {
    let mut m: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for q in &f.questions {
        m.entry(q.source.as_ref().map_or(0, |s| s.line))
            .or_default()
            .push(q.id.clone());
    }
    m
}

#[test]
fn changing_one_bullet_changes_only_its_questions() {
    let p = project_with_curriculum();
    assert_eq!(quiz(p.path(), &["extract"]).code, 0);
    let before_tree = tree(&p.path().join("questions"));
    let yaml = p.path().join("questions/week_03/day5/session_08.yaml");
    let before = load_file(&yaml);
    let md = p.path().join("curriculum/week_03/day5/session_08.md");
    let text = std::fs::read_to_string(&md).expect("md");
    // One item of the StatefulSet group: the questions about that group (they
    // cite its line) change; nothing else does.
    let group = text
        .lines()
        .position(|l| l.contains("├── StatefulSet과 상태 관리:"))
        .expect("group line")
        + 1;
    let edited = text.replacen("├── 순서 보장 배포\n", "├── 순서 보장 배포 실습\n", 1);
    assert_ne!(text, edited);
    std::fs::write(&md, edited).expect("write");
    assert_eq!(quiz(p.path(), &["extract"]).code, 0);
    let after = load_file(&yaml);
    let (b, a) = (ids_by_line(&before), ids_by_line(&after));
    assert!(
        !b.get(&group).is_none_or(Vec::is_empty),
        "the group has a question"
    );
    for (line, ids) in &b {
        if *line == group {
            assert!(
                ids.iter().all(|id| !a[line].contains(id)),
                "the group's questions must change"
            );
        } else {
            assert_eq!(Some(ids), a.get(line), "line {line} changed");
        }
    }
    let others = |f: &QuestionFile| -> Vec<quiz::model::Question> {
        f.questions
            .iter()
            .filter(|q| q.source.as_ref().is_some_and(|s| s.line != group))
            .cloned()
            .collect()
    };
    assert_eq!(others(&before), others(&after));
    // Other files: not a byte changed.
    let after_tree = tree(&p.path().join("questions"));
    for ((pb, bb), (pa, ba)) in before_tree.iter().zip(&after_tree) {
        assert_eq!(pb, pa);
        if pb != "week_03/day5/session_08.yaml" {
            assert_eq!(bb, ba, "{pb} changed");
        }
    }
}

#[test]
fn locked_questions_survive_and_stale_ones_are_reported() {
    let p = project_with_curriculum();
    assert_eq!(quiz(p.path(), &["extract"]).code, 0);
    let yaml = p.path().join("questions/week_03/day5/session_08.yaml");
    let mut f = load_file(&yaml);
    // Lock and edit a generated question, and hand-add one without source.
    let i = f
        .questions
        .iter()
        .position(|q| q.source.is_some())
        .expect("a generated question");
    let line = f.questions[i].source.as_ref().map_or(0, |s| s.line);
    f.questions[i].locked = true;
    f.questions[i].prompt = "강사가 고친 문장: ____과(와) Kustomize".into();
    let locked_id = f.questions[i].id.clone();
    let mut hand = quiz::model::Question::new(
        "w3d5s8-hand01",
        Kind::Truefalse,
        "Helm은 패키지 관리자이다.",
    );
    hand.answer = Some(Answer::Bool(true));
    f.questions.push(hand);
    std::fs::write(&yaml, quiz::yaml::to_string(&f, &[]).expect("yaml")).expect("write");
    // A hand-written file elsewhere.
    let mine = p.path().join("questions/custom/mine.yaml");
    std::fs::create_dir_all(mine.parent().expect("parent")).expect("mkdir");
    std::fs::write(&mine, "unit: w3\nquestions: []\n").expect("write");

    let run = quiz(p.path(), &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let g = load_file(&yaml);
    let q = g
        .questions
        .iter()
        .find(|q| q.id == locked_id)
        .expect("locked kept");
    assert_eq!(q.prompt, "강사가 고친 문장: ____과(와) Kustomize");
    assert!(g.questions.iter().any(|q| q.id == "w3d5s8-hand01"));
    assert_eq!(
        std::fs::read_to_string(&mine).expect("mine"),
        "unit: w3\nquestions: []\n"
    );

    // Now the source line changes: the locked question is kept and reported stale.
    let md = p.path().join("curriculum/week_03/day5/session_08.md");
    let text = std::fs::read_to_string(&md).expect("md");
    let changed: Vec<String> = text
        .split('\n')
        .enumerate()
        .map(|(n, l)| {
            if n + 1 == line {
                format!("{l} (실습)")
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&md, changed.join("\n")).expect("write");
    let run = quiz(p.path(), &["extract"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains(&format!(
            "questions/week_03/day5/session_08.yaml: 경고: 잠근 문항 `{locked_id}`의 원문(curriculum/week_03/day5/session_08.md:{line})이 바뀌었습니다; 문항을 검토하세요"
        )),
        "{}",
        run.stderr
    );
    let g = load_file(&yaml);
    assert!(g.questions.iter().any(|q| q.id == locked_id && q.locked));
}

#[test]
fn bad_documents_are_reported_and_the_rest_extracted() {
    let p = project_with_curriculum();
    let bad = p.path().join("curriculum/week_04/README.md");
    std::fs::create_dir_all(bad.parent().expect("parent")).expect("mkdir");
    std::fs::write(&bad, b"# Week 4\n\n## \xed\x95\x99\xff broken\n").expect("write");
    let run = quiz(p.path(), &["extract"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("curriculum/week_04/README.md:3:7: UTF-8이 아닙니다; 건너뜀"),
        "{}",
        run.stderr
    );
    assert!(p.path().join("questions/week_05/README.yaml").exists());
    assert!(!p.path().join("questions/week_04").exists());
}

#[test]
fn broken_existing_bank_file_is_not_overwritten() {
    let p = project_with_curriculum();
    let yaml = p.path().join("questions/week_05/README.yaml");
    std::fs::create_dir_all(yaml.parent().expect("parent")).expect("mkdir");
    std::fs::write(&yaml, "unit: w5\nquestions: [\n").expect("write");
    let run = quiz(p.path(), &["extract"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("questions/week_05/README.yaml:3:1: 잘못된 YAML:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("; 덮어쓰지 않았습니다"));
    assert_eq!(
        std::fs::read_to_string(&yaml).expect("read"),
        "unit: w5\nquestions: [\n"
    );
}

#[test]
fn existing_bank_file_that_is_not_utf8_is_reported_and_kept() {
    let p = project_with_curriculum();
    let yaml = p.path().join("questions/week_05/README.yaml");
    std::fs::create_dir_all(yaml.parent().expect("parent")).expect("mkdir");
    let bytes = b"unit: w5\ntitle: \xff\xfe\n".to_vec();
    std::fs::write(&yaml, &bytes).expect("write");
    let run = quiz(p.path(), &["extract"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("questions/week_05/README.yaml:2:8: UTF-8이 아닙니다; 덮어쓰지 않았습니다"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&yaml).expect("read"), bytes);
    // The other documents were extracted.
    assert!(p.path().join("questions/week_06/README.yaml").exists());
}

#[test]
fn format_drift_crlf_bom_numbered_and_tables() {
    let p = tempfile::tempdir().expect("tmp");
    let dir = p.path().join("curriculum/week_01/day2");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let md = "\u{feff}# Session 3: 컨테이너 기초\r\n\r\n이 세션은 **Week 1 > Day 3 > Session 3**입니다.\r\n\r\n## 🎯 학습 목표 (5분)\r\n1. **Docker** 이미지와 **컨테이너**의 차이 이해\r\n2. **레이어 캐시**를 활용한 빌드 최적화\r\n3. **볼륨**으로 데이터 유지\r\n\r\n## 핵심 용어\r\n| 용어 | 설명 |\r\n|---|---|\r\n| **Dockerfile** | 이미지를 만드는 명령 파일 |\r\n| Registry | 이미지를 올리고 내려받는 원격 보관 장소 |\r\n| Layer | 이미지를 이루는 읽기 전용 파일 시스템 단계 |\r\n\r\n## 체크리스트\r\n- [x] Dockerfile 작성\r\n- [ ] 멀티 스테이지 빌드\r\n";
    std::fs::write(dir.join("session_03.md"), md).expect("write");
    let run = quiz(p.path(), &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("curriculum/week_01/day2/session_03.md:3:1: 경고: 문서에는 w1d3s3(이)라고 되어 있지만 경로로는 w1d2s3입니다"), "{}", run.stderr);
    let f = load_file(&p.path().join("questions/week_01/day2/session_03.yaml"));
    assert_eq!(f.unit, "w1d2s3");
    assert_eq!(f.title, "Session 3: 컨테이너 기초");
    let lines: HashSet<usize> = f
        .questions
        .iter()
        .filter_map(|q| q.source.as_ref().map(|s| s.line))
        .collect();
    // Goal lines 7 and 8 name no technical term: no blank with several answers.
    for l in [7, 8] {
        assert!(!lines.contains(&l), "goal line {l} has a question");
    }
    // The table's rows are one-word names (Dockerfile, Registry, Layer): each
    // is typed from its description, and scored in Hangul too (레지스트리).
    let rows: Vec<&quiz::model::Question> = f
        .questions
        .iter()
        .filter(|q| {
            q.source
                .as_ref()
                .is_some_and(|s| (13..=15).contains(&s.line))
        })
        .collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().all(|q| q.kind == Kind::Short), "{rows:?}");
    assert!(!f.questions.iter().any(|q| q.kind == Kind::Match));
    let registry = rows
        .iter()
        .find(|q| q.answer_text().starts_with("Registry"))
        .expect("Registry typed");
    for given in ["Registry", "registry", "레지스트리"] {
        assert_eq!(
            quiz::score::text::score(registry, &quiz::score::Response::Text(given.into()), false),
            1.0,
            "{given}"
        );
    }
    assert_eq!(
        f.questions.iter().filter(|q| q.kind == Kind::Essay).count(),
        0,
        "checklist items are scored in the week rubric's checklist"
    );
    let r = load_rubric(&p.path().join("rubrics/week_01.yaml"));
    assert_eq!(r.checklist.len(), 2);
    assert_eq!(quiz(p.path(), &["check"]).code, 0);
}

#[test]
fn check_reports_every_problem_with_its_place() {
    let fx = root().join("tests/fixtures/check_broken");
    let tmp = tempfile::tempdir().expect("tmp");
    copy_dir(&fx, tmp.path());
    let run = quiz(tmp.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "questions/week_01/broken.yaml:6:1: 잘못된 YAML: found unexpected end of stream
questions/week_01/dup.yaml:3:3: 경고: 문항 `w1-aaaaaa`은(는) 어느 평가 기준에도 들어가지 않습니다 (criteria: [])
questions/week_01/dup.yaml:6:3: 참/거짓 `w1-aaaaaa`의 정답은 `true` 또는 `false`여야 합니다
questions/week_01/good.yaml:4:3: 문항 id `w1-aaaaaa`이(가) 중복됩니다 (처음은 questions/week_01/dup.yaml:3)
questions/week_01/good.yaml:10:3: `w1-aaaaaa`의 정답 `c`은(는) 어느 보기도 아닙니다
questions/week_01/good.yaml:14:3: 문항 `w1-bbbbbb`의 문제(prompt)가 비어 있습니다
questions/week_01/good.yaml:15:3: 순서 `w1-bbbbbb`에는 항목이 2개 이상 있어야 합니다
questions/week_01/good.yaml:18:3: `w1-bbbbbb`의 평가 기준 `network`이(가) rubrics/week_01.yaml에 없습니다
questions/week_01/good.yaml:19:3: 경고: 문항 `w1-cccccc`은(는) 어느 평가 기준에도 들어가지 않습니다 (criteria: [])
questions/week_01/good.yaml:22:3: 짝짓기 `w1-cccccc`에는 짝이 2개 이상 있어야 합니다
questions/week_01/schema.yaml:4:9: 잘못된 YAML: questions[0].kind: 알 수 없는 값 `multiple` (쓸 수 있는 값: `choice`, `multi`, `truefalse`, `short`, `cloze`, `order`, `match`, `essay`)
rubrics/week_01.yaml:8:3: 체크리스트 항목 `w1k1`의 평가 기준 `nope`이(가) 없습니다
"
    );
    assert_eq!(
        run.stdout,
        "문항 4개(파일 3개)와 루브릭 1개를 검사했습니다: 오류 10개, 경고 2개\n"
    );
}

#[test]
fn check_missing_folder_is_clean_and_io_errors_exit_2() {
    let tmp = tempfile::tempdir().expect("tmp");
    let run = quiz(tmp.path(), &["check"]);
    assert_eq!(run.code, 0);
    let run = quiz(tmp.path(), &["extract", "nowhere"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "quiz: 커리큘럼 폴더 nowhere이(가) 없습니다\n");
    let run = quiz(tmp.path(), &["frobnicate"]);
    assert_eq!(run.code, 2);
}

#[test]
fn list_filters_by_unit_prefix() {
    let run = quiz(&root(), &["list", "w3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("│ w3d5   ┆ Day 5: 운영 자동화와 실무 적용"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("│ w3d5s8 ┆"));
    assert!(!run.stdout.contains("w5"));
    let run = quiz(&root(), &["list", "w9"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "quiz: questions에 `w9`에 맞는 단원이 없습니다\n"
    );
}

/// A generated essay is shown with its reference answer (what the grader
/// scores by and the student reads after a practice answer), and without an
/// empty `answer:` line: `quiz sign` shows it this way before signing.
#[test]
fn show_prints_an_essays_reference_answer() {
    let run = quiz(&root(), &["show", "w2d4s8-406a62"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("answer:"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "feedback: 참고 답안 (문서의 내용):\n          - Level 1: 기본 운영 — 특징: 높은 운영 부담"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn show_prints_key_criteria_and_source_line() {
    let f = load_file(&root().join("questions/week_03/day5/session_08.yaml"));
    let q = f
        .questions
        .iter()
        .find(|q| q.kind == Kind::Choice && q.source.is_some() && !q.criteria.is_empty())
        .expect("a generated choice");
    let src = q.source.as_ref().expect("source");
    let run = quiz(&root(), &["show", &q.id]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(&format!(
        "id:       {}\nunit:     w3d5s8\nkind:     choice\n",
        q.id
    )));
    assert!(
        run.stdout
            .contains(&format!("answer:   {}\n", q.answer_text())),
        "{}",
        run.stdout
    );
    let md = std::fs::read_to_string(root().join(&src.file)).expect("md");
    let text = md.lines().nth(src.line - 1).expect("line");
    assert!(
        run.stdout.contains(&format!(
            "source:   {}:{} ({})\n{:>6} | {}",
            src.file, src.line, src.heading, src.line, text
        )),
        "{}",
        run.stdout
    );
    let week = load_rubric(&root().join("rubrics/week_03.yaml"));
    let c = week
        .criteria
        .iter()
        .find(|c| c.id == q.criteria[0])
        .expect("criterion");
    assert!(
        run.stdout
            .contains(&format!("criterion: {} — {}\n", c.id, c.name)),
        "{}",
        run.stdout
    );
    let run = quiz(&root(), &["show", "w3d5-zzzzzz"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("quiz: 문제 은행에 문항 `w3d5-zzzzzz`이(가) 없습니다")
    );
}

/// Copying an essay's question must not score: extraction never makes a rubric
/// concept out of a word of the prompt (w5-8f79c9 waits for the instructor).
#[test]
fn essay_rubrics_never_use_words_of_the_prompt() {
    let mut essays = 0;
    for (path, _) in tree(&root().join("questions")) {
        let f = load_file(&root().join("questions").join(&path));
        for q in f.questions.iter().filter(|q| q.kind == Kind::Essay) {
            essays += 1;
            let prompt = normalize(&q.prompt);
            for c in &q.rubric {
                assert!(
                    !prompt.contains(&normalize(&c.concept)),
                    "{}: concept `{}` is in the prompt `{}`",
                    q.id,
                    c.concept,
                    q.prompt
                );
            }
            assert!(q.points > 0.0, "{}", q.id);
        }
    }
    // Only essays with a rubric the document writes are made (a discussion's
    // guideline terms); w5-8f79c9 ("CI/CD 파이프라인 구축에서 가장 어려웠던 점은?")
    // is personal and no longer made.
    assert!(essays >= 1, "{essays}");
    let show = quiz(&root(), &["show", "w5-8f79c9"]);
    assert_eq!(show.code, 2, "{}", show.stdout);
}

/// A hand-edited essay whose rubric repeats its prompt: `quiz check` warns, and
/// a row answering with the prompt earns 0.
#[test]
fn check_warns_about_a_rubric_concept_in_the_prompt() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), tmp.path());
    let q = tmp.path().join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&q).expect("bank");
    let edited = text.replace(
        "{concept: Git 저장소, points: 1}",
        "{concept: 기존 배포, points: 1}",
    );
    assert_ne!(edited, text);
    std::fs::write(&q, edited).expect("edit");
    let run = quiz(tmp.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "경고: 서술형 `w1d1-essay`: 루브릭 개념 `기존 배포`이(가) 문제 본문에 있습니다"
        ),
        "{}",
        run.stderr
    );
}
