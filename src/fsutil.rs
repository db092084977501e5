//! File-system helpers: atomic writes and path display.
//!
//! Every file the engine writes goes through [`write_atomic`], so a crash or a full
//! disk never leaves a half-written bank, rubric, form or report behind.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Write `bytes` to `path` through a temporary file in the same folder and a rename,
/// synced to disk before the rename. Creates missing parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_opts(path, bytes, true)
}

/// Like [`write_atomic`] but without the fsync: still never half-written, but a
/// power cut may lose it. For output that can be regenerated (reports), where
/// thousands of fsyncs would dominate the run.
pub fn write_regenerable(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_opts(path, bytes, false)
}

fn write_atomic_opts(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| Error::io(&dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    if sync {
        tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Write only when the content differs, so re-running a generator changes no byte
/// and no modification time. Returns whether the file was written.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    if let Ok(old) = std::fs::read(path)
        && old == bytes
    {
        return Ok(false);
    }
    write_atomic(path, bytes)?;
    Ok(true)
}

/// A path as shown to users: `/` separators, no leading `./`.
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
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
    use super::*;

    #[test]
    fn atomic_write_creates_dirs_and_skips_unchanged() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let p = dir.path().join("a/b/c.txt");
        assert!(write_if_changed(&p, b"hi")?);
        assert!(!write_if_changed(&p, b"hi")?);
        assert!(write_if_changed(&p, b"ho")?);
        assert_eq!(std::fs::read(&p).map_err(|e| Error::io(&p, e))?, b"ho");
        Ok(())
    }
}
