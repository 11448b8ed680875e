//! The `vpagen` binary: all work happens in the library; see `vpagen::cli`.

fn main() -> std::process::ExitCode {
    vpagen::cli::main()
}
