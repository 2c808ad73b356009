//! The common resource graph: every loader produces [`Model`]s, every rule reads them through the
//! typed views in this module's children.

mod address_index;
pub mod arn;
pub mod database;
pub mod exposure;
pub mod grants;
pub mod key_access;
pub mod kms;
pub mod module_inputs;
pub mod network;
pub mod network_acl;
pub mod parse;
pub mod policy;
pub mod provider_links;
pub mod reachability;
mod referrers;
pub mod security_group;
pub mod user_data;
pub mod user_grants;
pub mod value;
pub mod value_origins;
pub mod vpc_endpoint;
pub mod written_at;

use crate::source::Span;
/// The model's indexes and the loaders' lookup tables: hashed with foldhash, seeded at random
/// per process like std's SipHash (their keys come from untrusted files), at a fraction of
/// SipHash's cost, which was about 3% of a whole run. No output depends on their order.
pub type FastHashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub type FastHashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
use FastHashMap as HashMap;
pub use value::{
    Entry, Key, KeyInterner, Map, Node, PathStep, Reference, StepKind, Truth, Unknown, Value,
    written,
};

/// Where a model came from; shown to users, never branched on by rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    Terraform,
    Plan,
    CloudFormation,
}

impl Origin {
    pub fn name(self) -> &'static str {
        match self {
            Origin::Terraform => "terraform",
            Origin::Plan => "plan",
            Origin::CloudFormation => "cloudformation",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Managed,
    /// A Terraform data source: read, not created, so never linted itself, but views read it
    /// (an `aws_iam_policy_document` is one).
    Data,
    /// A provider configuration (Terraform's `provider "aws"` block), whose `kind` is the
    /// provider's name: it creates nothing, but what it is given (credentials) ends up in
    /// version control.
    Provider,
}

/// Index of a resource inside its [`Model`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResourceId(pub usize);

#[derive(Clone, Debug)]
pub struct Resource {
    /// Terraform address (`module.vpc.aws_subnet.private[1]`) or CloudFormation logical id.
    pub address: String,
    /// The resource type as its format names it (Terraform's `aws_...`, CloudFormation's
    /// `AWS::<Service>::<Type>`).
    pub kind: String,
    pub mode: Mode,
    /// The resource header: block type and labels, or the logical id key.
    pub span: Span,
    /// Terraform arguments and nested blocks (blocks as lists of maps, as in plan JSON), or
    /// CloudFormation `Properties`.
    pub attrs: Map,
    /// Module calls through which a Terraform resource was reached, outermost first.
    pub module_calls: Vec<Span>,
    /// CloudFormation `Metadata` (resource-level suppressions and cfn-init's credentials live
    /// there). Boxed: most resources have none, and a plan holds hundreds of thousands of
    /// resources.
    pub metadata: Option<Box<Metadata>>,
}

/// A CloudFormation resource's `Metadata`, as written and as CloudFormation resolves it.
#[derive(Clone, Debug)]
pub struct Metadata {
    /// As written: suppression entries are read here, whatever its intrinsics evaluate to.
    pub written: Node,
    /// With intrinsic functions evaluated like properties: what cfn-init reads and
    /// `DescribeStackResource` returns. Unknown when a function over the whole of it (an
    /// `Fn::If` on a condition not known statically) cannot be evaluated.
    pub evaluated: Node,
}

// A plan holds hundreds of thousands of resources: growing this is a decision, not an accident.
const _: () = assert!(std::mem::size_of::<Resource>() <= 120);

impl Resource {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.attrs.get(key)
    }

    pub fn is_managed(&self) -> bool {
        self.mode == Mode::Managed
    }

    /// Whether this is a provider configuration with an alias: only resources that name it
    /// (`provider = aws.<alias>`) use it; the others use the configuration without an alias,
    /// or, without one, an empty configuration whose settings come from the environment.
    pub fn is_aliased_provider(&self) -> bool {
        self.mode == Mode::Provider && self.get(PROVIDER_ALIAS).is_some_and(|a| !a.is_unset())
    }

    /// Whether this is a provider configuration of the root module (`provider.aws`), as both
    /// Terraform loaders address it; one a child module declares (`module.db.provider.aws`)
    /// configures only that module's resources.
    pub fn is_root_provider(&self) -> bool {
        self.mode == Mode::Provider && self.address.starts_with("provider.")
    }
}

/// The argument of a provider configuration that names its alias: loaders keep it among the
/// configuration's arguments.
pub const PROVIDER_ALIAS: &str = "alias";

/// Part of a model's input that zt-lint did not read (a module call whose source is not
/// installed, a transform it does not expand): never linted, so reported as "not linted" rather
/// than passed over in silence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotLinted {
    /// Where the unread part is declared (the module call, the `Transform`).
    pub span: Span,
    /// What was not read and what would let zt-lint read it.
    pub reason: String,
}

/// One unit of configuration whose references resolve among themselves: a Terraform root module
/// with its child modules, a plan, or a CloudFormation template.
#[derive(Debug)]
pub struct Model {
    pub origin: Origin,
    pub resources: Vec<Resource>,
    by_address: address_index::AddressIndex,
    /// Known identities (`id`, `arn`, `name`, `bucket`...) to resources, for plans and literals.
    /// Names are not unique across types (a log group and a bucket both called "logs").
    by_identity: HashMap<String, Vec<ResourceId>>,
    /// Resources by kind, each list in model order: every rule asks for a few kinds, and a scan
    /// of all resources per rule would multiply the model by the size of the catalog.
    by_kind: HashMap<String, Vec<ResourceId>>,
    /// Edges into each resource (see [`referrers`]).
    referrers: referrers::Referrers,
    /// Policy documents attached in the model, read on first use: several rules need them.
    pub(crate) policies: std::sync::OnceLock<Vec<policy::Attachment>>,
    /// Answers of [`Model::names_unresolved_target`], by (kinds, attribute).
    unresolved_targets: std::sync::Mutex<HashMap<(Vec<String>, String), bool>>,
    /// Parts of this model's input that were not read (see [`NotLinted`]).
    pub not_linted: Vec<NotLinted>,
    /// Values inside modules that their callers decided (see [`module_inputs`]).
    pub module_inputs: module_inputs::ModuleInputs,
    /// Where the values of locals and variables that resources use were written (see
    /// [`value_origins`]).
    pub value_origins: value_origins::ValueOrigins,
    /// Which provider configuration resources use, where it is not the root module's default
    /// one (see [`provider_links`]).
    pub provider_links: provider_links::ProviderLinks,
    /// The id of the account deployed to, when the input says it (a plan's
    /// `data.aws_caller_identity`); otherwise it is the unknown [`value::THIS_ACCOUNT`].
    pub this_account: Option<String>,
    /// How resources name each other (which parts stand for their owner, which attributes
    /// name another resource).
    naming: &'static NamingCatalog,
}

/// How many configured values a reference is followed through (`a.x[0].y` written as
/// `b.z[0].w`, written as ...): enough for any configuration written by hand, bounded for one
/// that is not.
const MAX_DEREFERENCES: usize = 8;

/// How resources of either format are named and name each other, which the model indexes:
/// the catalog fills it in, so this layer names no attribute.
#[derive(Debug)]
pub struct NamingCatalog {
    /// Attributes whose known value names a resource, so a literal `"my-bucket"` or a plan's
    /// `"sg-0abc"` can be followed like a reference.
    pub identity_attributes: &'static [&'static str],
    /// Attributes whose string values identify another resource: by how their name ends, and
    /// by their whole name.
    pub reference_suffixes: &'static [&'static str],
    pub reference_attributes: &'static [&'static str],
    /// Parts of a resource's attributes that name something the model stands for by the
    /// resource, by (resource kind, path from the attribute): EKS's cluster security group
    /// (`vpc_config[0].cluster_security_group_id`), a node group's autoscaling group. Any
    /// other part of an attribute is what the configuration gives it, or not known.
    pub parts_standing_for_owner: &'static [(&'static str, &'static [&'static str])],
    /// Attributes of a resource kind that name another resource, by (kind, attribute):
    /// `aws_instance.x.subnet_id` is the instance's subnet, `aws_vpc.x.default_security_group_id`
    /// the group AWS creates with the VPC. A reference reading one whole is the value the
    /// owner's configuration writes there, never the owner.
    pub attributes_naming_another: &'static [(&'static str, &'static str)],
    /// Attributes naming the same resource as another attribute the configuration writes, by
    /// (kind, attribute read, attribute written): an alias's `target_key_arn` is the key its
    /// `target_key_id` names.
    pub same_resource_as: &'static [(&'static str, &'static str, &'static str)],
    /// Attribute names, beyond [`NamingCatalog::identity_attributes`], that are a resource's own
    /// identity whatever its kind (`key_id`, `unique_id`, `invoke_arn`): see
    /// [`NamingCatalog::names_owner`].
    pub own_identity_attributes: &'static [&'static str],
    /// The data source that reads the account deployed to, and its attribute holding the id.
    pub caller_identity: (&'static str, &'static str),
}

impl NamingCatalog {
    /// Does a reference reading `attribute` of a resource of `kind` whole name that resource?
    /// Its identities do (`id`, `arn`, a `function_name` of a function); an attribute the
    /// catalog lists as naming another resource does not; nor does any other attribute shaped
    /// like a Terraform reference (`..._id`, `..._arn`, `..._name`) whose stem is not the
    /// kind's own noun: `aws_subnet.s.vpc_id` is a VPC, and an attribute the catalog does not
    /// know is not silently taken for its owner. Other attributes (`dns_name`, `endpoint`,
    /// `tags`) read the owner.
    pub fn names_owner(&self, kind: &str, attribute: &str) -> bool {
        if self.identity_attributes.contains(&attribute)
            || self.own_identity_attributes.contains(&attribute)
        {
            return true;
        }
        if self
            .attributes_naming_another
            .iter()
            .any(|(k, a)| *k == kind && *a == attribute)
        {
            return false;
        }
        let stem = self
            .reference_suffixes
            .iter()
            .filter(|suffix| suffix.starts_with('_'))
            .find_map(|suffix| attribute.strip_suffix(suffix));
        match stem {
            // `aws_lambda_function.f.function_name`, `aws_kms_key.k.key_id`.
            Some(stem) => kind.ends_with(&format!("_{stem}")),
            None => true,
        }
    }

    /// Does the attribute's string value identify another resource?
    fn names_a_resource(&self, key: &str) -> bool {
        self.reference_suffixes
            .iter()
            .any(|suffix| key.ends_with(suffix))
            || self.reference_attributes.contains(&key)
    }

    /// The account every caller identity data source of the model reads, when they are known
    /// and agree (a configuration with providers for several accounts has no single answer).
    fn known_account(&self, resources: &[Resource]) -> Option<String> {
        let (kind, attribute) = self.caller_identity;
        let mut accounts = resources
            .iter()
            .filter(|r| r.mode == Mode::Data && r.kind == kind)
            .map(|r| r.get(attribute).and_then(Node::as_str));
        let first = accounts.next()??;
        accounts
            .all(|a| a == Some(first))
            .then(|| first.to_string())
    }
}

impl Model {
    /// The model of `resources`, indexed with `naming`. Loaders are handed the catalog's
    /// names by their caller, so that neither they nor this layer spell or import them.
    pub fn with_naming(
        origin: Origin,
        resources: Vec<Resource>,
        naming: &'static NamingCatalog,
    ) -> Model {
        let mut by_address = address_index::AddressIndex::with_capacity(resources.len());
        let mut by_identity = HashMap::default();
        let mut by_kind: HashMap<String, Vec<ResourceId>> = HashMap::default();
        let mut instances: HashMap<&str, usize> = HashMap::default();
        for r in &resources {
            if let Some(base) = strip_instance_key(&r.address) {
                *instances.entry(base).or_default() += 1;
            }
        }
        for (i, r) in resources.iter().enumerate() {
            match by_kind.get_mut(r.kind.as_str()) {
                Some(ids) => ids.push(ResourceId(i)),
                None => {
                    by_kind.insert(r.kind.clone(), vec![ResourceId(i)]);
                }
            }
            by_address.insert(&resources, ResourceId(i));
            // `aws_subnet.a[0]` is also reachable as `aws_subnet.a` when it is the only instance;
            // with several, a reference without a key is ambiguous and stays unresolved.
            if let Some(base) = strip_instance_key(&r.address)
                && instances.get(base) == Some(&1)
            {
                by_address.insert_without_instance_key(&resources, ResourceId(i));
            }
            for key in naming.identity_attributes {
                if let Some(s) = r.attrs.get(key).and_then(Node::as_str)
                    && !s.is_empty()
                {
                    {
                        let ids: &mut Vec<ResourceId> =
                            by_identity.entry(s.to_string()).or_default();
                        // Ids arrive in order, so a repeat can only be the last one: checking
                        // that keeps this linear when thousands of resources share a name.
                        if ids.last() != Some(&ResourceId(i)) {
                            ids.push(ResourceId(i));
                        }
                    }
                }
            }
        }
        let this_account = naming.known_account(&resources);
        let mut model = Model {
            origin,
            resources,
            by_address,
            by_identity,
            by_kind,
            referrers: referrers::Referrers::default(),
            policies: std::sync::OnceLock::new(),
            unresolved_targets: std::sync::Mutex::default(),
            not_linted: Vec::new(),
            module_inputs: module_inputs::ModuleInputs::default(),
            value_origins: value_origins::ValueOrigins::default(),
            provider_links: provider_links::ProviderLinks::default(),
            this_account,
            naming,
        };
        model.referrers = referrers::Referrers::build(&model, naming);
        model
    }

    pub fn get(&self, id: ResourceId) -> Option<&Resource> {
        self.resources.get(id.0)
    }

    pub fn ids(&self) -> impl Iterator<Item = ResourceId> + '_ {
        (0..self.resources.len()).map(ResourceId)
    }

    pub fn by_address(&self, address: &str) -> Option<ResourceId> {
        self.by_address.get(&self.resources, address)
    }

    /// The resource a reference reads from, whatever part it reads: the edge it makes.
    fn by_reference(&self, reference: &Reference) -> Option<ResourceId> {
        self.by_address(&reference.address)
    }

    /// The resource a reference names: its target when it reads an attribute whole that is the
    /// target's own (an id, a name, an ARN; see [`NamingCatalog::names_owner`]) or a part the
    /// catalog says stands for the target. A reference to any other part (`tags["Owner"]`,
    /// `vpc_config[0].security_group_ids`) or to an attribute naming another resource
    /// (`subnet_id`) is not the resource.
    fn named_by_reference(&self, reference: &Reference) -> Option<ResourceId> {
        let id = self.by_reference(reference)?;
        let kind = self.get(id)?.kind.as_str();
        let stands_for_owner = self
            .naming
            .parts_standing_for_owner
            .iter()
            .any(|(k, path)| *k == kind && reference.reads(path));
        if stands_for_owner {
            return Some(id);
        }
        match reference.attribute.as_deref() {
            _ if !reference.reads_whole_attribute() => None,
            // A data source's configuration holds only its lookup: what it reads, the key an
            // alias targets included, is known to the model by the data source alone.
            Some(_) if self.get(id)?.mode == Mode::Data => Some(id),
            Some(attribute) if !self.naming.names_owner(kind, attribute) => None,
            _ => Some(id),
        }
    }

    /// What a value is, as far as the configuration says: for a reference to a part of an
    /// attribute the configuration gives (`aws_eks_cluster.c.vpc_config[0].security_group_ids`),
    /// the value given there, followed through references of the same kind; otherwise the value
    /// itself. A part the configuration does not give (a computed attribute) stays a reference.
    pub fn dereference<'m>(&'m self, node: &'m Node) -> &'m Node {
        let mut node = node;
        for _ in 0..MAX_DEREFERENCES {
            let Value::Ref(reference) = &node.value else {
                break;
            };
            // A part that stands for its owner (EKS's cluster security group) is computed
            // by the service: what a plan shows there is "known after apply".
            if self.named_by_reference(reference).is_some() {
                break;
            }
            match self.configured_part(reference) {
                Some(part) => node = part,
                None => break,
            }
        }
        node
    }

    /// The value the configuration gives the part a reference reads, when it gives one.
    fn configured_part(&self, reference: &Reference) -> Option<&Node> {
        let target = self.get(self.by_reference(reference)?)?;
        let attribute = reference.attribute.as_deref()?;
        // `aws_kms_alias.a.target_key_arn` names the key `target_key_id` is written with.
        let attribute = self
            .naming
            .same_resource_as
            .iter()
            .find(|(kind, read, _)| *kind == target.kind && *read == attribute)
            .map_or(attribute, |(_, _, written)| written);
        let mut node = target.get(attribute)?;
        for step in &reference.path {
            node = match (&step.kind, &node.value) {
                (StepKind::Key(key), Value::List(items)) => {
                    items.get(key.parse::<usize>().ok()?)?
                }
                (StepKind::Key(key) | StepKind::Attribute(key), Value::Map(map)) => map.get(key)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The resource a value points at: a reference, or a known id/name/ARN of a resource in this
    /// model. `None` when it points outside the model or is unknown, or reads a part of a
    /// resource that is not the resource (see [`Model::dereference`]).
    pub fn resolve(&self, node: &Node) -> Option<ResourceId> {
        let node = self.dereference(node);
        match &node.value {
            Value::Ref(r) => self.named_by_reference(r),
            // A name several resources carry names none of them for sure.
            Value::String(s) => match self.by_identity.get(s).map(Vec::as_slice) {
                Some([only]) => Some(*only),
                _ => None,
            },
            _ => None,
        }
    }

    /// Like [`Model::resolve`], also requiring the target to be one of `kinds`; a literal name
    /// is looked up among resources of those kinds only.
    pub fn resolve_kind(&self, node: &Node, kinds: &[&str]) -> Option<(ResourceId, &Resource)> {
        let node = self.dereference(node);
        let id = match &node.value {
            Value::String(s) => {
                let mut of_kind = self
                    .by_identity
                    .get(s)
                    .map_or(&[][..], Vec::as_slice)
                    .iter()
                    .filter(|id| {
                        self.get(**id)
                            .is_some_and(|r| kinds.contains(&r.kind.as_str()))
                    });
                match (of_kind.next(), of_kind.next()) {
                    (Some(id), None) => *id,
                    _ => return None,
                }
            }
            _ => self.resolve(node)?,
        };
        let r = self.get(id)?;
        kinds.contains(&r.kind.as_str()).then_some((id, r))
    }

    /// Does a value name resource `id` (a reference to it, or one of its identities)?
    pub fn points_to(&self, node: &Node, id: ResourceId) -> bool {
        match &self.dereference(node).value {
            Value::Ref(r) => self.named_by_reference(r) == Some(id),
            // Each list is in id order (built in one pass over the resources).
            Value::String(s) => self
                .by_identity
                .get(s)
                .is_some_and(|ids| ids.binary_search(&id).is_ok()),
            _ => false,
        }
    }

    /// Resources that reference `id` (edges into it), in model order.
    pub fn referrers(&self, id: ResourceId) -> impl Iterator<Item = (ResourceId, &Resource)> {
        self.referrers
            .of(id, None)
            .into_iter()
            .filter_map(|r| Some((r, self.get(r)?)))
    }

    /// Referrers of one of `kinds` whose `attribute` points at `id`: the split resources that
    /// configure it (`aws_s3_bucket_public_access_block.bucket`, `aws_security_group_rule`...).
    pub fn configuring<'a>(
        &'a self,
        id: ResourceId,
        kinds: &'a [&'a str],
        attribute: &'a str,
    ) -> impl Iterator<Item = (ResourceId, &'a Resource)> + 'a {
        self.referrers
            .of(id, Some(kinds))
            .into_iter()
            .filter_map(|r| Some((r, self.get(r)?)))
            .filter(move |(_, r)| {
                kinds.contains(&r.kind.as_str())
                    && r.get(attribute)
                        .is_some_and(|n| n.items().iter().any(|n| self.points_to(n, id)))
            })
    }

    /// Is `id` configured by a resource of `kinds` through `attribute`? `Unknown` when none
    /// does visibly but one names its target with a value not known statically: it might be
    /// this one, and a rule must not report a missing configuration then.
    pub fn is_configured_by(&self, id: ResourceId, kinds: &[&str], attribute: &str) -> Truth {
        if self.configuring(id, kinds, attribute).next().is_some() {
            return Truth::Yes;
        }
        if self.names_unresolved_target(kinds, attribute) {
            Truth::Unknown
        } else {
            Truth::No
        }
    }

    /// Does a resource of `kinds` name its target through `attribute` with a value not known
    /// statically? The answer is the same for every resource asked about, so it is computed
    /// once per question: asking it for each of n buckets must not scan the model n times.
    fn names_unresolved_target(&self, kinds: &[&str], attribute: &str) -> bool {
        let key = (
            kinds.iter().map(|k| k.to_string()).collect::<Vec<_>>(),
            attribute.to_string(),
        );
        if let Some(&known) = self
            .unresolved_targets
            .lock()
            .ok()
            .as_ref()
            .and_then(|cache| cache.get(&key))
        {
            return known;
        }
        // Only the resources of those kinds, from the index: a scan of the whole model per
        // question multiplied the model by the number of questions the catalog asks.
        let unresolved = self.of_kind(kinds).any(|(_, r)| {
            r.get(attribute)
                .is_some_and(|n| n.is_unknown() && self.resolve(n).is_none())
        });
        if let Ok(mut cache) = self.unresolved_targets.lock() {
            cache.insert(key, unresolved);
        }
        unresolved
    }

    /// The configurations of `provider` (Terraform's `provider "aws"` blocks), in model order:
    /// where the deployment's region and credentials are written.
    pub fn providers<'a>(&'a self, provider: &str) -> impl Iterator<Item = &'a Resource> + use<'a> {
        self.of_kind(&[provider])
            .map(|(_, r)| r)
            .filter(|r| r.mode == Mode::Provider)
    }

    /// Resources of the given kinds (managed and data), in model order.
    pub fn of_kind<'a>(
        &'a self,
        kinds: &[&str],
    ) -> impl Iterator<Item = (ResourceId, &'a Resource)> + use<'a> {
        let mut ids: Vec<ResourceId> = Vec::new();
        for kind in kinds {
            ids.extend(self.by_kind.get(*kind).into_iter().flatten());
        }
        if kinds.len() > 1 {
            // Each list is in model order; several are merged back into it (a kind named twice
            // is listed once).
            ids.sort_unstable();
            ids.dedup();
        }
        ids.into_iter().filter_map(|id| Some((id, self.get(id)?)))
    }
}

/// `aws_subnet.a[0]` → `aws_subnet.a`; `None` when the address has no trailing instance key.
fn strip_instance_key(address: &str) -> Option<&str> {
    if !address.ends_with(']') {
        return None;
    }
    address.rfind('[').map(|i| &address[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Model {
        /// A model indexed with the catalog's names, for unit tests anywhere in the crate.
        pub fn new(origin: Origin, resources: Vec<Resource>) -> Model {
            Model::with_naming(origin, resources, &crate::aws::naming::NAMING)
        }
    }

    fn res(address: &str, kind: &str, attrs: Vec<(&str, Value)>) -> Resource {
        let mut map = Map::default();
        for (k, v) in attrs {
            map.insert(k, Span::default(), Node::new(v, Span::default()));
        }
        Resource {
            address: address.into(),
            kind: kind.into(),
            mode: Mode::Managed,
            span: Span::default(),
            attrs: map,
            module_calls: Vec::new(),
            metadata: None,
        }
    }

    #[test]
    fn references_and_literal_identities_become_edges() {
        let reference = Value::Ref(Box::new(Reference {
            address: "aws_s3_bucket.b".into(),
            attribute: Some("id".into()),
            path: Vec::new(),
        }));
        let model = Model::new(
            Origin::Terraform,
            vec![
                res(
                    "aws_s3_bucket.b",
                    "aws_s3_bucket",
                    vec![("bucket", Value::String("logs".into()))],
                ),
                res(
                    "aws_s3_bucket_policy.p",
                    "aws_s3_bucket_policy",
                    vec![("bucket", reference)],
                ),
                res(
                    "aws_s3_bucket_versioning.v",
                    "aws_s3_bucket_versioning",
                    vec![("bucket", Value::String("logs".into()))],
                ),
            ],
        );
        let bucket = ResourceId(0);
        let referrers: Vec<_> = model.referrers(bucket).map(|(id, _)| id.0).collect();
        assert_eq!(referrers, vec![1, 2]);
        let policies: Vec<_> = model
            .configuring(bucket, &["aws_s3_bucket_policy"], "bucket")
            .map(|(id, _)| id.0)
            .collect();
        assert_eq!(policies, vec![1]);
    }

    #[test]
    fn providers_are_the_configurations_of_one_provider_in_model_order() {
        let provider = |address: &str, kind: &str| Resource {
            mode: Mode::Provider,
            ..res(address, kind, vec![])
        };
        let model = Model::new(
            Origin::Terraform,
            vec![
                provider("provider.aws", "aws"),
                res("aws_vpc.a", "aws_vpc", vec![]),
                provider("provider.google", "google"),
                provider("provider.aws.west", "aws"),
            ],
        );
        let addresses: Vec<&str> = model.providers("aws").map(|r| r.address.as_str()).collect();
        assert_eq!(addresses, ["provider.aws", "provider.aws.west"]);
        assert_eq!(model.providers("aws_vpc").count(), 0);
    }

    #[test]
    fn resources_of_kinds_come_in_model_order() {
        let model = Model::new(
            Origin::Terraform,
            vec![
                res("aws_vpc.a", "aws_vpc", vec![]),
                res("aws_subnet.a", "aws_subnet", vec![]),
                res("aws_vpc.b", "aws_vpc", vec![]),
                res("aws_s3_bucket.b", "aws_s3_bucket", vec![]),
                res("aws_subnet.b", "aws_subnet", vec![]),
            ],
        );
        let addresses = |kinds: &[&str]| -> Vec<String> {
            model
                .of_kind(kinds)
                .map(|(_, r)| r.address.clone())
                .collect()
        };
        assert_eq!(
            addresses(&["aws_subnet", "aws_vpc", "aws_subnet"]),
            ["aws_vpc.a", "aws_subnet.a", "aws_vpc.b", "aws_subnet.b"]
        );
        assert_eq!(addresses(&["aws_s3_bucket"]), ["aws_s3_bucket.b"]);
        assert!(addresses(&["aws_instance"]).is_empty());
        assert!(addresses(&[]).is_empty());
    }

    #[test]
    fn instance_addresses_resolve_without_key() {
        assert_eq!(strip_instance_key("aws_subnet.a[0]"), Some("aws_subnet.a"));
        assert_eq!(strip_instance_key("aws_subnet.a"), None);
    }
}
