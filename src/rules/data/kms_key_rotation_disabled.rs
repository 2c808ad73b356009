use crate::aws::rotation;
use crate::fix::{Change, Literal};
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-009",
    name: "kms-key-rotation-disabled",
    pillar: Pillar::Data,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "KMS key does not rotate its key material",
    page: rule_page!("data/kms_key_rotation_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for key in rotation::KMS_KEYS {
        for r in ctx
            .resources(std::slice::from_ref(&key.kind))
            .collect::<Vec<_>>()
        {
            let symmetric = match r.get(key.spec).filter(|s| !s.is_null()) {
                None => Truth::Yes,
                Some(s) => s.as_str().map_or(Truth::Unknown, |s| {
                    Truth::from_bool(s == rotation::ROTATABLE_KEY_SPEC)
                }),
            };
            if symmetric.is_no() {
                continue;
            }
            let value = r.get(key.rotation).filter(|v| !v.is_null());
            match (value.map_or(Truth::No, Node::truth), symmetric) {
                (Truth::Yes, _) => {}
                (Truth::No, Truth::Yes) => ctx.report_fixable(
                    r,
                    value.map_or(r.span, |v| v.span),
                    format!("`{}` does not rotate its key material", r.address),
                    vec![match value {
                        Some(v) => Change::Set {
                            span: v.span,
                            value: Literal::Bool(true),
                        },
                        None => Change::Add {
                            resource: r.span,
                            path: vec![key.rotation],
                            value: Literal::Bool(true),
                        },
                    }],
                ),
                _ => ctx.unknown(
                    r,
                    value.unwrap_or(&Node::unknown("key spec not known statically", r.span)),
                ),
            }
        }
    }
}
