//! Which provider configuration a plan's resource uses: the entry of `provider_config` its
//! `provider_config_key` names. Since Terraform 1.2 the JSON configuration resolves that key
//! itself: a resource of a child module that is passed a configuration, or inherits its
//! parent's default one, is keyed with the configuration it really uses, and the entries that
//! only stood for another are left out (`parent_key` is never written). A key of a child module
//! whose entry configures nothing is therefore either a plan of an older Terraform, which did
//! not resolve keys, or a module's own empty configuration: which settings apply is not known.

use crate::graph::Node;
use crate::graph::provider_links::ProviderLink;
use std::collections::HashMap;

/// The entries of `configuration.provider_config`, by the address the model gives them.
#[derive(Default)]
pub struct ProviderIndex<'a> {
    entries: HashMap<String, &'a Node>,
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
    pub fn link(&self, key: &str) -> ProviderLink {
        let address = address_of(key, None);
        let entry = self.entries.get(&address);
        if entry.is_some_and(|e| configures_something(e)) {
            return ProviderLink::Configuration(address);
        }
        let Some((module, local)) = address.rsplit_once("provider.") else {
            return ProviderLink::Unknown("its provider configuration is not readable".into());
        };
        match (module.is_empty(), local.contains('.')) {
            // The root module's own configuration: an empty one, written or implied for a
            // default one nobody wrote, whose settings the environment gives.
            (true, false) => ProviderLink::Configuration(address),
            (true, true) if entry.is_some() => ProviderLink::Configuration(address),
            (true, true) => ProviderLink::Unknown(format!(
                "the plan records no provider configuration `{local}`"
            )),
            (false, _) => ProviderLink::Unknown(format!(
                "the plan does not say which configuration `{}` uses as `{local}` (a plan of Terraform before 1.2, or a module's empty provider block)",
                module.trim_end_matches('.')
            )),
        }
    }
}

/// Does an entry of `provider_config` set any argument? One that sets none stands, in a child
/// module, for a configuration the plan does not resolve (see the module's documentation).
pub fn configures_something(config: &Node) -> bool {
    config
        .get("expressions")
        .and_then(Node::as_map)
        .is_some_and(|m| !m.entries.is_empty())
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
    fn keys_name_the_configuration_used_or_nothing_known() {
        // As Terraform 1.2 and later write it: resources of `module.passed` are keyed with
        // the configuration passed to it; `module.own` configures its own; `module.empty`
        // declares an empty block; `p:aws` is a key of an older Terraform.
        let config = r#"{
            "aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}},
            "aws.us": {"name": "aws", "alias": "us"},
            "module.empty:aws": {"name": "aws", "module_address": "module.empty"},
            "module.own:aws": {"name": "aws", "module_address": "module.own",
                               "expressions": {"region": {"constant_value": "us-east-1"}}}
        }"#;
        assert_eq!(
            links(
                config,
                &[
                    "aws",
                    "aws.us",
                    "random",
                    "module.own:aws",
                    "module.empty:aws",
                    "p:aws",
                    "module.a.module.b:aws",
                    "aws.missing",
                    "module.own:aws.x",
                ]
            ),
            [
                "provider.aws",
                "provider.aws.us",
                "provider.random",
                "module.own.provider.aws",
                "unknown",
                "unknown",
                "unknown",
                "unknown",
                "unknown",
            ]
        );
    }
}
