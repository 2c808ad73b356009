use crate::aws::audit;
use crate::graph::Node;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-011",
    name: "cloudtrail-without-s3-data-events",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: false,
    inputs: ALL_INPUTS,
    summary: "CloudTrail trail does not record S3 object-level (data) events",
    page: rule_page!("monitoring/cloudtrail_without_s3_data_events.md"),
    check,
};

fn mentions_s3_objects(node: &Node) -> bool {
    let mut found = false;
    node.walk(&mut |n| found |= n.as_str() == Some(audit::S3_OBJECT_DATA_RESOURCE));
    found
}

fn check(ctx: &mut Context<'_>) {
    for trail in audit::TRAIL_EVENT_SELECTORS {
        for r in ctx
            .resources(std::slice::from_ref(&trail.kind))
            .collect::<Vec<_>>()
        {
            let selectors = trail
                .lists
                .iter()
                .filter_map(|k| r.get(k))
                .collect::<Vec<_>>();
            if let Some(unknown) = selectors.iter().find(|s| s.is_unknown()) {
                ctx.unknown(r, unknown);
                continue;
            }
            if !selectors.iter().any(|s| mentions_s3_objects(s)) {
                ctx.report(
                    r,
                    r.span,
                    format!("`{}` does not record S3 data events", r.address),
                );
            }
        }
    }
}
