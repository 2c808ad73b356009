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
    page: rule_page!("data/s3_bucket_without_secure_transport.md"),
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
            verdict = verdict.or(
                match policy::document(model, &crate::aws::identity::POLICIES, p) {
                    Some(doc) => denies_insecure_transport(&doc),
                    None => Truth::Unknown,
                },
            );
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
