//! CloudFormation (and SAM) templates in YAML, YAML streams included.
#![no_main]
use libfuzzer_sys::fuzz_target;
use zt_lint::report::Format;
use zt_lint_fuzz::{check, file, text};

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    check(vec![file("template.yaml", text)], &[Format::Json]);
});
