//! The Markdown walk: pulldown-cmark events, with byte offsets mapped to line
//! numbers, turned into a flat list of [`Block`]s (headings, list items,
//! paragraphs, code blocks, table rows) that know their section.
//!
//! Generators work on this list, never on raw Markdown text: structure comes from
//! the parser only. Code blocks are the exception by nature: the concept outlines
//! (`├──` trees) live inside them, and their lines are read as plain text.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// A heading of the document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Heading {
    /// 1..=6
    pub level: u8,
    /// Plain text as written (emoji included).
    pub text: String,
    /// Text without leading emoji/symbols, numbering and a trailing time box such as "(5분)".
    pub clean: String,
    /// 1-based line.
    pub line: usize,
    /// Index of the enclosing heading.
    pub parent: Option<usize>,
    /// The cleaned texts of this heading and all above it, joined by " / ",
    /// for fast section tests.
    pub path: String,
}

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A list item's own text (nested lists are separate items).
    Item {
        /// 0 for a top-level list.
        depth: usize,
        /// Numbered list.
        ordered: bool,
        /// `Some(checked)` for `- [ ]` / `- [x]`.
        task: Option<bool>,
    },
    /// A paragraph outside lists (block quotes included).
    Para,
    /// A code block.
    Code {
        /// The info string's first word (`mermaid`, `yaml`, or empty).
        lang: String,
        /// 1-based line of the first content line.
        first_line: usize,
    },
    /// One table row.
    Row {
        /// The header row.
        header: bool,
        /// Cell texts.
        cells: Vec<String>,
    },
}

/// A block of text with its bold spans.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Block {
    /// Kind of block.
    pub kind: BlockKind,
    /// 1-based line where it starts.
    pub line: usize,
    /// Plain text (for code blocks, the raw content).
    pub text: String,
    /// Byte ranges of bold (`**...**`) spans in `text`.
    pub bold: Vec<(usize, usize)>,
    /// Index of the innermost heading above it.
    pub section: Option<usize>,
}

/// A parsed document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Doc {
    /// All headings in order.
    pub headings: Vec<Heading>,
    /// All blocks in order.
    pub blocks: Vec<Block>,
}

impl Doc {
    /// The first level-1 heading (or first heading).
    pub fn title(&self) -> Option<&Heading> {
        self.headings
            .iter()
            .find(|h| h.level == 1)
            .or_else(|| self.headings.first())
    }

    /// The chain of headings from `section` up to the top, innermost first.
    pub fn ancestors(&self, section: Option<usize>) -> impl Iterator<Item = &Heading> {
        let mut cur = section;
        std::iter::from_fn(move || {
            let h = self.headings.get(cur?)?;
            cur = h.parent;
            Some(h)
        })
    }

    /// Whether any heading above `section` contains one of `needles` (after cleaning).
    pub fn in_section(&self, section: Option<usize>, needles: &[&str]) -> bool {
        section
            .and_then(|s| self.headings.get(s))
            .is_some_and(|h| needles.iter().any(|n| h.path.contains(n)))
    }

    /// [`in_section`](Self::in_section) answered once per heading, for loops over blocks.
    pub fn sections_with(&self, needles: &[&str]) -> Sections {
        Sections(
            self.headings
                .iter()
                .map(|h| needles.iter().any(|n| h.path.contains(n)))
                .collect(),
        )
    }
}

/// The headings under which a [`Doc::sections_with`] test holds.
#[derive(Debug, Clone)]
pub struct Sections(Vec<bool>);

impl Sections {
    /// Whether `section` is one of them.
    pub fn contains(&self, section: Option<usize>) -> bool {
        section.is_some_and(|s| self.0.get(s).copied().unwrap_or(false))
    }
}

/// Clean a heading for matching: drop leading symbols/emoji and numbering ("1."),
/// and a trailing parenthesized time box ("(5분)", "(2.5시간)").
pub fn clean_heading(text: &str) -> String {
    let t = text.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '[');
    let t = t.trim_start_matches('[');
    // numbering like "1. " or "2) "
    let t = {
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        let rest = &t[digits..];
        if digits > 0 && (rest.starts_with(". ") || rest.starts_with(") ")) {
            // "8. 🔧 트러블슈팅": the emoji after the number goes too (review
            // of blind47, 2026-12-02).
            rest[2..].trim_start_matches(|c: char| !c.is_alphanumeric() && c != '[')
        } else {
            t
        }
    };
    let mut t = t.trim_end().to_string();
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
    {
        let inner = &t[open + 1..t.len() - 1];
        if inner.ends_with('분') || inner.ends_with("시간") || inner.ends_with("일 구성") {
            t.truncate(open);
        }
    }
    t.trim_end_matches(']').trim().to_string()
}

/// Byte offset -> 1-based line.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }
    fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

struct Pending {
    kind: BlockKind,
    line: usize,
    text: String,
    bold: Vec<(usize, usize)>,
    bold_open: Vec<usize>,
}

impl Pending {
    fn new(kind: BlockKind, line: usize) -> Self {
        Pending {
            kind,
            line,
            text: String::new(),
            bold: Vec::new(),
            bold_open: Vec::new(),
        }
    }
}

/// Parse a Markdown document. Never fails: anything the parser accepts becomes
/// blocks, anything else is ignored. A BOM and CRLF line ends are handled.
pub fn parse(src: &str) -> Doc {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let lines = Lines::new(src);
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_STRIKETHROUGH);

    let mut doc = Doc::default();
    let mut section: Option<usize> = None;
    // Stack of open containers that collect inline text.
    let mut stack: Vec<Pending> = Vec::new();
    // Whether the item at the same stack position was already emitted (a nested list began).
    let mut list_depth: usize = 0;
    let mut ordered_stack: Vec<bool> = Vec::new();
    let mut heading: Option<(u8, usize, String)> = None;
    let mut code: Option<Pending> = None;
    let mut row: Option<(bool, usize, Vec<String>, String)> = None;
    let mut in_cell = false;
    let mut in_head = false;

    let emit = |doc: &mut Doc, p: Pending, section: Option<usize>| {
        let text = p.text.trim_end().to_string();
        let leading = p.text.len() - p.text.trim_start().len();
        let len = text.len();
        let bold = p
            .bold
            .into_iter()
            .filter_map(|(s, e)| {
                let s = s.saturating_sub(leading);
                let e = e.saturating_sub(leading).min(len);
                (s < e).then_some((s, e))
            })
            .collect();
        let text = text.trim_start().to_string();
        if !text.is_empty() || matches!(p.kind, BlockKind::Item { task: Some(_), .. }) {
            doc.blocks.push(Block {
                kind: p.kind,
                line: p.line,
                text,
                bold,
                section,
            });
        }
    };

    for (event, range) in Parser::new_ext(src, opts).into_offset_iter() {
        let line = lines.line(range.start);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, line, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, hl, text)) = heading.take() {
                    let text = text.trim().to_string();
                    let mut parent = section;
                    while let Some(p) = parent {
                        if doc.headings[p].level < level {
                            break;
                        }
                        parent = doc.headings[p].parent;
                    }
                    let clean = clean_heading(&text);
                    let path = match parent {
                        Some(p) => format!("{} / {clean}", doc.headings[p].path),
                        None => clean.clone(),
                    };
                    doc.headings.push(Heading {
                        level,
                        clean,
                        text,
                        line: hl,
                        parent,
                        path,
                    });
                    section = Some(doc.headings.len() - 1);
                }
            }
            Event::Start(Tag::List(first)) => {
                // A nested list ends the text of the item that contains it.
                if let Some(top) = stack.pop() {
                    if matches!(top.kind, BlockKind::Item { .. }) {
                        emit(&mut doc, top, section);
                        stack.push(Pending::new(BlockKind::Para, usize::MAX));
                    } else {
                        stack.push(top);
                    }
                }
                ordered_stack.push(first.is_some());
                list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                ordered_stack.pop();
                list_depth = list_depth.saturating_sub(1);
            }
            Event::Start(Tag::Item) => {
                let ordered = ordered_stack.last().copied().unwrap_or(false);
                stack.push(Pending::new(
                    BlockKind::Item {
                        depth: list_depth.saturating_sub(1),
                        ordered,
                        task: None,
                    },
                    line,
                ));
            }
            Event::End(TagEnd::Item) => {
                if let Some(top) = stack.pop()
                    && top.line != usize::MAX
                {
                    emit(&mut doc, top, section);
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(Pending {
                    kind: BlockKind::Item { task, .. },
                    ..
                }) = stack.last_mut()
                {
                    *task = Some(checked);
                }
            }
            Event::Start(Tag::Paragraph) => {
                let inside_item = stack
                    .last()
                    .is_some_and(|p| matches!(p.kind, BlockKind::Item { .. }));
                if inside_item {
                    if let Some(top) = stack.last_mut()
                        && !top.text.is_empty()
                    {
                        top.text.push(' ');
                    }
                } else {
                    stack.push(Pending::new(BlockKind::Para, line));
                }
            }
            Event::End(TagEnd::Paragraph) => {
                let is_para = stack
                    .last()
                    .is_some_and(|p| p.kind == BlockKind::Para && p.line != usize::MAX);
                if is_para && let Some(top) = stack.pop() {
                    emit(&mut doc, top, section);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let (lang, first_line) = match kind {
                    CodeBlockKind::Fenced(info) => (
                        info.split_whitespace().next().unwrap_or("").to_string(),
                        line + 1,
                    ),
                    CodeBlockKind::Indented => (String::new(), line),
                };
                code = Some(Pending::new(BlockKind::Code { lang, first_line }, line));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(mut c) = code.take() {
                    c.text = c.text.replace('\r', "");
                    doc.blocks.push(Block {
                        kind: c.kind,
                        line: c.line,
                        text: c.text,
                        bold: Vec::new(),
                        section,
                    });
                }
            }
            Event::Start(Tag::TableHead) => {
                in_head = true;
                row = Some((true, line, Vec::new(), String::new()));
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                if let Some((h, l, cells, _)) = row.take() {
                    push_row(&mut doc, h, l, cells, section);
                }
            }
            Event::Start(Tag::TableRow) => {
                row = Some((in_head, line, Vec::new(), String::new()));
            }
            Event::End(TagEnd::TableRow) => {
                if let Some((h, l, cells, _)) = row.take() {
                    push_row(&mut doc, h, l, cells, section);
                }
            }
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                if let Some(r) = row.as_mut() {
                    r.3.clear();
                }
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                if let Some(r) = row.as_mut() {
                    let cell = r.3.trim().to_string();
                    r.2.push(cell);
                }
            }
            Event::Start(Tag::Strong) => {
                if let Some(top) = stack.last_mut() {
                    let at = top.text.len();
                    top.bold_open.push(at);
                }
            }
            Event::End(TagEnd::Strong) => {
                if let Some(top) = stack.last_mut()
                    && let Some(s) = top.bold_open.pop()
                {
                    let e = top.text.len();
                    top.bold.push((s, e));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = code.as_mut() {
                    c.text.push_str(&t);
                } else if let Some((_, _, text)) = heading.as_mut() {
                    text.push_str(&t);
                } else if in_cell {
                    if let Some(r) = row.as_mut() {
                        r.3.push_str(&t);
                    }
                } else if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push(' ');
                } else if let Some(top) = stack.last_mut() {
                    top.text.push(' ');
                }
            }
            _ => {}
        }
    }
    // Anything left open (unbalanced input) is emitted as it is.
    while let Some(top) = stack.pop() {
        if top.line != usize::MAX {
            emit(&mut doc, top, section);
        }
    }
    doc
}

fn push_row(doc: &mut Doc, header: bool, line: usize, cells: Vec<String>, section: Option<usize>) {
    doc.blocks.push(Block {
        kind: BlockKind::Row { header, cells },
        line,
        text: String::new(),
        bold: Vec::new(),
        section,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_bold_and_sections() {
        let md = "\u{feff}# Title\r\n\r\n## 🎯 일차 학습 목표 (5분)\r\n- **GitOps** 개념과 **ArgoCD** 이해\r\n  - nested **x**\r\n- [ ] 체크\r\n\r\n```\r\nA:\r\n├── b\r\n```\r\n";
        let doc = parse(md);
        assert_eq!(doc.headings.len(), 2);
        assert_eq!(doc.headings[1].clean, "일차 학습 목표");
        assert_eq!(doc.headings[1].line, 3);
        assert_eq!(doc.headings[1].parent, Some(0));
        let b = &doc.blocks[0];
        assert_eq!(b.line, 4);
        assert_eq!(b.text, "GitOps 개념과 ArgoCD 이해");
        let bolds: Vec<&str> = b.bold.iter().map(|&(s, e)| &b.text[s..e]).collect();
        assert_eq!(bolds, vec!["GitOps", "ArgoCD"]);
        assert_eq!(doc.blocks[1].text, "nested x");
        assert_eq!(doc.blocks[1].line, 5);
        assert!(matches!(
            doc.blocks[1].kind,
            BlockKind::Item { depth: 1, .. }
        ));
        assert!(matches!(
            doc.blocks[2].kind,
            BlockKind::Item {
                task: Some(false),
                ..
            }
        ));
        assert_eq!(doc.blocks[2].text, "체크");
        let code = &doc.blocks[3];
        assert_eq!(code.text, "A:\n├── b\n");
        assert!(matches!(code.kind, BlockKind::Code { first_line: 9, .. }));
    }

    #[test]
    fn clean_heading_variants() {
        assert_eq!(clean_heading("📊 주간 평가 기준"), "주간 평가 기준");
        assert_eq!(
            clean_heading("1. Week 3 전체 내용 종합 정리 (12분)"),
            "Week 3 전체 내용 종합 정리"
        );
        assert_eq!(
            clean_heading("🎯 주간 학습 목표 (5일 구성)"),
            "주간 학습 목표"
        );
        assert_eq!(
            clean_heading("[Day 1: 마이크로서비스 아키텍처 & API Gateway]"),
            "Day 1: 마이크로서비스 아키텍처 & API Gateway"
        );
        assert_eq!(clean_heading("학습 목표 (5분)"), "학습 목표");
    }

    #[test]
    fn tables_rows() {
        let doc = parse(
            "| 용어 | 설명 |\n|---|---|\n| **Helm** | 패키지 관리자 |\n| Kustomize | 오버레이 |\n",
        );
        let rows: Vec<_> = doc
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Row { header, cells } => Some((*header, cells.clone(), b.line)),
                _ => None,
            })
            .collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[1],
            (
                false,
                vec!["Helm".to_string(), "패키지 관리자".to_string()],
                3
            )
        );
        assert!(rows[0].0);
    }
}
