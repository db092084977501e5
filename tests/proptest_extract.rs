//! Property: extraction never panics on arbitrary Markdown, and whatever it
//! produces, written as YAML and read back, passes `quiz check`.

use proptest::prelude::*;
use quiz::bank::{Bank, LoadedFile, LoadedRubric};
use quiz::extract::{self, SourceDoc, markdown, unit::Unit};

/// Fragments of course-like Markdown, broken on purpose in places.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Week 1: 제목\n".to_string()),
        Just("## 🎯 학습 목표 (5분)\n".to_string()),
        Just("## 핵심 개념 정리\n".to_string()),
        Just("## 📊 주간 평가 기준\n### ✅ 이해도 평가\n".to_string()),
        Just("### 📋 평가 체크리스트\n- [ ] 항목 **하나**\n- [x] 항목 둘\n".to_string()),
        Just("### 🤔 회고 질문\n1. 무엇을 배웠나요?\n".to_string()),
        Just("### 토론 주제\n**\"어떻게 성장할 것인가?\"**\n".to_string()),
        Just("| a | b |\n|---|\n| **x** | y | z |\n".to_string()),
        Just("| 용어 | 설명 |\n|---|---|\n| A | B |\n| A | B |\n".to_string()),
        Just("```\nRoot:\n├── G1:\n│   ├── x\n│   └── y: z\n└── G2:\n    └── x\n".to_string()),
        Just("```\nLevel 1: a:\n├── b\nLevel 2: a:\n├── c\nLevel 3: d\n```\n".to_string()),
        Just("- **Phase 1**: 하나\n- **Phase 2**: 둘\n- **Phase 1**: 셋\n".to_string()),
        Just("- **운영**: 기본 → 자동화 → 기본\n".to_string()),
        Just("- **a**:\n- ****: x\n- ** **: y\n".to_string()),
        Just("> **전체가 굵은 문장이다**\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("    - - - - - - - - **깊은** 중첩\n".to_string()),
        Just("**🎯 목표**: 같은 목표\n".to_string()),
        "[ -~가-힣├└│─*#|>\\[\\]:→\n\r]{0,80}",
        "- \\*\\*[가-힣A-Za-z ]{0,12}\\*\\*[가-힣을를이가은는과와 ]{0,12}\n",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..14).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn extract_never_panics_and_passes_check(docs in prop::collection::vec(document(), 1..4)) {
        let units = [
            Unit { week: 1, day: None, session: None },
            Unit { week: 1, day: Some(1), session: None },
            Unit { week: 1, day: Some(1), session: Some(1) },
            Unit { week: 2, day: Some(3), session: Some(2) },
        ];
        let sources: Vec<SourceDoc> = docs
            .iter()
            .zip(units)
            .map(|(md, u)| SourceDoc {
                path: format!("curriculum/{}.md", u.id()),
                rel: format!("{}.md", u.id()),
                unit: u,
                doc: markdown::parse(md),
            })
            .collect();
        let ex = extract::extract(&sources);
        let mut bank = Bank::default();
        for (rel, f) in &ex.files {
            for q in &f.questions {
                prop_assert!(!extract::duplicate_options(q), "{:?}", q);
            }
            let text = quiz::yaml::to_string(f, &[]).expect("serialize");
            let path = format!("questions/{rel}");
            let back = quiz::yaml::parse(&path, &text);
            prop_assert!(back.is_ok(), "{:?}", back.err());
            bank.files.push(LoadedFile { path, text, file: back.expect("parsed") });
        }
        for r in &ex.rubrics {
            let text = quiz::yaml::to_string(r, &[]).expect("serialize");
            let path = format!("rubrics/week_{:02}.yaml", r.week);
            let back = quiz::yaml::parse(&path, &text);
            prop_assert!(back.is_ok(), "{:?}", back.err());
            bank.rubrics.insert(r.week, LoadedRubric { path, text, rubric: back.expect("parsed") });
        }
        let mut diags = Vec::new();
        quiz::check::check(&bank, &mut diags);
        let errors: Vec<String> = diags.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
        prop_assert!(errors.is_empty(), "{:#?}\n{:#?}", errors, docs);
    }
}

/// A random outline: groups and leaves whose labels repeat across branches
/// (roles such as 특징 under every level, an item of one level that is a
/// group of another), in a code block.
fn outline() -> impl Strategy<Value = String> {
    let label = prop::sample::select(vec![
        "특징",
        "개선 방향",
        "목표",
        "지능형 자동화",
        "자동 복구",
        "모니터링 강화",
        "비용 최적화",
        "수동 배포",
        "정책 기반 관리",
        "예측적 분석",
        "Level 1: 기본",
        "Level 2: 자동화",
        "Level 3: 자가 치유",
        "GitOps",
        "ArgoCD",
        "Helm",
        "보안 강화",
        "로그 수집",
    ]);
    // (depth, label) lines; depth 0 roots, 1 and 2 below.
    prop::collection::vec((0usize..3, label), 1..40).prop_map(|lines| {
        let mut out = String::from("# Week 1\n\n```\n");
        let mut depth = 0;
        for (d, l) in lines {
            // A line may go at most one level deeper than the one before.
            let d = d.min(depth + 1);
            depth = d;
            if d == 0 {
                out.push_str(&format!("{l}:\n"));
            } else {
                out.push_str(&"│   ".repeat(d - 1));
                out.push_str(&format!("├── {l}\n"));
            }
        }
        out.push_str("```\n");
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Issue 12 rule 1: no option of a generated question is the label of an
    /// outline node with children (a category). The one exception is the
    /// question that asks which parallel branch holds an item: its options are
    /// the branches, and each of them is a node with children.
    #[test]
    fn no_option_is_a_category_label(docs in prop::collection::vec(outline(), 1..3)) {
        let units = [
            Unit { week: 1, day: Some(1), session: Some(1) },
            Unit { week: 1, day: Some(1), session: Some(2) },
        ];
        let sources: Vec<SourceDoc> = docs
            .iter()
            .zip(units)
            .map(|(md, u)| SourceDoc {
                path: format!("curriculum/{}.md", u.id()),
                rel: format!("{}.md", u.id()),
                unit: u,
                doc: markdown::parse(md),
            })
            .collect();
        let ex = extract::extract(&sources);
        for ((_, f), src) in ex.files.iter().zip(&sources) {
            let mut categories = std::collections::HashSet::new();
            for b in &src.doc.blocks {
                if let markdown::BlockKind::Code { first_line, .. } = &b.kind {
                    for n in extract::outline::parse_tree(&b.text, *first_line) {
                        if !n.children.is_empty() {
                            categories.insert(n.norm.clone());
                        }
                    }
                }
            }
            for q in &f.questions {
                let which = q.tags.iter().any(|t| t == "outline-which");
                for o in q.options.iter().chain(&q.left).chain(&q.right) {
                    let norm = quiz::text::normalize(&o.text);
                    if which {
                        prop_assert!(categories.contains(&norm), "{}: option {} is not a branch", q.id, o.text);
                    } else {
                        prop_assert!(!categories.contains(&norm), "{}: option {} is a category\n{}", q.id, o.text, docs.join("\n"));
                    }
                }
            }
        }
    }
}
