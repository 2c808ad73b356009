use crate::aws::workloads;
use crate::graph::{Node, Resource, Truth};
use crate::rules::containers::{field, judge_task_containers};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-010",
    name: "container-root-filesystem-writable",
    pillar: Pillar::Workload,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Container can write to its root file system",
    page: rule_page!("workload/container_root_filesystem_writable.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for task in workloads::TASK_DEFINITIONS {
        for r in ctx
            .resources(std::slice::from_ref(&task.kind))
            .collect::<Vec<_>>()
        {
            if let Some(defs) = r.get(task.containers) {
                judge_task_containers(ctx, r, defs, |ctx, container| {
                    judge(ctx, r, container);
                });
            }
        }
    }
}

/// Reports a container that may write to its root file system.
fn judge(ctx: &mut Context<'_>, r: &Resource, container: &Node) {
    let name = field(container, workloads::CONTAINER_NAME)
        .and_then(Node::as_str)
        .unwrap_or("a container");
    match field(container, workloads::CONTAINER_READONLY_ROOT) {
                    None => ctx.report(
                        r,
                        container.span,
                        format!(
                            "`{}` lets {name} write to its root file system (readonlyRootFilesystem is not set)",
                            r.address
                        ),
                    ),
                    Some(v) => match v.truth() {
                        Truth::Yes => {}
                        Truth::No if v.is_null() => ctx.report(
                            r,
                            container.span,
                            format!(
                                "`{}` lets {name} write to its root file system (readonlyRootFilesystem is not set)",
                                r.address
                            ),
                        ),
                        Truth::No => ctx.report(
                            r,
                            v.span,
                            format!("`{}` lets {name} write to its root file system", r.address),
                        ),
                        Truth::Unknown => ctx.unknown(r, v),
                    },
                }
}
