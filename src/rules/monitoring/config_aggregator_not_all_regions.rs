use crate::aws::audit::CONFIG_AGGREGATORS;
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-024",
    name: "config-aggregator-not-all-regions",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "AWS Config aggregator source covers only the regions it lists",
    page: rule_page!("monitoring/config_aggregator_not_all_regions.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for aggregator in CONFIG_AGGREGATORS {
        for r in ctx
            .resources(std::slice::from_ref(&aggregator.kind))
            .collect::<Vec<_>>()
        {
            for source in aggregator.sources {
                let Some(blocks) = r.get(source.block) else {
                    continue;
                };
                if blocks.is_unknown() {
                    ctx.unknown(r, blocks);
                    continue;
                }
                for block in blocks.items() {
                    if block.is_unknown() {
                        ctx.unknown(r, block);
                        continue;
                    }
                    let (all, span) = match block.get(source.all_regions).filter(|v| !v.is_null()) {
                        None => (Truth::No, block.span),
                        Some(v) => (v.truth(), v.span),
                    };
                    match all {
                        Truth::Yes => {}
                        Truth::Unknown => {
                            if let Some(v) = block.get(source.all_regions) {
                                ctx.unknown(r, v);
                            }
                        }
                        Truth::No => ctx.report(
                            r,
                            span,
                            format!(
                                "`{}` aggregates only the regions its {} lists ({} is not true): activity in any other region, or one AWS adds later, is not in the aggregated view",
                                r.address, source.block, source.all_regions
                            ),
                        ),
                    }
                }
            }
        }
    }
}
