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
    docs: r#"
## What it checks
SageMaker models (`aws_sagemaker_model`, `AWS::SageMaker::Model`) without
`enable_network_isolation = true` / `EnableNetworkIsolation: true` (off when absent).

## Why it matters
A model container runs code that often comes from outside the team (a public model, a
third-party inference image). Without network isolation it can call out to the internet or to
AWS services with the execution role, so a tampered model can exfiltrate the data it is given.
With isolation, SageMaker still downloads the model artifacts and the container has no network.

## How to fix
Terraform: `enable_network_isolation = true`. CloudFormation: `EnableNetworkIsolation: true`.
A container that genuinely needs AWS services should reach them through VPC endpoints in a
`vpc_config` instead.

## References
- Amazon SageMaker Developer Guide, "Run training and inference containers in internet-free
  mode"
"#,
    fix_terraform: "set enable_network_isolation = true",
    fix_cloudformation: "set EnableNetworkIsolation: true",
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
