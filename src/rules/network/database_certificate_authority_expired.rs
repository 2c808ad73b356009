use crate::aws::tls::{self, ExpiryScope};
use crate::graph::provider_links::ProviderUse;
use crate::graph::{Model, Node, Resource};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-034",
    name: "database-certificate-authority-expired",
    pillar: Pillar::Network,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Database server certificate is issued by an expired RDS certificate authority",
    page: rule_page!("network/database_certificate_authority_expired.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for &(kind, attribute) in tls::DATABASE_CERTIFICATE_AUTHORITIES {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            // Omitted: RDS chooses its current default authority, which has not expired.
            let Some(ca) = r.get(attribute).filter(|v| !v.is_unset()) else {
                continue;
            };
            let Some(name) = ca.as_str() else {
                if ca.is_unknown() {
                    ctx.unknown(r, ca);
                }
                continue;
            };
            let Some(expired) = tls::EXPIRED_DATABASE_CERTIFICATE_AUTHORITIES
                .iter()
                .find(|a| a.name.eq_ignore_ascii_case(name.trim()))
            else {
                continue;
            };
            let region = resource_region(r).unwrap_or_else(|| provider_region(ctx.model, r));
            let old = expired.name;
            let when = expired.expired;
            let message = match (&expired.scope, &region) {
                (ExpiryScope::Everywhere, _) => format!(
                    "`{}` presents a certificate from `{old}`, which expired in {when}: clients cannot verify the server",
                    r.address
                ),
                (ExpiryScope::Regions { expired_in, .. }, Region::Known(region))
                    if expired_in.contains(region) =>
                {
                    format!(
                        "`{}` presents a certificate from `{old}`, which expired in {region} in {when}: clients cannot verify the server",
                        r.address
                    )
                }
                (ExpiryScope::Regions { valid_in, .. }, Region::Known(region))
                    if valid_in.contains(region) =>
                {
                    continue;
                }
                (ExpiryScope::Regions { .. }, Region::Known(region)) => {
                    undecided(
                        ctx,
                        r,
                        ca,
                        format!("whether `{old}` has expired in {region} is not known"),
                    );
                    continue;
                }
                (ExpiryScope::Regions { .. }, Region::Unknown(why)) => {
                    undecided(
                        ctx,
                        r,
                        ca,
                        format!(
                            "`{old}` expired in 2024 in most regions but is valid until 2061 in others, and {why}"
                        ),
                    );
                    continue;
                }
            };
            ctx.report(r, ca.span, message);
        }
    }
}

fn undecided(ctx: &mut Context<'_>, r: &Resource, ca: &Node, reason: String) {
    ctx.undecided_because(r, ca.span, reason);
}

/// The region a resource deploys to, as far as its configuration says.
#[derive(Clone, Copy)]
enum Region<'a> {
    Known(&'a str),
    /// Why the region is not known.
    Unknown(&'a str),
}

/// The region the resource names itself, which wins over its provider's; `None` when it names
/// none.
fn resource_region(r: &Resource) -> Option<Region<'_>> {
    let region = r.get(tls::RESOURCE_REGION).filter(|v| !v.is_unset())?;
    Some(match region.as_str() {
        Some(name) => Region::Known(name),
        None => Region::Unknown("the resource's own region is not known before apply"),
    })
}

/// The region of the provider configuration the resource is deployed with: the one it names
/// (`provider = aws.<alias>`), the one its module call passes, or the default one its module
/// inherits. An empty configuration, or none, takes its region from the environment
/// (`AWS_REGION`, the profile), and a CloudFormation stack deploys to the region it is created
/// in: neither is known statically.
fn provider_region<'m>(model: &'m Model, r: &Resource) -> Region<'m> {
    let setting = &tls::DEPLOYMENT_REGION;
    match model.provider_configuration(r, setting.provider) {
        ProviderUse::Configured(config) => match config.get(setting.argument) {
            Some(region) if region.is_unset() => Region::Unknown(
                "its provider configuration names no region, so the environment gives it",
            ),
            Some(region) => region.as_str().map_or(
                Region::Unknown("its provider configuration's region is not known statically"),
                Region::Known,
            ),
            None => Region::Unknown(
                "its provider configuration names no region, so the environment gives it",
            ),
        },
        ProviderUse::Unwritten => Region::Unknown(
            "no provider configuration names its region, so the environment (or the stack) gives it",
        ),
        ProviderUse::Unknown(why) => Region::Unknown(why),
    }
}
