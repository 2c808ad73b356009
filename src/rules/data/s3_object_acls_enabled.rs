use crate::aws::s3::{ACLS_DISABLED, OWNERSHIP_CONTROLS};
use crate::aws::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-016",
    name: "s3-object-acls-enabled",
    pillar: Pillar::Data,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "S3 bucket turns access control lists back on",
    docs: r#"
## What it checks
S3 Object Ownership rules set to anything but `BucketOwnerEnforced`
(`aws_s3_bucket_ownership_controls` with `rule { object_ownership = "BucketOwnerPreferred" }`
or `"ObjectWriter"`; `OwnershipControls.Rules[].ObjectOwnership` of `AWS::S3::Bucket`). A
bucket without ownership rules is `BucketOwnerEnforced` (the S3 default for new buckets since
April 2023) and is not reported.

## Why it matters
With ACLs enabled, every object carries its own grant list, and the uploader (with
`ObjectWriter`, another account) can grant read access object by object, outside the bucket
policy that reviewers read. Disabled ACLs leave one place, the policies, that decides who
reads the data.

CloudFront's legacy standard logging writes with ACLs and needs them on its target bucket;
deliver the logs through CloudWatch Logs delivery (standard logging v2) instead, which does not.

## How to fix
Terraform: `object_ownership = "BucketOwnerEnforced"` (or drop the ownership controls), and
remove `aws_s3_bucket_acl`.
CloudFormation: `ObjectOwnership: BucketOwnerEnforced` (or drop `OwnershipControls`), and
remove `AccessControl`.

## References
- AWS Security Hub S3.12 (ACLs should not be used to manage user access to buckets)
- Amazon S3 User Guide, "Controlling ownership of objects and disabling ACLs for your bucket"
"#,
    fix_terraform: "set object_ownership = \"BucketOwnerEnforced\"",
    fix_cloudformation: "set ObjectOwnership: BucketOwnerEnforced",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for controls in OWNERSHIP_CONTROLS {
        for r in ctx
            .resources(std::slice::from_ref(&controls.kind))
            .collect::<Vec<_>>()
        {
            let rules = match setting(r, controls.rules) {
                Setting::Absent => continue,
                Setting::Value(v) if v.is_unknown() => {
                    ctx.unknown(r, v);
                    continue;
                }
                Setting::Value(v) => v.items(),
            };
            for rule in rules {
                let Some(ownership) = rule.get(controls.ownership) else {
                    continue;
                };
                match ownership.as_str() {
                    Some(s) if s.trim().eq_ignore_ascii_case(ACLS_DISABLED) => {}
                    Some(s) => ctx.report(
                        r,
                        ownership.span,
                        format!(
                            "`{}` sets object ownership to {} and so turns ACLs on",
                            r.address,
                            s.trim()
                        ),
                    ),
                    None if ownership.is_null() => {}
                    None => ctx.unknown(r, ownership),
                }
            }
        }
    }
}
