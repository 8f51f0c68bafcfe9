//! deploy/: the shard scripts, run the way Kubernetes, Slurm and AWS Batch
//! run an array's tasks (the same command, the index in the environment),
//! then merged.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::campaign::campaign;
use crate::support::{root, stderr};

/// The rows of a CSV report or manifest, header left out.
fn records(path: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .records()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn the_shard_scripts_run_as_each_engine_runs_them() {
    let rows: Vec<String> = (1..=7)
        .map(|i| {
            let label = if i == 2 { "labels/ups.pdf" } else { "" };
            format!("D-{i},Name {i},en,,Net {i},pw{i},{label},RMA-{i},")
        })
        .collect();
    let (dir, folder) = campaign(&rows);
    let csv = folder.join("customers.csv");
    // Each engine's task k of 3 (from 0): the variables it sets, and the
    // script it runs.
    type Task = fn(u32) -> Vec<(&'static str, String)>;
    let engines: [(&str, &str, Task); 3] = [
        ("kubernetes", "deploy/run-shard.sh", |k| {
            vec![
                ("JOB_COMPLETION_INDEX", k.to_string()),
                ("SHARDS", "3".into()),
            ]
        }),
        ("slurm", "deploy/slurm/campaign.sbatch", |k| {
            vec![
                ("SLURM_ARRAY_TASK_ID", (k + 1).to_string()),
                ("SLURM_ARRAY_TASK_MIN", "1".into()),
                ("SLURM_ARRAY_TASK_COUNT", "3".into()),
                ("SLURM_SUBMIT_DIR", root().display().to_string()),
            ]
        }),
        ("aws-batch", "deploy/run-shard.sh", |k| {
            vec![
                ("AWS_BATCH_JOB_ARRAY_INDEX", k.to_string()),
                ("SHARDS", "3".into()),
            ]
        }),
    ];
    for (engine, script, task) in engines {
        let out = dir.path().join(engine);
        let shell = |script: &str, vars: Vec<(&'static str, String)>| {
            let mut command = Command::new(if script.ends_with(".sbatch") {
                "bash"
            } else {
                "sh"
            });
            command
                .current_dir(root())
                .arg(script)
                .env("GUIDE", root().join("guides/gateway-swap"))
                .env("CUSTOMERS", &csv)
                .env("OUT", &out)
                .env("SWAPGUIDE", env!("CARGO_BIN_EXE_swapguide"))
                .envs(vars);
            command.output().unwrap()
        };
        for k in 0..3 {
            let result = shell(script, task(k));
            assert!(
                result.status.success(),
                "{engine} task {k}: {}",
                stderr(&result)
            );
        }
        let merged = shell("deploy/merge.sh", Vec::new());
        assert!(merged.status.success(), "{engine}: {}", stderr(&merged));

        // Every row once, in CSV order, built; each shard's print file
        // holds its rows.
        let report = records(&out.join("report.csv"));
        let ids: Vec<&str> = report.iter().map(|r| &r[0]).collect();
        assert_eq!(
            ids,
            ["D-1", "D-2", "D-3", "D-4", "D-5", "D-6", "D-7"],
            "{engine}"
        );
        assert!(report.iter().all(|r| &r[1] == "ok"), "{engine}: {report:?}");
        for k in 1..=3usize {
            let manifest = records(&out.join(format!("print-{k}.manifest.csv")));
            let ids: Vec<String> = manifest.iter().map(|r| r[0].to_string()).collect();
            let expected: Vec<String> = (k..=7).step_by(3).map(|i| format!("D-{i}")).collect();
            assert_eq!(ids, expected, "{engine} shard {k}");
            assert!(
                fs::metadata(out.join(format!("print-{k}.pdf")))
                    .unwrap()
                    .len()
                    > 0
            );
        }
    }

    // Outside a job array the script says so, and builds nothing.
    let result = Command::new("sh")
        .current_dir(root())
        .arg("deploy/run-shard.sh")
        .env("GUIDE", "guides/gateway-swap")
        .env("CUSTOMERS", &csv)
        .env("OUT", dir.path().join("none"))
        .env_remove("JOB_COMPLETION_INDEX")
        .env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("AWS_BATCH_JOB_ARRAY_INDEX")
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("no job array index"),
        "{}",
        stderr(&result)
    );
}
