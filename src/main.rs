use clap::Parser;
use exclusive_talent::cli::Cli;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    exclusive_talent::cli::init_tracing(cli.config.log_format);
    match cli.run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// glibc raises its mmap threshold after large frees, so the ~19 MiB an argon2id hash takes would
/// then come from the heap and stay resident after every login. A fixed threshold keeps such
/// blocks mmapped, returned to the system when freed; two arenas bound per-thread caches. A fixed
/// mmap threshold also fixes the trim threshold at 128 KiB, which had each arena give its free
/// top back to the kernel and fault it in again many times a second under load (madvise and
/// page faults were a tenth of the uncached overview's CPU): 8 MiB per arena is kept instead.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: mallopt only changes allocator tuning; called first thing, before other threads
    // allocate, with values glibc documents.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 8 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}
