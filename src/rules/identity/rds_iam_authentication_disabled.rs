use crate::fix::{Change, Literal};
use crate::graph::Truth;
use crate::graph::database::{IAM_DATABASE_AUTH, engine_supports_iam_auth, in_cluster};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-015",
    name: "rds-iam-authentication-disabled",
    pillar: Pillar::Identity,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "RDS, Aurora or Neptune database does not accept IAM authentication",
    docs: r#"
## What it checks
RDS DB instances and Aurora/RDS clusters whose engine supports IAM database authentication
(MySQL, MariaDB, PostgreSQL and their Aurora editions) without it switched on:
`iam_database_authentication_enabled` / `EnableIAMDatabaseAuthentication` false or absent
(the default is off), and Neptune clusters without `iam_database_authentication_enabled` /
`IamAuthEnabled` (off by default too). Instances of a cluster are judged through their cluster; an engine that
is not known statically (a snapshot restore, a parameter) leaves the check undecided.

## Why it matters
With IAM authentication, a login is a short-lived token issued to an IAM identity, logged in
CloudTrail and revoked with the identity; without it, database users have long-lived passwords
that live in configuration, scripts and laptops. Turning it on does not remove password logins,
so it is the first step, not the whole fix (hence low severity).

## How to fix
Terraform: `iam_database_authentication_enabled = true`, and create database users that
authenticate with `AWSAuthenticationPlugin` (MySQL) or the `rds_iam` role (PostgreSQL).
CloudFormation: `EnableIAMDatabaseAuthentication: true` (Neptune: `IamAuthEnabled: true`, and
IAM policies granting `neptune-db:*` actions to the clients).

## References
- AWS Security Hub RDS.10, RDS.12
- Amazon RDS User Guide, "IAM database authentication for MariaDB, MySQL, and PostgreSQL"
- AWS Security Hub Neptune.7; Neptune User Guide, "Enabling IAM database authentication"
"#,
    fix_terraform: "set iam_database_authentication_enabled = true and give applications IAM-authenticated database users",
    fix_cloudformation: "set EnableIAMDatabaseAuthentication: true and give applications IAM-authenticated database users",
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
