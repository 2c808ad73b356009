use crate::aws::LogFamily;
use crate::rules::settings::require_audit_logging;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-013",
    name: "eks-control-plane-logs-incomplete",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "EKS cluster does not log API, audit and authenticator events",
    docs: r#"
## What it checks
EKS clusters whose control-plane logging leaves out any of `api`, `audit` and `authenticator`
(`enabled_cluster_log_types` in Terraform, `Logging.ClusterLogging.EnabledTypes` in
CloudFormation). Control-plane logging is off unless these are listed. A list built from values
not known statically is undecided, not reported.

## Why it matters
The Kubernetes audit log records every request to the API server and who made it; the
authenticator log maps those requests to IAM identities. Without them a compromised workload or
credential acting on the cluster leaves no record.

## How to fix
Terraform: `enabled_cluster_log_types = ["api", "audit", "authenticator"]` (add
`controllerManager` and `scheduler` as you need).
CloudFormation: `Logging: {ClusterLogging: {EnabledTypes: [{Type: api}, {Type: audit},
{Type: authenticator}]}}`.

## References
- AWS Security Hub EKS.8
- CIS Amazon EKS Benchmark, control 2.1.1
"#,
    fix_terraform: "set enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\"]",
    fix_cloudformation: "list api, audit and authenticator in Logging.ClusterLogging.EnabledTypes",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(
        ctx,
        LogFamily::ControlPlane,
        "does not log all control-plane audit events",
    );
}
