use crate::aws::identity;
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-012",
    name: "lambda-permission-without-source",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Lambda permission lets a service or anyone invoke without naming the source",
    page: rule_page!("identity/lambda_permission_without_source.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for permission in identity::INVOKE_PERMISSIONS {
        let principal = permission.principal;
        let (arn, account, org) = (
            permission.source_arn,
            permission.source_account,
            permission.principal_org,
        );
        for r in ctx
            .resources(std::slice::from_ref(&permission.kind))
            .collect::<Vec<_>>()
        {
            let Some(p) = r.get(principal) else { continue };
            let Some(text) = p.as_str() else {
                ctx.unknown(r, p);
                continue;
            };
            if !(text == "*" || text.ends_with(".amazonaws.com")) {
                continue;
            }
            // A source ARN matching any account's resource names no source; the account or
            // organization conditions still pin one.
            let arn_value = r.get(arn);
            let broad_arn = arn_value
                .and_then(Node::as_str)
                .filter(|text| identity::source_arn_matches_any_account(text));
            // A partly known ARN (`arn:aws:sns:us-east-1:*:${var.topic}`) whose known text
            // already matches any account's resource might still name no source: undecided.
            let shaped_broad_arn = arn_value.filter(|v| {
                v.as_str().is_none()
                    && v.text_shape()
                        .is_some_and(identity::source_arn_matches_any_account)
            });
            let arn_source = match (arn_value, broad_arn) {
                (_, Some(_)) => Truth::No,
                (Some(_), None) if shaped_broad_arn.is_some() => Truth::Unknown,
                (Some(v), None) => v.is_given(),
                (None, None) => Truth::No,
            };
            let source = [account, org]
                .iter()
                .map(|k| r.get(k).map_or(Truth::No, Node::is_given))
                .fold(arn_source, Truth::or);
            match (source, broad_arn, arn_value) {
                (Truth::No, Some(broad), Some(v)) => ctx.report(
                    r,
                    v.span,
                    format!(
                        "`{}` lets {text} invoke the function from `{broad}`, which matches resources of any account",
                        r.address
                    ),
                ),
                (Truth::No, _, _) => ctx.report(
                    r,
                    p.span,
                    format!(
                        "`{}` lets {text} invoke the function from any source",
                        r.address
                    ),
                ),
                (Truth::Unknown, _, _) => ctx.unknown(r, shaped_broad_arn.unwrap_or(p)),
                (Truth::Yes, _, _) => {}
            }
        }
    }
}
