//! Which provider configuration a resource uses, as Terraform assigns it ("Providers Within
//! Modules"): the one its `provider` argument names, or the default one of its type's provider
//! (`aws` for `aws_db_instance`); in a child module, one the module declares itself, or else
//! one its call passes in `providers = { aws = aws.west }`, or else, without such a map, the
//! parent's default configuration of that provider (only default ones are inherited).

use super::Declarations;
use crate::graph::provider_links::ProviderLink;
use crate::graph::{FastHashMap as HashMap, FastHashSet as HashSet, Mode};
use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::structure::{Block, Body};
use std::rc::Rc;

/// How a module instance receives its parent's provider configurations.
#[derive(Clone, Default)]
pub enum Inherited {
    /// The root module: a default configuration nobody declared is an empty one.
    #[default]
    Root,
    /// The call's `providers` map, resolved in the parent: the module has only these.
    Passed(Rc<HashMap<String, ProviderLink>>),
    /// No `providers` map: the parent's default configurations.
    FromParent(Rc<ModuleProviders>),
}

/// The provider configurations one module instance can use.
pub struct ModuleProviders {
    /// `module.a.` for a child module instance; empty for the root.
    prefix: String,
    /// The configurations the module declares, by key (`aws`, `aws.west`).
    declared: HashSet<String>,
    /// Those of them that set nothing but perhaps an alias: legacy proxy blocks, which stand
    /// for a configuration the call passes (Terraform warns "Redundant empty provider block").
    empty: HashSet<String>,
    inherited: Inherited,
}

impl ModuleProviders {
    pub fn new(prefix: &str, decls: &Declarations<'_>, inherited: Inherited) -> ModuleProviders {
        let mut declared = HashSet::default();
        let mut empty = HashSet::default();
        for &(_, kind, alias, block, _) in decls.resources.iter().filter(|d| d.0 == Mode::Provider)
        {
            let key = configuration_key(kind, alias);
            if sets_nothing(block) {
                empty.insert(key.clone());
            }
            declared.insert(key);
        }
        ModuleProviders {
            prefix: prefix.to_string(),
            declared,
            empty,
            inherited,
        }
    }

    /// The configuration `key` (`aws`, `aws.west`) names inside this module instance.
    pub fn resolve(&self, key: &str) -> ProviderLink {
        if let Inherited::Passed(map) = &self.inherited
            && self.empty.contains(key)
            && let Some(passed) = map.get(key)
        {
            return passed.clone();
        }
        if self.declared.contains(key) {
            return ProviderLink::Configuration(format!("{}provider.{key}", self.prefix));
        }
        let is_default = !key.contains('.');
        match &self.inherited {
            Inherited::Root if is_default => ProviderLink::Configuration(format!("provider.{key}")),
            Inherited::Root => {
                ProviderLink::Unknown(format!("no provider configuration `{key}` is declared"))
            }
            Inherited::Passed(map) => map.get(key).cloned().unwrap_or_else(|| {
                ProviderLink::Unknown(format!(
                    "the module call's `providers` does not pass `{key}`, and a call with `providers` passes nothing else"
                ))
            }),
            Inherited::FromParent(parent) if is_default => parent.resolve(key),
            Inherited::FromParent(_) => ProviderLink::Unknown(format!(
                "the module call passes no `{key}` (no `providers` map)"
            )),
        }
    }

    /// The link of a resource or data source of type `kind` whose body is `body` (its
    /// `provider` argument, else the type's default configuration).
    pub fn of_resource(&self, kind: &str, body: &Body) -> ProviderLink {
        match body.get_attribute("provider") {
            None => self.resolve(default_key(kind)),
            Some(attr) => match reference_key(&attr.value) {
                Some(key) => self.resolve(&key),
                None => ProviderLink::Unknown("its `provider` argument is not readable".into()),
            },
        }
    }

    /// How a child module called by `call` receives this module's configurations.
    pub fn for_call(self: &Rc<Self>, call: &Block) -> Inherited {
        let Some(attr) = call.body.get_attribute("providers") else {
            return Inherited::FromParent(Rc::clone(self));
        };
        let mut passed = HashMap::default();
        if let Expression::Object(object) = &attr.value {
            for (key, value) in object.iter() {
                let child_key = match key {
                    ObjectKey::Ident(i) => Some(i.as_str().to_string()),
                    ObjectKey::Expression(e) => reference_key(e),
                };
                let Some(child_key) = child_key else {
                    continue;
                };
                let link = match reference_key(value.expr()) {
                    Some(parent_key) => self.resolve(&parent_key),
                    None => ProviderLink::Unknown(format!(
                        "the module call passes `{child_key}` a configuration that is not readable"
                    )),
                };
                passed.insert(child_key, link);
            }
        }
        Inherited::Passed(Rc::new(passed))
    }
}

/// Does a `provider` block set nothing but its alias?
fn sets_nothing(block: &Block) -> bool {
    block.body.blocks().next().is_none()
        && block
            .body
            .attributes()
            .all(|a| a.key.as_str() == crate::graph::PROVIDER_ALIAS)
}

/// The default configuration's key of a resource type's provider: Terraform takes the local
/// name before the type's first underscore.
pub fn default_key(kind: &str) -> &str {
    kind.split_once('_').map_or(kind, |(name, _)| name)
}

/// `aws` or `aws.west`, as a provider configuration is keyed and named in references.
fn configuration_key(name: &str, alias: &str) -> String {
    if alias.is_empty() {
        name.to_string()
    } else {
        format!("{name}.{alias}")
    }
}

/// The key a reference to a provider configuration names: `aws.west` written as a traversal,
/// or as a string in JSON syntax.
fn reference_key(expr: &Expression) -> Option<String> {
    let key = match expr {
        Expression::Variable(v) => v.as_str().to_string(),
        Expression::Traversal(t) => {
            let Expression::Variable(name) = &t.expr else {
                return None;
            };
            match t.operators.as_slice() {
                [alias] => match alias.value() {
                    TraversalOperator::GetAttr(alias) => {
                        configuration_key(name.as_str(), alias.as_str())
                    }
                    _ => return None,
                },
                _ => return None,
            }
        }
        Expression::String(s) => s.value().to_string(),
        _ => return None,
    };
    let well_formed = key.split('.').count() <= 2
        && key.split('.').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        });
    well_formed.then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(text: &str) -> Option<String> {
        let body: hcl_edit::structure::Body = format!("x = {text}\n").parse().unwrap();
        let attr = body.get_attribute("x").unwrap();
        reference_key(&attr.value)
    }

    #[test]
    fn provider_references_are_keys() {
        assert_eq!(key_of("aws").as_deref(), Some("aws"));
        assert_eq!(key_of("aws.west").as_deref(), Some("aws.west"));
        assert_eq!(key_of("\"aws.west\"").as_deref(), Some("aws.west"));
        assert_eq!(key_of("aws.west.x"), None);
        assert_eq!(key_of("aws[0]"), None);
        assert_eq!(key_of("var.x ? aws : aws"), None);
        assert_eq!(default_key("aws_db_instance"), "aws");
        assert_eq!(default_key("random"), "random");
    }

    fn module(prefix: &str, declared: &[&str], inherited: Inherited) -> ModuleProviders {
        ModuleProviders {
            prefix: prefix.into(),
            declared: declared.iter().map(|s| s.to_string()).collect(),
            empty: HashSet::default(),
            inherited,
        }
    }

    fn config(address: &str) -> ProviderLink {
        ProviderLink::Configuration(address.into())
    }

    #[test]
    fn modules_inherit_defaults_or_take_what_is_passed() {
        let root = Rc::new(module("", &["aws", "aws.west"], Inherited::Root));
        assert_eq!(root.resolve("aws"), config("provider.aws"));
        assert_eq!(root.resolve("aws.west"), config("provider.aws.west"));
        assert_eq!(root.resolve("random"), config("provider.random"));
        assert!(matches!(root.resolve("aws.east"), ProviderLink::Unknown(_)));

        let inheriting = module("module.a.", &[], Inherited::FromParent(root.clone()));
        assert_eq!(inheriting.resolve("aws"), config("provider.aws"));
        assert!(matches!(
            inheriting.resolve("aws.west"),
            ProviderLink::Unknown(_)
        ));

        let own = module("module.b.", &["aws"], Inherited::FromParent(root.clone()));
        assert_eq!(own.resolve("aws"), config("module.b.provider.aws"));

        let call: hcl_edit::structure::Body =
            "module \"c\" {\n  providers = { aws = aws.west, aws.second = aws }\n}\n"
                .parse()
                .unwrap();
        let block = call.blocks().next().unwrap();
        let passed = module("module.c.", &[], root.for_call(block));
        assert_eq!(passed.resolve("aws"), config("provider.aws.west"));
        assert_eq!(passed.resolve("aws.second"), config("provider.aws"));
        assert!(matches!(passed.resolve("random"), ProviderLink::Unknown(_)));

        // An empty block of a key the call passes is a legacy proxy for the passed one; one
        // that configures something, or is not passed, is the module's own.
        let mut proxy = module("module.c.", &["aws", "aws.second"], root.for_call(block));
        proxy.empty.insert("aws".into());
        assert_eq!(proxy.resolve("aws"), config("provider.aws.west"));
        assert_eq!(
            proxy.resolve("aws.second"),
            config("module.c.provider.aws.second")
        );
        let mut unpassed = module("module.d.", &["aws"], Inherited::FromParent(root.clone()));
        unpassed.empty.insert("aws".into());
        assert_eq!(unpassed.resolve("aws"), config("module.d.provider.aws"));
    }
}
