//! What a question may not do, whoever wrote it (issue 12, second review):
//! offer two options that say nearly the same thing, pair a match's sides by a
//! shared word, let the prompt's words single out the answer, or ask for the
//! order of a schedule (sessions, phases, days) instead of a concept.
//!
//! Pure functions over [`Question`]: `quiz extract` drops a generated question
//! with any of these problems (and the generators avoid making them), and
//! `quiz check` warns about them on any bank, hand-edited questions included.

use crate::model::{Answer, Kind, Question};
use crate::text::keywords;

/// Words of question templates and of course prose that carry no concept: a
/// prompt and an option sharing one of them gives nothing away.
const NOT_CONTENT: &[&str] = &[
    "다음",
    "고르시오",
    "속하는",
    "속하지",
    "않는",
    "알맞은",
    "알맞게",
    "해당하는",
    "설명에",
    "설명",
    "용어",
    "용어를",
    "빈칸에",
    "빈칸",
    "들어갈",
    "들어",
    "말을",
    "쓰시오",
    "목표로",
    "목표",
    "항목",
    "항목과",
    "순서대로",
    "나열하시오",
    "연결하시오",
    "것을",
    "level",
    "day",
    "session",
    "phase",
    "week",
    "step",
    "관리",
    "전략",
    "시스템",
    "운영",
    "자동화",
    "kubernetes",
    "devops",
];

/// DevOps words and their Korean equivalents and transliterations (issue 12,
/// independent review): `Model Registry` gives away `모델 저장소`, `Service
/// Mesh` pairs with `마이크로서비스 통신`, `scrape_interval` with `가져오는 주기`.
/// Two words are one concept when one holds an English stem (anywhere in it:
/// `scrape_interval`, `inferenceservice`) and the other a Korean form
/// (anywhere in a compound: `마이크로서비스`), or both hold forms of one entry.
/// The word-sharing checks below ([`same_word`], and through it [`share`])
/// treat them as the same word.
pub const EQUIVALENTS: &[(&[&str], &[&str])] = &[
    (&["server", "serving", "serve"], &["서버", "서빙"]),
    (&["service"], &["서비스"]),
    (&["registry"], &["레지스트리", "저장소"]),
    (
        &["repositor", "repo"],
        &["저장소", "리포지토리", "레포지토리"],
    ),
    (&["network"], &["네트워크", "네트워킹"]),
    (&["storage"], &["스토리지", "저장"]),
    (&["automat"], &["자동화", "자동"]),
    (&["monitor"], &["모니터링", "감시"]),
    (&["polic"], &["정책"]),
    (&["model"], &["모델"]),
    (&["interval", "period"], &["주기", "간격"]),
    (&["inference"], &["추론"]),
    (&["cluster"], &["클러스터"]),
    (&["container"], &["컨테이너"]),
    (&["pipeline"], &["파이프라인"]),
    (&["deploy", "rollout"], &["배포"]),
    (&["build"], &["빌드"]),
    (&["test"], &["테스트", "시험"]),
    (&["secret"], &["시크릿", "비밀"]),
    (&["config"], &["설정", "컨피그"]),
    (&["explain"], &["설명"]),
    (&["transform"], &["변환", "트랜스폼"]),
    (&["pull"], &["가져오", "가져옴", "풀"]),
    (&["push"], &["밀어", "푸시"]),
    (&["sync"], &["동기화", "싱크"]),
    (&["scale", "scaling"], &["스케일", "확장"]),
    (&["heal"], &["치유"]),
    (&["metric"], &["메트릭", "지표"]),
    (&["alert"], &["알림", "경보", "얼럿"]),
    (&["log"], &["로그"]),
    (&["tracing", "trace"], &["추적", "트레이스", "트레이싱"]),
    (&["security"], &["보안", "시큐리티"]),
    (&["workflow"], &["워크플로"]),
    (&["workspace"], &["워크스페이스", "작업 공간"]),
    (&["artifact"], &["아티팩트", "산출물", "결과물"]),
    (&["volume"], &["볼륨"]),
    (&["gateway"], &["게이트웨이"]),
    (&["schedul"], &["스케줄", "일정"]),
    (&["cache"], &["캐시"]),
    (&["edge"], &["엣지", "에지"]),
    (&["feature"], &["피처", "특성"]),
    (&["experiment"], &["실험"]),
    (&["resource"], &["리소스", "자원"]),
    (&["project"], &["프로젝트"]),
    (&["application"], &["애플리케이션", "앱"]),
    (&["cost"], &["비용"]),
    (&["interface"], &["인터페이스"]),
    (&["runtime"], &["런타임"]),
    (&["object"], &["오브젝트", "객체"]),
];

/// The entries of [`EQUIVALENTS`] a normalized word holds.
fn concepts(word: &str) -> impl Iterator<Item = usize> + '_ {
    EQUIVALENTS
        .iter()
        .enumerate()
        .filter(move |(_, (en, ko))| {
            // A short stem only at the start (`log`, not `catalog`), or at the end
            // when of four letters or more (`outofsync`).
            en.iter().any(|e| {
                if e.len() >= 6 {
                    word.contains(e)
                } else {
                    word.starts_with(e) || (e.len() >= 4 && word.ends_with(e))
                }
            }) || ko
                .iter()
                .any(|k| k.chars().count() >= 2 && word.contains(k))
        })
        .map(|(i, _)| i)
}

/// The Korean name of a CamelCase technical name when every part of it is in
/// [`EQUIVALENTS`] (`NetworkPolicy` -> `네트워크 정책`, `Artifact` -> `아티팩트`):
/// a student who studied in Korean may type it, so it is an accepted answer.
pub fn korean_name(term: &str) -> Option<String> {
    let t = term.trim();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    for c in t.chars() {
        match parts.last_mut() {
            Some(p) if !c.is_ascii_uppercase() => p.push(c.to_ascii_lowercase()),
            _ => parts.push(c.to_ascii_lowercase().to_string()),
        }
    }
    let words: Option<Vec<&str>> = parts
        .iter()
        .map(|p| {
            EQUIVALENTS
                .iter()
                .find(|(en, _)| {
                    en.iter()
                        .any(|e| p.starts_with(e) && p.len() <= e.len() + 3)
                })
                .and_then(|(_, ko)| ko.first().copied())
        })
        .collect();
    words.map(|w| w.join(" "))
}

/// Whether `text` spells out the acronym `short` (2-5 capitals), in English or
/// through [`EQUIVALENTS`]: `CNI` <-> `컨테이너 네트워크 인터페이스 표준`. A pair
/// whose right side expands its left side is given away.
pub fn expands(short: &str, text: &str) -> bool {
    let s = short.trim();
    if !(2..=5).contains(&s.len()) || !s.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let initials: Vec<Option<char>> = keywords(text)
        .iter()
        .map(|w| {
            let c = w.chars().next()?;
            if c.is_ascii_alphabetic() {
                return Some(c.to_ascii_uppercase());
            }
            let i = concepts(w).next()?;
            EQUIVALENTS[i]
                .0
                .first()
                .and_then(|e| e.chars().next())
                .map(|c| c.to_ascii_uppercase())
        })
        .collect();
    let want: Vec<Option<char>> = s.chars().map(Some).collect();
    initials.windows(want.len()).any(|w| w == want.as_slice())
}

/// Whether two normalized words name one concept of [`EQUIVALENTS`].
pub fn same_concept(a: &str, b: &str) -> bool {
    concepts(a).any(|i| concepts(b).any(|j| i == j))
}

/// Words of [`NOT_CONTENT`] that are domain words, not template words: shared
/// by the prompt and only the answer, they still point at it.
const DOMAIN_WORDS: &[&str] = &["관리", "전략", "시스템", "운영", "자동화"];

/// A prompt without its 「quoted section names」.
fn prompt_text(prompt: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in prompt.chars() {
        match c {
            '「' => depth += 1,
            '」' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The content words of a text: [`keywords`] without template words.
pub fn content_words(text: &str) -> Vec<String> {
    keywords(text)
        .into_iter()
        .filter(|w| !NOT_CONTENT.contains(&w.as_str()))
        .collect()
}

/// Whether two content words (normalized) are the same word: equal, one the
/// whole start of the other (`개발` / `개발자`, `관측` / `관측성`, `Git` /
/// `GitOps`), or a common start of three characters or more (`지속가능성` /
/// `지속가능한`).
pub fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    if common >= 3 || (common >= 2 && common == shorter) || same_concept(a, b) {
        return true;
    }
    // "AI/ML" is two words: AI shares with AIOps, ML with MLOps.
    let parts = |w: &'_ str| -> Vec<String> {
        w.split('/')
            .filter(|p| p.chars().count() >= 2)
            .map(str::to_string)
            .collect()
    };
    (a.contains('/') || b.contains('/')) && {
        let (pa, pb) = (parts(a), parts(b));
        (pa.len() > 1 || pb.len() > 1) && pa.iter().any(|x| pb.iter().any(|y| same_word(x, y)))
    }
}

/// Whether two word lists share a word ([`same_word`]).
pub fn share(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| b.iter().any(|y| same_word(x, y)))
}

/// Whether two options say nearly the same thing: they share at least two
/// content words and those make up two thirds or more of the shorter one
/// (`성능 모니터링 및 최적화` / `성능 모니터링 및 튜닝`).
pub fn near_duplicate(a: &str, b: &str) -> bool {
    let (wa, wb) = (keywords(a), keywords(b));
    near_duplicate_words(&wa, &wb)
}

/// [`near_duplicate`] on word lists from [`keywords`].
pub fn near_duplicate_words(wa: &[String], wb: &[String]) -> bool {
    let shared = wa
        .iter()
        .filter(|x| wb.iter().any(|y| same_word(x, y)))
        .count();
    let shorter = wa.len().min(wb.len());
    shared >= 2 && 3 * shared >= 2 * shorter
}

/// The form of an option, apart from its words: written "Name: description",
/// holding a number, holding a parenthesis. Options of one question share it,
/// else the odd form stands out (`장애 격리 및 복구` beside `비용 최적화 (30% 절감)`).
pub fn form(text: &str) -> u8 {
    let named = text
        .split_once(": ")
        .is_some_and(|(n, d)| !n.trim().is_empty() && !d.trim().is_empty());
    let digit = text.chars().any(|c| c.is_ascii_digit());
    let paren = text.contains('(');
    u8::from(named) | (u8::from(digit) << 1) | (u8::from(paren) << 2)
}

/// Schedule words: an order over these is the course's timetable, not a concept.
pub const SCHEDULE_LABELS: &[&str] = &["Session", "Phase", "Day", "Week"];

/// Words of a heading or prompt that name a schedule.
const SCHEDULE_WORDS: &[&str] = &["시간표", "일정", "스케줄", "타임라인", "시간 배분"];

/// A problem of one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Two options (or two right sides of a match) say nearly the same thing.
    NearDuplicate(String, String),
    /// A match pair whose sides share a word: the word gives the pair away.
    PairSharesWord(String, String),
    /// The prompt shares a word with the answer and with no other option (or
    /// with every other option and not the answer).
    PromptGivesAway(String),
    /// The answer's form (a number, a parenthesis, "Name: description") is
    /// unlike every other option's.
    FormGivesAway(String),
    /// An order question over a schedule (sessions, phases, days, a timetable).
    ScheduleOrder,
    /// Every option but the answer shares a word (or its translation) the
    /// answer lacks (`자동화`, `Serv-`): the odd one out is the answer.
    OddOneOut(String),
}

impl Problem {
    /// A one-line English description for `quiz check`.
    pub fn describe(&self) -> String {
        match self {
            Problem::NearDuplicate(a, b) => format!(
                "options `{a}` and `{b}` say nearly the same thing; make them clearly distinct"
            ),
            Problem::PairSharesWord(l, r) => {
                format!("the pair `{l}` / `{r}` shares a word, which gives the pairing away")
            }
            Problem::PromptGivesAway(a) => format!(
                "the prompt shares a word with the answer `{a}` and not with the other options (or the reverse): the form gives it away"
            ),
            Problem::FormGivesAway(a) => format!(
                "the answer `{a}` is written unlike every other option (a number, a parenthesis or \"name: description\"): its form gives it away"
            ),
            Problem::OddOneOut(a) => format!(
                "every option but the answer `{a}` shares a word it lacks: the odd one out gives it away"
            ),
            Problem::ScheduleOrder => {
                "it asks for the order of a schedule (sessions, phases, days), not of a concept"
                    .to_string()
            }
        }
    }

    /// A short Korean name, for the counts `quiz extract` prints.
    pub fn rule(&self) -> &'static str {
        match self {
            Problem::NearDuplicate(..) => "보기끼리 거의 같음",
            Problem::PairSharesWord(..) => "짝의 양쪽이 같은 낱말",
            Problem::PromptGivesAway(..) => "문제의 낱말이 답을 가리킴",
            Problem::FormGivesAway(..) => "답만 모양이 다름",
            Problem::ScheduleOrder => "일정의 순서",
            Problem::OddOneOut(..) => "답만 낱말이 빠짐",
        }
    }
}

/// Whether an order prompt asks for a schedule.
pub fn is_schedule_order(prompt: &str) -> bool {
    SCHEDULE_LABELS
        .iter()
        .any(|w| prompt.contains(&format!("{w} 순서")))
        || SCHEDULE_WORDS.iter().any(|w| prompt.contains(w))
}

/// Every problem of `q`.
pub fn problems(q: &Question) -> Vec<Problem> {
    let mut out = Vec::new();
    let pairs_of = |list: &[crate::model::Choice], out: &mut Vec<Problem>| {
        let words: Vec<Vec<String>> = list.iter().map(|o| keywords(&o.text)).collect();
        for i in 0..list.len() {
            for j in i + 1..list.len() {
                if near_duplicate_words(&words[i], &words[j]) {
                    out.push(Problem::NearDuplicate(
                        list[i].text.clone(),
                        list[j].text.clone(),
                    ));
                }
            }
        }
    };
    match (&q.kind, &q.answer) {
        (Kind::Choice | Kind::Multi, answer) => {
            pairs_of(&q.options, &mut out);
            let right: Vec<&str> = match answer {
                Some(Answer::One(id)) => vec![id.as_str()],
                Some(Answer::Many(ids)) => ids.iter().map(String::as_str).collect(),
                _ => Vec::new(),
            };
            let prompt = content_words(&q.prompt);
            let flags: Vec<(bool, bool, &str)> = q
                .options
                .iter()
                .map(|o| {
                    (
                        right.contains(&o.id.as_str()),
                        share(&content_words(&o.text), &prompt),
                        o.text.as_str(),
                    )
                })
                .collect();
            let forms: Vec<(bool, u8)> = q
                .options
                .iter()
                .map(|o| (right.contains(&o.id.as_str()), form(&o.text)))
                .collect();
            let key_forms: Vec<u8> = forms.iter().filter(|f| f.0).map(|f| f.1).collect();
            let other_forms: Vec<u8> = forms.iter().filter(|f| !f.0).map(|f| f.1).collect();
            if let (Some(&k), Some(&o)) = (key_forms.first(), other_forms.first())
                && other_forms.len() >= 2
                && key_forms.iter().all(|&f| f == k)
                && other_forms.iter().all(|&f| f == o)
                && k != o
                && let Some(t) = flags.iter().find(|f| f.0)
            {
                out.push(Problem::FormGivesAway(t.2.to_string()));
            }
            if let Some(a) = odd_one_out(q, &right) {
                out.push(Problem::OddOneOut(a));
            }
            let keys: Vec<&(bool, bool, &str)> = flags.iter().filter(|f| f.0).collect();
            let others: Vec<&(bool, bool, &str)> = flags.iter().filter(|f| !f.0).collect();
            if !keys.is_empty() && others.len() >= 2 {
                let k = keys[0].1;
                if keys.iter().all(|f| f.1 == k) && others.iter().all(|f| f.1 != k) {
                    out.push(Problem::PromptGivesAway(keys[0].2.to_string()));
                } else if let [key] = keys.as_slice() {
                    // A domain word left out of content words (운영, 자동화)
                    // still points at the answer when only the answer shares it
                    // with the prompt's own text (not its 「section」 names):
                    // 「클러스터 운영」 -> `운영 자동화`.
                    let own = keywords(&prompt_text(&q.prompt));
                    let shares_domain = |t: &str| {
                        keywords(t)
                            .iter()
                            .any(|w| DOMAIN_WORDS.contains(&w.as_str()) && own.contains(w))
                    };
                    if shares_domain(key.2) && others.iter().all(|f| !shares_domain(f.2)) {
                        out.push(Problem::PromptGivesAway(key.2.to_string()));
                    }
                }
            }
        }
        (Kind::Match, Some(Answer::Pairs(pairs))) => {
            pairs_of(&q.right, &mut out);
            for (l, r) in pairs {
                let left = q.left.iter().find(|c| &c.id == l);
                let right = q.right.iter().find(|c| &c.id == r);
                if let (Some(a), Some(b)) = (left, right)
                    && (share(&keywords(&a.text), &keywords(&b.text)) || expands(&a.text, &b.text))
                {
                    out.push(Problem::PairSharesWord(a.text.clone(), b.text.clone()));
                }
            }
        }
        (Kind::Order, _) if is_schedule_order(&q.prompt) => out.push(Problem::ScheduleOrder),
        _ => {}
    }
    out
}

/// The answer of a one-answer question with four or more options when every
/// other option shares a word ([`same_word`], translations included) that the
/// answer lacks.
fn odd_one_out(q: &Question, right: &[&str]) -> Option<String> {
    let [key] = right else { return None };
    if q.options.len() < 4 {
        return None;
    }
    let key_opt = q.options.iter().find(|o| o.id == *key)?;
    let key_words = keywords(&key_opt.text);
    let others: Vec<Vec<String>> = q
        .options
        .iter()
        .filter(|o| o.id != *key)
        .map(|o| keywords(&o.text))
        .collect();
    let first = others.first()?;
    let shared = first.iter().any(|w| {
        !key_words.iter().any(|k| same_word(w, k))
            && others[1..]
                .iter()
                .all(|ws| ws.iter().any(|x| same_word(w, x)))
    });
    shared.then(|| key_opt.text.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_by_their_start() {
        assert!(same_word("개발", "개발자"));
        assert!(same_word("관측", "관측성"));
        assert!(same_word("지속가능성", "지속가능한"));
        assert!(!same_word("프로덕션", "프로세스"));
        assert!(!same_word("분산", "분석"));
    }

    #[test]
    fn near_duplicates() {
        assert!(near_duplicate(
            "성능 모니터링 및 최적화",
            "성능 모니터링 및 튜닝"
        ));
        assert!(!near_duplicate(
            "Level 1: 기본 운영 (Basic Operations)",
            "Level 2: 자동화된 운영 (Automated Operations)"
        ));
        assert!(!near_duplicate("동적 볼륨 프로비저닝", "재해 복구 자동화"));
    }

    #[test]
    fn words_match_across_languages() {
        assert!(same_word("registry", "저장소"));
        assert!(same_word("service", "마이크로서비스"));
        assert!(same_word("scrape_interval", "주기"));
        assert!(same_word("model", "모델"));
        assert!(same_word("networkpolicy", "네트워크"));
        assert!(!same_word("model", "서비스"));
        assert!(!same_word("catalog", "로그"));
        assert!(same_word("ai/ml", "mlops"));
        assert!(!same_word("ci/cd", "mlops"));
        assert!(share(
            &keywords("Service Mesh"),
            &keywords("마이크로서비스 통신")
        ));
    }

    #[test]
    fn acronyms_spelled_out() {
        assert!(expands("CNI", "컨테이너 네트워크 인터페이스 표준"));
        assert!(expands("CNI", "Container Network Interface"));
        assert!(!expands("CNI", "Pod가 스토리지를 요청하는 선언"));
        assert!(!expands("PVC", "컨테이너 네트워크 인터페이스 표준"));
    }

    #[test]
    fn korean_names_of_technical_names() {
        assert_eq!(
            korean_name("NetworkPolicy").as_deref(),
            Some("네트워크 정책")
        );
        assert_eq!(korean_name("Artifact").as_deref(), Some("아티팩트"));
        assert_eq!(korean_name("Workspace").as_deref(), Some("워크스페이스"));
        assert_eq!(korean_name("KubeEdge"), None);
        assert_eq!(korean_name("scrape_interval"), None);
    }

    #[test]
    fn schedule_prompts() {
        assert!(is_schedule_order(
            "「Day 4 > 실습 챌린지」의 Phase 순서대로 다음 항목을 나열하시오."
        ));
        assert!(!is_schedule_order(
            "「Kubernetes 운영 성숙도」의 Level 순서대로 다음 항목을 나열하시오."
        ));
    }
}
