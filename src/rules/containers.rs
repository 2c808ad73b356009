//! Container definitions of ECS tasks and Batch jobs, read the same way by every rule that
//! judges a container (privilege, root file system, secrets in the environment).

use crate::graph::parse::json::{Placement, parse_placed};
use crate::graph::{Node, Resource, Value};
use crate::rules::Context;

/// The containers of an ECS task or Batch job definition: a list, one container's map (Batch),
/// or either written as JSON text (`jsonencode(...)` in a plan, a heredoc). A container that is
/// not known statically (an element of a `for` over an unknown collection), or text that is not
/// JSON, comes back as an unknown node: callers list it as undecided, never judge it.
pub(crate) fn containers(definitions: &Node) -> Vec<Node> {
    match &definitions.value {
        Value::List(items) => items.clone(),
        Value::Map(_) => vec![definitions.clone()],
        Value::String(s) => match parse_placed(s, Placement::Whole(definitions.span)) {
            Ok(n) if n.as_map().is_some() => vec![n],
            Ok(n) => n.items().to_vec(),
            Err(_) => vec![Node::unknown(
                "container definitions are not valid JSON",
                definitions.span,
            )],
        },
        // A reference (`containers = terraform_data.c.output`) is not known statically either.
        Value::Unknown(_) | Value::Ref(_) => vec![definitions.clone()],
        _ => Vec::new(),
    }
}

/// Judges each container of a task definition's `definitions` with `judge`; definitions, or a
/// container, not known statically are recorded as undecided instead.
pub(crate) fn judge_task_containers(
    ctx: &mut Context<'_>,
    task: &Resource,
    definitions: &Node,
    mut judge: impl FnMut(&mut Context<'_>, &Node),
) {
    if definitions.is_unknown() {
        ctx.unknown(task, definitions);
        return;
    }
    for container in containers(definitions) {
        if container.is_unknown() {
            ctx.unknown(task, &container);
        } else {
            judge(ctx, &container);
        }
    }
}

/// The task properties of a Batch job definition's ECS properties (a map, or the API's JSON
/// text). Text that is not JSON comes back as an unknown node, like [`containers`].
pub(crate) fn ecs_tasks(properties: &Node, task_keys: &[&str]) -> Vec<Node> {
    let parsed;
    let properties = match &properties.value {
        Value::String(s) => match parse_placed(s, Placement::Whole(properties.span)) {
            Ok(n) => {
                parsed = n;
                &parsed
            }
            Err(_) => {
                return vec![Node::unknown(
                    "ECS properties are not valid JSON",
                    properties.span,
                )];
            }
        },
        // A plan gives properties computed from another resource as a reference to it.
        Value::Unknown(_) | Value::Ref(_) => return vec![properties.clone()],
        _ => properties,
    };
    match field(properties, task_keys) {
        Some(tasks) if tasks.is_unknown() => vec![tasks.clone()],
        Some(tasks) => tasks.items().to_vec(),
        None => Vec::new(),
    }
}

/// The first of `keys` (one per format's spelling) a container definition sets.
pub(crate) fn field<'n>(container: &'n Node, keys: &[&str]) -> Option<&'n Node> {
    keys.iter().find_map(|k| container.get(k))
}
