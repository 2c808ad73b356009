//! IAM policy documents in one model, whatever their source: CloudFormation `PolicyDocument`
//! maps, JSON strings (plan values, heredocs, `file()`), `jsonencode(...)` structures, and
//! Terraform `aws_iam_policy_document` data sources.

use super::arn::Arn;
use super::{Model, Node, Resource, ResourceId, Truth, Value};
use crate::graph::parse::json::{self, Placement};
use crate::source::Span;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
    Unknown,
}

/// One statement; list fields hold the elements as written (a scalar becomes one element).
#[derive(Clone, Debug)]
pub struct Statement {
    pub effect: Effect,
    pub actions: Option<Node>,
    pub not_actions: Option<Node>,
    pub resources: Option<Node>,
    pub not_resources: Option<Node>,
    pub principal: Option<Node>,
    pub not_principal: Option<Node>,
    pub condition: Option<Node>,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct PolicyDocument {
    pub statements: Vec<Statement>,
    /// Some statements could not be read (unknown values): absence proves nothing.
    pub incomplete: bool,
    /// The value, when the document could not be read at all (a variable, a template whose
    /// directives depend on unknowns, a reference to a policy outside the configuration).
    pub unread: Option<Node>,
}

/// What a policy governs: an identity's permissions, who may assume a role, who may use a
/// resource, or what a connected device may do (AWS IoT Core policies, attached to
/// certificates and identities, which grant only IoT actions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyKind {
    Identity,
    Trust,
    Resource,
    Device,
}

/// A policy attached somewhere in the model.
pub struct AttachedPolicy<'a> {
    pub resource: &'a Resource,
    pub kind: PolicyKind,
    pub document: &'a PolicyDocument,
    catalog: &'static PolicyCatalog,
}

/// Where the catalog (`aws::identity::POLICIES`) says policy documents are written, and
/// which holders give them a meaning of their own.
pub struct PolicyCatalog {
    /// (resource kind, attribute path, policy kind). A path through a list (`Policies`) visits
    /// every element.
    pub locations: &'static [(&'static str, &'static [&'static str], PolicyKind)],
    /// Resources whose resource policy is a KMS key policy.
    pub key_policy_holders: &'static [&'static str],
    /// Resources whose resource policy is a VPC endpoint policy.
    pub endpoint_policy_holders: &'static [&'static str],
    /// Data sources that build a document from blocks, which a reference to them stands for.
    pub document_data_sources: &'static [DocumentDataSource],
    /// Resources that add one statement to a resource policy.
    pub statement_resources: &'static [StatementResource],
}

/// A resource that adds one statement to a resource's policy (an EventBridge bus permission):
/// the statement written whole, or its parts as separate arguments, the way the older API
/// took them.
pub struct StatementResource {
    pub kind: &'static str,
    /// Where the whole statement is written, when the resource takes one; it wins over the
    /// parts.
    pub statement: Option<&'static str>,
    /// The principal: an account id, or `"*"` for every account.
    pub principal: &'static str,
    pub action: &'static str,
    /// The action granted when none is written.
    pub default_action: &'static str,
    /// A condition block narrowing the principal (an organization).
    pub condition: &'static str,
    pub condition_block: ConditionBlock,
}

/// A data source that builds a policy document from blocks: a `statement` list whose effect
/// defaults to Allow, principals as `{type, identifiers}` blocks, conditions as
/// `{test, variable, values}` blocks, and other documents merged in. The catalog names each
/// part, as the provider spells it.
pub struct DocumentDataSource {
    pub kind: &'static str,
    /// Arguments listing other documents whose statements are merged in.
    pub merged_lists: &'static [&'static str],
    /// Arguments holding one other document whose statements are merged in.
    pub merged_documents: &'static [&'static str],
    pub statement: &'static str,
    pub effect: &'static str,
    pub actions: &'static str,
    pub not_actions: &'static str,
    pub resources: &'static str,
    pub not_resources: &'static str,
    pub principals: &'static str,
    pub not_principals: &'static str,
    pub condition: &'static str,
    pub principal_blocks: PrincipalBlock,
    pub condition_blocks: ConditionBlock,
}

/// The parts of a principal block: the principal type (`AWS`, `Service`...) and its list.
pub struct PrincipalBlock {
    pub kind: &'static str,
    pub identifiers: &'static str,
}

/// The parts of a condition block: the operator, the condition key and the values.
pub struct ConditionBlock {
    pub operator: &'static str,
    pub key: &'static str,
    pub values: &'static str,
}

impl AttachedPolicy<'_> {
    pub fn is_key_policy(&self) -> bool {
        self.catalog
            .key_policy_holders
            .contains(&self.resource.kind.as_str())
    }

    pub fn is_endpoint_policy(&self) -> bool {
        self.catalog
            .endpoint_policy_holders
            .contains(&self.resource.kind.as_str())
    }
}

/// An attached policy as the model keeps it (see [`attached_policies`]).
#[derive(Debug)]
pub(crate) struct Attachment {
    resource: ResourceId,
    kind: PolicyKind,
    document: PolicyDocument,
}

/// Every policy document attached to a managed resource of the model. The documents are read
/// once per model and shared by every rule that asks (there is one catalog, so the first
/// reading stands for every caller).
pub fn attached_policies<'m>(
    model: &'m Model,
    catalog: &'static PolicyCatalog,
) -> Vec<AttachedPolicy<'m>> {
    model
        .policies
        .get_or_init(|| read_attachments(model, catalog))
        .iter()
        .filter_map(|a| {
            Some(AttachedPolicy {
                resource: model.get(a.resource)?,
                kind: a.kind,
                document: &a.document,
                catalog,
            })
        })
        .collect()
}

fn read_attachments(model: &Model, catalog: &PolicyCatalog) -> Vec<Attachment> {
    let mut out = Vec::new();
    for (i, r) in model.resources.iter().enumerate() {
        if !r.is_managed() {
            continue;
        }
        for (kind, path, policy_kind) in catalog.locations {
            if r.kind != *kind {
                continue;
            }
            let mut nodes = Vec::new();
            if let Some((first, rest)) = path.split_first() {
                collect_path(r.get(first), rest, &mut nodes);
            }
            for node in nodes {
                let document = match document(model, catalog, node) {
                    Some(document) => document,
                    // Given but not readable: kept, so rules can say they could not decide.
                    None if node.is_given() != Truth::No => PolicyDocument {
                        statements: Vec::new(),
                        incomplete: true,
                        unread: Some(unread(node)),
                    },
                    None => continue,
                };
                out.push(Attachment {
                    resource: ResourceId(i),
                    kind: *policy_kind,
                    document,
                });
            }
        }
        for grant in catalog.statement_resources {
            if r.kind != grant.kind {
                continue;
            }
            if let Some(document) = granted_statement(r, grant) {
                out.push(Attachment {
                    resource: ResourceId(i),
                    kind: PolicyKind::Resource,
                    document,
                });
            }
        }
    }
    out
}

/// The one statement a statement resource adds, as a document; `None` when it grants nothing
/// (no statement and no principal).
fn granted_statement(r: &Resource, grant: &StatementResource) -> Option<PolicyDocument> {
    let unread_document = |node: Node| PolicyDocument {
        statements: Vec::new(),
        incomplete: true,
        unread: Some(node),
    };
    let one = |statement: Statement| PolicyDocument {
        statements: vec![statement],
        ..PolicyDocument::default()
    };
    if let Some(whole) = grant.statement.and_then(|key| r.get(key)) {
        let parsed = match &whole.value {
            Value::String(text) => json::parse_placed(text, Placement::Whole(whole.span)).ok(),
            Value::Map(_) => Some(whole.clone()),
            _ => None,
        };
        return Some(match parsed.as_ref().and_then(read_statement) {
            Some(statement) => one(statement),
            None => unread_document(unread(whole)),
        });
    }
    let principal = r.get(grant.principal).filter(|p| !p.is_null())?;
    if principal.as_str().is_none() {
        return Some(unread_document(Node::unknown(
            "the principal of the statement is not known statically",
            principal.span,
        )));
    }
    let action = r
        .get(grant.action)
        .filter(|a| !a.is_null())
        .cloned()
        .unwrap_or_else(|| Node::string(grant.default_action, r.span));
    Some(one(Statement {
        effect: Effect::Allow,
        actions: Some(action),
        not_actions: None,
        resources: None,
        not_resources: None,
        principal: Some(principal.clone()),
        not_principal: None,
        condition: r
            .get(grant.condition)
            .filter(|c| !c.is_null())
            .map(|c| conditions_from_blocks(c, &grant.condition_block)),
        span: r.span,
    }))
}

/// A policy value that could not be read, with a reason that says so.
fn unread(node: &Node) -> Node {
    let reason = match &node.value {
        Value::Ref(r) => format!("policy document {r} is not known statically"),
        Value::Unknown(u) => format!("policy document not known statically: {}", u.reason),
        _ => "policy document is not valid JSON".to_string(),
    };
    Node::unknown(reason, node.span)
}

fn collect_path<'a>(node: Option<&'a Node>, rest: &[&str], out: &mut Vec<&'a Node>) {
    let Some(node) = node else { return };
    match rest.split_first() {
        None => out.push(node),
        Some((key, rest)) => {
            for item in node.items() {
                collect_path(item.get(key), rest, out);
            }
        }
    }
}

/// Reads a policy document from a value: a map, a JSON string, or a reference to one of the
/// catalog's document data sources. `None` when it is not known statically.
pub fn document(model: &Model, catalog: &PolicyCatalog, node: &Node) -> Option<PolicyDocument> {
    document_at(model, catalog, node, 0)
}

/// `document` at a depth of nested `source_policy_documents`, bounded: two data sources that
/// name each other would recurse forever.
fn document_at(
    model: &Model,
    catalog: &PolicyCatalog,
    node: &Node,
    depth: usize,
) -> Option<PolicyDocument> {
    match &node.value {
        Value::Map(_) => Some(from_json(node)),
        Value::String(s) => {
            let parsed = json::parse_placed(s, Placement::Whole(node.span)).ok()?;
            Some(from_json(&parsed))
        }
        Value::Ref(_) => {
            let data = model.get(model.resolve(node)?)?;
            let names = catalog
                .document_data_sources
                .iter()
                .find(|source| source.kind == data.kind)?;
            Some(from_policy_document_data(
                model,
                catalog,
                names,
                data,
                depth + 1,
            ))
        }
        _ => None,
    }
}

fn from_json(node: &Node) -> PolicyDocument {
    let mut doc = PolicyDocument::default();
    let Some(statements) = node.get("Statement") else {
        doc.incomplete = node.is_unknown();
        return doc;
    };
    if statements.is_unknown() {
        doc.incomplete = true;
        return doc;
    }
    for s in statements.items() {
        match read_statement(s) {
            Some(statement) => doc.statements.push(statement),
            None => doc.incomplete = true,
        }
    }
    doc
}

/// One statement of a JSON policy; `None` when it is not a map.
fn read_statement(s: &Node) -> Option<Statement> {
    s.as_map()?;
    let effect = match s.get("Effect").and_then(Node::as_str) {
        Some("Allow") => Effect::Allow,
        Some("Deny") => Effect::Deny,
        _ => Effect::Unknown,
    };
    Some(Statement {
        effect,
        actions: given(s.get("Action")),
        not_actions: given(s.get("NotAction")),
        resources: given(s.get("Resource")),
        not_resources: given(s.get("NotResource")),
        principal: s.get("Principal").cloned(),
        not_principal: s.get("NotPrincipal").cloned(),
        condition: s.get("Condition").cloned(),
        span: s.span,
    })
}

/// A document data source: statement blocks whose effect defaults to Allow, with the
/// statements of the documents it merges in.
fn from_policy_document_data(
    model: &Model,
    catalog: &PolicyCatalog,
    names: &DocumentDataSource,
    data: &Resource,
    depth: usize,
) -> PolicyDocument {
    let mut doc = PolicyDocument::default();
    if depth > 8 {
        doc.incomplete = true;
        return doc;
    }
    for key in names.merged_lists {
        if let Some(list) = data.get(key) {
            for source in list.items() {
                match document_at(model, catalog, source, depth) {
                    Some(d) => {
                        doc.incomplete |= d.incomplete;
                        doc.statements.extend(d.statements);
                    }
                    None => doc.incomplete = true,
                }
            }
        }
    }
    for key in names.merged_documents {
        if let Some(source) = data.get(key) {
            match document_at(model, catalog, source, depth) {
                Some(d) => {
                    doc.incomplete |= d.incomplete;
                    doc.statements.extend(d.statements);
                }
                None => doc.incomplete = true,
            }
        }
    }
    for s in data
        .get(names.statement)
        .map(Node::items)
        .unwrap_or_default()
    {
        if s.as_map().is_none() {
            doc.incomplete = true;
            continue;
        }
        let effect = match s.get(names.effect).map(|e| (e, e.as_str())) {
            None => Effect::Allow,
            Some((e, _)) if e.is_null() => Effect::Allow,
            Some((_, Some("Allow"))) => Effect::Allow,
            Some((_, Some("Deny"))) => Effect::Deny,
            _ => Effect::Unknown,
        };
        doc.statements.push(Statement {
            effect,
            actions: given(s.get(names.actions)),
            not_actions: given(s.get(names.not_actions)),
            resources: given(s.get(names.resources)),
            not_resources: given(s.get(names.not_resources)),
            principal: s
                .get(names.principals)
                .map(|b| principals_from_blocks(b, &names.principal_blocks)),
            not_principal: s
                .get(names.not_principals)
                .map(|b| principals_from_blocks(b, &names.principal_blocks)),
            condition: s
                .get(names.condition)
                .map(|b| conditions_from_blocks(b, &names.condition_blocks)),
            span: s.span,
        });
    }
    doc
}

/// An element as written, or `None` when it is absent or null (unset optional arguments of
/// `aws_iam_policy_document` are null in Terraform and in plans).
fn given(node: Option<&Node>) -> Option<Node> {
    node.filter(|n| !n.is_null()).cloned()
}

/// Principal blocks (`principals { type = "AWS", identifiers = ["*"] }`) as the JSON
/// `Principal` map.
fn principals_from_blocks(blocks: &Node, names: &PrincipalBlock) -> Node {
    let mut map = super::Map::default();
    for b in blocks.items() {
        let (Some(kind), Some(ids)) = (
            b.get(names.kind).and_then(Node::as_str),
            b.get(names.identifiers),
        ) else {
            return Node::unknown("principals not known statically", blocks.span);
        };
        // Blocks of the same type add up, as Terraform merges their identifiers.
        match map.entries.iter_mut().find(|e| e.key == kind) {
            Some(existing) => {
                let mut items = existing.value.items().to_vec();
                items.extend(ids.items().iter().cloned());
                existing.value = Node::new(Value::List(items), existing.value.span);
            }
            None => map.insert(kind.to_string(), b.span, ids.clone()),
        }
    }
    Node::new(Value::Map(map), blocks.span)
}

/// Condition blocks (`condition { test, variable, values }`) as the JSON `Condition` map.
fn conditions_from_blocks(blocks: &Node, names: &ConditionBlock) -> Node {
    let mut map = super::Map::default();
    for b in blocks.items() {
        let (Some(test), Some(variable), Some(values)) = (
            b.get(names.operator).and_then(Node::as_str),
            b.get(names.key).and_then(Node::as_str),
            b.get(names.values),
        ) else {
            return Node::unknown("condition not known statically", blocks.span);
        };
        let mut inner = match map.get(test).and_then(Node::as_map) {
            Some(m) => m.clone(),
            None => super::Map::default(),
        };
        inner.insert(variable.to_string(), b.span, values.clone());
        map.insert(
            test.to_string(),
            b.span,
            Node::new(Value::Map(inner), b.span),
        );
    }
    Node::new(Value::Map(map), blocks.span)
}

impl Statement {
    /// Action elements, with `None` when the list is not known statically.
    pub fn action_list(&self) -> Option<&[Node]> {
        list_of(self.actions.as_ref())
    }

    pub fn resource_list(&self) -> Option<&[Node]> {
        list_of(self.resources.as_ref())
    }
}

fn list_of(node: Option<&Node>) -> Option<&[Node]> {
    match node {
        None => Some(&[]),
        // A partly known string (`arn:aws:sqs:*:*:jobs`) is still one element.
        Some(n) if n.is_unknown() && n.text_shape().is_none() => None,
        Some(n) => Some(n.items()),
    }
}

/// Whose account an `AWS` principal element names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Account {
    /// The account the configuration is deployed to.
    This,
    /// Another account, by id.
    Other(String),
    /// An account not known statically.
    Unknown,
}

/// The account named by a principal element: an account id, or an IAM/STS ARN
/// (`arn:aws:iam::111122223333:root`, a role or user). `None` when it names no account (`*`,
/// a service principal). `data.aws_caller_identity.x.account_id` and `AWS::AccountId` are
/// [`Account::This`]; so is the account of a plan's `data.aws_caller_identity`.
pub fn principal_account(model: &Model, node: &Node) -> Option<Account> {
    let (text, partly_known) = match (node.deployed_text(), node.text_shape()) {
        (Some(text), _) => (text, false),
        (None, Some(shape)) => (shape, true),
        (None, None) if node.is_unknown() => return Some(Account::Unknown),
        (None, None) => return None,
    };
    // The token holds colons of its own; as one field it cannot be confused with an id.
    const THIS: &str = "<this-account>";
    let text: Cow<'_, str> = if text.contains(super::value::THIS_ACCOUNT) {
        Cow::Owned(text.replace(super::value::THIS_ACCOUNT, THIS))
    } else {
        Cow::Borrowed(text)
    };
    let account = match text.strip_prefix("arn:") {
        Some(rest) => {
            let mut fields = rest.split(':');
            let service = fields.nth(1)?;
            if service != "iam" && service != "sts" && !service.contains('*') {
                return None;
            }
            fields.nth(1)?
        }
        None => &text,
    };
    if account == THIS {
        return Some(Account::This);
    }
    if account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) {
        return Some(match &model.this_account {
            Some(this) if this == account => Account::This,
            _ => Account::Other(account.to_string()),
        });
    }
    (partly_known && account.contains('*')).then_some(Account::Unknown)
}

/// Does an action pattern grant every action of every service (`*`, `*:*`)?
/// Does a resource element name every resource that actions of `action_service` (a lower-cased
/// service prefix, which may hold wildcards) act on? `"*"` does, and so does an ARN pattern
/// whose region and account are `*` or empty and whose resource part is only `*`, for a
/// service the action's matches: `arn:aws:s3:::*` is every bucket and object,
/// `arn:*:*:*:*:*` every resource. A narrower pattern (`arn:aws:s3:::uploads/*`,
/// `arn:aws:dynamodb:*:*:table/*`) is not. `Unknown` for an element that may be `"*"` (see
/// [`may_be_every_resource`]). One answer for every rule on grants to every resource.
pub fn reaches_every_resource(resource: &Node, action_service: &str) -> Truth {
    let Some(text) = resource.deployed_text() else {
        return may_be_every_resource(resource);
    };
    if text == "*" {
        return Truth::Yes;
    }
    let Some(Arn {
        service,
        region,
        account,
        resource: "*",
        ..
    }) = Arn::parse(text)
    else {
        return Truth::No;
    };
    let service = service.to_ascii_lowercase();
    let any = |field: &str| field.is_empty() || field == "*";
    let same_service =
        wildcard_match(&service, action_service) || wildcard_match(action_service, &service);
    Truth::from_bool(any(region) && any(account) && same_service)
}

/// Could a statement's resource element be `"*"`? A reference to a resource is that resource's
/// ARN, never `"*"`; nor is a partly known ARN whose known parts rule `"*"` out. One answer for
/// every rule that asks.
pub fn may_be_every_resource(resource: &Node) -> Truth {
    if resource.as_str() == Some("*") {
        return Truth::Yes;
    }
    if resource.as_reference().is_some() {
        return Truth::No;
    }
    // Unknown only in plain parts (an account id, a region), none of which is `*`.
    if let Some((text, true)) = resource.literal_text("x") {
        return Truth::from_bool(text == "*");
    }
    match resource.can_equal("*") {
        Truth::No => Truth::No,
        _ if resource.as_str().is_some() => Truth::No,
        other => other,
    }
}

pub fn is_full_wildcard(pattern: &str) -> bool {
    matches!(pattern.trim(), "*" | "*:*")
}

/// Lower-cased action text, for case-insensitive IAM matching.
pub fn action_text(node: &Node) -> Option<Cow<'_, str>> {
    let s = node.as_str()?;
    Some(if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    })
}

/// Condition keys that tie a statement to a known caller, source or network, so that a `*`
/// principal is no longer "anyone".
const NARROWING_KEYS: &[&str] = &[
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:userid",
    "aws:sourceowner",
    "aws:sourcevpcarn",
    "aws:resourceaccount",
    "kms:calleraccount",
    "s3:dataaccesspointaccount",
];

/// Global condition keys that name the account or organization of the resource a request acts
/// on: they narrow only with a value other than the principal's own account or organization.
const RESOURCE_OWNER_KEYS: &[&str] = &[
    "aws:resourceaccount",
    "aws:resourceorgid",
    "aws:resourceorgpaths",
];

/// IAM policy variables for the principal's own account or organization: an identity policy
/// limited to them still reaches every resource of the account.
const OWN_ACCOUNT_VARIABLES: &[&str] = &[
    "${aws:principalaccount}",
    "${aws:principalorgid}",
    "${aws:principalorgpaths}",
];

/// Service condition keys that describe the resource a request reaches (the Service
/// Authorization Reference's condition-key tables): the secret named, the items' partition key,
/// the key's aliases or the alias the request names it by, the service a service-linked role
/// is for. A request without the key (another action of the statement) never matches, so it
/// narrows those too. `<service>:ResourceTag/...`, `s3:ExistingObjectTag/...` and RDS's
/// `<kind>-tag/...` are matched by shape.
const SERVICE_RESOURCE_KEYS: &[&str] = &[
    "secretsmanager:secretid",
    "dynamodb:leadingkeys",
    "kms:requestalias",
    "kms:resourcealiases",
    "iam:awsservicename",
];

/// Service condition keys that describe the request or the caller, not the resource:
/// `kms:ViaService` is which service calls on the principal's behalf, `s3:x-amz-acl` the ACL
/// the request sets.
const SERVICE_REQUEST_KEYS: &[&str] = &[
    "kms:viaservice",
    "kms:calleraccount",
    "s3:x-amz-acl",
    "s3:x-amz-server-side-encryption",
    "iam:passedtoservice",
];

/// Does a statement's condition limit the resources it reaches (see
/// [`Statement::narrows_resources`])?
#[derive(Debug, PartialEq, Eq)]
pub enum Narrowing {
    Yes,
    No,
    /// Not known statically, or a key whose meaning is not judged: the span and why.
    Unknown {
        span: Span,
        reason: String,
    },
}

/// One `operator → key → values` entry of a `Condition` block.
pub struct ConditionEntry<'a> {
    pub operator: &'a str,
    /// Lower-cased: IAM condition keys are case-insensitive.
    pub key: String,
    pub values: &'a Node,
}

impl ConditionEntry<'_> {
    /// Operators that grant when the key matches, not when it is missing or different.
    pub fn is_positive(&self) -> bool {
        let op = self.operator.to_ascii_lowercase();
        !(op.contains("not") || op.ends_with("ifexists") || op == "null")
    }
}

impl ConditionEntry<'_> {
    /// `"Null": {"key": "false"}`: the key must be present, so only requests that carry it
    /// (a resource with that tag) match.
    pub fn requires_presence(&self) -> bool {
        let values = self.values.items();
        self.operator.eq_ignore_ascii_case("null")
            && !values.is_empty()
            && values.iter().all(|v| match &v.value {
                Value::Bool(b) => !b,
                Value::String(s) => s.eq_ignore_ascii_case("false"),
                _ => false,
            })
    }
}

impl ConditionEntry<'_> {
    /// One entry's part of [`Statement::narrows_resources`].
    fn narrows_resources(&self, model: &Model, request_tags: bool) -> Narrowing {
        let requires_key = (self.is_positive()
            && !self
                .operator
                .to_ascii_lowercase()
                .starts_with("forallvalues:"))
            || self.requires_presence();
        if !requires_key {
            return Narrowing::No;
        }
        let key = self.key.as_str();
        let (service, name) = key.split_once(':').unwrap_or(("", key));
        let resource_tag = name.starts_with("resourcetag/")
            || name.starts_with("existingobjecttag/")
            || (service == "rds" && name.contains("-tag/") && !name.starts_with("req-tag/"));
        let request_tag =
            name.starts_with("requesttag/") || name == "tagkeys" || name.starts_with("req-tag/");
        if resource_tag || SERVICE_RESOURCE_KEYS.contains(&key) {
            Narrowing::Yes
        } else if request_tag {
            if request_tags {
                Narrowing::No
            } else {
                Narrowing::Yes
            }
        } else if RESOURCE_OWNER_KEYS.contains(&key) {
            self.names_other_owner(model)
        } else if service == "aws" || SERVICE_REQUEST_KEYS.contains(&key) {
            Narrowing::No
        } else {
            Narrowing::Unknown {
                span: self.values.span,
                reason: format!(
                    "whether condition key `{key}` limits the resources reached is not judged"
                ),
            }
        }
    }

    /// Does every value of an `aws:ResourceAccount`-like entry name an account or
    /// organization other than the principal's own? A value that is only wildcards under a
    /// `Like` operator names every one.
    fn names_other_owner(&self, model: &Model) -> Narrowing {
        let like = self.operator.to_ascii_lowercase().contains("like");
        let mut verdict = Narrowing::Yes;
        for value in self.values.items() {
            let Some(text) = value.deployed_text() else {
                if verdict == Narrowing::Yes {
                    verdict = Narrowing::Unknown {
                        span: value.span,
                        reason: format!(
                            "the value of condition key `{}` is not known statically",
                            self.key
                        ),
                    };
                }
                continue;
            };
            let lower = text.to_ascii_lowercase();
            let every = like && !text.is_empty() && text.bytes().all(|b| b == b'*' || b == b'?');
            let own = OWN_ACCOUNT_VARIABLES.iter().any(|v| lower.contains(v))
                || (self.key == "aws:resourceaccount"
                    && principal_account(model, value) == Some(Account::This));
            if every || own {
                return Narrowing::No;
            }
        }
        verdict
    }
}

impl Statement {
    /// Condition entries; `None` when the condition is not known statically.
    pub fn conditions(&self) -> Option<Vec<ConditionEntry<'_>>> {
        let Some(condition) = &self.condition else {
            return Some(Vec::new());
        };
        let map = condition.as_map()?;
        let mut out = Vec::new();
        for (operator, keys) in map.iter() {
            let keys = keys.as_map()?;
            for (key, values) in keys.iter() {
                out.push(ConditionEntry {
                    operator,
                    key: key.to_ascii_lowercase(),
                    values,
                });
            }
        }
        Some(out)
    }

    /// Does a positive condition on one of the narrowing keys restrict who can use it?
    /// `aws:SourceIp` narrows only when every CIDR it lists is narrower than the whole
    /// internet: `"aws:SourceIp": "0.0.0.0/0"` admits everyone.
    pub fn is_narrowed(&self) -> Truth {
        let Some(entries) = self.conditions() else {
            return Truth::Unknown;
        };
        entries
            .iter()
            .filter(|c| c.is_positive() && NARROWING_KEYS.contains(&c.key.as_str()))
            .map(|c| {
                if c.key != "aws:sourceip" {
                    return Truth::Yes;
                }
                c.values
                    .items()
                    .iter()
                    .map(|v| match v.as_str() {
                        Some(cidr) => Truth::from_bool(!super::security_group::is_world_cidr(cidr)),
                        None => Truth::Unknown,
                    })
                    .fold(Truth::Yes, Truth::and)
            })
            .fold(Truth::No, Truth::or)
    }

    /// Does a condition limit which resources the statement reaches? Only a positive
    /// condition (or `"Null": {key: "false"}`, which requires the key) can; `ForAllValues:`
    /// holds when the key is absent, so it cannot. Keys that do:
    /// - `aws:ResourceTag/...` and a service's own resource tags (`ec2:ResourceTag/...`,
    ///   `rds:db-tag/...`, `s3:ExistingObjectTag/...`), and the service keys of
    ///   [`SERVICE_RESOURCE_KEYS`];
    /// - `aws:ResourceAccount`, `aws:ResourceOrgID`, `aws:ResourceOrgPaths` with a value that
    ///   is neither only wildcards nor the principal's own account (`${aws:PrincipalAccount}`,
    ///   the deployment's account): an identity policy limited to its own account still
    ///   reaches every resource of it;
    /// - `aws:RequestTag/...` and `aws:TagKeys`, but only when `request_tags` is false: a
    ///   request that carries no tags never matches them, while a tagging call or a create
    ///   that tags (`ec2:CreateTags`, `ec2:RunInstances`) still reaches any resource with the
    ///   tags the condition allows (IAM User Guide, "Controlling access during AWS requests").
    ///
    /// Global keys on the caller or the connection (`aws:SourceIp`, `aws:SecureTransport`,
    /// `aws:PrincipalTag/...`) and [`SERVICE_REQUEST_KEYS`] do not. Any other service key is
    /// `Unknown`, naming the key; so is a condition or value not known statically.
    pub fn narrows_resources(&self, model: &Model, request_tags: bool) -> Narrowing {
        let Some(entries) = self.conditions() else {
            let span = self.condition.as_ref().map(|c| c.span).unwrap_or_default();
            return Narrowing::Unknown {
                span,
                reason: "the statement's Condition is not known statically".to_string(),
            };
        };
        let mut verdict = Narrowing::No;
        for entry in &entries {
            match entry.narrows_resources(model, request_tags) {
                Narrowing::Yes => return Narrowing::Yes,
                Narrowing::No => {}
                unknown => {
                    if verdict == Narrowing::No {
                        verdict = unknown;
                    }
                }
            }
        }
        verdict
    }

    /// Principals as `(type, element)`: `"*"` is `("AWS", "*")`; `None` when not known.
    pub fn principals(&self) -> Option<Vec<(&str, &Node)>> {
        let principal = self.principal.as_ref()?;
        match &principal.value {
            Value::String(_) => Some(vec![("AWS", principal)]),
            Value::Map(map) => {
                let mut out = Vec::new();
                // Unknown elements stay in the list: a rule can still read their shape, and
                // none of them can equal a literal such as "*".
                for (kind, ids) in map.iter() {
                    out.extend(ids.items().iter().map(|n| (kind, n)));
                }
                Some(out)
            }
            _ => None,
        }
    }

    /// The element that makes the principal everyone (`"*"` or `{"AWS": "*"}`).
    pub fn anyone(&self) -> Option<&Node> {
        self.principals()?
            .into_iter()
            .find(|(kind, n)| (*kind == "AWS" || *kind == "*") && n.as_str() == Some("*"))
            .map(|(_, n)| n)
    }

    /// An `Allow` to everyone: the `*` principal element (or the `NotPrincipal` element, see
    /// [`Statement::allows_all_but_named`]), and whether a condition narrows it to known
    /// callers (`No` means open to anyone).
    pub fn open_to_anyone(&self) -> Option<(&Node, Truth)> {
        if self.effect != Effect::Allow {
            return None;
        }
        if let Some(anyone) = self.anyone() {
            return Some((anyone, self.is_narrowed()));
        }
        let excepted = self.allows_all_but_named()?;
        Some((excepted, self.is_narrowed().or(names_everyone(excepted))))
    }

    /// The `NotPrincipal` element of an `Allow`: it grants every principal not named,
    /// anonymous users included (IAM User Guide, "NotPrincipal"). AWS now documents the pairing
    /// as unsupported; a service that still accepts it applies that meaning.
    pub fn allows_all_but_named(&self) -> Option<&Node> {
        if self.effect != Effect::Allow || self.principal.is_some() {
            return None;
        }
        self.not_principal.as_ref()
    }

    /// Does an action in the statement match `action` (IAM wildcards, case-insensitive)?
    /// `Unknown` when an action is not known statically.
    pub fn allows_action(&self, action: &str) -> Truth {
        if self.not_actions.is_some() {
            return Truth::Unknown;
        }
        let Some(actions) = self.action_list() else {
            return Truth::Unknown;
        };
        let mut verdict = Truth::No;
        for a in actions {
            match action_text(a) {
                Some(pattern) => {
                    if wildcard_match(&pattern, &action.to_ascii_lowercase()) {
                        return Truth::Yes;
                    }
                }
                None => verdict = Truth::Unknown,
            }
        }
        verdict
    }
}

/// Does a principal element (`"*"`, `{"AWS": [...]}`) name everyone? `NotPrincipal: "*"`
/// excepts everyone, so its `Allow` grants no one; a value not known statically might.
fn names_everyone(principal: &Node) -> Truth {
    let elements: Vec<&Node> = match &principal.value {
        Value::Map(map) => map.iter().flat_map(|(_, ids)| ids.items()).collect(),
        _ => principal.items().iter().collect(),
    };
    elements
        .into_iter()
        // A reference names a role, user or account: never `*`.
        .map(|n| match n.as_reference() {
            Some(_) => Truth::No,
            None => n.can_equal("*"),
        })
        .fold(Truth::No, Truth::or)
}

/// IAM wildcard matching: `*` any run, `?` one character.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while let Some(&c) = t.get(ti) {
        let here = p.get(pi).copied();
        if here == Some(b'?') || here == Some(c) {
            pi += 1;
            ti += 1;
        } else if here == Some(b'*') {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while p.get(pi) == Some(&b'*') {
        pi += 1;
    }
    pi == p.len()
}

impl PolicyDocument {
    /// The element that makes the document full administrator access: an `Allow` of every
    /// action (`*`, `*:*` or `NotAction`) on every resource (`*` or `NotResource`).
    pub fn full_admin(&self) -> Option<&Node> {
        self.statements.iter().find_map(|s| {
            if s.effect != Effect::Allow {
                return None;
            }
            let all_resources = s.not_resources.is_some()
                || s.resource_list()
                    .is_some_and(|r| r.iter().any(|n| n.as_str() == Some("*")));
            if !all_resources {
                return None;
            }
            if let Some(not_actions) = s.not_actions.as_ref().filter(|n| !n.is_unknown()) {
                return Some(not_actions);
            }
            s.action_list()?
                .iter()
                .find(|a| a.as_str().is_some_and(is_full_wildcard))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model_with_account(account: Option<&str>) -> Model {
        let mut resources = Vec::new();
        if let Some(account) = account {
            let mut attrs = super::super::Map::default();
            attrs.insert(
                "account_id",
                Span::default(),
                Node::string(account, Span::default()),
            );
            resources.push(Resource {
                address: "data.aws_caller_identity.current".into(),
                kind: "aws_caller_identity".into(),
                mode: super::super::Mode::Data,
                span: Span::default(),
                attrs,
                module_calls: Vec::new(),
                metadata: None,
            });
        }
        Model::new(super::super::Origin::Plan, resources)
    }

    #[test]
    fn principal_accounts() {
        let none = model_with_account(None);
        let s = |t: &str| Node::string(t, Span::default());
        assert_eq!(
            principal_account(&none, &s("arn:aws:iam::111122223333:root")),
            Some(Account::Other("111122223333".into()))
        );
        assert_eq!(
            principal_account(&none, &s("111122223333")),
            Some(Account::Other("111122223333".into()))
        );
        assert_eq!(principal_account(&none, &s("*")), None);
        assert_eq!(principal_account(&none, &s("ec2.amazonaws.com")), None);
        assert_eq!(
            principal_account(&none, &s("arn:aws:s3:::111122223333")),
            None
        );
        assert_eq!(
            principal_account(&none, &Node::this_account(Span::default())),
            Some(Account::This)
        );
        let mut arn = crate::graph::value::TextBuilder::default();
        arn.push_str("arn:aws:iam::");
        arn.push_value(&Node::this_account(Span::default()));
        arn.push_str(":role/admin");
        let arn = arn.finish("", Span::default());
        assert_eq!(principal_account(&none, &arn), Some(Account::This));
        let unknown = Node::unknown_shaped("var.a", "arn:aws:iam::*:root".into(), Span::default());
        assert_eq!(principal_account(&none, &unknown), Some(Account::Unknown));

        let planned = model_with_account(Some("111122223333"));
        assert_eq!(
            principal_account(&planned, &s("arn:aws:iam::111122223333:root")),
            Some(Account::This)
        );
        assert_eq!(
            principal_account(&planned, &s("444455556666")),
            Some(Account::Other("444455556666".into()))
        );
    }

    fn statement(json: &str) -> Statement {
        let node = json::parse_placed(json, Placement::Whole(Span::default())).unwrap();
        from_json(&node).statements.remove(0)
    }

    #[test]
    fn allow_with_not_principal_is_everyone_but_the_named() {
        let open = |json: &str| {
            statement(json)
                .open_to_anyone()
                .map(|(_, narrowed)| narrowed)
        };
        let all_but_one = r#"{"Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage",
            "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/a"}}]}"#;
        assert_eq!(open(all_but_one), Some(Truth::No));
        let deny = r#"{"Statement": [{"Effect": "Deny", "Action": "sqs:SendMessage",
            "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/a"}}]}"#;
        assert_eq!(open(deny), None);
        // Excepting everyone grants no one.
        let nobody = r#"{"Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage",
            "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:role/a", "*"]}}]}"#;
        assert_eq!(open(nobody), Some(Truth::Yes));
    }

    #[test]
    fn source_ip_narrows_only_without_the_whole_internet() {
        let open = r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
            "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "0.0.0.0/0"]}}}]}"#;
        assert_eq!(statement(open).is_narrowed(), Truth::No);
        let office = r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
            "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}"#;
        assert_eq!(statement(office).is_narrowed(), Truth::Yes);
        let both = r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
            "Condition": {"IpAddress": {"aws:SourceIp": "::/0"},
                          "StringEquals": {"aws:PrincipalOrgID": "o-abc"}}}]}"#;
        assert_eq!(statement(both).is_narrowed(), Truth::Yes);
    }

    fn narrowing(condition: &str, request_tags: bool) -> Narrowing {
        let json = format!(
            r#"{{"Statement": [{{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*",
                "Condition": {condition}}}]}}"#
        );
        let model = model_with_account(Some("111122223333"));
        statement(&json).narrows_resources(&model, request_tags)
    }

    fn narrows_resources(condition: &str) -> Narrowing {
        narrowing(condition, false)
    }

    #[test]
    fn resource_keys_narrow_resources() {
        let tag = r#"{"StringEquals": {"aws:ResourceTag/team": "a"}}"#;
        assert_eq!(narrows_resources(tag), Narrowing::Yes);
        let account = r#"{"StringEquals": {"AWS:ResourceAccount": "444455556666"}}"#;
        assert_eq!(narrows_resources(account), Narrowing::Yes);
        let required = r#"{"Null": {"aws:ResourceTag/cluster": "false"}}"#;
        assert_eq!(narrows_resources(required), Narrowing::Yes);
        let service_tag = r#"{"StringEquals": {"ec2:ResourceTag/team": "a"}}"#;
        assert_eq!(narrows_resources(service_tag), Narrowing::Yes);
        let rds_tag = r#"{"StringEquals": {"rds:db-tag/team": "a"}}"#;
        assert_eq!(narrows_resources(rds_tag), Narrowing::Yes);
        let secret = r#"{"StringEquals": {"secretsmanager:SecretId": "app"}}"#;
        assert_eq!(narrows_resources(secret), Narrowing::Yes);
    }

    #[test]
    fn caller_keys_and_vacuous_conditions_narrow_nothing() {
        let tls = r#"{"Bool": {"aws:SecureTransport": "true"}}"#;
        assert_eq!(narrows_resources(tls), Narrowing::No);
        let absent = r#"{"Null": {"aws:ResourceTag/cluster": "true"}}"#;
        assert_eq!(narrows_resources(absent), Narrowing::No);
        let for_all = r#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}"#;
        assert_eq!(narrows_resources(for_all), Narrowing::No);
        let negated = r#"{"StringNotEquals": {"aws:ResourceTag/team": "a"}}"#;
        assert_eq!(narrows_resources(negated), Narrowing::No);
        let if_exists = r#"{"StringEqualsIfExists": {"s3:x-amz-acl": "private"}}"#;
        assert_eq!(narrows_resources(if_exists), Narrowing::No);
    }

    /// `kms:ViaService` says which service calls, `s3:x-amz-acl` which ACL the request sets:
    /// neither limits the key or bucket reached.
    #[test]
    fn service_request_keys_narrow_nothing() {
        let via = r#"{"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}"#;
        assert_eq!(narrows_resources(via), Narrowing::No);
        let acl = r#"{"StringEquals": {"s3:x-amz-acl": "private"}}"#;
        assert_eq!(narrows_resources(acl), Narrowing::No);
    }

    #[test]
    fn other_service_keys_are_undecided_naming_the_key() {
        let other = r#"{"StringEquals": {"ec2:InstanceType": "t3.micro"}}"#;
        let Narrowing::Unknown { reason, .. } = narrows_resources(other) else {
            panic!("not undecided");
        };
        assert!(reason.contains("`ec2:instancetype`"), "{reason}");
        // A key that does narrow decides, whatever else the condition holds.
        let both = r#"{"StringEquals": {"ec2:InstanceType": "t3.micro",
            "aws:ResourceTag/team": "a"}}"#;
        assert_eq!(narrows_resources(both), Narrowing::Yes);
    }

    #[test]
    fn request_tags_narrow_only_requests_that_carry_none() {
        let request = r#"{"StringEquals": {"aws:RequestTag/team": "a"}}"#;
        assert_eq!(narrowing(request, false), Narrowing::Yes);
        assert_eq!(narrowing(request, true), Narrowing::No);
        let keys = r#"{"ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}}"#;
        assert_eq!(narrowing(keys, true), Narrowing::No);
    }

    #[test]
    fn own_account_and_wildcard_owners_narrow_nothing() {
        let any = r#"{"StringLike": {"aws:ResourceAccount": "*"}}"#;
        assert_eq!(narrows_resources(any), Narrowing::No);
        let variable = r#"{"StringEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}}"#;
        assert_eq!(narrows_resources(variable), Narrowing::No);
        let own = r#"{"StringEquals": {"aws:ResourceAccount": "111122223333"}}"#;
        assert_eq!(narrows_resources(own), Narrowing::No);
        let own_org = r#"{"StringEquals": {"aws:ResourceOrgID": "${aws:PrincipalOrgID}"}}"#;
        assert_eq!(narrows_resources(own_org), Narrowing::No);
        let org = r#"{"StringEquals": {"aws:ResourceOrgID": "o-a1b2c3d4e5"}}"#;
        assert_eq!(narrows_resources(org), Narrowing::Yes);
    }

    #[test]
    fn arn_patterns_of_every_resource_of_a_service() {
        let s = |t: &str| Node::string(t, Span::default());
        assert_eq!(reaches_every_resource(&s("*"), "s3"), Truth::Yes);
        assert_eq!(
            reaches_every_resource(&s("arn:aws:s3:::*"), "s3"),
            Truth::Yes
        );
        assert_eq!(
            reaches_every_resource(&s("arn:*:*:*:*:*"), "iam"),
            Truth::Yes
        );
        assert_eq!(
            reaches_every_resource(&s("arn:aws:iam::*:*"), "iam"),
            Truth::Yes
        );
        assert_eq!(
            reaches_every_resource(&s("arn:aws:s3:::*"), "sqs"),
            Truth::No
        );
        assert_eq!(
            reaches_every_resource(&s("arn:aws:s3:::uploads/*"), "s3"),
            Truth::No
        );
        let tables = s("arn:aws:dynamodb:*:*:table/*");
        assert_eq!(reaches_every_resource(&tables, "dynamodb"), Truth::No);
        let one_account = s("arn:aws:sqs:*:111122223333:*");
        assert_eq!(reaches_every_resource(&one_account, "sqs"), Truth::No);
        let unknown = Node::unknown("var.arn has no value", Span::default());
        assert_eq!(reaches_every_resource(&unknown, "s3"), Truth::Unknown);
    }

    #[test]
    fn iam_wildcards() {
        assert!(wildcard_match("s3:*", "s3:getobject"));
        assert!(wildcard_match("*", "iam:passrole"));
        assert!(wildcard_match("iam:pass*", "iam:passrole"));
        assert!(wildcard_match("s3:get?bject", "s3:getobject"));
        assert!(!wildcard_match("s3:get*", "s3:putobject"));
        assert!(!wildcard_match(
            "sts:assumerole",
            "sts:assumerolewithwebidentity"
        ));
    }
}
