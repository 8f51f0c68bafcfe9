//! The `swapguide` command: parse arguments, run the library, print, exit.

mod cli;
mod progress;

use std::process::ExitCode;

use clap::Parser;

// mimalloc, not glibc's malloc: a third of a build's CPU time was the
// kernel's, faulting in fresh memory a 4 KB page at a time; mimalloc
// reuses what it freed and takes huge pages where the kernel offers them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cli::{BuildArgs, CheckArgs, CheckFormat, Cli, Command, Document, NewArgs, WordsArgs};

fn main() -> ExitCode {
    report_bugs_plainly();
    let command = Cli::parse().command;
    // Commands that only print: piped into `head`, they stop as `cat`
    // does. A build keeps writing its files and report whatever happens
    // to its standard output.
    if !matches!(command, Command::Build(_) | Command::New(_)) {
        quit_quietly_on_a_closed_pipe();
    }
    match command {
        Command::Check(args) => check(args),
        Command::Report(cli::ReportCommand::Merge(args)) => merge_reports(args),
        Command::New(args) => new(args),
        Command::Build(args) => build(args),
        Command::Serve(args) => serve(args),
        Command::Words(args) => words(args),
        Command::Fields(args) => match swapguide::customer_fields(&args.path) {
            Ok(fields) => {
                for field in fields {
                    println!("{field}");
                }
                ExitCode::SUCCESS
            }
            Err(report) => {
                report.sources.emit(&report.diagnostics);
                ExitCode::from(FAILED)
            }
        },
        Command::Docs(args) => {
            print!(
                "{}",
                match args.document {
                    Document::Format => include_str!("../docs/format.md"),
                    Document::Hardening => include_str!("../docs/hardening.md"),
                }
            );
            ExitCode::SUCCESS
        }
        Command::Completions(args) => {
            use clap::CommandFactory;
            let mut command = Cli::command();
            clap_complete::generate(
                args.shell,
                &mut command,
                "swapguide",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Command::Man => {
            use clap::CommandFactory;
            match clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot write the man page: {e}");
                    ExitCode::from(FAILED)
                }
            }
        }
    }
}

fn words(args: WordsArgs) -> ExitCode {
    match swapguide::shipped_words(&args.language) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(USAGE)
        }
    }
}

/// `swapguide check … | head -1`: when the reader goes away, stop as `cat`
/// does (killed by SIGPIPE, silently), instead of failing a write and
/// reporting it as a bug. Rust ignores SIGPIPE by default.
fn quit_quietly_on_a_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any other thread exists;
    // restoring the default action of a signal has no other effect.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// A panic is a bug in swapguide, never the user's mistake: say so, and
/// what to send, instead of Rust's thread-and-backtrace notice. (In a
/// campaign the row is also reported failed and the batch goes on.)
fn report_bugs_plainly() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: swapguide failed unexpectedly ({what}{at})\n  = help: this is a bug in swapguide, not in your files; please report it with the guide or CSV row you were building"
        );
    }));
}

/// Exit status 1: some guide or row failed.
const FAILED: u8 = 1;
/// Exit status 2: the command could not run as asked.
const USAGE: u8 = 2;

fn check(args: CheckArgs) -> ExitCode {
    if let Some(customers) = args.customers.clone() {
        return check_customers(&args, customers);
    }
    let report = swapguide::check(&args.paths, &args.font_path);
    let (errors, warnings) = (report.errors(), report.warnings());
    let status = ExitCode::from(if errors > 0 { FAILED } else { 0 });
    match args.format {
        CheckFormat::Json => {
            print!("{}", report.sources.render_json(&report.diagnostics));
            return status;
        }
        CheckFormat::Short => {
            print!("{}", report.sources.render_short(&report.diagnostics));
            return status;
        }
        CheckFormat::Human => report.sources.emit(&report.diagnostics),
    }
    for g in &report.guides {
        let status = if g.errors > 0 { "✗" } else { "✓" };
        println!(
            "{status} {}: {} ({} step{}){}",
            g.dir.display(),
            g.languages.join(", "),
            g.steps,
            plural(g.steps),
            counts(g.errors, g.warnings),
        );
    }
    let guides = report.guides.len();
    println!(
        "checked {guides} guide{}: {errors} error{}, {warnings} warning{}",
        plural(guides),
        plural(errors),
        plural(warnings)
    );
    status
}

/// `check GUIDE --customers CSV`: the guide, then every row, as a
/// campaign would build them, writing nothing.
fn check_customers(args: &CheckArgs, customers: std::path::PathBuf) -> ExitCode {
    use swapguide::build::{BuildOptions, Format};
    let [path] = args.paths.as_slice() else {
        eprintln!(
            "error: check --customers checks one guide against its customers: name one guide folder"
        );
        return ExitCode::from(USAGE);
    };
    let options = BuildOptions {
        out: std::path::PathBuf::new(),
        formats: vec![Format::Pdf],
        overrides: Default::default(),
        date: None,
        templates: None,
        font_path: args.font_path.clone(),
    };
    let campaign = swapguide::campaign::CampaignOptions {
        customers: customers.clone(),
        shard: swapguide::campaign::Shard::ALL,
        fail_fast: false,
        resume: false,
        print_file: None,
        proof: None,
        only: None,
        fallback_language: args.fallback_language.clone(),
        check_only: true,
    };
    let never = std::sync::atomic::AtomicBool::new(false);
    let summary = swapguide::campaign::run(path, &options, &campaign, &never, &mut |_| {});
    let csv = customers.display().to_string();
    match args.format {
        CheckFormat::Json => {
            print!("{}", summary.sources.render_json(&summary.diagnostics));
            let rows = summary.row_errors.iter().map(|(l, why)| (Some(*l), why));
            for (line, message) in rows.chain(summary.error.iter().map(|e| (None, e))) {
                println!(
                    "{}",
                    serde_json::json!({"severity": "error", "file": csv, "line": line, "message": message})
                );
            }
        }
        CheckFormat::Short => {
            print!("{}", summary.sources.render_short(&summary.diagnostics));
            for (line, why) in &summary.row_errors {
                println!("{csv}:{line}: error: {why}");
            }
            if let Some(e) = &summary.error {
                println!("{csv}: error: {e}");
            }
        }
        CheckFormat::Human => {
            summary.sources.emit(&summary.diagnostics);
            for (line, why) in &summary.row_errors {
                eprintln!("error: {csv}:{line}: {why}");
            }
            if let Some(e) = &summary.error {
                eprintln!("error: {e}");
            } else {
                let checked = summary.built + summary.rows_failed;
                let more = (summary.rows_failed as usize).saturating_sub(summary.row_errors.len());
                println!(
                    "checked {checked} customer{}: {} would fail{}",
                    plural(checked as usize),
                    summary.rows_failed,
                    if more > 0 {
                        format!(" (the first {} listed)", summary.row_errors.len())
                    } else {
                        String::new()
                    }
                );
            }
        }
    }
    if summary.usage {
        return ExitCode::from(USAGE);
    }
    ExitCode::from(if summary.failed() { FAILED } else { 0 })
}

fn merge_reports(args: cli::MergeArgs) -> ExitCode {
    match swapguide::campaign::merge::merge(&args.reports, args.customers.as_deref(), &args.out) {
        Ok(merged) => {
            println!(
                "merged {} report{}: {} row{}, {} not ok: wrote {}",
                args.reports.len(),
                plural(args.reports.len()),
                merged.rows,
                plural(merged.rows as usize),
                merged.not_ok,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("error: {p}");
            }
            eprintln!("error: not merged: fix the reports above (nothing was written)");
            ExitCode::from(FAILED)
        }
    }
}

fn counts(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, 0) => String::new(),
        (e, w) => format!(": {e} error{}, {w} warning{}", plural(e), plural(w)),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn new(args: NewArgs) -> ExitCode {
    match swapguide::scaffold::create(&args.path) {
        Ok(created) => {
            println!("created {}", created.display());
            println!(
                "next: edit {}, then run `swapguide check {}`",
                created.join("guide.toml").display(),
                created.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(USAGE)
        }
    }
}

fn serve(args: cli::ServeArgs) -> ExitCode {
    use std::io::Write;
    use swapguide::resolve::{Overrides, Paper};
    let options = swapguide::serve::ServeOptions {
        path: args.path,
        address: args.address,
        port: args.port,
        public: args.public,
        build: swapguide::build::BuildOptions {
            out: std::path::PathBuf::new(),
            formats: Vec::new(),
            overrides: Overrides {
                paper: args.paper.map(|p| match p {
                    cli::Paper::Letter => Paper::Letter,
                    cli::Paper::A4 => Paper::A4,
                }),
                large_print: args.large_print,
            },
            date: None,
            templates: args.templates,
            font_path: args.font_path,
        },
        customer: args.customers.zip(args.row),
    };
    let served = swapguide::serve::serve(&options, |address| {
        println!("serving http://{address}/ (Ctrl-C to stop)");
        let _ = std::io::stdout().flush();
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(USAGE)
        }
    }
}

fn build(args: BuildArgs) -> ExitCode {
    use swapguide::build::{BuildOptions, Format};
    use swapguide::resolve::{Overrides, Paper};
    let date = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => match v.trim().parse::<i64>() {
            Ok(d) => Some(d),
            Err(_) => {
                eprintln!("error: SOURCE_DATE_EPOCH must be a number of seconds, not `{v}`");
                return ExitCode::from(USAGE);
            }
        },
        Err(_) => None,
    };
    let options = BuildOptions {
        out: args.out,
        formats: if args.format.is_empty() {
            // A campaign is for printing; a guide build is for both.
            match args.customers {
                Some(_) => vec![Format::Pdf],
                None => vec![Format::Pdf, Format::Html],
            }
        } else {
            args.format
                .iter()
                .map(|f| match f {
                    cli::Format::Pdf => Format::Pdf,
                    cli::Format::Html => Format::Html,
                })
                .collect()
        },
        overrides: Overrides {
            paper: args.paper.map(|p| match p {
                cli::Paper::Letter => Paper::Letter,
                cli::Paper::A4 => Paper::A4,
            }),
            large_print: args.large_print,
        },
        date,
        templates: args.templates,
        font_path: args.font_path,
    };
    if let Some(customers) = args.customers {
        let campaign = swapguide::campaign::CampaignOptions {
            customers,
            shard: args.shard.unwrap_or(swapguide::campaign::Shard::ALL),
            fail_fast: args.fail_fast,
            resume: args.resume,
            print_file: args.print_file,
            proof: args.proof,
            only: None,
            fallback_language: args.fallback_language,
            check_only: false,
        };
        return run_campaign(&args.path, &options, &campaign);
    }
    let report = swapguide::build::build(&args.path, &options);
    report.sources.emit(&report.diagnostics);
    for path in &report.written {
        println!("wrote {}", path.display());
    }
    for failure in &report.failures {
        eprintln!("error: {failure}");
    }
    ExitCode::from(if report.failed() { FAILED } else { 0 })
}

/// Exit status after Ctrl-C, SIGTERM or SIGHUP: one status, as shells
/// report a SIGINT, for "stopped early, report written".
const INTERRUPTED: u8 = 130;

fn run_campaign(
    path: &std::path::Path,
    options: &swapguide::build::BuildOptions,
    campaign: &swapguide::campaign::CampaignOptions,
) -> ExitCode {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    // Ctrl-C, SIGTERM (what batch schedulers and `timeout` send) and
    // SIGHUP stop new rows from starting; rows under way finish and the
    // report is written, so no file is left half-written.
    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = interrupted.clone();
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed));

    let mut shown = progress::Shown::new();
    let summary = swapguide::campaign::run(path, options, campaign, &interrupted, &mut |event| {
        shown.show(event)
    });
    summary.sources.emit(&summary.diagnostics);
    if let Some(e) = &summary.error {
        eprintln!("error: {e}");
    }
    if let Some(report) = &summary.report {
        let mut failed = if summary.rows_failed > 0 {
            format!(", {} failed", summary.rows_failed)
        } else {
            String::new()
        };
        if summary.rows_skipped > 0 {
            failed.push_str(&format!(", {} skipped", summary.rows_skipped));
        }
        if summary.kept > 0 {
            failed = format!(
                " ({} unchanged since the last run, kept){failed}",
                summary.kept
            );
        }
        println!(
            "built {} customer{}{failed}: see {}",
            summary.built,
            plural(summary.built as usize),
            report.display()
        );
    }
    if let Some((files, bound)) = &summary.print {
        println!(
            "bound {} guide{} into {} ({} pages, {} sheets), manifest {}",
            bound.guides,
            plural(bound.guides as usize),
            files.pdf.display(),
            bound.pages,
            bound.pages / 2,
            files.manifest.display()
        );
        if let Some((proof, n)) = &files.proof {
            println!(
                "proof sheets of the first {} in {}",
                bound.guides.min(*n),
                proof.display()
            );
        }
    } else if let Some(file) = &campaign.print_file
        && summary.report.is_some()
    {
        eprintln!(
            "{} not written: the campaign stopped before every customer was tried",
            file.display()
        );
    }
    if interrupted.load(Ordering::Relaxed) {
        eprintln!(
            "stopped by Ctrl-C or a termination signal: the report lists every customer, those not built as skipped"
        );
        return ExitCode::from(INTERRUPTED);
    }
    if summary.stopped_early {
        eprintln!("stopped at the first failed customer (--fail-fast)");
    }
    if summary.usage {
        return ExitCode::from(USAGE);
    }
    ExitCode::from(if summary.failed() { FAILED } else { 0 })
}
