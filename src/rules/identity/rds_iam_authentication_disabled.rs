use crate::aws::database::IAM_DATABASE_AUTH;
use crate::fix::{Change, Literal};
use crate::graph::Truth;
use crate::graph::database::{engine_supports_iam_auth, in_cluster};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-015",
    name: "rds-iam-authentication-disabled",
    pillar: Pillar::Identity,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "RDS, Aurora or Neptune database does not accept IAM authentication",
    page: rule_page!("identity/rds_iam_authentication_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for setting in IAM_DATABASE_AUTH {
        for r in ctx
            .resources(std::slice::from_ref(&setting.kind))
            .collect::<Vec<_>>()
        {
            if in_cluster(r, setting) {
                continue;
            }
            let flag = r.get(setting.flag).filter(|n| !n.is_null());
            let enabled = flag.map_or(Truth::No, |n| n.truth());
            if enabled.is_yes() {
                continue;
            }
            match engine_supports_iam_auth(r, setting) {
                Truth::No => continue,
                Truth::Unknown => {
                    if let Some(engine) = r.get(setting.engine) {
                        ctx.unknown(r, engine);
                    }
                    continue;
                }
                Truth::Yes => {}
            }
            match (enabled, flag) {
                (Truth::Unknown, Some(node)) => ctx.unknown(r, node),
                (_, Some(node)) => ctx.report_fixable(
                    r,
                    node.span,
                    format!("`{}` turns IAM database authentication off", r.address),
                    vec![Change::Set {
                        span: node.span,
                        value: Literal::Bool(true),
                    }],
                ),
                (_, None) => ctx.report_fixable(
                    r,
                    r.span,
                    format!(
                        "`{}` does not enable IAM database authentication (off by default)",
                        r.address
                    ),
                    vec![Change::Add {
                        resource: r.span,
                        path: vec![setting.flag],
                        value: Literal::Bool(true),
                    }],
                ),
            }
        }
    }
}
