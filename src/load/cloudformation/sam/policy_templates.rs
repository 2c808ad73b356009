//! SAM policy templates as the statements they grant, from the AWS SAM Developer Guide
//! ("Policy template list"). Only what IAM rules read is kept: effect Allow, actions, and the
//! resource each statement is scoped to. `${Name}` in a resource is the template parameter of
//! that name; `${AWS::...}` are pseudo parameters, left to the intrinsic evaluator.

pub struct PolicyTemplate {
    pub name: &'static str,
    pub statements: &'static [TemplateStatement],
}

pub struct TemplateStatement {
    pub actions: &'static [&'static str],
    pub resources: &'static [&'static str],
}

const fn statement(
    actions: &'static [&'static str],
    resources: &'static [&'static str],
) -> TemplateStatement {
    TemplateStatement { actions, resources }
}

const S3_BUCKET: &str = "arn:${AWS::Partition}:s3:::${BucketName}";
const S3_OBJECTS: &str = "arn:${AWS::Partition}:s3:::${BucketName}/*";
const DYNAMODB_TABLE: &str =
    "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}";
const DYNAMODB_INDEXES: &str =
    "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}/index/*";
const SQS_QUEUE: &str = "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${QueueName}";
const KMS_KEY: &str = "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyId}";
const SSM_DESCRIBE: TemplateStatement = statement(&["ssm:DescribeParameters"], &["*"]);
const SSM_READ: &[&str] = &[
    "ssm:GetParameters",
    "ssm:GetParameter",
    "ssm:GetParametersByPath",
];

/// The templates whose grants a zero-trust rule judges: data access (S3, DynamoDB, SQS, SNS,
/// KMS, secrets, parameters), invocation, and every template granting on `*` or a service
/// wildcard. Templates not listed here are reported as not linted where they are used.
pub const POLICY_TEMPLATES: &[PolicyTemplate] = &[
    PolicyTemplate {
        name: "S3ReadPolicy",
        statements: &[statement(
            &[
                "s3:GetObject",
                "s3:ListBucket",
                "s3:GetBucketLocation",
                "s3:GetObjectVersion",
                "s3:GetLifecycleConfiguration",
            ],
            &[S3_BUCKET, S3_OBJECTS],
        )],
    },
    PolicyTemplate {
        name: "S3WritePolicy",
        statements: &[statement(
            &[
                "s3:PutObject",
                "s3:PutObjectAcl",
                "s3:PutLifecycleConfiguration",
            ],
            &[S3_BUCKET, S3_OBJECTS],
        )],
    },
    PolicyTemplate {
        name: "S3CrudPolicy",
        statements: &[statement(
            &[
                "s3:GetObject",
                "s3:ListBucket",
                "s3:GetBucketLocation",
                "s3:GetObjectVersion",
                "s3:PutObject",
                "s3:PutObjectAcl",
                "s3:GetLifecycleConfiguration",
                "s3:PutLifecycleConfiguration",
                "s3:DeleteObject",
            ],
            &[S3_BUCKET, S3_OBJECTS],
        )],
    },
    PolicyTemplate {
        name: "S3FullAccessPolicy",
        statements: &[
            statement(
                &[
                    "s3:GetObject",
                    "s3:GetObjectAcl",
                    "s3:GetObjectVersion",
                    "s3:PutObject",
                    "s3:PutObjectAcl",
                    "s3:DeleteObject",
                    "s3:DeleteObjectTagging",
                    "s3:DeleteObjectVersionTagging",
                    "s3:GetObjectTagging",
                    "s3:GetObjectVersionTagging",
                    "s3:PutObjectTagging",
                    "s3:PutObjectVersionTagging",
                ],
                &[S3_OBJECTS],
            ),
            statement(
                &[
                    "s3:ListBucket",
                    "s3:GetBucketLocation",
                    "s3:GetLifecycleConfiguration",
                    "s3:PutLifecycleConfiguration",
                ],
                &[S3_BUCKET],
            ),
        ],
    },
    PolicyTemplate {
        name: "DynamoDBCrudPolicy",
        statements: &[statement(
            &[
                "dynamodb:GetItem",
                "dynamodb:DeleteItem",
                "dynamodb:PutItem",
                "dynamodb:Scan",
                "dynamodb:Query",
                "dynamodb:UpdateItem",
                "dynamodb:BatchWriteItem",
                "dynamodb:BatchGetItem",
                "dynamodb:DescribeTable",
                "dynamodb:ConditionCheckItem",
            ],
            &[DYNAMODB_TABLE, DYNAMODB_INDEXES],
        )],
    },
    PolicyTemplate {
        name: "DynamoDBReadPolicy",
        statements: &[statement(
            &[
                "dynamodb:GetItem",
                "dynamodb:Scan",
                "dynamodb:Query",
                "dynamodb:BatchGetItem",
                "dynamodb:DescribeTable",
            ],
            &[DYNAMODB_TABLE, DYNAMODB_INDEXES],
        )],
    },
    PolicyTemplate {
        name: "DynamoDBWritePolicy",
        statements: &[statement(
            &[
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:BatchWriteItem",
            ],
            &[DYNAMODB_TABLE, DYNAMODB_INDEXES],
        )],
    },
    PolicyTemplate {
        name: "SQSPollerPolicy",
        statements: &[statement(
            &[
                "sqs:ChangeMessageVisibility",
                "sqs:ChangeMessageVisibilityBatch",
                "sqs:DeleteMessage",
                "sqs:DeleteMessageBatch",
                "sqs:GetQueueAttributes",
                "sqs:ReceiveMessage",
            ],
            &[SQS_QUEUE],
        )],
    },
    PolicyTemplate {
        name: "SQSSendMessagePolicy",
        statements: &[statement(&["sqs:SendMessage*"], &[SQS_QUEUE])],
    },
    PolicyTemplate {
        name: "SNSPublishMessagePolicy",
        statements: &[statement(
            &["sns:Publish"],
            &["arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${TopicName}"],
        )],
    },
    PolicyTemplate {
        name: "SNSCrudPolicy",
        statements: &[statement(
            &[
                "sns:ListSubscriptionsByTopic",
                "sns:CreateTopic",
                "sns:SetTopicAttributes",
                "sns:Subscribe",
                "sns:Publish",
            ],
            &["arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${TopicName}*"],
        )],
    },
    PolicyTemplate {
        name: "LambdaInvokePolicy",
        statements: &[statement(
            &["lambda:InvokeFunction"],
            &[
                "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}*",
            ],
        )],
    },
    PolicyTemplate {
        name: "StepFunctionsExecutionPolicy",
        statements: &[statement(
            &["states:StartExecution"],
            &[
                "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${StateMachineName}",
            ],
        )],
    },
    PolicyTemplate {
        name: "KMSDecryptPolicy",
        statements: &[statement(&["kms:Decrypt"], &[KMS_KEY])],
    },
    PolicyTemplate {
        name: "KMSEncryptPolicy",
        statements: &[statement(&["kms:Encrypt"], &[KMS_KEY])],
    },
    PolicyTemplate {
        name: "AWSSecretsManagerGetSecretValuePolicy",
        statements: &[statement(
            &["secretsmanager:GetSecretValue"],
            &["${SecretArn}"],
        )],
    },
    PolicyTemplate {
        name: "SSMParameterReadPolicy",
        statements: &[
            SSM_DESCRIBE,
            statement(
                SSM_READ,
                &[
                    "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${ParameterName}",
                ],
            ),
        ],
    },
    PolicyTemplate {
        name: "SSMParameterWithSlashPrefixReadPolicy",
        statements: &[
            SSM_DESCRIBE,
            statement(
                SSM_READ,
                &[
                    "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${ParameterName}",
                ],
            ),
        ],
    },
    PolicyTemplate {
        name: "KinesisCrudPolicy",
        statements: &[statement(
            &[
                "kinesis:AddTagsToStream",
                "kinesis:CreateStream",
                "kinesis:DecreaseStreamRetentionPeriod",
                "kinesis:DeleteStream",
                "kinesis:DescribeStream",
                "kinesis:DescribeStreamSummary",
                "kinesis:GetShardIterator",
                "kinesis:IncreaseStreamRetentionPeriod",
                "kinesis:ListTagsForStream",
                "kinesis:MergeShards",
                "kinesis:PutRecord",
                "kinesis:PutRecords",
                "kinesis:SplitShard",
                "kinesis:RemoveTagsFromStream",
            ],
            &[
                "arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${StreamName}",
            ],
        )],
    },
    PolicyTemplate {
        name: "TextractPolicy",
        statements: &[statement(&["textract:*"], &["*"])],
    },
    PolicyTemplate {
        name: "TextractDetectAnalyzePolicy",
        statements: &[statement(
            &[
                "textract:DetectDocumentText",
                "textract:StartDocumentTextDetection",
                "textract:StartDocumentAnalysis",
                "textract:AnalyzeDocument",
            ],
            &["*"],
        )],
    },
    PolicyTemplate {
        name: "TextractGetResultPolicy",
        statements: &[statement(
            &[
                "textract:GetDocumentTextDetection",
                "textract:GetDocumentAnalysis",
            ],
            &["*"],
        )],
    },
    PolicyTemplate {
        name: "VPCAccessPolicy",
        statements: &[statement(
            &[
                "ec2:CreateNetworkInterface",
                "ec2:DeleteNetworkInterface",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DetachNetworkInterface",
            ],
            &["*"],
        )],
    },
    PolicyTemplate {
        name: "EC2DescribePolicy",
        statements: &[statement(
            &["ec2:DescribeRegions", "ec2:DescribeInstances"],
            &["*"],
        )],
    },
    PolicyTemplate {
        name: "AMIDescribePolicy",
        statements: &[statement(&["ec2:DescribeImages"], &["*"])],
    },
    PolicyTemplate {
        name: "EKSDescribePolicy",
        statements: &[statement(
            &["eks:DescribeCluster", "eks:ListClusters"],
            &["*"],
        )],
    },
    PolicyTemplate {
        name: "CloudWatchPutMetricPolicy",
        statements: &[statement(&["cloudwatch:PutMetricData"], &["*"])],
    },
    PolicyTemplate {
        name: "CloudWatchDashboardPolicy",
        statements: &[statement(
            &[
                "cloudwatch:GetDashboard",
                "cloudwatch:ListDashboards",
                "cloudwatch:PutDashboard",
                "cloudwatch:ListMetrics",
            ],
            &["*"],
        )],
    },
    PolicyTemplate {
        name: "SESEmailTemplateCrudPolicy",
        statements: &[statement(
            &[
                "ses:CreateTemplate",
                "ses:GetTemplate",
                "ses:ListTemplates",
                "ses:UpdateTemplate",
                "ses:DeleteTemplate",
                "ses:TestRenderTemplate",
            ],
            &["*"],
        )],
    },
];

pub fn find(name: &str) -> Option<&'static PolicyTemplate> {
    POLICY_TEMPLATES.iter().find(|t| t.name == name)
}
