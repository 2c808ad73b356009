use crate::aws::exposure::NOTEBOOK_DIRECT_INTERNET;
use crate::graph::Truth;
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-018",
    name: "sagemaker-notebook-direct-internet",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "SageMaker notebook instance has direct internet access",
    page: rule_page!("network/sagemaker_notebook_direct_internet.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for s in NOTEBOOK_DIRECT_INTERNET {
        for r in ctx
            .resources(std::slice::from_ref(&s.kind))
            .collect::<Vec<_>>()
        {
            // Without a subnet of the customer's VPC, SageMaker always gives the notebook
            // internet access: `Disabled` is accepted only with a subnet and security groups.
            if matches!(setting(r, &[s.subnet]), Setting::Absent) {
                ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` is not placed in a VPC subnet ({} is not set), so SageMaker gives it direct internet access outside every VPC control",
                        r.address, s.subnet
                    ),
                );
                continue;
            }
            match setting(r, s.path) {
                Setting::Absent => ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` has direct internet access (not set, and SageMaker's default is Enabled)",
                        r.address
                    ),
                ),
                Setting::Value(v) | Setting::UnknownBlock(v) => {
                    let enabled = match v.as_str() {
                        Some(text) => Truth::from_bool(!text.eq_ignore_ascii_case("disabled")),
                        None => Truth::Unknown,
                    };
                    match enabled {
                        Truth::Yes => ctx.report(
                            r,
                            v.span,
                            format!("`{}` has direct internet access", r.address),
                        ),
                        Truth::Unknown => ctx.unknown(r, v),
                        Truth::No => {}
                    }
                }
            }
        }
    }
}
