use crate::aws::audit;
use crate::rules::settings::require_bool;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-001",
    name: "cloudtrail-not-multi-region",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "CloudTrail trail records only its home region",
    docs: r#"
## What it checks
CloudTrail trails without `is_multi_region_trail = true` / `IsMultiRegionTrail: true`. Both the
AWS provider and CloudFormation default to a single-region trail.

## Why it matters
An attacker works where you are not looking: activity in a region you do not use is exactly
what a single-region trail misses. Zero trust assumes breach and needs complete audit records.

## How to fix
Terraform: `is_multi_region_trail = true`. CloudFormation: `IsMultiRegionTrail: true`.

## References
- CIS AWS Foundations Benchmark v3.0, control 3.1
- AWS Security Hub CloudTrail.1
"#,
    fix_terraform: "set is_multi_region_trail = true",
    fix_cloudformation: "set IsMultiRegionTrail: true",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool(
        ctx,
        audit::TRAIL_MULTI_REGION,
        true,
        "records API activity in one region only",
    );
}
