use crate::aws::workloads::{
    IdentityRef, NETWORKED_WORKLOADS, WORKLOAD_IDENTITIES, identity_of, role_of_profile,
};
use crate::graph::reachability::{Step, describe};
use crate::graph::{Model, Node, Resource, ResourceId};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    id: "ZT-NET-024",
    name: "identity-shared-by-internet-reachable-and-private-workloads",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "A private workload runs with the same IAM role or instance profile as a workload the internet reaches",
    page: rule_page!("network/identity_shared_across_exposure.md"),
    check,
};

/// One identity, however it is named: a resource of the model (a profile stands for its
/// role), or a name or ARN written as text.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Identity {
    Resource(ResourceId),
    Text(String),
}

fn identity(model: &Model, node: &Node) -> Option<Identity> {
    if let Some(id) = model.resolve(node) {
        let role = model.get(id).and_then(|p| role_of_profile(model, p));
        return Some(Identity::Resource(role.unwrap_or(id)));
    }
    node.as_str().map(|s| Identity::Text(s.to_string()))
}

struct Workload<'a> {
    resource: &'a Resource,
    named: &'a Node,
    exposure: Step,
}

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    let reach = ctx.reachability_through_load_balancers();
    let kinds: Vec<&str> = WORKLOAD_IDENTITIES.iter().map(|w| w.kind).collect();
    let mut workloads: Vec<(Identity, Workload<'_>)> = Vec::new();
    let mut unnamed: Vec<(&Resource, Node, Step)> = Vec::new();
    for (id, r) in model.of_kind(&kinds) {
        if !r.is_managed() {
            continue;
        }
        let Some(named) = identity_of(model, r) else {
            continue;
        };
        let Some(exposure) = reach.exposure(id, r, NETWORKED_WORKLOADS) else {
            continue;
        };
        match named {
            IdentityRef::Named(node) => match identity(model, node) {
                Some(key) => workloads.push((
                    key,
                    Workload {
                        resource: r,
                        named: node,
                        exposure,
                    },
                )),
                None => unnamed.push((r, node.clone(), exposure)),
            },
            IdentityRef::Unresolved(node) => unnamed.push((
                r,
                Node::unknown(
                    "the launch template or task definition is not in the configuration, so the workload's role is unknown",
                    node.span,
                ),
                exposure,
            )),
        }
    }
    // The first reachable (and undecided) workload of each identity, in model order.
    let mut reachable: HashMap<&Identity, usize> = HashMap::new();
    let mut undecided: HashMap<&Identity, usize> = HashMap::new();
    for (i, (key, w)) in workloads.iter().enumerate() {
        match w.exposure {
            Step::Open(_) => {
                reachable.entry(key).or_insert(i);
            }
            Step::Undecided(_) => {
                undecided.entry(key).or_insert(i);
            }
            Step::Closed => {}
        }
    }
    for (key, w) in &workloads {
        let shared_with = |by: &HashMap<&Identity, usize>| {
            by.get(key)
                .and_then(|&i| workloads.get(i))
                .filter(|(_, other)| !std::ptr::eq(other.resource, w.resource))
                .map(|(_, other)| other)
        };
        match &w.exposure {
            Step::Closed => {
                if let Some(exposed) = shared_with(&reachable) {
                    report(ctx, w, exposed);
                } else if let Some(Workload {
                    exposure: Step::Undecided(node),
                    ..
                }) = shared_with(&undecided)
                {
                    ctx.unknown(w.resource, node);
                }
            }
            Step::Undecided(node) if shared_with(&reachable).is_some() => {
                ctx.unknown(w.resource, node);
            }
            _ => {}
        }
    }
    if !reachable.is_empty() {
        for (r, node, exposure) in unnamed {
            if !matches!(exposure, Step::Open(_)) {
                ctx.unknown(r, &node);
            }
        }
    }
}

fn report(ctx: &mut Context<'_>, private: &Workload<'_>, exposed: &Workload<'_>) {
    let Step::Open(hops) = &exposed.exposure else {
        return;
    };
    let message = format!(
        "`{}` is not reachable from the internet but runs with the same IAM identity as `{}`, which is: {}",
        private.resource.address,
        exposed.resource.address,
        describe(hops)
    );
    // The exposed workload's path is drawn like any other; the identity it shares comes first
    // among the related locations.
    ctx.report_path(private.resource, private.named.span, message, hops.to_vec());
    if let Some(finding) = ctx.findings.last_mut() {
        finding.related.insert(
            0,
            (
                exposed.named.span,
                format!(
                    "`{}`, reachable from the internet, runs with this identity",
                    exposed.resource.address
                ),
            ),
        );
    }
}
