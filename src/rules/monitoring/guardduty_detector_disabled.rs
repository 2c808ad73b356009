use crate::aws::audit;
use crate::rules::settings::require_bool;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-005",
    name: "guardduty-detector-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "GuardDuty detector is disabled",
    docs: r#"
## What it checks
`aws_guardduty_detector` with `enable = false` (the provider default is true) and
`AWS::GuardDuty::Detector` with `Enable: false`.

## Why it matters
A disabled detector is threat detection that looks on but sees nothing: credential
exfiltration, crypto-mining and reconnaissance go unnoticed. Zero trust needs continuous
verification, not only prevention.

## How to fix
Terraform: `enable = true` (or remove the argument). CloudFormation: `Enable: true`.

## References
- AWS Security Hub GuardDuty.1
"#,
    fix_terraform: "set enable = true on the detector",
    fix_cloudformation: "set Enable: true on the detector",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool(
        ctx,
        audit::DETECTOR_ENABLED,
        true,
        "is a GuardDuty detector that is turned off",
    );
}
