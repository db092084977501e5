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
