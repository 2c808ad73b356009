//! CIS Amazon Web Services Foundations Benchmark v4.0.1: the recommendations zt-lint checks in
//! code, and the others with why code cannot decide them. Against v3.0.0, sections 1 and 3 keep
//! their numbers; RDS moves to 2.2 and EFS to 2.3, EBS moves to networking as 5.1.1, a CIFS
//! recommendation (5.1.2) is new, and the networking recommendations after it shift by one
//! (IMDSv2 is 5.7).

use super::Control;

pub const CONTROLS: &[Control] = &[
    Control::new(
        "1.8",
        "Ensure IAM password policy requires minimum length of 14 or greater",
    ),
    Control::new("1.9", "Ensure IAM password policy prevents password reuse"),
    Control::new(
        "1.11",
        "Do not create access keys during initial setup for IAM users with a console password",
    ),
    Control::new(
        "1.15",
        "Ensure IAM users receive permissions only through groups",
    ),
    Control::new(
        "1.16",
        "Ensure IAM policies that allow full *:* administrative privileges are not attached",
    ),
    Control::new(
        "1.22",
        "Ensure access to AWSCloudShellFullAccess is restricted",
    ),
    Control::new(
        "2.1.1",
        "Ensure S3 Bucket Policy is set to deny HTTP requests",
    ),
    Control::new(
        "2.1.4",
        "Ensure that S3 is configured with 'Block Public Access' enabled",
    ),
    Control::new(
        "2.2.1",
        "Ensure that encryption-at-rest is enabled for RDS instances",
    ),
    Control::new(
        "2.2.3",
        "Ensure that RDS instances are not publicly accessible",
    ),
    Control::new(
        "2.3.1",
        "Ensure that encryption is enabled for EFS file systems",
    ),
    Control::new("3.1", "Ensure CloudTrail is enabled in all regions"),
    Control::new("3.2", "Ensure CloudTrail log file validation is enabled"),
    Control::new("3.3", "Ensure AWS Config is enabled in all regions"),
    Control::new(
        "3.4",
        "Ensure that server access logging is enabled on the CloudTrail S3 bucket",
    ),
    Control::new(
        "3.5",
        "Ensure CloudTrail logs are encrypted at rest using KMS CMKs",
    ),
    Control::new(
        "3.6",
        "Ensure rotation for customer-created symmetric CMKs is enabled",
    ),
    Control::new("3.7", "Ensure VPC flow logging is enabled in all VPCs"),
    Control::new(
        "3.8",
        "Ensure that object-level logging for write events is enabled for S3 buckets",
    ),
    Control::new(
        "3.9",
        "Ensure that object-level logging for read events is enabled for S3 buckets",
    ),
    Control::new("4.16", "Ensure AWS Security Hub is enabled"),
    Control::new(
        "5.1.1",
        "Ensure EBS volume encryption is enabled in all regions",
    ),
    Control::new(
        "5.1.2",
        "Ensure CIFS access is restricted to trusted networks to prevent unauthorized access",
    ),
    Control::new(
        "5.2",
        "Ensure no Network ACLs allow ingress from 0.0.0.0/0 to remote server administration ports",
    ),
    Control::new(
        "5.3",
        "Ensure no security groups allow ingress from 0.0.0.0/0 to remote server administration ports",
    ),
    Control::new(
        "5.4",
        "Ensure no security groups allow ingress from ::/0 to remote server administration ports",
    ),
    Control::new(
        "5.5",
        "Ensure the default security group of every VPC restricts all traffic",
    ),
    Control::new(
        "5.7",
        "Ensure that the EC2 Metadata Service only allows IMDSv2",
    ),
];

pub const MAPPING: &[(&str, &[&str])] = &[
    ("ZT-DAT-001", &["2.2.1", "2.3.1", "5.1.1"]),
    ("ZT-DAT-003", &["2.1.4"]),
    ("ZT-DAT-004", &["2.1.4"]),
    ("ZT-DAT-007", &["2.1.1"]),
    ("ZT-DAT-009", &["3.6"]),
    ("ZT-IAM-001", &["1.16"]),
    ("ZT-IAM-007", &["1.11"]),
    ("ZT-IAM-008", &["1.15"]),
    ("ZT-IAM-009", &["1.16", "1.22"]),
    ("ZT-IAM-010", &["1.8", "1.9"]),
    ("ZT-MON-001", &["3.1"]),
    ("ZT-MON-002", &["3.2"]),
    ("ZT-MON-003", &["3.5"]),
    ("ZT-MON-006", &["3.3"]),
    // Every bucket without access logging, the trail's bucket among them.
    ("ZT-MON-007", &["3.4"]),
    ("ZT-MON-009", &["3.7"]),
    ("ZT-MON-010", &["3.1", "3.3", "4.16"]),
    ("ZT-MON-011", &["3.8", "3.9"]),
    ("ZT-MON-014", &["3.1"]),
    // Its sensitive ports include SMB/CIFS 445 open to the whole internet (5.1.2).
    ("ZT-NET-001", &["5.1.2", "5.3", "5.4"]),
    ("ZT-NET-003", &["2.2.3"]),
    ("ZT-NET-006", &["5.5"]),
    ("ZT-NET-009", &["5.2"]),
    ("ZT-NET-016", &["5.2"]),
    ("ZT-WKL-001", &["5.7"]),
];

/// Recommendations about the account's live state, its people or its history: no template or
/// configuration says whether they hold.
pub const NOT_DECIDABLE: &[(&str, &str, &str)] = &[
    (
        "1.1",
        "Maintain current contact details",
        "account contact details are kept outside infrastructure code",
    ),
    (
        "1.2",
        "Ensure security contact information is registered",
        "alternate contacts are rarely managed as code; zt-lint does not read them",
    ),
    (
        "1.3",
        "Ensure security questions are registered in the AWS account",
        "a console setting of the root user",
    ),
    (
        "1.4",
        "Ensure no 'root' user account access key exists",
        "root credentials cannot be created by Terraform or CloudFormation",
    ),
    (
        "1.5",
        "Ensure MFA is enabled for the 'root' user account",
        "a root user setting, not a resource",
    ),
    (
        "1.6",
        "Ensure hardware MFA is enabled for the 'root' user account",
        "a root user setting, not a resource",
    ),
    (
        "1.7",
        "Eliminate use of the 'root' user for administrative and daily tasks",
        "a matter of use, seen only in CloudTrail history",
    ),
    (
        "1.10",
        "Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password",
        "MFA devices are enrolled by the user after deploy, not declared with the user (ZT-IAM-020 checks what a configuration can say: that a policy denies console users everything until they sign in with MFA)",
    ),
    (
        "1.12",
        "Ensure credentials unused for 45 days or more are disabled",
        "needs last-used dates from the live account",
    ),
    (
        "1.13",
        "Ensure there is only one active access key for any single IAM user",
        "keys created outside the code are not visible",
    ),
    (
        "1.14",
        "Ensure access keys are rotated every 90 days or less",
        "needs key ages from the live account",
    ),
    (
        "1.17",
        "Ensure a support role has been created to manage incidents with AWS Support",
        "an account-wide property: one configuration rarely holds the whole account",
    ),
    (
        "1.18",
        "Ensure IAM instance roles are used for AWS resource access from instances",
        "whether software on an instance uses other credentials is not in the code (ZT-WKL-007 catches keys in user data)",
    ),
    (
        "1.19",
        "Ensure that all expired SSL/TLS certificates stored in AWS IAM are removed",
        "expiry is a property of the live certificate",
    ),
    (
        "1.20",
        "Ensure that IAM Access Analyzer is enabled for all regions",
        "an account-wide property across regions",
    ),
    (
        "1.21",
        "Ensure IAM users are managed centrally via identity federation or AWS Organizations for multi-account environments",
        "an organisational practice",
    ),
    (
        "2.1.2",
        "Ensure MFA Delete is enabled on S3 buckets",
        "MFA delete can only be enabled by the root user with its MFA device, outside Terraform and CloudFormation",
    ),
    (
        "2.1.3",
        "Ensure all data in Amazon S3 has been discovered, classified, and secured when necessary",
        "a data classification process (Macie findings), not a configuration",
    ),
    (
        "2.2.2",
        "Ensure the Auto Minor Version Upgrade feature is enabled for RDS instances",
        "not a zero-trust control; not checked",
    ),
    (
        "2.2.4",
        "Ensure Multi-AZ deployments are used for enhanced availability in Amazon RDS",
        "availability, not a zero-trust control; not checked",
    ),
    (
        "5.6",
        "Ensure routing tables for VPC peering are least access",
        "least access depends on which hosts must talk, which code does not say",
    ),
];
