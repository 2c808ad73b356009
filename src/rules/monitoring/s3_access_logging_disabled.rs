use crate::aws::s3;
use crate::graph::{Node, Truth};
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-007",
    name: "s3-access-logging-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "S3 bucket has no server access logging",
    page: rule_page!("monitoring/s3_access_logging_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    let split = &s3::LOGGING_CONFIGURATIONS;
    // Buckets that receive access logs: they need not log their own access. A set, so asking
    // for each of n buckets stays linear.
    let mut targets = std::collections::HashSet::new();
    for r in &model.resources {
        let target = if split.by.contains(&r.kind.as_str()) {
            r.get(s3::LOGGING_CONFIGURATION_TARGET)
        } else {
            s3::bucket(&r.kind).and_then(|b| match setting(r, b.logging_target) {
                Setting::Value(v) | Setting::UnknownBlock(v) => Some(v),
                Setting::Absent => None,
            })
        };
        if let Some(id) = target.and_then(|t| model.resolve(t)) {
            targets.insert(id);
        }
    }
    for (id, r) in model.of_kind(s3::BUCKETS) {
        if !r.is_managed() || targets.contains(&id) {
            continue;
        }
        let Some(bucket) = s3::bucket(&r.kind) else {
            continue;
        };
        let inline = r.get(bucket.logging);
        let inline_given = inline.map_or(Truth::No, Node::is_given);
        let configured = if split.kind == r.kind {
            model.is_configured_by(id, split.by, split.attribute)
        } else {
            Truth::No
        };
        match inline_given.or(configured) {
            Truth::Yes => {}
            Truth::Unknown => ctx.unknown(
                r,
                inline.unwrap_or(&Node::unknown(
                    "a logging configuration names a bucket not known statically",
                    r.span,
                )),
            ),
            Truth::No => ctx.report(
                r,
                r.span,
                format!("`{}` has no server access logging", r.address),
            ),
        }
    }
}
