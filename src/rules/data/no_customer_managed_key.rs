use crate::aws::{Catalog, Facet};
use crate::graph::{Resource, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-012",
    name: "no-customer-managed-key",
    pillar: Pillar::Data,
    severity: Severity::Low,
    enabled_by_default: false,
    inputs: ALL_INPUTS,
    summary: "Encrypted data store uses a key AWS owns or manages instead of a customer-managed one",
    page: rule_page!("data/no_customer_managed_key.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let catalog = Catalog::new(ctx.model);
    for r in catalog.managed() {
        let keys = catalog.customer_managed_keys(r);
        // Unencrypted storage is ZT-DAT-001's finding, not a question of whose key.
        if keys.is_empty()
            || catalog
                .encryption_at_rest(r)
                .is_some_and(|at_rest| at_rest.state.is_no())
        {
            continue;
        }
        for key in keys {
            report(ctx, r, &key);
        }
    }
}

fn report(ctx: &mut Context<'_>, r: &Resource, key: &Facet) {
    match key.state {
        Truth::Yes => {}
        Truth::No => ctx.report(
            r,
            key.span,
            format!(
                "`{}` is encrypted with a key AWS owns or manages, not a customer-managed key{}",
                r.address, key.why
            ),
        ),
        Truth::Unknown => ctx.unknown(r, &key.as_unknown_node()),
    }
}
