//! The whole pipeline: files of every kind side by side (cut from the input at NUL bytes, each
//! named by its first byte), every rule, every output format, human included.
#![no_main]
use libfuzzer_sys::fuzz_target;
use zt_lint::report::Format;
use zt_lint_fuzz::{check, file, text};

const NAMES: [&str; 8] = [
    "main.tf",
    "plan.json",
    "template.yaml",
    "template.json",
    "terraform.tfvars",
    "main.tf.json",
    "m/main.tf",
    "stream.yml",
];

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let files = text
        .split('\0')
        .take(NAMES.len())
        .enumerate()
        .map(|(i, part)| {
            let pick = part.bytes().next().map_or(i, usize::from);
            let name = NAMES.get(pick % NAMES.len()).copied().unwrap_or("main.tf");
            // Two parts with the same name would be two files at one path: keep them apart.
            file(&format!("{i}/{name}"), part)
        })
        .collect();
    check(files, Format::ALL);
});
