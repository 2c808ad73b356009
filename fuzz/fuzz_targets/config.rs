//! `.zt-lint.toml`: parsed and resolved against the rule catalog; an error names a line and a
//! column inside the file.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use zt_lint::rules::RULES;
use zt_lint::suppress::find_rule;

fuzz_target!(|data: &[u8]| {
    let Some(text) = zt_lint_fuzz::text(data) else {
        return;
    };
    if let Err(e) = zt_lint::config::parse(Path::new(".zt-lint.toml"), text, &find_rule, RULES) {
        // Lines as every output counts them (a lone CR ends one too).
        let lines = zt_lint::source::SourceFile::new(".zt-lint.toml".into(), text).line_count();
        assert!(
            e.line >= 1 && e.line <= lines && e.column >= 1,
            "error outside the file: {}:{} ({lines} lines): {}",
            e.line,
            e.column,
            e.message
        );
    }
});
