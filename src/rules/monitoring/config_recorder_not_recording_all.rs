use crate::aws::audit;
use crate::graph::Truth;
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-006",
    name: "config-recorder-not-recording-all",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "AWS Config recorder does not record all resource types",
    page: rule_page!("monitoring/config_recorder_not_recording_all.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for recorder in audit::CONFIG_RECORDERS {
        let group = recorder.group;
        let all = recorder.all_supported;
        let strategy = recorder.strategy;
        for r in ctx
            .resources(std::slice::from_ref(&recorder.kind))
            .collect::<Vec<_>>()
        {
            let Setting::Value(group_node) = setting(r, &[group]) else {
                continue;
            };
            if group_node.is_unknown() {
                ctx.unknown(r, group_node);
                continue;
            }
            let records_all = match setting(r, &[group, all]) {
                Setting::Absent => Truth::from_bool(recorder.all_supported_default),
                Setting::Value(v) | Setting::UnknownBlock(v) => v.truth(),
            };
            let strategy_all = match setting(r, &[group, strategy]) {
                Setting::UnknownBlock(_) => Truth::Unknown,
                Setting::Value(s) => {
                    let inner = s.items().first().unwrap_or(s);
                    let value = inner.get(recorder.use_only).unwrap_or(inner);
                    match value.as_str() {
                        Some(v) => Truth::from_bool(v == audit::RECORD_ALL_SUPPORTED),
                        None => Truth::Unknown,
                    }
                }
                Setting::Absent => Truth::No,
            };
            match records_all.or(strategy_all) {
                Truth::Yes => {}
                Truth::Unknown => ctx.unknown(r, group_node),
                Truth::No => {
                    let span = match setting(r, &[group, all]) {
                        Setting::Value(v) | Setting::UnknownBlock(v) => v.span,
                        Setting::Absent => group_node.span,
                    };
                    ctx.report(
                        r,
                        span,
                        format!("`{}` records only the resource types it lists", r.address),
                    );
                }
            }
        }
    }
}
