use crate::graph::Truth;
use crate::rules::settings::is_set;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-002",
    name: "instance-ssh-key-pair",
    pillar: Pillar::Workload,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "EC2 instance or launch template is given an SSH key pair",
    docs: r#"
## What it checks
`key_name` on `aws_instance`, `aws_launch_template` and `aws_launch_configuration`, and
`KeyName` on `AWS::EC2::Instance`, launch templates and launch configurations. Where a
security group also opens SSH to the internet, `ZT-NET-001` reports that separately.

## Why it matters
A shared key pair is a long-lived credential copied to every administrator's laptop, with no
per-person audit trail. Systems Manager Session Manager gives shell access through IAM, with
logging and without an open port.

## How to fix
Remove the key pair and use Session Manager (the `AmazonSSMManagedInstanceCore` policy on the
instance role), or EC2 Instance Connect for short-lived keys.

## References
- AWS Systems Manager User Guide, "Session Manager"
"#,
    fix_terraform: "remove key_name and use SSM Session Manager",
    fix_cloudformation: "remove KeyName and use SSM Session Manager",
    check,
};

fn check(ctx: &mut Context<'_>) {
    let locations: [(&str, &[&str]); 6] = [
        ("aws_instance", &["key_name"]),
        ("aws_launch_template", &["key_name"]),
        ("aws_launch_configuration", &["key_name"]),
        ("AWS::EC2::Instance", &["KeyName"]),
        (
            "AWS::EC2::LaunchTemplate",
            &["LaunchTemplateData", "KeyName"],
        ),
        ("AWS::AutoScaling::LaunchConfiguration", &["KeyName"]),
    ];
    for (kind, path) in locations {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            match is_set(r, path) {
                Truth::Yes => {
                    let span = match crate::rules::settings::setting(r, path) {
                        crate::rules::settings::Setting::Value(v) => v.span,
                        crate::rules::settings::Setting::Absent => r.span,
                    };
                    ctx.report(
                        r,
                        span,
                        format!("`{}` is launched with an SSH key pair", r.address),
                    );
                }
                Truth::Unknown | Truth::No => {}
            }
        }
    }
}
