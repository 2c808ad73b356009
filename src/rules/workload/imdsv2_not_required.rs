use crate::aws::workloads;
use crate::fix::{Change, Literal};
use crate::graph::{Node, Resource};
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-001",
    name: "imdsv2-not-required",
    pillar: Pillar::Workload,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Instance metadata service does not require IMDSv2 session tokens",
    page: rule_page!("workload/imdsv2_not_required.md"),
    check,
};

fn judge(
    ctx: &mut Context<'_>,
    r: &Resource,
    carrier: &workloads::MetadataCarrier,
    tokens: Setting<'_>,
    endpoint: Setting<'_>,
) {
    if let Setting::Value(e) = endpoint
        && e.as_str() == Some("disabled")
    {
        return;
    }
    let name = carrier.tokens.last().copied().unwrap_or_default();
    let path = carrier.tokens;
    let required = carrier.required;
    match tokens {
        Setting::Absent => ctx.report_fixable_restarting(
            r,
            r.span,
            format!(
                "`{}` does not require IMDSv2 ({name} is not set; the default allows IMDSv1)",
                r.address
            ),
            vec![Change::Add {
                resource: r.span,
                path: path.to_vec(),
                value: Literal::Str(required),
            }],
            carrier.disrupted_by_update,
        ),
        Setting::Value(v) | Setting::UnknownBlock(v) => match v.as_str() {
            Some(value) if value == required => {}
            Some(_) => ctx.report_fixable_restarting(
                r,
                v.span,
                format!(
                    "`{}` allows IMDSv1 ({name} is not \"{required}\")",
                    r.address
                ),
                vec![Change::Set {
                    span: v.span,
                    value: Literal::Str(required),
                }],
                carrier.disrupted_by_update,
            ),
            None => ctx.unknown(r, v),
        },
    }
}

fn check(ctx: &mut Context<'_>) {
    // The account-wide default, when the configuration declares one, applies to anything that
    // does not say otherwise.
    let defaults = &workloads::ACCOUNT_METADATA_DEFAULTS;
    // A default whose value is not known statically may require IMDSv2: what it covers is
    // undecided, never a finding.
    let account_default: Option<Node> = ctx
        .resources(std::slice::from_ref(&defaults.kind))
        .find_map(|r| r.get(defaults.tokens).filter(|v| !v.is_null()))
        .cloned();
    for carrier in workloads::METADATA_CARRIERS {
        for r in ctx
            .resources(std::slice::from_ref(&carrier.kind))
            .collect::<Vec<_>>()
        {
            let tokens = setting(r, carrier.tokens);
            let endpoint = setting(r, carrier.endpoint);
            if matches!(tokens, Setting::Absent) {
                if carrier.account_defaults
                    && let Some(default) = &account_default
                {
                    match default.as_str() {
                        Some(value) if value == carrier.required => continue,
                        Some(_) => {}
                        None => {
                            ctx.unknown(r, default);
                            continue;
                        }
                    }
                }
                // An instance launched from a template takes its metadata options from it;
                // the template is judged on its own.
                if let Some(template) = carrier.launch_template
                    && !matches!(setting(r, &[template]), Setting::Absent)
                {
                    continue;
                }
            }
            judge(ctx, r, carrier, tokens, endpoint);
        }
    }
}
