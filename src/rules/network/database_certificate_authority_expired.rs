use crate::aws::tls;
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
            let expired = tls::EXPIRED_DATABASE_CERTIFICATE_AUTHORITIES
                .iter()
                .find(|(old, _)| old.eq_ignore_ascii_case(name.trim()));
            if let Some((old, when)) = expired {
                ctx.report(
                    r,
                    ca.span,
                    format!(
                        "`{}` presents a certificate from `{old}`, which expired in {when}: clients cannot verify the server",
                        r.address
                    ),
                );
            }
        }
    }
}
