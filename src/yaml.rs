//! All YAML reading and writing lives here (serde_yaml), so the rest of the crate
//! deals in model types only and a change of YAML library touches one file.
//!
//! Parse errors come back as [`Diagnostic`]s with the file's line and column.
//! Because serde does not keep spans of deserialized values, [`Locator`] finds the
//! line of a question (`- id: ...`) and of a key inside it for later checks.

use crate::error::{Diagnostic, Error, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Parse `text` (from the file shown as `path`) into `T`.
///
/// Nesting deeper than [`MAX_DEPTH`] is refused first ([`check_depth`]): the
/// YAML parser takes quadratic time on it (a 200 KB file nested 100,000 deep
/// takes half a minute), and no bank, rubric or form nests more than a few levels.
pub fn parse<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_depth(path, text)?;
    serde_yaml::from_str(text).map_err(|e| {
        let (line, col) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        let msg = e.to_string();
        // serde_yaml appends " at line L column C"; the place is printed in front instead.
        let msg = match msg.find(" at line ") {
            Some(i) => msg[..i].to_string(),
            None => msg,
        };
        Diagnostic::error(path, line, col, format!("잘못된 YAML: {}", serde_ko(&msg)))
    })
}

/// Parse a question file, one question at a time when the file as a whole does
/// not parse: a question that does not deserialize (an unknown field, a missing
/// `kind`) becomes one error at its own `line:col` and is left out, and the
/// file's other questions are kept. Only a problem outside `questions:` (broken
/// YAML, an unknown top-level field, too deep) refuses the whole file.
pub fn parse_question_file(
    path: &str,
    text: &str,
) -> Result<(crate::model::QuestionFile, Vec<Diagnostic>), Diagnostic> {
    use crate::model::{Question, QuestionFile};
    let whole = match parse::<QuestionFile>(path, text) {
        Ok(file) => return Ok((file, Vec::new())),
        Err(d) => d,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_depth(path, text)?;
    let Ok(serde_yaml::Value::Mapping(mut map)) = serde_yaml::from_str(text) else {
        return Err(whole);
    };
    let questions = match map.remove("questions") {
        Some(serde_yaml::Value::Sequence(q)) => q,
        Some(serde_yaml::Value::Null) | None => Vec::new(),
        Some(_) => return Err(whole),
    };
    let Ok(mut file) = serde_yaml::from_value::<QuestionFile>(serde_yaml::Value::Mapping(map))
    else {
        return Err(whole);
    };
    let mut items = question_items(text);
    // The end marker is no item's start.
    items.pop();
    let mut diags = Vec::new();
    for (i, value) in questions.into_iter().enumerate() {
        match serde_yaml::from_value::<Question>(value) {
            Ok(q) => file.questions.push(q),
            Err(e) => diags.push(question_error(path, text, items.get(i).copied(), i, &e)),
        }
    }
    Ok((file, diags))
}

/// The 1-based first line of each block item of the top-level `questions:`
/// list, and the line after the last one (empty for a flow list).
fn question_items(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(key) = lines.iter().position(|l| {
        l.strip_prefix("questions:")
            .is_some_and(|r| r.split(" #").next().unwrap_or("").trim().is_empty())
    }) else {
        return Vec::new();
    };
    let mut starts = Vec::new();
    let mut dash: Option<usize> = None;
    for (i, l) in lines.iter().enumerate().skip(key + 1) {
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let indent = l.len() - t.len();
        if dash.is_none() && t.starts_with('-') {
            dash = Some(indent);
        }
        match dash {
            Some(d) if indent == d && (t == "-" || t.starts_with("- ")) => starts.push(i + 1),
            Some(d) if indent > d => {}
            Some(_) => {
                starts.push(i + 1);
                return starts;
            }
            None => return Vec::new(),
        }
    }
    starts.push(lines.len() + 1);
    starts
}

/// The error of question `i` at its own place: its lines are parsed again on
/// their own, at their own line numbers, so serde's `line:col` is the file's.
fn question_error(
    path: &str,
    text: &str,
    start: Option<usize>,
    i: usize,
    e: &serde_yaml::Error,
) -> Diagnostic {
    #[derive(serde::Deserialize)]
    struct One {
        #[allow(dead_code)]
        questions: Vec<crate::model::Question>,
    }
    let fallback = |line: usize| {
        let msg = format!("questions[{i}]: {}", e);
        Diagnostic::error(path, line, 0, format!("잘못된 YAML: {}", serde_ko(&msg)))
    };
    let Some(start) = start else {
        let line = Locator::new(text).top_key("questions").map_or(0, |p| p.0);
        return fallback(line);
    };
    // The item's lines where they are, `questions:` just above, blanks elsewhere.
    let lines: Vec<&str> = text.lines().collect();
    let end = question_items(text)
        .into_iter()
        .find(|&s| s > start)
        .unwrap_or(lines.len() + 1);
    let mut alone = String::new();
    for (n, l) in lines.iter().enumerate().map(|(n, l)| (n + 1, l)) {
        if n + 1 == start {
            alone.push_str("questions:");
        } else if n >= start && n < end {
            alone.push_str(l);
        }
        alone.push('\n');
    }
    match parse::<One>(path, &alone) {
        Err(mut d) => {
            d.message = d
                .message
                .replacen("questions[0]", &format!("questions[{i}]"), 1);
            d
        }
        Ok(_) => fallback(start),
    }
}

/// A serde explanation's start and its Korean form (given what follows it).
type Rule = (&'static str, fn(&str) -> String);

/// serde's most common explanations in Korean (the field path in front and
/// anything else are kept as serde wrote them): `unknown variant`, `unknown
/// field`, `missing field`, `invalid type`.
fn serde_ko(msg: &str) -> String {
    // Whole messages of the YAML reader, said in Korean.
    let whole: [(&str, &str); 5] = [
        (
            "repetition limit exceeded",
            "별칭(*)이 너무 많이 펼쳐집니다 (앵커 & 와 별칭 * 을 줄이세요)",
        ),
        ("unknown anchor", "정의되지 않은 별칭(*)입니다"),
        (
            "more than one document is not supported",
            "YAML 문서가 둘 이상입니다 (--- 구분선을 지우세요)",
        ),
        (
            "control characters are not allowed",
            "제어 문자는 쓸 수 없습니다",
        ),
        ("recursion limit exceeded", "너무 깊이 중첩되어 있습니다"),
    ];
    for (en, ko) in whole {
        if let Some(i) = msg.find(en) {
            return format!("{}{ko}", &msg[..i]);
        }
    }
    let rules: [Rule; 4] = [
        ("unknown variant ", |rest: &str| {
            match rest.split_once(", expected ") {
                Some((v, want)) => format!("알 수 없는 값 {v} (쓸 수 있는 값: {})", expected(want)),
                None => format!("알 수 없는 값 {rest}"),
            }
        }),
        ("unknown field ", |rest: &str| {
            match rest.split_once(", expected ") {
                Some((f, want)) => {
                    format!("알 수 없는 필드 {f} (쓸 수 있는 필드: {})", expected(want))
                }
                None => format!("알 수 없는 필드 {rest}"),
            }
        }),
        ("missing field ", |rest: &str| {
            format!("필드 {rest}이(가) 없습니다")
        }),
        ("invalid type: ", |rest: &str| {
            match rest.split_once(", expected ") {
                Some((got, want)) => format!(
                    "형식이 맞지 않습니다: {} (필요한 것: {})",
                    type_ko(got),
                    type_ko(want)
                ),
                None => format!("형식이 맞지 않습니다: {}", type_ko(rest)),
            }
        }),
    ];
    for (head, ko) in rules {
        if let Some(i) = msg.find(head) {
            return format!("{}{}", &msg[..i], ko(&msg[i + head.len()..]));
        }
    }
    msg.to_string()
}

/// serde's names of value kinds, in Korean (a value after them stays).
fn type_ko(t: &str) -> String {
    let t = t.trim();
    let table: [(&str, &str); 15] = [
        // An enum written as a list or map (`kind: [`): its value is a name.
        (
            "a YAML tag starting with '!'",
            "이름 하나 (예: kind: short)",
        ),
        ("struct Question", "문항 하나 (필드: 값 매핑)"),
        (
            "struct QuestionFile",
            "문항 파일 (unit, questions ... 매핑)",
        ),
        ("struct ", "필드: 값 매핑 "),
        ("a sequence", "목록"),
        ("sequence", "목록"),
        ("a map", "매핑"),
        ("map", "매핑"),
        ("a string", "문자열"),
        ("string", "문자열"),
        ("a boolean", "true 또는 false"),
        ("boolean", "참/거짓 값"),
        ("f64", "수"),
        ("floating point", "실수"),
        ("integer", "정수"),
    ];
    for (en, ko) in table {
        if let Some(rest) = t.strip_prefix(en) {
            return format!("{ko}{rest}").trim().to_string();
        }
    }
    t.to_string()
}

/// serde's list of expected names without its English joints.
fn expected(want: &str) -> String {
    want.strip_prefix("one of ")
        .unwrap_or(want)
        .replace(" or ", ", ")
}

/// An item of a top-level list: line, column, text.
pub type ListItem = (usize, usize, String);

/// The deepest nesting of collections a YAML file may have.
pub const MAX_DEPTH: usize = 64;

/// Refuse YAML nested deeper than [`MAX_DEPTH`], at the `line:col` where it
/// gets too deep, in one linear pass. Counted: block collections by their
/// indentation (a compact `- - -` counts each dash) and flow collections by
/// their brackets; quoted scalars, comments and block scalars (`|`, `>`) are
/// skipped, so brackets and dashes inside text never count.
pub fn check_depth(path: &str, text: &str) -> Result<(), Diagnostic> {
    let too_deep = |line: usize, col: usize| {
        Diagnostic::error(
            path,
            line,
            col,
            format!("잘못된 YAML: {MAX_DEPTH}단계보다 깊이 중첩되었습니다; 거부했습니다"),
        )
    };
    // Indentation columns of the open block collections.
    let mut block: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    // Inside a quoted scalar that goes on to the next line.
    let mut quote: Option<u8> = None;
    // Lines more indented than this are a block scalar's text.
    let mut scalar_indent: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let blank = indent == bytes.len() || bytes[indent] == b'#';
        if let Some(si) = scalar_indent {
            if blank || indent > si {
                continue;
            }
            scalar_indent = None;
        }
        if blank && quote.is_none() {
            continue;
        }
        let mut j = if quote.is_some() { 0 } else { indent };
        if quote.is_none() && flow == 0 {
            while block.last().is_some_and(|&c| c >= indent) {
                block.pop();
            }
            // The line's own node, then one more level per compact `- ` / `? `.
            block.push(indent);
            while j + 1 < bytes.len() && matches!(bytes[j], b'-' | b'?') && bytes[j + 1] == b' ' {
                j += 2;
                while j < bytes.len() && bytes[j] == b' ' {
                    j += 1;
                }
                block.push(j);
                if block.len() + flow > MAX_DEPTH {
                    return Err(too_deep(i + 1, j + 1));
                }
            }
            if block.len() + flow > MAX_DEPTH {
                return Err(too_deep(i + 1, indent + 1));
            }
        }
        // The rest of the line: quotes, flow brackets, comments, `: |`.
        let mut at_value = true;
        let mut last_value_start = j;
        while j < bytes.len() {
            let b = bytes[j];
            if let Some(q) = quote {
                if b == q {
                    if q == b'\'' && bytes.get(j + 1) == Some(&b'\'') {
                        j += 2;
                        continue;
                    }
                    quote = None;
                } else if b == b'\\' && q == b'"' {
                    j += 1;
                }
                j += 1;
                continue;
            }
            match b {
                b'"' | b'\'' if at_value => quote = Some(b),
                b'[' | b'{' if at_value || flow > 0 => {
                    flow += 1;
                    if block.len() + flow > MAX_DEPTH {
                        return Err(too_deep(i + 1, j + 1));
                    }
                }
                b']' | b'}' if flow > 0 => flow -= 1,
                b'#' if j == 0 || bytes[j - 1] == b' ' => break,
                _ => {}
            }
            // A scalar starts after `: `, `- `, `,`, an opening bracket or spaces.
            at_value = match b {
                b' ' => at_value || matches!(bytes.get(j.wrapping_sub(1)), Some(b':' | b',')),
                b'[' | b'{' | b',' => true,
                b':' => bytes.get(j + 1).is_none_or(|&n| n == b' '),
                _ => false,
            };
            if at_value && b != b' ' {
                last_value_start = j + 1;
            }
            j += 1;
        }
        // `key: |`, `- >-`: the indented lines after it are text.
        let tail = line[last_value_start.min(line.len())..].trim();
        let tail = tail.split(" #").next().unwrap_or("").trim();
        if quote.is_none()
            && flow == 0
            && (tail.starts_with('|') || tail.starts_with('>'))
            && tail[1..]
                .bytes()
                .all(|c| matches!(c, b'+' | b'-' | b'0'..=b'9'))
        {
            scalar_indent = Some(indent);
        }
    }
    Ok(())
}

/// Serialize `value` as block-style YAML, with `header` lines as `#` comments on top.
///
/// Written by a small streaming serializer ([`Emitter`]): plain scalars where
/// unambiguous, double quotes otherwise, two-space indentation, sequences inside
/// mappings not indented (serde_yaml's layout). It is an order of magnitude faster
/// than serde_yaml's libyaml emitter, which matters for `quiz extract`
/// (megabytes of YAML). Reading stays with serde_yaml; round trips are tested by
/// proptest (`tests/proptest_yaml.rs`).
pub fn to_string<T: Serialize>(value: &T, header: &[&str]) -> Result<String> {
    let mut out = String::with_capacity(8192);
    for h in header {
        out.push_str("# ");
        out.push_str(h);
        out.push('\n');
    }
    value
        .serialize(Emitter {
            out: &mut out,
            at: At::Top,
        })
        .map_err(|e| Error::Usage(format!("YAML로 쓸 수 없습니다: {}", e.0)))?;
    Ok(out)
}

/// A response as YAML, written directly (the hot path of grading large CSVs);
/// the same text [`to_string`] writes.
pub fn response_to_string(r: &crate::score::Response) -> String {
    use crate::score::Response;
    let mut out = String::with_capacity(48);
    let list = |out: &mut String, kind: &str, v: &[String]| {
        out.push_str("kind: ");
        out.push_str(kind);
        if v.is_empty() {
            out.push_str("\nvalue: []\n");
        } else {
            out.push_str("\nvalue:\n");
            for x in v {
                out.push_str("- ");
                emit_str(x, out);
                out.push('\n');
            }
        }
    };
    match r {
        Response::Skipped => out.push_str("kind: skipped\n"),
        Response::Choice(x) => {
            out.push_str("kind: choice\nvalue: ");
            emit_str(x, &mut out);
            out.push('\n');
        }
        Response::Bool(b) => out.push_str(if *b {
            "kind: bool\nvalue: true\n"
        } else {
            "kind: bool\nvalue: false\n"
        }),
        Response::Text(t) => {
            out.push_str("kind: text\nvalue: ");
            emit_str(t, &mut out);
            out.push('\n');
        }
        Response::Multi(v) => list(&mut out, "multi", v),
        Response::Order(v) => list(&mut out, "order", v),
        Response::Match(m) => {
            if m.is_empty() {
                out.push_str("kind: match\nvalue: {}\n");
            } else {
                out.push_str("kind: match\nvalue:\n");
                for (k, v) in m {
                    out.push_str("  ");
                    emit_str(k, &mut out);
                    out.push_str(": ");
                    emit_str(v, &mut out);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Read a stored response: a fast path for the exact text [`response_to_string`]
/// writes with plain scalars, serde_yaml for anything else.
pub fn parse_response(text: &str) -> Result<crate::score::Response, Diagnostic> {
    use crate::score::Response;
    let fast = || -> Option<Response> {
        let rest = text.strip_prefix("kind: ")?;
        let (kind, rest) = rest.split_once('\n')?;
        let plain = |v: &str| (!v.starts_with('"') && !v.is_empty()).then(|| v.to_string());
        let list = |rest: &str| -> Option<Vec<String>> {
            if rest == "value: []\n" {
                return Some(Vec::new());
            }
            let body = rest.strip_prefix("value:\n")?;
            body.lines()
                .map(|l| l.strip_prefix("- ").and_then(plain))
                .collect()
        };
        match kind {
            "skipped" if rest.is_empty() => Some(Response::Skipped),
            "choice" => Some(Response::Choice(plain(
                rest.strip_prefix("value: ")?.strip_suffix('\n')?,
            )?)),
            "text" => Some(Response::Text(plain(
                rest.strip_prefix("value: ")?.strip_suffix('\n')?,
            )?)),
            "bool" => match rest {
                "value: true\n" => Some(Response::Bool(true)),
                "value: false\n" => Some(Response::Bool(false)),
                _ => None,
            },
            "multi" => Some(Response::Multi(list(rest)?)),
            "order" => Some(Response::Order(list(rest)?)),
            _ => None,
        }
    };
    match fast() {
        Some(r) => Ok(r),
        None => parse("성적부 답안", text),
    }
}

/// Serialization error (only for shapes the model never produces).
#[derive(Debug)]
pub struct EmitError(String);

impl std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for EmitError {}
impl serde::ser::Error for EmitError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        EmitError(msg.to_string())
    }
}

/// Where the next value goes.
#[derive(Clone, Copy)]
enum At {
    /// The document itself.
    Top,
    /// After `key:` of a mapping whose keys sit at this indentation.
    MapValue(usize),
    /// After `- ` of a sequence whose dashes sit at this indentation.
    SeqItem(usize),
}

/// The streaming YAML serializer.
pub struct Emitter<'a> {
    out: &'a mut String,
    at: At,
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

impl<'a> Emitter<'a> {
    fn scalar(self, text: &str) -> Result<(), EmitError> {
        if let At::MapValue(_) = self.at {
            self.out.push(' ');
        }
        self.out.push_str(text);
        self.out.push('\n');
        Ok(())
    }

    /// Start a block mapping; returns the indentation of its keys.
    fn open_map(&mut self) -> usize {
        match self.at {
            At::Top => 0,
            At::MapValue(ind) => {
                self.out.push('\n');
                pad(self.out, ind + 2);
                ind + 2
            }
            At::SeqItem(ind) => ind + 2,
        }
    }

    /// Start a block sequence; returns the indentation of its dashes.
    fn open_seq(&mut self) -> usize {
        match self.at {
            At::Top => 0,
            At::MapValue(ind) => {
                self.out.push('\n');
                pad(self.out, ind);
                ind
            }
            At::SeqItem(ind) => ind + 2,
        }
    }
}

/// A mapping or struct being written.
pub struct MapEmitter<'a> {
    out: &'a mut String,
    indent: usize,
    first: bool,
    empty_at: Option<At>,
}

impl MapEmitter<'_> {
    fn key_prefix(&mut self) {
        if !self.first {
            pad(self.out, self.indent);
        }
        self.first = false;
    }
    fn finish(self) -> Result<(), EmitError> {
        if let Some(at) = self.empty_at {
            Emitter { out: self.out, at }.scalar("{}")?;
        } else if self.first {
            // Every field was skipped: an empty mapping.
            self.out.push_str("{}\n");
        }
        Ok(())
    }
}

/// A sequence being written.
pub struct SeqEmitter<'a> {
    out: &'a mut String,
    indent: usize,
    first: bool,
    empty_at: Option<At>,
}

impl SeqEmitter<'_> {
    fn item<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), EmitError> {
        if !self.first {
            pad(self.out, self.indent);
        }
        self.first = false;
        self.out.push_str("- ");
        v.serialize(Emitter {
            out: self.out,
            at: At::SeqItem(self.indent),
        })
    }
    fn finish(self) -> Result<(), EmitError> {
        if let Some(at) = self.empty_at {
            Emitter { out: self.out, at }.scalar("[]")?;
        }
        Ok(())
    }
}

fn float_text(f: f64) -> String {
    if f.is_nan() {
        ".nan".to_string()
    } else if f.is_infinite() {
        if f > 0.0 { ".inf" } else { "-.inf" }.to_string()
    } else if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}

/// A scalar as YAML text.
fn str_text(s: &str) -> String {
    let mut t = String::with_capacity(s.len() + 2);
    emit_str(s, &mut t);
    t
}

impl<'a> serde::Serializer for Emitter<'a> {
    type Ok = ();
    type Error = EmitError;
    type SerializeSeq = SeqEmitter<'a>;
    type SerializeTuple = SeqEmitter<'a>;
    type SerializeTupleStruct = SeqEmitter<'a>;
    type SerializeTupleVariant = serde::ser::Impossible<(), EmitError>;
    type SerializeMap = MapEmitter<'a>;
    type SerializeStruct = MapEmitter<'a>;
    type SerializeStructVariant = serde::ser::Impossible<(), EmitError>;

    fn serialize_bool(self, v: bool) -> Result<(), EmitError> {
        self.scalar(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), EmitError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), EmitError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), EmitError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), EmitError> {
        self.scalar(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<(), EmitError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), EmitError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), EmitError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), EmitError> {
        self.scalar(&v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<(), EmitError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), EmitError> {
        self.scalar(&float_text(v))
    }
    fn serialize_char(self, v: char) -> Result<(), EmitError> {
        self.scalar(&str_text(&v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<(), EmitError> {
        // Written straight into the output: no string per scalar.
        if let At::MapValue(_) = self.at {
            self.out.push(' ');
        }
        emit_str(v, self.out);
        self.out.push('\n');
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), EmitError> {
        Err(EmitError("bytes are not supported".into()))
    }
    fn serialize_none(self) -> Result<(), EmitError> {
        self.scalar("null")
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<(), EmitError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), EmitError> {
        self.scalar("null")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), EmitError> {
        self.scalar("null")
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), EmitError> {
        self.scalar(&str_text(variant))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), EmitError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: &T,
    ) -> Result<(), EmitError> {
        // serde_yaml reads these only as `!tag value`; the model uses adjacently
        // tagged enums instead, which are plain mappings.
        Err(EmitError(format!(
            "enum variant `{variant}` with data is not supported"
        )))
    }
    fn serialize_seq(mut self, len: Option<usize>) -> Result<SeqEmitter<'a>, EmitError> {
        if len == Some(0) {
            return Ok(SeqEmitter {
                out: self.out,
                indent: 0,
                first: true,
                empty_at: Some(self.at),
            });
        }
        let indent = self.open_seq();
        Ok(SeqEmitter {
            out: self.out,
            indent,
            first: true,
            empty_at: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqEmitter<'a>, EmitError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<SeqEmitter<'a>, EmitError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, EmitError> {
        Err(EmitError(format!(
            "enum variant `{variant}` with data is not supported"
        )))
    }
    fn serialize_map(mut self, len: Option<usize>) -> Result<MapEmitter<'a>, EmitError> {
        if len == Some(0) {
            return Ok(MapEmitter {
                out: self.out,
                indent: 0,
                first: true,
                empty_at: Some(self.at),
            });
        }
        let indent = self.open_map();
        Ok(MapEmitter {
            out: self.out,
            indent,
            first: true,
            empty_at: None,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<MapEmitter<'a>, EmitError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, EmitError> {
        Err(EmitError(format!(
            "enum variant `{variant}` with data is not supported"
        )))
    }
}

impl serde::ser::SerializeSeq for SeqEmitter<'_> {
    type Ok = ();
    type Error = EmitError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), EmitError> {
        self.item(v)
    }
    fn end(self) -> Result<(), EmitError> {
        self.finish()
    }
}

impl serde::ser::SerializeTuple for SeqEmitter<'_> {
    type Ok = ();
    type Error = EmitError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), EmitError> {
        self.item(v)
    }
    fn end(self) -> Result<(), EmitError> {
        self.finish()
    }
}

impl serde::ser::SerializeTupleStruct for SeqEmitter<'_> {
    type Ok = ();
    type Error = EmitError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), EmitError> {
        self.item(v)
    }
    fn end(self) -> Result<(), EmitError> {
        self.finish()
    }
}

/// Map keys must be scalars; they are captured as text.
struct KeyText(String);

impl serde::Serializer for &mut KeyText {
    type Ok = ();
    type Error = EmitError;
    type SerializeSeq = serde::ser::Impossible<(), EmitError>;
    type SerializeTuple = serde::ser::Impossible<(), EmitError>;
    type SerializeTupleStruct = serde::ser::Impossible<(), EmitError>;
    type SerializeTupleVariant = serde::ser::Impossible<(), EmitError>;
    type SerializeMap = serde::ser::Impossible<(), EmitError>;
    type SerializeStruct = serde::ser::Impossible<(), EmitError>;
    type SerializeStructVariant = serde::ser::Impossible<(), EmitError>;
    fn serialize_bool(self, v: bool) -> Result<(), EmitError> {
        self.0 = v.to_string();
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), EmitError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), EmitError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), EmitError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), EmitError> {
        self.0 = v.to_string();
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), EmitError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), EmitError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), EmitError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), EmitError> {
        self.0 = v.to_string();
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), EmitError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), EmitError> {
        self.0 = float_text(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), EmitError> {
        self.0 = str_text(&v.to_string());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), EmitError> {
        self.0 = str_text(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), EmitError> {
        Err(EmitError("bytes key".into()))
    }
    fn serialize_none(self) -> Result<(), EmitError> {
        self.0 = "null".into();
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<(), EmitError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), EmitError> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), EmitError> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<(), EmitError> {
        self.serialize_str(v)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), EmitError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), EmitError> {
        Err(EmitError("complex key".into()))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, EmitError> {
        Err(EmitError("complex key".into()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, EmitError> {
        Err(EmitError("complex key".into()))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, EmitError> {
        Err(EmitError("complex key".into()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, EmitError> {
        Err(EmitError("complex key".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, EmitError> {
        Err(EmitError("complex key".into()))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, EmitError> {
        Err(EmitError("complex key".into()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, EmitError> {
        Err(EmitError("complex key".into()))
    }
}

impl serde::ser::SerializeMap for MapEmitter<'_> {
    type Ok = ();
    type Error = EmitError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), EmitError> {
        let mut k = KeyText(String::new());
        key.serialize(&mut k)?;
        self.key_prefix();
        self.out.push_str(&k.0);
        self.out.push(':');
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), EmitError> {
        v.serialize(Emitter {
            out: self.out,
            at: At::MapValue(self.indent),
        })
    }
    fn end(self) -> Result<(), EmitError> {
        self.finish()
    }
}

impl serde::ser::SerializeStruct for MapEmitter<'_> {
    type Ok = ();
    type Error = EmitError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), EmitError> {
        self.key_prefix();
        emit_str(key, self.out);
        self.out.push(':');
        v.serialize(Emitter {
            out: self.out,
            at: At::MapValue(self.indent),
        })
    }
    fn end(self) -> Result<(), EmitError> {
        self.finish()
    }
}

/// Whether `s` can be written as a plain scalar and read back as the same string.
fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    // Fast path: ids and words (letters, digits, `-`, `_`) that are not YAML keywords.
    if first.is_ascii_alphabetic()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return !matches!(s.len(), 1..=5) || !is_reserved(s);
    }
    if first.is_whitespace() || s.ends_with(char::is_whitespace) || s.ends_with(':') {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`+.~=<".contains(first) || first.is_ascii_digit() {
        return false;
    }
    // One pass over the bytes for what would end or break a plain scalar: ": ",
    // ":\t", " #", control characters (C0, DEL, C1 as 0xC2 0x80..0x9F), the BOM
    // (EF BB BF) and the line and paragraph separators (E2 80 A8/A9).
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        // Most bytes are letters, digits or parts of Hangul: skip them with one test.
        let special = c < 0x20 || matches!(c, b':' | b' ' | 0x7f | 0xc2 | 0xe2 | 0xef);
        if !special {
            continue;
        }
        let next = b.get(i + 1).copied();
        let broken = match c {
            b':' => matches!(next, Some(b' ' | b'\t')),
            b' ' => next == Some(b'#'),
            0..=0x1f | 0x7f => true,
            0xc2 => matches!(next, Some(0x80..=0x9f)),
            0xef => next == Some(0xbb) && b.get(i + 2) == Some(&0xbf),
            0xe2 => next == Some(0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)),
            _ => false,
        };
        if broken {
            return false;
        }
    }
    !is_reserved(s)
}

/// Words YAML 1.1 or 1.2 would read as null, booleans or numbers.
fn is_reserved(s: &str) -> bool {
    const RESERVED: &[&str] = &[
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf",
    ];
    s.len() <= 5 && RESERVED.iter().any(|r| s.eq_ignore_ascii_case(r))
}

fn emit_str(s: &str, out: &mut String) {
    if plain_ok(s) {
        out.push_str(s);
        return;
    }
    out.push('"');
    // Runs of characters that need no escape are copied as one slice.
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let escaped: Option<std::borrow::Cow<'static, str>> = match c {
            '"' => Some("\\\"".into()),
            '\\' => Some("\\\\".into()),
            '\n' => Some("\\n".into()),
            '\t' => Some("\\t".into()),
            '\r' => Some("\\r".into()),
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{85}' | '\u{2028}' | '\u{2029}') => {
                Some(format!("\\u{:04x}", c as u32).into())
            }
            _ => None,
        };
        if let Some(e) = escaped {
            out.push_str(&s[run..i]);
            out.push_str(&e);
            run = i + c.len_utf8();
        }
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Finds lines of questions and their keys in a YAML text, for diagnostics about
/// values that parsed fine but are wrong (an answer naming no option, ...).
pub struct Locator<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Locator<'a> {
    /// Index the lines of `text`.
    pub fn new(text: &'a str) -> Self {
        Locator {
            lines: text.lines().collect(),
        }
    }

    /// Line and column (1-based) of the `id: <id>` entry of a list item.
    pub fn item(&self, id: &str) -> Option<(usize, usize)> {
        self.lines.iter().enumerate().find_map(|(i, l)| {
            let t = l.trim_start();
            let t2 = t.strip_prefix("- ").unwrap_or(t).trim_start();
            let v = t2.strip_prefix("id:")?.trim();
            // A comment after the id ("- id: w1-abc  # 메모") is not part of it.
            let v = v.split(" #").next().unwrap_or(v).trim();
            let v = v.trim_matches(|c| c == '"' || c == '\'');
            (v == id).then(|| (i + 1, l.len() - t2.len() + 1))
        })
    }

    /// Line and column of `key:` inside the item that starts at `item_line`
    /// (before the next item at the same or lower indentation).
    pub fn key(&self, item_line: usize, key: &str) -> Option<(usize, usize)> {
        let start = item_line.checked_sub(1)?;
        let first = self.lines.get(start)?;
        let dash_indent = first.len() - first.trim_start().len();
        for (i, l) in self.lines.iter().enumerate().skip(start) {
            let t = l.trim_start();
            let indent = l.len() - t.len();
            if i > start && (indent < dash_indent || (indent == dash_indent && t.starts_with("- ")))
            {
                break;
            }
            let t2 = t.strip_prefix("- ").unwrap_or(t);
            if t2.starts_with(key) && t2[key.len()..].starts_with(':') {
                return Some((i + 1, l.len() - t2.len() + 1));
            }
        }
        None
    }

    /// The items of a top-level list `key`, flow (`key: [a, b]`) or block
    /// (`- a` lines below it), each with its line and column; and the place of
    /// the key's value (where an empty list is).
    pub fn top_list(&self, key: &str) -> Option<((usize, usize), Vec<ListItem>)> {
        let (line, _) = self.top_key(key)?;
        let l = self.lines[line - 1];
        let after = key.len() + 1;
        let rest = &l[after..];
        let value_col = after + rest.len() - rest.trim_start().len();
        let value = (line, value_col + 1);
        let mut items = Vec::new();
        let rest = rest.split(" #").next().unwrap_or("").trim_end();
        if let Some(inner) = rest.trim_start().strip_prefix('[') {
            let open = l.find('[').unwrap_or(0) + 1;
            let mut col = open;
            for part in inner.trim_end_matches(']').split(',') {
                let lead = part.len() - part.trim_start().len();
                let name = part.trim().trim_matches(['"', '\'']).to_string();
                if !name.is_empty() {
                    items.push((line, col + lead + 1, name));
                }
                col += part.len() + 1;
            }
        } else if rest.trim().is_empty() {
            for (i, l) in self.lines.iter().enumerate().skip(line) {
                let t = l.trim_start();
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                let Some(item) = t.strip_prefix("- ") else {
                    break;
                };
                let col = l.len() - t.len() + 3;
                let name = item.split(" #").next().unwrap_or("").trim();
                items.push((i + 1, col, name.trim_matches(['"', '\'']).to_string()));
            }
        }
        Some((value, items))
    }

    /// Line and column of a top-level `key:`.
    pub fn top_key(&self, key: &str) -> Option<(usize, usize)> {
        self.lines.iter().enumerate().find_map(|(i, l)| {
            (l.starts_with(key) && l[key.len()..].starts_with(':')).then_some((i + 1, 1))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QuestionFile;

    #[test]
    fn serde_explanations_are_korean() {
        let missing = parse::<QuestionFile>("q.yaml", "title: x\nquestions: []\n")
            .err()
            .map(|d| d.to_string());
        assert_eq!(
            missing.as_deref(),
            Some("q.yaml:1:1: 잘못된 YAML: 필드 `unit`이(가) 없습니다")
        );
        assert_eq!(
            serde_ko("questions[0]: unknown field `prompts`, expected `id` or `kind`"),
            "questions[0]: 알 수 없는 필드 `prompts` (쓸 수 있는 필드: `id`, `kind`)"
        );
        assert_eq!(
            serde_ko("found unexpected end of stream"),
            "found unexpected end of stream"
        );
    }

    #[test]
    fn reader_messages_an_instructor_meets_are_korean() {
        use crate::model::Question;
        let say = |text: &str| {
            parse::<Question>("q", text)
                .err()
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        let list = say("- a\n- b\n");
        assert!(
            list.contains("목록") && list.contains("문항 하나"),
            "{list}"
        );
        assert_eq!(
            serde_ko("repetition limit exceeded"),
            "별칭(*)이 너무 많이 펼쳐집니다 (앵커 & 와 별칭 * 을 줄이세요)"
        );
        let two = say("id: x\nkind: short\nprompt: p\n---\nid: y\n");
        assert!(two.contains("YAML 문서가 둘 이상"), "{two}");
        let anchor = say("id: *nowhere\n");
        assert!(anchor.contains("별칭"), "{anchor}");
        // A kind written as a list: no English from serde.
        let kind = say("id: x\nkind: [\n");
        assert!(kind.contains("이름 하나 (예: kind: short)"), "{kind}");
        assert!(!kind.contains("YAML tag"), "{kind}");
    }

    /// `plain_ok` as first written, with `str` searches, to check the byte scan against.
    fn plain_ok_reference(s: &str) -> bool {
        let Some(first) = s.chars().next() else {
            return false;
        };
        if first.is_whitespace() || s.ends_with(char::is_whitespace) || s.ends_with(':') {
            return false;
        }
        if "-?:,[]{}#&*!|>'\"%@`+.~=<".contains(first) || first.is_ascii_digit() {
            return false;
        }
        if s.contains(": ") || s.contains(" #") || s.contains(":\t") {
            return false;
        }
        if s.chars()
            .any(|c| c.is_control() || matches!(c, '\u{feff}' | '\u{85}' | '\u{2028}' | '\u{2029}'))
        {
            return false;
        }
        !is_reserved(s)
    }

    proptest::proptest! {
        #[test]
        fn plain_ok_matches_reference(
            s in "[a-z가: #\t\n\u{0}\u{7f}\u{80}\u{85}\u{9f}\u{a0}\u{feff}\u{2028}\u{2029}\u{2027}-]{0,8}"
        ) {
            proptest::prop_assert_eq!(plain_ok(&s), plain_ok_reference(&s), "{:?}", s);
        }
    }

    #[test]
    fn parse_error_has_line_and_column() {
        let text = "unit: w1\nquestions:\n  - id: x\n    kind: nonsense\n    prompt: p\n";
        let e = parse::<QuestionFile>("q.yaml", text).err();
        let e = e.map(|d| {
            (
                d.line,
                d.col,
                d.message
                    .starts_with("잘못된 YAML: questions[0].kind: 알 수 없는 값 `"),
            )
        });
        assert_eq!(e, Some((4, 11, true)));
    }

    #[test]
    fn emitter_quotes_what_needs_quoting() -> Result<()> {
        use crate::model::{Answer, Kind, Question};
        let mut q = Question::new("w1-abc", Kind::Short, "a: b #c");
        q.answer = Some(Answer::Many(vec![
            "yes".into(),
            "42".into(),
            "줄\n바꿈\"".into(),
            "- x".into(),
        ]));
        q.tags = vec!["\u{feff}bom".into(), "".into(), "평범한 문장".into()];
        let f = QuestionFile {
            unit: "w1".into(),
            title: "".into(),
            source: None,
            questions: vec![q],
        };
        let text = to_string(&f, &["header"])?;
        assert!(text.starts_with("# header\nunit: w1\ntitle: \"\"\nquestions:\n- id: w1-abc\n  kind: short\n  prompt: \"a: b #c\"\n"), "{text}");
        assert!(text.contains("  - 평범한 문장\n"));
        let back: QuestionFile = parse("x", &text).map_err(|d| Error::Usage(d.to_string()))?;
        assert_eq!(back, f);
        Ok(())
    }

    #[test]
    fn responses_round_trip() -> Result<()> {
        use crate::score::Response;
        let all = vec![
            Response::Skipped,
            Response::Choice("a".into()),
            Response::Multi(vec!["a".into(), "c".into()]),
            Response::Multi(vec![]),
            Response::Bool(false),
            Response::Text("선언적 배포: yes".into()),
            Response::Order(vec!["b".into(), "a".into()]),
            Response::Match([("a".to_string(), "p".to_string())].into_iter().collect()),
        ];
        for r in all {
            let text = to_string(&r, &[])?;
            assert_eq!(
                response_to_string(&r),
                text,
                "the fast path writes what the serializer writes"
            );
            let back: Response = parse("r", &text).map_err(|d| Error::Usage(d.to_string()))?;
            assert_eq!(back, r, "{text}");
        }
        Ok(())
    }

    #[test]
    fn locator_finds_items_and_keys() {
        let text = "questions:\n- id: a1\n  kind: choice\n  answer: z\n- id: b2\n  answer: q\n";
        let loc = Locator::new(text);
        assert_eq!(loc.item("b2"), Some((5, 3)));
        assert_eq!(loc.key(2, "answer"), Some((4, 3)));
        assert_eq!(loc.key(5, "kind"), None);
    }
}

#[cfg(test)]
mod depth_tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_where_it_gets_too_deep() {
        let flow = format!("a: {}1{}\n", "[".repeat(100), "]".repeat(100));
        let d = check_depth("f.yaml", &flow).err().map(|d| d.to_string());
        assert_eq!(
            d.as_deref(),
            Some("f.yaml:1:67: 잘못된 YAML: 64단계보다 깊이 중첩되었습니다; 거부했습니다")
        );
        let compact = format!("{}x\n", "- ".repeat(100));
        assert!(check_depth("f.yaml", &compact).is_err());
        let mut indented = String::new();
        for i in 0..80 {
            indented.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        let d = check_depth("f.yaml", &indented)
            .err()
            .map(|d| (d.line, d.col));
        assert_eq!(d, Some((65, 65)));
    }

    #[test]
    fn brackets_and_dashes_in_text_do_not_count() {
        let text = format!(
            "- id: q1\n  prompt: |\n{}\n  note: \"{}\"\n  other: '{}'\n  plain: a{}b\n- id: q2\n  items: [{{id: a, text: \"[x\"}}, [b, [c]]]\n",
            (0..100)
                .map(|i| format!("    {}- [[{{ item {i}", " ".repeat(i)))
                .collect::<Vec<_>>()
                .join("\n"),
            "[".repeat(100),
            "{".repeat(100),
            "[".repeat(10),
        );
        assert_eq!(check_depth("f.yaml", &text), Ok(()));
        // And the parser agrees it is ordinary YAML.
        let v: std::result::Result<serde_yaml::Value, _> = serde_yaml::from_str(&text);
        assert!(v.is_ok(), "{v:?}");
    }
}
