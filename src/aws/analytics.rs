//! Analytics: the Glue Data Catalog, EMR security configurations, the security configurations
//! Glue and EMR workloads name, and the logs of managed Airflow (MWAA) environments.

use super::{Absent, AtRest, AuditLog, Given, LogFamily, LogFlag, LogSwitch, Switch};

/// Catalog encryption modes that encrypt metadata at rest (`DISABLED` does not).
const CATALOG_ENCRYPTED: &[&str] = &["SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"];

pub(super) const AT_REST: &[AtRest] = &[
    AtRest {
        kind: "aws_glue_data_catalog_encryption_settings",
        switch: Switch::Mode(
            &[
                "data_catalog_encryption_settings",
                "encryption_at_rest",
                "catalog_encryption_mode",
            ],
            CATALOG_ENCRYPTED,
        ),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: " (catalog encryption mode is DISABLED)",
    },
    AtRest {
        kind: "AWS::Glue::DataCatalogEncryptionSettings",
        switch: Switch::Mode(
            &[
                "DataCatalogEncryptionSettings",
                "EncryptionAtRest",
                "CatalogEncryptionMode",
            ],
            CATALOG_ENCRYPTED,
        ),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: " (catalog encryption mode is DISABLED)",
    },
    // A Glue security configuration encrypts what the jobs, crawlers and endpoints naming it
    // write to S3, their CloudWatch logs and their job bookmarks, each only when its mode is
    // not DISABLED (the provider requires all three blocks; CloudFormation leaves an omitted
    // one unencrypted).
    AtRest {
        kind: "aws_glue_security_configuration",
        switch: Switch::Modes(&[
            (
                &[
                    "encryption_configuration",
                    "s3_encryption",
                    "s3_encryption_mode",
                ],
                " (S3 data is not encrypted)",
            ),
            (
                &[
                    "encryption_configuration",
                    "cloudwatch_encryption",
                    "cloudwatch_encryption_mode",
                ],
                " (CloudWatch logs are not encrypted)",
            ),
            (
                &[
                    "encryption_configuration",
                    "job_bookmarks_encryption",
                    "job_bookmarks_encryption_mode",
                ],
                " (job bookmarks are not encrypted)",
            ),
        ]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "AWS::Glue::SecurityConfiguration",
        switch: Switch::Modes(&[
            (
                &[
                    "EncryptionConfiguration",
                    "S3Encryptions",
                    "S3EncryptionMode",
                ],
                " (S3 data is not encrypted)",
            ),
            (
                &[
                    "EncryptionConfiguration",
                    "CloudWatchEncryption",
                    "CloudWatchEncryptionMode",
                ],
                " (CloudWatch logs are not encrypted)",
            ),
            (
                &[
                    "EncryptionConfiguration",
                    "JobBookmarksEncryption",
                    "JobBookmarksEncryptionMode",
                ],
                " (job bookmarks are not encrypted)",
            ),
        ]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    // EMR encrypts a cluster's local disks only when its security configuration turns on
    // at-rest encryption with a local disk configuration; EBS volumes need
    // `EnableEbsEncryption` as well (EMR Management Guide, "Encryption options").
    AtRest {
        kind: "aws_emr_security_configuration",
        switch: Switch::LocalDisks {
            document: "configuration",
        },
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "AWS::EMR::SecurityConfiguration",
        switch: Switch::LocalDisks {
            document: "SecurityConfiguration",
        },
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
];

/// OpenSearch (and legacy Elasticsearch) domains record who did what only in their audit log,
/// published when asked: in Terraform a `log_publishing_options` block of type `AUDIT_LOGS`
/// (its `enabled` defaults to true), in CloudFormation the `AUDIT_LOGS` entry of
/// `LogPublishingOptions` (its `Enabled` defaults to false).
pub(super) const LOGS: &[AuditLog] = &[
    service_log(
        "aws_opensearch_domain",
        LogSwitch::NeedsDestination(&TERRAFORM_AUDIT_LOGS),
    ),
    service_log(
        "aws_elasticsearch_domain",
        LogSwitch::NeedsDestination(&TERRAFORM_AUDIT_LOGS),
    ),
    service_log(
        "AWS::OpenSearchService::Domain",
        LogSwitch::AllOf(CFN_AUDIT_LOGS),
    ),
    service_log(
        "AWS::Elasticsearch::Domain",
        LogSwitch::AllOf(CFN_AUDIT_LOGS),
    ),
    // MWAA: the scheduler, worker and web server logs record which DAGs ran, with what, and who
    // signed in to the Airflow UI. The provider documents each module as disabled by default;
    // the MWAA API and CloudFormation do not say what an omitted module does.
    service_log(
        "aws_mwaa_environment",
        LogSwitch::AllOf(&[
            airflow_module(&["logging_configuration", "scheduler_logs", "enabled"]),
            airflow_module(&["logging_configuration", "worker_logs", "enabled"]),
            airflow_module(&["logging_configuration", "webserver_logs", "enabled"]),
        ]),
    ),
    service_log(
        "AWS::MWAA::Environment",
        LogSwitch::AllOfWritten(&[
            airflow_module(&["LoggingConfiguration", "SchedulerLogs", "Enabled"]),
            airflow_module(&["LoggingConfiguration", "WorkerLogs", "Enabled"]),
            airflow_module(&["LoggingConfiguration", "WebserverLogs", "Enabled"]),
        ]),
    ),
];

const fn airflow_module(path: super::Path) -> LogFlag {
    LogFlag {
        path,
        absent: false,
        off: &[],
        unless: None,
    }
}

// Each publishing block needs its log group, so a missing one is not added by a fix.
const TERRAFORM_AUDIT_LOGS: LogSwitch = LogSwitch::Exports {
    path: &["log_publishing_options"],
    required: &["AUDIT_LOGS"],
    item_key: Some("log_type"),
};

const CFN_AUDIT_LOGS: &[LogFlag] = &[LogFlag {
    path: &["LogPublishingOptions", "AUDIT_LOGS", "Enabled"],
    absent: false,
    off: &[],
    unless: None,
}];

const fn service_log(kind: &'static str, switch: LogSwitch) -> AuditLog {
    AuditLog {
        kind,
        family: LogFamily::Service,
        switch,
        configured_by: None,
        decided_elsewhere: None,
    }
}

/// Where a Glue job, crawler or development endpoint, or an EMR cluster, names its security
/// configuration (the encryption and authentication settings of what it writes and sends).
/// Without one, none of them apply.
pub const SECURITY_CONFIGURATIONS: &[Given] = &[
    Given {
        kind: "aws_glue_job",
        path: &["security_configuration"],
    },
    Given {
        kind: "aws_glue_crawler",
        path: &["security_configuration"],
    },
    Given {
        kind: "aws_glue_dev_endpoint",
        path: &["security_configuration"],
    },
    Given {
        kind: "aws_emr_cluster",
        path: &["security_configuration"],
    },
    Given {
        kind: "AWS::Glue::Job",
        path: &["SecurityConfiguration"],
    },
    Given {
        kind: "AWS::Glue::Crawler",
        path: &["CrawlerSecurityConfiguration"],
    },
    Given {
        kind: "AWS::Glue::DevEndpoint",
        path: &["SecurityConfiguration"],
    },
    Given {
        kind: "AWS::EMR::Cluster",
        path: &["SecurityConfiguration"],
    },
];
