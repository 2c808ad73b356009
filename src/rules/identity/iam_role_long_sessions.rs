use crate::aws::identity;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-011",
    name: "iam-role-long-sessions",
    pillar: Pillar::Identity,
    severity: Severity::Low,
    enabled_by_default: false,
    inputs: ALL_INPUTS,
    summary: "IAM role allows sessions longer than one hour",
    page: rule_page!("identity/iam_role_long_sessions.md"),
    check,
};

/// AWS's default session length; `max_session_duration` in `.zt-lint.toml` changes the limit.
const DEFAULT_LIMIT_SECONDS: i64 = 3600;

fn check(ctx: &mut Context<'_>) {
    let limit = ctx
        .options
        .max_session_duration
        .and_then(|s| i64::try_from(s).ok())
        .unwrap_or(DEFAULT_LIMIT_SECONDS);
    for role in identity::ROLE_SESSION_DURATION {
        let key = role.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&role.kind))
            .collect::<Vec<_>>()
        {
            let Some(value) = r.get(key).filter(|v| !v.is_null()) else {
                continue;
            };
            match value.as_i64() {
                Some(seconds) if seconds > limit => ctx.report(
                    r,
                    value.span,
                    format!(
                        "`{}` allows sessions of {seconds} seconds (more than {limit})",
                        r.address
                    ),
                ),
                Some(_) => {}
                None => ctx.unknown(r, value),
            }
        }
    }
}
