//! Concept outlines: the `├──` / `└──` trees in code blocks.
//!
//! The tree is read from the code block's lines (the Markdown parser hands us the
//! block; inside it the drawing characters are the structure). From each group
//! (a node with children):
//! - "which belongs to G" and "which does NOT belong to G" (`choice`), with
//!   distractors from groups of G's kind, the same role first;
//! - which ordered stage holds an item under a shared role (`outline-which`);
//! - which branch has a value for an aspect (`outline-aspect`), over siblings
//!   or named branches at one depth (cousins);
//! - `order` for runs of sibling nodes labelled Level/Phase 1, 2, 3...
//!
//! Outline questions cite the group's line (the group heading).

use super::hygiene;
use super::markdown::Block;
use super::markdown::BlockKind;
use super::{
    Ctx, OPTION_IDS, Script, Seed, code_like, fnv1a, layout_options, pick_distractors_normalized,
    pick_tiered, same_kind, seq_label,
};
use crate::model::{Answer, Kind};
use crate::text::{near_equal_normalized, normalize};
use std::collections::{BTreeMap, HashSet};

/// A node of an outline tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// Text without drawing characters and without a trailing ':'.
    pub text: String,
    /// 0 for root lines, 1 for `├──` at the left edge, ...
    pub depth: usize,
    /// 1-based line in the Markdown file.
    pub line: usize,
    /// Parent node index.
    pub parent: Option<usize>,
    /// Child node indexes.
    pub children: Vec<usize>,
    /// `text` normalized, computed once.
    pub norm: String,
    /// fnv1a of `norm`, for ranking.
    pub hash: u64,
    /// Hashes of its words of two or more characters (normalized), for telling
    /// whether two labels talk about the same thing.
    pub words: Vec<u64>,
    /// Written "Name: description".
    pub named: bool,
}

impl Node {
    /// Set the text and what is computed from it.
    fn retext(&mut self, text: String) {
        let text = text.trim_end_matches([':', '：']).trim().to_string();
        self.norm = normalize(&text);
        self.hash = fnv1a(self.norm.as_bytes());
        self.words = words(&text);
        self.named = named(&text);
        self.text = text;
    }
}

/// Parse the lines of a code block into outline nodes. Returns nothing when the
/// block has no tree-drawing characters.
pub fn parse_tree(text: &str, first_line: usize) -> Vec<Node> {
    if !text.contains("├──") && !text.contains("└──") {
        return Vec::new();
    }
    let mut nodes: Vec<Node> = Vec::new();
    let mut last_at_depth: Vec<Option<usize>> = Vec::new();
    // The node of the line just read and the column its text starts at: a
    // line below it with no branch, indented past that column, continues it
    // ("├── 타게팅: Constraints(IN, NUM_GT," / "│          DATE_AFTER 등)").
    let mut open: Option<(usize, usize)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            open = None;
            continue;
        }
        let marker = find_marker(line, '├').or_else(|| find_marker(line, '└'));
        let (depth, content) = match marker {
            Some(pos) => {
                let indent = line[..pos].chars().count();
                let rest = &line[pos + "├──".len()..];
                (indent / 4 + 1, rest.trim())
            }
            None if !line.starts_with(' ') && !line.starts_with('│') => (0, line.trim()),
            None => {
                let more = line.trim_start_matches(['│', ' ']);
                let column = line.chars().count() - more.chars().count();
                match open {
                    Some((idx, at)) if column >= at && !more.is_empty() => {
                        let joined = format!("{} {}", nodes[idx].text, more.trim());
                        nodes[idx].retext(joined);
                    }
                    _ => open = None,
                }
                continue;
            }
        };
        // An arrow after the text is the author's note on it ("3) 데몬 없는
        // 빌더  ← 이번 세션의 주제": review of blind127, 2026-12-03).
        let content = content
            .split_once(" ←")
            .map_or(content, |(head, _)| head)
            .trim();
        let text = content.trim_end_matches([':', '：']).trim().to_string();
        if text.is_empty() {
            continue;
        }
        if last_at_depth.len() <= depth {
            last_at_depth.resize(depth + 1, None);
        }
        let parent = if depth == 0 {
            None
        } else {
            (0..depth).rev().find_map(|d| last_at_depth[d])
        };
        let idx = nodes.len();
        let norm = normalize(&text);
        nodes.push(Node {
            hash: fnv1a(norm.as_bytes()),
            words: words(&text),
            named: named(&text),
            norm,
            text,
            depth,
            line: first_line + i,
            parent,
            children: Vec::new(),
        });
        if let Some(p) = parent {
            nodes[p].children.push(idx);
        }
        last_at_depth[depth] = Some(idx);
        last_at_depth.truncate(depth + 1);
        let column = line.chars().count() - content.chars().count();
        open = (depth > 0).then_some((idx, column));
    }
    nodes
}

/// Where `line` has `branch` followed by `──` (`line.find("├──")`, by a char
/// search instead of a substring searcher set up for every line).
fn find_marker(line: &str, branch: char) -> Option<usize> {
    line.match_indices(branch)
        .map(|(i, _)| i)
        .find(|&i| line[i + branch.len_utf8()..].starts_with("──"))
}

/// The path of a group for prompts: "Level 1: 기본 운영 > 특징".
pub fn path(nodes: &[Node], i: usize) -> String {
    let mut parts = vec![nodes[i].text.as_str()];
    let mut cur = nodes[i].parent;
    while let Some(p) = cur {
        if nodes[p].parent.is_some() || !nodes[p].children.is_empty() {
            parts.push(nodes[p].text.as_str());
        }
        cur = nodes[p].parent;
    }
    parts.reverse();
    parts.join(" > ")
}

/// The caption of a block: its one root, when that root holds two or more
/// groups all named in Latin letters ("회수 정책별 동작:" over Retain / Delete
/// / Recycle, "접근 모드별 특성:" over ReadWriteOnce / ...). The caption names
/// every branch, so a prompt naming it and one branch covers that branch
/// only. A group with a Korean label (특징, 주의, 메타데이터 보관) is a role
/// of the whole caption, not one alternative among others (review of blind6:
/// "init"'s and "apply"'s items offered as not 「특징」 were right too).
pub fn caption(nodes: &[Node]) -> Option<usize> {
    let mut roots = nodes.iter().enumerate().filter(|(_, n)| n.parent.is_none());
    let (Some((r, root)), None) = (roots.next(), roots.next()) else {
        return None;
    };
    let groups: Vec<&Node> = root
        .children
        .iter()
        .map(|&c| &nodes[c])
        .filter(|n| !n.children.is_empty())
        .collect();
    let named = |n: &Node| {
        let label = unparen(&n.text);
        Script::of(label) == Script::Latin
    };
    (groups.len() >= 2 && groups.iter().all(|n| named(n))).then_some(r)
}

/// The outermost section a prompt naming node `g` covers: its root, or under a
/// [`caption`] the branch it is in.
pub fn region_top(nodes: &[Node], caption: Option<usize>, g: usize) -> usize {
    let mut top = g;
    while let Some(p) = nodes[top].parent {
        if Some(p) == caption {
            break;
        }
        top = p;
    }
    top
}

/// The labels (normalized) of every outline node with children in `doc`: the
/// categories, which are never an option of any question.
pub fn categories(doc: &super::markdown::Doc) -> HashSet<String> {
    trees(doc.blocks.iter())
        .map(|(_, nodes)| nodes)
        .chain(heading_outlines(doc).into_iter().map(|(_, nodes)| nodes))
        .flat_map(|nodes| {
            nodes
                .into_iter()
                .filter(|n| !n.children.is_empty())
                .map(|n| n.norm)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Outlines written with headings: a heading over two or more subheadings
/// ("### Level 1: 스크립트 이식 단계", "### Level 2: 표준 CI 단계") that list
/// the same labelled items ("- **특징**: …", "- **위험 요소**: …"), read as
/// the tree "Level 1 ├── 특징: …" would be, with their lines (review of
/// blind46, 2026-12-02: a maturity model of four levels so written gave
/// nothing). Each comes with the section of its heading.
pub fn heading_outlines(doc: &super::markdown::Doc) -> Vec<(Option<usize>, Vec<Node>)> {
    // Each section's top-level "label: value" items (a short Hangul label),
    // gathered in one pass over the blocks.
    let mut labelled: Vec<Vec<(usize, String)>> = vec![Vec::new(); doc.headings.len()];
    for b in &doc.blocks {
        let item = matches!(
            b.kind,
            BlockKind::Item {
                depth: 0,
                task: None,
                ..
            }
        );
        let (Some(k), true) = (b.section, item) else {
            continue;
        };
        let Some((label, value)) = b.text.split_once(':') else {
            continue;
        };
        let (label, value) = (label.trim(), value.trim());
        if label.chars().count() <= 12
            && label.chars().any(crate::text::is_hangul)
            && !value.is_empty()
            && let Some(items) = labelled.get_mut(k)
        {
            items.push((b.line, format!("{label}: {value}")));
        }
    }
    let mut out = Vec::new();
    for (p, top) in doc.headings.iter().enumerate() {
        let branches: Vec<(usize, &Vec<(usize, String)>)> = doc
            .headings
            .iter()
            .enumerate()
            .filter(|(k, h)| {
                h.parent == Some(p) && h.level == top.level + 1 && labelled[*k].len() >= 2
            })
            .map(|(k, _)| (k, &labelled[k]))
            .collect();
        if branches.len() < 2 {
            continue;
        }
        // The labels every branch has: two or more make the branches parallel.
        let labels = |items: &[(usize, String)]| -> HashSet<String> {
            items
                .iter()
                .filter_map(|(_, t)| t.split_once(':').map(|(l, _)| normalize(l)))
                .collect()
        };
        let mut shared = labels(branches[0].1);
        for (_, items) in &branches[1..] {
            let mine = labels(items);
            shared.retain(|l| mine.contains(l));
        }
        // ... and make up two thirds of each branch's labels: two lists of
        // topics that share three (a project's 요구사항 and its 혁신적 특징,
        // three of six: 보안, 관측성, 지속가능성) are no parallel branches.
        // Troubleshooting cases under headings (원인, 해결) are read by
        // `explain::cases`, which asks them in the document's words.
        if shared.iter().any(|l| super::explain::is_cause_or_fix(l)) {
            continue;
        }
        if shared.len() < 2
            || branches
                .iter()
                .any(|(_, items)| shared.len() * 3 < labels(items).len() * 2)
        {
            continue;
        }
        // The tree as it would be drawn, one node per line.
        let mut text = format!("{}\n", top.clean);
        let mut lines = vec![top.line];
        for (i, (k, items)) in branches.iter().enumerate() {
            let last = i + 1 == branches.len();
            text.push_str(&format!(
                "{} {}\n",
                if last { "└──" } else { "├──" },
                doc.headings[*k].clean
            ));
            lines.push(doc.headings[*k].line);
            for (j, (line, item)) in items.iter().enumerate() {
                let bar = if last { " " } else { "│" };
                let branch = if j + 1 == items.len() {
                    "└──"
                } else {
                    "├──"
                };
                text.push_str(&format!("{bar}   {branch} {item}\n"));
                lines.push(*line);
            }
        }
        let mut nodes = parse_tree(&text, 0);
        if nodes.len() != lines.len() {
            continue;
        }
        for (n, line) in nodes.iter_mut().zip(lines) {
            n.line = line;
        }
        out.push((Some(p), nodes));
    }
    out
}

/// The outline trees among `blocks`: plain code blocks (no language, `text`,
/// `plain`) drawn with `├──`, with their blocks.
fn trees<'b>(
    blocks: impl Iterator<Item = &'b Block>,
) -> impl Iterator<Item = (&'b Block, Vec<Node>)> {
    blocks.filter_map(|b| {
        let BlockKind::Code { lang, first_line } = &b.kind else {
            return None;
        };
        if !(lang.is_empty() || lang == "text" || lang == "plain") {
            return None;
        }
        let nodes = parse_tree(&b.text, *first_line);
        (!nodes.is_empty() && !file_tree(&nodes)).then_some((b, nodes))
    })
}

/// Whether a tree draws folders and files (`platform/ ├── crossplane/ │ └──
/// compositions/  # ...`), not concepts: half of its nodes or more are paths
/// (review AQ of 2026-12-01: "「platform/ > crossplane/」에 속하는 것").
fn file_tree(nodes: &[Node]) -> bool {
    let paths = nodes.iter().filter(|n| is_path(&n.text)).count();
    paths * 2 >= nodes.len()
}

/// A folder (`envs/dev/`), a file name with an extension (`main.tf`,
/// `values.yaml`) or a build file (`Dockerfile`), before any `#` comment.
fn is_path(text: &str) -> bool {
    let t = text.split_once('#').map_or(text, |(p, _)| p).trim();
    if t.is_empty() || t.contains(char::is_whitespace) {
        return false;
    }
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    };
    if !plain(t) {
        return false;
    }
    if t.ends_with('/') || matches!(t, "Dockerfile" | "Makefile" | "Jenkinsfile" | "Chart.lock") {
        return true;
    }
    t.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_lowercase())
    })
}

/// Generate outline questions for every tree in the document in `ctx`.
pub fn generate(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc();
    // Outlines of what comes next, careers, logistics: no course concepts.
    let not_concepts = doc.sections_with(super::NOT_CONCEPTS);
    let trees: Vec<(Option<usize>, Vec<Node>)> = trees(
        doc.blocks
            .iter()
            .filter(|b| !not_concepts.contains(b.section)),
    )
    .map(|(b, nodes)| (b.section, nodes))
    .chain(
        heading_outlines(doc)
            .into_iter()
            .filter(|(section, _)| !not_concepts.contains(*section)),
    )
    .collect();
    let shapes: Vec<Shape> = trees.iter().map(|(_, n)| Shape::new(n)).collect();
    // Every category label of the document: a leaf with the same text elsewhere
    // (지능형 자동화 is an item of Level 2 and a group of Level 3) is never an option.
    let categories: HashSet<&str> = trees
        .iter()
        .flat_map(|(_, nodes)| nodes.iter())
        .filter(|n| !n.children.is_empty())
        .map(|n| n.norm.as_str())
        .collect();
    for (t, (section, nodes)) in trees.iter().enumerate() {
        let section = *section;
        let shape = &shapes[t];
        // Per node, once: its label is a category somewhere in the document.
        let is_category: Vec<bool> = nodes
            .iter()
            .map(|n| categories.contains(n.norm.as_str()))
            .collect();
        for g in 0..nodes.len() {
            // A category's label is never an option: questions about a group use
            // its leaves only.
            let leaves: Vec<usize> = nodes[g]
                .children
                .iter()
                .copied()
                .filter(|&c| nodes[c].children.is_empty() && !is_category[c])
                .collect();
            if leaves.len() < 2 {
                if nodes[g].children.len() >= 2 {
                    ctx.dropped("분류만 있고 물을 항목이 없음");
                }
                continue;
            }
            // In parallel branches (Level 1..5 sharing roles such as 특징), a group
            // whose role the other branches do not have (Level 4 > 목표) has no
            // items of its kind to contrast with: its items read like anyone's.
            let parallel_parent = nodes[g].parent.is_some_and(|p| shape.parallel[p]);
            if parallel_parent && !shape.shared_role[g] {
                ctx.dropped("나란한 가지들이 공유하지 않는 역할");
                continue;
            }
            let group = Group::new(nodes, g, &leaves, shape);
            let mut tiers = candidate_tiers(nodes, shape, g, &is_category);
            if parallel_parent {
                // Only the same role of the other branches.
                tiers.truncate(1);
            }
            belongs(ctx, &group, section, &tiers);
            not_belongs(ctx, &group, section, &tiers);
        }
        parallel(ctx, nodes, &is_category, section);
        aspects(ctx, nodes, section);
        orders(ctx, nodes, section);
        super::explain::outline(ctx, nodes, section);
    }
}

/// What is known about a tree's shape: for each node, its outermost ancestor,
/// whose subtree is the region a prompt naming the node covers.
struct Shape {
    top: Vec<usize>,
    /// A category whose label a child of another branch at its parent's level
    /// has too (특징 under Level 1 and Level 2).
    shared_role: Vec<bool>,
    /// A branch with at least one shared role among its children.
    parallel: Vec<bool>,
    /// The block's one root over two or more groups: a caption.
    caption: Option<usize>,
    /// The "name" parts of "name: value" leaves written under two or more
    /// groups (주의, 용도, 구성): aspects of the groups, not names of things.
    aspects: HashSet<String>,
}

impl Shape {
    /// Whether `region` is one of the alternatives a caption lists (Retain /
    /// Delete / Recycle under "회수 정책별 동작"), not an ordered stage (Level
    /// 1-5, cumulative: what a lower level has is true of the higher ones).
    fn alternatives(&self, nodes: &[Node], region: usize) -> bool {
        self.caption.is_some()
            && nodes[region].parent == self.caption
            && stage(nodes, region).is_none()
    }

    fn new(nodes: &[Node]) -> Self {
        let caption = caption(nodes);
        let mut top = Vec::with_capacity(nodes.len());
        for (i, n) in nodes.iter().enumerate() {
            // Parents come before their children.
            let t = match n.parent {
                None => i,
                Some(p) if Some(p) == caption => i,
                Some(p) => top[p],
            };
            top.push(t);
        }
        let mut shared_role = vec![false; nodes.len()];
        let mut parallel = vec![false; nodes.len()];
        // (grandparent, parent depth, child label) -> the parents having that child.
        let mut holders: BTreeMap<(Option<usize>, usize, &str), Vec<usize>> = BTreeMap::new();
        for n in nodes.iter().filter(|n| !n.children.is_empty()) {
            let Some(p) = n.parent else { continue };
            let list = holders
                .entry((nodes[p].parent, nodes[p].depth, n.norm.as_str()))
                .or_default();
            if !list.contains(&p) {
                list.push(p);
            }
        }
        for (c, n) in nodes.iter().enumerate() {
            let Some(p) = n.parent else { continue };
            if n.children.is_empty() {
                continue;
            }
            let key = (nodes[p].parent, nodes[p].depth, n.norm.as_str());
            if holders.get(&key).is_some_and(|l| l.len() >= 2) {
                shared_role[c] = true;
                parallel[p] = true;
            }
        }
        let mut holders: BTreeMap<String, HashSet<usize>> = BTreeMap::new();
        for n in nodes.iter().filter(|n| n.children.is_empty()) {
            if let (Some((name, _)), Some(p)) = (n.text.split_once(": "), n.parent) {
                holders.entry(normalize(name)).or_default().insert(p);
            }
        }
        let aspects = holders
            .into_iter()
            .filter(|(_, ps)| ps.len() >= 2)
            .map(|(name, _)| name)
            .collect();
        Shape {
            top,
            shared_role,
            parallel,
            caption,
            aspects,
        }
    }
}

/// Hashes of the words of `text` with two or more characters, normalized.
fn words(text: &str) -> Vec<u64> {
    // Hangul and ASCII first: the Unicode tables only for anything else.
    let word_char = |c: char| {
        c.is_ascii_alphanumeric()
            || crate::text::is_hangul(c)
            || (!c.is_ascii() && c.is_alphanumeric())
    };
    let mut out: Vec<u64> = text
        .split(|c: char| !word_char(c))
        .filter(|w| w.chars().count() >= 2 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| fnv1a(normalize(w).as_bytes()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether an item is written "Name: description" (`Kratix: 플랫폼 구축 프레임워크`).
fn named(text: &str) -> bool {
    text.split_once(": ")
        .is_some_and(|(n, d)| !n.trim().is_empty() && !d.trim().is_empty())
}

/// Whether two sorted word lists share a word.
fn share_word(a: &[u64], b: &[u64]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// A tree's node as a distractor candidate.
fn cand(n: &Node) -> (&str, &str, u64) {
    (n.text.as_str(), n.norm.as_str(), n.hash)
}

/// Candidate distractors for group `g` of tree `t`, best first: leaves outside
/// every section the group's prompt names (the subtree of its outermost
/// ancestor), of the same role (a parent with the same label as the group, e.g.
/// another level's 특징) first, then under a parent at the group's depth, then
/// the rest of the tree. Never a category, never another tree of the document
/// (another topic: its items may well belong to the group too).
fn candidate_tiers<'n>(
    nodes: &'n [Node],
    shape: &Shape,
    g: usize,
    is_category: &[bool],
) -> Vec<Vec<&'n Node>> {
    let region = shape.top[g];
    // Words of the group and every section around it: a candidate that shares
    // one (예측적 분석 for "Level 4: 예측적 운영 > 목표") may well be right.
    let mut label_words: Vec<u64> = Vec::new();
    let mut cur = Some(g);
    while let Some(i) = cur {
        // The caption names the distractors' branches too.
        if Some(i) != shape.caption {
            label_words.extend(&nodes[i].words);
        }
        cur = nodes[i].parent;
    }
    // ... and every item of the named region: a candidate sharing a word with one
    // (인간 개입 최소화 beside Level 3's 최소한의 수동 개입) may be right as well.
    // Under a caption (alternatives such as Retain / Delete / Recycle) only
    // the words no other branch writes: PV or 데이터 in every branch tell
    // nothing about which one an item belongs to.
    let alternatives = shape.alternatives(nodes, region);
    let elsewhere: HashSet<u64> = if alternatives {
        nodes
            .iter()
            .enumerate()
            .filter(|(i, _)| shape.top[*i] != region && Some(*i) != shape.caption)
            .flat_map(|(_, n)| n.words.iter().copied())
            .collect()
    } else {
        HashSet::new()
    };
    for (i, n) in nodes.iter().enumerate() {
        if shape.top[i] == region {
            label_words.extend(n.words.iter().filter(|w| !elsewhere.contains(w)));
        }
    }
    label_words.sort_unstable();
    label_words.dedup();
    // Branches named in Latin letters (NodePort, Retain, ReadWriteOnce): a
    // candidate writing one ("NodePort + 외부 로드밸런서") says which branch it
    // belongs to (review of blind4: every distractor naming its own branch
    // left the key by elimination).
    let mut branch_words: Vec<u64> = nodes
        .iter()
        .enumerate()
        .filter(|(i, n)| {
            shape.top[*i] == *i
                && Some(*i) != shape.caption
                && Script::of(unparen(&n.text)) == Script::Latin
        })
        .flat_map(|(_, n)| n.words.iter().copied())
        .collect();
    branch_words.sort_unstable();
    branch_words.dedup();
    let mut tiers: Vec<Vec<&Node>> = vec![Vec::new(); 3];
    for (i, n) in nodes.iter().enumerate() {
        if !n.children.is_empty() || shape.top[i] == region || is_category[i] {
            continue;
        }
        let Some(p) = n.parent else { continue };
        if share_word(&n.words, &label_words) || share_word(&n.words, &branch_words) {
            continue;
        }
        // Ordered stages (Level 1..5) are cumulative: what a lower level has
        // (높은 시스템 안정성 at Level 3) is true of the higher ones too. A
        // distractor for a stage comes from a higher stage only.
        if let (Some(own), Some(other)) = (stage(nodes, region), stage(nodes, shape.top[i]))
            && other <= own
        {
            continue;
        }
        let tier = if nodes[p].hash == nodes[g].hash && nodes[p].norm == nodes[g].norm {
            0
        } else if (name_like(&n.text) || role(&nodes[p].text) || role(&nodes[g].text))
            && !kin(nodes, shape, p, g)
        {
            // A name from a group of another kind (특수 verbs beside 기본
            // ClusterRole, 도구 beside 구성 요소) is told apart by its kind, not
            // by what the group holds (review G of 2026-11-30: impersonate
            // among role names, Hopsworks among a feature store's parts).
            // Korean statements of other groups (오프라인 자율 운영 beside
            // 자동 성능 튜닝) are one kind: what a group holds tells them apart.
            continue;
        } else if nodes[p].depth == nodes[g].depth {
            1
        } else {
            2
        };
        tiers[tier].push(n);
    }
    tiers
}

/// Whether groups `a` and `b` hold things of one kind, so that an item of one
/// is a fair distractor for the other: alternatives one caption lists
/// (Retain / Delete / Recycle), or labels where the noun one ends in is a
/// word of the other (새로운 보안 도구 and 도구 생태계; "Filter (필터
/// 플러그인)" and "Output (출력 플러그인)", a parenthesis read as a label of
/// its own). Groups with other labels (구성 요소 and 도구, "Prometheus
/// (평가)" and "Alertmanager (처리)") hold other kinds of things.
fn kin(nodes: &[Node], shape: &Shape, a: usize, b: usize) -> bool {
    let (ta, tb) = (shape.top[a], shape.top[b]);
    if shape.caption.is_some() && shape.alternatives(nodes, ta) && shape.alternatives(nodes, tb) {
        return true;
    }
    let (la, lb) = (label_words(&nodes[a].text), label_words(&nodes[b].text));
    heads(&nodes[a].text).any(|h| lb.contains(&h)) || heads(&nodes[b].text).any(|h| la.contains(&h))
}

/// The number of a name on a numbered scale: a short prefix of letters and
/// a number ("SEV2", "P1", "Level 3", "Tier 1"), nothing after it.
fn ordinal(name: &str) -> Option<u32> {
    let t = name.trim().trim_end_matches(':');
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let prefix = t[..t.len() - digits].trim_end();
    (digits > 0
        && !prefix.is_empty()
        && prefix.chars().count() <= 8
        && prefix.chars().all(char::is_alphabetic))
    .then(|| t[t.len() - digits..].parse().ok())
    .flatten()
}

/// A text without its parenthesis ("HPA (HorizontalPodAutoscaler)" -> HPA).
fn unparen(text: &str) -> &str {
    text.split_once(" (").map_or(text, |(a, _)| a)
}

/// Group labels that name a part of an account, not a topic: the items of
/// "결과" and "대안" are consequences and remedies, told apart by reading
/// (review O of 2026-11-30: the one remedy among a failure's consequences).
const ROLE_LABELS: &[&str] = &[
    "상황",
    "결과",
    "원인",
    "증상",
    "문제",
    "대안",
    "해결",
    "해결책",
    "대응",
    "조치",
    "방어",
    "공격",
    "예방",
    "영향",
    "효과",
    "장점",
    "단점",
    "주의",
    "한계",
    "목적",
    "배경",
];

/// Aspects that say what a branch is or does ("목적: ...", "방식: ...",
/// "증상: ..."): things are named after their purpose, mechanism or symptom,
/// so the value restates the name ("신규 코드 경로를 숨기고 점진적으로 노출"
/// under Release Toggle, "디렉터리에 저장" under `type=local`, "gcc, 헤더가
/// 런타임 이미지에 포함" under 빌드 도구 동봉). First judgements of reviews R,
/// T and U of 2026-11-30: 목적, 방식, 구현 and 증상 failed 6 of 6, while
/// 주의, 장점 and 형태 held; 동작 held once and failed once ("호스트에서 직접
/// 명령 실행" under shell, review X). These besides [`hygiene::DEFINING_LABELS`],
/// which the table columns that define their rows share.
const NAMING_ASPECTS: &[&str] = &["방식", "구현", "구현 방식", "원리", "증상", "현상", "뜻"];

/// Whether a group's label (without a parenthesis) is one of [`ROLE_LABELS`].
pub fn is_role(label: &str) -> bool {
    role(label)
}

fn role(label: &str) -> bool {
    ROLE_LABELS.contains(&unparen(label).trim())
}

/// Whether an item is a name written in Latin letters (impersonate, Hopsworks,
/// "Trivy (Aqua Security)", "rule_files: ..."), not a statement.
fn name_like(text: &str) -> bool {
    let name = text.split_once(": ").map_or(text, |(n, _)| n);
    Script::of(unparen(name)) == Script::Latin
}

/// The words of a group's label, normalized.
fn label_words(label: &str) -> Vec<String> {
    label
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .filter(|w| !w.is_empty())
        .map(normalize)
        .collect()
}

/// The nouns a group's label ends in: the last word before a parenthesis and
/// the last word inside it ("Filter (필터 플러그인)" -> filter, 플러그인).
fn heads(label: &str) -> impl Iterator<Item = String> + '_ {
    let (bare, paren) = label.split_once(" (").unwrap_or((label, ""));
    [bare, paren]
        .into_iter()
        .filter_map(|part| label_words(part).pop())
}

/// What the "belongs" questions of one group share.
struct Group<'n> {
    /// The group's path, as shown in prompts.
    label: String,
    label_norm: String,
    /// Its leaf children: text, normalized text and its hash.
    own: Vec<(&'n str, &'n str, u64)>,
    /// The words of its leaf children, sorted.
    own_words: Vec<u64>,
    /// Every node inside the sections the prompt names (normalized): a
    /// distractor near-equal to one of them could be right.
    region: Vec<&'n str>,
    /// The group's line.
    line: usize,
    /// Per leaf (by hash of its normalized text), its words.
    own_words_of: Vec<(u64, Vec<u64>)>,
    /// Words of every leaf of the tree outside the group.
    outside_words: std::collections::HashSet<u64>,
    /// The group is (in) one of a caption's alternatives.
    alternatives: bool,
    /// The label without the caption, which names the other branches too:
    /// its words point at no option.
    own_label: String,
    /// The tree's aspects ([`Shape::aspects`]).
    aspects: &'n HashSet<String>,
}

impl<'n> Group<'n> {
    fn new(nodes: &'n [Node], g: usize, leaves: &[usize], shape: &'n Shape) -> Self {
        let label = path(nodes, g);
        let top = shape.top[g];
        let own_label = match shape.caption {
            Some(c) => label
                .strip_prefix(nodes[c].text.as_str())
                .and_then(|l| l.strip_prefix(" > "))
                .unwrap_or(&label)
                .to_string(),
            None => label.clone(),
        };
        Group {
            label_norm: normalize(&label),
            label,
            own: leaves.iter().map(|&c| cand(&nodes[c])).collect(),
            own_words: {
                let mut w: Vec<u64> = leaves
                    .iter()
                    .flat_map(|&c| nodes[c].words.iter().copied())
                    .collect();
                w.sort_unstable();
                w.dedup();
                w
            },
            region: nodes
                .iter()
                .zip(&shape.top)
                .filter(|(_, t)| **t == top)
                .map(|(n, _)| n.norm.as_str())
                .collect(),
            line: nodes[g].line,
            own_words_of: leaves
                .iter()
                .map(|&c| (nodes[c].hash, nodes[c].words.clone()))
                .collect(),
            outside_words: nodes
                .iter()
                .filter(|n| n.children.is_empty() && n.parent != Some(g))
                .flat_map(|n| n.words.iter().copied())
                .collect(),
            alternatives: shape.alternatives(nodes, top),
            own_label,
            aspects: &shape.aspects,
        }
    }

    /// The children's texts joined, for question keys.
    fn joined(&self) -> String {
        let mut out = String::new();
        for (i, (t, _, _)) in self.own.iter().enumerate() {
            if i > 0 {
                out.push('\u{1e}');
            }
            out.push_str(t);
        }
        out
    }

    /// Whether a candidate (normalized) could be right under the prompt: it is
    /// near-equal to something inside the named sections, or to the label.
    fn excludes(&self, c: &str) -> bool {
        self.region.iter().any(|o| near_equal_normalized(o, c))
            || near_equal_normalized(c, &self.label_norm)
    }
}

/// Options that are all "Name: description" show their names only: the
/// descriptions say what kind of thing each is, and the odd kind is read off
/// the form ("Akri: IoT 디바이스 관리" among security tools; review of
/// 2026-11-30). Kept whole when two names are the same; `false` when the
/// names are of mixed scripts (쿼리 언어 among hot / warm / cold): the
/// question is not asked. Names that are the tree's aspects (주의, 용도,
/// 변형 under every branch) are no names: the options stay whole.
fn names_only(options: &mut [crate::model::Choice], aspects: &HashSet<String>) -> bool {
    let names: Vec<String> = options
        .iter()
        .filter_map(|o| {
            o.text
                .split_once(": ")
                .map(|(n, d)| (n.trim(), d.trim()))
                .filter(|(n, d)| !n.is_empty() && !d.is_empty())
                .map(|(n, _)| n.to_string())
        })
        .collect();
    let mut seen = HashSet::new();
    if names.len() != options.len() || !names.iter().all(|n| seen.insert(normalize(n))) {
        return true;
    }
    // Aspects (주의 / 용도 / 변형 under every branch) are no names: the whole
    // "aspect: value" statements are the options.
    let aspect = |n: &String| aspects.contains(&normalize(n));
    if names.iter().any(aspect) {
        // ... all of them, when Korean: one thing's name among aspects
        // ("레지스트리: Harbor, ECR" among 단점 / 구성 / 사용) is odd by its
        // form. (A Latin name written under two groups, TaintToleration
        // under Filter and Score, is a name all the same.)
        return names.iter().all(aspect) || Script::of(&names[0]) == Script::Latin;
    }
    if names.iter().any(|n| Script::of(n) != Script::of(&names[0])) {
        return false;
    }
    // Korean labels (좋은 예, 나쁜 예, 장점, 주의) are no names either: cut to
    // them, the options are the labels alone (review O of 2026-11-30); kept
    // whole, the one item of another label stands out by its topic (review
    // Q): no question.
    if Script::of(&names[0]) != Script::Latin {
        return false;
    }
    for (o, n) in options.iter_mut().zip(names) {
        o.text = n;
    }
    true
}

fn belongs(ctx: &mut Ctx<'_>, group: &Group<'_>, section: Option<usize>, tiers: &[Vec<&Node>]) {
    let key = format!("{}\u{1f}{}", group.label, group.joined());
    let seed = Seed::new(&key);
    // The key shares no word with the prompt: the distractors never do, so a
    // shared word would point at it.
    let label_words = hygiene::content_words(&group.own_label);
    let Some(&(answer, answer_norm, _)) = group
        .own
        .iter()
        .filter(|(t, _, _)| !hygiene::share(&hygiene::content_words(t), &label_words))
        .filter(|(_, _, h)| {
            // Specific to the group: none of its words is a word of an item
            // elsewhere in the tree (성능 모니터링 및 최적화 is no mark of storage);
            // among alternatives, most of its words (PV and 데이터 are in
            // every branch of a storage outline).
            group
                .own_words_of
                .iter()
                .find(|(x, _)| x == h)
                .is_none_or(|(_, w)| {
                    let shared = w.iter().filter(|x| group.outside_words.contains(x)).count();
                    if group.alternatives {
                        2 * shared < w.len()
                    } else {
                        shared == 0
                    }
                })
        })
        .min_by_key(|(t, _, _)| seed.rank(t))
    else {
        ctx.dropped("문제의 낱말이 답을 가리킴");
        return;
    };
    // Options of one shape: "Name: description" beside its kind only.
    let shape = hygiene::form(answer);
    let tiers: Vec<Vec<(&str, &str, u64)>> = tiers
        .iter()
        .map(|t| {
            t.iter()
                .filter(|n| hygiene::form(&n.text) == shape)
                .map(|n| cand(n))
                .collect()
        })
        .collect();
    let picked = pick_tiered(
        seed,
        answer_norm,
        answer,
        &tiers,
        |c| group.excludes(c) || !same_kind(c, answer_norm),
        3,
    );
    let Some(distractors) = picked else {
        ctx.dropped("문제가 가리키는 절 밖의 오답 보기 부족");
        return;
    };
    let (mut options, answer_id) = layout_options(seed, answer, &distractors);
    if !names_only(&mut options, group.aspects) {
        ctx.dropped("보기의 종류가 섞임");
        return;
    }
    let mut q = ctx.question(
        "outline-belongs",
        &key,
        Kind::Choice,
        format!("다음 중 「{}」에 속하는 것을 고르시오.", group.label),
        group.line,
        section,
    );
    q.options = options;
    q.answer = Some(Answer::One(answer_id));
    ctx.out.push(q);
}

fn not_belongs(ctx: &mut Ctx<'_>, group: &Group<'_>, section: Option<usize>, tiers: &[Vec<&Node>]) {
    if group.own.len() < 3 {
        return;
    }
    let key = format!("not\u{1f}{}\u{1f}{}", group.label, group.joined());
    let seed = Seed::new(&key);
    // The odd one out: the best-ranked leaf outside the named sections, in the
    // script most of the group's own are written in.
    let mut counts = [0usize; 3];
    for (_, n, _) in &group.own {
        counts[Script::of(n) as usize] += 1;
    }
    let script = [Script::Latin, Script::Hangul, Script::Mixed]
        .into_iter()
        .max_by_key(|s| counts[*s as usize])
        .unwrap_or(Script::Hangul);
    // ... and sharing no word with any of them (지능형 모니터링 도구 is no odd one
    // out beside 모니터링과 관찰 가능성 내장).
    // ... and of the form most of them have ("Name: description", a number, a
    // parenthesis): an odd one out without the members' "(70%)" stands out.
    let mut forms: BTreeMap<u8, usize> = BTreeMap::new();
    for (t, _, _) in &group.own {
        *forms.entry(hygiene::form(t)).or_default() += 1;
    }
    let shape = forms
        .iter()
        .max_by_key(|(f, n)| (**n, std::cmp::Reverse(**f)))
        .map_or(0, |(f, _)| *f);
    let tiers: Vec<Vec<(&str, &str, u64)>> = tiers
        .iter()
        .map(|t| {
            t.iter()
                .filter(|n| {
                    hygiene::form(&n.text) == shape && !share_word(&n.words, &group.own_words)
                })
                .map(|n| cand(n))
                .collect()
        })
        .collect();
    let odd = pick_tiered(
        seed,
        "",
        "",
        &tiers,
        |c| group.excludes(c) || Script::of(c) != script || hygiene::contradicts(&group.label, c),
        1,
    );
    let Some(odd) = odd.and_then(|v| v.into_iter().next()) else {
        ctx.dropped("문제가 가리키는 절 밖의 오답 보기 부족");
        return;
    };
    let odd_norm = normalize(&odd);
    let members = pick_distractors_normalized(
        seed,
        &odd_norm,
        &odd,
        group
            .own
            .iter()
            .copied()
            .filter(|(t, _, _)| hygiene::form(t) == shape),
        |c| !same_kind(c, &odd_norm),
        3,
    );
    let Some(members) = members else {
        ctx.dropped("보기의 종류가 섞임");
        return;
    };
    let (mut options, answer_id) = layout_options(seed, &odd, &members);
    if !names_only(&mut options, group.aspects) {
        ctx.dropped("보기의 종류가 섞임");
        return;
    }
    let mut q = ctx.question(
        "outline-not-belongs",
        &key,
        Kind::Choice,
        format!("다음 중 「{}」에 속하지 않는 것을 고르시오.", group.label),
        group.line,
        section,
    );
    q.options = options;
    q.answer = Some(Answer::One(answer_id));
    ctx.out.push(q);
}

/// Parallel branches: siblings (Level 1..5) that share child labels (each has
/// 특징, 개선 방향). For each branch and shared role, one leaf found in no other
/// branch -> "which branch has it under that role?" with the sibling branches
/// as options (the one question whose options are categories: they are what
/// it asks about).
fn parallel(ctx: &mut Ctx<'_>, nodes: &[Node], is_category: &[bool], section: Option<usize>) {
    for (parent, list) in sibling_lists(nodes) {
        let branches: Vec<usize> = list
            .into_iter()
            .filter(|&i| !nodes[i].children.is_empty())
            .collect();
        if branches.len() < 3 {
            continue;
        }
        // Role label -> (branch, role node) for every branch that has it.
        let mut roles: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
        for &b in &branches {
            for &c in &nodes[b].children {
                if nodes[c]
                    .children
                    .iter()
                    .any(|&l| nodes[l].children.is_empty())
                {
                    roles
                        .entry(nodes[c].norm.as_str())
                        .or_default()
                        .push((b, c));
                }
            }
        }
        if roles.values().all(|h| h.len() < 3) {
            continue;
        }
        let title = list_title(ctx, nodes, parent, section);
        for holders in roles.values().filter(|h| h.len() >= 3) {
            for &(b, c) in holders {
                // Only ordered stages (Level 1-5, Phase 1-4): the parts of one
                // system (모델 저장소 / 모델 서버 / 서빙 플랫폼) or alternatives
                // (기본 Secret / 저장 시 암호화) share duties the outline lists
                // under one of them, and "belongs" asks their items already
                // (census of 2026-11-30: 2 of 9 sound).
                if stage(nodes, b).is_none() {
                    ctx.dropped("단계가 아닌 가지: 속하는 것 문제로 물음");
                    continue;
                }
                let role = &nodes[c].text;
                // Everything under the other branches: the answer is in none of them.
                let others: Vec<&str> = holders
                    .iter()
                    .filter(|(o, _)| *o != b)
                    .flat_map(|&(o, _)| subtree(nodes, o))
                    .map(|i| nodes[i].norm.as_str())
                    .collect();
                let key = format!("{title}\u{1f}{}\u{1f}{role}", nodes[b].text);
                let seed = Seed::new(&key);
                // Only an item specific to its branch: sharing no word with
                // anything under the other branches ('높은 시스템 안정성' fits
                // Levels 3-5 alike), nor with its own branch's label (a give-away).
                let other_words: Vec<u64> = holders
                    .iter()
                    .filter(|(o, _)| *o != b)
                    .flat_map(|&(o, _)| subtree(nodes, o))
                    .flat_map(|i| nodes[i].words.iter().copied())
                    .collect();
                let own_label = hygiene::content_words(&nodes[b].text);
                let leaf = nodes[c]
                    .children
                    .iter()
                    .copied()
                    .filter(|&l| nodes[l].children.is_empty() && !is_category[l])
                    .filter(|&l| {
                        !others
                            .iter()
                            .any(|o| near_equal_normalized(o, &nodes[l].norm))
                            && !nodes[l].words.iter().any(|w| other_words.contains(w))
                            && !hygiene::share(&hygiene::content_words(&nodes[l].text), &own_label)
                    })
                    .min_by_key(|&l| seed.rank_hash(nodes[l].hash));
                let Some(leaf) = leaf else {
                    ctx.dropped("한 가지에만 있는 항목 없음");
                    continue;
                };
                // Ordered stages are cumulative: an item of Level 3 is true of
                // Levels 4 and 5 as well, so only lower stages are wrong options.
                let cands: Vec<(&str, &str, u64)> = holders
                    .iter()
                    .filter(|(o, _)| *o != b)
                    .filter(|&&(o, _)| match (stage(nodes, b), stage(nodes, o)) {
                        (Some(own), Some(other)) => other < own,
                        _ => true,
                    })
                    .map(|&(o, _)| cand(&nodes[o]))
                    .collect();
                if cands.len() < 2 {
                    ctx.dropped("아래 단계가 부족함");
                    continue;
                }
                let n = cands.len().min(3);
                let Some(distractors) = pick_distractors_normalized(
                    seed,
                    &nodes[b].norm,
                    &nodes[b].text,
                    cands,
                    |_| false,
                    n,
                ) else {
                    ctx.dropped("가지끼리 너무 비슷함");
                    continue;
                };
                let (options, answer_id) = layout_options(seed, &nodes[b].text, &distractors);
                let mut q = ctx.question(
                    "outline-which",
                    &key,
                    Kind::Choice,
                    format!(
                        "「{title}」에서 「{role}」에 {} 들어 있는 것을 고르시오.",
                        crate::text::subject(&format!("'{}'", nodes[leaf].text), "항목"),
                    ),
                    nodes[c].line,
                    section,
                );
                q.options = options;
                q.answer = Some(Answer::One(answer_id));
                ctx.out.push(q);
            }
        }
    }
}

/// The lists of siblings that may be parallel branches or runs: the roots,
/// and the children of every node with three or more, each with its parent.
fn sibling_lists(nodes: &[Node]) -> Vec<(Option<usize>, Vec<usize>)> {
    let mut lists: Vec<(Option<usize>, Vec<usize>)> = vec![(
        None,
        (0..nodes.len()).filter(|&i| nodes[i].depth == 0).collect(),
    )];
    for (i, n) in nodes.iter().enumerate() {
        if n.children.len() >= 3 {
            lists.push((Some(i), n.children.clone()));
        }
    }
    lists
}

/// Whether node `i` is a thing described by aspects: its children are all
/// leaves, or two or more of them are leaves written "aspect: value" (Counter
/// with 예시 and 주의 beside its 특징 group: review K of 2026-11-30).
fn described(nodes: &[Node], i: usize) -> bool {
    let children = &nodes[i].children;
    let leaves = children.iter().filter(|&&c| nodes[c].children.is_empty());
    (!children.is_empty() && leaves.clone().count() == children.len())
        || leaves.filter(|&&c| named(&nodes[c].text)).count() >= 2
}

/// Named branches at one depth under different parents (HPA and KEDA under
/// 수평 확장, VPA under 수직 확장, Cluster Autoscaler and Karpenter under 노드
/// 확장), each [`described`]: one list of things of one kind, which the
/// tree merely sorts (review J of 2026-11-30). Only when they span two parents
/// or more (else they are a sibling list) and every name is written in Latin
/// letters and is of one kind. The list's title is the tree's.
fn cousin_lists(nodes: &[Node]) -> Vec<(Option<usize>, Vec<usize>)> {
    let mut by_depth: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if n.depth > 0 && described(nodes, i) {
            by_depth.entry(n.depth).or_default().push(i);
        }
    }
    by_depth
        .into_values()
        .filter(|list| {
            let parents: HashSet<Option<usize>> = list.iter().map(|&i| nodes[i].parent).collect();
            let names: Vec<&str> = list.iter().map(|&i| unparen(&nodes[i].text)).collect();
            list.len() >= 3
                && parents.len() >= 2
                && names
                    .iter()
                    .all(|n| Script::of(n) == Script::Latin && !code_like(n))
        })
        .map(|list| (None, list))
        .collect()
}

/// What a question about a sibling list calls it: its parent's path, or for
/// the roots the tree's first lone root line, or the section.
fn list_title(
    ctx: &Ctx<'_>,
    nodes: &[Node],
    parent: Option<usize>,
    section: Option<usize>,
) -> String {
    match parent {
        Some(p) => path(nodes, p),
        None => nodes
            .iter()
            .find(|n| n.depth == 0 && n.children.is_empty())
            .map(|n| n.text.clone())
            .unwrap_or_else(|| ctx.section_path(section)),
    }
}

/// Parallel branches described by "aspect: value" items with the same aspects
/// (restart policies `no` / `always` / `on-failure`, each with 목적, 주의, 실패
/// 시; probes each with 실패 시), siblings or [`cousin_lists`]: which branch has
/// this value for this aspect, the branches by their bare names as options
/// (`outline-aspect`). Only a value specific to its branch (see below).
fn aspects(ctx: &mut Ctx<'_>, nodes: &[Node], section: Option<usize>) {
    let mut lists = sibling_lists(nodes);
    lists.extend(cousin_lists(nodes));
    for (parent, list) in lists {
        let branches: Vec<usize> = list.into_iter().filter(|&i| described(nodes, i)).collect();
        if branches.len() < 3 {
            continue;
        }
        // A branch named with its own description ("전략 B - 단일 파일 + 변수
        // 보간") is told by that description: its values restate it ("구조가
        // 같고 값만 다른 경우 가장 단순"; review V of 2026-11-30).
        if branches.iter().any(|&b| {
            [" - ", " – ", " — "]
                .iter()
                .any(|d| nodes[b].text.contains(d))
        }) {
            ctx.dropped("가지 이름이 설명을 담음");
            continue;
        }
        // Aspect (normalized) -> (its label, [(branch, value)]).
        let mut by: BTreeMap<String, (String, Vec<(usize, String)>)> = BTreeMap::new();
        for &b in &branches {
            for &c in &nodes[b].children {
                if !nodes[c].children.is_empty() {
                    continue;
                }
                let Some((a, v)) = nodes[c].text.split_once(": ") else {
                    continue;
                };
                let (a, v) = (a.trim(), v.trim());
                if a.is_empty() || v.is_empty() || a.chars().count() > 12 {
                    continue;
                }
                let e = by
                    .entry(normalize(a))
                    .or_insert_with(|| (a.to_string(), Vec::new()));
                if !e.1.iter().any(|(o, _)| *o == b) {
                    e.1.push((b, v.to_string()));
                }
            }
        }
        let title = list_title(ctx, nodes, parent, section);
        if super::explain::lab_plan(&title) {
            ctx.dropped("실습 과제는 비교하지 않음");
            continue;
        }
        for (label, holders) in by.values().filter(|(_, h)| h.len() >= 3) {
            let label_text = unparen(label).trim();
            if hygiene::DEFINING_LABELS.contains(&label_text)
                || NAMING_ASPECTS.contains(&label_text)
            {
                ctx.dropped("값이 가지 이름을 풀어 씀");
                continue;
            }
            for (b, v) in holders {
                let words = hygiene::content_words(v);
                // Specific to its branch: near-equal to no other branch's value,
                // at most one of its words (and under a quarter) in any of them
                // (two shared words, 운영 and 금지, leave "운영 배포 기준으로
                // 사용 금지" fitting latest too; "별도 오퍼레이터" beside VPA's
                // "별도 설치" is told apart by one word: review L), sharing no
                // word or version number with its own branch's name ("1.4 →
                // 패치만" under "SemVer 태그 (1.4.2 / 1.4 / 1)"), and naming no
                // other branch.
                let other_words: Vec<String> = holders
                    .iter()
                    .filter(|(o, _)| o != b)
                    .flat_map(|(_, ov)| hygiene::content_words(ov))
                    .collect();
                let shared = words
                    .iter()
                    .filter(|w| hygiene::share(std::slice::from_ref(*w), &other_words))
                    .count();
                let specific = !words.is_empty()
                    && shared <= 1
                    && 4 * shared < words.len()
                    && !hygiene::shares_version(v, &nodes[*b].text)
                    && holders
                        .iter()
                        .filter(|(o, _)| o != b)
                        .all(|(_, ov)| !near_equal_normalized(&normalize(ov), &normalize(v)))
                    && !hygiene::share(&words, &hygiene::name_words(&nodes[*b].text))
                    && !hygiene::translates_part(unparen(&nodes[*b].text), v)
                    && !holders.iter().filter(|(o, _)| o != b).any(|(o, _)| {
                        hygiene::share(&words, &hygiene::name_words(unparen(&nodes[*o].text)))
                    });
                if !specific {
                    ctx.dropped("가지마다 같은 항목의 값이 겹침");
                    continue;
                }
                let key = format!("{title}\u{1f}{}\u{1f}{label}\u{1f}{v}", nodes[*b].text);
                let seed = Seed::new(&key);
                let cands: Vec<(&str, &str, u64)> = holders
                    .iter()
                    .filter(|(o, _)| o != b)
                    .map(|(o, _)| cand(&nodes[*o]))
                    .collect();
                let n = cands.len().min(3);
                let Some(distractors) = pick_distractors_normalized(
                    seed,
                    &nodes[*b].norm,
                    &nodes[*b].text,
                    cands,
                    |_| false,
                    n,
                ) else {
                    ctx.dropped("가지끼리 너무 비슷함");
                    continue;
                };
                // Branches numbered on one scale (SEV2 / SEV3 / SEV4): the most
                // or least urgent value goes to the end of the scale offered,
                // read off the numbers (review Z of 2026-11-30). Only a branch
                // inside the offered range is asked.
                let numbers: Vec<Option<u32>> = std::iter::once(nodes[*b].text.as_str())
                    .chain(distractors.iter().map(String::as_str))
                    .map(|t| ordinal(unparen(t)))
                    .collect();
                if numbers.iter().all(Option::is_some) {
                    let own = numbers[0];
                    let (lo, hi) = (numbers.iter().min(), numbers.iter().max());
                    if Some(&own) == lo || Some(&own) == hi {
                        ctx.dropped("번호 척도의 끝값");
                        continue;
                    }
                }
                let (mut options, answer_id) = layout_options(seed, &nodes[*b].text, &distractors);
                bare_names(&mut options);
                let line = nodes[*b]
                    .children
                    .iter()
                    .find(|&&c| nodes[c].text.ends_with(v.as_str()))
                    .map_or(nodes[*b].line, |&c| nodes[c].line);
                let mut q = ctx.question(
                    "outline-aspect",
                    &key,
                    Kind::Choice,
                    format!(
                        "「{title}」에서 {} '{v}'인 것을 고르시오.",
                        crate::text::subject(label, "값")
                    ),
                    line,
                    section,
                );
                q.options = options;
                q.answer = Some(Answer::One(answer_id));
                ctx.out.push(q);
            }
        }
    }
}

/// Branches offered as options show their names without a parenthesis:
/// "KEDA (Kubernetes Event-driven Autoscaling)" beside Karpenter is marked by
/// its form, and "SemVer 태그 (1.4.2 / 1.4 / 1)" repeats the prompt's "1.4".
/// Kept whole when the bare names would repeat.
fn bare_names(options: &mut [crate::model::Choice]) {
    // ... and without a list's numbers ("3. Entrypoint에서 권한 조정"): the
    // numbers left out tell which branches are missing.
    let numbered = options.iter().all(|o| {
        o.text
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    });
    let bare = |t: &str| {
        let t = if numbered {
            t.split_once(". ").map_or(t, |(_, r)| r)
        } else {
            t
        };
        unparen(t).trim().to_string()
    };
    let names: Vec<String> = options.iter().map(|o| bare(&o.text)).collect();
    let distinct: HashSet<String> = names.iter().map(|n| normalize(n)).collect();
    if distinct.len() != names.len() || names.iter().any(String::is_empty) {
        return;
    }
    for (o, n) in options.iter_mut().zip(names) {
        o.text = n;
    }
}

/// The number of an ordered stage ("Level 3: ..." -> 3, "Phase 4: 완전 자율 운영
/// (18-24개월)" -> 4: the phases of a roadmap build on each other like levels).
/// Sessions, days and weeks are the timetable, not stages.
fn stage(nodes: &[Node], i: usize) -> Option<u32> {
    seq_label(&nodes[i].text)
        .filter(|(w, _)| !matches!(w.as_str(), "Session" | "Day" | "Week"))
        .map(|(_, n)| n)
}

/// Node `i` and everything under it.
fn subtree(nodes: &[Node], i: usize) -> Vec<usize> {
    let mut out = vec![i];
    let mut k = 0;
    while k < out.len() {
        out.extend(nodes[out[k]].children.iter().copied());
        k += 1;
    }
    out
}

/// Runs of siblings labelled "Level 1", "Level 2", ... -> order questions over
/// what follows the label.
/// Whether a name is one identifier in Latin letters: a field, flag or API
/// name (`nodeSelector`, `preferredDuringSchedulingIgnoredDuringExecution`),
/// not words.
fn identifier(name: &str) -> bool {
    let name = name.trim_end_matches(':').trim();
    !name.is_empty()
        && !name.contains(char::is_whitespace)
        && name.chars().any(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
}

fn orders(ctx: &mut Ctx<'_>, nodes: &[Node], section: Option<usize>) {
    for (parent, list) in sibling_lists(nodes) {
        let labelled: Vec<(String, u32, String, usize)> = list
            .iter()
            .filter_map(|&i| {
                let (w, n) = seq_label(&nodes[i].text)?;
                let rest = nodes[i].text[w.len()..]
                    .trim_start()
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .trim_start_matches([':', '-', ' '])
                    .trim()
                    .to_string();
                Some((w, n, rest, nodes[i].line))
            })
            .collect();
        if labelled.len() < 3 {
            continue;
        }
        let word = labelled[0].0.clone();
        if super::hygiene::SCHEDULE_LABELS.contains(&word.as_str()) {
            ctx.dropped("일정의 순서");
            continue;
        }
        let increasing = labelled
            .windows(2)
            .all(|w| w[0].0 == w[1].0 && w[0].1 < w[1].1);
        let mut seen = HashSet::new();
        let distinct = labelled
            .iter()
            .all(|l| !l.2.is_empty() && seen.insert(normalize(&l.2)));
        if !increasing || !distinct || labelled.len() > OPTION_IDS.len() {
            continue;
        }
        // Levels named by one identifier each ("Level 1: nodeSelector", "Level
        // 2: requiredDuringScheduling…") are the author's numbering of
        // alternatives, not stages one grows through (review AC of 2026-11-30:
        // by strictness or by expressiveness two of them tie).
        if labelled.iter().all(|l| identifier(&l.2)) {
            ctx.dropped("번호 붙인 대안의 순서");
            continue;
        }
        // Title: the parent node, else the root line just before the run without
        // children (e.g. "자동화 로드맵:"), else the section heading.
        let title = match parent {
            Some(p) => path(nodes, p),
            None => nodes
                .iter()
                .find(|n| n.depth == 0 && n.children.is_empty() && n.line < labelled[0].3)
                .map(|n| n.text.clone())
                .unwrap_or_else(|| ctx.section_path(section)),
        };
        // Cited at the first stage, the line a comparison of the same stages
        // cites: never both on one form, where the essay's "Stage 1: …, Stage
        // 2: …" would give the order (review of blind46-47, 2026-12-02).
        let line = labelled[0].3;
        let key = labelled
            .iter()
            .map(|l| l.2.as_str())
            .collect::<Vec<_>>()
            .join("\u{1f}");
        let mut q = ctx.question(
            "outline-order",
            &key,
            Kind::Order,
            format!("「{title}」의 {word} 순서대로 다음 항목을 나열하시오."),
            line,
            section,
        );
        super::set_order(&mut q, labelled.iter().map(|l| l.2.clone()));
        ctx.out.push(q);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_one_latin_token() {
        assert!(identifier("nodeSelector"));
        assert!(identifier(
            "preferredDuringSchedulingIgnoredDuringExecution:"
        ));
        assert!(identifier("app.kubernetes.io/name"));
        assert!(!identifier("기본 운영 (Basic Operations)"));
        assert!(!identifier("Basic Operations"));
        assert!(!identifier("42"));
    }

    #[test]
    fn a_tree_of_folders_and_files_is_no_outline() {
        let files = parse_tree(
            "platform/\n├── terraform/\n│   ├── modules/   # network, eks\n│   └── envs/dev/  # 환경별 루트 모듈\n├── crossplane/\n│   └── compositions/  # 리소스 조합\n└── main.tf\n",
            1,
        );
        assert!(file_tree(&files));
        let concepts = parse_tree(
            "배포 모드\n├── Serverless:\n│   └── Scale-to-Zero 지원\n└── RawDeployment:\n    └── 일반 Deployment + HPA\n",
            1,
        );
        assert!(!file_tree(&concepts));
        assert!(is_path("values.yaml") && is_path("envs/dev/  # 주석") && is_path("Dockerfile"));
        assert!(!is_path("Scale-to-Zero 지원") && !is_path("Level 1") && !is_path("v1.2"));
    }

    proptest::proptest! {
        #[test]
        fn find_marker_is_find(line in "[├└─│ a:]{0,12}") {
            proptest::prop_assert_eq!(find_marker(&line, '├'), line.find("├──"));
            proptest::prop_assert_eq!(find_marker(&line, '└'), line.find("└──"));
        }
    }

    #[test]
    fn tree_structure() {
        let text = "Title:\n\nDay 1 - A:\n├── G1:\n│   ├── x\n│   └── y\n└── G2:\n    └── z\n";
        let nodes = parse_tree(text, 10);
        let t: Vec<(&str, usize, Option<usize>, usize)> = nodes
            .iter()
            .map(|n| (n.text.as_str(), n.depth, n.parent, n.line))
            .collect();
        assert_eq!(
            t,
            vec![
                ("Title", 0, None, 10),
                ("Day 1 - A", 0, None, 12),
                ("G1", 1, Some(1), 13),
                ("x", 2, Some(2), 14),
                ("y", 2, Some(2), 15),
                ("G2", 1, Some(1), 16),
                ("z", 2, Some(5), 17),
            ]
        );
        assert_eq!(path(&nodes, 2), "Day 1 - A > G1");
    }

    #[test]
    fn numbered_scales() {
        assert_eq!(ordinal("SEV2"), Some(2));
        assert_eq!(ordinal("Level 3"), Some(3));
        assert_eq!(ordinal("P0"), Some(0));
        assert_eq!(ordinal("HTTP/2"), None);
        assert_eq!(ordinal("python3"), Some(3));
        assert_eq!(ordinal("Kepler"), None);
    }

    /// A leaf written over two lines is one leaf (review T of 2026-11-30: a
    /// value cut at "SEMVER_GT," was asked).
    #[test]
    fn a_line_without_a_branch_continues_the_one_above() {
        let text = "Unleash:
├── 타게팅: Constraints(IN, NUM_GT,
│          DATE_AFTER 등) + Segments
└── 롤아웃: flexibleRollout
    (rollout %, stickiness)

│   note
";
        let nodes = parse_tree(text, 1);
        let t: Vec<(&str, usize)> = nodes.iter().map(|n| (n.text.as_str(), n.line)).collect();
        assert_eq!(
            t,
            vec![
                ("Unleash", 1),
                (
                    "타게팅: Constraints(IN, NUM_GT, DATE_AFTER 등) + Segments",
                    2
                ),
                ("롤아웃: flexibleRollout (rollout %, stickiness)", 4),
            ]
        );
        assert_eq!(nodes[1].norm, normalize(&nodes[1].text));
        // A root line is never continued, and a blank line ends a leaf.
        let nodes = parse_tree(
            "Root:
  note
├── a

    b
",
            1,
        );
        let t: Vec<&str> = nodes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(t, vec!["Root", "a"]);
    }
}
