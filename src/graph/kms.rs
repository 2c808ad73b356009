//! KMS keys as a setting names them: is the key one AWS manages for a service (`alias/aws/s3`)
//! or one the customer manages?

use super::{Mode, Model, Node, Truth, Value};

/// The data sources that look a KMS key up, as the catalog (`aws::identity`) names them.
pub struct KeyDataSources {
    /// `(data source type, attribute naming the key or alias it reads)`.
    pub lookups: &'static [(&'static str, &'static str)],
    /// The attribute a plan fills with who manages the key (`AWS` or `CUSTOMER`).
    pub manager: &'static str,
}

/// Is the key that `key` names (a key argument such as `kms_master_key_id` / `KmsMasterKeyId`)
/// managed by AWS? AWS-managed keys are the `alias/aws/<service>` aliases; a key created in
/// the configuration is customer-managed. `data.aws_kms_key` / `data.aws_kms_alias` are
/// followed to the key or alias they read (a plan also says `key_manager`).
pub fn is_aws_managed_key(model: &Model, sources: &KeyDataSources, key: &Node) -> Truth {
    match &key.value {
        Value::String(s) => {
            if names_aws_managed_alias(s) {
                return Truth::Yes;
            }
            // A plan writes the ARN a data source read: the data source knows who manages it.
            match model.resolve(key).and_then(|id| model.get(id)) {
                Some(r) if r.mode == Mode::Data => data_source_key(sources, r),
                _ => Truth::No,
            }
        }
        Value::Ref(_) => match model.resolve(key).and_then(|id| model.get(id)) {
            Some(r) if r.mode == Mode::Data => data_source_key(sources, r),
            // A key or alias the configuration creates is the customer's.
            Some(_) => Truth::No,
            None => Truth::Unknown,
        },
        Value::Unknown(_) => match key.text_shape() {
            Some(shape) if !shape.contains("alias/") && shape.contains(":key/") => Truth::No,
            Some(shape) if shape.contains("alias/aws/") => Truth::Yes,
            _ => Truth::Unknown,
        },
        _ => Truth::Unknown,
    }
}

/// `alias/aws/s3`, or an alias ARN `arn:aws:kms:eu-west-1:111122223333:alias/aws/s3`.
fn names_aws_managed_alias(text: &str) -> bool {
    text.starts_with("alias/aws/") || (text.starts_with("arn:") && text.contains(":alias/aws/"))
}

fn data_source_key(sources: &KeyDataSources, data: &super::Resource) -> Truth {
    if let Some(manager) = data.get(sources.manager).and_then(Node::as_str) {
        return Truth::from_bool(manager == "AWS");
    }
    let Some(&(_, attribute)) = sources.lookups.iter().find(|(kind, _)| *kind == data.kind) else {
        return Truth::Unknown;
    };
    let name = data.get(attribute);
    match name.map(|n| (n, n.as_str())) {
        Some((_, Some(text))) if names_aws_managed_alias(text) => Truth::Yes,
        // A key id, key ARN or customer alias.
        Some((_, Some(_))) => Truth::No,
        _ => Truth::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Map, Origin, Reference, Resource};
    use crate::source::Span;

    static SOURCES: KeyDataSources = KeyDataSources {
        lookups: &[("aws_kms_key", "key_id"), ("aws_kms_alias", "name")],
        manager: "key_manager",
    };

    fn data(kind: &str, key: &str, value: &str) -> Resource {
        let mut attrs = Map::default();
        attrs.insert(key, Span::default(), Node::string(value, Span::default()));
        Resource {
            address: format!("data.{kind}.k"),
            kind: kind.into(),
            mode: Mode::Data,
            span: Span::default(),
            attrs,
            module_calls: Vec::new(),
            metadata: None,
        }
    }

    fn reference(address: &str, attribute: &str) -> Node {
        Node::new(
            Value::Ref(Box::new(Reference {
                address: address.into(),
                attribute: Some(attribute.into()),
                path: Vec::new(),
            })),
            Span::default(),
        )
    }

    #[test]
    fn aws_managed_aliases_and_the_data_sources_that_read_them() {
        let model = Model::new(
            Origin::Terraform,
            vec![data("aws_kms_alias", "name", "alias/aws/sqs")],
        );
        let s = |t: &str| Node::string(t, Span::default());
        assert_eq!(
            is_aws_managed_key(&model, &SOURCES, &s("alias/aws/sqs")),
            Truth::Yes
        );
        assert_eq!(
            is_aws_managed_key(
                &model,
                &SOURCES,
                &s("arn:aws:kms:eu-west-1:111122223333:alias/aws/s3")
            ),
            Truth::Yes
        );
        assert_eq!(
            is_aws_managed_key(&model, &SOURCES, &s("alias/payments")),
            Truth::No
        );
        assert_eq!(
            is_aws_managed_key(
                &model,
                &SOURCES,
                &reference("data.aws_kms_alias.k", "target_key_arn")
            ),
            Truth::Yes
        );
        assert_eq!(
            is_aws_managed_key(
                &model,
                &SOURCES,
                &reference("module.x.aws_kms_key.k", "arn")
            ),
            Truth::Unknown
        );
        assert_eq!(
            is_aws_managed_key(&model, &SOURCES, &Node::unknown("var.key", Span::default())),
            Truth::Unknown
        );

        let customer = Model::new(
            Origin::Plan,
            vec![data("aws_kms_key", "key_manager", "CUSTOMER")],
        );
        assert_eq!(
            is_aws_managed_key(&customer, &SOURCES, &reference("data.aws_kms_key.k", "arn")),
            Truth::No
        );
    }
}
