use crate::aws::exposure::EMR_BLOCK_PUBLIC_ACCESS;
use crate::graph::Truth;
use crate::rules::settings::{Setting, setting};
use crate::rules::{Context, Pillar, Rule, Severity, TERRAFORM_INPUTS};

pub static RULE: Rule = Rule {
    id: "ZT-NET-019",
    name: "emr-block-public-access-disabled",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: TERRAFORM_INPUTS,
    summary: "EMR block public access is turned off for the account",
    page: rule_page!("network/emr_block_public_access_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for (kind, path) in EMR_BLOCK_PUBLIC_ACCESS {
        for r in ctx
            .resources(std::slice::from_ref(kind))
            .collect::<Vec<_>>()
        {
            // The argument is required by the provider: absent means the file is incomplete.
            let (Setting::Value(v) | Setting::UnknownBlock(v)) = setting(r, path) else {
                continue;
            };
            match v.truth() {
                Truth::No => ctx.report(
                    r,
                    v.span,
                    format!(
                        "`{}` turns off EMR block public access for the account",
                        r.address
                    ),
                ),
                Truth::Unknown => ctx.unknown(r, v),
                Truth::Yes => {}
            }
        }
    }
}
