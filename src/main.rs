//! The `quiz` binary: runs the library and maps its error to an exit code
//! (0 success, 1 problems found in the input, 2 usage or I/O error).

/// mimalloc: extract and grading build and drop hundreds of thousands of small
/// strings; it is markedly faster at that than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if let Err(e) = quiz::run(std::env::args_os()) {
        // Output piped into a reader that stopped (`quiz stats | head`): the
        // reader has what it wanted; nothing to say, as other CLIs do.
        if let quiz::Error::Io { source, .. } = &e
            && source.kind() == std::io::ErrorKind::BrokenPipe
        {
            std::process::exit(0);
        }
        let msg = e.to_string();
        if !msg.is_empty() && !matches!(e, quiz::Error::Problems { .. }) {
            // Never a panic when stderr is closed too.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "quiz: {}", quiz::printable::escape(&msg));
        }
        std::process::exit(e.exit_code());
    }
}
