use crate::aws::identity;
use crate::graph::Node;
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-024",
    name: "cognito-user-pool-without-mfa",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Cognito user pool lets users sign in with a password alone",
    page: rule_page!("identity/cognito_user_pool_without_mfa.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in identity::USER_POOL_MFA {
        let name = entry.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            match setting(r, entry.path) {
                // A plan's value that no expression sets is the provider's default.
                Setting::Absent => report_default(ctx, r, name, entry.default),
                Setting::Value(v) if v.is_unset() => report_default(ctx, r, name, entry.default),
                Setting::Value(v) | Setting::UnknownBlock(v) => match mfa_off(v) {
                    Some(true) => ctx.report(
                        r,
                        v.span,
                        format!(
                            "`{}` turns MFA off: users sign in with a password alone",
                            r.address
                        ),
                    ),
                    Some(false) => {}
                    None => ctx.unknown(r, v),
                },
            }
        }
    }
}

fn report_default(ctx: &mut Context<'_>, r: &crate::graph::Resource, name: &str, default: &str) {
    if default.eq_ignore_ascii_case("OFF") {
        ctx.report(
            r,
            r.span,
            format!(
                "`{}` lets users sign in with a password alone ({name} is not set and defaults to {default})",
                r.address
            ),
        );
    }
}

/// `Some(true)` for `OFF`, `Some(false)` for another known text, `None` when not known.
fn mfa_off(v: &Node) -> Option<bool> {
    v.as_str().map(|s| s.trim().eq_ignore_ascii_case("OFF"))
}
