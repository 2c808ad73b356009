use crate::aws::networking;
use crate::graph::Node;
use crate::rules::{Context, Pillar, Rule, Severity, TERRAFORM_INPUTS};

pub static RULE: Rule = Rule {
    id: "ZT-NET-006",
    name: "default-security-group-allows-traffic",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: TERRAFORM_INPUTS,
    summary: "The VPC's default security group allows traffic",
    docs: r#"
## What it checks
`aws_default_security_group` with any `ingress` or `egress` rule. Adopting the default group in
Terraform removes AWS's built-in rules (allow all from the group itself, allow all out), so
rules written there are deliberate grants. CloudFormation cannot manage the default group.

## Why it matters
Resources launched without an explicit security group land in the default group. Any traffic
it allows is granted silently to everything that forgot to pick a group.

## How to fix
Declare the default security group with no rules:
```hcl
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
}
```

## References
- CIS AWS Foundations Benchmark v3.0, control 5.4
- AWS Security Hub EC2.2
"#,
    fix_terraform: "remove every ingress and egress rule from aws_default_security_group",
    fix_cloudformation: "CloudFormation cannot manage the default security group; restrict it with Terraform or the console",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for group in networking::DEFAULT_SECURITY_GROUPS {
        for r in ctx
            .resources(std::slice::from_ref(&group.kind))
            .collect::<Vec<_>>()
        {
            judge(ctx, r, group.rule_lists);
        }
    }
}

/// Every rule of the default group is a finding: it should allow nothing.
fn judge(ctx: &mut Context<'_>, r: &crate::graph::Resource, rule_lists: &[&str]) {
    for &key in rule_lists {
        let Some(rules) = r.get(key) else { continue };
        if rules.is_unknown() {
            ctx.unknown(r, rules);
            continue;
        }
        for rule in rules.items().iter().filter(|n| !Node::is_null(n)) {
            ctx.report(
                r,
                rule.span,
                format!(
                    "the default security group `{}` allows {key} traffic",
                    r.address
                ),
            );
        }
    }
}
