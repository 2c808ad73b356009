//! Who may decrypt with a customer-managed KMS key of the model: its key policy (written on
//! the key or in a resource of its own), the grants on it, and the role's identity policies.
//! A role's use of a key is decided only where the key policy leaves it to IAM (the default
//! policy, or statements that only give the account root the key) or names the role itself;
//! anything else is left undecided with the key named.

use super::grants::{Access, ReadableStore, RoleGrants, StoreTarget};
use super::policy::{self, Account, Effect, PolicyKind, Statement};
use super::{Model, Node, Resource, ResourceId, Truth, Value};
use std::collections::{HashMap, HashSet};

/// Where the catalog says keys, aliases, key policies and grants are written.
pub struct KeyCatalog {
    pub keys: &'static [ReadableStore],
    /// `(alias type, attribute naming its key)`.
    pub aliases: &'static [(&'static str, &'static str)],
    /// `(key policy type, attribute naming its key)`, beside the key's own policy attribute.
    pub key_policies: &'static [(&'static str, &'static str)],
    /// `(grant type, attribute naming its key)`.
    pub grants: &'static [(&'static str, &'static str)],
    /// The role and user types: a key policy naming one of them (not the role asking) gives
    /// that principal the key, not this role. Any other resource named as a principal (an
    /// account's attribute, say) may stand for anyone.
    pub principals: &'static [&'static str],
    /// The data sources that look a key up, to tell an AWS-managed key from the customer's.
    pub key_data_sources: &'static super::kms::KeyDataSources,
    pub policies: &'static policy::PolicyCatalog,
}

/// A key that a store's setting names, followed through an alias to the key of the model.
pub enum NamedKey<'a> {
    /// A key AWS manages for the service: IAM policies on it need nothing of the reader.
    AwsManaged,
    Key(ResourceId, &'a Resource),
    /// Not a key of the model (outside the configuration, a data source, a variable).
    Unknown(Node),
}

/// Every key's policy statements and grants, read once per model.
pub struct KeyAccess<'a> {
    model: &'a Model,
    catalog: &'static KeyCatalog,
    statements: HashMap<ResourceId, Vec<&'a Statement>>,
    /// A key whose policy could not be read, with where.
    unread: HashMap<ResourceId, Node>,
    granted: HashSet<ResourceId>,
    /// A grant on a key not known statically, which may be any key.
    unknown_grant: Option<Node>,
    /// A key policy written as a resource of its own for a key not known statically: it may
    /// replace any key's policy.
    unknown_policy: Option<Node>,
}

/// The short, explicit reasons a key leaves a read undecided.
fn undecided(key: &Resource, why: &str, at: &Node) -> Access {
    Access::Undecided(Node::unknown(
        format!(
            "the store is encrypted with the customer-managed key `{}`, whose {why}, so whether the role may decrypt with it is not decided",
            key.address
        ),
        at.span,
    ))
}

/// An undecided use of the key says which key it is about.
fn naming(key: &Resource, access: Access) -> Access {
    match access {
        Access::Undecided(why) => Access::Undecided(Node::unknown(
            format!(
                "decrypting with the customer-managed key `{}` that encrypts the store: {}",
                key.address,
                why.unknown_reason().unwrap_or("not known statically")
            ),
            why.span,
        )),
        other => other,
    }
}

impl<'a> KeyAccess<'a> {
    pub fn new(model: &'a Model, catalog: &'static KeyCatalog) -> KeyAccess<'a> {
        let mut access = KeyAccess {
            model,
            catalog,
            statements: HashMap::new(),
            unread: HashMap::new(),
            granted: HashSet::new(),
            unknown_grant: None,
            unknown_policy: None,
        };
        let key_kinds: Vec<&str> = catalog.keys.iter().map(|k| k.kind).collect();
        let mut replaced = HashSet::new();
        for attached in policy::attached_policies(model, catalog.policies) {
            if attached.kind != PolicyKind::Resource {
                continue;
            }
            let holder = attached.resource;
            let own_policy = key_kinds.contains(&holder.kind.as_str());
            let key = if own_policy {
                model.by_address(&holder.address)
            } else {
                let Some((_, attribute)) =
                    catalog.key_policies.iter().find(|(k, _)| *k == holder.kind)
                else {
                    continue;
                };
                let named = holder.get(attribute);
                let key = access.key_of(named);
                // A reference to another managed resource names a key outside the
                // configuration; a value not known statically, or a data source reading a key
                // by what the configuration does not name, may be any key, ours too.
                let unknown = |n: &&Node| match &n.value {
                    Value::Unknown(_) => true,
                    Value::Ref(_) => model
                        .resolve(n)
                        .and_then(|id| model.get(id))
                        .is_none_or(|r| !r.is_managed()),
                    _ => false,
                };
                if key.is_none()
                    && let Some(named) = named.filter(unknown)
                {
                    access.unknown_policy.get_or_insert_with(|| {
                        Node::unknown(
                            format!(
                                "`{}` writes the policy of a key not known statically ({})",
                                holder.address,
                                named.unknown_reason().unwrap_or("a value known at apply")
                            ),
                            named.span,
                        )
                    });
                }
                key
            };
            let Some(key) = key else { continue };
            // A key policy written as a resource of its own replaces the key's `policy`.
            if own_policy {
                if replaced.contains(&key) {
                    continue;
                }
            } else if replaced.insert(key) {
                access.statements.remove(&key);
                access.unread.remove(&key);
            }
            let document = attached.document;
            // In a plan, a key policy the configuration does not set is computed by the
            // provider: the default one.
            if document.unread.as_ref().is_some_and(Node::is_unset) {
                continue;
            }
            if let Some(unread) = &document.unread {
                access.unread.entry(key).or_insert_with(|| unread.clone());
            } else if document.incomplete {
                access
                    .unread
                    .entry(key)
                    .or_insert_with(|| Node::unknown("a statement of the key policy", holder.span));
            }
            access
                .statements
                .entry(key)
                .or_default()
                .extend(document.statements.iter());
        }
        for (kind, attribute) in catalog.grants {
            for (_, grant) in model.of_kind(std::slice::from_ref(kind)) {
                match access.key_of(grant.get(attribute)) {
                    Some(key) => {
                        access.granted.insert(key);
                    }
                    None => {
                        access.unknown_grant.get_or_insert_with(|| {
                            Node::unknown(grant.address.clone(), grant.span)
                        });
                    }
                }
            }
        }
        access
    }

    /// The key of the model a setting names (through an alias), if any.
    fn key_of(&self, node: Option<&Node>) -> Option<ResourceId> {
        match self.named(node?) {
            NamedKey::Key(id, _) => Some(id),
            _ => None,
        }
    }

    /// What a store's key setting names.
    pub fn named(&self, node: &'a Node) -> NamedKey<'a> {
        if super::kms::is_aws_managed_key(self.model, self.catalog.key_data_sources, node)
            == Truth::Yes
        {
            return NamedKey::AwsManaged;
        }
        let mut at = node;
        // An alias names one key; three hops cover a key setting naming a data source that
        // looks a key up by an alias of the configuration.
        for _ in 0..3 {
            let Some((id, r)) = self
                .model
                .resolve(at)
                .and_then(|id| Some((id, self.model.get(id)?)))
            else {
                break;
            };
            if !r.is_managed() {
                // A data source that reads a key by what the configuration names (`key_id =
                // "alias/app"`) reads that key.
                let lookup = self.catalog.key_data_sources.lookups.iter();
                match lookup
                    .filter(|(kind, _)| *kind == r.kind)
                    .find_map(|(_, attribute)| r.get(attribute))
                {
                    Some(looked_up) => {
                        at = looked_up;
                        continue;
                    }
                    None => break,
                }
            }
            if self.catalog.keys.iter().any(|k| k.kind == r.kind) {
                return NamedKey::Key(id, r);
            }
            match self.catalog.aliases.iter().find(|(k, _)| *k == r.kind) {
                Some((_, attribute)) => match r.get(attribute) {
                    Some(target) => at = target,
                    None => break,
                },
                None => break,
            }
        }
        let text = node
            .as_str()
            .or_else(|| node.text_shape())
            .map_or(String::new(), |t| format!(" `{t}`"));
        NamedKey::Unknown(Node::unknown(
            format!(
                "the store may be encrypted with the customer-managed key{text}, which is not a key of the configuration, so whether the role may decrypt with it is not known"
            ),
            node.span,
        ))
    }

    /// May `role` decrypt with `key` when it reads a store of `via_service` (the service that
    /// calls KMS for it, as `kms:ViaService` names it: `dynamodb`)? Granted with the element
    /// that allows it; denied when no key policy statement lets the role use the key, or the
    /// key leaves its use to IAM and the role's policies do not allow `kms:Decrypt` on it.
    pub fn can_decrypt(
        &self,
        grants: &RoleGrants<'_>,
        role: ResourceId,
        key_id: ResourceId,
        key: &'a Resource,
        via_service: &str,
    ) -> Access {
        // Grants only add permissions: they can turn a denial into a use, never the reverse.
        match self.by_policies(grants, role, key_id, key, via_service) {
            Access::Denied if self.granted.contains(&key_id) => undecided(
                key,
                "grants are not evaluated",
                &Node::unknown(String::new(), key.span),
            ),
            Access::Denied if self.unknown_grant.is_some() => undecided(
                key,
                "grants may include one on a key not known statically",
                self.unknown_grant
                    .as_ref()
                    .unwrap_or(&Node::unknown(String::new(), key.span)),
            ),
            access => access,
        }
    }

    /// What the key policy and the role's own policies say, grants aside.
    fn by_policies(
        &self,
        grants: &RoleGrants<'_>,
        role: ResourceId,
        key_id: ResourceId,
        key: &'a Resource,
        via_service: &str,
    ) -> Access {
        let header = Node::unknown(String::new(), key.span);
        if let Some(at) = &self.unread.get(&key_id) {
            return undecided(key, "policy is not known statically", at);
        }
        if let Some(at) = &self.unknown_policy {
            let why = at.unknown_reason().unwrap_or_default();
            return undecided(key, &format!("policy may be replaced: {why}"), at);
        }
        let statements = self.statements.get(&key_id).map_or(&[][..], Vec::as_slice);
        // Without a written policy, the default one gives the account root the key, which
        // lets IAM policies grant its use.
        let mut iam_enabled = statements.is_empty();
        let mut named_role = None;
        for s in statements {
            let at = Node::unknown(String::new(), s.span);
            if s.effect != Effect::Allow || s.not_principal.is_some() {
                return undecided(key, "policy has a statement other than an Allow", &at);
            }
            let Some(principals) = s.principals() else {
                return undecided(key, "policy names principals not known statically", &at);
            };
            let principals: Vec<(Principal, &Node)> = principals
                .into_iter()
                .map(|(kind, element)| (self.principal(kind, element, role), element))
                .collect();
            // An `Allow` for other principals only gives the role nothing, whatever it tests.
            if principals
                .iter()
                .all(|(p, _)| matches!(p, Principal::Other))
            {
                continue;
            }
            match self.request_meets(s, via_service) {
                Ok(Truth::Yes) => {}
                Ok(_) => continue,
                Err(entry) => {
                    return undecided(
                        key,
                        &format!(
                            "policy has a statement with a condition on `{entry}`, which is not evaluated"
                        ),
                        &at,
                    );
                }
            }
            let decrypt = s.allows_action("kms:Decrypt");
            if decrypt == Truth::Unknown {
                return undecided(key, "policy allows actions not known statically", &at);
            }
            for (principal, element) in principals {
                match principal {
                    Principal::Root => iam_enabled |= decrypt == Truth::Yes,
                    Principal::Role | Principal::Anyone => {
                        if decrypt == Truth::Yes {
                            named_role.get_or_insert(s.span);
                        }
                    }
                    Principal::Other => {}
                    Principal::Unknown => {
                        return undecided(
                            key,
                            "policy gives the key to a principal that is neither the account nor a role or user of the configuration",
                            element,
                        );
                    }
                }
            }
        }
        let Some(spec) = self.catalog.keys.iter().find(|k| k.kind == key.kind) else {
            return undecided(key, "type is not known", &header);
        };
        let target = StoreTarget::new(self.model, key_id, key, spec);
        if let Some(span) = named_role {
            // The key policy allows the role itself; a `Deny` of its own policies still wins.
            return match grants.resource_grant_applies(role, &target) {
                Access::Granted { .. } => Access::Granted {
                    span,
                    label: "key policy statement allowing kms:Decrypt".to_string(),
                },
                other => naming(key, other),
            };
        }
        // The key policy is the only way in: without a statement for the role, for everyone
        // or for the account (which lets IAM policies grant the key), the role may not use it.
        if !iam_enabled {
            return Access::Denied;
        }
        naming(key, grants.can_read(role, &target))
    }

    /// Does the role's read through `via_service` meet the statement's condition? `Err` with
    /// the first condition key that is not evaluated (only `kms:ViaService` and
    /// `kms:CallerAccount` are, under `StringEquals`, `StringEqualsIgnoreCase` and
    /// `StringLike`), unless another one already fails: a statement applies only when all of
    /// its conditions hold.
    fn request_meets(&self, s: &Statement, via_service: &str) -> Result<Truth, String> {
        let Some(entries) = s.conditions() else {
            return Err("Condition".to_string());
        };
        let mut unevaluated = None;
        for entry in &entries {
            let operator = entry.operator.to_ascii_lowercase();
            let comparison = match operator.as_str() {
                "stringequals" => Comparison::Equals,
                "stringequalsignorecase" => Comparison::EqualsIgnoreCase,
                "stringlike" => Comparison::Like,
                _ => {
                    unevaluated.get_or_insert_with(|| entry.key.clone());
                    continue;
                }
            };
            // A list of values is any of them.
            let each = |value: &Node| match entry.key.as_str() {
                "kms:viaservice" => Some(via_service_is(value, via_service, comparison)),
                "kms:calleraccount" => Some(caller_account_is(self.model, value, comparison)),
                _ => None,
            };
            let mut holds = Truth::No;
            for value in entry.values.items() {
                match each(value) {
                    Some(t) => holds = holds.or(t),
                    None => {
                        holds = Truth::Unknown;
                        break;
                    }
                }
            }
            // An unknown without a shape may stand for a whole list of values.
            if entry.values.is_unknown() && entry.values.text_shape().is_none() {
                holds = holds.or(Truth::Unknown);
            }
            match holds {
                Truth::Yes => {}
                Truth::No => return Ok(Truth::No),
                Truth::Unknown => {
                    unevaluated.get_or_insert_with(|| entry.key.clone());
                }
            }
        }
        unevaluated.map_or(Ok(Truth::Yes), Err)
    }

    /// Who a key policy's principal element is, as far as this role is concerned.
    fn principal(&self, kind: &str, element: &Node, role: ResourceId) -> Principal {
        if (kind == "AWS" || kind == "*") && element.as_str() == Some("*") {
            return Principal::Anyone;
        }
        if kind != "AWS" {
            // A service principal uses the key for its own calls, not the role's.
            return if element.as_str().is_some() {
                Principal::Other
            } else {
                Principal::Unknown
            };
        }
        if let Some(id) = self.model.resolve(element) {
            return if id == role {
                Principal::Role
            } else {
                match self.model.get(id) {
                    Some(r)
                        if r.is_managed() && self.catalog.principals.contains(&r.kind.as_str()) =>
                    {
                        Principal::Other
                    }
                    _ => Principal::Unknown,
                }
            };
        }
        let text = element.deployed_text().or_else(|| element.text_shape());
        let root = text.is_some_and(|t| t.ends_with(":root") || !t.starts_with("arn:"));
        match policy::principal_account(self.model, element) {
            Some(Account::This) if root => Principal::Root,
            _ => Principal::Unknown,
        }
    }
}

/// How a condition operator compares a value with the request's.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Comparison {
    /// `StringEquals`: the whole value, case-sensitively.
    Equals,
    /// `StringEqualsIgnoreCase`.
    EqualsIgnoreCase,
    /// `StringLike`: `*` and `?` are wildcards, matched case-sensitively.
    Like,
}

/// The endpoint suffixes a `kms:ViaService` value ends with: the `aws` partition's, and the
/// China regions' (`.amazonaws.com.cn`), whose endpoints are not under `amazonaws.com`.
const ENDPOINT_SUFFIXES: [&str; 2] = [".amazonaws.com", ".amazonaws.com.cn"];

/// Is a `kms:ViaService` value `<service>.<region>.amazonaws.com` the endpoint of
/// `via_service`? A region written out is not compared: a store can only use a key of its own
/// region, and the value names the region of the service endpoint calling KMS, so a value
/// naming another region would leave the key unusable to the store itself. A service part not
/// known statically is unknown. A `StringLike` pattern whose wildcards stand for the region
/// matches only if it matches in every region (see [`like_any_region`]).
fn via_service_is(value: &Node, via_service: &str, comparison: Comparison) -> Truth {
    let (text, literal) = match (value.deployed_text(), value.text_shape()) {
        (Some(text), _) => (text, true),
        (None, Some(shape)) => (shape, false),
        (None, None) => return Truth::Unknown,
    };
    let text = if comparison == Comparison::EqualsIgnoreCase {
        text.to_ascii_lowercase()
    } else {
        text.to_string()
    };
    let wildcards = comparison == Comparison::Like && literal && text.contains(['*', '?']);
    let host = ENDPOINT_SUFFIXES
        .iter()
        .rev()
        .find_map(|suffix| text.strip_suffix(suffix));
    let split = host.and_then(|h| h.split_once('.'));
    if wildcards {
        return match split {
            // The region is written out: it is the key's own, as under `StringEquals`.
            Some((service, region)) if is_region_code(region) => {
                Truth::from_bool(policy::wildcard_match(service, via_service))
            }
            _ => like_any_region(&text, via_service),
        };
    }
    let Some((service, region)) = split else {
        return if literal { Truth::No } else { Truth::Unknown };
    };
    if !literal {
        // In a shape, `*` stands for a part not known statically, not for a wildcard.
        if service.contains('*') {
            return Truth::Unknown;
        }
        return Truth::from_bool(service == via_service && !region.is_empty());
    }
    // Without wildcards (or under `StringEquals`, where `*` is a character no region has),
    // the value is one endpoint.
    let region_like = !region.is_empty() && !region.contains(['*', '?']);
    Truth::from_bool(service == via_service && region_like)
}

/// Is `text` shaped like a region code (`eu-west-1`, `us-gov-west-1`)?
fn is_region_code(text: &str) -> bool {
    text.contains('-')
        && text.ends_with(|c: char| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Does a `StringLike` pattern match `<via_service>.<region>.amazonaws.com` whatever the key's
/// region (and partition) is? Yes when it matches with a region made of characters only a
/// wildcard matches, at every length a region code has, under both endpoint suffixes; no when
/// it matches that endpoint for no region at all; otherwise the region decides, and it is not
/// known statically.
fn like_any_region(pattern: &str, via_service: &str) -> Truth {
    // Region codes (`us-east-1`, `ap-southeast-3`, `us-gov-west-1`) are 9 to 14 characters.
    const LENGTHS: std::ops::RangeInclusive<usize> = 1..=20;
    let every_region = ENDPOINT_SUFFIXES.iter().all(|suffix| {
        LENGTHS.clone().all(|length| {
            let region = "\u{1}".repeat(length);
            policy::wildcard_match(pattern, &format!("{via_service}.{region}{suffix}"))
        })
    });
    if every_region {
        return Truth::Yes;
    }
    let some_region = ENDPOINT_SUFFIXES.iter().any(|suffix| {
        patterns_overlap(pattern, &format!("{via_service}.*{suffix}")).unwrap_or(true)
    });
    if some_region {
        Truth::Unknown
    } else {
        Truth::No
    }
}

/// Is there a string both wildcard patterns (`*`, `?`) match? `None` for patterns too long
/// to compare (the table is quadratic in their lengths).
fn patterns_overlap(a: &str, b: &str) -> Option<bool> {
    const LONGEST: usize = 512;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() > LONGEST || b.len() > LONGEST {
        return None;
    }
    let width = b.len() + 1;
    // `overlap[i * width + j]`: do the suffixes `a[i..]` and `b[j..]` share a string?
    let mut overlap = vec![false; (a.len() + 1) * width];
    for i in (0..=a.len()).rev() {
        for j in (0..=b.len()).rev() {
            let at = |i: usize, j: usize| overlap.get(i * width + j).copied().unwrap_or(false);
            let here = match (a.get(i), b.get(j)) {
                (None, None) => true,
                (Some(b'*'), _) => at(i + 1, j) || (j < b.len() && at(i, j + 1)),
                (_, Some(b'*')) => at(i, j + 1) || (i < a.len() && at(i + 1, j)),
                (Some(&x), Some(&y)) => (x == y || x == b'?' || y == b'?') && at(i + 1, j + 1),
                _ => false,
            };
            if let Some(cell) = overlap.get_mut(i * width + j) {
                *cell = here;
            }
        }
    }
    Some(overlap.first().copied().unwrap_or(false))
}

/// Is a `kms:CallerAccount` value the account of the role (the account deployed to)? The
/// request's value is a bare 12-digit account id: an ARN never equals it.
fn caller_account_is(model: &Model, value: &Node, comparison: Comparison) -> Truth {
    if comparison == Comparison::Like && value.as_str() == Some("*") {
        return Truth::Yes;
    }
    let text = value.deployed_text().or_else(|| value.text_shape());
    if text.is_some_and(|t| t.starts_with("arn:")) {
        return Truth::No;
    }
    match policy::principal_account(model, value) {
        Some(Account::This) => Truth::Yes,
        // A literal account is another one only when the deployed account is known.
        Some(Account::Other(_)) if model.this_account.is_some() => Truth::No,
        _ => Truth::Unknown,
    }
}

enum Principal {
    /// The account itself: IAM policies of the account may grant the key.
    Root,
    Role,
    /// `*`: every principal of every account, the role among them, as far as the statement's
    /// condition lets them (`kms:CallerAccount`).
    Anyone,
    /// Another principal of the configuration, which gives this role nothing.
    Other,
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::identity::{KEY_ACCESS, ROLE_GRANTS};
    use crate::graph::{Map, Mode, Origin, Reference};
    use crate::source::Span;

    fn resource(address: &str, attrs: Vec<(&str, Value)>) -> Resource {
        let mut map = Map::default();
        for (k, v) in attrs {
            map.insert(k, Span::default(), Node::new(v, Span::default()));
        }
        let (kind, _) = address.split_once('.').unwrap_or((address, ""));
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

    fn reference(address: &str, attribute: &str) -> Value {
        Value::Ref(Box::new(Reference {
            address: address.into(),
            attribute: Some(attribute.into()),
            path: Vec::new(),
        }))
    }

    /// A role whose inline policy allows `actions` on every resource, and a key with `key`.
    fn model(actions: &str, key: Vec<(&str, Value)>, extra: Vec<Resource>) -> Model {
        let mut resources = vec![
            resource(
                "aws_iam_role.app",
                vec![("name", Value::String("app".into()))],
            ),
            resource(
                "aws_iam_role_policy.app",
                vec![
                    ("role", reference("aws_iam_role.app", "id")),
                    (
                        "policy",
                        Value::String(format!(
                            r#"{{"Statement":[{{"Effect":"Allow","Action":{actions},"Resource":"*"}}]}}"#
                        )),
                    ),
                ],
            ),
            resource("aws_kms_key.data", key),
        ];
        resources.extend(extra);
        Model::new(Origin::Terraform, resources)
    }

    fn decrypt(model: &Model) -> Access {
        let grants = RoleGrants::new(model, &ROLE_GRANTS);
        let keys = KeyAccess::new(model, &KEY_ACCESS);
        let role = model.by_address("aws_iam_role.app").expect("role");
        let id = model.by_address("aws_kms_key.data").expect("key");
        let key = model.get(id).expect("key");
        keys.can_decrypt(&grants, role, id, key, "dynamodb")
    }

    fn reason(access: &Access) -> String {
        match access {
            Access::Undecided(why) => why.unknown_reason().unwrap_or_default().to_string(),
            _ => String::new(),
        }
    }

    #[test]
    fn the_default_key_policy_leaves_the_key_to_the_roles_policies() {
        let granted = decrypt(&model(r#"["kms:Decrypt"]"#, vec![], vec![]));
        assert!(matches!(granted, Access::Granted { .. }));
        let wildcard = decrypt(&model(r#""kms:*""#, vec![], vec![]));
        assert!(matches!(wildcard, Access::Granted { .. }));
        let without = decrypt(&model(r#""s3:GetObject""#, vec![], vec![]));
        assert!(matches!(without, Access::Denied));
    }

    #[test]
    fn a_key_policy_for_another_account_is_undecided_and_names_the_key() {
        let policy = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"kms:*","Resource":"*"}]}"#;
        let access = decrypt(&model(
            r#""kms:Decrypt""#,
            vec![("policy", Value::String(policy.into()))],
            vec![],
        ));
        assert!(
            reason(&access).contains("`aws_kms_key.data`"),
            "{}",
            reason(&access)
        );
    }

    #[test]
    fn a_key_policy_for_a_key_not_known_statically_may_be_any_keys() {
        let unknown = Node::unknown("var.key_id", Span::default()).value;
        let policy = resource(
            "aws_kms_key_policy.shared",
            vec![
                ("key_id", unknown),
                ("policy", Value::String(r#"{"Statement":[]}"#.into())),
            ],
        );
        let access = decrypt(&model(r#""kms:Decrypt""#, vec![], vec![policy]));
        assert!(
            reason(&access).contains("`aws_kms_key_policy.shared`")
                && reason(&access).contains("`aws_kms_key.data`"),
            "{}",
            reason(&access)
        );
        // A policy for a key outside the configuration, written as a literal, is not ours.
        let outside = resource(
            "aws_kms_key_policy.other",
            vec![
                (
                    "key_id",
                    Value::String("1234abcd-12ab-34cd-56ef-1234567890ab".into()),
                ),
                ("policy", Value::String(r#"{"Statement":[]}"#.into())),
            ],
        );
        let granted = decrypt(&model(r#""kms:Decrypt""#, vec![], vec![outside]));
        assert!(matches!(granted, Access::Granted { .. }));
    }

    /// A data source `data.aws_kms_key.<name>` looking a key up by `key_id`.
    fn key_lookup(name: &str, key_id: Value) -> Resource {
        let mut lookup = resource(&format!("aws_kms_key.{name}"), vec![("key_id", key_id)]);
        lookup.address = format!("data.aws_kms_key.{name}");
        lookup.mode = Mode::Data;
        lookup
    }

    /// A key policy for the key `key_id` names that gives it to a role of another account.
    fn policy_for(key_id: Value) -> Resource {
        let policy = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/other"},"Action":"kms:*","Resource":"*"}]}"#;
        resource(
            "aws_kms_key_policy.shared",
            vec![("key_id", key_id), ("policy", Value::String(policy.into()))],
        )
    }

    #[test]
    fn a_key_policy_for_a_key_a_data_source_reads_may_be_any_keys() {
        // The data source may read one of the configuration's keys (by an alias or ARN it
        // does not show): every key's policy may be replaced.
        let outside = key_lookup(
            "looked_up",
            Value::String("1234abcd-12ab-34cd-56ef-1234567890ab".into()),
        );
        let policy = policy_for(reference("data.aws_kms_key.looked_up", "id"));
        let access = decrypt(&model(r#""kms:Decrypt""#, vec![], vec![outside, policy]));
        assert!(
            reason(&access).contains("`aws_kms_key_policy.shared`"),
            "{}",
            reason(&access)
        );
        // Read by an alias the configuration creates: the policy is that key's, and is judged
        // as the key's own (here: it names a principal outside the configuration).
        let alias = resource(
            "aws_kms_alias.data",
            vec![
                ("name", Value::String("alias/data".into())),
                ("target_key_id", reference("aws_kms_key.data", "key_id")),
            ],
        );
        let by_alias = key_lookup("by_alias", Value::String("alias/data".into()));
        let policy = policy_for(reference("data.aws_kms_key.by_alias", "id"));
        let access = decrypt(&model(
            r#""kms:Decrypt""#,
            vec![],
            vec![alias, by_alias, policy],
        ));
        let why = reason(&access);
        assert!(
            why.contains("neither the account nor a role") && !why.contains("may be replaced"),
            "{why}"
        );
    }

    #[test]
    fn a_grant_on_the_key_is_not_evaluated() {
        let grant = resource(
            "aws_kms_grant.app",
            vec![("key_id", reference("aws_kms_key.data", "key_id"))],
        );
        // Grants only add permissions: a role its own policies let decrypt still may.
        let allowed = decrypt(&model(r#""kms:Decrypt""#, vec![], vec![grant.clone()]));
        assert!(matches!(allowed, Access::Granted { .. }));
        let denied = decrypt(&model(r#""s3:GetObject""#, vec![], vec![grant]));
        assert!(reason(&denied).contains("grants"), "{}", reason(&denied));
    }

    /// The statement AWS writes for a service's key: the account's principals, through the
    /// service only (`services` is the JSON of the `kms:ViaService` value).
    fn through(services: &str, account: &str) -> Vec<(&'static str, Value)> {
        let policy = format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"*"}},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*","Condition":{{"StringEquals":{{"kms:ViaService":{services},"kms:CallerAccount":"{account}"}}}}}}]}}"#
        );
        vec![("policy", Value::String(policy))]
    }

    fn known_account(mut model: Model) -> Model {
        model.this_account = Some("111122223333".into());
        model
    }

    #[test]
    fn via_service_and_caller_account_let_the_account_read_through_the_service() {
        let m = known_account(model(
            r#""s3:GetObject""#,
            through(r#""dynamodb.us-east-1.amazonaws.com""#, "111122223333"),
            vec![],
        ));
        // The key policy alone lets the role decrypt through DynamoDB, without IAM.
        assert!(matches!(decrypt(&m), Access::Granted { .. }));
        let any_of = known_account(model(
            r#""s3:GetObject""#,
            through(
                r#"["s3.us-east-1.amazonaws.com","dynamodb.us-east-1.amazonaws.com"]"#,
                "111122223333",
            ),
            vec![],
        ));
        assert!(matches!(decrypt(&any_of), Access::Granted { .. }));
    }

    #[test]
    fn another_service_or_account_in_the_condition_gives_the_role_nothing() {
        let s3_only = known_account(model(
            r#""kms:Decrypt""#,
            through(r#""s3.us-east-1.amazonaws.com""#, "111122223333"),
            vec![],
        ));
        assert!(matches!(decrypt(&s3_only), Access::Denied));
        let other_account = known_account(model(
            r#""kms:Decrypt""#,
            through(r#""dynamodb.us-east-1.amazonaws.com""#, "444455556666"),
            vec![],
        ));
        assert!(matches!(decrypt(&other_account), Access::Denied));
    }

    #[test]
    fn a_literal_account_is_undecided_when_the_deployed_account_is_not_known() {
        let m = model(
            r#""kms:Decrypt""#,
            through(r#""dynamodb.us-east-1.amazonaws.com""#, "111122223333"),
            vec![],
        );
        assert!(
            reason(&decrypt(&m)).contains("kms:calleraccount"),
            "{}",
            reason(&decrypt(&m))
        );
    }

    #[test]
    fn other_condition_keys_stay_undecided() {
        let policy = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"web"}}}]}"#;
        let m = model(
            r#""kms:Decrypt""#,
            vec![("policy", Value::String(policy.into()))],
            vec![],
        );
        assert!(
            reason(&decrypt(&m)).contains("aws:principaltag/team"),
            "{}",
            reason(&decrypt(&m))
        );
    }

    #[test]
    fn via_service_values() {
        use Comparison::{Equals, EqualsIgnoreCase, Like};
        let s = |t: &str| Node::string(t, Span::default());
        let is = |t: &str, how| via_service_is(&s(t), "dynamodb", how);
        assert_eq!(is("dynamodb.eu-west-1.amazonaws.com", Equals), Truth::Yes);
        assert_eq!(is("dynamodb.*.amazonaws.com", Equals), Truth::No);
        assert_eq!(
            is("secretsmanager.eu-west-1.amazonaws.com", Like),
            Truth::No
        );
        // `StringEquals` compares case-sensitively; the IgnoreCase variant does not.
        assert_eq!(is("DynamoDB.eu-west-1.amazonaws.com", Equals), Truth::No);
        assert_eq!(
            is("DynamoDB.eu-west-1.amazonaws.com", EqualsIgnoreCase),
            Truth::Yes
        );
        assert_eq!(is("DynamoDB.*", Like), Truth::No);
        // Wildcards match the whole endpoint, the region among it.
        assert_eq!(is("*", Like), Truth::Yes);
        assert_eq!(is("dynamodb.*", Like), Truth::Yes);
        assert_eq!(is("dynamo*.eu-west-1.amazonaws.com", Like), Truth::Yes);
        assert_eq!(is("s3.*", Like), Truth::No);
        // The China regions' endpoints end in `.amazonaws.com.cn`: the partition decides.
        assert_eq!(is("*.amazonaws.com", Like), Truth::Unknown);
        assert_eq!(is("dynamodb.*.amazonaws.com", Like), Truth::Unknown);
        assert_eq!(is("dynamodb.eu-*", Like), Truth::Unknown);
    }

    #[test]
    fn wildcard_patterns_overlap_when_one_string_matches_both() {
        assert_eq!(patterns_overlap("a*c", "ab*"), Some(true));
        assert_eq!(patterns_overlap("a?c", "*d"), Some(false));
        assert_eq!(patterns_overlap("*", ""), Some(true));
        assert_eq!(patterns_overlap("?", ""), Some(false));
        assert_eq!(patterns_overlap(&"*".repeat(600), "a"), None);
    }

    #[test]
    fn a_caller_account_is_a_bare_account_id_never_an_arn() {
        let m = known_account(model(r#""kms:Decrypt""#, vec![], vec![]));
        let s = |t: &str| Node::string(t, Span::default());
        assert_eq!(
            caller_account_is(&m, &s("111122223333"), Comparison::Equals),
            Truth::Yes
        );
        assert_eq!(
            caller_account_is(&m, &s("arn:aws:iam::111122223333:root"), Comparison::Equals),
            Truth::No
        );
    }

    #[test]
    fn a_wildcard_via_service_lets_the_account_read_through_any_service() {
        let policy = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringLike":{"kms:ViaService":"dynamodb.*"},"StringEquals":{"kms:CallerAccount":"111122223333"}}}]}"#;
        let m = known_account(model(
            r#""s3:GetObject""#,
            vec![("policy", Value::String(policy.into()))],
            vec![],
        ));
        assert!(matches!(decrypt(&m), Access::Granted { .. }));
    }

    #[test]
    fn a_principal_that_is_no_role_or_user_may_be_anyone() {
        // The organization's management account: a principal of unknown reach, not "another
        // role".
        let map = |entries: Vec<(&str, Value)>| {
            let mut map = Map::default();
            for (k, v) in entries {
                map.insert(k, Span::default(), Node::new(v, Span::default()));
            }
            Value::Map(map)
        };
        let text = |t: &str| Value::String(t.into());
        let statement = map(vec![
            ("Effect", text("Allow")),
            (
                "Principal",
                map(vec![(
                    "AWS",
                    reference("aws_organizations_organization.o", "master_account_id"),
                )]),
            ),
            ("Action", text("kms:*")),
            ("Resource", text("*")),
        ]);
        let policy = map(vec![(
            "Statement",
            Value::List(vec![Node::new(statement, Span::default())]),
        )]);
        let organization = resource("aws_organizations_organization.o", vec![]);
        let other_role = resource("aws_iam_role.other", vec![]);
        let m = model(
            r#""s3:GetObject""#,
            vec![("policy", policy)],
            vec![organization, other_role],
        );
        assert!(
            reason(&decrypt(&m)).contains("neither the account"),
            "{}",
            reason(&decrypt(&m))
        );
    }
}
