use crate::aws::workloads;
use crate::fix::{Change, Literal};
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-008",
    name: "sagemaker-notebook-root-access",
    pillar: Pillar::Workload,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "SageMaker notebook instance gives its users root access",
    docs: r#"
## What it checks
SageMaker notebook instances whose `root_access` / `RootAccess` is not `Disabled`. AWS enables
root access when the setting is absent, so an absent setting is reported too.

## Why it matters
A notebook user with root can change the instance's software and networking, read every
user's files and the credentials of the notebook's execution role from any process, and
persist changes across sessions. Least privilege for people applies on the instance too.
Lifecycle configurations keep running as root when root access is disabled.

## How to fix
Terraform: `root_access = "Disabled"`. CloudFormation: `RootAccess: Disabled`. Install what
users need with a lifecycle configuration.

## References
- AWS Security Hub SageMaker.3
- Amazon SageMaker Developer Guide, "Control root access to a SageMaker notebook instance"
"#,
    fix_terraform: "set root_access = \"Disabled\"",
    fix_cloudformation: "set RootAccess: Disabled",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in workloads::NOTEBOOK_ROOT_ACCESS {
        let name = entry.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            // A plan's computed value is the default the provider will ask for.
            let written = match setting(r, entry.path) {
                Setting::Value(v) if !v.is_unset() => Some(v),
                _ => None,
            };
            match written {
                None => ctx.report_fixable(
                    r,
                    r.span,
                    format!(
                        "`{}` gives its users root access ({name} is not set and defaults to Enabled)",
                        r.address
                    ),
                    vec![Change::Add {
                        resource: r.span,
                        path: entry.path.to_vec(),
                        value: Literal::Str("Disabled"),
                    }],
                ),
                Some(v) => match v.as_str() {
                    Some(s) if s.eq_ignore_ascii_case("Disabled") => {}
                    Some(_) => ctx.report_fixable(
                        r,
                        v.span,
                        format!("`{}` gives its users root access", r.address),
                        vec![Change::Set {
                            span: v.span,
                            value: Literal::Str("Disabled"),
                        }],
                    ),
                    None => ctx.unknown(r, v),
                },
            }
        }
    }
}
