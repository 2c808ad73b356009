use crate::aws::workloads;
use crate::graph::Truth;
use crate::rules::settings::{Setting, is_set, setting};
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
    for location in workloads::SSH_KEY_PAIRS {
        let path = location.path;
        for r in ctx
            .resources(std::slice::from_ref(&location.kind))
            .collect::<Vec<_>>()
        {
            match is_set(r, path) {
                Truth::Yes => {
                    let span = match setting(r, path) {
                        Setting::Value(v) => v.span,
                        Setting::Absent => r.span,
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
