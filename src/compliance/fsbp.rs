//! AWS Security Hub controls (the AWS Foundational Security Best Practices standard and the
//! other standards Security Hub checks with the same control ids): which rules check what each
//! control checks on deployed resources, before deployment.

use super::Control;

pub const CONTROLS: &[Control] = &[
    Control::new(
        "APIGateway.1",
        "API Gateway REST and WebSocket API execution logging should be enabled",
    ),
    Control::new(
        "APIGateway.4",
        "API Gateway should be associated with a WAF Web ACL",
    ),
    Control::new(
        "APIGateway.8",
        "API Gateway routes should specify an authorization type",
    ),
    Control::new(
        "APIGateway.9",
        "Access logging should be configured for API Gateway V2 Stages",
    ),
    Control::new(
        "AppSync.2",
        "AWS AppSync should have field-level logging enabled",
    ),
    Control::new(
        "AppSync.5",
        "AWS AppSync GraphQL APIs should not be authenticated with API keys",
    ),
    Control::new(
        "AutoScaling.3",
        "Auto Scaling group launch configurations should configure EC2 instances to require Instance Metadata Service Version 2 (IMDSv2)",
    ),
    Control::new(
        "AutoScaling.5",
        "Amazon EC2 instances launched using Auto Scaling group launch configurations should not have Public IP addresses",
    ),
    Control::new(
        "CloudFront.3",
        "CloudFront distributions should require encryption in transit",
    ),
    Control::new(
        "CloudFront.5",
        "CloudFront distributions should have logging enabled",
    ),
    Control::new(
        "CloudFront.6",
        "CloudFront distributions should have WAF enabled",
    ),
    Control::new(
        "CloudFront.9",
        "CloudFront distributions should encrypt traffic to custom origins",
    ),
    Control::new(
        "CloudFront.15",
        "CloudFront distributions should use the recommended TLS security policy",
    ),
    Control::new(
        "CloudTrail.1",
        "CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events",
    ),
    Control::new(
        "CloudTrail.2",
        "CloudTrail should have encryption at-rest enabled",
    ),
    Control::new(
        "CloudTrail.4",
        "CloudTrail log file validation should be enabled",
    ),
    Control::new(
        "CloudTrail.5",
        "CloudTrail trails should be integrated with Amazon CloudWatch Logs",
    ),
    Control::new(
        "CodeBuild.4",
        "CodeBuild project environments should have a logging AWS Configuration",
    ),
    Control::new(
        "CodeBuild.5",
        "CodeBuild project environments should not have privileged mode enabled",
    ),
    Control::new(
        "Config.1",
        "AWS Config should be enabled and use the service-linked role for resource recording",
    ),
    Control::new(
        "DMS.1",
        "Database Migration Service replication instances should not be public",
    ),
    Control::new("DMS.9", "DMS endpoints should use SSL"),
    Control::new(
        "DocumentDB.4",
        "Amazon DocumentDB clusters should publish audit logs to CloudWatch Logs",
    ),
    Control::new(
        "DynamoDB.3",
        "DynamoDB Accelerator (DAX) clusters should be encrypted at rest",
    ),
    Control::new(
        "EC2.1",
        "Amazon EBS snapshots should not be publicly restorable",
    ),
    Control::new(
        "EC2.2",
        "VPC default security groups should not allow inbound or outbound traffic",
    ),
    Control::new(
        "EC2.3",
        "Attached Amazon EBS volumes should be encrypted at-rest",
    ),
    Control::new("EC2.6", "VPC flow logging should be enabled in all VPCs"),
    Control::new("EC2.7", "EBS default encryption should be enabled"),
    Control::new(
        "EC2.8",
        "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)",
    ),
    Control::new(
        "EC2.9",
        "Amazon EC2 instances should not have a public IPv4 address",
    ),
    Control::new(
        "EC2.13",
        "Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 22",
    ),
    Control::new(
        "EC2.14",
        "Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 3389",
    ),
    Control::new(
        "EC2.15",
        "Amazon EC2 subnets should not automatically assign public IP addresses",
    ),
    Control::new(
        "EC2.18",
        "Security groups should only allow unrestricted incoming traffic for authorized ports",
    ),
    Control::new(
        "EC2.19",
        "Security groups should not allow unrestricted access to ports with high risk",
    ),
    Control::new(
        "EC2.21",
        "Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389",
    ),
    Control::new(
        "EC2.51",
        "EC2 Client VPN endpoints should have client connection logging enabled",
    ),
    Control::new("EC2.171", "EC2 VPN connections should have logging enabled"),
    Control::new(
        "ECR.1",
        "ECR private repositories should have image scanning configured",
    ),
    Control::new(
        "ECR.2",
        "ECR private repositories should have tag immutability configured",
    ),
    Control::new(
        "ECS.1",
        "Amazon ECS task definitions should have secure networking modes and user definitions",
    ),
    Control::new(
        "ECS.2",
        "ECS services should not have public IP addresses assigned to them automatically",
    ),
    Control::new(
        "ECS.3",
        "ECS task definitions should not share the host's process namespace",
    ),
    Control::new("ECS.4", "ECS containers should run as non-privileged"),
    Control::new(
        "ECS.5",
        "ECS containers should be limited to read-only access to root filesystems",
    ),
    Control::new(
        "ECS.16",
        "ECS task sets should not automatically assign public IP addresses",
    ),
    Control::new(
        "EFS.1",
        "Elastic File System should be configured to encrypt file data at-rest using AWS KMS",
    ),
    Control::new("EFS.3", "EFS access points should enforce a root directory"),
    Control::new("EFS.4", "EFS access points should enforce a user identity"),
    Control::new(
        "EKS.1",
        "EKS cluster endpoints should not be publicly accessible",
    ),
    Control::new("EKS.8", "EKS clusters should have audit logging enabled"),
    Control::new(
        "ElastiCache.5",
        "ElastiCache replication groups should be encrypted in transit",
    ),
    Control::new(
        "ELB.1",
        "Application Load Balancer should be configured to redirect all HTTP requests to HTTPS",
    ),
    Control::new(
        "ELB.3",
        "Classic Load Balancer listeners should be configured with HTTPS or TLS termination",
    ),
    Control::new(
        "ELB.5",
        "Application and Classic Load Balancers logging should be enabled",
    ),
    Control::new(
        "ELB.17",
        "Application and Network Load Balancers with listeners should use recommended security policies",
    ),
    Control::new(
        "EMR.2",
        "Amazon EMR block public access setting should be enabled",
    ),
    Control::new("GuardDuty.1", "GuardDuty should be enabled"),
    Control::new(
        "IAM.1",
        "IAM policies should not allow full \"*\" administrative privileges",
    ),
    Control::new("IAM.2", "IAM users should not have IAM policies attached"),
    Control::new(
        "IAM.3",
        "IAM users' access keys should be rotated every 90 days or less",
    ),
    Control::new(
        "IAM.7",
        "Password policies for IAM users should have strong configurations",
    ),
    Control::new(
        "IAM.15",
        "Ensure IAM password policy requires minimum password length of 14 or greater",
    ),
    Control::new(
        "IAM.16",
        "Ensure IAM password policy prevents password reuse",
    ),
    Control::new(
        "IAM.27",
        "IAM identities should not have the AWSCloudShellFullAccess policy attached",
    ),
    Control::new(
        "IAM.21",
        "IAM customer managed policies that you create should not allow wildcard actions for services",
    ),
    Control::new("Kinesis.1", "Kinesis streams should be encrypted at rest"),
    Control::new(
        "KMS.1",
        "IAM customer managed policies should not allow decryption actions on all KMS keys",
    ),
    Control::new(
        "KMS.2",
        "IAM principals should not have IAM inline policies that allow decryption actions on all KMS keys",
    ),
    Control::new("KMS.4", "AWS KMS key rotation should be enabled"),
    Control::new(
        "Lambda.1",
        "Lambda function policies should prohibit public access",
    ),
    Control::new("Macie.1", "Amazon Macie should be enabled"),
    Control::new(
        "MQ.2",
        "ActiveMQ brokers should stream audit logs to CloudWatch",
    ),
    Control::new(
        "MSK.1",
        "MSK clusters should be encrypted in transit among broker nodes",
    ),
    Control::new(
        "Neptune.2",
        "Neptune DB clusters should publish audit logs to CloudWatch Logs",
    ),
    Control::new(
        "Neptune.7",
        "Neptune DB clusters should have IAM database authentication enabled",
    ),
    Control::new(
        "NetworkFirewall.4",
        "The default stateless action for Network Firewall policies should be drop or forward for full packets",
    ),
    Control::new(
        "NetworkFirewall.5",
        "The default stateless action for Network Firewall policies should be drop or forward for fragmented packets",
    ),
    Control::new(
        "Opensearch.3",
        "OpenSearch domains should encrypt data sent between nodes",
    ),
    Control::new(
        "Opensearch.5",
        "OpenSearch domains should have audit logging enabled",
    ),
    Control::new(
        "Opensearch.7",
        "OpenSearch domains should have fine-grained access control enabled",
    ),
    Control::new(
        "Opensearch.8",
        "Connections to OpenSearch domains should be encrypted using the latest TLS security policy",
    ),
    Control::new("RDS.1", "RDS snapshot should be private"),
    Control::new(
        "RDS.2",
        "RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration",
    ),
    Control::new(
        "RDS.3",
        "RDS DB instances should have encryption at-rest enabled",
    ),
    Control::new(
        "RDS.9",
        "RDS DB instances should publish logs to CloudWatch Logs",
    ),
    Control::new(
        "RDS.10",
        "IAM authentication should be configured for RDS instances",
    ),
    Control::new(
        "RDS.12",
        "IAM authentication should be configured for RDS clusters",
    ),
    Control::new(
        "RDS.34",
        "Aurora MySQL DB clusters should publish audit logs to CloudWatch Logs",
    ),
    Control::new(
        "Redshift.1",
        "Amazon Redshift clusters should prohibit public access",
    ),
    Control::new(
        "Redshift.2",
        "Connections to Amazon Redshift clusters should be encrypted in transit",
    ),
    Control::new(
        "Redshift.4",
        "Amazon Redshift clusters should have audit logging enabled",
    ),
    Control::new(
        "Redshift.7",
        "Redshift clusters should use enhanced VPC routing",
    ),
    Control::new(
        "Redshift.10",
        "Redshift clusters should be encrypted at rest",
    ),
    Control::new(
        "Route53.2",
        "Route 53 public hosted zones should log DNS queries",
    ),
    Control::new(
        "S3.1",
        "S3 general purpose buckets should have block public access settings enabled",
    ),
    Control::new(
        "S3.2",
        "S3 general purpose buckets should block public read access",
    ),
    Control::new(
        "S3.3",
        "S3 general purpose buckets should block public write access",
    ),
    Control::new(
        "S3.5",
        "S3 general purpose buckets should require requests to use SSL",
    ),
    Control::new(
        "S3.6",
        "S3 general purpose bucket policies should restrict access to other AWS accounts",
    ),
    Control::new(
        "S3.8",
        "S3 general purpose buckets should block public access",
    ),
    Control::new(
        "S3.9",
        "S3 general purpose buckets should have server access logging enabled",
    ),
    Control::new(
        "S3.12",
        "ACLs should not be used to manage user access to S3 general purpose buckets",
    ),
    Control::new(
        "S3.17",
        "S3 general purpose buckets should be encrypted at rest with AWS KMS keys",
    ),
    Control::new(
        "S3.19",
        "S3 access points should have block public access settings enabled",
    ),
    Control::new(
        "SageMaker.1",
        "Amazon SageMaker notebook instances should not have direct internet access",
    ),
    Control::new(
        "SageMaker.3",
        "Users should not have root access to SageMaker notebook instances",
    ),
    Control::new(
        "SecretsManager.1",
        "Secrets Manager secrets should have automatic rotation enabled",
    ),
    Control::new(
        "SecretsManager.4",
        "Secrets Manager secrets should be rotated within a specified number of days",
    ),
    Control::new("SecurityHub.1", "Security Hub should be enabled"),
    Control::new(
        "SNS.1",
        "SNS topics should be encrypted at-rest using AWS KMS",
    ),
    Control::new(
        "SNS.4",
        "SNS topic access policies should not allow public access",
    ),
    Control::new("SQS.1", "Amazon SQS queues should be encrypted at rest"),
    Control::new(
        "SQS.3",
        "SQS queue access policies should not allow public access",
    ),
    Control::new("SSM.4", "SSM documents should not be public"),
    Control::new(
        "Transfer.2",
        "Transfer Family servers should not use FTP protocol for endpoint connection",
    ),
    Control::new("WAF.11", "AWS WAF web ACL logging should be enabled"),
];

/// Rules by the controls they check. A rule without a row has no Security Hub counterpart.
pub const MAPPING: &[(&str, &[&str])] = &[
    (
        "ZT-DAT-001",
        &[
            "EC2.3",
            "EC2.7",
            "RDS.3",
            "EFS.1",
            "DynamoDB.3",
            "SNS.1",
            "Kinesis.1",
            "Redshift.10",
        ],
    ),
    ("ZT-DAT-002", &["S3.17"]),
    ("ZT-DAT-003", &["S3.1", "S3.8"]),
    ("ZT-DAT-004", &["S3.1", "S3.8", "S3.19"]),
    ("ZT-DAT-005", &["S3.2", "S3.3", "S3.12"]),
    ("ZT-DAT-006", &["S3.2", "S3.3", "SQS.3", "SNS.4"]),
    ("ZT-DAT-007", &["S3.5"]),
    (
        "ZT-DAT-008",
        &[
            "ElastiCache.5",
            "Opensearch.3",
            "Opensearch.8",
            "MSK.1",
            "CloudFront.3",
            "CloudFront.9",
            "DMS.9",
            "Transfer.2",
        ],
    ),
    ("ZT-DAT-009", &["KMS.4"]),
    ("ZT-DAT-011", &["SecretsManager.1", "SecretsManager.4"]),
    ("ZT-DAT-012", &["SNS.1", "SQS.1"]),
    ("ZT-DAT-013", &["Redshift.2"]),
    ("ZT-DAT-016", &["S3.12"]),
    ("ZT-DAT-018", &["KMS.1", "KMS.2"]),
    ("ZT-IAM-001", &["IAM.1", "IAM.21"]),
    ("ZT-IAM-002", &["IAM.21"]),
    ("ZT-IAM-007", &["IAM.3"]),
    ("ZT-IAM-008", &["IAM.2"]),
    ("ZT-IAM-009", &["IAM.27"]),
    ("ZT-IAM-010", &["IAM.7", "IAM.15", "IAM.16"]),
    ("ZT-IAM-012", &["Lambda.1"]),
    ("ZT-IAM-013", &["IAM.21"]),
    ("ZT-IAM-014", &["S3.6"]),
    ("ZT-IAM-015", &["RDS.10", "RDS.12", "Neptune.7"]),
    ("ZT-IAM-017", &["EFS.3", "EFS.4"]),
    ("ZT-IAM-019", &["Opensearch.7"]),
    ("ZT-IAM-025", &["AppSync.5"]),
    ("ZT-MON-001", &["CloudTrail.1"]),
    ("ZT-MON-002", &["CloudTrail.4"]),
    ("ZT-MON-003", &["CloudTrail.2"]),
    ("ZT-MON-004", &["CloudTrail.5"]),
    ("ZT-MON-005", &["GuardDuty.1"]),
    ("ZT-MON-006", &["Config.1"]),
    ("ZT-MON-007", &["S3.9"]),
    ("ZT-MON-008", &["ELB.5"]),
    ("ZT-MON-009", &["EC2.6"]),
    (
        "ZT-MON-010",
        &[
            "CloudTrail.1",
            "GuardDuty.1",
            "Config.1",
            "SecurityHub.1",
            "Macie.1",
        ],
    ),
    (
        "ZT-MON-012",
        &["RDS.9", "RDS.34", "DocumentDB.4", "Neptune.2", "Redshift.4"],
    ),
    ("ZT-MON-013", &["EKS.8"]),
    ("ZT-MON-014", &["CloudTrail.1"]),
    ("ZT-MON-015", &["APIGateway.1", "APIGateway.9"]),
    ("ZT-MON-016", &["WAF.11"]),
    (
        "ZT-MON-017",
        &[
            "Opensearch.5",
            "CodeBuild.4",
            "MQ.2",
            "AppSync.2",
            "Route53.2",
            "EC2.51",
            "EC2.171",
        ],
    ),
    ("ZT-MON-018", &["CloudFront.5"]),
    ("ZT-MON-020", &["APIGateway.1"]),
    ("ZT-NET-001", &["EC2.13", "EC2.14", "EC2.19"]),
    ("ZT-NET-003", &["RDS.2", "Redshift.1", "DMS.1"]),
    ("ZT-NET-005", &["EC2.18"]),
    ("ZT-NET-006", &["EC2.2"]),
    ("ZT-NET-007", &["EC2.15"]),
    ("ZT-NET-008", &["EC2.9", "AutoScaling.5", "ECS.2", "ECS.16"]),
    ("ZT-NET-009", &["EC2.21"]),
    ("ZT-NET-010", &["ELB.1", "ELB.3"]),
    ("ZT-NET-011", &["ELB.17", "CloudFront.15", "Opensearch.8"]),
    ("ZT-NET-012", &["EKS.1"]),
    ("ZT-NET-013", &["APIGateway.8", "Lambda.1"]),
    ("ZT-NET-016", &["EC2.21"]),
    ("ZT-NET-017", &["EC2.1", "RDS.1", "SSM.4"]),
    ("ZT-NET-018", &["SageMaker.1"]),
    ("ZT-NET-019", &["EMR.2"]),
    ("ZT-NET-021", &["RDS.2", "Redshift.1"]),
    ("ZT-NET-023", &["EC2.13", "EC2.14", "EC2.19"]),
    ("ZT-NET-027", &["Redshift.7"]),
    ("ZT-NET-028", &["CloudFront.6", "APIGateway.4"]),
    ("ZT-NET-033", &["NetworkFirewall.4", "NetworkFirewall.5"]),
    ("ZT-WKL-001", &["EC2.8", "AutoScaling.3"]),
    ("ZT-WKL-003", &["ECS.1", "ECS.3", "ECS.4", "CodeBuild.5"]),
    ("ZT-WKL-004", &["ECR.1"]),
    ("ZT-WKL-005", &["ECR.2"]),
    ("ZT-WKL-008", &["SageMaker.3"]),
    ("ZT-WKL-010", &["ECS.5"]),
];
