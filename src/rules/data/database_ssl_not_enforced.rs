use crate::aws::parameters::{self, DB_INSTANCE_PARAMETERS, InstanceParameters, Lookup};
use crate::graph::{Node, Resource, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-013",
    name: "database-ssl-not-enforced",
    pillar: Pillar::Data,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Database accepts connections without TLS: its parameter group turns enforcement off or leaves an off default",
    page: rule_page!("data/database_ssl_not_enforced.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    groups_turning_tls_off(ctx);
    for instance in DB_INSTANCE_PARAMETERS {
        for r in ctx
            .resources(std::slice::from_ref(&instance.kind))
            .collect::<Vec<_>>()
        {
            instance_left_at_default(ctx, instance, r);
        }
    }
}

/// Parameter groups that switch TLS enforcement off, wherever they are used.
fn groups_turning_tls_off(ctx: &mut Context<'_>) {
    for r in ctx.model.resources.iter().filter(|r| r.is_managed()) {
        let Some(parameters) = parameters::engine_parameters(r) else {
            continue;
        };
        for (name, value) in parameters {
            if value
                .scalar_text()
                .is_some_and(|v| parameters::turns_tls_off(name, &v))
            {
                ctx.report(
                    r,
                    value.span,
                    format!("`{}` turns TLS enforcement off ({name})", r.address),
                );
            }
        }
    }
}

/// A DB instance whose engine accepts plaintext by default and whose parameter group (the
/// engine's default group when none is named) does not turn enforcement on. A group in the
/// model that turns it off is reported on the group above, not again here; a group outside the
/// model, an unknown engine or version, or a group whose parameters are not known leaves the
/// instance undecided.
fn instance_left_at_default(ctx: &mut Context<'_>, instance: &InstanceParameters, r: &Resource) {
    let Some(engine) = r.get(instance.engine).filter(|n| n.is_written()) else {
        // A read replica inherits its source's engine: judged on the source.
        return;
    };
    let Some(engine_name) = engine.as_str() else {
        ctx.unknown(r, engine);
        return;
    };
    let Some((parameter, default)) =
        parameters::tls_enforcement(engine_name, r.get(instance.engine_version))
    else {
        return;
    };
    let named = r.get(instance.parameter_group).filter(|n| !n.is_null());
    let group = match named {
        None => None,
        Some(n) if n.is_unset() => {
            // A plan leaves an omitted group for the provider to fill in with the default one.
            None
        }
        Some(n)
            if n.as_str()
                .is_some_and(|s| s.starts_with(parameters::DEFAULT_GROUP_PREFIX)) =>
        {
            None
        }
        Some(n) => match ctx.model.resolve_kind(n, &[instance.group_kind]) {
            Some((_, group)) => Some(group),
            None => {
                let reason = match n.as_str() {
                    Some(name) => format!(
                        "parameter group `{name}` is not in the configuration, so whether it requires TLS is not known"
                    ),
                    None => "the parameter group is not known statically".to_string(),
                };
                ctx.unknown(r, &Node::unknown(reason, n.span));
                return;
            }
        },
    };
    if let Some(group) = group {
        match parameters::engine_parameter(group, parameter) {
            Some(Lookup::Set(value)) => {
                match value.scalar_text() {
                    Some(v) if parameters::turns_tls_on(&v) => {}
                    // Switched off: reported on the group.
                    Some(_) => {}
                    None => ctx.unknown(r, value),
                }
                return;
            }
            Some(Lookup::Unknown(node)) => {
                ctx.unknown(r, node);
                return;
            }
            Some(Lookup::NotSet) | None => {}
        }
    }
    match default {
        Truth::Yes => {}
        Truth::Unknown => {
            if let Some(version) = r.get(instance.engine_version) {
                ctx.unknown(r, version);
            }
        }
        Truth::No => {
            let where_ = named.filter(|n| n.is_written()).map_or(r.span, |n| n.span);
            let which = if group.is_some() {
                "its parameter group does not set it"
            } else {
                "it uses the engine's default parameter group"
            };
            ctx.report(
                r,
                where_,
                format!(
                    "`{}` accepts connections without TLS: {engine_name} leaves {parameter} off by default and {which}",
                    r.address
                ),
            );
        }
    }
}
