use crate::aws::apis::{STAGE_EXECUTION_LOGS, StageLevels};
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-020",
    name: "api-gateway-execution-logs-off",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "API Gateway stage writes no execution log",
    page: rule_page!("monitoring/api_gateway_execution_logs_off.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in STAGE_EXECUTION_LOGS {
        let levels = StageLevels::new(ctx.model, entry);
        for stage in ctx
            .resources(std::slice::from_ref(&entry.stage))
            .collect::<Vec<_>>()
        {
            let Some(facet) = levels.execution_logging(stage, entry) else {
                continue;
            };
            match facet.state {
                Truth::Yes => {}
                Truth::No => ctx.report(
                    stage,
                    facet.span,
                    format!("`{}` writes no execution log{}", stage.address, facet.why),
                ),
                Truth::Unknown => ctx.unknown(stage, &facet.as_unknown_node()),
            }
        }
    }
}
