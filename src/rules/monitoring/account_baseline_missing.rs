use crate::aws::audit;
use crate::graph::{Map, Mode, Resource};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};
use crate::source::Span;

pub static RULE: Rule = Rule {
    id: "ZT-MON-010",
    name: "account-baseline-missing",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: false,
    inputs: ALL_INPUTS,
    summary: "Account baseline lacks CloudTrail, GuardDuty, Config, Security Hub or Macie",
    page: rule_page!("monitoring/account_baseline_missing.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let Some(first) = ctx
        .model
        .resources
        .iter()
        .filter(|r| r.is_managed())
        .min_by_key(|r| r.span)
    else {
        return;
    };
    // The finding belongs to the configuration, not to one resource: it is located at the
    // start of the first file.
    let configuration = Resource {
        address: "(configuration)".to_string(),
        kind: String::new(),
        mode: Mode::Managed,
        span: Span::new(first.span.file, 0, 0),
        attrs: Map::default(),
        module_calls: Vec::new(),
        metadata: None,
    };
    for (service, kinds) in audit::ACCOUNT_BASELINE {
        if ctx.resources(kinds).next().is_none() {
            ctx.report(
                &configuration,
                configuration.span,
                format!("the configuration declares no {service}"),
            );
        }
    }
}
