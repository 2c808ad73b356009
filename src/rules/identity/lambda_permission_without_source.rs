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
    docs: r#"
## What it checks
`aws_lambda_permission` / `AWS::Lambda::Permission` granting invocation to an AWS service
principal (`*.amazonaws.com`) or to `*` without `source_arn`/`SourceArn`,
`source_account`/`SourceAccount` or `principal_org_id`/`PrincipalOrgID`.

## Why it matters
`s3.amazonaws.com` without a source ARN means any bucket in any account can trigger the
function with events it crafts: an unvalidated event source. Naming the source bucket, topic
or rule (and account) closes it.

## How to fix
Terraform: `source_arn = aws_s3_bucket.uploads.arn` and `source_account = data.aws_caller_identity.current.account_id`.
CloudFormation: `SourceArn: !GetAtt Uploads.Arn`, `SourceAccount: !Ref AWS::AccountId`.

## References
- AWS Lambda Developer Guide, "Using resource-based policies for Lambda" (confused deputy)
- AWS Security Hub Lambda.1 (public access, or a service principal without `aws:SourceAccount`)
"#,
    fix_terraform: "set source_arn (and source_account) to the resource that invokes the function",
    fix_cloudformation: "set SourceArn (and SourceAccount) to the resource that invokes the function",
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
            let source = [arn, account, org]
                .iter()
                .map(|k| r.get(k).map_or(Truth::No, Node::is_given))
                .fold(Truth::No, Truth::or);
            match source {
                Truth::No => ctx.report(
                    r,
                    p.span,
                    format!(
                        "`{}` lets {text} invoke the function from any source",
                        r.address
                    ),
                ),
                Truth::Unknown => ctx.unknown(r, p),
                Truth::Yes => {}
            }
        }
    }
}
