//! Which provider configuration a plan's resource uses: its `provider_config_key` in
//! `configuration`, followed through the child modules' entries of `provider_config` that only
//! stand for a parent's configuration (`parent_key`, or inheritance of a default one).

use crate::graph::Node;
use crate::graph::provider_links::ProviderLink;
use std::cell::RefCell;
use std::collections::HashMap;

/// Hops followed from a child module's configuration to its ancestors': one per module level.
const MAX_HOPS: usize = 64;

/// The entries of `configuration.provider_config`, by the address the model gives them.
#[derive(Default)]
pub struct ProviderIndex<'a> {
    entries: HashMap<String, &'a Node>,
    /// Resolutions by `provider_config_key`: every resource of a module repeats the same one.
    resolved: RefCell<HashMap<&'a str, ProviderLink>>,
}

impl<'a> ProviderIndex<'a> {
    pub fn new(provider_config: Option<&'a Node>) -> ProviderIndex<'a> {
        let mut index = ProviderIndex::default();
        for (key, config) in provider_config
            .and_then(Node::as_map)
            .map(|m| m.iter())
            .into_iter()
            .flatten()
        {
            let module = config.get("module_address").and_then(Node::as_str);
            index.entries.insert(address_of(key, module), config);
        }
        index
    }

    /// The configuration a resource whose `provider_config_key` is `key` uses.
    pub fn link(&self, key: &'a str) -> ProviderLink {
        if let Some(link) = self.resolved.borrow().get(key) {
            return link.clone();
        }
        let link = self.resolve(address_of(key, None), 0);
        self.resolved.borrow_mut().insert(key, link.clone());
        link
    }

    fn resolve(&self, address: String, hops: usize) -> ProviderLink {
        if hops > MAX_HOPS {
            return ProviderLink::Unknown("its provider configuration is passed too deep".into());
        }
        let entry = self.entries.get(&address);
        if let Some(entry) = entry
            && !super::plan::inherits_its_configuration(&address, entry)
        {
            return ProviderLink::Configuration(address);
        }
        if let Some(parent) = entry
            .and_then(|e| e.get("parent_key"))
            .and_then(Node::as_str)
        {
            return self.resolve(address_of(parent, None), hops + 1);
        }
        let Some((module, local)) = address.rsplit_once("provider.") else {
            return ProviderLink::Unknown("its provider configuration is not readable".into());
        };
        let is_default = !local.contains('.');
        match module.strip_suffix('.') {
            // The root's default configuration, written or implied empty.
            None if is_default => ProviderLink::Configuration(address),
            None => ProviderLink::Unknown(format!(
                "the plan records no provider configuration `{local}`"
            )),
            // Without a `providers` map a child module inherits its parent's default ones.
            Some(child) if is_default => {
                let parent = child.rsplit_once(".module.").map_or("", |(p, _)| p);
                let address = if parent.is_empty() {
                    format!("provider.{local}")
                } else {
                    format!("{parent}.provider.{local}")
                };
                self.resolve(address, hops + 1)
            }
            Some(_) => ProviderLink::Unknown(format!(
                "the plan does not say which configuration the module receives as `{local}`"
            )),
        }
    }
}

/// A provider configuration's address as the HCL loader writes it, from its key in
/// `provider_config` or a resource's `provider_config_key` and the module that declares it:
/// `module.x:aws` (and the older `provider.module.x:aws`, and `x:aws`, which names the module
/// by its calls alone) is `module.x.provider.aws`. The key names the module when
/// `module_address` is not recorded.
pub fn address_of(key: &str, module_address: Option<&str>) -> String {
    let key = key.strip_prefix("provider.").unwrap_or(key);
    let (module, local) = match key.rsplit_once(':') {
        Some((module, local)) => match module_address {
            Some(m) => (m.to_string(), local),
            None if module.starts_with("module.") => (module.to_string(), local),
            None => (
                module
                    .split('.')
                    .map(|call| format!("module.{call}"))
                    .collect::<Vec<_>>()
                    .join("."),
                local,
            ),
        },
        None => (module_address.unwrap_or_default().to_string(), key),
    };
    if module.is_empty() {
        format!("provider.{local}")
    } else {
        format!("{module}.provider.{local}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::parse::json;
    use crate::source::FileId;

    fn links(provider_config: &str, keys: &[&str]) -> Vec<String> {
        let doc = json::parse(provider_config, FileId(0)).unwrap();
        let index = ProviderIndex::new(Some(&doc));
        keys.iter()
            .map(|key| match index.link(key) {
                ProviderLink::Configuration(a) => a,
                ProviderLink::Unknown(_) => "unknown".into(),
            })
            .collect()
    }

    #[test]
    fn keys_name_configurations_as_the_model_does() {
        assert_eq!(address_of("aws", None), "provider.aws");
        assert_eq!(address_of("aws.eu", None), "provider.aws.eu");
        assert_eq!(address_of("module.a:aws", None), "module.a.provider.aws");
        assert_eq!(address_of("a:aws", None), "module.a.provider.aws");
        assert_eq!(
            address_of("provider.module.db:aws", None),
            "module.db.provider.aws"
        );
        assert_eq!(
            address_of("module.db:aws", Some("module.db")),
            "module.db.provider.aws"
        );
        assert_eq!(
            address_of("a.b:aws.x", None),
            "module.a.module.b.provider.aws.x"
        );
        assert_eq!(
            address_of("module.a.module.b:aws", None),
            "module.a.module.b.provider.aws"
        );
    }

    #[test]
    fn child_modules_follow_their_parents_configuration() {
        let config = r#"{
            "aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}},
            "aws.us": {"name": "aws", "alias": "us", "expressions": {}},
            "module.a:aws": {"name": "aws", "module_address": "module.a"},
            "module.p:aws": {"name": "aws", "module_address": "module.p", "parent_key": "aws.us"},
            "module.own:aws": {"name": "aws", "module_address": "module.own",
                               "expressions": {"region": {"constant_value": "us-east-1"}}}
        }"#;
        assert_eq!(
            links(
                config,
                &[
                    "aws",
                    "aws.us",
                    "a:aws",
                    "module.a.module.b:aws",
                    "p:aws",
                    "module.own:aws",
                    "aws.missing",
                    "module.a:aws.x",
                ]
            ),
            [
                "provider.aws",
                "provider.aws.us",
                "provider.aws",
                "provider.aws",
                "provider.aws.us",
                "module.own.provider.aws",
                "unknown",
                "unknown",
            ]
        );
    }
}
