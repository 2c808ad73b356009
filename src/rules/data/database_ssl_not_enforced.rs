use crate::aws::parameters::{self, DB_INSTANCE_PARAMETERS, InstanceParameters, Lookup};
use crate::graph::{Model, Node, Resource, Truth, Value};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};
use crate::source::Span;

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
    for slots in DB_INSTANCE_PARAMETERS {
        for r in ctx
            .resources(std::slice::from_ref(&slots.kind))
            .collect::<Vec<_>>()
        {
            match plaintext_verdict(ctx.model, slots, r, 0) {
                Verdict::Passes | Verdict::OffInGroup => {}
                Verdict::Undecided(reason) => ctx.unknown(r, &reason),
                Verdict::Plaintext { span, why } => ctx.report(
                    r,
                    span,
                    format!("`{}` accepts connections without TLS: {why}", r.address),
                ),
            }
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

/// Whether a database refuses plaintext connections, as far as its configuration says.
enum Verdict {
    /// Its parameter group or engine default requires TLS, or its engine is not judged here.
    Passes,
    /// Its parameter group, in the model, turns enforcement off: reported on the group.
    OffInGroup,
    /// It keeps an engine default that accepts plaintext; `span` is what to point at.
    Plaintext { span: Span, why: String },
    /// Not known statically; the node carries the reason and where.
    Undecided(Node),
}

/// RDS lets a read replica be the source of another (MySQL and MariaDB chain them); past this
/// depth the chain is left undecided rather than followed.
const MAX_REPLICA_CHAIN: usize = 8;

/// A database whose engine accepts plaintext by default and whose parameter group (the engine's
/// default group when none is named, the source's for a same-Region read replica) does not turn
/// enforcement on. A group outside the model, an unknown engine, version or source, or a group
/// whose parameters are not known leaves it undecided.
fn plaintext_verdict(
    model: &Model,
    slots: &InstanceParameters,
    r: &Resource,
    depth: usize,
) -> Verdict {
    let named = r.get(slots.parameter_group).filter(|n| n.is_written());
    let source = slots
        .replica_source
        .and_then(|k| r.get(k))
        .filter(|n| n.is_written());
    // CreateDBInstanceReadReplica: without a group of its own, a same-Region replica uses its
    // source's group, and a cross-Region one (its source given as an ARN) its engine's default.
    if let (None, Some(source)) = (named, source) {
        return replica_verdict(model, slots, source, depth);
    }
    let (engine, version) = match engine_of(model, slots, r, depth) {
        Ok(found) => found,
        Err(reason) => return Verdict::Undecided(reason),
    };
    let Some(engine_name) = engine.as_str() else {
        return Verdict::Undecided(engine.clone());
    };
    let Some((parameter, default)) = parameters::tls_enforcement(engine_name, version) else {
        return Verdict::Passes;
    };
    let group = match named {
        None => None,
        Some(n) if n.as_str().is_some_and(parameters::is_default_group) => None,
        Some(n) => match model.resolve_kind(n, &[slots.group_kind]) {
            Some((_, group)) => Some(group),
            None => {
                let reason = match n.as_str() {
                    Some(name) => format!(
                        "parameter group `{name}` is not in the configuration, so whether it requires TLS is not known"
                    ),
                    None => "the parameter group is not known statically".to_string(),
                };
                return Verdict::Undecided(Node::unknown(reason, n.span));
            }
        },
    };
    if let Some(group) = group {
        match parameters::engine_parameter(group, parameter) {
            Some(Lookup::Set(value)) => {
                return match value.scalar_text() {
                    Some(v) if parameters::turns_tls_on(&v) => Verdict::Passes,
                    Some(v) if parameters::turns_tls_off(parameter, &v) => Verdict::OffInGroup,
                    Some(v) => Verdict::Undecided(Node::unknown(
                        format!(
                            "`{}` sets {parameter} to `{v}`, which is neither on nor off",
                            group.address
                        ),
                        value.span,
                    )),
                    None => Verdict::Undecided(value.clone()),
                };
            }
            Some(Lookup::Unknown(node)) => return Verdict::Undecided(node.clone()),
            Some(Lookup::NotSet) | None => {}
        }
    }
    match default {
        Truth::Yes => Verdict::Passes,
        Truth::No => {
            let which = if group.is_some() {
                "its parameter group does not set it"
            } else {
                "it uses the engine's default parameter group"
            };
            Verdict::Plaintext {
                span: named.map_or(r.span, |n| n.span),
                why: format!("{engine_name} leaves {parameter} off by default and {which}"),
            }
        }
        Truth::Unknown => Verdict::Undecided(match version {
            Some(v) if v.is_unknown() => v.clone(),
            Some(v) => Node::unknown(
                format!(
                    "RDS documents no default of {parameter} for {engine_name} {}",
                    v.scalar_text().unwrap_or_default()
                ),
                v.span,
            ),
            None => Node::unknown(
                format!(
                    "{parameter} defaults differ across {engine_name} versions, and the version RDS picks when none is given is not pinned"
                ),
                engine.span,
            ),
        }),
    }
}

/// A read replica without a parameter group of its own: as its source when the source is in the
/// model (same Region), undecided otherwise.
fn replica_verdict(
    model: &Model,
    slots: &InstanceParameters,
    source: &Node,
    depth: usize,
) -> Verdict {
    if names_by_arn(model.dereference(source)) {
        return Verdict::Undecided(Node::unknown(
            "a cross-Region read replica (its source is an ARN) without a parameter group gets its engine's default group, whose TLS default depends on the source's engine and version",
            source.span,
        ));
    }
    let Some((_, origin)) = model.resolve_kind(source, &[slots.kind]) else {
        let reason = match source.as_str() {
            Some(name) => format!(
                "the read replica uses its source `{name}`'s parameter group, and the source is not in the configuration"
            ),
            None => "the read replica's source is not known statically".to_string(),
        };
        return Verdict::Undecided(Node::unknown(reason, source.span));
    };
    if depth >= MAX_REPLICA_CHAIN {
        return Verdict::Undecided(Node::unknown(
            "the chain of read replicas is too long to follow",
            source.span,
        ));
    }
    match plaintext_verdict(model, slots, origin, depth + 1) {
        Verdict::Plaintext { why, .. } => Verdict::Plaintext {
            span: source.span,
            why: format!(
                "it is a read replica of `{}` and shares its parameter group: {why}",
                origin.address
            ),
        },
        Verdict::Undecided(reason) => Verdict::Undecided(Node::unknown(
            format!(
                "it is a read replica of `{}`, whose TLS enforcement is not known: {}",
                origin.address,
                reason.unknown_reason().unwrap_or("not known statically")
            ),
            source.span,
        )),
        verdict => verdict,
    }
}

/// Does this value name a database by ARN (a literal `arn:` or a reference to an `arn`)?
fn names_by_arn(node: &Node) -> bool {
    match &node.value {
        Value::String(s) => s.starts_with("arn:"),
        Value::Ref(reference) => reference.attribute.as_deref() == Some("arn"),
        _ => false,
    }
}

/// The engine and version of a database: its own, or for a read replica that does not write
/// them, its source's. Without either (an instance restored from a snapshot takes the
/// snapshot's engine), the reason it is not known.
fn engine_of<'m>(
    model: &'m Model,
    slots: &InstanceParameters,
    r: &'m Resource,
    depth: usize,
) -> Result<(&'m Node, Option<&'m Node>), Node> {
    let version = r.get(slots.engine_version).filter(|n| n.is_written());
    if let Some(engine) = r.get(slots.engine).filter(|n| n.is_written()) {
        return Ok((engine, version));
    }
    let source = slots
        .replica_source
        .and_then(|k| r.get(k))
        .filter(|n| n.is_written());
    let origin = source.and_then(|s| model.resolve_kind(s, &[slots.kind]));
    match (source, origin) {
        (Some(_), Some((_, origin))) if depth < MAX_REPLICA_CHAIN => {
            let (engine, source_version) = engine_of(model, slots, origin, depth + 1)?;
            Ok((engine, version.or(source_version)))
        }
        (Some(source), _) => Err(Node::unknown(
            "the read replica's engine is its source's, which is not in the configuration",
            source.span,
        )),
        (None, _) => Err(Node::unknown(
            "no engine is given (an instance restored from a snapshot takes the snapshot's), so its TLS default is not known",
            r.span,
        )),
    }
}
