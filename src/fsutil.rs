//! File-system helpers: atomic writes and path display.
//!
//! Every file the engine writes goes through [`write_atomic`], a [`Batch`] or a
//! [`FolderWriter`] (temporary file or folder, then rename), so a crash or a full
//! disk never leaves a half-written bank, rubric, form or report behind.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// An exclusive hold on the changes to a bank (its folder), released when
/// dropped. Code that reads bank files, changes them and writes them back
/// (`quiz sign` in a terminal, the server's 문항 승인, `quiz extract`) takes
/// it first, so two such changes at the same moment, in one process or two,
/// are made one after the other and neither writes over the other. Advisory
/// (flock on `.<folder>.lock` beside the folder): an editor does not take it.
#[derive(Debug)]
pub struct ChangeLock {
    _held: std::fs::File,
}

/// The lock file of `path`'s [`ChangeLock`]: `.<folder>.lock` beside the
/// folder (`./.questions.lock`), one per folder however the path is written
/// (relative, with `..`, through a link). Beside the bank rather than in the
/// temporary folder: a server run with a private /tmp (systemd's
/// `PrivateTmp`) and a terminal share it.
fn change_lock_file(path: &Path) -> PathBuf {
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let name = key
        .file_name()
        .map_or_else(|| "bank".to_string(), |n| n.to_string_lossy().into_owned());
    key.parent()
        .unwrap_or_else(|| Path::new("."))
        .join(format!(".{name}.lock"))
}

/// Wait for and take the [`ChangeLock`] of `path`.
pub fn lock_changes(path: &Path) -> Result<ChangeLock> {
    let lock = change_lock_file(path);
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .map_err(|e| Error::io(display(&lock), e))?;
    f.lock().map_err(|e| Error::io(display(&lock), e))?;
    Ok(ChangeLock { _held: f })
}

/// Write `bytes` to `path` through a temporary file in the same folder and a rename,
/// synced to disk before the rename. Creates missing parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_opts(path, bytes, true)
}

/// [`write_atomic`] for a file one person may read: a released form, which
/// authenticates that student's submission (0600 less nothing; a file
/// written over keeps its mode).
pub fn write_atomic_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let (tmp, _) = temp_beside_mode(path, bytes, 0o600)?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Like [`write_atomic`] but without the fsync: still never half-written, but a
/// power cut may lose it. For output that can be regenerated (reports), where
/// thousands of fsyncs would dominate the run.
pub fn write_regenerable(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_opts(path, bytes, false)
}

/// A temporary file holding `bytes` in `path`'s folder (created if missing), and that folder.
fn temp_beside(path: &Path, bytes: &[u8]) -> Result<(tempfile::NamedTempFile, PathBuf)> {
    temp_beside_mode(path, bytes, 0o666)
}

/// [`temp_beside`] with the file's `mode` (less the umask).
fn temp_beside_mode(
    path: &Path,
    bytes: &[u8],
    mode: u32,
) -> Result<(tempfile::NamedTempFile, PathBuf)> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let mut tmp = builder(mode)
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    // A file written over keeps its mode (a bank file a team shares as 0640).
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| Error::io(path, e))?;
    }
    Ok((tmp, dir))
}

/// A temporary file or folder builder whose result gets `mode` less the umask,
/// like any file the user creates (tempfile's default is owner-only, which would
/// make the bank and reports unreadable to the rest of a teaching team).
fn builder(mode: u32) -> tempfile::Builder<'static, 'static> {
    let mut b = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    b
}

/// Writes the files of one output folder, all or nothing.
///
/// A folder that does not exist yet is built under a temporary name beside it,
/// with plain file writes, and renamed into place at [`commit`](FolderWriter::commit)
/// (one rename instead of one per file: thousands of files appear at once). Into
/// an existing folder, each file is staged in a [`Batch`] and rewritten only when
/// its bytes changed. [`durable`](FolderWriter::durable) writers sync everything to
/// disk before anything is renamed (one `syncfs` per file system on Linux).
pub struct FolderWriter {
    target: PathBuf,
    sync: bool,
    state: FolderState,
}

enum FolderState {
    /// Building a new folder under a temporary name (removed if never committed);
    /// the sub-folders made so far.
    Fresh {
        tmp: tempfile::TempDir,
        made: std::collections::HashSet<PathBuf>,
    },
    /// Updating an existing folder.
    Existing { batch: Batch },
}

impl FolderWriter {
    /// Start writing `target`, for output that can be made again (reports): not synced.
    pub fn new(target: &Path) -> Result<Self> {
        Self::open(target, false)
    }

    /// Start writing `target`, synced to disk at commit (the question bank).
    pub fn durable(target: &Path) -> Result<Self> {
        Self::open(target, true)
    }

    /// Like [`durable`](Self::durable) for a folder that may hold someone's
    /// edits, but a folder made from scratch is not synced: all of it can be
    /// made again by the same command (a crash leaves either no folder or one
    /// that a re-run rewrites).
    pub fn durable_if_existing(target: &Path) -> Result<Self> {
        Self::open(target, target.is_dir())
    }

    fn open(target: &Path, sync: bool) -> Result<Self> {
        let state = if target.is_dir() {
            FolderState::Existing {
                batch: if sync {
                    Batch::new()
                } else {
                    Batch::regenerable()
                },
            }
        } else {
            let parent = match target.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
            let name = target
                .file_name()
                .map(|n| format!(".{}.", n.to_string_lossy()))
                .unwrap_or_else(|| ".out.".to_string());
            let tmp = builder(0o777)
                .prefix(&name)
                .tempdir_in(&parent)
                .map_err(|e| Error::io(&parent, e))?;
            FolderState::Fresh {
                tmp,
                made: std::collections::HashSet::new(),
            }
        };
        Ok(FolderWriter {
            target: target.to_path_buf(),
            sync,
            state,
        })
    }

    /// Write `bytes` to `rel` inside the folder. Returns false when the file
    /// already holds exactly these bytes (and is left alone).
    pub fn write(&mut self, rel: &Path, bytes: &[u8]) -> Result<bool> {
        match &mut self.state {
            FolderState::Fresh { tmp, made } => {
                let path = tmp.path().join(rel);
                if let Some(dir) = path.parent()
                    && !made.contains(dir)
                {
                    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
                    made.insert(dir.to_path_buf());
                }
                let mut f = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
                f.write_all(bytes).map_err(|e| Error::io(&path, e))?;
                // Without syncfs, each file is synced as it is written.
                #[cfg(not(any(target_os = "linux", target_os = "android")))]
                if self.sync {
                    f.sync_all().map_err(|e| Error::io(&path, e))?;
                }
                Ok(true)
            }
            FolderState::Existing { batch } => {
                batch.stage_if_changed(&self.target.join(rel), bytes)
            }
        }
    }

    /// Whether the folder is being made anew (so none of its files exist yet).
    pub fn is_fresh(&self) -> bool {
        matches!(self.state, FolderState::Fresh { .. })
    }

    /// Put everything in place.
    pub fn commit(self) -> Result<()> {
        Self::commit_all(vec![self])
    }

    /// Put the folders of several writers in place, syncing each file system
    /// they write to once.
    pub fn commit_all(writers: Vec<FolderWriter>) -> Result<()> {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            let mut dirs: Vec<&Path> = Vec::new();
            for w in writers.iter().filter(|w| w.sync) {
                match &w.state {
                    FolderState::Fresh { tmp, .. } => dirs.push(tmp.path()),
                    FolderState::Existing { batch } => {
                        dirs.extend(batch.filesystems.iter().map(|(_, d)| d.as_path()));
                    }
                }
            }
            syncfs_each(dirs)?;
        }
        for w in writers {
            match w.state {
                FolderState::Fresh { tmp, .. } => {
                    let staged = tmp.keep();
                    std::fs::rename(&staged, &w.target).map_err(|e| {
                        let _ = std::fs::remove_dir_all(&staged);
                        Error::io(&w.target, e)
                    })?;
                }
                FolderState::Existing { batch } => batch.persist()?,
            }
        }
        Ok(())
    }
}

/// `syncfs` the file system of each folder in `dirs`, each file system once.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn syncfs_each<'a>(dirs: impl IntoIterator<Item = &'a Path>) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let mut synced: Vec<u64> = Vec::new();
    for dir in dirs {
        let d = std::fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
        let dev = d.metadata().map_err(|e| Error::io(dir, e))?.dev();
        if !synced.contains(&dev) {
            rustix::fs::syncfs(&d).map_err(|e| Error::io(dir, e.into()))?;
            synced.push(dev);
        }
    }
    Ok(())
}

/// Like [`write_atomic`] for a file that must not exist yet (one holding
/// what cannot be made again, such as login codes or an instructor's filled
/// sheet): refused, and nothing written, when `path` exists, also when it
/// appears meanwhile (the rename does not replace).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    write_new_with(path, bytes, 0o666)
}

/// [`write_new`] for a secret (login codes): readable by its owner only
/// (0600), and only into a folder that exists (a mistyped `--out` is said,
/// not made into new folders).
pub fn write_new_private(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(Error::Usage(format!(
            "폴더 {}이(가) 없습니다: 있는 폴더를 주세요 (아무것도 쓰지 않았습니다)",
            display(dir)
        )));
    }
    write_new_with(path, bytes, 0o600)
}

fn write_new_with(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let exists = || {
        Error::Usage(format!(
            "{}이(가) 이미 있습니다: 덮어쓰지 않으니 다른 --out을 주세요 (아무것도 쓰지 않았습니다)",
            display(path)
        ))
    };
    if path.exists() {
        return Err(exists());
    }
    let (tmp, _) = temp_beside_mode(path, bytes, mode)?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            exists()
        } else {
            Error::io(path, e.error)
        }
    })?;
    Ok(())
}

fn write_atomic_opts(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    let (tmp, _) = temp_beside(path, bytes)?;
    if sync {
        tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Files written together, each atomically: [`stage`](Batch::stage) writes a
/// temporary file beside its target; [`commit`](Batch::commit) makes them all
/// durable and then renames each into place. On Linux one `syncfs` per file system
/// replaces an fsync per file (hundreds of journal commits); elsewhere each file
/// is synced. A batch dropped without commit removes its temporary files and
/// leaves every target as it was.
#[derive(Default)]
pub struct Batch {
    staged: Vec<(tempfile::TempPath, PathBuf)>,
    sync: bool,
    /// Folders holding staged files, one per file system, to sync at commit.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    filesystems: Vec<(u64, PathBuf)>,
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    files: Vec<std::fs::File>,
}

impl Batch {
    /// An empty batch whose files are synced to disk at commit.
    pub fn new() -> Self {
        Batch {
            sync: true,
            ..Batch::default()
        }
    }

    /// An empty batch for output that can be made again (reports): renamed into
    /// place at commit, never half-written, but not synced (a power cut may lose it).
    pub fn regenerable() -> Self {
        Batch::default()
    }

    /// Stage `bytes` for `path` unless the file already holds exactly them.
    /// Returns whether the file will be written.
    pub fn stage_if_changed(&mut self, path: &Path, bytes: &[u8]) -> Result<bool> {
        if let Ok(old) = std::fs::read(path)
            && old == bytes
        {
            return Ok(false);
        }
        self.stage(path, bytes)?;
        Ok(true)
    }

    /// Write `bytes` to a temporary file in `path`'s folder (created if missing).
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        let (tmp, dir) = temp_beside(path, bytes)?;
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            use std::os::unix::fs::MetadataExt;
            let dev = tmp
                .as_file()
                .metadata()
                .map_err(|e| Error::io(path, e))?
                .dev();
            if !self.filesystems.iter().any(|(d, _)| *d == dev) {
                self.filesystems.push((dev, dir));
            }
            self.staged.push((tmp.into_temp_path(), path.to_path_buf()));
        }
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        {
            let _ = dir;
            let (file, tmp_path) = tmp.into_parts();
            self.files.push(file);
            self.staged.push((tmp_path, path.to_path_buf()));
        }
        Ok(())
    }

    /// How many files are staged.
    pub fn len(&self) -> usize {
        self.staged.len()
    }

    /// Whether nothing is staged.
    pub fn is_empty(&self) -> bool {
        self.staged.is_empty()
    }

    /// Sync every staged file to disk, then rename each over its target.
    pub fn commit(self) -> Result<()> {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if self.sync {
            syncfs_each(self.filesystems.iter().map(|(_, d)| d.as_path()))?;
        }
        self.persist()
    }

    /// Rename each staged file over its target; on Linux the caller has synced
    /// the file systems (elsewhere each file is synced here).
    fn persist(self) -> Result<()> {
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        for f in self.files.iter().filter(|_| self.sync) {
            f.sync_all().map_err(|e| Error::io("staged file", e))?;
        }
        for (tmp, target) in self.staged {
            tmp.persist(&target)
                .map_err(|e| Error::io(&target, e.error))?;
        }
        Ok(())
    }
}

/// A path as shown to users: `/` separators, no leading `./`.
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    // A PostgreSQL gradebook (`--db postgres://…`): never show its password.
    if crate::gradebook::pg::is_url(&s) {
        return crate::gradebook::pg::redact(&s);
    }
    // A mistyped URL taken as a path (`postgre://user:pass@…`) too.
    let s = crate::gradebook::pg::connect::redact_loose(&s);
    let s = s.replace('\\', "/");
    match s.strip_prefix("./") {
        // `./` itself is the current folder, named so.
        Some("") => ".".to_string(),
        Some(rest) => rest.to_string(),
        None => s,
    }
}

/// All files under `dir` whose name ends with one of `exts`, sorted by path.
/// A missing folder yields an empty list.
pub fn files_with_ext(dir: &Path, exts: &[&str]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).map_err(|e| Error::io(&d, e))?;
        for entry in rd {
            let entry = entry.map_err(|e| Error::io(&d, e))?;
            let p = entry.path();
            let ft = entry.file_type().map_err(|e| Error::io(&p, e))?;
            if ft.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_change_lock_is_one_per_folder_and_held_until_dropped() {
        let dir = tempfile::tempdir().expect("tmp");
        let bank = dir.path().join("questions");
        std::fs::create_dir_all(bank.join("week_01")).expect("mkdir");
        let other = bank.join("week_01").join("..");
        assert_eq!(change_lock_file(&bank), change_lock_file(&other));
        let held = lock_changes(&bank).expect("lock");
        let probe = std::fs::OpenOptions::new()
            .write(true)
            .open(change_lock_file(&other))
            .expect("open");
        assert!(probe.try_lock().is_err(), "a second taker must wait");
        drop(held);
        assert!(probe.try_lock().is_ok());
    }
    use super::*;

    /// A file written over keeps its mode (review of the signing change: a
    /// 0640 bank file came back 0644).
    #[cfg(unix)]
    #[test]
    fn a_file_written_over_keeps_its_mode() -> Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let p = dir.path().join("bank.yaml");
        write_atomic(&p, b"a")?;
        for mode in [0o640, 0o444] {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode))
                .map_err(|e| Error::io(&p, e))?;
            write_atomic(&p, b"b")?;
            let got = std::fs::metadata(&p).map_err(|e| Error::io(&p, e))?;
            assert_eq!(got.permissions().mode() & 0o777, mode);
        }
        Ok(())
    }

    #[test]
    fn atomic_write_creates_dirs() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let p = dir.path().join("a/b/c.txt");
        write_atomic(&p, b"hi")?;
        write_regenerable(&p, b"ho")?;
        assert_eq!(std::fs::read(&p).map_err(|e| Error::io(&p, e))?, b"ho");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a/b"))
            .map_err(|e| Error::io("a/b", e))?
            .collect();
        assert_eq!(names.len(), 1, "no temporary file left");
        Ok(())
    }

    #[test]
    fn folder_writer_is_all_or_nothing() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let target = dir.path().join("reports/week_03");
        // A new folder appears only at commit, with every file in it.
        let mut w = FolderWriter::new(&target)?;
        w.write(Path::new("summary.csv"), b"s")?;
        w.write(Path::new("students/a.csv"), b"a")?;
        assert!(!target.exists());
        w.commit()?;
        assert_eq!(
            std::fs::read(target.join("students/a.csv")).map_err(|e| Error::io("a", e))?,
            b"a"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target)
                .map_err(|e| Error::io("t", e))?
                .permissions()
                .mode();
            assert_ne!(
                mode & 0o055,
                0,
                "readable by others as umask allows: {mode:o}"
            );
        }
        // An existing one is updated file by file at commit; dropped writers change nothing.
        let mut w = FolderWriter::new(&target)?;
        w.write(Path::new("students/a.csv"), b"A")?;
        w.write(Path::new("students/b.csv"), b"b")?;
        drop(w);
        assert_eq!(
            std::fs::read(target.join("students/a.csv")).map_err(|e| Error::io("a", e))?,
            b"a"
        );
        assert!(!target.join("students/b.csv").exists());
        let mut w = FolderWriter::new(&target)?;
        w.write(Path::new("students/a.csv"), b"A")?;
        w.commit()?;
        assert_eq!(
            std::fs::read(target.join("students/a.csv")).map_err(|e| Error::io("a", e))?,
            b"A"
        );
        // No temporary folders left beside it.
        let names: Vec<_> = std::fs::read_dir(dir.path().join("reports"))
            .map_err(|e| Error::io("r", e))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        Ok(())
    }

    #[test]
    fn batch_writes_on_commit_only() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let a = dir.path().join("x/a.txt");
        let b = dir.path().join("y/b.txt");
        write_atomic(&b, b"old")?;
        let mut batch = Batch::new();
        assert!(batch.stage_if_changed(&a, b"A")?);
        assert!(batch.stage_if_changed(&b, b"B")?);
        assert!(!batch.stage_if_changed(&b, b"old")?);
        assert_eq!(batch.len(), 2);
        // Nothing visible before the commit.
        assert!(!a.exists());
        assert_eq!(std::fs::read(&b).map_err(|e| Error::io(&b, e))?, b"old");
        batch.commit()?;
        assert_eq!(std::fs::read(&a).map_err(|e| Error::io(&a, e))?, b"A");
        assert_eq!(std::fs::read(&b).map_err(|e| Error::io(&b, e))?, b"B");
        // A dropped batch leaves targets and no temporary files behind.
        let mut batch = Batch::new();
        batch.stage(&a, b"never")?;
        drop(batch);
        assert_eq!(std::fs::read(&a).map_err(|e| Error::io(&a, e))?, b"A");
        let left: Vec<_> = std::fs::read_dir(dir.path().join("x"))
            .map_err(|e| Error::io("x", e))?
            .collect();
        assert_eq!(left.len(), 1);
        Ok(())
    }
}
