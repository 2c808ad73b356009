use crate::aws::networking;
use crate::graph::Node;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-009",
    name: "vpc-flow-logs-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "VPC has no flow log",
    page: rule_page!("monitoring/vpc_flow_logs_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for flow_logs in networking::FLOW_LOGS {
        let attribute = flow_logs.attribute;
        // Read once, not per VPC: a flow log whose target might be any VPC of this model.
        let undecided_log = model.of_kind(flow_logs.by).find_map(|(_, log)| {
            log.get(attribute)
                .filter(|target| might_name_a_local_vpc(model, target))
                .map(|target| (log.address.as_str(), target.span))
        });
        for (id, r) in model.of_kind(std::slice::from_ref(&flow_logs.kind)) {
            if !r.is_managed()
                || model
                    .configuring(id, flow_logs.by, attribute)
                    .next()
                    .is_some()
            {
                continue;
            }
            match undecided_log {
                Some((log, span)) => ctx.unknown(
                    r,
                    &Node::unknown(
                        format!("flow log `{log}` names a VPC not known statically"),
                        span,
                    ),
                ),
                None => ctx.report(r, r.span, format!("`{}` has no flow log", r.address)),
            }
        }
    }
}

/// Could a flow log's target be any VPC of this model? A known id or a reference that resolves
/// says which VPC it is; a value not known statically might be this one.
fn might_name_a_local_vpc(model: &crate::graph::Model, target: &Node) -> bool {
    target.is_unknown() && model.resolve(target).is_none()
}
