use crate::aws::identity;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-007",
    name: "iam-static-credentials",
    pillar: Pillar::Identity,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM user gets long-lived credentials (access key or console password)",
    page: rule_page!("identity/iam_static_credentials.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for r in ctx.resources(identity::ACCESS_KEYS).collect::<Vec<_>>() {
        ctx.report(
            r,
            r.span,
            format!("`{}` creates a long-lived access key", r.address),
        );
    }
    for r in ctx.resources(identity::LOGIN_PROFILES).collect::<Vec<_>>() {
        ctx.report(
            r,
            r.span,
            format!("`{}` gives an IAM user a console password", r.address),
        );
    }
    for &(kind, key) in identity::INLINE_LOGIN_PROFILES {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            report_inline_profile(ctx, r, key);
        }
    }
}

fn report_inline_profile(ctx: &mut Context<'_>, r: &crate::graph::Resource, key: &str) {
    if let Some(entry) = r.attrs.entry(key)
        && !entry.value.is_null()
    {
        ctx.report(
            r,
            entry.key_span,
            format!("`{}` gives an IAM user a console password", r.address),
        );
    }
}
