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
            // Read with the region and account it is deployed to as plain tokens: those do
            // not decide whose resources it matches, its own wildcards do.
            // A reference is one resource's ARN, which holds no wildcard.
            let arn_scope = arn_value
                .filter(|v| v.as_reference().is_none())
                .and_then(|v| v.literal_text("x"))
                .map(|(known, whole)| identity::source_arn_may_match_any_account(&known, whole));
            // Shown with `…` for what is not known, not `*`, which would read as a wildcard.
            let broad_arn = arn_value
                .filter(|_| arn_scope == Some(Truth::Yes))
                .and_then(|v| v.literal_text("…"))
                .map(|(known, whole)| {
                    if whole {
                        known.into_owned()
                    } else {
                        format!("{known}…")
                    }
                });
            let arn_source = match (arn_value, arn_scope) {
                (_, Some(Truth::Yes)) | (None, _) => Truth::No,
                // Given, but it may match resources of any account.
                (Some(v), Some(Truth::Unknown)) => v.is_given().and(Truth::Unknown),
                // Known to name one account's resources: a partly known ARN is not empty.
                (Some(v), Some(Truth::No)) if v.as_str().is_none() => Truth::Yes,
                (Some(v), _) => v.is_given(),
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
                (Truth::Unknown, _, _) => {
                    // Point at the source ARN when it is what may match any account.
                    let why = arn_value.filter(|_| arn_scope == Some(Truth::Unknown));
                    ctx.unknown(r, why.unwrap_or(p))
                }
                (Truth::Yes, _, _) => {}
            }
        }
    }
}
