use crate::aws::identity::{
    DECRYPT_ON_READ, KEY_ACCESS, READABLE_STORES, ROLE_GRANTS, STORE_POLICY_TARGETS,
    StoreKeySetting,
};
use crate::aws::workloads::{
    IdentityRef, NETWORKED_WORKLOADS, WORKLOAD_IDENTITIES, identity_of, role_of_profile,
};
use crate::aws::{self, Catalog, Setting, identity, s3};
use crate::graph::grants::{Access, RoleGrants, StoreTarget, Stores};
use crate::graph::key_access::{KeyAccess, NamedKey};
use crate::graph::policy::{self, Effect, PolicyKind};
use crate::graph::reachability::{Hop, Step, describe};
use crate::graph::{Model, Node, Resource, ResourceId, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};
use crate::source::Span;
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    id: "ZT-IAM-018",
    name: "internet-reachable-workload-reads-private-data-store",
    pillar: Pillar::Identity,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "A workload the internet reaches runs with a role that can read a data store of the configuration",
    page: rule_page!("identity/internet_workload_reads_private_store.md"),
    check,
};

/// The role a workload runs with: a role of the model (an instance profile stands for its
/// role), or why it is not known.
fn role_of(model: &Model, named: &IdentityRef<'_>) -> Result<ResourceId, Node> {
    let node = match named {
        IdentityRef::Named(node) => *node,
        IdentityRef::Unresolved(node) => {
            return Err(Node::unknown(
                "the launch template or task definition is not in the configuration, so the workload's role is unknown",
                node.span,
            ));
        }
    };
    let outside = || {
        Node::unknown(
            "the workload's role is not in the configuration, so its permissions are unknown",
            node.span,
        )
    };
    let id = model.resolve(node).ok_or_else(outside)?;
    let r = model.get(id).ok_or_else(outside)?;
    if identity::ROLES.contains(&r.kind.as_str()) {
        return Ok(id);
    }
    role_of_profile(model, r).ok_or_else(outside)
}

/// What a store's own resource policy says, as far as this rule needs it.
struct StorePolicy {
    /// It lets anyone in (`Yes`) or may (`Unknown`): the store is public itself.
    public: Truth,
    /// A `Deny` that may refuse the role's request, which the rule does not evaluate.
    deny: Option<Span>,
}

/// Condition keys a `Deny` may test without refusing a workload's ordinary request: requests
/// over TLS, as every AWS SDK sends them.
const ORDINARY_REQUEST_KEYS: &[&str] = &["aws:securetransport"];

/// The resource policies of the model's stores, by store.
fn store_policies(model: &Model) -> HashMap<ResourceId, StorePolicy> {
    let mut out: HashMap<ResourceId, StorePolicy> = HashMap::new();
    for attached in policy::attached_policies(model, &crate::aws::identity::POLICIES) {
        if attached.kind != PolicyKind::Resource {
            continue;
        }
        let holder = attached.resource;
        let target = match STORE_POLICY_TARGETS.iter().find(|(k, _)| *k == holder.kind) {
            Some((_, attribute)) => holder.get(attribute).and_then(|n| model.resolve(n)),
            None => model.by_address(&holder.address),
        };
        let Some(target) = target else { continue };
        let entry = out.entry(target).or_insert(StorePolicy {
            public: Truth::No,
            deny: None,
        });
        if attached.document.incomplete {
            entry.public = entry.public.or(Truth::Unknown);
            entry.deny.get_or_insert(holder.span);
        }
        for s in &attached.document.statements {
            if let Some((_, narrowed)) = s.open_to_anyone() {
                entry.public = entry.public.or(narrowed.negate());
            }
            let ordinary = s.conditions().is_some_and(|c| {
                !c.is_empty()
                    && c.iter()
                        .all(|e| ORDINARY_REQUEST_KEYS.contains(&e.key.as_str()))
            });
            if s.effect != Effect::Allow && !ordinary {
                entry.deny.get_or_insert(s.span);
            }
        }
    }
    out
}

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    // Behind an internet-facing load balancer counts: the classic web tier reading its table.
    let reach = ctx.reachability_through_load_balancers();
    let grants = RoleGrants::new(model, &ROLE_GRANTS);
    let policies = store_policies(model);
    let catalog = Catalog::new(model);
    let keys = KeyAccess::new(model, &KEY_ACCESS);
    let stores = Stores::new(model, READABLE_STORES);
    if stores.is_empty() {
        return;
    }
    // What each role can read, worked out once however many workloads share it.
    let mut by_role: HashMap<ResourceId, Readable> = HashMap::new();
    let kinds: Vec<&str> = WORKLOAD_IDENTITIES.iter().map(|w| w.kind).collect();
    for (id, workload) in model.of_kind(&kinds) {
        if !workload.is_managed() {
            continue;
        }
        let Some(named) = identity_of(model, workload) else {
            continue;
        };
        let Some(exposure) = reach.exposure(id, workload, NETWORKED_WORKLOADS) else {
            continue;
        };
        let hops = match exposure {
            Step::Closed => continue,
            Step::Undecided(node) => {
                // Undecided only when it matters: the role may read a store.
                if let Ok(role) = role_of(model, &named) {
                    let (readable, unread) = reads(&grants, &mut by_role, &stores, role);
                    if !readable.is_empty() || unread.is_some() {
                        ctx.unknown(workload, &node);
                    }
                }
                continue;
            }
            Step::Open(hops) => hops,
        };
        let role = match role_of(model, &named) {
            Ok(role) => role,
            Err(why) => {
                ctx.unknown(workload, &why);
                continue;
            }
        };
        let named_span = match named {
            IdentityRef::Named(n) | IdentityRef::Unresolved(n) => n.span,
        };
        let (readable, unread) = reads(&grants, &mut by_role, &stores, role);
        let mut undecided = unread.clone();
        for (i, access) in readable {
            let Some(store) = stores.targets.get(*i) else {
                continue;
            };
            let own = policies.get(&store.id);
            if own.is_some_and(|p| p.public == Truth::Yes) {
                continue;
            }
            let (span, label) = match access {
                Access::Denied => continue,
                Access::Undecided(why) => {
                    undecided.get_or_insert_with(|| why.clone());
                    continue;
                }
                Access::Granted { span, label } => (*span, label),
            };
            if let Some(why) = unsettled(store.resource, own) {
                undecided.get_or_insert(why);
                continue;
            }
            let through = match key_gate(model, &catalog, &keys, &grants, role, store.resource) {
                KeyGate::Open => None,
                KeyGate::Through { span, label, key } => Some((span, label, key)),
                KeyGate::Closed => continue,
                KeyGate::Undecided(why) => {
                    undecided.get_or_insert(why);
                    continue;
                }
            };
            let read = (span, label.as_str());
            report(ctx, workload, named_span, &hops, role, store, read, through);
        }
        if let Some(why) = undecided {
            ctx.unknown(workload, &why);
        }
    }
}

/// Why a read the role's policies allow may still be refused by the store, not followed here:
/// a resource policy that may make it public or that denies something.
fn unsettled(store: &Resource, own: Option<&StorePolicy>) -> Option<Node> {
    if let Some(own) = own {
        if own.public == Truth::Unknown {
            return Some(Node::unknown(
                "whether the store's resource policy makes it public is not known statically",
                store.span,
            ));
        }
        if let Some(span) = own.deny {
            return Some(Node::unknown(
                "the store's resource policy denies some requests, which zt-lint does not evaluate for the role",
                span,
            ));
        }
    }
    None
}

/// What the store's KMS key adds to the read.
enum KeyGate<'a> {
    /// No customer-managed key: the store's read action is enough.
    Open,
    /// The role may decrypt with the key too, allowed by the element at `span`.
    Through {
        span: Span,
        label: String,
        key: &'a Resource,
    },
    /// The role may not decrypt with the key: it cannot read the store.
    Closed,
    Undecided(Node),
}

/// Does reading `store` need a customer-managed key, and may `role` use it? A service that
/// decrypts on the reader's behalf (S3, Secrets Manager, DynamoDB) needs `kms:Decrypt` of the
/// reader, through that service; a store whose service is not known to stays undecided under
/// such a key.
fn key_gate<'a>(
    model: &'a Model,
    catalog: &Catalog<'_>,
    keys: &KeyAccess<'a>,
    grants: &RoleGrants<'_>,
    role: ResourceId,
    store: &'a Resource,
) -> KeyGate<'a> {
    let how = DECRYPT_ON_READ.iter().find(|d| d.kind == store.kind);
    // A bucket's default encryption applies only to uploads that ask for none: objects written
    // with SSE-S3, another key or before the default was set need no `kms:Decrypt` on it.
    let default_only =
        how.is_some_and(|d| matches!(d.setting, StoreKeySetting::BucketDefaultEncryption));
    if let Some(how) = how {
        let setting = match store_key(model, store, &how.setting) {
            Ok(setting) => setting,
            Err(why) => return KeyGate::Undecided(why),
        };
        let Some(setting) = setting else {
            return KeyGate::Open;
        };
        return match keys.named(setting) {
            NamedKey::AwsManaged => KeyGate::Open,
            NamedKey::Unknown(why) => KeyGate::Undecided(why),
            NamedKey::Key(id, key) => {
                match keys.can_decrypt(grants, role, id, key, how.via_service) {
                    Access::Granted { span, label } => KeyGate::Through { span, label, key },
                    Access::Denied if default_only => KeyGate::Undecided(Node::unknown(
                        "the role may not decrypt with the bucket's default key, but objects written with other encryption need no access to it",
                        key.span,
                    )),
                    Access::Denied => KeyGate::Closed,
                    Access::Undecided(why) => KeyGate::Undecided(why),
                }
            }
        };
    }
    match catalog
        .customer_managed_keys(store)
        .into_iter()
        .find(|k| !k.state.is_no())
    {
        Some(key) => KeyGate::Undecided(Node::unknown(
            "the store may be encrypted with a customer-managed key, and whether the role may use the key is not followed for this store",
            key.span,
        )),
        None => KeyGate::Open,
    }
}

/// The key setting that encrypts `store`: `None` when no key is named (a key AWS owns or
/// manages), `Err` when whether the setting applies is not known statically.
fn store_key<'a>(
    model: &'a Model,
    store: &'a Resource,
    how: &StoreKeySetting,
) -> Result<Option<&'a Node>, Node> {
    let given = |v: &&Node| v.is_given() != Truth::No;
    Ok(match how {
        StoreKeySetting::BucketDefaultEncryption => s3::default_encryption_key(model, store),
        StoreKeySetting::Written(path) => match aws::setting(store, path) {
            Setting::Value(v) => Some(v).filter(given),
            Setting::UnknownBlock(v) => return Err(Node::unknown(aws::UNKNOWN_BLOCK, v.span)),
            Setting::Absent => None,
        },
        StoreKeySetting::WrittenWhenEnabled { enabled, key } => {
            let on = match aws::setting(store, enabled) {
                Setting::Value(v) => v,
                Setting::UnknownBlock(v) => return Err(Node::unknown(aws::UNKNOWN_BLOCK, v.span)),
                Setting::Absent => return Ok(None),
            };
            match on.truth() {
                Truth::No => None,
                Truth::Unknown => {
                    return Err(Node::unknown(
                        "whether the store is encrypted with the key it names is not known statically",
                        on.span,
                    ));
                }
                Truth::Yes => match aws::setting(store, key) {
                    Setting::Value(v) => Some(v).filter(given),
                    Setting::UnknownBlock(v) => {
                        return Err(Node::unknown(aws::UNKNOWN_BLOCK, v.span));
                    }
                    Setting::Absent => None,
                },
            }
        }
    })
}

/// The stores a role can read or may read, and a grant that could not be read.
type Readable = (Vec<(usize, Access)>, Option<Node>);

/// What `role` can read, worked out once per role.
fn reads<'m>(
    grants: &RoleGrants<'_>,
    by_role: &'m mut HashMap<ResourceId, Readable>,
    stores: &Stores<'_>,
    role: ResourceId,
) -> &'m Readable {
    by_role
        .entry(role)
        .or_insert_with(|| grants.readable(role, stores))
}

#[allow(clippy::too_many_arguments)]
fn report(
    ctx: &mut Context<'_>,
    workload: &Resource,
    named_span: crate::source::Span,
    reached: &[Hop],
    role: ResourceId,
    store: &StoreTarget<'_>,
    (grant_span, grant_label): (Span, &str),
    key: Option<(Span, String, &Resource)>,
) {
    let Some(role) = ctx.model.get(role) else {
        return;
    };
    let mut hops = reached.to_vec();
    hops.push(Hop {
        label: role.address.clone(),
        span: named_span,
        note: format!(
            "`{}` runs with the role `{}`",
            workload.address, role.address
        ),
    });
    hops.push(Hop {
        label: grant_label.to_string(),
        span: grant_span,
        note: format!(
            "lets `{}` read `{}` ({grant_label})",
            role.address, store.resource.address
        ),
    });
    if let Some((span, label, key)) = key {
        hops.push(Hop {
            label: label.clone(),
            span,
            note: format!(
                "lets `{}` decrypt with `{}` ({label})",
                role.address, key.address
            ),
        });
        hops.push(Hop {
            label: key.address.clone(),
            span: key.span,
            note: format!(
                "the customer-managed key `{}` encrypts `{}`",
                key.address, store.resource.address
            ),
        });
    }
    hops.push(Hop {
        label: store.resource.address.clone(),
        span: store.resource.span,
        note: format!("the data store `{}` is read", store.resource.address),
    });
    let message = format!(
        "`{}` is reachable from the internet and its role `{}` can read `{}`: {}",
        workload.address,
        role.address,
        store.resource.address,
        describe(&hops)
    );
    ctx.report_path(workload, named_span, message, hops);
}
