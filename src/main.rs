//! The `vpagen` binary: all work happens in the library; see `vpagen::cli`.

// A build makes millions of small, short-lived allocations on every core; mimalloc
// serves them in about a tenth less time than glibc's malloc (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    vpagen::cli::main()
}
