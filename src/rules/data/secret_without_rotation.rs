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
    docs: r#"
## What it checks
Secrets Manager secrets (`aws_secretsmanager_secret`, `AWS::SecretsManager::Secret`) with no
rotation configured for them (`aws_secretsmanager_secret_rotation`,
`AWS::SecretsManager::RotationSchedule`). A rotation whose secret is not known statically
leaves the secret undecided.

## Why it matters
A secret that never changes stays valid for whoever copied it, forever. Rotation bounds the
value of a leak.

## How to fix
Terraform: `aws_secretsmanager_secret_rotation` with a rotation Lambda (or managed rotation)
and `rotation_rules { automatically_after_days = 30 }`. CloudFormation:
`AWS::SecretsManager::RotationSchedule` with `SecretId: !Ref Secret`.

## References
- AWS Security Hub SecretsManager.1, SecretsManager.4
"#,
    fix_terraform: "add an aws_secretsmanager_secret_rotation for the secret",
    fix_cloudformation: "add an AWS::SecretsManager::RotationSchedule for the secret",
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
