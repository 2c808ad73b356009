use super::*;
use crate::graph::{Map, Mode, Origin};

fn node(v: Value) -> Node {
    Node::new(v, Span::default())
}

fn resource(address: &str, kind: &str, mode: Mode, attrs: Vec<(&str, Value)>) -> Resource {
    let mut map = Map::default();
    for (k, v) in attrs {
        map.insert(k, Span::default(), node(v));
    }
    Resource {
        address: address.into(),
        kind: kind.into(),
        mode,
        span: Span::default(),
        attrs: map,
        module_calls: Vec::new(),
        metadata: None,
    }
}

fn managed(kind: &str, attrs: Vec<(&str, Value)>) -> Resource {
    resource("r", kind, Mode::Managed, attrs)
}

fn s(text: &str) -> Value {
    Value::String(text.into())
}

fn state<F>(model: &Model, f: F) -> Vec<Option<Truth>>
where
    F: for<'c> Fn(&Catalog<'c>, &Resource) -> Option<Facet>,
{
    let catalog = Catalog::new(model);
    model
        .resources
        .iter()
        .map(|r| f(&catalog, r).map(|facet| facet.state))
        .collect()
}

#[test]
fn sqs_is_unencrypted_only_with_sse_sqs_off_and_no_key() {
    let model = Model::new(
        Origin::Terraform,
        vec![
            managed("aws_sqs_queue", vec![]),
            managed(
                "aws_sqs_queue",
                vec![("sqs_managed_sse_enabled", Value::Bool(false))],
            ),
            managed(
                "aws_sqs_queue",
                vec![
                    ("sqs_managed_sse_enabled", Value::Bool(false)),
                    ("kms_master_key_id", s("alias/queues")),
                ],
            ),
        ],
    );
    assert_eq!(
        state(&model, |c, r| c.encryption_at_rest(r)),
        vec![Some(Truth::Yes), Some(Truth::No), Some(Truth::Yes)]
    );
}

#[test]
fn a_declared_account_default_decides_an_ebs_volume() {
    let volume = managed("aws_ebs_volume", vec![]);
    let alone = Model::new(Origin::Terraform, vec![volume.clone()]);
    assert_eq!(
        state(&alone, |c, r| c.encryption_at_rest(r)),
        vec![Some(Truth::No)]
    );
    let with_default = Model::new(
        Origin::Terraform,
        vec![volume, managed("aws_ebs_encryption_by_default", vec![])],
    );
    assert_eq!(
        state(&with_default, |c, r| c.encryption_at_rest(r)),
        vec![Some(Truth::Yes), Some(Truth::Yes)]
    );
}

#[test]
fn a_snapshot_source_leaves_encryption_unknown() {
    let model = Model::new(
        Origin::CloudFormation,
        vec![managed(
            "AWS::EC2::Volume",
            vec![("SnapshotId", s("snap-1"))],
        )],
    );
    assert_eq!(
        state(&model, |c, r| c.encryption_at_rest(r)),
        vec![Some(Truth::Unknown)]
    );
}

#[test]
fn aws_managed_aliases_are_not_customer_managed() {
    let model = Model::new(
        Origin::Terraform,
        vec![
            managed(
                "aws_sns_topic",
                vec![("kms_master_key_id", s("alias/aws/sns"))],
            ),
            managed(
                "aws_sns_topic",
                vec![(
                    "kms_master_key_id",
                    s("arn:aws:kms:eu-west-1:111122223333:alias/aws/sns"),
                )],
            ),
            managed(
                "aws_sns_topic",
                vec![("kms_master_key_id", s("alias/topics"))],
            ),
            managed("aws_sqs_queue", vec![]),
            managed("aws_ssm_parameter", vec![("type", s("String"))]),
        ],
    );
    assert_eq!(
        state(&model, |c, r| c.customer_managed_keys(r).pop()),
        vec![
            Some(Truth::No),
            Some(Truth::No),
            Some(Truth::Yes),
            Some(Truth::No),
            None
        ]
    );
}

#[test]
fn a_data_source_looking_up_an_aws_managed_alias_is_not_customer_managed() {
    let reference = Value::Ref(Box::new(crate::graph::Reference {
        address: "data.aws_kms_alias.s3".into(),
        attribute: Some("arn".into()),
        path: Vec::new(),
    }));
    let model = Model::new(
        Origin::Terraform,
        vec![
            resource(
                "data.aws_kms_alias.s3",
                "aws_kms_alias",
                Mode::Data,
                vec![("name", s("alias/aws/s3"))],
            ),
            managed("aws_codebuild_project", vec![("encryption_key", reference)]),
        ],
    );
    let catalog = Catalog::new(&model);
    let project = model.resources.get(1).expect("project");
    let facet = catalog
        .customer_managed_keys(project)
        .pop()
        .expect("a key entry");
    assert_eq!(facet.state, Truth::No);
    assert!(facet.why.contains("alias/aws/s3"), "{}", facet.why);
}

#[test]
fn exported_log_types_must_include_the_required_ones() {
    let list = |items: &[&str]| node(Value::List(items.iter().map(|i| node(s(i))).collect()));
    let required = &["api", "audit", "authenticator"];
    assert_eq!(
        exports_state(&list(&["api", "audit", "authenticator"]), required, None).state,
        Truth::Yes
    );
    let partial = exports_state(&list(&["api"]), required, None);
    assert_eq!(partial.state, Truth::No);
    assert_eq!(partial.why, " (missing audit, authenticator)");
    assert_eq!(
        exports_state(&list(&["error"]), &[], None).state,
        Truth::Yes
    );
    assert_eq!(exports_state(&list(&[]), &[], None).state, Truth::No);
    let with_unknown = node(Value::List(vec![
        node(s("api")),
        Node::unknown("var.types", Span::default()),
    ]));
    assert_eq!(
        exports_state(&with_unknown, required, None).state,
        Truth::Unknown
    );
}

#[test]
fn no_resource_type_has_two_entries_for_one_facet() {
    // The index keeps the first entry of a type: a second one would be silently ignored.
    let at_rest = storage::AT_REST.len()
        + compute::AT_REST.len()
        + database::AT_REST.len()
        + messaging::AT_REST.len()
        + analytics::AT_REST.len()
        + developer::AT_REST.len()
        + apis::AT_REST.len();
    assert_eq!(at_rest_entries().len(), at_rest);
    // A type may name several keys, but never the same key twice.
    let keys = storage::KEYS.len()
        + database::KEYS.len()
        + messaging::KEYS.len()
        + developer::KEYS.len()
        + management::KEYS.len()
        + networking::KEYS.len()
        + workloads::KEYS.len();
    let mut paths: Vec<_> = key_entries()
        .values()
        .flatten()
        .map(|e| (e.kind, e.key))
        .collect();
    assert_eq!(paths.len(), keys);
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), keys);
    assert_eq!(
        log_entries().len(),
        database::LOGS.len()
            + management::LOGS.len()
            + management::TRAILS.len()
            + networking::LOGS.len()
            + networking::API_LOGS.len()
            + networking::FIREWALL_LOGS.len()
            + networking::EDGE_LOGS.len()
            + networking::DNS_LOGS.len()
            + networking::VPN_LOGS.len()
            + networking::SITE_TO_SITE_VPN_LOGS.len()
            + messaging::LOGS.len()
            + analytics::LOGS.len()
            + developer::LOGS.len()
            + workloads::LOGS.len()
    );
}

fn block(entries: Vec<(&str, Value)>) -> Value {
    let mut map = Map::default();
    for (k, v) in entries {
        map.insert(k, Span::default(), node(v));
    }
    Value::List(vec![node(Value::Map(map))])
}

#[test]
fn mq_needs_audit_logs_unless_the_engine_has_none() {
    let logs = |general: bool, audit: Option<bool>| {
        let mut entries = vec![("general", Value::Bool(general))];
        entries.extend(audit.map(|a| ("audit", Value::Bool(a))));
        ("logs", block(entries))
    };
    let broker = |engine: Value, logs: (&'static str, Value)| {
        managed("aws_mq_broker", vec![("engine_type", engine), logs])
    };
    let model = Model::new(
        Origin::Terraform,
        vec![
            broker(s("ActiveMQ"), logs(true, Some(true))),
            broker(s("ActiveMQ"), logs(true, None)),
            broker(s("RabbitMQ"), logs(true, None)),
            broker(s("RabbitMQ"), logs(false, None)),
            broker(
                Node::unknown("var.engine", Span::default()).value,
                logs(true, None),
            ),
        ],
    );
    assert_eq!(
        state(&model, |c, r| c.audit_logging(r, LogFamily::Service)),
        vec![
            Some(Truth::Yes),
            Some(Truth::No),
            Some(Truth::Yes),
            Some(Truth::No),
            Some(Truth::Unknown),
        ]
    );
}

#[test]
fn codebuild_logs_to_cloudwatch_unless_disabled_or_to_s3_when_enabled() {
    let logs_config = |cloudwatch: &str, s3: Option<&str>| {
        let mut entries = vec![("cloudwatch_logs", block(vec![("status", s(cloudwatch))]))];
        entries.extend(s3.map(|status| ("s3_logs", block(vec![("status", s(status))]))));
        ("logs_config", block(entries))
    };
    let model = Model::new(
        Origin::Terraform,
        vec![
            managed("aws_codebuild_project", vec![]),
            managed("aws_codebuild_project", vec![logs_config("DISABLED", None)]),
            managed(
                "aws_codebuild_project",
                vec![logs_config("DISABLED", Some("ENABLED"))],
            ),
            managed(
                "aws_codebuild_project",
                vec![logs_config("DISABLED", Some("DISABLED"))],
            ),
        ],
    );
    assert_eq!(
        state(&model, |c, r| c.audit_logging(r, LogFamily::Service)),
        vec![
            Some(Truth::Yes),
            Some(Truth::No),
            Some(Truth::Yes),
            Some(Truth::No),
        ]
    );
}

#[test]
fn a_logging_configuration_with_an_unknown_target_leaves_every_web_acl_unknown() {
    let acl = managed("aws_wafv2_web_acl", vec![]);
    let config = |target: Value| {
        resource(
            "aws_wafv2_web_acl_logging_configuration.logs",
            "aws_wafv2_web_acl_logging_configuration",
            Mode::Managed,
            vec![("resource_arn", target)],
        )
    };
    let unknown_target = Model::new(
        Origin::Terraform,
        vec![
            acl.clone(),
            config(Value::Unknown(std::sync::Arc::new(crate::graph::Unknown {
                reason: "var.acl_arn".into(),
                unset: false,
                shape: None,
                deployed: None,
                hole: None,
                built_from: None,
            }))),
        ],
    );
    let other_target = Model::new(
        Origin::Terraform,
        vec![
            acl,
            config(s(
                "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/x/1",
            )),
        ],
    );
    let logging = |c: &Catalog<'_>, r: &Resource| c.audit_logging(r, LogFamily::Firewall);
    assert_eq!(
        state(&unknown_target, logging).first(),
        Some(&Some(Truth::Unknown))
    );
    assert_eq!(
        state(&other_target, logging).first(),
        Some(&Some(Truth::No))
    );
}

#[test]
fn a_restore_or_copy_without_a_key_keeps_its_sources_key() {
    let model = Model::new(
        Origin::Terraform,
        vec![
            managed(
                "aws_rds_cluster",
                vec![
                    ("storage_encrypted", Value::Bool(true)),
                    ("snapshot_identifier", s("snap-1")),
                ],
            ),
            managed(
                "aws_rds_cluster",
                vec![("storage_encrypted", Value::Bool(true))],
            ),
            managed(
                "aws_db_snapshot_copy",
                vec![("source_db_snapshot_identifier", s("snap-1"))],
            ),
            managed(
                "aws_db_snapshot_copy",
                vec![
                    ("source_db_snapshot_identifier", s("snap-1")),
                    ("kms_key_id", s("alias/aws/rds")),
                ],
            ),
        ],
    );
    assert_eq!(
        state(&model, |c, r| c.customer_managed_keys(r).pop()),
        vec![
            Some(Truth::Unknown),
            Some(Truth::No),
            Some(Truth::Unknown),
            Some(Truth::No)
        ]
    );
}

#[test]
fn a_snapshot_of_a_snapshot_is_undecided_not_followed() {
    // One step only: a source whose own encryption depends on a source is not followed, so a
    // chain (or a loop) of copies cannot recurse.
    let reference = |address: &str| {
        Value::Ref(Box::new(crate::graph::Reference {
            address: address.into(),
            attribute: Some("id".into()),
            path: Vec::new(),
        }))
    };
    let model = Model::new(
        Origin::Terraform,
        vec![
            resource(
                "aws_db_cluster_snapshot.a",
                "aws_db_cluster_snapshot",
                Mode::Managed,
                vec![(
                    "db_cluster_identifier",
                    reference("aws_db_cluster_snapshot.b"),
                )],
            ),
            resource(
                "aws_db_cluster_snapshot.b",
                "aws_db_cluster_snapshot",
                Mode::Managed,
                vec![(
                    "db_cluster_identifier",
                    reference("aws_db_cluster_snapshot.a"),
                )],
            ),
        ],
    );
    let at_rest = |c: &Catalog<'_>, r: &Resource| c.encryption_at_rest(r);
    assert_eq!(
        state(&model, at_rest),
        vec![Some(Truth::Unknown), Some(Truth::Unknown)]
    );
}

#[test]
fn an_ebs_volume_without_a_key_takes_the_accounts_default_key() {
    let volume = managed("aws_ebs_volume", vec![("encrypted", Value::Bool(true))]);
    let default_key = |key: &str| {
        resource(
            "aws_ebs_default_kms_key.k",
            "aws_ebs_default_kms_key",
            Mode::Managed,
            vec![("key_arn", s(key))],
        )
    };
    let key_of_volume = |model: &Model| {
        let catalog = Catalog::new(model);
        model
            .resources
            .first()
            .and_then(|r| catalog.customer_managed_keys(r).pop())
            .map(|f| f.state)
    };
    let without = Model::new(Origin::Terraform, vec![volume.clone()]);
    assert_eq!(key_of_volume(&without), Some(Truth::No));
    let customer = Model::new(
        Origin::Terraform,
        vec![
            volume.clone(),
            default_key("arn:aws:kms:eu-west-1:111122223333:key/abcd"),
        ],
    );
    assert_eq!(key_of_volume(&customer), Some(Truth::Yes));
    let aws = Model::new(
        Origin::Terraform,
        vec![volume, default_key("alias/aws/ebs")],
    );
    assert_eq!(key_of_volume(&aws), Some(Truth::No));
}

#[test]
fn performance_insights_has_a_key_of_its_own_only_when_turned_on() {
    let model = Model::new(
        Origin::Terraform,
        vec![
            managed("aws_rds_cluster_instance", vec![]),
            managed(
                "aws_rds_cluster_instance",
                vec![("performance_insights_enabled", Value::Bool(true))],
            ),
        ],
    );
    assert_eq!(
        state(&model, |c, r| c.customer_managed_keys(r).pop()),
        vec![None, Some(Truth::No)]
    );
}

#[test]
fn a_json_document_is_read_from_a_map_or_from_json_text() {
    let map = node(Value::Map(Map::default()));
    assert!(json_document(&map).is_ok());
    let text = node(s(
        r#"{"EncryptionConfiguration": {"EnableAtRestEncryption": true}}"#,
    ));
    let parsed = json_document(&text).map(|d| {
        d.path(&["EncryptionConfiguration", "EnableAtRestEncryption"])
            .map(Node::truth)
    });
    assert_eq!(parsed, Ok(Some(Truth::Yes)));
    assert!(json_document(&node(s("not json"))).is_err());
    assert!(json_document(&node(s("[1, 2]"))).is_err());
    assert!(json_document(&Node::unknown("var.doc", Span::default())).is_err());
}

#[test]
fn resources_with_audit_logging_of_a_family_come_managed_and_in_model_order() {
    let model = Model::new(
        Origin::Terraform,
        vec![
            resource(
                "aws_rds_cluster.c",
                "aws_rds_cluster",
                Mode::Managed,
                vec![],
            ),
            managed("aws_s3_bucket", vec![]),
            resource(
                "data.aws_db_instance.d",
                "aws_db_instance",
                Mode::Data,
                vec![],
            ),
            resource(
                "aws_db_instance.a",
                "aws_db_instance",
                Mode::Managed,
                vec![],
            ),
        ],
    );
    let catalog = Catalog::new(&model);
    let addresses: Vec<&str> = catalog
        .managed_with_audit_logging(LogFamily::Database)
        .map(|r| r.address.as_str())
        .collect();
    assert_eq!(addresses, ["aws_rds_cluster.c", "aws_db_instance.a"]);
}

#[test]
fn the_policies_workloads_run_with_read_no_data_store() {
    use crate::aws::identity::{KNOWN_MANAGED_POLICIES, READABLE_STORES};
    let known = |name: &str| {
        KNOWN_MANAGED_POLICIES
            .iter()
            .find(|k| k.name == name)
            .unwrap_or_else(|| panic!("{name} is known"))
    };
    let reads: Vec<&str> = READABLE_STORES
        .iter()
        .flat_map(|s| s.read_actions.iter().copied())
        .collect();
    for name in [
        "AmazonSSMManagedInstanceCore",
        "CloudWatchAgentServerPolicy",
        "AmazonEC2ContainerRegistryReadOnly",
        "service-role/AWSLambdaBasicExecutionRole",
        "service-role/AWSLambdaVPCAccessExecutionRole",
        "service-role/AmazonECSTaskExecutionRolePolicy",
        "AmazonEKS_CNI_Policy",
        "AWSXRayDaemonWriteAccess",
    ] {
        let policy = known(name);
        for action in &reads {
            assert!(
                !policy.allows(action) && !policy.allows_somewhere(action),
                "{name} {action}"
            );
        }
    }
    // Action names are case-insensitive; a grant on some parameters only is not one on all.
    let agent = known("CloudWatchAgentServerPolicy");
    assert!(agent.allows("Logs:PutLogEvents"));
    assert!(!agent.allows("ssm:GetParameter") && agent.allows_somewhere("ssm:GetParameter"));
    // A node's role takes its pods' roles with this one, so it cannot be known to read nothing.
    assert!(
        !KNOWN_MANAGED_POLICIES
            .iter()
            .any(|k| k.name == "AmazonEKSWorkerNodePolicy")
    );
    assert!(known("ReadOnlyAccess").allows("s3:GetObject"));
    assert!(!known("ReadOnlyAccess").allows("secretsmanager:GetSecretValue"));
    assert!(known("AmazonS3ReadOnlyAccess").allows("s3:GetObject"));
}

#[test]
fn source_arns_known_up_to_their_resource_part_are_decided_by_their_account() {
    use super::identity::source_arn_may_match_any_account as may_match;
    // Known as far as the resource part: the account field decides.
    assert_eq!(may_match("arn:aws:sns:x:*:", false), Truth::Yes);
    assert_eq!(may_match("arn:aws:execute-api:x:x:", false), Truth::No);
    // A bucket's name decides, and so does an account field not reached.
    assert_eq!(may_match("arn:aws:s3:::", false), Truth::Unknown);
    assert_eq!(may_match("arn:aws:sns:x:", false), Truth::Unknown);
    assert_eq!(may_match("arn:aws:sns:x:*:alerts", true), Truth::Yes);
}

#[test]
fn source_arns_of_any_account_are_told_from_those_of_one() {
    use super::identity::source_arn_matches_any_account as any_account;
    assert!(any_account("arn:aws:execute-api:*:*:*"));
    assert!(any_account("arn:aws:sns:eu-west-1:*:alerts"));
    assert!(any_account(
        "arn:aws:events:eu-west-1:1111222233?3:rule/nightly"
    ));
    assert!(any_account("arn:aws:s3:::*"));
    assert!(any_account("arn:aws:s3:::uploads-*"));
    assert!(!any_account("arn:aws:s3:::acme-uploads"));
    // An empty account field matches only ARNs without an account: no rule has one.
    assert!(!any_account("arn:aws:events:eu-west-1::rule/nightly"));
    // Bucket ARNs hold no `/`: these match no bucket, of any account.
    assert!(!any_account("arn:aws:s3:::acme/*"));
    assert!(!any_account("arn:aws:s3:::*/uploads"));
    // A bucket ARN's account field is empty whatever the pattern says there: the name decides.
    assert!(!any_account("arn:aws:s3::*:acme-uploads"));
    assert!(!any_account(
        "arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*/GET/orders"
    ));
    assert!(!any_account("arn:aws:sns:*:111122223333:alerts"));
    assert!(!any_account("not an arn"));
    assert!(!any_account("arn:aws:s3"));
    // The function's policy compares with `ArnLike`: each of the six colon-separated fields
    // on its own, `*` never spanning a colon. A pattern of fewer fields matches no ARN.
    assert!(!any_account("arn:aws:sns:*"));
    assert!(!any_account("arn:aws:s3:*"));
    assert!(!any_account("arn:aws:sns:us-east-1:*"));
    assert!(!any_account("arn:*"));
    assert!(!any_account("*"));
    assert!(!any_account("arn:aws:sns:us-east-1:11112222333?"));
    assert!(!any_account("sns:*"));
}

#[test]
fn tls_enforcement_defaults_follow_engine_and_version() {
    use parameters::tls_enforcement;
    let version = |v: &str| node(s(v));
    let rst = "require_secure_transport";
    let default_of = |engine: &str, v: Option<&str>| {
        let v = v.map(version);
        tls_enforcement(engine, v.as_ref()).map(|(_, truth)| truth)
    };
    assert_eq!(
        tls_enforcement("MySQL", Some(&version("8.0.39"))),
        Some((rst, Truth::No))
    );
    assert_eq!(default_of("mysql", Some("8.4")), Some(Truth::No));
    assert_eq!(default_of("mysql", Some("8.0")), Some(Truth::No));
    // RDS documents 1 from MySQL 9.7 and nothing for the versions between.
    assert_eq!(default_of("mysql", Some("9.7.0")), Some(Truth::Yes));
    assert_eq!(default_of("mysql", Some("9.1.0")), Some(Truth::Unknown));
    assert_eq!(default_of("mysql", Some("9")), Some(Truth::Unknown));
    // The default version RDS picks for MySQL and MariaDB is not pinned by the docs.
    assert_eq!(default_of("mysql", None), Some(Truth::Unknown));
    assert_eq!(default_of("mariadb", None), Some(Truth::Unknown));
    assert_eq!(default_of("mariadb", Some("10.11.8")), Some(Truth::No));
    assert_eq!(default_of("mariadb", Some("11.4")), Some(Truth::No));
    assert_eq!(default_of("mariadb", Some("11.8.1")), Some(Truth::Yes));
    assert_eq!(default_of("mariadb", Some("10")), Some(Truth::No));
    assert_eq!(
        tls_enforcement("sqlserver-ex", None),
        Some(("rds.force_ssl", Truth::No))
    );
    assert_eq!(default_of("postgres", Some("14.12")), Some(Truth::No));
    assert_eq!(default_of("postgres", Some("14")), Some(Truth::No));
    assert_eq!(default_of("postgres", Some("9.6.24")), Some(Truth::No));
    assert_eq!(default_of("postgres", Some("15.7")), Some(Truth::Yes));
    assert_eq!(default_of("postgres", Some("15")), Some(Truth::Yes));
    // An omitted version is the engine's current default major version.
    assert_eq!(default_of("postgres", None), Some(Truth::Yes));
    assert_eq!(default_of("postgres", Some("latest")), Some(Truth::Unknown));
    let unknown = Node::unknown("var.version", Span::default());
    assert_eq!(
        tls_enforcement("postgres", Some(&unknown)),
        Some(("rds.force_ssl", Truth::Unknown))
    );
    for excluded in [
        "oracle-ee",
        "aurora-postgresql",
        "custom-sqlserver-ee",
        "db2-se",
    ] {
        assert_eq!(tls_enforcement(excluded, None), None, "{excluded}");
    }
}

#[test]
fn default_parameter_groups_are_told_case_insensitively() {
    assert!(parameters::is_default_group("default.mysql8.0"));
    assert!(parameters::is_default_group("Default.MySQL8.0"));
    assert!(!parameters::is_default_group("defaults-mysql"));
    assert!(!parameters::is_default_group("déf"));
    assert!(parameters::turns_tls_off("Require_Secure_Transport", "OFF"));
    assert!(!parameters::turns_tls_off("max_connections", "0"));
}

/// A plan's unset unknown: not written by any expression, computed by the provider.
fn unset() -> Value {
    Value::Unknown(std::sync::Arc::new(crate::graph::Unknown {
        reason: "known after apply".into(),
        unset: true,
        shape: None,
        deployed: None,
        hole: None,
        built_from: None,
    }))
}

#[test]
fn an_unset_unknown_is_absent_as_an_argument_and_undecided_as_a_block() {
    let r = managed("aws_x", vec![("options", unset())]);
    // Read as an argument: not written, so the default applies.
    assert!(written(&r, &["options"]).is_none());
    assert!(matches!(setting(&r, &["options"]), Setting::Value(v) if v.is_unset()));
    // Stepped into: it may be a `dynamic` block whose for_each is unknown.
    assert!(matches!(
        setting(&r, &["options", "policy"]),
        Setting::UnknownBlock(_)
    ));
    assert!(written(&r, &["options", "policy"]).is_some_and(Node::is_unknown));
    assert_eq!(given(&r, &["options", "policy"]), Truth::Unknown);
    // Asked whether the block is there: undecided too.
    assert!(written_block(&r, &["options"]).is_err());
    let inside = managed(
        "aws_x",
        vec![(
            "options",
            Value::List(vec![node(Value::Map({
                let mut m = Map::default();
                m.insert("policy", Span::default(), node(unset()));
                m
            }))]),
        )],
    );
    // An argument a written block leaves out is still the provider's default.
    assert!(written(&inside, &["options", "policy"]).is_none());
    assert_eq!(given(&inside, &["options", "policy"]), Truth::No);
}
