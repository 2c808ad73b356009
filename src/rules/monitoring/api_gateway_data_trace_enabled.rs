use crate::aws::networking::DATA_TRACE;
use crate::graph::Truth;
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-019",
    name: "api-gateway-data-trace-enabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "API Gateway writes full request and response bodies to its logs",
    page: rule_page!("monitoring/api_gateway_data_trace_enabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in DATA_TRACE {
        for r in ctx.resources(std::slice::from_ref(&entry.kind)) {
            let (Setting::Value(settings) | Setting::UnknownBlock(settings)) =
                setting(r, entry.settings)
            else {
                continue;
            };
            if settings.is_unknown() {
                ctx.unknown(r, settings);
                continue;
            }
            for block in settings.items() {
                // A settings block chosen by a condition (`!If`) is not known statically.
                if block.is_unknown() {
                    ctx.unknown(r, block);
                    continue;
                }
                let Some(flag) = block.get(entry.data_trace) else {
                    continue;
                };
                match flag.truth() {
                    Truth::Yes => ctx.report(
                        r,
                        flag.span,
                        format!(
                            "`{}` writes full request and response bodies to its execution log",
                            r.address
                        ),
                    ),
                    Truth::No => {}
                    Truth::Unknown => ctx.unknown(r, flag),
                }
            }
        }
    }
}
