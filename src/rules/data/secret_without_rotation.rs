use crate::aws::rotation;
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-011",
    name: "secret-without-rotation",
    pillar: Pillar::Data,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Secrets Manager secret is never rotated",
    page: rule_page!("data/secret_without_rotation.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for secrets in rotation::SECRET_ROTATIONS {
        for (id, r) in model.of_kind(std::slice::from_ref(&secrets.kind)) {
            if !r.is_managed() {
                continue;
            }
            match model.is_configured_by(id, secrets.by, secrets.attribute) {
                Truth::Yes => {}
                Truth::Unknown => ctx.unknown(
                    r,
                    &Node::unknown("a rotation names a secret not known statically", r.span),
                ),
                Truth::No => ctx.report(r, r.span, format!("`{}` has no rotation", r.address)),
            }
        }
    }
}
