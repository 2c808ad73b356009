use crate::aws::workloads;
use crate::fix::{Change, Literal};
use crate::graph::{Node, Resource, Truth};
use crate::rules::containers::{ecs_tasks, field, judge_task_containers};
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-003",
    name: "ecs-container-privileged",
    pillar: Pillar::Workload,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Container runs privileged, as root, or in the host's network, process or IPC namespace",
    page: rule_page!("workload/ecs_container_privileged.md"),
    check,
};

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

const PROCESS_NAMESPACE: &str = "process namespace";
const IPC_NAMESPACE: &str = "IPC namespace (shared memory, semaphores)";

/// A task's network, process or IPC mode: `host` shares that namespace with the host.
fn judge_host_mode(ctx: &mut Context<'_>, r: &Resource, mode: &Node, what: &str) {
    match mode.as_str() {
        Some("host") => ctx.report(
            r,
            mode.span,
            format!("`{}` shares the host's {what}", r.address),
        ),
        Some(_) => {}
        // A plan's mode that no expression sets is the provider's default.
        None if mode.is_unknown() && !mode.is_unset() => ctx.unknown(r, mode),
        None => {}
    }
}

fn check(ctx: &mut Context<'_>) {
    for task in workloads::TASK_DEFINITIONS {
        for r in ctx
            .resources(std::slice::from_ref(&task.kind))
            .collect::<Vec<_>>()
        {
            for (mode, what) in [
                (task.network_mode, "network stack"),
                (task.pid_mode, PROCESS_NAMESPACE),
                (task.ipc_mode, IPC_NAMESPACE),
            ] {
                if let Some(m) = mode.and_then(|k| r.get(k)) {
                    judge_host_mode(ctx, r, m, what);
                }
            }
            if let Some(defs) = r.get(task.containers) {
                judge_task_containers(ctx, r, defs, |ctx, container| judge(ctx, r, container));
            }
        }
    }
    for (kind, key) in workloads::BATCH_ECS_PROPERTIES {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            let Some(properties) = r.get(key).filter(|v| !v.is_null() && !v.is_unset()) else {
                continue;
            };
            for task in ecs_tasks(properties, workloads::ECS_TASK_PROPERTIES) {
                if task.is_unknown() {
                    ctx.unknown(r, &task);
                    continue;
                }
                for (keys, what) in [
                    (workloads::ECS_TASK_PID_MODE, PROCESS_NAMESPACE),
                    (workloads::ECS_TASK_IPC_MODE, IPC_NAMESPACE),
                ] {
                    if let Some(m) = field(&task, keys) {
                        judge_host_mode(ctx, r, m, what);
                    }
                }
                if let Some(defs) = field(&task, workloads::ECS_TASK_CONTAINERS) {
                    judge_task_containers(ctx, r, defs, |ctx, container| judge(ctx, r, container));
                }
            }
        }
    }
    for build in workloads::PRIVILEGED_BUILDS {
        for r in ctx
            .resources(std::slice::from_ref(&build.kind))
            .collect::<Vec<_>>()
        {
            let (Setting::Value(v) | Setting::UnknownBlock(v)) = setting(r, build.path) else {
                continue;
            };
            match v.truth() {
                Truth::Yes => ctx.report(
                    r,
                    v.span,
                    format!("`{}` runs its builds in privileged mode", r.address),
                ),
                Truth::Unknown => ctx.unknown(r, v),
                Truth::No => {}
            }
        }
    }
}
