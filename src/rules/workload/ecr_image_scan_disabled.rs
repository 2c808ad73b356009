use crate::aws::workloads;
use crate::graph::Node;
use crate::rules::settings::require_bool;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-004",
    name: "ecr-image-scan-disabled",
    pillar: Pillar::Workload,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "ECR repository does not scan images on push",
    docs: r#"
## What it checks
ECR repositories without `image_scanning_configuration { scan_on_push = true }` /
`ImageScanningConfiguration: {ScanOnPush: true}` (off by default). When the configuration
declares registry-wide enhanced scanning (`aws_ecr_registry_scanning_configuration` with
`scan_type = "ENHANCED"`), repositories are covered and not reported.

## Why it matters
Images with known vulnerabilities reach production unnoticed. Verification at every step is
zero trust applied to the supply chain.

## How to fix
Terraform: `image_scanning_configuration { scan_on_push = true }`, or registry-level enhanced
scanning. CloudFormation: `ImageScanningConfiguration: {ScanOnPush: true}`.

## References
- AWS Security Hub ECR.1
"#,
    fix_terraform: "set image_scanning_configuration { scan_on_push = true }",
    fix_cloudformation: "set ImageScanningConfiguration.ScanOnPush: true",
    check,
};

fn check(ctx: &mut Context<'_>) {
    let enhanced = workloads::REGISTRY_SCANNING.iter().any(|registry| {
        ctx.resources(std::slice::from_ref(&registry.kind))
            .any(|r| r.get(registry.scan_type).and_then(Node::as_str) == Some(registry.enhanced))
    });
    if enhanced {
        return;
    }
    require_bool(
        ctx,
        workloads::SCAN_ON_PUSH,
        true,
        "does not scan images when they are pushed",
    );
}
