//! The same AWS resource under its two names: CloudFormation's type and the Terraform AWS
//! provider's. The Guard graph document uses Terraform's name for both formats, so one policy
//! reads either.

/// CloudFormation type → Terraform resource type, for the types zero-trust policies target and
/// every type whose Terraform name the snake-case rule (`AWS::Service::Thing` →
/// `aws_service_thing`) gets wrong.
const EQUIVALENT_TYPES: &[(&str, &str)] = &[
    ("AWS::AmazonMQ::Broker", "aws_mq_broker"),
    (
        "AWS::AutoScaling::LaunchConfiguration",
        "aws_launch_configuration",
    ),
    ("AWS::CloudTrail::Trail", "aws_cloudtrail"),
    ("AWS::CodeBuild::Project", "aws_codebuild_project"),
    (
        "AWS::DataSync::LocationObjectStorage",
        "aws_datasync_location_object_storage",
    ),
    ("AWS::DocDB::DBCluster", "aws_docdb_cluster"),
    ("AWS::DynamoDB::Table", "aws_dynamodb_table"),
    ("AWS::EC2::FlowLog", "aws_flow_log"),
    ("AWS::EC2::Instance", "aws_instance"),
    ("AWS::EC2::LaunchTemplate", "aws_launch_template"),
    ("AWS::EC2::NetworkAcl", "aws_network_acl"),
    ("AWS::EC2::NetworkAclEntry", "aws_network_acl_rule"),
    ("AWS::EC2::SecurityGroup", "aws_security_group"),
    (
        "AWS::EC2::SecurityGroupEgress",
        "aws_vpc_security_group_egress_rule",
    ),
    (
        "AWS::EC2::SecurityGroupIngress",
        "aws_vpc_security_group_ingress_rule",
    ),
    ("AWS::EC2::Subnet", "aws_subnet"),
    ("AWS::EC2::Volume", "aws_ebs_volume"),
    ("AWS::EC2::VPC", "aws_vpc"),
    ("AWS::EC2::VPCEndpoint", "aws_vpc_endpoint"),
    ("AWS::ECR::Repository", "aws_ecr_repository"),
    ("AWS::ECS::TaskDefinition", "aws_ecs_task_definition"),
    ("AWS::EFS::FileSystem", "aws_efs_file_system"),
    ("AWS::EKS::Cluster", "aws_eks_cluster"),
    ("AWS::ElastiCache::CacheCluster", "aws_elasticache_cluster"),
    (
        "AWS::ElastiCache::ReplicationGroup",
        "aws_elasticache_replication_group",
    ),
    ("AWS::ElasticLoadBalancing::LoadBalancer", "aws_elb"),
    ("AWS::ElasticLoadBalancingV2::Listener", "aws_lb_listener"),
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", "aws_lb"),
    ("AWS::GuardDuty::Detector", "aws_guardduty_detector"),
    ("AWS::IAM::Group", "aws_iam_group"),
    ("AWS::IAM::InstanceProfile", "aws_iam_instance_profile"),
    ("AWS::IAM::ManagedPolicy", "aws_iam_policy"),
    ("AWS::IAM::Policy", "aws_iam_policy"),
    ("AWS::IAM::Role", "aws_iam_role"),
    ("AWS::IAM::User", "aws_iam_user"),
    ("AWS::KMS::Key", "aws_kms_key"),
    ("AWS::Lambda::Function", "aws_lambda_function"),
    ("AWS::Logs::LogGroup", "aws_cloudwatch_log_group"),
    ("AWS::Neptune::DBCluster", "aws_neptune_cluster"),
    ("AWS::OpenSearchService::Domain", "aws_opensearch_domain"),
    ("AWS::RDS::DBCluster", "aws_rds_cluster"),
    ("AWS::RDS::DBInstance", "aws_db_instance"),
    ("AWS::Redshift::Cluster", "aws_redshift_cluster"),
    ("AWS::S3::Bucket", "aws_s3_bucket"),
    ("AWS::S3::BucketPolicy", "aws_s3_bucket_policy"),
    (
        "AWS::SageMaker::NotebookInstance",
        "aws_sagemaker_notebook_instance",
    ),
    (
        "AWS::SecretsManager::RotationSchedule",
        "aws_secretsmanager_secret_rotation",
    ),
    ("AWS::SecretsManager::Secret", "aws_secretsmanager_secret"),
    ("AWS::SNS::Topic", "aws_sns_topic"),
    ("AWS::SQS::Queue", "aws_sqs_queue"),
    ("AWS::WAFv2::WebACL", "aws_wafv2_web_acl"),
];

/// The Terraform AWS provider's name for a CloudFormation type, when the catalog knows it.
pub fn terraform_type(cloudformation_type: &str) -> Option<&'static str> {
    EQUIVALENT_TYPES
        .iter()
        .find(|(cfn, _)| *cfn == cloudformation_type)
        .map(|(_, tf)| *tf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cloudformation_type_has_one_terraform_name() {
        for (i, (cfn, tf)) in EQUIVALENT_TYPES.iter().enumerate() {
            assert!(cfn.starts_with("AWS::") && tf.starts_with("aws_"), "{cfn}");
            assert!(
                !EQUIVALENT_TYPES[..i].iter().any(|(c, _)| c == cfn),
                "{cfn} is listed twice"
            );
        }
        assert_eq!(
            terraform_type("AWS::CloudTrail::Trail"),
            Some("aws_cloudtrail")
        );
        assert_eq!(terraform_type("AWS::Bedrock::Agent"), None);
    }
}
