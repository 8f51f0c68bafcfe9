//! Command-line arguments (clap derive types only; no logic here).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Turn equipment-swap guides written in TOML into a printable PDF and a
/// single offline HTML page.
#[derive(Debug, Parser)]
#[command(name = "swapguide", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check guides and report every problem, without writing anything.
    Check(CheckArgs),
    /// Create a new guide folder to start from.
    New(NewArgs),
    /// Build guides into PDF and HTML.
    Build(BuildArgs),
    /// Build a guide, serve its pages and PDFs on this machine, and rebuild
    /// and reload the open tab whenever one of its files changes.
    Serve(ServeArgs),
    /// Work with campaign reports: merge the shards' report.csv files.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Print the customer fields a guide uses, one a line: the columns its
    /// campaign's customer CSV needs (besides `id`).
    Fields(FieldsArgs),
    /// Print the fixed words swapguide ships for a language (a Fluent
    /// file): the start of a guide's own words.<lang>.ftl.
    Words(WordsArgs),
    /// Print a reference document: the guide format, or the limits
    /// swapguide holds input to.
    Docs(DocsArgs),
    /// Print a shell completion script (for example into
    /// ~/.local/share/bash-completion/completions/swapguide).
    Completions(CompletionsArgs),
    /// Print the man page (roff), for `man -l -` or a man folder.
    Man,
}

/// `swapguide serve PATH`
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// A guide folder, or a folder holding guides.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// The address to listen on: this machine only, unless --public.
    #[arg(long, default_value = "127.0.0.1")]
    pub address: std::net::IpAddr,
    /// Allow an --address other machines can reach.
    #[arg(long)]
    pub public: bool,
    /// Paper size, overriding the guide's [print] paper.
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,
    /// Body text at 18 pt or more.
    #[arg(long)]
    pub large_print: bool,
    /// A folder of HTML templates replacing the built-in ones file by file.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// A folder of fonts every guide may also use (may be repeated).
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// A customer CSV: with --row, preview one customer's guide.
    #[arg(long, value_name = "CSV", requires = "row")]
    pub customers: Option<PathBuf>,
    /// The id of the customer to preview, a row of --customers.
    #[arg(long, value_name = "ID", requires = "customers")]
    pub row: Option<String>,
}

/// `swapguide report …`
#[derive(Debug, clap::Subcommand)]
pub enum ReportCommand {
    /// Merge the report.csv files of a campaign's shards into one, in CSV
    /// order, refusing reports that overlap; with --customers, also that
    /// every row of the file is in exactly one.
    Merge(MergeArgs),
}

/// `swapguide report merge REPORT… --out FILE`
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The shards' reports (mailers-*/report.csv).
    #[arg(required = true, value_name = "REPORT")]
    pub reports: Vec<PathBuf>,
    /// Where to write the merged report.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The campaign's customer CSV: every row must be in exactly one
    /// report, under its own id.
    #[arg(long, value_name = "CSV")]
    pub customers: Option<PathBuf>,
}

/// `swapguide docs [format|hardening]`
#[derive(Debug, clap::Args)]
pub struct DocsArgs {
    /// Which document.
    #[arg(value_enum, default_value = "format")]
    pub document: Document,
}

/// The reference documents built into the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Document {
    /// The guide format: every key, what `check` enforces, customer data,
    /// languages and outputs.
    Format,
    /// Hostile input: the limits and how each is tested.
    Hardening,
}

/// `swapguide completions SHELL`
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `swapguide words LANG`
#[derive(Debug, clap::Args)]
pub struct WordsArgs {
    /// A language tag, such as fr or zh-Hant.
    #[arg(value_name = "LANG", default_value = "en")]
    pub language: String,
}

/// `swapguide fields GUIDE`
#[derive(Debug, clap::Args)]
pub struct FieldsArgs {
    /// A guide folder.
    #[arg(value_name = "GUIDE")]
    pub path: PathBuf,
}

/// `swapguide check PATH…`
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Guide folders, guide files, or folders holding guides.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// How to print the problems: with source snippets (on standard
    /// error), as JSON Lines or one line each (on standard output).
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// Check the guide against a campaign's customer CSV, without building:
    /// every column the guide uses that the file lacks, and every row a
    /// build would fail, with its line.
    #[arg(long, value_name = "CSV")]
    pub customers: Option<PathBuf>,
    /// With --customers: rows whose language has no translation would be
    /// built in this one (as build --fallback-language).
    #[arg(long, value_name = "LANG", requires = "customers")]
    pub fallback_language: Option<String>,
    /// A folder of fonts (.ttf, .otf, .ttc) every guide may also use,
    /// after the fonts its [fonts] table lists; may be given more than
    /// once. System fonts are never used unless named here.
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
}

/// How `check` prints problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Each problem with its source snippet and advice.
    Human,
    /// One JSON object a line: severity, file, line, column, end_line,
    /// end_column, message, label, help.
    Json,
    /// `file:line:col: error: message`, one a line.
    Short,
}

/// `swapguide new [DIR/]ID`
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The new guide's id, optionally after the folder to create it in
    /// (`guides/router-swap`).
    #[arg(value_name = "[DIR/]ID")]
    pub path: PathBuf,
}

/// `swapguide build PATH --out DIR`
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// A guide folder, or a folder holding guides.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Where to write the files.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Paper size, overriding the guide's [print] paper.
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,
    /// Body text at 18 pt or more.
    #[arg(long)]
    pub large_print: bool,
    /// Output formats, comma-separated [default: pdf,html; with
    /// --customers: pdf, one file per customer for the print house].
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<Format>,
    /// A folder of HTML templates (guide.html, index.html, style.css,
    /// script.js) replacing the built-in ones file by file.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// A folder of fonts (.ttf, .otf, .ttc) every guide may also use,
    /// after the fonts its [fonts] table lists; may be given more than
    /// once. System fonts are never used unless named here.
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// A customer CSV: build one personalised guide per row (a mailer
    /// campaign) into DIR/<id>.pdf, with DIR/report.csv.
    #[arg(long, value_name = "CSV")]
    pub customers: Option<PathBuf>,
    /// With --customers: build only rows whose 0-based position modulo N
    /// is K-1, so N machines can share a campaign. `auto` (or `auto/N`)
    /// reads K (and N) from a Kubernetes Indexed Job, a Slurm array or an
    /// AWS Batch array job.
    #[arg(long, value_name = "K/N", requires = "customers")]
    pub shard: Option<swapguide::campaign::Shard>,
    /// With --customers: build a row whose language has no translation in
    /// this language instead of failing it (report.csv's fell_back_from
    /// says which rows did).
    #[arg(long, value_name = "LANG", requires = "customers")]
    pub fallback_language: Option<String>,
    /// With --customers: stop at the first row that fails.
    #[arg(long, requires = "customers")]
    pub fail_fast: bool,
    /// With --customers: keep the files of rows DIR/report.csv lists as
    /// built from the same inputs (guide, options, row, label), and build
    /// the rest; after Ctrl-C, a failed row fixed, or a guide changed.
    #[arg(long, requires = "customers")]
    pub resume: bool,
    /// With --customers: also bind every customer's PDF, in CSV order, into
    /// FILE.pdf for the print house (each guide starting on a sheet's
    /// front), with FILE.manifest.csv: id, first page, pages, sheets and
    /// SHA-256 of each. FILE may not be in DIR.
    #[arg(long, value_name = "FILE.pdf", requires = "customers")]
    pub print_file: Option<PathBuf>,
    /// With --print-file: also write FILE.proof.pdf, a sheet per customer
    /// showing the first N customers' pages small, to look over before
    /// printing.
    #[arg(long, value_name = "N", requires = "print_file")]
    pub proof: Option<u64>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The printable PDF.
    Pdf,
    /// The offline HTML page.
    Html,
}

/// Paper sizes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Paper {
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
}
