//! CIS AWS Foundations Benchmark section 4 (Monitoring), the same in v3.0.0, v4.0.1 and v5.0.0:
//! CloudWatch Logs metric filters and alarms on the CloudTrail log group, one per kind of
//! event. Security Hub (4.16) is checked by ZT-MON-010 and mapped in each version's table.

/// Why code cannot decide the metric-filter recommendations.
const ELSEWHERE: &str = "the metric filter and its alarm may live in another stack or account (an organisation trail's log group), so their absence from one configuration proves nothing; filters that are present are not matched against the CIS pattern";

/// `(id, title, why)` of the recommendations no configuration can decide.
pub const METRIC_FILTER_ALARMS: &[(&str, &str, &str)] = &[
    (
        "4.1",
        "Ensure unauthorized API calls are monitored",
        ELSEWHERE,
    ),
    (
        "4.2",
        "Ensure management console sign-in without MFA is monitored",
        ELSEWHERE,
    ),
    (
        "4.3",
        "Ensure usage of 'root' account is monitored",
        ELSEWHERE,
    ),
    ("4.4", "Ensure IAM policy changes are monitored", ELSEWHERE),
    (
        "4.5",
        "Ensure CloudTrail configuration changes are monitored",
        ELSEWHERE,
    ),
    (
        "4.6",
        "Ensure AWS Management Console authentication failures are monitored",
        ELSEWHERE,
    ),
    (
        "4.7",
        "Ensure disabling or scheduled deletion of customer created CMKs is monitored",
        ELSEWHERE,
    ),
    (
        "4.8",
        "Ensure S3 bucket policy changes are monitored",
        ELSEWHERE,
    ),
    (
        "4.9",
        "Ensure AWS Config configuration changes are monitored",
        ELSEWHERE,
    ),
    (
        "4.10",
        "Ensure security group changes are monitored",
        ELSEWHERE,
    ),
    (
        "4.11",
        "Ensure Network Access Control Lists (NACL) changes are monitored",
        ELSEWHERE,
    ),
    (
        "4.12",
        "Ensure changes to network gateways are monitored",
        ELSEWHERE,
    ),
    (
        "4.13",
        "Ensure route table changes are monitored",
        ELSEWHERE,
    ),
    ("4.14", "Ensure VPC changes are monitored", ELSEWHERE),
    (
        "4.15",
        "Ensure AWS Organizations changes are monitored",
        ELSEWHERE,
    ),
];
