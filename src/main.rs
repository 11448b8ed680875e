//! The `vpagen` binary: all work happens in the library; see `vpagen::cli`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    vpagen::cli::main()
}
