use crate::graph::Truth;
use crate::graph::exposure::EMR_BLOCK_PUBLIC_ACCESS;
use crate::rules::settings::{Setting, setting};
use crate::rules::{Context, Pillar, Rule, Severity, TERRAFORM_INPUTS};

pub static RULE: Rule = Rule {
    id: "ZT-NET-019",
    name: "emr-block-public-access-disabled",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: TERRAFORM_INPUTS,
    summary: "EMR block public access is turned off for the account",
    docs: r#"
## What it checks
`aws_emr_block_public_access_configuration` with `block_public_security_group_rules = false`.
CloudFormation has no resource for this account setting.

## Why it matters
EMR block public access stops clusters from launching with security group rules open to the
internet (other than the ports explicitly permitted). Turning it off lets any cluster expose
its master node, Hadoop web UIs and all, to the world.

## How to fix
`block_public_security_group_rules = true`, with `permitted_public_security_group_rule_range`
only for ports that must be public (none, ideally; use Session Manager instead of SSH).

## References
- AWS Security Hub EMR.2
- Amazon EMR Management Guide, "Using Amazon EMR block public access"
"#,
    fix_terraform: "set block_public_security_group_rules = true",
    fix_cloudformation: "CloudFormation has no resource for EMR block public access",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for (kind, path) in EMR_BLOCK_PUBLIC_ACCESS {
        for r in ctx
            .resources(std::slice::from_ref(kind))
            .collect::<Vec<_>>()
        {
            // The argument is required by the provider: absent means the file is incomplete.
            let Setting::Value(v) = setting(r, path) else {
                continue;
            };
            match v.truth() {
                Truth::No => ctx.report(
                    r,
                    v.span,
                    format!(
                        "`{}` turns off EMR block public access for the account",
                        r.address
                    ),
                ),
                Truth::Unknown => ctx.unknown(r, v),
                Truth::Yes => {}
            }
        }
    }
}
