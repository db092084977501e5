//! `quiz serve` (the quiz in the browser), `quiz roster codes` (login codes
//! for mail merge) and `quiz instructor code` (a lasting instructor code).

use super::report;
use crate::error::{Error, Result};
use crate::fsutil::display;
use crate::gradebook::{Gradebook, Student};
use crate::web::{self, App, Config, hash_code, new_code};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Options of `quiz serve`.
#[derive(Debug, Clone)]
pub struct Options {
    /// Server settings.
    pub config: Config,
    /// Address to listen on.
    pub addr: String,
    /// Make a demo student with a login code and open today's (or the first) unit.
    pub demo: bool,
}

fn io(e: std::io::Error) -> Error {
    Error::io("stdout", e)
}

/// The demo: student `demo` with a fresh code, and a practice quiz open on
/// the unit of the day (or the bank's first unit). Returns (code, unit).
fn demo(gb: &mut Gradebook, app: &App, today_unit: Option<String>) -> Result<(String, String)> {
    let known = gb.roster_status("demo")?;
    if !known.1 {
        gb.upsert_students(&[Student {
            id: "demo".into(),
            name: "데모 학생".into(),
            email: None,
        }])?;
    }
    let code = new_code()?;
    gb.set_login_codes(&[("demo".to_string(), hash_code(&code))])?;
    let unit = match today_unit {
        Some(u) if !app.has_unit(&u) => app.first_unit(),
        Some(u) => Some(u),
        None => app.first_unit(),
    }
    .ok_or_else(|| Error::Usage("문제 은행에 낼 문항이 없습니다".into()))?;
    let now = crate::gradebook::now();
    if !gb
        .quizzes()?
        .iter()
        .any(|q| q.unit == unit && q.open_to("demo", &now))
    {
        gb.open_quiz(&unit, crate::model::Mode::Practice, 10, None, &[], None)?;
    }
    Ok((code, unit))
}

/// Run `quiz serve` until Ctrl-C.
pub fn run(o: &Options, out: &mut dyn Write) -> Result<()> {
    // A server started on a missing or empty bank (the wrong folder) would
    // find every student's unanswered questions gone from it and end their
    // attempts for good: refused (trial of 2026-12-01), before a gradebook
    // is opened (or made there).
    let no_bank = || {
        Error::Usage(format!(
            "문제 은행 {}에 문항이 없습니다: 프로젝트 폴더에서 실행하거나 --questions로 문제 은행을 주세요 (서버를 시작하지 않았습니다)",
            crate::fsutil::display(&o.config.questions)
        ))
    };
    if crate::bank::Bank::load(&o.config.questions, &o.config.rubrics)
        .map_or(true, |(b, _)| b.questions().next().is_none())
    {
        return Err(no_bank());
    }
    let (app, mut diags) = App::new(o.config.clone())?;
    // Questions `check` rejects are left out with check's message.
    report(&mut diags);
    if app.loaded().bank.questions().next().is_none() {
        return Err(no_bank());
    }
    let mut gb = Gradebook::open(&o.config.db)?;
    let students = gb.students()?;
    // The demo's student and practice quiz belong in a gradebook of their
    // own: on a class's, "demo" joined every report and its practice quiz
    // was opened beside the class's exams (trial of 2026-12-01).
    if o.demo && students.iter().any(|s| s.id != "demo") {
        return Err(Error::Usage(format!(
            "--demo는 학생이 없는 성적부에서만 씁니다 ({}에는 학생 {}명): --db demo.db처럼 따로 띄우세요",
            display(&o.config.db),
            students.len()
        )));
    }
    let token = web::new_token()?;
    gb.add_instructor_code(&hash_code(&token), true)?;
    let today = o
        .config
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let today_unit = super::take::todays_unit(&o.config.course, today)
        .ok()
        .flatten();
    let demo = if o.demo {
        Some(demo(&mut gb, &app, today_unit)?)
    } else {
        None
    };
    drop(gb);
    let rt = web::runtime().map_err(|e| Error::io("tokio runtime", e))?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&o.addr)
            .await
            .map_err(|e| Error::Usage(format!("--addr {}: {e}", o.addr)))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io("listener", e))?;
        let base = format!("http://{addr}");
        writeln!(out, "quiz serve: {base}/  (성적부 {})", display(&o.config.db)).map_err(io)?;
        writeln!(out, "강사 로그인 링크 (한 번만 쓸 수 있음): {base}/teach/login?token={token}")
            .map_err(io)?;
        // Nobody can log in to a gradebook without a roster: said, with the
        // file (a typo in --db started an empty one; trial of 2026-12-01).
        if students.is_empty() && demo.is_none() {
            writeln!(
                out,
                "주의: 성적부 {}에 명단이 없어 학생이 로그인할 수 없습니다. --db를 확인하거나 quiz roster import 후 quiz roster codes를 실행하세요.",
                display(&o.config.db)
            )
            .map_err(io)?;
        }
        if let Some((code, unit)) = &demo {
            writeln!(
                out,
                "데모: {base}/login 에서 학번 demo, 로그인 코드 {code} (연습 퀴즈 {unit}이(가) 열려 있습니다)"
            )
            .map_err(io)?;
        }
        // Without a schedule students see no unit of the day: say so to the
        // one who can fix it.
        if !o.config.course.exists() {
            writeln!(
                out,
                "참고: 일정 파일 {}이(가) 없어 학생 화면에 오늘의 단원이 나오지 않습니다 (--course, README \"Taking quizzes\"); 강사가 연 퀴즈는 그대로 보입니다",
                display(&o.config.course)
            )
            .map_err(io)?;
        }
        writeln!(out, "끝내려면 Ctrl-C").map_err(io)?;
        out.flush().map_err(io)?;
        web::serve(Arc::new(app), listener)
            .await
            .map_err(|e| Error::io("server", e))
    })
}

/// Options of `quiz roster codes`.
#[derive(Debug, Clone)]
pub struct CodesOptions<'a> {
    /// Gradebook.
    pub db: &'a Path,
    /// CSV file (None: stdout).
    pub out_file: Option<&'a Path>,
    /// Replace every student's code.
    pub rotate: bool,
    /// Base URL printed in the CSV (None: the column is left empty).
    pub url: Option<&'a str>,
}

/// `quiz roster codes`: a random login code for every roster student without
/// one (every student with `--rotate`), stored hashed; CSV
/// `student_id,name,code,url` for mail merge (the only place the codes are shown).
pub fn codes(o: &CodesOptions<'_>, out: &mut dyn Write) -> Result<()> {
    let mut gb = Gradebook::open(o.db)?;
    let students = gb.students()?;
    if students.is_empty() {
        return Err(Error::Usage(format!(
            "명단이 비어 있습니다 ({}): 먼저 quiz roster import roster.csv",
            display(o.db)
        )));
    }
    let have: std::collections::BTreeSet<String> = gb.students_with_codes()?.into_iter().collect();
    let mut rows = Vec::new();
    let mut hashes = Vec::new();
    for s in &students {
        if !o.rotate && have.contains(&s.id) {
            continue;
        }
        let code = new_code()?;
        hashes.push((s.id.clone(), hash_code(&code)));
        rows.push((s, code));
    }
    // The one CSV writer: UTF-8 with BOM (Excel reads the names), formula-safe names.
    let mut w = crate::csvfile::Writer::new(true);
    // The students' link: never a default. 127.0.0.1 is the instructor's own
    // machine, a dead link on every student's (trial of 2026-12-01); an
    // address typed without its scheme is the plain http `quiz serve` speaks.
    let url = o.url.map_or_else(String::new, login_url);
    w.text_row(["student_id", "name", "code", "url"])?;
    for (s, code) in &rows {
        w.text_row([s.id.as_str(), s.name.as_str(), code.as_str(), url.as_str()])?;
    }
    if rows.is_empty() {
        // Nothing new: no file, so no list that would look like the class's.
        let msg = format!(
            "새로 만든 로그인 코드가 없습니다: 명단의 {}명 모두 코드가 있습니다 (바꾸려면 --rotate; 코드는 해시로만 저장되어 다시 보여 줄 수 없습니다)",
            students.len()
        );
        if o.out_file.is_some() {
            writeln!(out, "{msg}").map_err(io)?;
        } else {
            eprintln!("{msg}");
        }
        return Ok(());
    }
    let bytes = w.finish()?;
    // The file first: codes stored but never shown would lock students out.
    // An existing file is never written over: it may hold the only copy of
    // the codes given out before (they are stored hashed).
    match o.out_file {
        Some(p) => crate::fsutil::write_new_private(p, &bytes)?,
        None => out.write_all(&bytes).map_err(io)?,
    }
    gb.set_login_codes(&hashes)?;
    let kept = students.len() - rows.len();
    let msg = format!(
        "로그인 코드 {}개를 만들었습니다{}{}{}",
        rows.len(),
        o.out_file
            .map(|p| format!(" ({})", display(p)))
            .unwrap_or_default(),
        if kept > 0 {
            format!("; {kept}명은 코드가 이미 있어 그대로 둡니다 (바꾸려면 --rotate)")
        } else {
            String::new()
        },
        if o.url.is_none() {
            "\nurl 열은 비어 있습니다: 학생들이 접속할 주소를 안내하거나, 다음에 --url http://<이 컴퓨터의 주소>:8080 을 붙이세요"
        } else {
            ""
        }
    );
    if o.out_file.is_some() {
        writeln!(out, "{msg}").map_err(io)
    } else {
        eprintln!("{msg}");
        Ok(())
    }
}

/// The login page of the server at `base`: `http://` when no scheme is given.
fn login_url(base: &str) -> String {
    let base = base.trim().trim_end_matches('/');
    if base.contains("://") {
        format!("{base}/login")
    } else {
        format!("http://{base}/login")
    }
}

/// `quiz instructor code`: a lasting instructor code (stored hashed, shown once).
pub fn instructor_code(db: &Path, out: &mut dyn Write) -> Result<()> {
    let mut gb = Gradebook::open(db)?;
    let code = format!("{}{}", new_code()?, new_code()?);
    gb.add_instructor_code(&hash_code(&code), false)?;
    writeln!(
        out,
        "강사 코드: {code}\n(/teach/login 에서 입력합니다. 성적부에는 해시만 저장되어 다시 볼 수 없습니다.)"
    )
    .map_err(io)
}
