//! ZT-IAM-026 (writes on every resource) leaves an action element to ZT-IAM-003 (permissions
//! changes on every resource) when that rule reports it: this checks that it does, element by
//! element, so nothing falls between the two rules.

use std::path::Path;
use zt_lint::rules::identity::{
    iam_policy_wildcard_resource_sensitive_actions as sensitive,
    iam_policy_wildcard_resource_write_actions as writes,
};
use zt_lint::{engine, load, rules};

/// `(line, column, message)` of each finding of `rule`, sorted.
fn findings(rule: &'static rules::Rule, dir: &Path) -> Vec<(usize, usize, String)> {
    let ws = load::load(
        &[dir.to_path_buf()],
        &load::LoadOptions::new(&zt_lint::aws::naming::NAMING),
    );
    assert!(ws.errors.is_empty(), "load errors: {:?}", ws.errors);
    let outcome = engine::run(&ws.models, &[rule], &ws.sources, &ws.plan_sources);
    let mut out: Vec<_> = outcome
        .findings
        .iter()
        .map(|f| {
            let file = ws.sources.get(f.span.file).expect("file of a finding");
            let at = file.line_col(f.span.start);
            (at.line, at.column, f.message.clone())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn elements_left_by_the_write_rule_are_reported_by_the_sensitive_rule() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ZT-IAM-003/terraform-left-by-026");
    let sensitive = findings(&sensitive::RULE, &dir);
    let writes = findings(&writes::RULE, &dir);
    // The statement of `flagged_left_by_write_rule` (line 8): ZT-IAM-003 points at each
    // permissions change, ZT-IAM-026 at the Resource with only the queue write.
    let on_line = |list: &[(usize, usize, String)], line: usize| -> Vec<String> {
        list.iter()
            .filter(|(l, _, _)| *l == line)
            .map(|(_, _, m)| m.clone())
            .collect()
    };
    let reported = on_line(&sensitive, 8);
    assert_eq!(reported.len(), 2, "{sensitive:?}");
    assert!(reported[0].contains("`iam:PassRole`"), "{reported:?}");
    assert!(reported[1].contains("`s3:PutBucketPolicy`"), "{reported:?}");
    let left = on_line(&writes, 9);
    assert_eq!(left.len(), 1, "{writes:?}");
    assert!(left[0].contains("sqs:SendMessage"), "{left:?}");
    assert!(!left[0].contains("PassRole") && !left[0].contains("PutBucketPolicy"));
    // `arn:aws:s3:::*` (line 17) is every bucket for both rules.
    assert!(on_line(&sensitive, 17)[0].contains("`s3:PutBucketAcl`"));
    let beside = on_line(&writes, 17);
    assert!(beside[0].contains("s3:PutObject") && !beside[0].contains("PutBucketAcl"));
}
