//! The AWS service catalog: for each resource type, in each format, where a zero-trust facet is
//! set, what AWS or the provider does when it is absent, and what implies it. Rules ask a facet's
//! state here (`Catalog::encryption_at_rest`, ...) or read the typed entries of a service family
//! (`audit::TRAIL_MULTI_REGION`, `tls::ENFORCE_HTTPS`: each a type, the path of its setting and
//! its default), and never name a format or a resource type themselves. `types` pairs the two
//! formats' names of one resource for the Guard graph document.
//!
//! The arrows stay one-way: the catalog reads graph types; rules read the catalog; loaders never
//! use it. Each service family keeps its entries in its own file.

pub mod analytics;
pub mod apis;
pub mod audit;
mod compute;
pub mod database;
mod developer;
pub mod endpoints;
pub mod exposure;
pub mod identity;
pub mod load_balancing;
mod management;
mod messaging;
pub mod naming;
pub mod networking;
pub mod parameters;
pub mod restrictable_actions;
pub mod rotation;
pub mod s3;
pub mod secrets;
pub mod sessions;
mod storage;
pub mod store_authentication;
pub mod tls;
pub mod types;
pub mod waf;
pub mod workloads;

use crate::graph::FastHashMap as HashMap;
use crate::graph::{Model, Node, Resource, Truth, Value};
use crate::source::Span;
use std::sync::OnceLock;

/// Types whose encryption-at-rest switch AWS applies to the running resource, keeping its data:
/// SQS `SetQueueAttributes` turns SSE-SQS on for a live queue; CodeBuild encrypts the next
/// build's artifacts; the account's EBS default applies to volumes created afterwards. (An EBS
/// volume, EFS file system or RDS instance is replaced instead, losing its data.)
const ENCRYPTS_IN_PLACE: &[&str] = &[
    "aws_sqs_queue",
    "AWS::SQS::Queue",
    "aws_codebuild_project",
    "AWS::CodeBuild::Project",
    "aws_ebs_encryption_by_default",
];

/// A path of keys from a resource's attributes (Terraform) or properties (CloudFormation).
pub type Path = &'static [&'static str];

/// A boolean setting of one resource type, with what AWS (or the provider) does when it is
/// absent.
pub struct Toggle {
    pub kind: &'static str,
    pub path: Path,
    pub default: bool,
}

/// A setting of one resource type that turns a control on by being given at all (a key ARN, a
/// log group ARN).
pub struct Given {
    pub kind: &'static str,
    pub path: Path,
}

/// Resources of `kind` that split resources of `by` configure by naming them in `attribute`
/// (a flow log naming its VPC, a rotation schedule naming its secret).
pub struct SplitConfig {
    pub kind: &'static str,
    pub by: &'static [&'static str],
    pub attribute: &'static str,
}

/// A setting as written: absent (its default applies), or a value that may be unknown.
pub enum Setting<'a> {
    Absent,
    Value(&'a Node),
    /// A block on the way is wholly unknown in a plan and written by no expression: the
    /// provider computes it, or it is a `dynamic` block whose `for_each` is unknown at plan
    /// time (Terraform leaves dynamic blocks out of `configuration.expressions`, and plan JSON
    /// has no schema to tell a block from an argument). What it holds is undecided; the node is
    /// the block, unknown.
    UnknownBlock(&'a Node),
}

/// Why a [`Setting::UnknownBlock`] is undecided.
pub const UNKNOWN_BLOCK: &str = "known after apply: a block the provider computes, or a `dynamic` block whose for_each is unknown";

/// Follows `path` from the resource's attributes, stepping into the single element of a
/// nested block (Terraform nested blocks are lists of one map, as in plans; CloudFormation
/// properties are maps). An unknown block on the way is returned as the value.
pub fn setting<'a>(r: &'a Resource, path: &[&str]) -> Setting<'a> {
    let Some((first, rest)) = path.split_first() else {
        return Setting::Absent;
    };
    let Some(mut node) = r.get(first) else {
        return Setting::Absent;
    };
    for key in rest {
        if node.is_unset() {
            return Setting::UnknownBlock(node);
        }
        if node.is_unknown() {
            return Setting::Value(node);
        }
        let inner = match node.as_list() {
            Some([]) => return Setting::Absent,
            Some([only]) => only,
            Some(_) => return Setting::Value(node),
            None => node,
        };
        if inner.is_unset() {
            return Setting::UnknownBlock(inner);
        }
        if inner.is_unknown() {
            return Setting::Value(inner);
        }
        match inner.get(key) {
            Some(n) => node = n,
            None => return Setting::Absent,
        }
    }
    // Plans write an unset nested block as an empty list.
    if node.is_null() || node.as_list().is_some_and(<[Node]>::is_empty) {
        return Setting::Absent;
    }
    Setting::Value(node)
}

/// The value the configuration writes at `path`; `None` when it is absent or left to the
/// provider to compute (a plan's unknown that no expression sets), so the default applies.
/// A wholly unknown block on the way ([`Setting::UnknownBlock`]) is returned as the value: it
/// is unknown, and the only unset value this returns, so `is_unset` on a result says that.
pub fn written<'a>(r: &'a Resource, path: &[&str]) -> Option<&'a Node> {
    match setting(r, path) {
        Setting::Value(v) if !v.is_unset() => Some(v),
        Setting::UnknownBlock(v) => Some(v),
        _ => None,
    }
}

/// Is the optional setting at `path` given? Like [`Node::is_given`], but a wholly unknown
/// block on the way leaves it undecided instead of "not given".
pub fn given(r: &Resource, path: &[&str]) -> Truth {
    match setting(r, path) {
        Setting::Absent => Truth::No,
        Setting::Value(v) => v.is_given(),
        Setting::UnknownBlock(_) => Truth::Unknown,
    }
}

/// The block at `path`, read for its presence: `Err` with the block when it is a plan's unset
/// unknown, which may be a `dynamic` block whose `for_each` is unknown, so its presence is
/// undecided (see [`Setting::UnknownBlock`]).
fn written_block<'a>(r: &'a Resource, path: &[&str]) -> Result<Option<&'a Node>, &'a Node> {
    match setting(r, path) {
        Setting::Absent => Ok(None),
        Setting::Value(v) if !v.is_unset() => Ok(Some(v)),
        Setting::Value(v) | Setting::UnknownBlock(v) => Err(v),
    }
}

/// Is the value at `path` left for the provider to compute (a plan's unset unknown)?
fn computed(r: &Resource, path: &[&str]) -> bool {
    matches!(setting(r, path), Setting::Value(Node { value: Value::Unknown(u), .. }) if u.unset)
}

/// A facet's state for one resource, with the span that decides it: the written value, or the
/// resource header when a default applies.
#[derive(Clone, Debug, PartialEq)]
pub struct Facet {
    pub state: Truth,
    pub span: Span,
    /// For `No`: what decided it, as a parenthesised note ("" when the value says it all).
    /// For `Unknown`: why it cannot be decided.
    pub why: String,
}

impl Facet {
    fn yes(span: Span) -> Facet {
        Facet {
            state: Truth::Yes,
            span,
            why: String::new(),
        }
    }

    fn no(span: Span, why: impl Into<String>) -> Facet {
        Facet {
            state: Truth::No,
            span,
            why: why.into(),
        }
    }

    fn unknown(span: Span, why: impl Into<String>) -> Facet {
        Facet {
            state: Truth::Unknown,
            span,
            why: why.into(),
        }
    }

    fn of_unknown(v: &Node) -> Facet {
        if v.is_unset() {
            return Facet::unknown(v.span, UNKNOWN_BLOCK);
        }
        Facet::unknown(
            v.span,
            v.unknown_reason().unwrap_or("value not known statically"),
        )
    }

    /// The unknown value to record for `--show-unknown`.
    pub fn as_unknown_node(&self) -> Node {
        Node::unknown(self.why.as_str(), self.span)
    }
}

/// How a resource says whether it is encrypted at rest.
pub enum Switch {
    /// A boolean that is true when encrypted.
    Flag(Path),
    /// A boolean that is true when encryption is turned off.
    Disabled(Path),
    /// A string setting; encrypted when it is one of these (case-insensitive).
    Mode(Path, &'static [&'static str]),
    /// A block whose presence turns encryption on.
    Block(Path),
    /// A switch for the service's own managed encryption; a KMS key encrypts whatever it says.
    ServiceManaged(Path),
    /// Only a key turns encryption on.
    KeyOnly,
    /// EBS volumes an instance, launch template or launch configuration creates, each
    /// encrypted on its own.
    Devices(&'static [BlockDevices]),
    /// Booleans that must all be true, each false when absent, with the note a finding on it
    /// carries (WorkSpaces encrypt root and user volumes separately).
    Flags(&'static [(Path, &'static str)]),
    /// Encryption modes that must all be other than `DISABLED`, each disabled when absent,
    /// with the note a finding on it carries (a Glue security configuration encrypts S3
    /// data, CloudWatch logs and job bookmarks separately).
    Modes(&'static [(Path, &'static str)]),
    /// A boolean that matters only when `when` is true (a cache holds data only when caching
    /// is on); both default to false.
    FlagWhen { when: Path, flag: Path },
    /// Encrypted as the resource `source` names is (a snapshot as its cluster), unless `flag`
    /// encrypts it itself (a copy that asks for encryption).
    Source {
        flag: Option<Path>,
        source: &'static str,
    },
    /// A list of settings (API Gateway method settings), each holding data only when its
    /// `when` flag is true and encrypted only when its `flag` is; both default to false.
    EachFlagWhen {
        list: Path,
        when: &'static str,
        flag: &'static str,
    },
    /// EMR security configurations: the JSON document in `document` must turn on at-rest
    /// encryption with local disk encryption, and encrypt EBS volumes too (or the account's
    /// default EBS encryption does).
    LocalDisks { document: &'static str },
}

/// A list of EBS block device mappings and where each mapping keeps its settings.
pub struct BlockDevices {
    /// The list (Terraform repeated blocks, CloudFormation list property).
    pub list: Path,
    /// The block inside a mapping that holds the EBS settings (`ebs` / `Ebs`), if any.
    pub ebs: Option<&'static str>,
    pub encrypted: &'static str,
    pub key: &'static str,
    pub snapshot: &'static str,
    /// The mapping's device name, for telling the AMI's root device from the others.
    pub device_name: Option<&'static str>,
    /// The list describes the root volume, which takes its encryption from the AMI's snapshot.
    pub root: bool,
}

/// Device names AMIs conventionally use for the root volume: a mapping for one of them
/// changes the root volume, whose encryption the AMI's snapshot decides.
const ROOT_DEVICE_NAMES: &[&str] = &["/dev/xvda", "/dev/sda1", "/dev/sda"];

/// What holds when the switch is not written.
pub enum Absent {
    Encrypted,
    Unencrypted,
    /// EBS: the account's default encryption decides, when the configuration declares it.
    AccountEbsDefault,
    /// The default depends on something the configuration does not show (a provider version).
    NotKnown(&'static str),
}

/// Encryption at rest of one resource type in one format.
pub struct AtRest {
    pub kind: &'static str,
    pub switch: Switch,
    /// Settings that can only be given for encrypted storage (a KMS key).
    pub keys: &'static [Path],
    /// Settings that make it copy a source (snapshot, replica) whose encryption it inherits.
    pub inherits: &'static [&'static str],
    pub absent: Absent,
    /// Decided by something else (an Aurora instance by its cluster, an always-encrypted
    /// engine): never a finding on this resource.
    pub decided_elsewhere: Option<fn(&Resource) -> bool>,
    /// Note on a finding: what "not encrypted" means here.
    pub note: &'static str,
}

/// Where a resource names the KMS key that encrypts it.
pub struct KeyChoice {
    pub kind: &'static str,
    pub key: Path,
    /// Whether the entry applies to this resource (an SSM parameter only when SecureString).
    pub applies: Option<fn(&Resource) -> Truth>,
    /// What encrypts it when no key is given.
    pub default_key: &'static str,
}

/// Where each element of a list names the KMS key of its own data (an Image Builder
/// distribution per region, an image recipe's block device mappings).
pub struct KeyChoiceInList {
    pub kind: &'static str,
    pub list: Path,
    /// The block of an element that holds its data: elements without it have none to encrypt
    /// (a distribution without AMIs, an instance store device). Empty: the element itself (a
    /// table replica).
    pub holds_data: Path,
    /// The key's path inside `holds_data`.
    pub key: Path,
    pub absent: ListKeyAbsent,
    /// A switch of the resource without which no element may name a key; `None` when every
    /// element always may.
    pub applies: Option<ListKeySwitch>,
}

/// A resource-level switch that decides whether list elements name keys at all (a DynamoDB
/// GlobalTable's `SSESpecification.SSEEnabled`): off or not written, one key AWS owns encrypts
/// every element, whatever the elements name.
pub struct ListKeySwitch {
    pub flag: Path,
    /// The finding note when the switch is off or not written.
    pub off: &'static str,
}

/// What encrypts an element's data when it names no key.
pub enum ListKeyAbsent {
    /// Something the configuration does not show decides (the image an AMI is copied from).
    Undecided(&'static str),
    /// An EBS volume: with `encrypted` true, the account's default EBS key (`alias/aws/ebs`
    /// unless the configuration names another); `encrypted` false is unencrypted storage, not
    /// a question of whose key; absent, the volume takes its snapshot's encryption.
    AccountEbsDefault { encrypted: &'static str },
    /// A key AWS owns or manages, as the note (a parenthesised finding note) says.
    AwsKey(&'static str),
}

/// Whether the block at `path` is written: an entry that applies only when the resource
/// configures that feature (ECS Exec, one of a storage configuration's destinations). A plan's
/// unset unknown block may be a `dynamic` block whose `for_each` is unknown: undecided, not
/// absent.
fn block_written(r: &Resource, path: &[&str]) -> Truth {
    match written_block(r, path) {
        Ok(None) => Truth::No,
        Ok(Some(v)) if v.is_unknown() => Truth::Unknown,
        Ok(Some(_)) => Truth::Yes,
        Err(_) => Truth::Unknown,
    }
}

/// The EBS settings of one block device mapping; `None` for an instance store volume or
/// `NoDevice`.
fn mapped_ebs<'n>(device: &'n Node, list: &BlockDevices) -> Option<&'n Node> {
    match list.ebs {
        Some(key) => match device.get(key).map(Node::items) {
            Some([only]) => Some(only),
            _ => None,
        },
        None => Some(device),
    }
}

/// Whether a mapping may be of the root volume, and whether it is known to be: a root block,
/// or the device name the AMI gives its root. Without the AMI's root device name, a
/// conventional root name (`/dev/xvda`) may be the root volume but need not be.
fn is_root(device: &Node, list: &BlockDevices, root_device: Option<&str>) -> (bool, bool) {
    if list.root {
        return (true, true);
    }
    let name = list
        .device_name
        .and_then(|k| device.get(k))
        .and_then(Node::as_str);
    match (name, root_device) {
        (Some(name), Some(root)) => (name == root, name == root),
        (Some(name), None) => (ROOT_DEVICE_NAMES.contains(&name), false),
        (None, _) => (false, false),
    }
}

/// The root device name an AMI of the configuration declares.
fn ami_root_device(ami: &Resource) -> Option<&str> {
    match compute::AMIS.iter().find(|(kind, _)| *kind == ami.kind)? {
        (
            _,
            compute::AmiRoot::Registered {
                root_device_name, ..
            },
        ) => ami.get(root_device_name).and_then(Node::as_str),
        (_, compute::AmiRoot::Copy { .. }) => None,
    }
}

/// Is the snapshot an AMI of the configuration makes root volumes from known to be encrypted?
fn ami_root_encrypted(ami: &Resource) -> bool {
    match compute::AMIS.iter().find(|(kind, _)| *kind == ami.kind) {
        Some((_, compute::AmiRoot::Copy { encrypted })) => {
            ami.get(encrypted).is_some_and(|v| v.truth().is_yes())
        }
        Some((
            _,
            compute::AmiRoot::Registered {
                root_device_name,
                list,
                device_name,
                encrypted,
            },
        )) => {
            let Some(root) = ami.get(root_device_name).and_then(Node::as_str) else {
                return false;
            };
            ami.get(list)
                .map(Node::items)
                .unwrap_or_default()
                .iter()
                .any(|d| {
                    d.get(device_name).and_then(Node::as_str) == Some(root)
                        && d.get(encrypted).is_some_and(|v| v.truth().is_yes())
                })
        }
        None => false,
    }
}

/// Follows `path` inside one element, stepping into single-element nested blocks as
/// [`setting`] does.
fn step<'a>(node: &'a Node, path: &[&str]) -> Option<&'a Node> {
    path.iter().try_fold(node, |n, key| {
        let inner = match n.as_list() {
            Some([only]) => only,
            _ => n,
        };
        inner.get(key).filter(|v| !v.is_null())
    })
}

/// Which audit trail a logging entry is about, so each rule asks for its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFamily {
    /// Database engine logs exported to CloudWatch Logs (or Redshift audit logs).
    Database,
    /// Kubernetes control-plane logs.
    ControlPlane,
    /// A CloudTrail trail's own recording switch.
    Trail,
    /// Load balancer access logs.
    LoadBalancer,
    /// API Gateway stage access logs.
    ApiAccess,
    /// Firewall logs: WAF web ACL requests, Network Firewall flows and alerts.
    Firewall,
    /// A managed service's own record of its callers and their actions (broker, search
    /// domain, GraphQL API, build, ECS Exec session, DNS query logs).
    Service,
    /// Access logs of an edge that takes requests from the internet (CDN, accelerator).
    Edge,
}

/// How a resource turns its audit logging on.
pub enum LogSwitch {
    /// A list of exported log types; on when it holds every `required` type (any type when
    /// `required` is empty). `item_key` names the field of an element that holds the type.
    Exports {
        path: Path,
        required: &'static [&'static str],
        item_key: Option<&'static str>,
    },
    /// A block whose presence turns logging on.
    Block(Path),
    /// A boolean that is true when logging is on, with its value when absent.
    Flag { path: Path, default: bool },
    /// Only split resources turn it on (`configured_by`).
    Split,
    /// A `{Key, Value}` attribute in a list of them (ELBv2 `LoadBalancerAttributes`), on when
    /// its value is true.
    Attribute { list: Path, key: &'static str },
    /// A switch that turns logging on only together with a destination (a log group, a
    /// bucket) that a person must choose: read as the inner switch, never fixed by itself.
    NeedsDestination(&'static LogSwitch),
    /// Several log destinations; on when any one is (MSK brokers log to any of three).
    AnyOf(&'static [LogFlag]),
    /// Several log types; on when every one that applies is (MQ general and audit logs).
    AllOf(&'static [LogFlag]),
    /// Several log types, each on only when written on: AWS does not document what it does
    /// with one that is not written (MWAA modules through the API), so that one is undecided.
    AllOfWritten(&'static [LogFlag]),
    /// A list of options, one per part AWS always creates (`elements` of them: a Site-to-Site
    /// VPN connection's two tunnels), each logging only with `flag` true inside it. A part
    /// without an element, or an element without the flag, takes the default: off.
    EveryElement {
        list: Path,
        flag: Path,
        elements: usize,
    },
    /// The format has no setting for it: logging is configured outside the configuration, so
    /// it is undecided, for the reason given.
    Outside(&'static str),
}

/// One switch of a `LogSwitch::AnyOf` or `AllOf`.
pub struct LogFlag {
    pub path: Path,
    /// Its state when absent, with or without the block that holds it.
    pub absent: bool,
    /// Text values that turn it off (case-insensitive); empty for a boolean.
    pub off: &'static [&'static str],
    /// Not required when the setting at this path has this value (case-insensitive): MQ has
    /// no audit log for RabbitMQ.
    pub unless: Option<(Path, &'static str)>,
}

/// Audit or access logging of one resource type in one format.
pub struct AuditLog {
    pub kind: &'static str,
    pub family: LogFamily,
    pub switch: LogSwitch,
    /// Split resources that turn it on instead: (kinds, attribute naming this resource).
    pub configured_by: Option<(&'static [&'static str], &'static str)>,
    pub decided_elsewhere: Option<fn(&Resource) -> bool>,
}

fn index<T>(
    tables: &[&'static [T]],
    kind: fn(&T) -> &'static str,
) -> HashMap<&'static str, &'static T>
where
    T: 'static,
{
    let mut map = HashMap::default();
    for table in tables {
        for entry in table.iter() {
            map.entry(kind(entry)).or_insert(entry);
        }
    }
    map
}

fn at_rest_entries() -> &'static HashMap<&'static str, &'static AtRest> {
    static INDEX: OnceLock<HashMap<&'static str, &'static AtRest>> = OnceLock::new();
    INDEX.get_or_init(|| {
        index(
            &[
                storage::AT_REST,
                compute::AT_REST,
                database::AT_REST,
                messaging::AT_REST,
                analytics::AT_REST,
                developer::AT_REST,
                apis::AT_REST,
            ],
            |e| e.kind,
        )
    })
}

/// Key choices by resource type: a type may name several keys, each for its own data (a DB
/// instance's storage and its Performance Insights data).
fn key_entries() -> &'static HashMap<&'static str, Vec<&'static KeyChoice>> {
    static INDEX: OnceLock<HashMap<&'static str, Vec<&'static KeyChoice>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<&'static KeyChoice>> = HashMap::default();
        for table in [
            storage::KEYS,
            database::KEYS,
            messaging::KEYS,
            developer::KEYS,
            management::KEYS,
            networking::KEYS,
            workloads::KEYS,
        ] {
            for entry in table {
                map.entry(entry.kind).or_default().push(entry);
            }
        }
        map
    })
}

fn log_entries() -> &'static HashMap<&'static str, &'static AuditLog> {
    static INDEX: OnceLock<HashMap<&'static str, &'static AuditLog>> = OnceLock::new();
    INDEX.get_or_init(|| {
        index(
            &[
                database::LOGS,
                management::LOGS,
                management::TRAILS,
                networking::LOGS,
                networking::API_LOGS,
                networking::FIREWALL_LOGS,
                networking::EDGE_LOGS,
                networking::DNS_LOGS,
                networking::VPN_LOGS,
                networking::SITE_TO_SITE_VPN_LOGS,
                messaging::LOGS,
                analytics::LOGS,
                developer::LOGS,
                workloads::LOGS,
            ],
            |e| e.kind,
        )
    })
}

/// The catalog's answers for one model. Built once per rule run: it reads the model-wide
/// settings some facets depend on (the account's default EBS encryption) in one pass.
pub struct Catalog<'m> {
    model: &'m Model,
    ebs_default: Truth,
    /// The key the configuration makes the account's default for new EBS volumes, if any.
    ebs_default_key: Option<&'m Node>,
}

impl<'m> Catalog<'m> {
    pub fn new(model: &'m Model) -> Catalog<'m> {
        Catalog {
            model,
            ebs_default: storage::ebs_encryption_by_default(model),
            ebs_default_key: storage::ebs_default_kms_key(model),
        }
    }

    /// Managed resources of the model, in model order.
    pub fn managed(&self) -> impl Iterator<Item = &'m Resource> + 'm {
        self.model.resources.iter().filter(|r| r.is_managed())
    }

    /// Is `r` encrypted at rest? `None` when the catalog has no entry for its type.
    /// The switch to flip when encryption at rest is turned off where it is written: its span
    /// and the value that turns encryption on. Only for types that encrypt in place when
    /// flipped ([`ENCRYPTS_IN_PLACE`]); elsewhere the change replaces the resource and its data.
    pub fn encryption_switch_in_place(&self, r: &Resource) -> Option<(Span, bool)> {
        if !ENCRYPTS_IN_PLACE.contains(&r.kind.as_str()) {
            return None;
        }
        let e = at_rest_entries().get(r.kind.as_str())?;
        let (path, on) = match &e.switch {
            Switch::Flag(path) | Switch::ServiceManaged(path) => (path, true),
            Switch::Disabled(path) => (path, false),
            _ => return None,
        };
        let v = written(r, path)?;
        match v.truth() {
            Truth::Yes if !on => Some((v.span, on)),
            Truth::No if on && !v.is_null() => Some((v.span, on)),
            _ => None,
        }
    }

    pub fn encryption_at_rest(&self, r: &Resource) -> Option<Facet> {
        let e = at_rest_entries().get(r.kind.as_str())?;
        if e.decided_elsewhere.is_some_and(|f| f(r)) {
            return Some(Facet::yes(r.span));
        }
        for key in e.inherits {
            if let Some(v) = r.get(key) {
                match v.is_given() {
                    Truth::No => {}
                    // A source may exist: its encryption decides, and we cannot see it.
                    _ => {
                        return Some(Facet::unknown(
                            v.span,
                            format!("inherits encryption from the source named by `{key}`"),
                        ));
                    }
                }
            }
        }
        let keys = e
            .keys
            .iter()
            .map(|k| given(r, k))
            .fold(Truth::No, Truth::or);
        let answer = match &e.switch {
            // A plan's computed `encrypted` on EBS is the account default AWS will apply, which
            // the plan does not show: unknown, not the default.
            Switch::Flag(path)
                if matches!(e.absent, Absent::AccountEbsDefault) && computed(r, path) =>
            {
                Some(Facet::unknown(
                    r.span,
                    "computed from the account's default EBS encryption",
                ))
            }
            Switch::Flag(path) => written(r, path).map(|v| match v.truth() {
                Truth::Yes => Facet::yes(v.span),
                Truth::No => Facet::no(v.span, e.note),
                Truth::Unknown => Facet::of_unknown(v),
            }),
            Switch::Disabled(path) => written(r, path).map(|v| match v.truth() {
                Truth::Yes => Facet::no(v.span, e.note),
                Truth::No => Facet::yes(v.span),
                Truth::Unknown => Facet::of_unknown(v),
            }),
            Switch::Mode(path, on) => written(r, path).map(|v| match v.as_str() {
                Some(s) if on.iter().any(|m| m.eq_ignore_ascii_case(s)) => Facet::yes(v.span),
                Some(_) => Facet::no(v.span, e.note),
                None => Facet::of_unknown(v),
            }),
            Switch::Block(path) => match written_block(r, path) {
                Ok(v) => v.map(|v| Facet::yes(v.span)),
                Err(v) => Some(Facet::of_unknown(v)),
            },
            Switch::ServiceManaged(path) => match keys {
                Truth::Yes => Some(Facet::yes(r.span)),
                Truth::Unknown => Some(Facet::unknown(r.span, "KMS key not known statically")),
                Truth::No => written(r, path).map(|v| match v.truth() {
                    Truth::Yes => Facet::yes(v.span),
                    Truth::No => Facet::no(v.span, e.note),
                    Truth::Unknown => Facet::of_unknown(v),
                }),
            },
            Switch::KeyOnly => None,
            Switch::Devices(lists) => Some(self.block_devices(r, lists)),
            Switch::Flags(flags) => Some(all_flags(r, flags)),
            Switch::Modes(modes) => Some(all_modes(r, modes)),
            Switch::LocalDisks { document } => Some(self.local_disks(r, document)),
            Switch::EachFlagWhen { list, when, flag } => {
                Some(each_flag_when(r, list, when, flag, e.note))
            }
            Switch::FlagWhen { when, flag } => match written(r, when).map(Node::truth) {
                None | Some(Truth::No) => Some(Facet::yes(r.span)),
                Some(Truth::Unknown) => written(r, when).map(Facet::of_unknown),
                Some(Truth::Yes) => written(r, flag).map(|v| match v.truth() {
                    Truth::Yes => Facet::yes(v.span),
                    Truth::No => Facet::no(v.span, e.note),
                    Truth::Unknown => Facet::of_unknown(v),
                }),
            },
            Switch::Source { flag, source } => {
                let encrypted = flag.and_then(|f| written(r, f)).map(Node::truth);
                match encrypted {
                    Some(Truth::Yes) => {
                        flag.and_then(|f| written(r, f)).map(|v| Facet::yes(v.span))
                    }
                    Some(Truth::Unknown) => flag.and_then(|f| written(r, f)).map(Facet::of_unknown),
                    _ if keys.is_yes() => Some(Facet::yes(r.span)),
                    _ => Some(self.source_state(r, source)),
                }
            }
        };
        if answer.is_some() {
            return answer;
        }
        Some(match keys {
            Truth::Yes => Facet::yes(r.span),
            Truth::Unknown => Facet::unknown(r.span, "KMS key not known statically"),
            Truth::No => match e.absent {
                Absent::Encrypted => Facet::yes(r.span),
                Absent::Unencrypted => Facet::no(r.span, e.note),
                Absent::NotKnown(why) => Facet::unknown(r.span, why),
                Absent::AccountEbsDefault => match self.ebs_default {
                    Truth::Yes => Facet::yes(r.span),
                    Truth::No => Facet::no(r.span, e.note),
                    Truth::Unknown => Facet::unknown(
                        r.span,
                        "the account's default EBS encryption is set from a value not known statically",
                    ),
                },
            },
        })
    }

    /// A copy's encryption is its source's: decided when the source is in the model and its own
    /// encryption does not in turn depend on a source (one step, so a chain cannot loop).
    fn source_state(&self, r: &Resource, source: &str) -> Facet {
        let Some(named) = r.get(source) else {
            return Facet::unknown(r.span, format!("`{source}` is not set"));
        };
        let target = self
            .model
            .resolve(named)
            .and_then(|id| self.model.get(id))
            .filter(|t| {
                at_rest_entries()
                    .get(t.kind.as_str())
                    .is_some_and(|e| !matches!(e.switch, Switch::Source { .. }))
            });
        let Some(target) = target else {
            return Facet::unknown(
                named.span,
                format!("takes the encryption of the source named by `{source}`"),
            );
        };
        match self.encryption_at_rest(target).map(|f| f.state) {
            Some(Truth::Yes) => Facet::yes(named.span),
            Some(Truth::No) => Facet::no(
                named.span,
                format!(" (its source `{}` is not encrypted)", target.address),
            ),
            _ => Facet::unknown(
                named.span,
                format!(
                    "takes the encryption of `{}`, which is not known statically",
                    target.address
                ),
            ),
        }
    }

    /// Local disks and EBS volumes of the clusters an EMR security configuration governs.
    fn local_disks(&self, r: &Resource, document: &str) -> Facet {
        let Some(written_doc) = written(r, &[document]) else {
            return Facet::unknown(r.span, format!("`{document}` is not set"));
        };
        let doc = match json_document(written_doc) {
            Ok(doc) => doc,
            Err(v) => {
                return Facet::unknown(
                    v.span,
                    "the security configuration is not known statically",
                );
            }
        };
        let encryption = doc.get("EncryptionConfiguration");
        let setting_of = |path: &[&str]| encryption.and_then(|e| e.path(path));
        let at_rest = setting_of(&["EnableAtRestEncryption"]);
        match at_rest.map(Node::truth) {
            Some(Truth::Yes) => {}
            Some(Truth::Unknown) => {
                return at_rest.map_or_else(|| Facet::of_unknown(written_doc), Facet::of_unknown);
            }
            Some(Truth::No) | None => {
                let span = at_rest.map_or(written_doc.span, |v| v.span);
                return Facet::no(
                    span,
                    " (EMR at-rest encryption is off: local disks are not encrypted)",
                );
            }
        }
        let Some(local) = setting_of(&[
            "AtRestEncryptionConfiguration",
            "LocalDiskEncryptionConfiguration",
        ]) else {
            return Facet::no(written_doc.span, " (no local disk encryption)");
        };
        if local.is_unknown() {
            return Facet::of_unknown(local);
        }
        let ebs = local.get("EnableEbsEncryption");
        match ebs.map(Node::truth) {
            Some(Truth::Yes) => Facet::yes(local.span),
            Some(Truth::Unknown) => ebs.map_or_else(|| Facet::of_unknown(local), Facet::of_unknown),
            Some(Truth::No) | None => match self.ebs_default {
                Truth::Yes => Facet::yes(local.span),
                Truth::No => Facet::no(
                    ebs.map_or(local.span, |v| v.span),
                    " (EBS volumes are not encrypted: `EnableEbsEncryption` is off)",
                ),
                Truth::Unknown => Facet::unknown(
                    local.span,
                    "the account's default EBS encryption is set from a value not known statically",
                ),
            },
        }
    }

    /// The EBS volumes a launch creates: the first unencrypted one decides, else any unknown.
    fn block_devices(&self, r: &Resource, lists: &[BlockDevices]) -> Facet {
        let launch = compute::LAUNCH_IMAGES.iter().find(|l| l.kind == r.kind);
        let template = launch.and_then(|l| self.launch_template(r, l));
        let ami = launch.and_then(|l| self.launch_ami(r, l, template));
        let root_device = ami.and_then(ami_root_device);
        let ami_encrypted = ami.is_some_and(ami_root_encrypted);
        let mut unknown = None;
        let mut root_mapped = false;
        for list in lists {
            let Some(node) = written(r, list.list) else {
                continue;
            };
            if node.is_unknown() {
                unknown.get_or_insert_with(|| Facet::of_unknown(node));
                continue;
            }
            for device in node.items() {
                let Some(ebs) = mapped_ebs(device, list) else {
                    continue;
                };
                let (root, known_root) = is_root(device, list, root_device);
                root_mapped |= known_root;
                let state = self.device_state(ebs, list, root);
                match state.state {
                    Truth::No => return state,
                    // A volume made from an encrypted snapshot is encrypted, whatever it says.
                    Truth::Unknown if root && ami_encrypted => {}
                    Truth::Unknown => {
                        unknown.get_or_insert(state);
                    }
                    Truth::Yes => {}
                }
            }
        }
        if let Some(state) = unknown {
            return state;
        }
        // A launch template's mapping of the AMI's root device makes the root volume too (the
        // template's other volumes are the template's own finding).
        if !root_mapped && let Some(template) = template {
            match self.template_root(template, root_device) {
                Some(state) if state.state == Truth::Yes => root_mapped = true,
                Some(state) if !ami_encrypted => return state,
                _ => {}
            }
        }
        // A root volume no mapping mentions is made from the AMI's snapshot: encrypted if that
        // snapshot is, or if the account's default EBS encryption is on. Undecided unless the
        // configuration shows one of them. What is not a launch (an AMI registering its own
        // mappings) has no other volume than those it maps.
        if launch.is_none() || root_mapped || ami_encrypted || self.ebs_default.is_yes() {
            return Facet::yes(r.span);
        }
        Facet::unknown(
            r.span,
            match ami {
                Some(ami) => format!(
                    "the root volume is made from the snapshot of AMI `{}`, which the configuration does not say is encrypted",
                    ami.address
                ),
                None => "the root volume is made from the AMI's snapshot, whose encryption is not in the configuration".to_string(),
            },
        )
    }

    /// The launch template a launch takes its settings from, when it is in the configuration.
    fn launch_template(&self, r: &Resource, launch: &compute::LaunchImage) -> Option<&'m Resource> {
        let (block, keys) = launch.template?;
        let named = written(r, &[block])?;
        let kinds: Vec<&str> = compute::LAUNCH_IMAGES
            .iter()
            .filter(|l| l.template.is_none())
            .map(|l| l.kind)
            .collect();
        keys.iter()
            .filter_map(|key| step(named, &[key]))
            .find_map(|name| self.model.resolve_kind(name, &kinds))
            .map(|(_, t)| t)
            .filter(|t| t.is_managed())
    }

    /// The AMI of the configuration a launch (or its template) creates its root volume from.
    fn launch_ami(
        &self,
        r: &Resource,
        launch: &compute::LaunchImage,
        template: Option<&'m Resource>,
    ) -> Option<&'m Resource> {
        let image = written(r, launch.image).or_else(|| {
            let template = template?;
            let of_template = compute::LAUNCH_IMAGES
                .iter()
                .find(|l| l.kind == template.kind)?;
            written(template, of_template.image)
        })?;
        let kinds: Vec<&str> = compute::AMIS.iter().map(|(kind, _)| *kind).collect();
        self.model
            .resolve_kind(image, &kinds)
            .map(|(_, ami)| ami)
            .filter(|ami| ami.is_managed())
    }

    /// What a launch template's mapping of the AMI's root device says of the root volume;
    /// `None` when the template does not map it (or the root device is not known).
    fn template_root(&self, template: &Resource, root_device: Option<&str>) -> Option<Facet> {
        root_device?;
        let entry = at_rest_entries().get(template.kind.as_str())?;
        let Switch::Devices(lists) = &entry.switch else {
            return None;
        };
        let mut found = None;
        for list in *lists {
            let Some(node) = written(template, list.list) else {
                continue;
            };
            if node.is_unknown() {
                return Some(Facet::of_unknown(node));
            }
            for device in node.items() {
                let Some(ebs) = mapped_ebs(device, list) else {
                    continue;
                };
                if is_root(device, list, root_device).1 {
                    found = Some(self.device_state(ebs, list, true));
                }
            }
        }
        found
    }

    fn device_state(&self, ebs: &Node, list: &BlockDevices, root: bool) -> Facet {
        let given = |k: &str| ebs.get(k).map_or(Truth::No, Node::is_given);
        match ebs.get(list.encrypted).filter(|v| !v.is_null()) {
            Some(v) if v.truth().is_yes() => return Facet::yes(v.span),
            Some(v) if v.truth() == Truth::Unknown && !v.is_unset() => return Facet::of_unknown(v),
            _ => {}
        }
        if given(list.key).is_yes() || self.ebs_default.is_yes() {
            return Facet::yes(ebs.span);
        }
        if root {
            return Facet::unknown(ebs.span, "the root volume takes the AMI's encryption");
        }
        match given(list.snapshot) {
            Truth::No => {}
            _ => {
                return Facet::unknown(ebs.span, "the volume takes its snapshot's encryption");
            }
        }
        if self.ebs_default == Truth::Unknown {
            return Facet::unknown(
                ebs.span,
                "the account's default EBS encryption is set from a value not known statically",
            );
        }
        let span = ebs
            .get(list.encrypted)
            .filter(|v| v.is_written())
            .map_or(ebs.span, |v| v.span);
        Facet::no(span, " (an EBS volume it creates)")
    }

    /// Is each key that encrypts `r` customer-managed? One facet per key entry of its type that
    /// applies to it; empty when the catalog has none.
    pub fn customer_managed_keys(&self, r: &Resource) -> Vec<Facet> {
        let mut facets: Vec<Facet> = key_entries()
            .get(r.kind.as_str())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|e| self.key_choice(r, e))
            .collect();
        let in_lists = developer::KEYS_IN_LISTS
            .iter()
            .chain(database::KEYS_IN_LISTS);
        for e in in_lists.filter(|e| e.kind == r.kind) {
            self.keys_in_list(r, e, &mut facets);
        }
        facets.extend(s3::object_key(self, r));
        facets.extend(s3::bucket_key(self, r));
        facets.extend(database::dms_object_key(self, r));
        facets.extend(workloads::fargate_ephemeral_key(self, r));
        facets
    }

    /// One facet per element of the list that holds data.
    fn keys_in_list(&self, r: &Resource, e: &KeyChoiceInList, facets: &mut Vec<Facet>) {
        if let Some(switch) = &e.applies {
            match written(r, switch.flag) {
                None => {
                    facets.push(Facet::no(r.span, switch.off));
                    return;
                }
                Some(flag) => match flag.truth() {
                    Truth::Yes => {}
                    Truth::No => {
                        facets.push(Facet::no(flag.span, switch.off));
                        return;
                    }
                    Truth::Unknown => {
                        facets.push(Facet::of_unknown(flag));
                        return;
                    }
                },
            }
        }
        let Some(list) = written(r, e.list) else {
            return;
        };
        if list.is_unknown() {
            facets.push(Facet::of_unknown(list));
            return;
        }
        for element in list.items() {
            if element.is_unknown() {
                facets.push(Facet::of_unknown(element));
                continue;
            }
            let Some(data) = step(element, e.holds_data) else {
                continue;
            };
            if data.is_unknown() {
                facets.push(Facet::of_unknown(data));
                continue;
            }
            // A plan's key no expression sets is the provider's to compute: not written.
            let key = step(data, e.key).filter(|k| !k.is_unset());
            let facet = match (key, &e.absent) {
                (Some(key), _) => self.key_state(key),
                (None, ListKeyAbsent::Undecided(why)) => Facet::unknown(data.span, *why),
                (None, ListKeyAbsent::AwsKey(why)) => Facet::no(data.span, *why),
                (None, ListKeyAbsent::AccountEbsDefault { encrypted }) => {
                    match step(data, &[encrypted]).map(Node::truth) {
                        Some(Truth::No) => continue,
                        Some(Truth::Yes) => match self.ebs_default_key {
                            Some(default) => self.key_state(default),
                            None => Facet::no(
                                data.span,
                                " (no key given: the account's default EBS key, alias/aws/ebs)",
                            ),
                        },
                        Some(Truth::Unknown) => step(data, &[encrypted])
                            .map_or_else(|| Facet::of_unknown(data), Facet::of_unknown),
                        None => Facet::unknown(
                            data.span,
                            "`encrypted` is not set: the volume takes its snapshot's encryption and key",
                        ),
                    }
                }
            };
            facets.push(facet);
        }
    }

    fn key_choice(&self, r: &Resource, e: &KeyChoice) -> Option<Facet> {
        let applies = e.applies.map_or(Truth::Yes, |f| f(r));
        if applies.is_no() {
            return None;
        }
        if let Some(v) = written(r, e.key) {
            return Some(self.key_state(v));
        }
        if applies == Truth::Unknown {
            return Some(Facet::unknown(
                r.span,
                format!(
                    "whether `{}` applies is not known statically",
                    e.key.join(".")
                ),
            ));
        }
        // A copy, replica or restore without a key of its own keeps its source's key, which
        // the configuration does not show.
        let storage = at_rest_entries()
            .get(r.kind.as_str())
            .filter(|a| a.keys.contains(&e.key))
            .map_or(&[][..], |a| a.inherits);
        let copied = database::KEEPS_SOURCE_KEY
            .iter()
            .filter(|(kind, _)| *kind == r.kind)
            .map(|(_, source)| source);
        for key in storage.iter().chain(copied) {
            if let Some(v) = r.get(key).filter(|v| v.is_given() != Truth::No) {
                return Some(Facet::unknown(
                    v.span,
                    format!("takes the key of the source named by `{key}`"),
                ));
            }
        }
        if storage::TAKES_ACCOUNT_DEFAULT_EBS_KEY.contains(&r.kind.as_str())
            && let Some(default) = self.ebs_default_key
        {
            return Some(self.key_state(default));
        }
        Some(Facet::no(
            r.span,
            format!(" (no key given: {})", e.default_key),
        ))
    }

    /// A written key: customer-managed unless it is (or looks up) a key AWS manages
    /// (`graph::kms` decides, for every format).
    fn key_state(&self, v: &Node) -> Facet {
        if v.as_str().is_some_and(str::is_empty) {
            return Facet::no(v.span, "");
        }
        match crate::graph::kms::is_aws_managed_key(self.model, &identity::KEY_DATA_SOURCES, v) {
            Truth::Yes => {
                // Name the key: as written, or as the data source looks it up.
                let looked_up = || {
                    let data = self.model.get(self.model.resolve(v)?)?;
                    data.get("name").or_else(|| data.get("key_id"))?.as_str()
                };
                let named = v
                    .as_str()
                    .or_else(|| v.text_shape())
                    .or_else(looked_up)
                    .map_or(String::new(), |k| format!(" (`{k}` is a key AWS manages)"));
                Facet::no(v.span, named)
            }
            Truth::No => Facet::yes(v.span),
            Truth::Unknown if v.is_unknown() && !matches!(v.value, Value::Ref(_)) => {
                Facet::of_unknown(v)
            }
            Truth::Unknown => Facet::unknown(v.span, "the key is not known statically"),
        }
    }

    /// Managed resources of the kinds with an audit-logging entry of `family`, in model order:
    /// read from the model's index of kinds, as a scan of every resource per family costs a
    /// lookup per resource for each of the logging rules.
    pub fn managed_with_audit_logging(
        &self,
        family: LogFamily,
    ) -> impl Iterator<Item = &'m Resource> + use<'m> {
        let kinds: Vec<&str> = log_entries()
            .iter()
            .filter(|(_, e)| e.family == family)
            .map(|(kind, _)| *kind)
            .collect();
        self.model
            .of_kind(&kinds)
            .map(|(_, r)| r)
            .filter(|r| r.is_managed())
    }

    /// Is audit logging of `family` on for `r`? `None` when the catalog has no such entry.
    pub fn audit_logging(&self, r: &Resource, family: LogFamily) -> Option<Facet> {
        let e = log_entries().get(r.kind.as_str())?;
        if e.family != family {
            return None;
        }
        if e.decided_elsewhere.is_some_and(|f| f(r)) {
            return Some(Facet::yes(r.span));
        }
        let configured = match (e.configured_by, self.model.by_address(&r.address)) {
            (Some((kinds, attribute)), Some(id)) => {
                self.model.is_configured_by(id, kinds, attribute)
            }
            _ => Truth::No,
        };
        if configured.is_yes() {
            return Some(Facet::yes(r.span));
        }
        let facet = self.inline_logging(r, &e.switch);
        if facet.state.is_no() && configured == Truth::Unknown {
            return Some(Facet::unknown(
                r.span,
                "a logging configuration names its target with a value not known statically",
            ));
        }
        Some(facet)
    }

    /// How a resource of `family` turns its audit logging on, when the catalog knows it.
    pub fn audit_log_switch(&self, r: &Resource, family: LogFamily) -> Option<&'static LogSwitch> {
        log_entries()
            .get(r.kind.as_str())
            .filter(|e| e.family == family)
            .map(|e| &e.switch)
    }

    fn inline_logging(&self, r: &Resource, switch: &LogSwitch) -> Facet {
        match switch {
            LogSwitch::Split => Facet::no(r.span, " (no logging configuration names it)"),
            LogSwitch::Outside(why) => Facet::unknown(r.span, *why),
            LogSwitch::NeedsDestination(inner) => self.inline_logging(r, inner),
            LogSwitch::Flag { path, default } => match written(r, path) {
                // The flag's default applies inside its block; without the block there is
                // no logging configuration at all.
                None => match path.split_last().map(|(_, parent)| parent) {
                    Some(parent) if !parent.is_empty() => match written(r, parent) {
                        None => Facet::no(r.span, " (not configured)"),
                        Some(_) if *default => Facet::yes(r.span),
                        Some(block) => Facet::no(block.span, " (not turned on)"),
                    },
                    _ if *default => Facet::yes(r.span),
                    _ => Facet::no(r.span, " (not turned on)"),
                },
                Some(v) => match v.truth() {
                    Truth::Yes => Facet::yes(v.span),
                    Truth::No => Facet::no(v.span, ""),
                    Truth::Unknown => Facet::of_unknown(v),
                },
            },
            LogSwitch::Block(path) => match written_block(r, path) {
                Ok(None) => Facet::no(r.span, " (not configured)"),
                Ok(Some(v)) => Facet::yes(v.span),
                Err(v) => Facet::of_unknown(v),
            },
            LogSwitch::Attribute { list, key } => match written(r, list) {
                None => Facet::no(r.span, " (not configured)"),
                Some(v) if v.is_unknown() => Facet::of_unknown(v),
                Some(v) => {
                    let entry = v
                        .items()
                        .iter()
                        .find(|a| a.get("Key").and_then(Node::as_str) == Some(key));
                    match entry.and_then(|e| e.get("Value")) {
                        None => Facet::no(v.span, " (not configured)"),
                        Some(value) => match value.truth() {
                            Truth::Yes => Facet::yes(value.span),
                            Truth::No => Facet::no(value.span, ""),
                            Truth::Unknown => Facet::of_unknown(value),
                        },
                    }
                }
            },
            LogSwitch::AnyOf(flags) => {
                let states: Vec<Facet> = flags.iter().map(|f| flag_state(r, f)).collect();
                let mut facet = combine(r, states, Truth::Yes);
                if facet.state.is_no() {
                    let names: Vec<String> = flags
                        .iter()
                        .map(|f| format!("`{}`", f.path.join(".")))
                        .collect();
                    facet.why = format!(" (none of {} is on)", names.join(", "));
                }
                facet
            }
            LogSwitch::AllOf(flags) => {
                let states: Vec<Facet> = flags.iter().map(|f| flag_state(r, f)).collect();
                combine(r, states, Truth::No)
            }
            LogSwitch::AllOfWritten(flags) => {
                let states: Vec<Facet> = flags
                    .iter()
                    .map(|f| match written(r, f.path) {
                        None => Facet::unknown(
                            r.span,
                            format!(
                                "`{}` is not set and AWS does not document its default",
                                f.path.join(".")
                            ),
                        ),
                        Some(_) => flag_state(r, f),
                    })
                    .collect();
                combine(r, states, Truth::No)
            }
            LogSwitch::EveryElement {
                list,
                flag,
                elements,
            } => match written(r, list) {
                None => Facet::no(r.span, " (not configured)"),
                Some(v) if v.is_unknown() => Facet::of_unknown(v),
                Some(v) => every_element_on(v, flag, *elements),
            },
            LogSwitch::Exports {
                path,
                required,
                item_key,
            } => match written(r, path) {
                None => Facet::no(r.span, " (no log types exported)"),
                Some(v) if v.is_unknown() => Facet::of_unknown(v),
                Some(v) => exports_state(v, required, *item_key),
            },
        }
    }
}

/// The state of one switch of a log type or destination.
fn flag_state(r: &Resource, flag: &LogFlag) -> Facet {
    let exempt = match flag.unless {
        None => Truth::No,
        Some((path, value)) => match written(r, path) {
            None => Truth::No,
            Some(v) => match v.as_str() {
                Some(s) => Truth::from_bool(s.eq_ignore_ascii_case(value)),
                None => Truth::Unknown,
            },
        },
    };
    if exempt.is_yes() {
        return Facet::yes(r.span);
    }
    let named = flag.path.join(".");
    let state = match written(r, flag.path) {
        None if flag.absent => Facet::yes(r.span),
        None => Facet::no(r.span, format!(" (`{named}` not set)")),
        Some(v) if v.is_unknown() => Facet::of_unknown(v),
        Some(v) if flag.off.is_empty() => match v.truth() {
            Truth::Yes => Facet::yes(v.span),
            Truth::No => Facet::no(v.span, format!(" (`{named}` is off)")),
            Truth::Unknown => Facet::of_unknown(v),
        },
        Some(v) => match v.as_str() {
            Some(s) if flag.off.iter().any(|off| off.eq_ignore_ascii_case(s)) => {
                Facet::no(v.span, format!(" (`{named}` is {s})"))
            }
            Some(_) => Facet::yes(v.span),
            None => Facet::unknown(v.span, "the log setting is not known statically"),
        },
    };
    // An engine not known statically might be one without this log.
    if state.state.is_no() && exempt == Truth::Unknown {
        return Facet::unknown(state.span, "the engine is not known statically");
    }
    state
}

/// Whether each of the `elements` parts a list configures logs: the first element whose `flag`
/// is off or missing decides, then a part with no element at all; else any unknown element.
fn every_element_on(list: &Node, flag: Path, elements: usize) -> Facet {
    let named = flag.join(".");
    let items = list.items();
    let mut unknown = None;
    for item in items {
        if item.is_unknown() {
            unknown.get_or_insert_with(|| Facet::of_unknown(item));
            continue;
        }
        match step(item, flag).filter(|v| !v.is_unset()) {
            None => return Facet::no(item.span, format!(" (`{named}` not set)")),
            Some(v) => match v.truth() {
                Truth::Yes => {}
                Truth::No => return Facet::no(v.span, format!(" (`{named}` is off)")),
                Truth::Unknown => {
                    unknown.get_or_insert_with(|| Facet::of_unknown(v));
                }
            },
        }
    }
    if items.len() < elements {
        return Facet::no(
            list.span,
            format!(
                " (options for {} of {elements}; the others log nothing)",
                items.len()
            ),
        );
    }
    unknown.unwrap_or_else(|| Facet::yes(list.span))
}

/// Combines the states of several switches: `decisive` (Yes for any-of, No for all-of) wins
/// at the first switch that has it; otherwise an unknown switch makes the whole unknown.
fn combine(r: &Resource, states: Vec<Facet>, decisive: Truth) -> Facet {
    let mut unknown = None;
    let mut first = None;
    for facet in states {
        if facet.state == decisive {
            return facet;
        }
        if facet.state == Truth::Unknown && unknown.is_none() {
            unknown = Some(facet);
        } else if first.is_none() {
            first = Some(facet);
        }
    }
    unknown
        .or(first)
        .unwrap_or_else(|| Facet::no(r.span, " (not configured)"))
}

/// A JSON document held in an attribute: a map (CloudFormation `Json` properties,
/// `jsonencode`) or JSON text (heredocs, plans). `Err` holds the value when it cannot be read.
pub fn json_document(v: &Node) -> Result<std::borrow::Cow<'_, Node>, &Node> {
    match &v.value {
        Value::Map(_) => Ok(std::borrow::Cow::Borrowed(v)),
        Value::String(text) => crate::graph::parse::json::parse_placed(
            text,
            crate::graph::parse::json::Placement::Whole(v.span),
        )
        .ok()
        .filter(|doc| doc.as_map().is_some())
        .map(std::borrow::Cow::Owned)
        .ok_or(v),
        _ => Err(v),
    }
}

/// Items of a list whose `flag` must be true wherever their `when` flag is: the first that is
/// not decides, else any unknown.
fn each_flag_when(r: &Resource, list: Path, when: &str, flag: &str, note: &'static str) -> Facet {
    let Some(items) = written(r, list) else {
        return Facet::yes(r.span);
    };
    if items.is_unknown() {
        return Facet::of_unknown(items);
    }
    let mut unknown = None;
    for item in items.items() {
        let on = item.get(when).filter(|v| !v.is_null());
        match on.map(Node::truth) {
            None | Some(Truth::No) => continue,
            Some(Truth::Unknown) => {
                unknown.get_or_insert_with(|| {
                    on.map_or_else(|| Facet::of_unknown(item), Facet::of_unknown)
                });
                continue;
            }
            Some(Truth::Yes) => {}
        }
        match item.get(flag).filter(|v| !v.is_null()) {
            None => return Facet::no(item.span, note),
            Some(v) => match v.truth() {
                Truth::Yes => {}
                Truth::No => return Facet::no(v.span, note),
                Truth::Unknown => {
                    unknown.get_or_insert_with(|| Facet::of_unknown(v));
                }
            },
        }
    }
    unknown.unwrap_or_else(|| Facet::yes(items.span))
}

/// Booleans that must all be true: the first false (or absent) one decides, else any unknown.
fn all_flags(r: &Resource, flags: &[(Path, &str)]) -> Facet {
    let mut unknown = None;
    for (path, note) in flags {
        match written(r, path) {
            None => return Facet::no(r.span, *note),
            Some(v) => match v.truth() {
                Truth::Yes => {}
                Truth::No => return Facet::no(v.span, *note),
                Truth::Unknown => {
                    unknown.get_or_insert_with(|| Facet::of_unknown(v));
                }
            },
        }
    }
    unknown.unwrap_or_else(|| Facet::yes(r.span))
}

fn all_modes(r: &Resource, modes: &[(Path, &str)]) -> Facet {
    let mut unknown = None;
    for (path, note) in modes {
        match written(r, path) {
            None => return Facet::no(r.span, *note),
            Some(v) => match v.as_str() {
                Some(mode) if mode.eq_ignore_ascii_case("DISABLED") => {
                    return Facet::no(v.span, *note);
                }
                Some(_) => {}
                None => {
                    unknown.get_or_insert_with(|| Facet::of_unknown(v));
                }
            },
        }
    }
    unknown.unwrap_or_else(|| Facet::yes(r.span))
}

/// Does a list of exported log types hold every required type?
fn exports_state(list: &Node, required: &[&str], item_key: Option<&str>) -> Facet {
    let mut types = Vec::new();
    let mut unknown = None;
    for item in list.items() {
        // A publishing block that says `enabled = false` exports nothing.
        if item.get("enabled").is_some_and(|e| e.truth().is_no()) {
            continue;
        }
        let value = match item_key {
            Some(k) => item.get(k),
            None => Some(item),
        };
        match value.map(|n| (n, n.as_str())) {
            Some((_, Some(s))) => types.push(s),
            Some((n, None)) if n.is_unknown() => unknown = Some(n),
            _ => {}
        }
    }
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|t| !types.iter().any(|have| have.eq_ignore_ascii_case(t)))
        .collect();
    match (
        required.is_empty(),
        types.is_empty(),
        missing.is_empty(),
        unknown,
    ) {
        (true, false, _, _) | (false, _, true, _) => Facet::yes(list.span),
        (_, _, _, Some(n)) => Facet::of_unknown(n),
        (true, true, _, None) => Facet::no(list.span, " (no log types exported)"),
        (false, _, false, None) => {
            Facet::no(list.span, format!(" (missing {})", missing.join(", ")))
        }
    }
}

#[cfg(test)]
mod tests;
