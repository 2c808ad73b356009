//! Which provider configuration each resource is deployed with (Terraform's `provider`
//! meta-argument, a module call's `providers` map, inheritance of default configurations into
//! child modules), as the loaders resolved it. Settings such as the region belong to that
//! configuration, not to the model as a whole.

use super::{FastHashMap as HashMap, Model, Resource};

/// The configuration a resource uses, as a loader resolved it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProviderLink {
    /// The configuration at this address (`provider.aws.west`, `module.db.provider.aws`). When
    /// the model holds none there, it is the empty configuration Terraform implies for a
    /// default one nobody wrote, whose settings come from the environment.
    Configuration(String),
    /// Which configuration is not known (why).
    Unknown(String),
}

/// Links of resources that do not use their provider's default configuration of the root
/// module, by resource address. Most resources use that one, so only the others are kept: a
/// plan holds hundreds of thousands of resources.
#[derive(Clone, Debug, Default)]
pub struct ProviderLinks {
    links: HashMap<String, ProviderLink>,
}

impl ProviderLinks {
    pub fn record(&mut self, resource: String, link: ProviderLink) {
        self.links.insert(resource, link);
    }

    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    fn get(&self, resource: &str) -> Option<&ProviderLink> {
        self.links.get(resource)
    }
}

/// The provider configuration a resource is deployed with.
#[derive(Clone, Copy, Debug)]
pub enum ProviderUse<'m> {
    /// A configuration the model holds.
    Configured(&'m Resource),
    /// A default configuration nobody wrote: Terraform gives the resource an empty one, whose
    /// settings (the region, the credentials) come from the environment. Also the answer for a
    /// model whose format has no provider configurations (a CloudFormation stack deploys where
    /// it is created).
    Unwritten,
    /// Which configuration is not known (why).
    Unknown(&'m str),
}

impl Model {
    /// The configuration of `provider` (`aws`) that `resource` is deployed with: the one its
    /// loader linked it to, or else the root module's default one (`provider.aws`).
    pub fn provider_configuration<'m>(
        &'m self,
        resource: &Resource,
        provider: &str,
    ) -> ProviderUse<'m> {
        let address = match self.provider_links.get(&resource.address) {
            Some(ProviderLink::Unknown(why)) => return ProviderUse::Unknown(why),
            Some(ProviderLink::Configuration(address)) => address.clone(),
            None => format!("provider.{provider}"),
        };
        match self.by_address(&address).and_then(|id| self.get(id)) {
            Some(config) if config.mode == super::Mode::Provider => ProviderUse::Configured(config),
            Some(_) => ProviderUse::Unknown("the provider configuration is not known"),
            None => ProviderUse::Unwritten,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Map, Mode, Origin};
    use crate::source::Span;

    fn res(address: &str, kind: &str, mode: Mode) -> Resource {
        Resource {
            address: address.into(),
            kind: kind.into(),
            mode,
            span: Span::default(),
            attrs: Map::default(),
            module_calls: Vec::new(),
            metadata: None,
        }
    }

    #[test]
    fn a_resource_uses_its_link_or_the_root_default() {
        let mut model = Model::new(
            Origin::Terraform,
            vec![
                res("provider.aws", "aws", Mode::Provider),
                res("provider.aws.west", "aws", Mode::Provider),
                res("aws_db_instance.a", "aws_db_instance", Mode::Managed),
                res("aws_db_instance.b", "aws_db_instance", Mode::Managed),
                res("aws_db_instance.c", "aws_db_instance", Mode::Managed),
                res("aws_db_instance.d", "aws_db_instance", Mode::Managed),
            ],
        );
        model.provider_links.record(
            "aws_db_instance.b".into(),
            ProviderLink::Configuration("provider.aws.west".into()),
        );
        model.provider_links.record(
            "aws_db_instance.c".into(),
            ProviderLink::Unknown("not passed".into()),
        );
        model.provider_links.record(
            "aws_db_instance.d".into(),
            ProviderLink::Configuration("module.m.provider.aws".into()),
        );
        let used = |address: &str| {
            let r = model.get(model.by_address(address).unwrap()).unwrap();
            match model.provider_configuration(r, "aws") {
                ProviderUse::Configured(p) => p.address.clone(),
                ProviderUse::Unwritten => "unwritten".into(),
                ProviderUse::Unknown(why) => format!("unknown: {why}"),
            }
        };
        assert_eq!(used("aws_db_instance.a"), "provider.aws");
        assert_eq!(used("aws_db_instance.b"), "provider.aws.west");
        assert_eq!(used("aws_db_instance.c"), "unknown: not passed");
        assert_eq!(used("aws_db_instance.d"), "unwritten");
        let bare = Model::new(
            Origin::CloudFormation,
            vec![res("Db", "AWS::RDS::DBInstance", Mode::Managed)],
        );
        let db = bare.get(crate::graph::ResourceId(0)).unwrap();
        assert!(matches!(
            bare.provider_configuration(db, "aws"),
            ProviderUse::Unwritten
        ));
    }
}
