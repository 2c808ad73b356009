use crate::aws::workloads;
use crate::rules::settings::require_bool;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-009",
    name: "sagemaker-model-network-isolation",
    pillar: Pillar::Workload,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "SageMaker model containers can make outbound network calls",
    page: rule_page!("workload/sagemaker_model_network_isolation.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool(
        ctx,
        workloads::MODEL_NETWORK_ISOLATION,
        true,
        "lets its containers make outbound network calls",
    );
}
