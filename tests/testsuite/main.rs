//! swapguide's integration tests: they run the real binary.
//!
//! One test binary (faster to link), one module per feature.

mod accessible;
mod bounds;
mod browser;
mod build;
mod campaign;
mod check;
mod cjk;
mod context;
mod corpus;
mod deploy;
mod examples;
mod hostile;
mod html;
mod label;
mod new;
mod out_folder;
mod output;
mod pdf;
mod print_file;
mod properties;
mod resume;
mod sections;
mod serve;
mod support;
mod words;
