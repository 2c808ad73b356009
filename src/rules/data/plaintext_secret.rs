use crate::aws::{secrets, workloads};
use crate::graph::{Node, Resource, Value};
use crate::rules::containers::containers;
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-010",
    name: "plaintext-secret",
    pillar: Pillar::Data,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Secret written in plain text in the configuration",
    page: rule_page!("data/plaintext_secret.md"),
    check,
};

/// Does a parameter or variable name say it holds a secret (not the name, ARN or key id of
/// one)? `DB_PASSWORD`, `ApiToken`, `STRIPE_SECRET` yes; `SecretName`, `SECRET_ARN`,
/// `SecretsKMSKey` no.
fn names_a_secret(name: &str) -> bool {
    let n: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    const REFERENCES: &[&str] = &[
        "name",
        "arn",
        "id",
        "ids",
        "kms",
        "kmskey",
        "keyid",
        "url",
        "uri",
        "length",
        "policy",
        "rotation",
        "type",
        "path",
        "prefix",
        "parameter",
        "param",
        "version",
        "region",
        "file",
        "location",
        "enabled",
    ];
    if REFERENCES.iter().any(|r| n.ends_with(r)) {
        return false;
    }
    const SECRETS: &[&str] = &[
        "secret",
        "token",
        "apikey",
        "accesskey",
        "secretkey",
        "privatekey",
        "authtoken",
    ];
    n.contains("password")
        || n.contains("passwd")
        || n.contains("passphrase")
        || SECRETS.iter().any(|s| n.ends_with(s))
}

/// A parameter that cannot hold a secret: a number (`Number`, `List<Number>`) or a yes/no
/// switch (`AllowedValues` of `true`/`false`, or a Boolean default), such as
/// `EnablePasswordRotation`.
fn is_flag_or_number(parameter: &crate::graph::Resource) -> bool {
    let is_switch = |n: &Node| {
        matches!(n.value, crate::graph::Value::Bool(_))
            || n.as_str().is_some_and(|s| {
                ["true", "false", "yes", "no"]
                    .iter()
                    .any(|b| s.trim().eq_ignore_ascii_case(b))
            })
    };
    let shape = &secrets::TEMPLATE_PARAMETER;
    let number = parameter
        .get(shape.type_key)
        .and_then(Node::as_str)
        .is_some_and(|t| matches!(t.trim(), "Number" | "List<Number>"));
    let allowed = parameter.get(shape.allowed_values).map(Node::items);
    let switch = match allowed {
        Some(values) if !values.is_empty() => values.iter().all(is_switch),
        _ => parameter.get(shape.default).is_some_and(is_switch),
    };
    number || switch
}

/// A literal that is not a reference to a secret store.
fn is_literal_secret(value: &Node) -> bool {
    value.as_str().is_some_and(|v| {
        let v = v.trim();
        !v.is_empty()
            && !v.starts_with("{{resolve:")
            && !v.starts_with("arn:")
            && !v.starts_with("/")
            && !v.starts_with("${")
    })
}

/// A value that cannot be a secret: a number or a yes/no word.
fn is_number_or_switch(value: &str) -> bool {
    let v = value.trim();
    v.parse::<f64>().is_ok()
        || ["true", "false", "yes", "no", "enabled", "disabled"]
            .iter()
            .any(|b| v.eq_ignore_ascii_case(b))
}

fn looks_like_access_key(value: &str) -> bool {
    value.len() == 20
        && (value.starts_with("AKIA") || value.starts_with("ASIA"))
        && value
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Every value written at `path`, stepping into each element of a list of blocks on the way
/// (Terraform blocks are lists, and a broker has a list of users).
fn values_at<'r>(r: &'r Resource, path: &[&str]) -> Vec<&'r Node> {
    let Some((first, rest)) = path.split_first() else {
        return Vec::new();
    };
    let mut nodes: Vec<&Node> = r.get(first).into_iter().collect();
    for key in rest {
        nodes = nodes
            .into_iter()
            .flat_map(Node::items)
            .filter_map(|n| n.get(key))
            .collect();
    }
    nodes
}

/// The first of `keys` an entry sets.
fn field<'n>(node: &'n Node, keys: &[&str]) -> Option<&'n Node> {
    keys.iter().find_map(|k| node.get(k))
}

/// The environment of a container definition.
fn environment_entries(container: &Node) -> Vec<(&str, &Node)> {
    workloads::CONTAINER_ENVIRONMENT
        .iter()
        .filter_map(|key| container.get(key))
        .flat_map(name_value_entries)
        .collect()
}

/// The variables of an environment written as a list of `{name, value}` entries (ECS
/// containers, CloudFormation's App Runner services).
fn name_value_entries(list: &Node) -> Vec<(&str, &Node)> {
    list.items()
        .iter()
        .filter_map(|e| {
            let name = field(e, workloads::ENVIRONMENT_NAME).and_then(Node::as_str)?;
            Some((name, field(e, workloads::ENVIRONMENT_VALUE)?))
        })
        .collect()
}

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for argument in secrets::PASSWORD_ARGUMENTS {
        let key = argument.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&argument.kind))
            .collect::<Vec<_>>()
        {
            // An argument may hold several (an ElastiCache user's passwords): each is judged.
            for value in values_at(r, argument.path)
                .into_iter()
                .flat_map(Node::items)
            {
                if is_literal_secret(value) {
                    ctx.report(
                        r,
                        value.span,
                        format!("`{}` has its {key} written in plain text", r.address),
                    );
                }
            }
        }
    }
    let parameter = &secrets::TEMPLATE_PARAMETER;
    for p in model.resources.iter().filter(|r| r.kind == parameter.kind) {
        let no_echo = p.get(parameter.no_echo).is_some_and(|n| n.truth().is_yes());
        if names_a_secret(&p.address) && !no_echo && !is_flag_or_number(p) {
            ctx.report(
                p,
                p.span,
                format!(
                    "parameter `{}` takes a secret without NoEcho: true",
                    p.address
                ),
            );
        }
    }
    for stored in secrets::STORED_PARAMETERS {
        for r in ctx
            .resources(std::slice::from_ref(&stored.kind))
            .collect::<Vec<_>>()
        {
            check_stored_parameter(ctx, r, stored);
        }
    }
    check_stack_outputs(ctx);
    check_init_credentials(ctx);
    let credentials = &secrets::PROVIDER_CREDENTIALS;
    for p in model.providers(credentials.provider) {
        for key in credentials.arguments {
            if let Some(value) = p.get(key)
                && is_literal_secret(value)
            {
                ctx.report(
                    p,
                    value.span,
                    format!("`{}` is given its {key} in plain text", p.address),
                );
            }
        }
    }
    let mut env_findings = Vec::new();
    for environment in secrets::FUNCTION_ENVIRONMENTS {
        for r in ctx.resources(std::slice::from_ref(&environment.kind)) {
            let vars = match setting(r, environment.path) {
                Setting::Value(v) | Setting::UnknownBlock(v) => v,
                Setting::Absent => continue,
            };
            // A map of name to value, or a list of `{Name, Value}` entries.
            let entries: Vec<(&str, &Node)> = match vars.as_map() {
                Some(map) => map.iter().collect(),
                None => name_value_entries(vars),
            };
            for (name, value) in entries {
                env_findings.push((r, name.to_string(), value.clone()));
            }
        }
    }
    let mut undecided = Vec::new();
    for task in workloads::TASK_DEFINITIONS {
        for r in ctx.resources(std::slice::from_ref(&task.kind)) {
            let defs = r.get(task.containers);
            for container in defs.map(containers).unwrap_or_default() {
                if container.is_unknown() {
                    undecided.push((r, container));
                    continue;
                }
                for (name, value) in environment_entries(&container) {
                    env_findings.push((r, name.to_string(), value.clone()));
                }
            }
        }
    }
    for (r, container) in undecided {
        ctx.unknown(r, &container);
    }
    for (r, name, value) in env_findings {
        let text = value.as_str().unwrap_or_default();
        // A switch or a number is not a secret, whatever the name (`VERIFY_ID_TOKEN = "true"`,
        // `SESSION_TOKEN_TTL_SECONDS = "3600"`).
        if looks_like_access_key(text)
            || (names_a_secret(&name) && is_literal_secret(&value) && !is_number_or_switch(text))
        {
            ctx.report(
                r,
                value.span,
                format!(
                    "`{}` puts a secret in plain text in environment variable {name}",
                    r.address
                ),
            );
        }
    }
}

/// Outputs that show a secret: a secret attribute of a resource, or a `NoEcho` parameter echoed
/// back, readable in plain text by anyone who may describe the stack. Whatever builds the value
/// (a `Fn::Sub` connection string, a `Fn::Join`, a branch of `Fn::If`), what it reads is shown.
fn check_stack_outputs(ctx: &mut Context<'_>) {
    let model = ctx.model;
    let output = &secrets::STACK_OUTPUT;
    let parameter = &secrets::TEMPLATE_PARAMETER;
    for (_, o) in model.of_kind(&[output.kind]) {
        let read = o
            .get(output.references)
            .map(Node::items)
            .unwrap_or_default();
        let mut shown = Vec::new();
        let mut at = None;
        let mut unread = None;
        for value in read {
            let Value::Ref(reference) = &value.value else {
                if value.is_unknown() {
                    unread.get_or_insert(value);
                }
                continue;
            };
            let Some(target) = model.resolve(value).and_then(|id| model.get(id)) else {
                continue;
            };
            let secret = match reference.attribute.as_deref() {
                None if target.kind == parameter.kind
                    && target
                        .get(parameter.no_echo)
                        .is_some_and(|n| n.truth().is_yes()) =>
                {
                    format!("the NoEcho parameter `{}`", target.address)
                }
                Some(attribute)
                    if secrets::SECRET_ATTRIBUTES
                        .iter()
                        .any(|(kind, secret)| *kind == target.kind && *secret == attribute) =>
                {
                    format!("the {attribute} of `{}`", target.address)
                }
                _ => continue,
            };
            at.get_or_insert(value.span);
            if !shown.contains(&secret) {
                shown.push(secret);
            }
        }
        let Some(span) = at else {
            // A reference the template could not resolve may be a secret.
            if let Some(value) = unread {
                ctx.unknown(o, value);
            }
            continue;
        };
        ctx.report(
            o,
            span,
            format!(
                "output `{}` shows {} in plain text to anyone who can describe the stack",
                o.address,
                shown.join(" and ")
            ),
        );
    }
}

/// Credentials for cfn-init's downloads whose secret key or password is in the resource's
/// metadata. CloudFormation returns metadata resolved and unmasked (`DescribeStackResource`;
/// `NoEcho` does not apply there), so a secret written as text, a parameter's default, a
/// parameter supplied at deployment or another resource's attribute is exposed alike. A
/// dynamic reference cannot be used in metadata (Secrets Manager User Guide), so what cfn-init
/// receives then is undecided, as is a block or value not known statically.
fn check_init_credentials(ctx: &mut Context<'_>) {
    let model = ctx.model;
    let credentials = &secrets::INIT_CREDENTIALS;
    for r in model.resources.iter().filter(|r| r.is_managed()) {
        let Some(metadata) = r.metadata.as_deref().map(|m| &m.evaluated) else {
            continue;
        };
        if metadata.is_unknown() {
            ctx.unknown(r, metadata);
            continue;
        }
        let Some(blocks) = metadata.path(credentials.path) else {
            continue;
        };
        let Some(blocks) = blocks.as_map() else {
            if blocks.is_unknown() {
                ctx.unknown(r, blocks);
            }
            continue;
        };
        for (name, block) in blocks.iter() {
            if block.is_unknown() {
                ctx.unknown(r, block);
                continue;
            }
            for key in credentials.secrets {
                let Some(value) = block.get(key) else {
                    continue;
                };
                let exposed = match &value.value {
                    _ if is_literal_secret(value) => "in plain text",
                    Value::Ref(_) => {
                        "in its Metadata, which CloudFormation returns resolved and unmasked (NoEcho does not apply there)"
                    }
                    Value::String(s) if s.trim_start().starts_with("{{resolve:") => {
                        ctx.unknown(
                            r,
                            &Node::unknown(
                                "a dynamic reference cannot be used in resource metadata, so what cfn-init receives is not known; use roleName or fetch the secret at boot",
                                value.span,
                            ),
                        );
                        continue;
                    }
                    _ if value.is_unknown() => {
                        ctx.unknown(r, value);
                        continue;
                    }
                    _ => continue,
                };
                ctx.report(
                    r,
                    value.span,
                    format!(
                        "`{}` gives cfn-init the {key} of its `{name}` credentials {exposed}",
                        r.address
                    ),
                );
            }
        }
    }
}

/// A plain-text parameter whose name says it holds a secret and whose value is written, or
/// whose value is an access key.
fn check_stored_parameter(ctx: &mut Context<'_>, r: &Resource, stored: &secrets::StoredParameter) {
    let plain = r
        .get(stored.type_key)
        .and_then(Node::as_str)
        .is_some_and(|t| stored.plain_types.contains(&t));
    if !plain {
        return;
    }
    // A hierarchical name (`/app/prod/db_password`) says what it holds in its last part; an
    // unnamed CloudFormation parameter by its logical id.
    let name = match r.get(stored.name) {
        Some(n) => n.as_str().map(|n| n.rsplit('/').next().unwrap_or(n)),
        None => Some(r.address.rsplit('.').next().unwrap_or(&r.address)),
    };
    let secret_name = name.is_some_and(names_a_secret);
    for key in stored.values {
        let Some(value) = r.get(key) else { continue };
        let text = value.as_str().unwrap_or_default();
        if looks_like_access_key(text)
            || (secret_name && is_literal_secret(value) && !is_number_or_switch(text))
        {
            ctx.report(
                r,
                value.span,
                format!(
                    "`{}` stores a secret in plain text (a {} parameter is not encrypted)",
                    r.address,
                    r.get(stored.type_key)
                        .and_then(Node::as_str)
                        .unwrap_or_default()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names_and_keys() {
        assert!(names_a_secret("DB_PASSWORD"));
        assert!(names_a_secret("DbMasterPassword"));
        assert!(names_a_secret("STRIPE_TOKEN"));
        assert!(names_a_secret("access_key"));
        assert!(!names_a_secret("LOG_LEVEL"));
        assert!(!names_a_secret("SecretName"));
        assert!(!names_a_secret("SECRET_ARN"));
        assert!(!names_a_secret(
            "SecretsManagerDomainCredentialsSecretsKMSKey"
        ));
        assert!(looks_like_access_key("AKIAIOSFODNN7EXAMPLE"));
        assert!(!looks_like_access_key("AKIA-not-a-key"));
        assert!(is_number_or_switch(" 16 "));
        assert!(is_number_or_switch("Disabled"));
        assert!(!is_number_or_switch("hunter2"));
    }
}
