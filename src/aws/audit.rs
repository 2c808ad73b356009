//! Account-wide audit services: CloudTrail trails, GuardDuty detectors, AWS Config recorders,
//! and the services an account baseline declares. Where each of their settings is written in
//! each format, and what AWS or the provider does when it is absent.

use super::{Given, Toggle};

/// Trails record only their home region unless told otherwise, in both formats.
pub const TRAIL_MULTI_REGION: &[Toggle] = &[
    Toggle {
        kind: "aws_cloudtrail",
        path: &["is_multi_region_trail"],
        default: false,
    },
    Toggle {
        kind: "AWS::CloudTrail::Trail",
        path: &["IsMultiRegionTrail"],
        default: false,
    },
];

/// Log file integrity validation (digest files) is off by default in both formats.
pub const TRAIL_LOG_VALIDATION: &[Toggle] = &[
    Toggle {
        kind: "aws_cloudtrail",
        path: &["enable_log_file_validation"],
        default: false,
    },
    Toggle {
        kind: "AWS::CloudTrail::Trail",
        path: &["EnableLogFileValidation"],
        default: false,
    },
];

/// The KMS key a trail encrypts its log files with; without one they get SSE-S3 only.
pub const TRAIL_KMS_KEY: &[Given] = &[
    Given {
        kind: "aws_cloudtrail",
        path: &["kms_key_id"],
    },
    Given {
        kind: "AWS::CloudTrail::Trail",
        path: &["KMSKeyId"],
    },
];

/// The CloudWatch Logs group a trail delivers to.
pub const TRAIL_CLOUDWATCH_LOGS: &[Given] = &[
    Given {
        kind: "aws_cloudtrail",
        path: &["cloud_watch_logs_group_arn"],
    },
    Given {
        kind: "AWS::CloudTrail::Trail",
        path: &["CloudWatchLogsLogGroupArn"],
    },
];

/// The event selectors of a trail, basic and advanced, in each format.
pub struct EventSelectors {
    pub kind: &'static str,
    pub lists: &'static [&'static str],
}

pub const TRAIL_EVENT_SELECTORS: &[EventSelectors] = &[
    EventSelectors {
        kind: "aws_cloudtrail",
        lists: &["event_selector", "advanced_event_selector"],
    },
    EventSelectors {
        kind: "AWS::CloudTrail::Trail",
        lists: &["EventSelectors", "AdvancedEventSelectors"],
    },
];

/// The data resource type CloudTrail uses for S3 object-level events (the same in every format:
/// it is CloudTrail's own vocabulary).
pub const S3_OBJECT_DATA_RESOURCE: &str = "AWS::S3::Object";

/// A GuardDuty detector runs unless turned off (`enable` defaults to true; `Enable` is required
/// in CloudFormation, so a template without it does not deploy).
pub const DETECTOR_ENABLED: &[Toggle] = &[
    Toggle {
        kind: "aws_guardduty_detector",
        path: &["enable"],
        default: true,
    },
    Toggle {
        kind: "AWS::GuardDuty::Detector",
        path: &["Enable"],
        default: true,
    },
];

/// Where an AWS Config recorder says which resource types it records.
pub struct RecordingGroup {
    pub kind: &'static str,
    pub group: &'static str,
    pub all_supported: &'static str,
    /// Its value when the group is given without it: true in the provider, false in
    /// CloudFormation.
    pub all_supported_default: bool,
    pub strategy: &'static str,
    pub use_only: &'static str,
}

pub const CONFIG_RECORDERS: &[RecordingGroup] = &[
    RecordingGroup {
        kind: "aws_config_configuration_recorder",
        group: "recording_group",
        all_supported: "all_supported",
        all_supported_default: true,
        strategy: "recording_strategy",
        use_only: "use_only",
    },
    RecordingGroup {
        kind: "AWS::Config::ConfigurationRecorder",
        group: "RecordingGroup",
        all_supported: "AllSupported",
        all_supported_default: false,
        strategy: "RecordingStrategy",
        use_only: "UseOnly",
    },
];

/// The strategy value that records every supported resource type.
pub const RECORD_ALL_SUPPORTED: &str = "ALL_SUPPORTED_RESOURCE_TYPES";

/// Where an AWS Config aggregator says which regions its sources cover: each source block
/// (a list of them in CloudFormation's account sources) covers every region, including ones
/// AWS adds later, only when its all-regions flag is true; otherwise it lists regions, and
/// the flag is false when absent (provider and CloudFormation alike).
pub struct AggregatorSources {
    pub kind: &'static str,
    pub sources: &'static [AggregationSource],
}

pub struct AggregationSource {
    pub block: &'static str,
    pub all_regions: &'static str,
}

pub const CONFIG_AGGREGATORS: &[AggregatorSources] = &[
    AggregatorSources {
        kind: "aws_config_configuration_aggregator",
        sources: &[
            AggregationSource {
                block: "account_aggregation_source",
                all_regions: "all_regions",
            },
            AggregationSource {
                block: "organization_aggregation_source",
                all_regions: "all_regions",
            },
        ],
    },
    AggregatorSources {
        kind: "AWS::Config::ConfigurationAggregator",
        sources: &[
            AggregationSource {
                block: "AccountAggregationSources",
                all_regions: "AllAwsRegions",
            },
            AggregationSource {
                block: "OrganizationAggregationSource",
                all_regions: "AllAwsRegions",
            },
        ],
    },
];

/// The account-level detective services a baseline configuration declares, each with the
/// resource types that declare it in either format.
pub const ACCOUNT_BASELINE: &[(&str, &[&str])] = &[
    (
        "CloudTrail trail",
        &["aws_cloudtrail", "AWS::CloudTrail::Trail"],
    ),
    (
        "GuardDuty detector",
        &["aws_guardduty_detector", "AWS::GuardDuty::Detector"],
    ),
    (
        "AWS Config recorder",
        &[
            "aws_config_configuration_recorder",
            "AWS::Config::ConfigurationRecorder",
        ],
    ),
    (
        "Security Hub",
        &["aws_securityhub_account", "AWS::SecurityHub::Hub"],
    ),
    ("Macie", &["aws_macie2_account", "AWS::Macie::Session"]),
];

/// Every trail type, in either format.
pub const TRAILS: &[&str] = &["aws_cloudtrail", "AWS::CloudTrail::Trail"];
