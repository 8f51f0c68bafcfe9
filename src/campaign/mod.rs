//! Mailer campaigns: one personalised guide per row of a customer CSV.
//!
//! The guide is loaded, checked and prepared once; rows then stream from
//! the CSV in small batches, each batch built in parallel, so memory stays
//! flat however long the campaign. A row that cannot be built fails alone
//! and is listed with its reason in `report.csv`.

pub mod merge;
pub mod print;
pub mod report;
pub mod resume;
pub mod rows;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::build::{BuildOptions, Format};
use crate::context::Context;
use crate::customer::Customer;
use crate::diag::{Diagnostic, Sources};
use crate::load::{self, LoadedFile};
use crate::model::GuideFile;
use crate::paths::Folder;
use crate::render::{Job, Renderers};
use crate::resolve;
use crate::write::{Inputs, OutFolder, Staged};
use crate::{html, pdf, validate};

use report::{Outcome, Report};
use rows::{Row, Rows};

/// `--shard K/N`: this machine builds the data rows whose 0-based position
/// modulo N is K-1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// K, from 1.
    pub index: u64,
    /// N.
    pub count: u64,
}

impl Shard {
    /// The whole campaign.
    pub const ALL: Shard = Shard { index: 1, count: 1 };

    /// True if this shard builds the row at `position`.
    pub fn takes(self, position: u64) -> bool {
        position % self.count == self.index - 1
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        Shard::parse(s, |name| std::env::var(name).ok())
    }
}

impl Shard {
    /// `K/N`, or `auto` / `auto/N`: K (and N, where the engine says it)
    /// from a job array's environment, read through `env`:
    ///
    /// - a Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` (from 0); N is
    ///   the Job's `completions`, given as `auto/N`;
    /// - a Slurm array: `SLURM_ARRAY_TASK_ID` counted from
    ///   `SLURM_ARRAY_TASK_MIN`, N from `SLURM_ARRAY_TASK_COUNT`;
    /// - an AWS Batch array job: `AWS_BATCH_JOB_ARRAY_INDEX` (from 0); N is
    ///   the array size, given as `auto/N`.
    pub fn parse(s: &str, env: impl Fn(&str) -> Option<String>) -> Result<Shard, String> {
        let bad = || {
            format!(
                "`{s}` is not a shard; write K/N with 1 ≤ K ≤ N, such as 2/8, or auto (auto/N) in a job array"
            )
        };
        let (k, n) = s.split_once('/').unwrap_or((s, ""));
        if k.trim() == "auto" {
            let given: Option<u64> = match n.trim() {
                "" => None,
                n => Some(n.parse().map_err(|_| bad())?),
            };
            let number =
                |name: &str| -> Result<Option<u64>, String> {
                    match env(name) {
                        None => Ok(None),
                        Some(v) => v.trim().parse().map(Some).map_err(|_| {
                            format!("--shard auto: {name} is `{v}`, not a whole number")
                        }),
                    }
                };
            let (from_zero, count, engine) = if let Some(i) = number("JOB_COMPLETION_INDEX")? {
                (i, given, "a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)")
            } else if let Some(i) = number("SLURM_ARRAY_TASK_ID")? {
                let min = number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
                let i = i.checked_sub(min).ok_or_else(|| {
                    format!(
                        "--shard auto: SLURM_ARRAY_TASK_ID {i} is below SLURM_ARRAY_TASK_MIN {min}"
                    )
                })?;
                (
                    i,
                    given.or(number("SLURM_ARRAY_TASK_COUNT")?),
                    "a Slurm array (SLURM_ARRAY_TASK_ID)",
                )
            } else if let Some(i) = number("AWS_BATCH_JOB_ARRAY_INDEX")? {
                (
                    i,
                    given,
                    "an AWS Batch array job (AWS_BATCH_JOB_ARRAY_INDEX)",
                )
            } else {
                return Err("--shard auto: no job array index in the environment (JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX); outside a job array, write --shard K/N".into());
            };
            let Some(count) = count else {
                return Err(format!(
                    "--shard auto: {engine} does not say how many shards there are: write --shard auto/N with N the number of jobs"
                ));
            };
            let index = from_zero + 1;
            if count == 0 || index > count {
                return Err(format!(
                    "--shard auto: {engine} gives shard {index} of {count}; the index must be below the number of jobs"
                ));
            }
            return Ok(Shard { index, count });
        }
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = k.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

/// What a campaign is asked to do, beyond a build's options.
#[derive(Debug, Clone)]
pub struct CampaignOptions {
    /// The customer CSV.
    pub customers: PathBuf,
    /// The part of the campaign to build.
    pub shard: Shard,
    /// Stop at the first failed row.
    pub fail_fast: bool,
    /// `--fallback-language`: build a row whose language has no
    /// translation in this one instead of failing it.
    pub fallback_language: Option<String>,
    /// `check --customers`: check every row as a build would, and write
    /// nothing (no output folder, no report, no files).
    pub check_only: bool,
    /// `--resume`: keep the files of rows `--out`'s report lists as built
    /// from the same inputs, and build the rest.
    pub resume: bool,
    /// `--print-file`: bind the built PDFs into this file, with a manifest.
    pub print_file: Option<PathBuf>,
    /// `--proof N`: proof sheets of the print file's first N customers.
    pub proof: Option<u64>,
    /// Build only the row with this id (`serve --row`): the others are
    /// left out of the report.
    pub only: Option<String>,
}

/// What a campaign tells its caller as it goes (the command line draws a
/// bar from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// The rows this shard will build, once counted.
    Started {
        /// How many; unknown when the customers come through a pipe, which
        /// is read only once.
        rows: Option<u64>,
    },
    /// Rows finished since the last event.
    Built {
        /// How many finished.
        rows: u64,
        /// How many of them failed.
        failed: u64,
    },
    /// Every row is done (or the campaign stopped).
    Finished,
}

/// What a campaign did.
#[derive(Default)]
pub struct CampaignSummary {
    /// Problems with the guide (errors stop the campaign before any row).
    pub diagnostics: Vec<Diagnostic>,
    /// Sources the diagnostics point into.
    pub sources: Sources,
    /// Why the campaign could not run at all.
    pub error: Option<String>,
    /// The command was used wrongly (exit status 2).
    pub usage: bool,
    /// Rows built (kept ones included).
    pub built: u64,
    /// Of them, kept from an earlier run by `--resume`.
    pub kept: u64,
    /// Rows that failed.
    pub rows_failed: u64,
    /// Rows not built because the campaign stopped first.
    pub rows_skipped: u64,
    /// Stopped by Ctrl-C (or `--fail-fast`) before every row was built.
    pub stopped_early: bool,
    /// Where the report is.
    pub report: Option<PathBuf>,
    /// With `--print-file`: the files written and what they hold.
    pub print: Option<(print::PrintFiles, print::PrintSummary)>,
    /// With `check_only`: each failing row's line in the CSV and why it
    /// would fail, the first [`MAX_ROW_ERRORS`] of them.
    pub row_errors: Vec<(u64, String)>,
}

/// The failing rows `check --customers` lists; past these it counts them.
pub const MAX_ROW_ERRORS: usize = 1000;

impl CampaignSummary {
    /// True if anything failed: the campaign, its guide or a row.
    pub fn failed(&self) -> bool {
        self.error.is_some()
            || self.rows_failed > 0
            || self.diagnostics.iter().any(Diagnostic::is_error)
    }

    fn fail(mut self, error: String) -> CampaignSummary {
        self.error = Some(error);
        self
    }
}

/// Rows built together: enough to keep every core busy, few enough that
/// memory does not depend on the campaign's size.
const BATCH: usize = 256;

/// Builds one personalised guide per customer row of `campaign.customers`.
/// `interrupted` is set by Ctrl-C: rows under way finish, no new row
/// starts, and the report lists what was built. `progress` hears how far
/// it has got.
pub fn run(
    path: &Path,
    options: &BuildOptions,
    campaign: &CampaignOptions,
    interrupted: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> CampaignSummary {
    let mut summary = CampaignSummary::default();
    let dir = match load::find_guides(path) {
        Ok(dirs) if dirs.len() == 1 => dirs.into_iter().next().unwrap_or_default(),
        Ok(dirs) => {
            summary.usage = true;
            return summary.fail(format!(
                "{} holds {} guides; --customers builds one guide: name its folder",
                path.display(),
                dirs.len()
            ));
        }
        Err(d) => {
            summary.diagnostics.push(d);
            return summary;
        }
    };

    // The guide, once: loaded, checked, and its templates parsed. One
    // context for the whole campaign, dropped when it ends.
    let ctx = Context::with_font_path(options.font_path.clone());
    let mut diags = Vec::new();
    let src = load::load_guide(&dir, &mut summary.sources, &mut diags);
    validate::validate(&src, &summary.sources, &ctx, &mut diags);
    if !options.formats.contains(&Format::Pdf) {
        crate::diag::without_pdf(&mut diags);
    }
    let has_errors = diags.iter().any(Diagnostic::is_error);
    summary.diagnostics = diags;
    if has_errors {
        return summary.fail(format!(
            "{}: not built, fix the errors above",
            dir.display()
        ));
    }
    let files: Vec<(String, &LoadedFile, &GuideFile)> = src
        .files()
        .filter_map(|f| Some((f.language(), f, f.guide.as_ref()?)))
        .collect();
    let id = files
        .first()
        .and_then(|(_, _, g)| g.guide.id.as_ref())
        .map_or_else(|| src.folder_name(), |i| i.get_ref().clone());

    let mut rows = match Rows::open(&campaign.customers) {
        Ok(r) => r,
        Err(e) => {
            summary.usage = !campaign.customers.is_file();
            return summary.fail(e);
        }
    };
    // Every column the guide names must exist, or every row would print
    // blanks where the customer's details belong.
    let used = src.customer_fields();
    let columns: Vec<String> = used.iter().map(|(c, _, _)| c.clone()).collect();
    let missing: Vec<_> = used
        .into_iter()
        .filter(|(c, _, _)| !rows.headers.iter().any(|h| h == c))
        .collect();
    if !missing.is_empty() {
        let header: Vec<&str> = rows.headers.iter().map(String::as_str).collect();
        for (column, file, span) in &missing {
            summary.diagnostics.push(
                Diagnostic::error(
                    *file,
                    span.clone(),
                    format!(
                        "{} has no `{column}` column, which this text uses",
                        campaign.customers.display()
                    ),
                )
                .with_label(format!("needs customer.{column}"))
                .with_help(match crate::load::nearest(column, &header) {
                    // `{{ customer.nmae }}` beside a `name` column.
                    Some(near) => format!(
                        "the file has a `{near}` column: did you mean `{{{{ customer.{near} }}}}`? (or rename the column to `{column}`)"
                    ),
                    None => format!(
                        "add a `{column}` column to {} (it may be empty for some rows)",
                        campaign.customers.display()
                    ),
                }),
            );
        }
        return summary
            .fail("the customer file lacks columns the guide uses: no row can be built".into());
    }

    let csv_folder = campaign
        .customers
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut inputs = Inputs::guides(std::slice::from_ref(&dir));
    inputs.add_folder(csv_folder, "the customer file (and its labels)");
    if let Some(templates) = &options.templates {
        inputs.add_folder(templates, "the HTML templates");
    }
    for fonts in &options.font_path {
        inputs.add_folder(fonts, "the fonts of --font-path");
    }
    // A check writes nothing: no output folder is made or looked at.
    let out = if campaign.check_only {
        None
    } else {
        match OutFolder::prepare(&options.out, &inputs) {
            Ok(out) => Some(out),
            Err(e) => return summary.fail(e),
        }
    };
    let print_files = campaign
        .print_file
        .as_deref()
        .filter(|_| !campaign.check_only)
        .map(|pdf| print::PrintFiles::new(pdf, campaign.proof));
    if let Some(files) = &print_files
        && let Err(e) = files.check(&options.out, &inputs)
    {
        summary.usage = true;
        return summary.fail(e);
    }
    // Written by the thread that puts each batch's files in place, one
    // batch after another: in CSV order.
    let print_writer = match &print_files {
        Some(files) => match files.create() {
            Ok(writer) => Some(writer),
            Err(e) => return summary.fail(e),
        },
        None => None,
    };
    let printing = Arc::new(std::sync::Mutex::new(Printing {
        writer: print_writer,
        error: None,
    }));
    let templates = if options.formats.contains(&Format::Html) && !campaign.check_only {
        match html::Templates::load(options.templates.as_deref()) {
            Ok(t) => Some(t),
            Err(e) => return summary.fail(e),
        }
    } else {
        None
    };
    let Some(guide_folder) = src.folder.as_ref() else {
        return summary.fail(format!("{}: cannot open the folder", dir.display()));
    };
    // Label files named by a row are read from the customer CSV's folder,
    // and only through this handle.
    let folder = match Folder::open(csv_folder) {
        Ok(f) => f,
        Err(e) => return summary.fail(e),
    };
    // What every row's files are made from, and with --resume the rows
    // an earlier run built: both read before this run's report is begun.
    let (campaign_input, earlier) = if campaign.check_only {
        (None, None)
    } else {
        let input =
            match resume::campaign_input(&dir, options, campaign.fallback_language.as_deref()) {
                Ok(input) => input,
                Err(e) => return summary.fail(e),
            };
        let earlier = if campaign.resume {
            match resume::Earlier::read(&options.out) {
                Ok(earlier) => Some(earlier),
                Err(e) => return summary.fail(e),
            }
        } else {
            None
        };
        (Some(input), earlier)
    };
    let mut report = if campaign.check_only {
        None
    } else {
        match Report::create(&options.out) {
            Ok(r) => Some(r),
            Err(e) => return summary.fail(e),
        }
    };
    let fallback = match &campaign.fallback_language {
        None => None,
        Some(tag) => match file_for(&files, tag) {
            Some(index) => Some(index),
            None => {
                summary.usage = true;
                let have: Vec<&str> = files.iter().map(|(l, _, _)| l.as_str()).collect();
                return summary.fail(format!(
                    "--fallback-language {tag}: this guide has no `{tag}` translation; it has {}",
                    have.join(", ")
                ));
            }
        },
    };
    let words = match files
        .iter()
        .map(|(language, _, _)| crate::words::words_for(language, &src.words).map(Arc::new))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(words) => words,
        Err(e) => return summary.fail(e),
    };
    let headers = rows.headers.clone();
    let renderers = Renderers::new(templates, options.date);
    let campaign_guide = CampaignGuide {
        id: &id,
        guide_folder,
        files: &files,
        words,
        fallback,
        columns: &columns,
        headers: &headers,
        folder: &folder,
        out: out.as_ref(),
        check_only: campaign.check_only,
        campaign_input,
        earlier,
        options,
        ctx: &ctx,
        renderers: &renderers,
        start_refs: files.iter().map(|_| std::sync::OnceLock::new()).collect(),
    };

    let shard_total = rows::count(&campaign.customers)
        .map(|total| (0..total).filter(|p| campaign.shard.takes(*p)).count() as u64);
    progress(Progress::Started { rows: shard_total });
    let mut seen = SeenIds::default();
    let mut batch: Vec<Row> = Vec::with_capacity(BATCH);
    let mut duplicates: Vec<Option<String>> = Vec::with_capacity(BATCH);
    let mut read_error = None;
    let mut committing: Option<std::thread::JoinHandle<Vec<Outcome>>> = None;
    // Once set, every later row of the shard is reported skipped, with this
    // reason: the report lists every row, built or not.
    let mut stopped: Option<String> = None;
    let cleanup = Arc::new(Cleanup {
        out: options.out.clone(),
        formats: options.formats.clone(),
    });
    loop {
        batch.clear();
        duplicates.clear();
        while batch.len() < BATCH {
            match rows.next_row() {
                None => break,
                Some(Ok(row)) => {
                    // Every row's id is claimed, in this shard or not, in
                    // file order: the first of two rows with one id is the
                    // one built, however the rows are sharded or threaded.
                    let duplicate = row_id(&headers, &row).and_then(|id| {
                        // Case-insensitively: `A100.pdf` and `a100.pdf` are
                        // one file on macOS and Windows.
                        seen.claim(&id.to_ascii_lowercase(), row.line).map(|first| {
                            format!(
                                "line {}: the id `{id}` is already used on line {first}; give every customer its own id",
                                row.line
                            )
                        })
                    });
                    let wanted = campaign.only.as_ref().is_none_or(|only| {
                        row_id(&headers, &row).is_some_and(|id| id.eq_ignore_ascii_case(only))
                    });
                    if wanted && campaign.shard.takes(row.position) {
                        batch.push(row);
                        duplicates.push(duplicate);
                    }
                }
                Some(Err(e)) => {
                    read_error = Some(e);
                    break;
                }
            }
        }
        if batch.is_empty() {
            break;
        }
        let mut built: Vec<Built> = batch
            .par_iter()
            .zip(duplicates.par_iter())
            .map(|(row, duplicate)| {
                let owns = duplicate.is_none();
                if let Some(reason) = &stopped {
                    return Built::skipped(&headers, row, reason.clone(), owns);
                }
                if interrupted.load(Ordering::Relaxed) {
                    return Built::skipped(&headers, row, interrupted_reason(), owns);
                }
                match duplicate {
                    Some(error) => Built::failed(
                        row_id(&headers, row).unwrap_or_default(),
                        row.line,
                        error.clone(),
                    ),
                    None => campaign_guide.build_row(row),
                }
            })
            .collect();
        if stopped.is_none() {
            // --fail-fast stops at the first failed row in file order, the
            // same on every run: the rows after it in this batch were built
            // alongside it, and are dropped (their staged files with them).
            if campaign.fail_fast
                && let Some(first) = built
                    .iter()
                    .position(|b| b.outcome.error.is_some() && !b.outcome.skipped)
            {
                let reason = format!(
                    "not built: --fail-fast stopped the campaign at line {}",
                    batch[first].line
                );
                for (b, row) in built.iter_mut().zip(&batch).skip(first + 1) {
                    let owns = b.owns;
                    *b = Built::skipped(&headers, row, reason.clone(), owns);
                }
                stopped = Some(reason);
                summary.stopped_early = true;
            } else if interrupted.load(Ordering::Relaxed) {
                // The rows built are a prefix of the file, so the report
                // reads "built up to here, skipped from here": the rows
                // that finished after the first one skipped are dropped.
                if let Some(first) = built.iter().position(|b| b.outcome.skipped) {
                    for (b, row) in built.iter_mut().zip(&batch).skip(first + 1) {
                        let owns = b.owns;
                        *b = Built::skipped(&headers, row, interrupted_reason(), owns);
                    }
                }
                stopped = Some(interrupted_reason());
                summary.stopped_early = true;
            }
        }
        if let Some(previous) = committing.take()
            && let Err(e) = report_batch(previous, &mut report, &mut summary, progress)
        {
            return summary.fail(e);
        }
        // A row that failed while its files were put in place (a full disk,
        // say) stops a --fail-fast campaign too.
        if campaign.fail_fast && summary.rows_failed > 0 && stopped.is_none() {
            stopped = Some("not built: --fail-fast stopped the campaign after a row failed".into());
            summary.stopped_early = true;
        }
        // Flushing files to disk waits on the disk, not on a core: a batch's
        // files are put in place on their own thread while the next batch
        // builds, and reported once they are.
        let cleanup = Arc::clone(&cleanup);
        let printing = Arc::clone(&printing);
        let check_only = campaign.check_only;
        committing = Some(std::thread::spawn(move || {
            if check_only {
                built.into_iter().map(|b| b.outcome).collect()
            } else {
                let outcomes = commit_batch(built, &cleanup);
                if let Ok(mut printing) = printing.lock() {
                    printing.add(&cleanup.out, &outcomes);
                }
                outcomes
            }
        }));
        if read_error.is_some() {
            break;
        }
    }
    if let Some(last) = committing.take()
        && let Err(e) = report_batch(last, &mut report, &mut summary, progress)
    {
        return summary.fail(e);
    }
    if let Some(e) = read_error {
        summary.error = Some(format!("{}: {e}", campaign.customers.display()));
    }
    progress(Progress::Finished);
    if let Some(report) = report {
        match report.finish() {
            Ok(path) => summary.report = Some(path),
            Err(e) => summary.error = Some(e),
        }
    }
    if let Some(files) = print_files {
        // Only a campaign tried to its end is bound: a print file missing
        // the rows after an interruption would be printed as if whole.
        let whole = !summary.stopped_early && summary.error.is_none() && summary.report.is_some();
        let printing = Arc::try_unwrap(printing)
            .ok()
            .and_then(|m| m.into_inner().ok());
        let result = match printing {
            Some(Printing { error: Some(e), .. }) => Err(e),
            Some(Printing {
                writer: Some(writer),
                ..
            }) if whole => writer.finish().map(Some),
            _ => files.remove_stale().map(|()| None),
        };
        match result {
            Ok(Some(bound)) => summary.print = Some(bound),
            Ok(None) => {}
            Err(e) => {
                summary.error = Some(match files.remove_stale() {
                    Ok(()) => e,
                    Err(stale) => format!("{e}; {stale}"),
                });
            }
        }
    }
    summary
}

/// The print file, bound batch by batch, or why it could not be.
struct Printing {
    writer: Option<print::PrintWriter>,
    error: Option<String>,
}

impl Printing {
    /// Binds a batch's built rows; after a failure, binds no more.
    fn add(&mut self, out: &Path, outcomes: &[Outcome]) {
        let Some(writer) = &mut self.writer else {
            return;
        };
        for outcome in outcomes {
            if let Err(e) = writer.add(out, outcome) {
                self.error = Some(format!("the print file is not written: {e}"));
                self.writer = None;
                return;
            }
        }
    }
}

/// A row built: its outcome, and its files staged but not yet in place.
struct Built {
    outcome: Outcome,
    staged: Vec<Staged>,
    /// The row's id is its own (the first row with it): files of that name
    /// in `--out` are this row's to replace or remove.
    owns: bool,
}

impl Built {
    fn failed(id: String, line: u64, error: String) -> Built {
        Built {
            outcome: Outcome {
                id,
                line,
                files: Vec::new(),
                error: Some(error),
                skipped: false,
                fell_back_from: None,
                input: String::new(),
                kept: false,
            },
            staged: Vec::new(),
            owns: false,
        }
    }

    /// A row not built because the campaign stopped before it.
    fn skipped(headers: &[String], row: &Row, reason: String, owns: bool) -> Built {
        Built {
            outcome: Outcome {
                id: row_id(headers, row).unwrap_or_default(),
                line: row.line,
                files: Vec::new(),
                error: Some(reason),
                skipped: true,
                fell_back_from: None,
                input: String::new(),
                kept: false,
            },
            staged: Vec::new(),
            owns,
        }
    }
}

/// Why rows were skipped after Ctrl-C or a termination signal.
fn interrupted_reason() -> String {
    "not built: the campaign was interrupted (Ctrl-C or a termination signal)".to_string()
}

/// What a batch's rows may leave in `--out`.
struct Cleanup {
    out: PathBuf,
    formats: Vec<Format>,
}

impl Cleanup {
    /// Removes a row's earlier files that this run did not write: every
    /// output name of a row that failed or was skipped, and the other
    /// format's of a row built (a print house taking `*.pdf` must never
    /// find an out-of-date guide). Only swapguide's own names for the id
    /// are touched, and only for an id that is a valid file name.
    fn stale(&self, outcome: &Outcome) -> Result<(), String> {
        if rows::check_id(outcome.id.trim()).is_err() {
            return Ok(());
        }
        for format in [Format::Pdf, Format::Html] {
            let written = outcome.error.is_none() && self.formats.contains(&format);
            if written {
                continue;
            }
            let path = self
                .out
                .join(format!("{}.{}", outcome.id.trim(), format.extension()));
            // Only a file swapguide wrote: a carrier label named like a
            // customer's output (a row whose label is in --out fails for
            // that) is an input, never removed.
            if !written_by_swapguide(&path, format) {
                continue;
            }
            crate::write::remove_if_present(&path).map_err(|e| {
                format!(
                    "its earlier file {} is not current and could not be removed: {e}",
                    path.display()
                )
            })?;
        }
        Ok(())
    }
}

/// Does `path` hold a file swapguide wrote in `format`? A PDF names
/// swapguide as its creator; a page carries swapguide's storage key (a page
/// from custom templates that drop it is left alone).
fn written_by_swapguide(path: &Path, format: Format) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let marks: &[&[u8]] = match format {
        // "swapguide" as the PDF's /Creator: a literal string, or as
        // earlier versions wrote it (no space, UTF-16 hex).
        Format::Pdf => &[
            b"/Creator (swapguide)",
            b"/Creator(swapguide)",
            b"/Creator<FEFF007300770061007000670075006900640065>",
        ],
        Format::Html => &[b"data-storage-key=\"swapguide:"],
    };
    let holds = |bytes: &[u8]| {
        marks
            .iter()
            .any(|mark| bytes.windows(mark.len()).any(|w| w == *mark))
    };
    // The mark is near the end of a PDF (its document information) and
    // near the start of a page: look there first, the whole file only if
    // it is small. A campaign stopped early checks every later row's file.
    const NEAR: u64 = 128 << 10;
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut near = Vec::new();
    let from = match format {
        Format::Pdf => meta.len().saturating_sub(NEAR),
        Format::Html => 0,
    };
    use std::io::{Read, Seek};
    if file.seek(std::io::SeekFrom::Start(from)).is_err()
        || (&mut file).take(NEAR).read_to_end(&mut near).is_err()
    {
        return false;
    }
    if holds(&near) {
        return true;
    }
    meta.len() > NEAR && meta.len() <= 4 * NEAR * 8 && std::fs::read(path).is_ok_and(|b| holds(&b))
}

/// Puts a batch's staged files in place, and takes out its rows' earlier
/// files that are no longer current; a row whose file cannot be written
/// fails with the reason.
fn commit_batch(built: Vec<Built>, cleanup: &Cleanup) -> Vec<Outcome> {
    built
        .into_iter()
        .map(|b| {
            let mut outcome = b.outcome;
            for staged in b.staged {
                if let Err(e) = staged.commit() {
                    outcome.files.clear();
                    outcome.error = Some(format!("line {}: {e}", outcome.line));
                    break;
                }
            }
            if b.owns
                && let Err(e) = cleanup.stale(&outcome)
            {
                let why = outcome
                    .error
                    .take()
                    .map_or(String::new(), |e| format!("{e}; "));
                outcome.files.clear();
                outcome.error = Some(format!("{why}line {}: {e}", outcome.line));
            }
            outcome
        })
        .collect()
}

/// Waits for a batch's files to be in place, then reports its rows.
fn report_batch(
    committing: std::thread::JoinHandle<Vec<Outcome>>,
    report: &mut Option<Report>,
    summary: &mut CampaignSummary,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), String> {
    let outcomes = committing
        .join()
        .map_err(|_| "writing the files failed unexpectedly; this is a bug".to_string())?;
    let (mut done, mut failed, mut skipped) = (0, 0, 0);
    summary.kept += outcomes.iter().filter(|o| o.kept).count() as u64;
    for outcome in &outcomes {
        match report {
            Some(report) => report.add(outcome)?,
            None => {
                if let Some(error) = &outcome.error
                    && !outcome.skipped
                    && summary.row_errors.len() < MAX_ROW_ERRORS
                {
                    // The report's reason starts with its line; here the
                    // line is a place of its own.
                    let prefix = format!("line {}: ", outcome.line);
                    let why = error.strip_prefix(&prefix).unwrap_or(error);
                    summary.row_errors.push((outcome.line, why.to_string()));
                }
            }
        }
        done += 1;
        match (outcome.skipped, &outcome.error) {
            (true, _) => skipped += 1,
            (false, Some(_)) => failed += 1,
            (false, None) => {}
        }
    }
    summary.built += done - failed - skipped;
    summary.rows_failed += failed;
    summary.rows_skipped += skipped;
    progress(Progress::Built { rows: done, failed });
    Ok(())
}

/// The ids seen so far, kept as 128-bit fingerprints with the line each
/// was first seen on: 24 bytes a row plus the table's own, under 50 in all
/// however long the ids (200,000 rows of 200-character ids: 42 MB peak for
/// the whole campaign, 70 MB when the ids were kept). Two different ids with one fingerprint would be reported as a
/// duplicate: a row refused, never a customer's guide under another's id.
#[derive(Default)]
struct SeenIds(HashMap<u128, u64>);

impl SeenIds {
    /// Claims `id` for `line`; the line it was first claimed on if taken.
    fn claim(&mut self, id: &str, line: u64) -> Option<u64> {
        let key = (u128::from(crate::fingerprint::of(id.as_bytes(), 1)) << 64)
            | u128::from(crate::fingerprint::of(id.as_bytes(), 2));
        match self.0.entry(key) {
            std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(line);
                None
            }
        }
    }
}

/// The row's id as written, if it has one that decodes.
fn row_id(headers: &[String], row: &Row) -> Option<String> {
    let i = headers.iter().position(|h| h == "id")?;
    let raw = row.record.get(i)?;
    std::str::from_utf8(raw).ok().map(|s| s.trim().to_string())
}

/// A row built, or kept from an earlier run.
#[derive(Default)]
struct RowFiles {
    /// The file names.
    names: Vec<String>,
    /// The files staged; none when kept.
    staged: Vec<Staged>,
    /// The language the row asked for, when it fell back to another.
    fell_back_from: Option<String>,
    /// What the files are made from (see [`resume`]).
    input: String,
    /// Kept from an earlier run (`--resume`).
    kept: bool,
}

/// What every row shares: the guide, prepared once.
struct CampaignGuide<'a> {
    id: &'a str,
    /// The guide's folder: its pictures are read through it.
    guide_folder: &'a Arc<Folder>,
    /// Each language's file, the default first.
    files: &'a [(String, &'a LoadedFile, &'a GuideFile)],
    /// Each language's fixed words, in the order of `files`.
    words: Vec<Arc<crate::words::Words>>,
    /// The file a row in a language without a translation is built from
    /// (`--fallback-language`).
    fallback: Option<usize>,
    /// The customer columns the guide's texts use.
    columns: &'a [String],
    headers: &'a [String],
    /// The customer CSV's folder: label files are read from it.
    folder: &'a Arc<Folder>,
    /// The output folder: a label there could be replaced by an output
    /// (none when only checking).
    out: Option<&'a OutFolder>,
    /// Check each row as far as a build would, and render nothing.
    check_only: bool,
    /// What every row's files are made from (none when only checking).
    campaign_input: Option<crate::fingerprint::Fingerprint>,
    /// With `--resume`, the rows an earlier run built.
    earlier: Option<resume::Earlier>,
    options: &'a BuildOptions,
    ctx: &'a Context,
    renderers: &'a Renderers,
    /// Per file, where its anchors land in the guide without customer
    /// values: every PDF starts composing from them (see
    /// [`pdf::settled_refs`]), computed on first use.
    start_refs: Vec<std::sync::OnceLock<pdf::Refs>>,
}

impl CampaignGuide<'_> {
    /// Builds one row; a panic is caught and reported as that row's failure.
    fn build_row(&self, row: &Row) -> Built {
        let id = row_id(self.headers, row).unwrap_or_default();
        let result = catch_unwind(AssertUnwindSafe(|| self.try_build_row(row))).unwrap_or_else(
            |panic| {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Err(format!(
                    "swapguide failed unexpectedly on this row ({what}); this is a bug, please report it with the row"
                ))
            },
        );
        match result {
            Ok(built) => Built {
                outcome: Outcome {
                    id,
                    line: row.line,
                    files: built.names,
                    error: None,
                    skipped: false,
                    fell_back_from: built.fell_back_from,
                    input: built.input,
                    kept: built.kept,
                },
                staged: built.staged,
                owns: true,
            },
            Err(e) => Built {
                owns: true,
                ..Built::failed(id, row.line, format!("line {}: {e}", row.line))
            },
        }
    }

    /// Builds a row's files: their names, the files staged, and the
    /// language asked for if the row fell back to another.
    fn try_build_row(&self, row: &Row) -> Result<RowFiles, String> {
        let customer = Customer::from_row(rows::values(self.headers, row)?, self.folder);
        let customer_id = customer.get("id").map(str::trim).unwrap_or_default();
        rows::check_id(customer_id)?;
        let (index, fell_back_from) = self.pick_language(customer.get("language"))?;
        let (_, file, guide_file) = &self.files[index];
        // A value no font prints would be a row of replacement marks on
        // the customer's paper: the row fails, naming it.
        if self.options.formats.contains(&Format::Pdf) {
            let (shelf, _) =
                self.ctx
                    .fonts
                    .shelf(self.guide_folder, self.font_files(), &self.files[index].0);
            for column in self.columns {
                let Some(value) = customer.value(column) else {
                    continue;
                };
                if let Some((_, c, others)) =
                    crate::fonts::first_unprintable(&crate::fonts::composed(value), shelf)
                {
                    return Err(format!(
                        "customer.{column} holds {}, which no font swapguide has can print; {}",
                        crate::fonts::describe_unprintable(c, others),
                        crate::fonts::unprintable_help(c)
                    ));
                }
            }
        }
        if let Some(date) = customer.value("ship_date") {
            crate::dates::parse_iso(date.trim()).map_err(|e| format!("ship_date {e}"))?;
        }
        // A Wi-Fi value cleaned for print would be another network's name
        // or password: the row fails instead.
        if let Some(wifi) = &guide_file.wifi {
            for (text, what) in [
                (Some(&wifi.ssid), "name"),
                (wifi.password.as_ref(), "password"),
            ] {
                if let Some(value) =
                    text.and_then(|t| crate::rich::fill_raw(t.get_ref(), Some(&customer)))
                    && let Some(why) = resolve::unjoinable(&value, what)
                {
                    return Err(why);
                }
            }
        }
        let guide = resolve::resolve(guide_file, &self.inputs(index, file), Some(&customer))?;
        if let Some(label) = guide.return_.as_ref().and_then(|r| r.label.as_ref())
            && self.out.is_some_and(|out| out.holds(&label.path()))
        {
            return Err(format!(
                "the return label `{}` is in the output folder, where customers' files are written and could replace it; keep the labels in a folder of their own, outside --out",
                label.path().display()
            ));
        }
        if self.check_only {
            // The label is the one input only drawing reads: read it too.
            if self.options.formats.contains(&Format::Pdf)
                && let Some(label) = guide.return_.as_ref().and_then(|r| r.label.as_ref())
            {
                pdf::check_label(self.ctx, label)?;
            }
            return Ok(RowFiles {
                fell_back_from,
                ..RowFiles::default()
            });
        }
        let names: Vec<String> = self
            .options
            .formats
            .iter()
            .map(|f| format!("{customer_id}.{}", f.extension()))
            .collect();
        let input = self.row_input(row, &guide);
        if let Some(earlier) = &self.earlier
            && earlier.keeps(customer_id, &input, &names, &self.options.out)
        {
            return Ok(RowFiles {
                names,
                fell_back_from,
                input,
                kept: true,
                ..RowFiles::default()
            });
        }
        let stem = self.options.out.join(customer_id);
        let job = Job {
            guide: &guide,
            formats: &self.options.formats,
            stem: &stem,
            refs: self.start_refs(index, file, guide_file),
        };
        // Put in place by `commit_batch`, and only if every format
        // rendered: a failed one drops (and so removes) the others.
        let staged: Vec<Staged> = self
            .renderers
            .render_and_stage(self.ctx, &job, false)
            .into_iter()
            .collect::<Result<_, _>>()?;
        Ok(RowFiles {
            names,
            staged,
            fell_back_from,
            input,
            kept: false,
        })
    }

    /// The fingerprint of what a row's files are made from: the campaign's
    /// inputs, the row, and its label's bytes as the build reads them.
    fn row_input(&self, row: &Row, guide: &resolve::Guide) -> String {
        let Some(campaign) = &self.campaign_input else {
            return String::new();
        };
        let label = guide
            .return_
            .as_ref()
            .and_then(|r| r.label.as_ref())
            // An unreadable label fails the row: what it fingerprints as
            // does not matter.
            .map(|l| l.read(crate::assets::MAX_IMAGE_BYTES).unwrap_or_default());
        resume::row_input(campaign, self.headers, &row.record, label.as_deref())
    }

    /// What the rows' guides are resolved with, for one language's file.
    fn inputs<'b>(&'b self, index: usize, file: &'b LoadedFile) -> resolve::Inputs<'b> {
        resolve::Inputs {
            words: &self.words[index],
            id: self.id,
            folder: self.guide_folder,
            file_language: file.name_language.as_deref(),
            overrides: self.options.overrides,
            ctx: self.ctx,
            fonts: self.font_files(),
        }
    }

    /// The font files `guide.toml` lists: they serve every language.
    fn font_files(&self) -> &[crate::model::Text] {
        self.files
            .first()
            .map_or(&[], |(_, _, guide)| guide.font_files())
    }

    /// Where file `index`'s anchors land without customer values; none if
    /// that guide cannot be composed (each row then reports why).
    fn start_refs(&self, index: usize, file: &LoadedFile, guide_file: &GuideFile) -> pdf::Refs {
        self.start_refs[index]
            .get_or_init(|| {
                resolve::resolve(guide_file, &self.inputs(index, file), None)
                    .and_then(|generic| {
                        pdf::settled_refs(&generic, self.ctx, self.renderers.pdf_cache())
                    })
                    .unwrap_or_default()
            })
            .clone()
    }

    /// The index of the guide file for a row's `language`: the exact tag,
    /// else the same primary language (`es-MX` → `es`), else the fallback
    /// language (with the tag asked for), else an error; blank means the
    /// guide's default.
    fn pick_language(&self, wanted: Option<&str>) -> Result<(usize, Option<String>), String> {
        let default = self.files.first().ok_or("the guide has no readable file")?;
        let Some(wanted) = wanted.map(str::trim).filter(|w| !w.is_empty()) else {
            return Ok((0, None));
        };
        if let Some(index) = self.file_for(wanted) {
            return Ok((index, None));
        }
        if let Some(index) = self.fallback {
            return Ok((index, Some(wanted.to_string())));
        }
        let have: Vec<&str> = self.files.iter().map(|(l, _, _)| l.as_str()).collect();
        Err(format!(
            "language `{wanted}` has no translation; this guide has {} (leave language empty for {}, or build such rows in another language with --fallback-language)",
            have.join(", "),
            default.0
        ))
    }

    /// The guide file in a language: the exact tag, else the same primary
    /// language.
    fn file_for(&self, wanted: &str) -> Option<usize> {
        file_for(self.files, wanted)
    }
}

/// The index of the guide file in a language: the exact tag, else the same
/// primary language (`es-MX` → `es`).
fn file_for(files: &[(String, &LoadedFile, &GuideFile)], wanted: &str) -> Option<usize> {
    let primary = |t: &str| {
        t.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    files
        .iter()
        .position(|(l, _, _)| l.eq_ignore_ascii_case(wanted))
        .or_else(|| {
            files
                .iter()
                .position(|(l, _, _)| primary(l) == primary(wanted))
        })
}

#[cfg(test)]
mod shard_tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    #[test]
    fn auto_reads_each_engines_job_array() {
        let shard = |s: &str, vars: &[(&str, &str)]| Shard::parse(s, with(vars));
        assert_eq!(
            shard("auto/4", &[("JOB_COMPLETION_INDEX", "0")]),
            Ok(Shard { index: 1, count: 4 })
        );
        assert_eq!(
            shard(
                "auto",
                &[
                    ("SLURM_ARRAY_TASK_ID", "3"),
                    ("SLURM_ARRAY_TASK_MIN", "1"),
                    ("SLURM_ARRAY_TASK_COUNT", "3")
                ]
            ),
            Ok(Shard { index: 3, count: 3 })
        );
        assert_eq!(
            shard("auto/2", &[("AWS_BATCH_JOB_ARRAY_INDEX", "1")]),
            Ok(Shard { index: 2, count: 2 })
        );
        assert_eq!(shard("2/8", &[]), Ok(Shard { index: 2, count: 8 }));
        for (s, vars, says) in [
            ("auto", &[][..], "no job array index"),
            ("auto", &[("JOB_COMPLETION_INDEX", "1")][..], "auto/N"),
            (
                "auto/2",
                &[("AWS_BATCH_JOB_ARRAY_INDEX", "2")][..],
                "shard 3 of 2",
            ),
            (
                "auto/2",
                &[("JOB_COMPLETION_INDEX", "x")][..],
                "not a whole number",
            ),
            ("0/2", &[][..], "not a shard"),
        ] {
            let e = shard(s, vars).unwrap_err();
            assert!(e.contains(says), "{s}: {e}");
        }
    }
}
