use crate::aws::s3;
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-015",
    name: "s3-access-point-internet-origin",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "S3 access point accepts requests from the internet",
    docs: r#"
## What it checks
S3 access points without a VPC configuration (`vpc_configuration` / `VpcConfiguration`): their
network origin is the internet.

## Why it matters
A bucket kept private behind VPC-only access points is reachable only from the networks you
name. An internet-origin access point opens a second door, governed by its own policy.

## How to fix
Terraform: `vpc_configuration { vpc_id = aws_vpc.main.id }`. CloudFormation:
`VpcConfiguration: {VpcId: !Ref Vpc}`.

## References
- Amazon S3 User Guide, "Creating access points restricted to a virtual private cloud"
"#,
    fix_terraform: "add vpc_configuration { vpc_id = ... } to the access point",
    fix_cloudformation: "add VpcConfiguration.VpcId to the access point",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for access_point in s3::ACCESS_POINT_VPC {
        let key = access_point.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&access_point.kind))
            .collect::<Vec<_>>()
        {
            match setting(r, access_point.path) {
                Setting::Absent => ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` accepts requests from the internet (no {key})",
                        r.address
                    ),
                ),
                Setting::Value(v) if v.is_unknown() => ctx.unknown(r, v),
                Setting::Value(_) => {}
            }
        }
    }
}
