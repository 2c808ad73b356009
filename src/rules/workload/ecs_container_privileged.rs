use crate::aws::workloads;
use crate::fix::{Change, Literal};
use crate::graph::{Node, Resource, Truth, Value};
use crate::load::json::{Placement, parse_placed};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-003",
    name: "ecs-container-privileged",
    pillar: Pillar::Workload,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "ECS task runs a privileged container, as root, or on the host network",
    docs: r#"
## What it checks
ECS task definitions (`aws_ecs_task_definition`, `AWS::ECS::TaskDefinition`) with a container
that is `privileged`, or whose `user` is `root` or `0`, or a task with network mode `host`.
Container definitions are read from `jsonencode(...)`, JSON strings and CloudFormation maps.
A container without `user` runs as the image's user, which the configuration does not show,
so it is not reported.

## Why it matters
A privileged or root container shares the host's kernel with full capabilities: one
container escape owns the host and every task on it. Host networking removes the task's
network isolation.

## How to fix
Remove `privileged`, set `user` to a non-root UID, use `awsvpc` network mode, and
`readonlyRootFilesystem: true` where possible.

## References
- AWS Security Hub ECS.4, ECS.1 (host networking), ECS.5
"#,
    fix_terraform: "remove privileged, set user to a non-root UID, and use network_mode = \"awsvpc\"",
    fix_cloudformation: "remove Privileged, set User to a non-root UID, and use NetworkMode: awsvpc",
    check,
};

fn containers(definitions: &Node) -> Vec<Node> {
    match &definitions.value {
        Value::List(items) => items.clone(),
        Value::String(s) => parse_placed(s, Placement::Whole(definitions.span))
            .map(|n| n.items().to_vec())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn judge(ctx: &mut Context<'_>, r: &Resource, container: &Node) {
    let name = field(container, workloads::CONTAINER_NAME)
        .and_then(Node::as_str)
        .unwrap_or("a container");
    if let Some(p) = field(container, workloads::CONTAINER_PRIVILEGED) {
        match p.truth() {
            Truth::Yes => ctx.report_fixable(
                r,
                p.span,
                format!("`{}` runs {name} privileged", r.address),
                vec![Change::Set {
                    span: p.span,
                    value: Literal::Bool(false),
                }],
            ),
            Truth::Unknown if !p.is_null() => ctx.unknown(r, p),
            _ => {}
        }
    }
    if let Some(user) = field(container, workloads::CONTAINER_USER) {
        let root = user.as_str().map(|u| {
            let account = u.split(':').next().unwrap_or(u);
            account == "root" || account == "0"
        });
        if root == Some(true) {
            ctx.report(r, user.span, format!("`{}` runs {name} as root", r.address));
        }
    }
}

/// The first of `keys` the container definition sets.
fn field<'n>(container: &'n Node, keys: &[&str]) -> Option<&'n Node> {
    keys.iter().find_map(|k| container.get(k))
}

fn check(ctx: &mut Context<'_>) {
    for task in workloads::TASK_DEFINITIONS {
        for r in ctx
            .resources(std::slice::from_ref(&task.kind))
            .collect::<Vec<_>>()
        {
            if let Some(m) = r.get(task.network_mode)
                && m.as_str() == Some("host")
            {
                ctx.report(
                    r,
                    m.span,
                    format!("`{}` uses the host network mode", r.address),
                );
            }
            let Some(defs) = r.get(task.containers) else {
                continue;
            };
            if defs.is_unknown() {
                ctx.unknown(r, defs);
                continue;
            }
            for container in containers(defs) {
                judge(ctx, r, &container);
            }
        }
    }
}
