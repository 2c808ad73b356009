//! What a role's identity policies let it read: the policies granted to each role (inline,
//! attached by reference or by ARN, AWS managed ones whose grants are well known), its
//! permissions boundary, and whether their statements allow a data store's read actions on the
//! store's ARN. The catalog (`aws::identity`) says where each of these is written; this module
//! reads them once per model.

use super::policy::{self, Effect, PolicyKind, Statement};
use super::{Model, Node, Resource, ResourceId, Truth, Value};
use crate::source::Span;
use std::collections::HashMap;

/// A data store whose contents are read through its service's API with IAM authorization,
/// and how its ARN is built.
pub struct ReadableStore {
    pub kind: &'static str,
    /// The ARN up to the store's name. `{region}` and `{account}` stand for the deployment's.
    pub arn_prefix: &'static str,
    /// Where the store's name is written; absent, AWS generates one (unknown).
    pub name: &'static [&'static str],
    /// What AWS appends to the name in the ARN (`-{random}`: six random characters of a secret).
    pub arn_suffix: &'static str,
    /// What a read action names after the store's ARN (`/{any}`: a key of an S3 object).
    pub item: &'static str,
    pub read_actions: &'static [&'static str],
    /// Attributes a reference reads the store's ARN from; `""` is a CloudFormation `Ref`.
    pub arn_attributes: &'static [&'static str],
    /// Attributes a reference reads the store's name from.
    pub name_attributes: &'static [&'static str],
}

/// Where policies are granted to roles: `(type, attribute naming the roles, attribute holding
/// managed policy ARNs)`. An empty roles attribute means the resource is the role; the
/// resource's own identity policy documents go to the roles too.
pub struct RolePolicyLink {
    pub kind: &'static str,
    pub roles: &'static str,
    pub policy_arns: Option<&'static str>,
}

/// An AWS managed policy whose grant is well known: the actions it allows on every resource
/// (`"Resource": "*"`), and those it allows only on some resources, which leave a store's read
/// undecided rather than granted.
pub struct KnownManagedPolicy {
    /// The name after `arn:aws:iam::aws:policy/`, with its path (`service-role/...`).
    pub name: &'static str,
    pub actions: &'static [&'static str],
    pub scoped: &'static [&'static str],
}

impl KnownManagedPolicy {
    /// Does one of `patterns` cover `action` (IAM action names are case-insensitive)?
    fn covers(patterns: &[&str], action: &str) -> bool {
        let action = action.to_ascii_lowercase();
        patterns
            .iter()
            .any(|p| policy::wildcard_match(&p.to_ascii_lowercase(), &action))
    }

    /// Allowed on every resource.
    pub fn allows(&self, action: &str) -> bool {
        Self::covers(self.actions, action)
    }

    /// Allowed on some resources only, which the catalog does not spell out.
    pub fn allows_somewhere(&self, action: &str) -> bool {
        Self::covers(self.scoped, action)
    }
}

/// Where the catalog says managed policies are read, for roles and users alike.
pub struct ManagedPolicyCatalog {
    /// Customer managed policies: types an ARN may resolve to.
    pub kinds: &'static [&'static str],
    /// AWS managed policies whose grants are known.
    pub known: &'static [KnownManagedPolicy],
    /// Where identity policy documents are written.
    pub policies: &'static policy::PolicyCatalog,
}

/// Where the catalog says grants are written.
pub struct GrantCatalog {
    pub links: &'static [RolePolicyLink],
    /// `(role type, attribute)` of a role's permissions boundary.
    pub boundaries: &'static [(&'static str, &'static str)],
    pub managed: &'static ManagedPolicyCatalog,
}

/// One policy, or one statement of a policy, that reaches a principal (a role, a user, a group).
#[derive(Clone)]
pub enum PolicyGrant<'a> {
    Statement(&'a Statement),
    /// An AWS managed policy whose grants are known (`at` is where its ARN is written). None of
    /// them has a condition.
    Managed {
        at: &'a Node,
        policy: &'static KnownManagedPolicy,
    },
    /// A policy that could not be read (or, for a user, a group whose policies are not known):
    /// it may allow or deny anything. The node is unknown, with a reason that names it.
    Unknown(Node),
}

/// What one policy document contributes: its statements, and an unknown for what is not read.
fn push_document<'a>(
    out: &mut Vec<PolicyGrant<'a>>,
    holder: &Resource,
    doc: &'a policy::PolicyDocument,
) {
    if let Some(unread) = &doc.unread {
        out.push(PolicyGrant::Unknown(unread.clone()));
        return;
    }
    if doc.incomplete {
        out.push(PolicyGrant::Unknown(Node::unknown(
            format!(
                "a statement of the policy of `{}` is not known statically",
                holder.address
            ),
            holder.span,
        )));
    }
    out.extend(doc.statements.iter().map(PolicyGrant::Statement));
}

/// The identity policies of a model by the address of the resource that holds them, and the
/// grants of managed policies named by ARN: read once per model, for roles and users alike.
pub struct ManagedPolicies<'a> {
    model: &'a Model,
    kinds: &'static [&'static str],
    known: &'static [KnownManagedPolicy],
    documents: HashMap<&'a str, Vec<&'a policy::PolicyDocument>>,
}

impl<'a> ManagedPolicies<'a> {
    pub fn new(model: &'a Model, catalog: &'static ManagedPolicyCatalog) -> ManagedPolicies<'a> {
        let mut documents: HashMap<&str, Vec<&'a policy::PolicyDocument>> = HashMap::new();
        for attached in policy::attached_policies(model, catalog.policies) {
            if attached.kind == PolicyKind::Identity {
                documents
                    .entry(attached.resource.address.as_str())
                    .or_default()
                    .push(attached.document);
            }
        }
        ManagedPolicies {
            model,
            kinds: catalog.kinds,
            known: catalog.known,
            documents,
        }
    }

    /// What a resource that grants policies gives: its own identity policy documents and the
    /// managed policies its `policy_arns` attribute names.
    pub fn granted_by(
        &self,
        holder: &'a Resource,
        policy_arns: Option<&str>,
    ) -> Vec<PolicyGrant<'a>> {
        let mut found = Vec::new();
        for doc in self
            .documents
            .get(holder.address.as_str())
            .into_iter()
            .flatten()
        {
            push_document(&mut found, holder, doc);
        }
        for arn in policy_arns
            .and_then(|a| holder.get(a))
            .map(Node::items)
            .unwrap_or_default()
        {
            self.push(&mut found, arn);
        }
        found
    }

    /// What the managed policy `arn` names contributes: the document of a policy of the model,
    /// the known grants of an AWS managed policy, or an unknown that names it.
    pub fn push(&self, out: &mut Vec<PolicyGrant<'a>>, arn: &'a Node) {
        if let Some((_, policy)) = self.model.resolve_kind(arn, self.kinds) {
            match self.documents.get(policy.address.as_str()) {
                Some(docs) => {
                    for doc in docs {
                        push_document(out, policy, doc);
                    }
                }
                None => out.push(PolicyGrant::Unknown(Node::unknown(
                    format!(
                        "the document of `{}` is not known statically",
                        policy.address
                    ),
                    arn.span,
                ))),
            }
            return;
        }
        // The partition may be `${AWS::Partition}` (unknown, `*` in the shape): an AWS managed
        // policy keeps its name in every partition, and the commercial one's grants are taken.
        let name = arn
            .text_shape()
            .and_then(|a| a.strip_prefix("arn:")?.split_once(":iam::aws:policy/"))
            .map(|(_, name)| name);
        let known = name
            .filter(|n| !n.contains('*'))
            .and_then(|n| self.known.iter().find(|k| k.name == n));
        out.push(match known {
            Some(policy) => PolicyGrant::Managed { at: arn, policy },
            None => PolicyGrant::Unknown(Node::unknown(unread_arn(arn, name), arn.span)),
        });
    }
}

/// Why a managed policy named by `arn` is not known, naming it so a reader sees which grant to
/// look up (or to teach the catalog).
fn unread_arn(arn: &Node, aws_managed: Option<&str>) -> String {
    if let Some(name) = aws_managed {
        return format!("the AWS managed policy `{name}`: what it grants is not known to zt-lint");
    }
    match arn.text_shape().and_then(|a| a.rsplit_once(":policy/")) {
        Some((_, name)) => {
            format!(
                "the managed policy `{name}` is outside the configuration: what it grants is not known"
            )
        }
        None => match arn.unknown_reason() {
            Some(reason) => format!("a managed policy ARN not known statically ({reason})"),
            None => "a managed policy outside the configuration: what it grants is not known"
                .to_string(),
        },
    }
}

/// Every role's grants and permissions boundary, read once per model.
pub struct RoleGrants<'a> {
    model: &'a Model,
    by_role: HashMap<ResourceId, Vec<PolicyGrant<'a>>>,
    boundary: HashMap<ResourceId, Vec<PolicyGrant<'a>>>,
}

/// Whether a role may read a store, and the element that grants it (or why it is unknown).
pub enum Access {
    Granted { span: Span, label: String },
    Denied,
    Undecided(Node),
}

impl<'a> RoleGrants<'a> {
    pub fn new(model: &'a Model, catalog: &'static GrantCatalog) -> RoleGrants<'a> {
        let mut grants = RoleGrants {
            model,
            by_role: HashMap::new(),
            boundary: HashMap::new(),
        };
        let managed = ManagedPolicies::new(model, catalog.managed);
        for link in catalog.links {
            for (id, holder) in model.of_kind(std::slice::from_ref(&link.kind)) {
                if !holder.is_managed() {
                    continue;
                }
                let roles: Vec<ResourceId> = if link.roles.is_empty() {
                    vec![id]
                } else {
                    holder
                        .get(link.roles)
                        .map(Node::items)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|n| model.resolve(n))
                        .collect()
                };
                if roles.is_empty() {
                    continue;
                }
                let found = managed.granted_by(holder, link.policy_arns);
                for role in roles {
                    for g in &found {
                        grants.by_role.entry(role).or_default().push(g.clone());
                    }
                }
            }
        }
        for (kind, attribute) in catalog.boundaries {
            for (id, role) in model.of_kind(std::slice::from_ref(kind)) {
                let Some(arn) = role.get(attribute).filter(|n| !n.is_null()) else {
                    continue;
                };
                let mut found = Vec::new();
                managed.push(&mut found, arn);
                grants.boundary.insert(id, found);
            }
        }
        grants
    }

    /// May `role` read `store`? Allowed by a statement (or a well-known managed policy) on the
    /// store, not denied by any, and allowed by the permissions boundary when there is one.
    pub fn can_read(&self, role: ResourceId, store: &StoreTarget<'_>) -> Access {
        let grants = self.by_role.get(&role).map_or(&[][..], Vec::as_slice);
        let boundary = self.boundary.get(&role).map(Vec::as_slice);
        let mut why: Option<Node> = None;
        let mut undecided = false;
        for action in store.spec.read_actions {
            let (allowed, at) = self.evaluate(grants, action, store, &mut why);
            let bounded = match boundary {
                Some(b) => self.evaluate(b, action, store, &mut why).0.allowed(),
                None => Truth::Yes,
            };
            let allowed = allowed.allowed();
            match (allowed, bounded) {
                (Truth::Yes, Truth::Yes) => {
                    if let Some((span, label)) = at {
                        return Access::Granted { span, label };
                    }
                }
                (Truth::No, _) | (_, Truth::No) => {}
                _ => undecided = true,
            }
        }
        if !undecided {
            return Access::Denied;
        }
        Access::Undecided(why.unwrap_or_else(|| {
            Node::unknown(
                "whether the role's policies allow reading the store is not known statically",
                store.resource.span,
            )
        }))
    }

    /// Allowed and not denied by `grants`, with the first element that allows it.
    fn evaluate(
        &self,
        grants: &[PolicyGrant<'_>],
        action: &str,
        store: &StoreTarget<'_>,
        why: &mut Option<Node>,
    ) -> (Verdict, Option<(Span, String)>) {
        let mut allow = Truth::No;
        let mut deny = Truth::No;
        let mut at = None;
        for grant in grants {
            match grant {
                PolicyGrant::Statement(s) => {
                    let applies = covers_action(s, action)
                        .and(self.covers_store(s, store, why))
                        .and(condition_applies(s, why));
                    match s.effect {
                        Effect::Allow => {
                            if applies == Truth::Yes && at.is_none() {
                                at = Some((s.span, format!("policy statement allowing {action}")));
                            }
                            allow = allow.or(applies);
                        }
                        Effect::Deny => deny = deny.or(applies),
                        Effect::Unknown if applies != Truth::No => {
                            allow = allow.or(Truth::Unknown);
                            deny = deny.or(Truth::Unknown);
                        }
                        Effect::Unknown => {}
                    }
                }
                PolicyGrant::Managed {
                    at: node,
                    policy: known,
                } => {
                    if !known.allows(action) && known.allows_somewhere(action) {
                        why.get_or_insert_with(|| {
                            Node::unknown(
                                format!(
                                    "the AWS managed policy {} allows {action} on some resources, which zt-lint does not match against the store",
                                    known.name
                                ),
                                node.span,
                            )
                        });
                        allow = allow.or(Truth::Unknown);
                    }
                    if known.allows(action) {
                        if at.is_none() {
                            at = Some((
                                node.span,
                                format!("AWS managed policy {} ({action})", known.name),
                            ));
                        }
                        allow = Truth::Yes;
                    }
                }
                PolicyGrant::Unknown(node) => {
                    why.get_or_insert_with(|| node.clone());
                    allow = allow.or(Truth::Unknown);
                    deny = deny.or(Truth::Unknown);
                }
            }
        }
        (Verdict { allow, deny }, at)
    }

    /// Whether a resource policy that names `role` itself may still let it do one of the
    /// store's read actions: not when a `Deny` of its identity policies covers them all, and
    /// unknown under a permissions boundary (which is not followed for such grants).
    pub fn resource_grant_applies(&self, role: ResourceId, store: &StoreTarget<'_>) -> Access {
        if self.boundary.contains_key(&role) {
            return Access::Undecided(Node::unknown(
                "the role has a permissions boundary, which is not followed for grants of a resource policy",
                store.resource.span,
            ));
        }
        let grants = self.by_role.get(&role).map_or(&[][..], Vec::as_slice);
        let mut why = None;
        let mut verdict = Truth::No;
        for action in store.spec.read_actions {
            let (v, _) = self.evaluate(grants, action, store, &mut why);
            verdict = verdict.or(v.deny.negate());
        }
        match verdict {
            Truth::Yes => Access::Granted {
                span: store.resource.span,
                label: String::new(),
            },
            Truth::No => Access::Denied,
            Truth::Unknown => Access::Undecided(why.unwrap_or_else(|| {
                Node::unknown(
                    "whether the role's policies deny it is not known statically",
                    store.resource.span,
                )
            })),
        }
    }

    /// Does the statement's `Resource` (or `NotResource`) cover the store?
    fn covers_store(
        &self,
        s: &Statement,
        store: &StoreTarget<'_>,
        why: &mut Option<Node>,
    ) -> Truth {
        let (elements, negated) = match (&s.resources, &s.not_resources) {
            (_, Some(not)) => (not, true),
            (Some(resources), None) => (resources, false),
            // IAM requires one of them: a statement without either grants nothing.
            (None, None) => return Truth::No,
        };
        let items: &[Node] = match &elements.value {
            Value::List(items) => items,
            _ => std::slice::from_ref(elements),
        };
        let mut verdict = Truth::No;
        for element in items {
            let matched = store.matched_by(self.model, element);
            if matched == Truth::Unknown {
                why.get_or_insert_with(|| match element.as_str() {
                    Some(_) => Node::unknown(
                        "the ARN names the store only for some region or account, which are not known statically",
                        element.span,
                    ),
                    None => element.clone(),
                });
            }
            verdict = verdict.or(matched);
        }
        if negated { verdict.negate() } else { verdict }
    }
}

/// What a set of grants says of one action on one store.
struct Verdict {
    allow: Truth,
    deny: Truth,
}

impl Verdict {
    /// Allowed and not denied.
    fn allowed(&self) -> Truth {
        self.allow.and(self.deny.negate())
    }
}

/// The identity policies of the model (not trust or resource policies).
/// Does the statement's `Action` (or `NotAction`) cover `action`?
fn covers_action(s: &Statement, action: &str) -> Truth {
    let Some(not_actions) = &s.not_actions else {
        return s.allows_action(action);
    };
    if not_actions.is_unknown() {
        return Truth::Unknown;
    }
    let lower = action.to_ascii_lowercase();
    let mut verdict = Truth::Yes;
    for pattern in not_actions.items() {
        match policy::action_text(pattern) {
            Some(p) if policy::wildcard_match(&p, &lower) => return Truth::No,
            Some(_) => {}
            None => verdict = Truth::Unknown,
        }
    }
    verdict
}

/// A statement with conditions applies only when they hold, which is not known statically.
fn condition_applies(s: &Statement, why: &mut Option<Node>) -> Truth {
    match (s.conditions(), &s.condition) {
        (Some(entries), _) if entries.is_empty() => Truth::Yes,
        (_, Some(condition)) => {
            why.get_or_insert_with(|| {
                Node::unknown(
                    "the statement has a condition, which is evaluated on each request",
                    condition.span,
                )
            });
            Truth::Unknown
        }
        (_, None) => Truth::Yes,
    }
}

/// One part of an ARN as far as the model knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Symbol {
    Byte(u8),
    /// A field not known statically (the region, a generated name): no `:` or `/` in it.
    Field,
    /// Anything at all, and at least one such string exists (an object key).
    Any,
}

/// A store of the model as the target of a policy statement.
pub struct StoreTarget<'a> {
    pub id: ResourceId,
    pub resource: &'a Resource,
    pub spec: &'static ReadableStore,
    prefix: Vec<Symbol>,
    name: Vec<Symbol>,
    suffix: Vec<Symbol>,
    item: Vec<Symbol>,
}

/// Longer patterns are not matched (the matcher is quadratic in the lengths).
const MAX_PATTERN: usize = 2048;

fn symbols(template: &str, account: Option<&str>) -> Vec<Symbol> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.extend(rest.as_bytes().iter().take(open).map(|&b| Symbol::Byte(b)));
        let after = rest.get(open..).unwrap_or_default();
        let Some(close) = after.find('}') else {
            break;
        };
        match after.get(1..close) {
            Some("account") => match account {
                Some(a) => out.extend(a.bytes().map(Symbol::Byte)),
                None => out.push(Symbol::Field),
            },
            Some("any") => out.push(Symbol::Any),
            _ => out.push(Symbol::Field),
        }
        rest = after.get(close + 1..).unwrap_or_default();
    }
    out.extend(rest.bytes().map(Symbol::Byte));
    out
}

impl<'a> StoreTarget<'a> {
    /// The store's name when it is written.
    fn known_name(&self) -> Option<String> {
        self.name
            .iter()
            .map(|s| match s {
                Symbol::Byte(b) => Some(*b),
                _ => None,
            })
            .collect::<Option<Vec<u8>>>()
            .and_then(|bytes| String::from_utf8(bytes).ok())
    }

    pub fn new(
        model: &Model,
        id: ResourceId,
        resource: &'a Resource,
        spec: &'static ReadableStore,
    ) -> StoreTarget<'a> {
        let account = model.this_account.as_deref();
        let written = spec
            .name
            .split_first()
            .and_then(|(first, rest)| resource.get(first)?.path(rest));
        let name = match written.and_then(Node::as_str) {
            Some(n) => n.bytes().map(Symbol::Byte).collect(),
            None => vec![Symbol::Field],
        };
        StoreTarget {
            id,
            resource,
            spec,
            prefix: symbols(spec.arn_prefix, account),
            name,
            suffix: symbols(spec.arn_suffix, account),
            item: symbols(spec.item, account),
        }
    }

    /// Does a `Resource` element name this store (or an item in it)?
    pub fn matched_by(&self, model: &Model, element: &Node) -> Truth {
        let whole = || -> Vec<Symbol> {
            [&self.prefix, &self.name, &self.suffix, &self.item]
                .into_iter()
                .flatten()
                .copied()
                .collect()
        };
        match &element.value {
            Value::String(pattern) => arn_match(pattern.as_bytes(), &whole()),
            Value::Ref(r) => self.through_reference(model, r, "", ""),
            Value::Unknown(u) => match (&u.hole, &u.shape) {
                (Some(hole), Some(shape)) => {
                    let (at, reference) = (&hole.0, &hole.1);
                    let before = shape.get(..*at).unwrap_or_default();
                    let after = shape.get(at + 1..).unwrap_or_default();
                    self.through_reference(model, reference, before, after)
                }
                (None, Some(shape)) => match arn_match(shape.as_bytes(), &whole()) {
                    Truth::No => Truth::No,
                    _ => Truth::Unknown,
                },
                _ => Truth::Unknown,
            },
            _ => Truth::No,
        }
    }

    /// `before` + the referenced value + `after`, when the reference reads this store's ARN or
    /// name. A reference to another resource of the model names that one, never this store.
    fn through_reference(
        &self,
        model: &Model,
        reference: &super::Reference,
        before: &str,
        after: &str,
    ) -> Truth {
        // A part of an attribute (`tags["Name"]`) may hold any text, this store's name included.
        if !reference.reads_whole_attribute() {
            return Truth::Unknown;
        }
        let Some(target) = model.by_address(&reference.address) else {
            return Truth::Unknown;
        };
        if target != self.id {
            return match model.get(target) {
                Some(r) if r.is_managed() => Truth::No,
                _ => Truth::Unknown,
            };
        }
        let attribute = reference.attribute.as_deref().unwrap_or("");
        let tail = |parts: &[&Vec<Symbol>]| -> Vec<Symbol> {
            parts.iter().copied().flatten().copied().collect()
        };
        if self.spec.arn_attributes.contains(&attribute) {
            if !before.is_empty() {
                return Truth::Unknown;
            }
            return arn_match(after.as_bytes(), &tail(&[&self.item]));
        }
        if self.spec.name_attributes.contains(&attribute) {
            return arn_match(before.as_bytes(), &self.prefix).and(arn_match(
                after.as_bytes(),
                &tail(&[&self.suffix, &self.item]),
            ));
        }
        Truth::Unknown
    }
}

/// The stores of a model, indexed so that a statement naming one store finds it without a
/// scan of all of them.
pub struct Stores<'a> {
    pub targets: Vec<StoreTarget<'a>>,
    by_id: HashMap<ResourceId, usize>,
    by_name: HashMap<(&'static str, String), Vec<usize>>,
    by_kind: HashMap<&'static str, Vec<usize>>,
    /// The kinds of store the model holds.
    specs: Vec<&'static ReadableStore>,
}

impl<'a> Stores<'a> {
    pub fn new(model: &'a Model, specs: &'static [ReadableStore]) -> Stores<'a> {
        let mut stores = Stores {
            targets: Vec::new(),
            by_id: HashMap::new(),
            by_name: HashMap::new(),
            by_kind: HashMap::new(),
            specs: Vec::new(),
        };
        for spec in specs {
            for (id, r) in model.of_kind(std::slice::from_ref(&spec.kind)) {
                if !r.is_managed() {
                    continue;
                }
                let i = stores.targets.len();
                let target = StoreTarget::new(model, id, r, spec);
                if let Some(name) = target.known_name() {
                    stores.by_name.entry((spec.kind, name)).or_default().push(i);
                }
                stores.by_id.insert(id, i);
                stores.by_kind.entry(spec.kind).or_default().push(i);
                stores.targets.push(target);
            }
            if stores.by_kind.contains_key(spec.kind) {
                stores.specs.push(spec);
            }
        }
        stores
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// The stores of `kind` a resource element may name: the one a reference reads, the one a
    /// literal ARN spells out, or all of them for a wildcard or a value not known.
    fn named_by(
        &self,
        model: &Model,
        spec: &'static ReadableStore,
        element: &Node,
        out: &mut Vec<usize>,
    ) {
        let reference = match &element.value {
            Value::Ref(r) => Some(&**r),
            Value::Unknown(u) => u.hole.as_deref().map(|(_, r)| r),
            _ => None,
        };
        if let Some(r) = reference
            && let Some(&i) = model
                .by_address(&r.address)
                .and_then(|id| self.by_id.get(&id))
        {
            if self
                .targets
                .get(i)
                .is_some_and(|t| t.spec.kind == spec.kind)
            {
                out.push(i);
            }
            return;
        }
        if let Some(name) = element.as_str().and_then(|p| literal_name(p, spec)) {
            out.extend(self.by_name.get(&(spec.kind, name)).into_iter().flatten());
            return;
        }
        out.extend(self.by_kind.get(spec.kind).into_iter().flatten());
    }
}

/// The store name a literal ARN spells out, when it has no wildcard in it and the ARN's form
/// puts nothing AWS generates after the name (a secret's random suffix).
fn literal_name(pattern: &str, spec: &ReadableStore) -> Option<String> {
    if !spec.arn_suffix.is_empty() {
        return None;
    }
    let marker = spec
        .arn_prefix
        .rsplit('}')
        .next()
        .unwrap_or(spec.arn_prefix);
    let at = pattern.find(marker)?;
    let rest = pattern.get(at + marker.len()..)?;
    let name = rest.split('/').next().unwrap_or(rest);
    (!name.is_empty() && !name.contains(['*', '?'])).then(|| name.to_string())
}

impl RoleGrants<'_> {
    /// The stores `role` can read or may read, with the answer for each, and a grant that
    /// could not be read (which leaves any store undecided).
    pub fn readable(
        &self,
        role: ResourceId,
        stores: &Stores<'_>,
    ) -> (Vec<(usize, Access)>, Option<Node>) {
        let grants = self.by_role.get(&role).map_or(&[][..], Vec::as_slice);
        let mut candidates: Vec<usize> = Vec::new();
        let mut unread = None;
        let specs = &stores.specs;
        for grant in grants {
            match grant {
                PolicyGrant::Unknown(node) => {
                    unread.get_or_insert_with(|| node.clone());
                }
                PolicyGrant::Managed { policy: known, .. } => {
                    for spec in specs {
                        let covered = spec
                            .read_actions
                            .iter()
                            .any(|a| known.allows(a) || known.allows_somewhere(a));
                        if covered {
                            candidates.extend(stores.by_kind.get(spec.kind).into_iter().flatten());
                        }
                    }
                }
                PolicyGrant::Statement(s) if s.effect != Effect::Deny => {
                    for spec in specs {
                        if spec
                            .read_actions
                            .iter()
                            .all(|a| covers_action(s, a) == Truth::No)
                        {
                            continue;
                        }
                        match (&s.resources, &s.not_resources) {
                            (Some(resources), None) => {
                                for element in resources.items() {
                                    stores.named_by(self.model, spec, element, &mut candidates);
                                }
                            }
                            _ => candidates
                                .extend(stores.by_kind.get(spec.kind).into_iter().flatten()),
                        }
                    }
                }
                PolicyGrant::Statement(_) => {}
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let access = candidates
            .into_iter()
            .filter_map(|i| {
                let access = self.can_read(role, stores.targets.get(i)?);
                (!matches!(access, Access::Denied)).then_some((i, access))
            })
            .collect();
        (access, unread)
    }
}

/// Does an IAM resource pattern (`*` any run, `?` one character) match the ARN? `Yes` when it
/// matches whatever the unknown fields are, `Unknown` when it matches only some values of them.
fn arn_match(pattern: &[u8], text: &[Symbol]) -> Truth {
    if pattern.len() > MAX_PATTERN || text.len() > MAX_PATTERN {
        return Truth::Unknown;
    }
    if matches(pattern, text, false) {
        Truth::Yes
    } else if matches(pattern, text, true) {
        Truth::Unknown
    } else {
        Truth::No
    }
}

/// Dynamic programming over (pattern position, text position). `loose`: an unknown field may
/// also be whatever run of literal pattern characters (without `:` or `/`) stands there.
fn matches(pattern: &[u8], text: &[Symbol], loose: bool) -> bool {
    let width = text.len() + 1;
    // reach[p * width + t]: the first p pattern bytes can match the first t symbols. `inside`:
    // the same, in the middle of an unknown field that loose matching is spelling out.
    let mut reach = vec![false; (pattern.len() + 1) * width];
    let mut inside = vec![false; (pattern.len() + 1) * width];
    let set = |v: &mut Vec<bool>, p: usize, t: usize| {
        if let Some(cell) = v.get_mut(p * width + t) {
            *cell = true;
        }
    };
    let get = |v: &Vec<bool>, p: usize, t: usize| v.get(p * width + t).copied().unwrap_or(false);
    set(&mut reach, 0, 0);
    for p in 0..=pattern.len() {
        for t in 0..=text.len() {
            if get(&inside, p, t) {
                // The field ends here, or goes on with the next pattern byte.
                set(&mut reach, p, t + 1);
                if let Some(&c) = pattern.get(p)
                    && c != b':'
                    && c != b'/'
                    && c != b'*'
                {
                    set(&mut inside, p + 1, t);
                }
            }
            if !get(&reach, p, t) {
                continue;
            }
            let here = pattern.get(p).copied();
            if here == Some(b'*') {
                set(&mut reach, p + 1, t);
                if t < text.len() {
                    set(&mut reach, p, t + 1);
                }
            }
            match text.get(t) {
                Some(Symbol::Any) => {
                    // Some string matches whatever pattern is left.
                    set(&mut reach, pattern.len(), text.len());
                }
                Some(Symbol::Byte(b)) if here == Some(*b) || here == Some(b'?') => {
                    set(&mut reach, p + 1, t + 1);
                }
                Some(Symbol::Field) => {
                    if loose
                        && let Some(c) = here
                        && c != b':'
                        && c != b'/'
                        && c != b'*'
                    {
                        set(&mut inside, p + 1, t);
                    }
                }
                _ => {}
            }
        }
    }
    get(&reach, pattern.len(), text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arn(template: &str) -> Vec<Symbol> {
        symbols(template, None)
    }

    static BUCKET: ReadableStore = ReadableStore {
        kind: "aws_s3_bucket",
        arn_prefix: "arn:aws:s3:::",
        name: &["bucket"],
        arn_suffix: "",
        item: "/{any}",
        read_actions: &["s3:GetObject"],
        arn_attributes: &["arn"],
        name_attributes: &["id"],
    };

    #[test]
    fn literal_arns_name_one_store() {
        assert_eq!(
            literal_name("arn:aws:s3:::orders/*", &BUCKET).as_deref(),
            Some("orders")
        );
        assert_eq!(literal_name("arn:aws:s3:::ord*/*", &BUCKET), None);
        assert_eq!(literal_name("*", &BUCKET), None);
    }

    #[test]
    fn object_keys_exist_under_a_bucket() {
        let object = arn("arn:aws:s3:::orders/{any}");
        assert_eq!(arn_match(b"arn:aws:s3:::orders/*", &object), Truth::Yes);
        assert_eq!(
            arn_match(b"arn:aws:s3:::orders/reports/*", &object),
            Truth::Yes
        );
        assert_eq!(arn_match(b"arn:aws:s3:::orders*", &object), Truth::Yes);
        assert_eq!(arn_match(b"*", &object), Truth::Yes);
        assert_eq!(arn_match(b"arn:aws:s3:::orders", &object), Truth::No);
        assert_eq!(arn_match(b"arn:aws:s3:::other/*", &object), Truth::No);
    }

    #[test]
    fn unknown_fields_match_only_wildcards_for_sure() {
        let table = arn("arn:aws:dynamodb:{region}:{account}:table/orders");
        assert_eq!(
            arn_match(b"arn:aws:dynamodb:*:*:table/orders", &table),
            Truth::Yes
        );
        assert_eq!(
            arn_match(b"arn:aws:dynamodb:*:*:table/*", &table),
            Truth::Yes
        );
        assert_eq!(
            arn_match(
                b"arn:aws:dynamodb:us-east-1:111122223333:table/orders",
                &table
            ),
            Truth::Unknown
        );
        assert_eq!(
            arn_match(
                b"arn:aws:dynamodb:us-east-1:111122223333:table/users",
                &table
            ),
            Truth::No
        );
        assert_eq!(
            arn_match(b"arn:aws:dynamodb:*:*:table/orders/index/*", &table),
            Truth::No
        );
        let secret = arn("arn:aws:secretsmanager:{region}:{account}:secret:db-{random}");
        assert_eq!(
            arn_match(b"arn:aws:secretsmanager:*:*:secret:db-*", &secret),
            Truth::Yes
        );
        assert_eq!(
            arn_match(b"arn:aws:secretsmanager:*:*:secret:db", &secret),
            Truth::No
        );
    }
}
