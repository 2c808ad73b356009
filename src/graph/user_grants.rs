//! The identity policies that reach each IAM user: its own (inline, attached by reference or by
//! ARN, AWS managed ones whose grants are well known) and those of the groups it belongs to.
//! The catalog (`aws::identity::USER_AND_GROUP_GRANTS`) says where each of these is written; this module
//! reads them once per model, so asking about one user never scans the model.

use super::grants::{ManagedPolicies, ManagedPolicyCatalog, PolicyGrant};
use super::{Model, Node, Resource, ResourceId, Value};
use std::collections::HashMap;

/// Who a policy is granted to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Principal {
    User,
    Group,
}

/// Where identity policies are granted to users or groups: the resource's own identity policy
/// documents, and the managed policy ARNs it lists, go to the principals it names.
pub struct PrincipalPolicyLink {
    pub kind: &'static str,
    /// `(principal, attribute naming them)`; an empty attribute means the resource is the
    /// principal.
    pub principals: &'static [(Principal, &'static str)],
    pub policy_arns: Option<&'static str>,
}

/// Where users are put in groups: `(type, attribute naming the users, attribute naming the
/// groups)`; an empty attribute means the resource is that user.
pub struct GroupMembership {
    pub kind: &'static str,
    pub users: &'static str,
    pub groups: &'static str,
}

/// Where the catalog says users, groups and their grants are written.
pub struct UserGrantCatalog {
    pub users: &'static [&'static str],
    /// Where a user's name is written (absent, AWS generates one).
    pub user_names: &'static [&'static str],
    pub groups: &'static [&'static str],
    /// Where a group's name is written (absent, AWS generates one).
    pub group_names: &'static [&'static str],
    pub links: &'static [PrincipalPolicyLink],
    pub memberships: &'static [GroupMembership],
    pub managed: &'static ManagedPolicyCatalog,
}

/// Every user's and group's grants and every user's groups, read once per model.
pub struct UserGrants<'a> {
    model: &'a Model,
    catalog: &'static UserGrantCatalog,
    by_principal: HashMap<ResourceId, Vec<PolicyGrant<'a>>>,
    /// A user's groups: a group of the model, or why the group is not known.
    groups_of: HashMap<ResourceId, Vec<Result<ResourceId, Node>>>,
    /// A grant or membership whose users are named by a value not known statically: it may
    /// reach any user.
    unresolved: Option<Node>,
    /// A grant to a group named by a value not known statically: it may reach any user in a
    /// group.
    unresolved_group: Option<Node>,
}

impl<'a> UserGrants<'a> {
    pub fn new(model: &'a Model, catalog: &'static UserGrantCatalog) -> UserGrants<'a> {
        let mut view = UserGrants {
            model,
            catalog,
            by_principal: HashMap::new(),
            groups_of: HashMap::new(),
            unresolved: None,
            unresolved_group: None,
        };
        // A literal user name that names no user of the model is another user's, unless a user
        // of the model has a name not known statically: then it may be that one.
        let unnamed_user = model
            .of_kind(catalog.users)
            .any(|(_, u)| u.is_managed() && name_unknown(u, catalog.user_names));
        // The same for a literal group name.
        let unnamed_group = model
            .of_kind(catalog.groups)
            .any(|(_, g)| g.is_managed() && name_unknown(g, catalog.group_names));
        let managed = ManagedPolicies::new(model, catalog.managed);
        for link in catalog.links {
            for (id, holder) in model.of_kind(std::slice::from_ref(&link.kind)) {
                if !holder.is_managed() {
                    continue;
                }
                let mut principals = Vec::new();
                for &(principal, attribute) in link.principals {
                    if attribute.is_empty() {
                        principals.push(id);
                        continue;
                    }
                    let kinds = view.kinds(principal);
                    for named in holder.get(attribute).map(Node::items).unwrap_or_default() {
                        match model.resolve_kind(named, kinds) {
                            Some((target, _)) => principals.push(target),
                            None if principal == Principal::User
                                && (named.is_unknown() || unnamed_user) =>
                            {
                                view.unresolved.get_or_insert_with(|| {
                                    Node::unknown(
                                        format!(
                                            "`{}` grants policies to a user not known statically",
                                            holder.address
                                        ),
                                        named.span,
                                    )
                                });
                            }
                            None if principal == Principal::Group
                                && (named.is_unknown() || unnamed_group) =>
                            {
                                view.unresolved_group.get_or_insert_with(|| {
                                    Node::unknown(
                                        format!(
                                            "`{}` grants policies to a group not known statically",
                                            holder.address
                                        ),
                                        named.span,
                                    )
                                });
                            }
                            // A group or user outside the configuration: not one of ours.
                            None => {}
                        }
                    }
                }
                if principals.is_empty() {
                    continue;
                }
                let found = managed.granted_by(holder, link.policy_arns);
                for principal in principals {
                    view.by_principal
                        .entry(principal)
                        .or_default()
                        .extend(found.iter().cloned());
                }
            }
        }
        for membership in catalog.memberships {
            for (id, holder) in model.of_kind(std::slice::from_ref(&membership.kind)) {
                if !holder.is_managed() {
                    continue;
                }
                let users: Vec<ResourceId> = if membership.users.is_empty() {
                    vec![id]
                } else {
                    let mut users = Vec::new();
                    for named in holder
                        .get(membership.users)
                        .map(Node::items)
                        .unwrap_or_default()
                    {
                        match model.resolve_kind(named, catalog.users) {
                            Some((user, _)) => users.push(user),
                            None if named.is_unknown() || unnamed_user => {
                                view.unresolved.get_or_insert_with(|| {
                                    Node::unknown(
                                        format!(
                                            "`{}` puts a user not known statically in a group",
                                            holder.address
                                        ),
                                        named.span,
                                    )
                                });
                            }
                            None => {}
                        }
                    }
                    users
                };
                if users.is_empty() {
                    continue;
                }
                let groups: Vec<Result<ResourceId, Node>> = holder
                    .get(membership.groups)
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .map(|named| {
                        model
                            .resolve_kind(named, catalog.groups)
                            .map(|(group, _)| group)
                            .ok_or_else(|| group_outside(named))
                    })
                    .collect();
                for user in users {
                    view.groups_of
                        .entry(user)
                        .or_default()
                        .extend(groups.iter().cloned());
                }
            }
        }
        view
    }

    fn kinds(&self, principal: Principal) -> &'static [&'static str] {
        match principal {
            Principal::User => self.catalog.users,
            Principal::Group => self.catalog.groups,
        }
    }

    /// The user of the model a value names (a reference, or its name).
    pub fn user(&self, named: &Node) -> Option<ResourceId> {
        self.model
            .resolve_kind(named, self.catalog.users)
            .map(|(id, _)| id)
    }

    /// Everything that reaches `user`: its own grants, its groups' grants, and an unknown for
    /// each group outside the configuration and for a grant that may name it (or, when it is in
    /// a group, its group) unseen.
    pub fn of_user(&self, user: ResourceId) -> Vec<PolicyGrant<'a>> {
        let mut out: Vec<PolicyGrant<'a>> = Vec::new();
        out.extend(self.by_principal.get(&user).into_iter().flatten().cloned());
        let groups = self.groups_of.get(&user).map_or(&[][..], Vec::as_slice);
        for group in groups {
            match group {
                Ok(group) => {
                    out.extend(self.by_principal.get(group).into_iter().flatten().cloned());
                }
                Err(why) => out.push(PolicyGrant::Unknown(why.clone())),
            }
        }
        // After the user's own groups: a group outside the configuration is the nearer reason.
        if !groups.is_empty()
            && let Some(why) = &self.unresolved_group
        {
            out.push(PolicyGrant::Unknown(why.clone()));
        }
        if let Some(why) = &self.unresolved {
            out.push(PolicyGrant::Unknown(why.clone()));
        }
        out
    }
}

/// Why a group a user is put in is not known: outside the configuration, or not known
/// statically.
fn group_outside(named: &Node) -> Node {
    match &named.value {
        Value::String(name) => Node::unknown(
            format!("the group `{name}` is not in the configuration: its policies are not known"),
            named.span,
        ),
        Value::Unknown(u) => Node::unknown(
            format!(
                "a group not known statically: its policies are not known ({})",
                u.reason
            ),
            named.span,
        ),
        _ => Node::unknown(
            "a group outside the configuration: its policies are not known",
            named.span,
        ),
    }
}

/// Does a user or group of the model have a name not known statically (a literal name
/// elsewhere may then be its)? One without a name gets a generated one, which no literal
/// written before deploy can name.
fn name_unknown(principal: &Resource, names: &[&str]) -> bool {
    names
        .iter()
        .filter_map(|key| principal.get(key))
        .any(Node::is_unknown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::grants::KnownManagedPolicy;
    use crate::graph::policy;
    use crate::graph::{Map, Mode, Origin, Reference};
    use crate::source::Span;

    static CATALOG: UserGrantCatalog = UserGrantCatalog {
        users: &["user"],
        user_names: &["name"],
        groups: &["group"],
        group_names: &["name"],
        links: &[PrincipalPolicyLink {
            kind: "group_attachment",
            principals: &[(Principal::Group, "group")],
            policy_arns: Some("policy_arn"),
        }],
        memberships: &[GroupMembership {
            kind: "membership",
            users: "users",
            groups: "groups",
        }],
        managed: &MANAGED,
    };

    static MANAGED: ManagedPolicyCatalog = ManagedPolicyCatalog {
        kinds: &[],
        known: &[KnownManagedPolicy {
            name: "AdministratorAccess",
            actions: &["*"],
            scoped: &[],
        }],
        policies: &POLICIES,
    };

    /// The tests attach managed policies only: no document is read.
    static POLICIES: policy::PolicyCatalog = policy::PolicyCatalog {
        locations: &[],
        key_policy_holders: &[],
        endpoint_policy_holders: &[],
        document_data_sources: &[],
        statement_resources: &[],
    };

    fn node(value: Value) -> Node {
        Node::new(value, Span::default())
    }

    fn text(s: &str) -> Node {
        Node::string(s, Span::default())
    }

    fn reference(address: &str) -> Node {
        node(Value::Ref(Box::new(Reference {
            address: address.into(),
            attribute: Some("name".into()),
            path: Vec::new(),
        })))
    }

    fn resource(kind: &str, address: &str, attrs: &[(&str, Node)]) -> Resource {
        let mut map = Map::default();
        for (key, value) in attrs {
            map.insert(*key, Span::default(), value.clone());
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

    fn reasons(grants: &[PolicyGrant<'_>]) -> Vec<String> {
        grants
            .iter()
            .map(|g| match g {
                PolicyGrant::Statement(_) => "statement".to_string(),
                PolicyGrant::Managed { policy, .. } => policy.name.to_string(),
                PolicyGrant::Unknown(n) => n.unknown_reason().unwrap_or_default().to_string(),
            })
            .collect()
    }

    #[test]
    fn a_user_gets_the_policies_of_its_groups_and_learns_of_groups_outside() {
        let model = Model::new(
            Origin::Terraform,
            vec![
                resource("user", "user.alice", &[("name", text("alice"))]),
                resource("group", "group.admins", &[("name", text("admins"))]),
                resource(
                    "group_attachment",
                    "group_attachment.admin",
                    &[
                        ("group", reference("group.admins")),
                        (
                            "policy_arn",
                            text("arn:aws:iam::aws:policy/AdministratorAccess"),
                        ),
                    ],
                ),
                resource(
                    "membership",
                    "membership.alice",
                    &[
                        ("users", node(Value::List(vec![reference("user.alice")]))),
                        (
                            "groups",
                            node(Value::List(vec![reference("group.admins"), text("legacy")])),
                        ),
                    ],
                ),
            ],
        );
        let view = UserGrants::new(&model, &CATALOG);
        let alice = view
            .user(&text("alice"))
            .expect("alice is a user of the model");
        assert_eq!(
            reasons(&view.of_user(alice)),
            [
                "AdministratorAccess",
                "the group `legacy` is not in the configuration: its policies are not known",
            ]
        );
    }

    #[test]
    fn a_membership_naming_an_unknown_user_may_reach_every_user() {
        let unknown = Node::unknown("var.members has no value", Span::default());
        let model = Model::new(
            Origin::Terraform,
            vec![
                resource("user", "user.bob", &[("name", text("bob"))]),
                resource(
                    "membership",
                    "membership.some",
                    &[
                        ("users", node(Value::List(vec![unknown]))),
                        ("groups", node(Value::List(vec![text("legacy")]))),
                    ],
                ),
            ],
        );
        let view = UserGrants::new(&model, &CATALOG);
        let bob = view.user(&text("bob")).expect("bob is a user of the model");
        assert_eq!(
            reasons(&view.of_user(bob)),
            ["`membership.some` puts a user not known statically in a group"]
        );
    }

    #[test]
    fn a_grant_to_an_unknown_group_may_reach_every_user_in_a_group() {
        let unknown = Node::unknown("var.group has no value", Span::default());
        let model = Model::new(
            Origin::Terraform,
            vec![
                resource("user", "user.alice", &[("name", text("alice"))]),
                resource("user", "user.bob", &[("name", text("bob"))]),
                resource("group", "group.staff", &[("name", text("staff"))]),
                resource(
                    "membership",
                    "membership.alice",
                    &[
                        ("users", node(Value::List(vec![reference("user.alice")]))),
                        ("groups", node(Value::List(vec![reference("group.staff")]))),
                    ],
                ),
                resource(
                    "group_attachment",
                    "group_attachment.some",
                    &[
                        ("group", unknown),
                        (
                            "policy_arn",
                            text("arn:aws:iam::aws:policy/AdministratorAccess"),
                        ),
                    ],
                ),
            ],
        );
        let view = UserGrants::new(&model, &CATALOG);
        let alice = view.user(&text("alice")).expect("alice is a user");
        assert_eq!(
            reasons(&view.of_user(alice)),
            ["`group_attachment.some` grants policies to a group not known statically"]
        );
        // In no group, no group's grant reaches bob.
        let bob = view.user(&text("bob")).expect("bob is a user");
        assert!(view.of_user(bob).is_empty());
    }
}
