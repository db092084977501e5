//! Every CSV the tool reads and writes goes through here.
//!
//! Reading: Korean Excel saves "CSV" as CP949 (EUC-KR) and "Unicode text" as
//! UTF-16LE with a BOM; Google Sheets and LibreOffice save UTF-8, with or
//! without a BOM. The encoding is found from the bytes: a BOM (UTF-8, UTF-16LE,
//! UTF-16BE), else valid UTF-8, else CP949 decoded strictly (no replacement
//! characters). A file that is none of these is refused with its path and what
//! to do; nothing garbled is ever stored. A quote that is never closed would
//! make the csv crate swallow the rest of the file into one field, so it is
//! found first: [`Unterminated`] names the line of the opening quote, and the
//! caller reads only the records before it.
//!
//! Writing: [`Writer`] makes the one CSV dialect the tool writes: UTF-8 with a
//! BOM (Excel otherwise garbles Hangul), CRLF, RFC 4180 quoting; a text cell
//! that begins with `=`, `+`, `-`, `@`, tab, CR or LF gets a leading `'` so a
//! spreadsheet never runs it as a formula (names and answers are untrusted);
//! text is NFC-normalized; numbers are written as they are.

use crate::error::{Error, Result};
use crate::fsutil::display;
use std::io::{BufRead, Read};
use std::path::Path;

/// The encoding a CSV was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a BOM.
    Utf8,
    /// UTF-8 with a BOM (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 little-endian with a BOM (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16 big-endian with a BOM.
    Utf16Be,
    /// CP949 / EUC-KR (Korean Excel's plain "CSV").
    Cp949,
}

impl Encoding {
    /// A name for messages (`CP949(EUC-KR)`).
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8(BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Cp949 => "CP949(EUC-KR)",
        }
    }

    /// Whether the summary should mention it (anything but UTF-8).
    pub fn is_notable(self) -> bool {
        !matches!(self, Encoding::Utf8 | Encoding::Utf8Bom)
    }
}

/// A quote that opens a field and is never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unterminated {
    /// 1-based line of the opening quote.
    pub line: usize,
    /// 1-based column (in characters) of the opening quote.
    pub col: usize,
    /// Byte offset (in the UTF-8 text, after any BOM) where the record holding
    /// the quote starts: everything before it is whole records.
    pub record_start: u64,
}

/// What a CSV file holds, for wording a message about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Students' answers (`quiz grade --responses`).
    Responses,
    /// A roster (`quiz roster import`).
    Roster,
    /// A filled-in rubric sheet (`quiz rubric import`).
    RubricSheet,
}

impl Unterminated {
    /// The message for a file of `kind`: what the rest of the file would have
    /// become, and what to do next.
    pub fn message(&self, kind: Kind) -> String {
        let (becomes, again) = match kind {
            Kind::Responses => ("한 답이", "파일을 다시 채점하세요"),
            Kind::Roster => ("한 칸이", "명단을 다시 가져오세요"),
            Kind::RubricSheet => ("한 칸이", "시트를 다시 가져오세요"),
        };
        format!(
            "이 따옴표가 닫히지 않아 파일의 나머지가 {becomes} 됩니다; \
             {}행부터는 읽지 않았습니다 (따옴표를 닫고 {again})",
            self.line
        )
    }
}

/// Finds an unterminated quoted field in UTF-8 text, chunk by chunk, the way the
/// csv crate reads fields: a quote opens a quoted field only at the start of a
/// field; inside it `""` is a quote; elsewhere a quote is plain text.
///
/// It jumps from one quote or newline to the next (memchr), so it
/// costs little beside reading the file; the column of an unterminated quote is
/// counted afterwards from its line ([`Open::col`]).
#[derive(Debug, Default)]
struct QuoteScan {
    delimiter: u8,
    offset: u64,
    line: usize,
    line_start: u64,
    /// The last byte seen (a newline before the first).
    last: u8,
    in_quote: bool,
    /// A quote inside a quoted field was just seen (closing, or the first of `""`).
    quote_pending: bool,
    record_start: u64,
    open: Option<Open>,
}

/// Where the last quoted field opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Open {
    line: usize,
    line_start: u64,
    quote: u64,
    record_start: u64,
}

impl Open {
    /// The finding, with the column counted in `text` (the bytes from the
    /// quote's line start to the quote, or fewer when unavailable).
    fn with_line(self, text: &[u8]) -> Unterminated {
        let col = text.iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        Unterminated {
            line: self.line,
            col,
            record_start: self.record_start,
        }
    }

    /// [`Open::with_line`] with the line taken from the whole `text`.
    fn in_text(self, text: &[u8]) -> Unterminated {
        let (a, b) = (self.line_start as usize, self.quote as usize);
        self.with_line(text.get(a..b).unwrap_or_default())
    }
}

impl QuoteScan {
    fn new(delimiter: u8) -> Self {
        QuoteScan {
            delimiter,
            line: 1,
            last: b'\n',
            ..QuoteScan::default()
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            if self.in_quote {
                if self.quote_pending {
                    self.quote_pending = false;
                    if bytes[i] == b'"' {
                        i += 1;
                        continue;
                    }
                    // The quote closed the field; this byte is read outside it.
                    self.in_quote = false;
                    self.open = None;
                    continue;
                }
                // Inside a quoted field only quotes matter (and newlines, for lines).
                let rest = &bytes[i..];
                let end = memchr::memchr(b'"', rest).unwrap_or(rest.len());
                self.newlines(&rest[..end], i);
                if end < rest.len() {
                    self.quote_pending = true;
                    i += end + 1;
                } else {
                    i = bytes.len();
                }
                continue;
            }
            // Outside quotes only quotes and newlines matter: a quote opens a
            // field when the byte before it ends a field or a line.
            let rest = &bytes[i..];
            let Some(k) = memchr::memchr2(b'"', b'\n', rest) else {
                break;
            };
            let at = i + k;
            if bytes[at] == b'\n' {
                self.line += 1;
                self.line_start = self.offset + at as u64 + 1;
                self.record_start = self.line_start;
            } else {
                let before = if at > 0 { bytes[at - 1] } else { self.last };
                if before == self.delimiter || before == b'\n' || before == b'\r' {
                    self.in_quote = true;
                    self.open = Some(Open {
                        line: self.line,
                        line_start: self.line_start,
                        quote: self.offset + at as u64,
                        record_start: self.record_start,
                    });
                }
            }
            i = at + 1;
        }
        if let Some(&b) = bytes.last() {
            self.last = b;
        }
        self.offset += bytes.len() as u64;
    }

    /// Count the newlines of `seg`, which starts at `at` in the current chunk.
    fn newlines(&mut self, seg: &[u8], at: usize) {
        for n in memchr::memchr_iter(b'\n', seg) {
            self.line += 1;
            self.line_start = self.offset + (at + n) as u64 + 1;
        }
    }

    fn finish(self) -> Option<Open> {
        // A quote pending at the end closed the field.
        if self.in_quote && !self.quote_pending {
            self.open
        } else {
            None
        }
    }
}

/// The message for a file in no encoding we read.
fn unknown_encoding(path: &Path) -> Error {
    Error::Usage(format!(
        "{}: 인코딩을 알 수 없는 파일입니다 (UTF-8, UTF-16, CP949/EUC-KR 중 어느 것도 아닙니다); \
         스프레드시트에서 \"CSV UTF-8(쉼표로 분리)\" 형식으로 다시 저장하세요. 아무것도 저장하지 않았습니다.",
        display(path)
    ))
}

/// A file that is UTF-8 in some lines and another encoding in others (rows
/// pasted from two files): the first line of each, when some line holds
/// Hangul in valid UTF-8 and another line is not UTF-8. Read as CP949
/// throughout, its UTF-8 names would be stored garbled (갇걡 as 媛뉕괌).
fn mixed_lines(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut utf8 = None;
    let mut other = None;
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        match std::str::from_utf8(line) {
            Ok(t)
                if utf8.is_none() && t.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)) =>
            {
                utf8 = Some(i + 1);
            }
            Ok(_) => {}
            Err(_) if other.is_none() => other = Some(i + 1),
            Err(_) => {}
        }
        if let (Some(u), Some(o)) = (utf8, other) {
            return Some((u, o));
        }
    }
    None
}

/// The refusal of a file whose lines are in two encodings.
fn mixed_error(path: &Path, utf8: usize, other: usize) -> Error {
    Error::Usage(format!(
        "{}: 인코딩이 섞여 있습니다: {utf8}행은 UTF-8, {other}행은 다른 인코딩(CP949 등)입니다. \
         한 인코딩으로 다시 저장하세요 (\"CSV UTF-8(쉼표로 분리)\"). 아무것도 저장하지 않았습니다.",
        display(path)
    ))
}

/// Decode bytes known not to be UTF-8 (a UTF-16 BOM, or invalid UTF-8).
fn decode_other(path: &Path, bytes: &[u8]) -> Result<(String, Encoding)> {
    let (enc, skip, ours) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((e, n)) if e == encoding_rs::UTF_16LE => (e, n, Encoding::Utf16Le),
        Some((e, n)) if e == encoding_rs::UTF_16BE => (e, n, Encoding::Utf16Be),
        // A UTF-8 BOM on bytes that are not UTF-8: damaged, not CP949.
        Some(_) => return Err(unknown_encoding(path)),
        None => (encoding_rs::EUC_KR, 0, Encoding::Cp949),
    };
    let text = enc
        .decode_without_bom_handling_and_without_replacement(&bytes[skip..])
        .ok_or_else(|| unknown_encoding(path))?;
    Ok((text.into_owned(), ours))
}

/// The field delimiter: a tab when the first line has tabs and no comma (what
/// Excel's "Unicode text" writes), else a comma.
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let first = head.split(|&b| b == b'\n').next().unwrap_or(head);
    if first.contains(&b'\t') && !first.contains(&b',') {
        b'\t'
    } else {
        b','
    }
}

/// Whether UTF-8 bytes hold a C1 control character (U+0080..U+009F).
fn has_c1(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xc2, bytes)
        .any(|i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)))
}

/// A whole small CSV (roster, rubric sheet) as text.
#[derive(Debug)]
pub struct Text {
    /// The field delimiter (see [`sniff_delimiter`]).
    pub delimiter: u8,
    /// The text, without BOM, with CRLF folded to LF (so csv's line numbers are
    /// what an editor shows), and cut before an unterminated quote's record.
    pub text: String,
    /// The encoding it was read in.
    pub encoding: Encoding,
    /// An unterminated quote, if any.
    pub unterminated: Option<Unterminated>,
}

/// Read a small CSV file whole.
pub fn read_text(path: &Path) -> Result<Text> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode_text(path, bytes)
}

/// [`read_text`] of bytes already read.
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<Text> {
    let (text, encoding) = decode(path, bytes)?;
    csv_text(text, encoding)
}

/// Any text file in the encodings Korean tools write (see [`decode_text`]):
/// UTF-8 (with or without BOM), UTF-16 with a BOM (Notepad's "유니코드"), or
/// CP949 (Notepad's "ANSI" on Korean Windows); refused when mixed or none.
/// NFC, CRLF kept.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<(String, Encoding)> {
    let utf16 = matches!(
        encoding_rs::Encoding::for_bom(&bytes),
        Some((e, _)) if e != encoding_rs::UTF_8
    );
    let (text, encoding) = if utf16 {
        decode_other(path, &bytes)?
    } else {
        match String::from_utf8(bytes) {
            // C1 controls never occur in text: valid UTF-8 that has them is
            // CP949 whose bytes happen to be valid UTF-8 (혖 is C2 81).
            Ok(s) if has_c1(s.as_bytes()) => match decode_other(path, s.as_bytes()) {
                Ok(decoded) => decoded,
                Err(_) => (s, Encoding::Utf8),
            },
            Ok(mut s) => {
                let enc = if s.starts_with('\u{feff}') {
                    s.drain(..3);
                    Encoding::Utf8Bom
                } else {
                    Encoding::Utf8
                };
                (s, enc)
            }
            Err(e) => {
                if let Some((utf8, other)) = mixed_lines(e.as_bytes()) {
                    return Err(mixed_error(path, utf8, other));
                }
                decode_other(path, e.as_bytes())?
            }
        }
    };
    // Hangul as macOS writes it (NFD: jamo) is the same text as NFC: headers,
    // ids and option texts compare equal whichever way a file was saved.
    match crate::text::nfc_cow(&text) {
        std::borrow::Cow::Owned(nfc) => Ok((nfc, encoding)),
        std::borrow::Cow::Borrowed(_) => Ok((text, encoding)),
    }
}

/// A decoded CSV: CRLF folded, delimiter sniffed, cut before an unclosed quote.
fn csv_text(text: String, encoding: Encoding) -> Result<Text> {
    let mut text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    };
    let delimiter = sniff_delimiter(text.as_bytes());
    let mut scan = QuoteScan::new(delimiter);
    scan.feed(text.as_bytes());
    let unterminated = scan.finish().map(|o| o.in_text(text.as_bytes()));
    if let Some(u) = unterminated {
        text.truncate(u.record_start as usize);
    }
    Ok(Text {
        delimiter,
        text,
        encoding,
        unterminated,
    })
}

/// A large CSV (responses) opened for streaming.
pub struct Stream {
    /// The field delimiter (see [`sniff_delimiter`]).
    pub delimiter: u8,
    /// The records, UTF-8, without BOM, ending before an unterminated quote's record.
    pub reader: Box<dyn BufRead>,
    /// The encoding it was read in.
    pub encoding: Encoding,
    /// An unterminated quote, if any.
    pub unterminated: Option<Unterminated>,
    /// The first 16 hex digits of the SHA-256 of the file's bytes (its identity).
    pub file_id: String,
    /// Whether lines end in CRLF (csv reports such a record's line one short).
    pub crlf: bool,
    /// The file's size in bytes.
    pub size: u64,
}

/// Open a CSV for streaming: one pass hashes it, checks it is UTF-8 and finds an
/// unterminated quote; UTF-8 files are then streamed from disk, files in
/// another encoding (small, as spreadsheets save them) are decoded in memory.
pub fn open_stream(path: &Path) -> Result<Stream> {
    use sha2::{Digest, Sha256};
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let (mut crlf, mut size, mut first) = (false, 0u64, true);
    let mut scan = QuoteScan::new(b',');
    let mut delimiter = b',';
    let mut carry: Vec<u8> = Vec::new();
    let mut utf8 = true;
    let mut c1 = false;
    let mut bom = 0usize;
    let mut other_bom = false;
    loop {
        let n = f.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        let mut chunk = &buf[..n];
        h.update(chunk);
        size += n as u64;
        if first {
            first = false;
            crlf = chunk.windows(2).any(|w| w == b"\r\n");
            match encoding_rs::Encoding::for_bom(chunk) {
                Some((e, k)) if e == encoding_rs::UTF_8 => {
                    bom = k;
                    chunk = &chunk[k..];
                }
                Some(_) => other_bom = true,
                None => {}
            }
            delimiter = sniff_delimiter(chunk);
            scan = QuoteScan::new(delimiter);
        }
        if !utf8 || other_bom {
            continue;
        }
        // Validate UTF-8 across chunk boundaries: an incomplete character at
        // the end is carried into the next chunk.
        let joined;
        let data: &[u8] = if carry.is_empty() {
            chunk
        } else {
            carry.extend_from_slice(chunk);
            joined = std::mem::take(&mut carry);
            &joined
        };
        let valid = match std::str::from_utf8(data) {
            Ok(_) => data.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => {
                utf8 = false;
                continue;
            }
        };
        scan.feed(&data[..valid]);
        c1 = c1 || has_c1(&data[..valid]);
        carry = data[valid..].to_vec();
    }
    let hex: String = h
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    if utf8 && !other_bom && carry.is_empty() && !c1 {
        let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        // The quote's line, read again to count its column.
        let unterminated = match scan.finish() {
            None => None,
            Some(o) => {
                let len = (o.quote - o.line_start).min(1 << 20);
                std::io::Seek::seek(
                    &mut file,
                    std::io::SeekFrom::Start(bom as u64 + o.quote - len),
                )
                .map_err(|e| Error::io(path, e))?;
                let mut line = vec![0u8; len as usize];
                file.read_exact(&mut line).map_err(|e| Error::io(path, e))?;
                Some(o.with_line(&line))
            }
        };
        std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(bom as u64))
            .map_err(|e| Error::io(path, e))?;
        let limit = unterminated.map_or(u64::MAX, |u| u.record_start);
        let reader = std::io::BufReader::with_capacity(1 << 20, file.take(limit));
        return Ok(Stream {
            delimiter,
            reader: Box::new(reader),
            encoding: if bom > 0 {
                Encoding::Utf8Bom
            } else {
                Encoding::Utf8
            },
            unterminated,
            file_id: hex,
            crlf,
            size,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if !other_bom && let Some((utf8, other)) = mixed_lines(&bytes) {
        return Err(mixed_error(path, utf8, other));
    }
    let (text, encoding) = match decode_other(path, &bytes) {
        Ok(d) => d,
        // Valid UTF-8 with C1 controls that is not CP949 either: UTF-8 after all.
        Err(_) if c1 && utf8 && !other_bom && carry.is_empty() => {
            let text =
                String::from_utf8(bytes[bom..].to_vec()).map_err(|_| unknown_encoding(path))?;
            (
                text,
                if bom > 0 {
                    Encoding::Utf8Bom
                } else {
                    Encoding::Utf8
                },
            )
        }
        Err(e) => return Err(e),
    };
    let crlf = text.contains("\r\n");
    let delimiter = sniff_delimiter(text.as_bytes());
    let mut scan = QuoteScan::new(delimiter);
    scan.feed(text.as_bytes());
    let unterminated = scan.finish().map(|o| o.in_text(text.as_bytes()));
    let mut text = text.into_bytes();
    if let Some(u) = unterminated {
        text.truncate(u.record_start as usize);
    }
    Ok(Stream {
        delimiter,
        reader: Box::new(std::io::Cursor::new(text)),
        encoding,
        unterminated,
        file_id: hex,
        crlf,
        size,
    })
}

/// Neutralize a text cell: a leading `'` before a formula character.
pub fn safe_text(s: &str) -> String {
    safe_cow(s).into_owned()
}

/// [`safe_text`] without a copy for text that needs no change.
pub fn safe_cow(s: &str) -> std::borrow::Cow<'_, str> {
    let s = crate::text::nfc_cow(s);
    // A plain signed number (`-5`, `-3.14`) is no formula: a spreadsheet
    // shows it as the number, not with a visible `'`.
    if s.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) && !plain_number(&s) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        s
    }
}

/// `-5`, `+5`, `-3.14`: a sign, digits, at most one decimal point.
fn plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// Undo [`safe_text`] on a cell read back: `'=x` is `=x`.
pub fn unneutralize(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) => rest,
        _ => s,
    }
}

/// The one CSV writer: BOM (optional), CRLF, neutralized NFC text, raw numbers.
pub struct Writer {
    w: csv::Writer<Vec<u8>>,
}

fn write_err(e: csv::Error) -> Error {
    Error::Usage(format!("CSV를 쓸 수 없습니다: {e}"))
}

impl Writer {
    /// A writer into memory; `bom` starts the bytes with a UTF-8 BOM.
    pub fn new(bom: bool) -> Self {
        let buf = if bom {
            Vec::from(&b"\xef\xbb\xbf"[..])
        } else {
            Vec::new()
        };
        Writer {
            w: csv::WriterBuilder::new()
                .flexible(true)
                .terminator(csv::Terminator::CRLF)
                .from_writer(buf),
        }
    }

    /// A text field (neutralized, NFC).
    pub fn text(&mut self, s: &str) -> Result<()> {
        self.w
            .write_field(safe_cow(s).as_bytes())
            .map_err(write_err)
    }

    /// A number, already formatted.
    pub fn number(&mut self, s: &str) -> Result<()> {
        self.w.write_field(s).map_err(write_err)
    }

    /// End the current row.
    pub fn end_row(&mut self) -> Result<()> {
        self.w.write_record(None::<&[u8]>).map_err(write_err)
    }

    /// A whole row of text fields.
    pub fn text_row<S: AsRef<str>>(&mut self, row: impl IntoIterator<Item = S>) -> Result<()> {
        for f in row {
            self.text(f.as_ref())?;
        }
        self.end_row()
    }

    /// The bytes written.
    pub fn finish(self) -> Result<Vec<u8>> {
        self.w
            .into_inner()
            .map_err(|e| Error::Usage(format!("CSV를 쓸 수 없습니다: {}", e.error())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &str) -> Option<Unterminated> {
        let mut q = QuoteScan::new(b',');
        q.feed(s.as_bytes());
        q.finish().map(|o| o.in_text(s.as_bytes()))
    }

    #[test]
    fn quotes_closed_escaped_or_literal_are_not_unterminated() {
        assert_eq!(scan("a,b\n\"x\"\"y\",z\n"), None);
        assert_eq!(scan("a,b\"c\nd,e\n"), None);
        assert_eq!(scan("a,\"multi\nline\"\n"), None);
        assert_eq!(scan("a,\"\"\n"), None);
        assert_eq!(scan("a,\"x\""), None);
    }

    #[test]
    fn unterminated_quote_names_its_line_and_record() {
        let u = scan("h1,h2\ns1,ok\ns2,\"open\ns3,x\n");
        assert_eq!(
            u,
            Some(Unterminated {
                line: 3,
                col: 4,
                record_start: 12
            })
        );
        // Chunks split anywhere give the same answer.
        let text = "h1,h2\ns1,\"a\"\"b\"\ns2,\"open\ns3,x\n";
        let whole = scan(text);
        for cut in 0..text.len() {
            let mut q = QuoteScan::new(b',');
            q.feed(&text.as_bytes()[..cut]);
            q.feed(&text.as_bytes()[cut..]);
            let got = q.finish().map(|o| o.in_text(text.as_bytes()));
            assert_eq!(got, whole, "cut at {cut}");
        }
    }

    /// A field as rosters and answers have them: names, words, quotes, commas, newlines.
    fn field() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec(
            prop_oneof![
                Just("김민수"),
                Just("이영희"),
                Just("깃옵스"),
                Just("선언적 배포"),
                Just("컨테이너"),
                Just(","),
                Just("\""),
                Just("\n"),
                Just(" "),
                Just("=A1"),
                Just("s001"),
            ],
            0..5,
        )
        .prop_map(|v| v.concat())
    }

    proptest::proptest! {
        /// Whatever the writer writes is whole: no unterminated quote, and it
        /// reads back to the same fields in every encoding a spreadsheet saves.
        #[test]
        fn written_csv_reads_back_whole(rows in proptest::collection::vec(
            proptest::collection::vec(field(), 1..4), 1..6)
        ) {
            let mut w = Writer::new(true);
            for r in &rows {
                for f in r {
                    w.number(f).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
                }
                w.end_row().map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            }
            let bytes = w.finish().map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            let text = String::from_utf8_lossy(&bytes[3..]).into_owned();
            let (cp949, _, _) = encoding_rs::EUC_KR.encode(&text);
            let mut utf16 = vec![0xff, 0xfe];
            utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            for input in [bytes.clone(), cp949.into_owned(), utf16] {
                let t = decode_text(Path::new("x.csv"), input)
                    .map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
                proptest::prop_assert_eq!(t.unterminated, None);
                let back: Vec<Vec<String>> = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(t.text.as_bytes())
                    .records()
                    .filter_map(|r| r.ok())
                    .map(|r| r.iter().map(str::to_string).collect())
                    .collect();
                let expected: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| r.iter().map(|f| f.replace("\r\n", "\n")).collect())
                    .collect();
                proptest::prop_assert_eq!(back, expected);
            }
        }
    }

    #[test]
    fn encodings_are_found_from_the_bytes() -> Result<()> {
        let p = Path::new("x.csv");
        let read = |b: &[u8]| decode_text(p, b.to_vec()).map(|t| (t.encoding, t.text));
        assert_eq!(read(b"a,b\r\n")?, (Encoding::Utf8, "a,b\n".to_string()));
        assert_eq!(
            read("\u{feff}학번".as_bytes())?,
            (Encoding::Utf8Bom, "학번".to_string())
        );
        // 학번 in CP949, UTF-16LE and UTF-16BE with their BOMs.
        assert_eq!(
            read(b"\xc7\xd0\xb9\xf8")?,
            (Encoding::Cp949, "학번".to_string())
        );
        assert_eq!(
            read(b"\xff\xfe\x59\xd5\x88\xbc")?,
            (Encoding::Utf16Le, "학번".to_string())
        );
        assert_eq!(
            read(b"\xfe\xff\xd5\x59\xbc\x88")?,
            (Encoding::Utf16Be, "학번".to_string())
        );
        // CP949 bytes that are valid UTF-8 too (혖 is C2 81, a C1 control in UTF-8).
        assert_eq!(read(b"\xc2\x81")?, (Encoding::Cp949, "혖".to_string()));
        // Neither: refused, never replaced.
        assert!(read(b"a,\x80\xff").is_err());
        assert!(read(b"\xef\xbb\xbfa,\xc7\xd0").is_err());
        Ok(())
    }

    #[test]
    fn formulas_are_neutralized_and_read_back() -> Result<()> {
        let mut w = Writer::new(true);
        w.text_row(["=HYPERLINK(\"x\")", "-", "김"])?;
        w.number("-0.5")?;
        w.end_row()?;
        let bytes = w.finish()?;
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            "\u{feff}\"'=HYPERLINK(\"\"x\"\")\",'-,김\r\n-0.5\r\n"
        );
        assert_eq!(unneutralize("'=A1"), "=A1");
        assert_eq!(unneutralize("'abc"), "'abc");
        // A plain signed number typed as an answer stays a number to read;
        // anything more after the sign is neutralized.
        assert_eq!(safe_text("-5"), "-5");
        assert_eq!(safe_text("-3.14"), "-3.14");
        assert_eq!(safe_text("+5"), "+5");
        for formula in [
            "-5+cmd|' /C calc'!A0",
            "-2+3",
            "-",
            "-.5",
            "-5.",
            "+A1",
            "-1e3",
        ] {
            assert!(safe_text(formula).starts_with('\''), "{formula}");
        }
        Ok(())
    }
}
