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
    page: rule_page!("monitoring/eks_control_plane_logs_incomplete.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(
        ctx,
        LogFamily::ControlPlane,
        "does not log all control-plane audit events",
    );
}
