use crate::aws::identity::{
    DECRYPT_ON_READ, KEY_ACCESS, READABLE_STORES, ROLE_GRANTS, STORE_POLICY_TARGETS,
    StoreKeySetting,
};
use crate::aws::workloads::{
    IdentityRef, NETWORKED_WORKLOADS, WORKLOAD_IDENTITIES, identity_of, role_of_profile,
};
use crate::aws::{Catalog, s3};
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
    docs: r#"
## What it checks
Workloads the internet reaches whose IAM role can read a data store of the same configuration
that is not public itself: "the web tier can read the orders table". The path is followed from
the internet to the workload (as in `ZT-NET-023`: a route to an internet gateway, the network
ACL, the security groups, a public address), to the role it runs with (an EC2 instance's or
launch template's instance profile, an ECS service's or task set's task role, a Lambda
function's role), to
the policy statement that grants the read, to the store.

Stores and their read actions: S3 buckets (`s3:GetObject` on an object of the bucket),
DynamoDB tables (`GetItem`, `BatchGetItem`, `Query`, `Scan`) and Secrets Manager secrets
(`GetSecretValue`). A statement grants the read when it is an `Allow` whose `Action` covers one
of them (`*`, `s3:*`, `s3:Get*`, or a `NotAction` that leaves it out) and whose `Resource`
names the store: `*`, an ARN pattern that matches the store's ARN whatever its region and
account, a reference to the store's ARN (`"${aws_s3_bucket.orders.arn}/*"`, `!Sub
"${Orders.Arn}/*"`, `!GetAtt Table.Arn`) or name (`arn:aws:s3:::${Bucket}/*`), or a
`NotResource` that leaves the store out. Policies reach the role inline (`inline_policy`,
`Policies`), through `aws_iam_role_policy`, `AWS::IAM::Policy` / `ManagedPolicy` / `RolePolicy`,
and as managed policies (`managed_policy_arns`, `aws_iam_role_policy_attachment`,
`aws_iam_policy_attachment`, `ManagedPolicyArns`). Of the AWS managed policies, the grants of
`AdministratorAccess`, `ReadOnlyAccess`, `AmazonS3ReadOnlyAccess`, `AmazonS3FullAccess`,
`AmazonDynamoDBReadOnlyAccess`, `AmazonDynamoDBFullAccess` and `SecretsManagerReadWrite` are
known, and so are those of the policies workloads carry to run, which read none of the stores
this rule knows (S3, DynamoDB, Secrets Manager):
`AmazonSSMManagedInstanceCore`, `CloudWatchAgentServerPolicy`,
`AmazonEC2ContainerRegistryReadOnly`, `AWSLambdaBasicExecutionRole`,
`AWSLambdaVPCAccessExecutionRole`, `AmazonECSTaskExecutionRolePolicy`,
`AmazonEKS_CNI_Policy` and `AWSXRayDaemonWriteAccess` (as the AWS Managed Policy Reference
publishes them, in any partition: `${AWS::Partition}` is fine). `AmazonEKSWorkerNodePolicy` is
not among them: with it a node takes the credentials of its pods' roles, so a role carrying it
is undecided. A
`Deny` statement of the role's policies that covers the same read removes it, and so
does a permissions boundary that does not allow it.

## Customer-managed keys
S3 (an object under SSE-KMS) and Secrets Manager decrypt with the store's KMS key on the
reader's behalf, so a reader needs `kms:Decrypt` on a customer-managed key as well as the
store's read action. The key a bucket's default encryption (`kms_master_key_id`,
`KMSMasterKeyID`) or a secret (`kms_key_id`, `KmsKeyId`) names is followed, through an alias
(`aws_kms_alias`, `AWS::KMS::Alias`), to the key of the configuration. When its key policy is
the default one (none written: `aws_kms_key` without `policy`, `AWS::KMS::Key` without
`KeyPolicy`, a policy the provider computes in a plan) or only gives the key to the account
root, IAM decides: the role reads the store when its policies (and its permissions boundary)
also allow `kms:Decrypt` on the key (`*`, `arn:aws:kms:*:*:key/*`, a reference to the key's
ARN), and cannot read it otherwise, which is neither a finding nor undecided. A key policy
statement naming the role itself with `kms:Decrypt` lets it decrypt. Statements giving the key
to other roles or users of the configuration or to services change nothing for the role.
Undecided, with the key named: a key policy with a `Deny`, a `Condition`, a principal that is
neither the account nor a role or user of the configuration, or one not known statically; a
grant on the key (`aws_kms_grant`); a key outside the configuration (a literal ARN, a data
source, a variable). DynamoDB uses a grant of its own on a table's key and its documentation
does not say the reader needs `kms:Decrypt`: a table under a customer-managed key stays
undecided. A bucket's default encryption covers objects written without encryption headers; an
object uploaded with a key of its own is not seen.

The finding is on the workload, at the setting that names its identity, with the path:
`internet → ... → aws_instance.web (public address) → aws_iam_role.web → policy statement
allowing s3:GetObject → aws_s3_bucket.orders`, and every hop as a related location. Under a
customer-managed key the path goes on through the statement that allows `kms:Decrypt` and the
key before the store.

## What is undecided
Never a finding, listed by `--show-unknown`: a workload whose reachability is not known; a role
outside the configuration; a managed policy outside it whose grants zt-lint does not know; a
policy, action or resource not known statically (a variable); an ARN pattern that names the
store only for some region or account (`arn:aws:dynamodb:us-east-1:111122223333:table/orders`
when the deployment's are not known); a statement with a `Condition`; a store whose public
access through its resource policy is not known; a store whose resource policy has a `Deny`
(other than one refusing requests without TLS, `aws:SecureTransport`, which no SDK sends). Not
followed: service control policies, session policies,
and resource policies that grant the role. A store whose resource policy already lets anyone
read it is public, which `ZT-DAT-006` reports; it is not judged here.

Not judged: roles of EKS service accounts (trusted through the cluster's OIDC provider) and of
CI jobs (GitHub's `token.actions.githubusercontent.com`). A service account's pods run on the
cluster's nodes, but which node, and whether a Kubernetes service or ingress exposes them, is
not in the AWS configuration; the exposure paths do not follow EKS node groups either. A role
GitHub OIDC tokens may assume without a condition on `sub` can be assumed from any repository,
which `ZT-IAM-006` reports on the role itself, whatever it can read; with a `sub` condition,
only the named repositories' workflows get its credentials, which is not the internet.

## Why it matters
Whoever takes over the internet-facing workload gets its role's credentials from the instance
metadata service or the container credentials endpoint. Every store the role can read is then
one compromise from the internet, however private its network is. Zero trust keeps the
internet-facing tier's identity away from the data, behind a service that authorizes each
request.

## How to fix
Take the read permission off the internet-facing workload's role (give the component that needs
the data its own role, behind a private service), narrow `Resource` to what the workload must
read, or take the workload off the internet.

## References
- AWS Well-Architected, SEC03-BP02 (grant least privilege access)
- IAM User Guide, "Policy evaluation logic"
"#,
    fix_terraform: "remove the read of the data store from the role of the internet-facing workload, or narrow the statement's resources",
    fix_cloudformation: "remove the read of the data store from the role of the internet-facing workload, or narrow the statement's resources",
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
    if r.kind == "aws_iam_role" || r.kind == "AWS::IAM::Role" {
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
    for attached in policy::attached_policies(model) {
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
/// decrypts on the reader's behalf (S3, Secrets Manager) needs `kms:Decrypt` of the reader;
/// a store whose service is not known to (DynamoDB) stays undecided under such a key.
fn key_gate<'a>(
    model: &'a Model,
    catalog: &Catalog<'_>,
    keys: &KeyAccess<'a>,
    grants: &RoleGrants<'_>,
    role: ResourceId,
    store: &'a Resource,
) -> KeyGate<'a> {
    let setting = DECRYPT_ON_READ
        .iter()
        .find(|(kind, _)| *kind == store.kind)
        .and_then(|(_, setting)| match setting {
            StoreKeySetting::BucketDefaultEncryption => bucket_key(model, store),
            StoreKeySetting::Written(path) => {
                let (first, rest) = path.split_first()?;
                store
                    .get(first)?
                    .path(rest)
                    .filter(|v| v.is_given() != Truth::No)
            }
        });
    if let Some(setting) = setting {
        return match keys.named(setting) {
            NamedKey::AwsManaged => KeyGate::Open,
            NamedKey::Unknown(why) => KeyGate::Undecided(why),
            NamedKey::Key(id, key) => match keys.can_decrypt(grants, role, id, key) {
                Access::Granted { span, label } => KeyGate::Through { span, label, key },
                Access::Denied => KeyGate::Closed,
                Access::Undecided(why) => KeyGate::Undecided(why),
            },
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

/// The KMS key a bucket's default encryption names, inline or in its own resource.
fn bucket_key<'a>(model: &'a Model, bucket: &'a Resource) -> Option<&'a Node> {
    let inline = s3::bucket(&bucket.kind)?;
    let split = &s3::ENCRYPTION_CONFIGURATIONS;
    let mut configs: Vec<&Node> = bucket.get(inline.encryption).into_iter().collect();
    if let Some(id) = model.by_address(&bucket.address) {
        for (_, config) in model.configuring(id, split.by, split.attribute) {
            configs.extend(config.get("rule"));
        }
    }
    configs.into_iter().find_map(|c| named_key(c, 0))
}

/// A given KMS key argument anywhere in an encryption configuration (bounded depth).
fn named_key(node: &Node, depth: usize) -> Option<&Node> {
    if depth > 8 {
        return None;
    }
    if let Some(map) = node.as_map() {
        for (key, value) in map.iter() {
            if s3::ENCRYPTION_KEY_ARGUMENTS.contains(&key) && value.is_given() != Truth::No {
                return Some(value);
            }
            if let Some(span) = named_key(value, depth + 1) {
                return Some(span);
            }
        }
        return None;
    }
    node.as_list()?
        .iter()
        .find_map(|item| named_key(item, depth + 1))
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
