use crate::aws::s3::{WEBSITE_CONFIGURATIONS, WebsiteEndpoint, website_endpoint};
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-023",
    name: "s3-bucket-website-endpoint",
    pillar: Pillar::Data,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "S3 bucket is a static website: its endpoint serves anonymous, unencrypted HTTP",
    page: rule_page!("data/s3_bucket_website_endpoint.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for entry in WEBSITE_CONFIGURATIONS {
        for (id, r) in model
            .of_kind(std::slice::from_ref(&entry.kind))
            .filter(|(_, r)| r.is_managed())
        {
            // The separate resource is reported itself; the block then only mirrors it.
            if let Some(split) = &entry.configured_by
                && model.is_configured_by(id, split.by, split.attribute) == Truth::Yes
            {
                continue;
            }
            match website_endpoint(r, entry) {
                WebsiteEndpoint::None | WebsiteEndpoint::RedirectsToHttps => {}
                WebsiteEndpoint::Unknown(node) => ctx.unknown(r, node),
                WebsiteEndpoint::ServesObjects(span) => ctx.report(
                    r,
                    span,
                    format!(
                        "`{}` serves the bucket as a website: its endpoint answers anyone, over HTTP only",
                        r.address
                    ),
                ),
                WebsiteEndpoint::RedirectsOverHttp(span) => ctx.report(
                    r,
                    span,
                    format!(
                        "`{}` redirects every request of its website endpoint over plain HTTP",
                        r.address
                    ),
                ),
            }
        }
    }
}
