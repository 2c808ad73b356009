use crate::aws::Catalog;
use crate::fix::{Change, Literal};
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-001",
    name: "storage-not-encrypted",
    pillar: Pillar::Data,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Data store or volume is not encrypted at rest",
    page: rule_page!("data/storage_not_encrypted.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let catalog = Catalog::new(ctx.model);
    for r in catalog.managed() {
        let Some(facet) = catalog.encryption_at_rest(r) else {
            continue;
        };
        match facet.state {
            Truth::Yes => {}
            Truth::No => {
                let changes = catalog
                    .encryption_switch_in_place(r)
                    .map(|(span, on)| Change::Set {
                        span,
                        value: Literal::Bool(on),
                    })
                    .into_iter()
                    .collect();
                ctx.report_fixable(
                    r,
                    facet.span,
                    format!("`{}` is not encrypted at rest{}", r.address, facet.why),
                    changes,
                )
            }
            Truth::Unknown => ctx.unknown(r, &facet.as_unknown_node()),
        }
    }
}
