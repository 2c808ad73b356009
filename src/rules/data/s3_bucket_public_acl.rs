use crate::aws::s3;
use crate::fix::{Change, Literal};
use crate::graph::{Node, Resource};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-005",
    name: "s3-bucket-public-acl",
    pillar: Pillar::Data,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "S3 bucket ACL grants access to everyone or to any AWS user",
    page: rule_page!("data/s3_bucket_public_acl.md"),
    check,
};

const PUBLIC_GROUPS: &[&str] = &[
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

fn check(ctx: &mut Context<'_>) {
    for canned in s3::CANNED_ACLS {
        let public = canned.public;
        for r in ctx
            .resources(std::slice::from_ref(&canned.kind))
            .collect::<Vec<_>>()
        {
            let Some(acl) = r.get(canned.acl).filter(|v| !v.is_null()) else {
                continue;
            };
            match acl.as_str() {
                Some(a) if public.contains(&a) => ctx.report_fixable(
                    r,
                    acl.span,
                    format!("`{}` has the public ACL {a}", r.address),
                    vec![Change::Set {
                        span: acl.span,
                        value: Literal::Str(canned.private),
                    }],
                ),
                Some(_) => {}
                None => ctx.unknown(r, acl),
            }
        }
    }
    for grants in s3::ACL_GRANTS {
        for r in ctx
            .resources(std::slice::from_ref(&grants.kind))
            .collect::<Vec<_>>()
        {
            judge_grants(ctx, r, grants);
        }
    }
}

/// Explicit grants to one of the public groups.
fn judge_grants(ctx: &mut Context<'_>, r: &Resource, grants: &s3::AclGrants) {
    let policies = r.get(grants.policy).map(Node::items).unwrap_or_default();
    for policy in policies {
        for grant in policy
            .get(grants.grant)
            .map(Node::items)
            .unwrap_or_default()
        {
            for grantee in grant
                .get(grants.grantee)
                .map(Node::items)
                .unwrap_or_default()
            {
                if let Some(uri) = grantee.get(grants.uri)
                    && uri.as_str().is_some_and(|u| PUBLIC_GROUPS.contains(&u))
                {
                    ctx.report(
                        r,
                        uri.span,
                        format!("`{}` grants access to a public group", r.address),
                    );
                }
            }
        }
    }
}
