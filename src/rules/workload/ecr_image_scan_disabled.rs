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
    page: rule_page!("workload/ecr_image_scan_disabled.md"),
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
