use crate::aws::s3;
use crate::graph::policy::{self, Effect};
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-007",
    name: "s3-bucket-without-secure-transport",
    pillar: Pillar::Data,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "S3 bucket policy does not deny requests over plain HTTP",
    docs: r#"
## What it checks
S3 buckets whose bucket policy has no `Deny` statement with the condition
`"Bool": {"aws:SecureTransport": "false"}` (or a `NumericLessThan` on `s3:TlsVersion`), and
buckets without any bucket policy. Policies come from `aws_s3_bucket_policy`, the legacy
`policy` argument of `aws_s3_bucket`, and `AWS::S3::BucketPolicy`. A policy not known
statically leaves the bucket undecided.

## Why it matters
S3 serves HTTP as well as HTTPS. Without the deny, any client or SDK misconfiguration sends
data and credentials-bearing requests in clear text. Zero trust encrypts every hop.

## How to fix
Add a statement:
```json
{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
 "Resource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"],
 "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
```

## References
- AWS Security Hub S3.5
- CIS AWS Foundations Benchmark v3.0, control 2.1.1
"#,
    fix_terraform: "add a Deny statement on aws:SecureTransport = false to the bucket policy",
    fix_cloudformation: "add a Deny statement on aws:SecureTransport = false to the BucketPolicy",
    check,
};

/// Does one of the policy's statements deny insecure transport?
fn denies_insecure_transport(doc: &policy::PolicyDocument) -> Truth {
    let mut verdict = Truth::No;
    for s in &doc.statements {
        if s.effect != Effect::Deny {
            continue;
        }
        match s.conditions() {
            None => verdict = verdict.or(Truth::Unknown),
            Some(entries) => {
                let found = entries.iter().any(|c| {
                    (c.key == "aws:securetransport"
                        && c.operator.eq_ignore_ascii_case("Bool")
                        && c.values.items().iter().any(|v| v.truth() == Truth::No))
                        || (c.key == "s3:tlsversion"
                            && c.operator
                                .to_ascii_lowercase()
                                .starts_with("numericlessthan"))
                });
                if found {
                    return Truth::Yes;
                }
            }
        }
    }
    verdict.or(Truth::from_bool(doc.incomplete).and(Truth::Unknown))
}

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for (id, bucket) in model.of_kind(s3::BUCKETS) {
        let Some(settings) = s3::bucket(&bucket.kind).filter(|_| bucket.is_managed()) else {
            continue;
        };
        let mut policies: Vec<&Node> = Vec::new();
        if let Some(p) = settings
            .policy
            .and_then(|key| bucket.get(key))
            .filter(|p| !p.is_null())
        {
            policies.push(p);
        }
        for attachment in s3::BUCKET_POLICIES {
            for (_, r) in model.configuring(
                id,
                std::slice::from_ref(&attachment.kind),
                attachment.bucket,
            ) {
                if let Some(p) = r.get(attachment.document) {
                    policies.push(p);
                }
            }
        }
        let mut verdict = Truth::No;
        for p in &policies {
            verdict = verdict.or(match policy::document(model, p) {
                Some(doc) => denies_insecure_transport(&doc),
                None => Truth::Unknown,
            });
        }
        if verdict == Truth::No {
            let unresolved = s3::BUCKET_POLICIES
                .iter()
                .map(|a| model.is_configured_by(id, std::slice::from_ref(&a.kind), a.bucket))
                .fold(Truth::No, Truth::or);
            if unresolved == Truth::Unknown {
                verdict = Truth::Unknown;
            }
        }
        match verdict {
            Truth::Yes => {}
            Truth::Unknown => ctx.unknown(
                bucket,
                &Node::unknown("the bucket policy is not known statically", bucket.span),
            ),
            Truth::No => ctx.report(
                bucket,
                bucket.span,
                format!(
                    "`{}` does not deny requests that are not over TLS (aws:SecureTransport)",
                    bucket.address
                ),
            ),
        }
    }
}
