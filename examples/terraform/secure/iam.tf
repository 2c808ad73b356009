resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "codebuild.amazonaws.com" }
    }]
  })
}

# The deployer publishes build artifacts under one bucket prefix, nothing else.
resource "aws_iam_role_policy" "deployer" {
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:GetObject"]
        Resource = "${aws_s3_bucket.exports.arn}/releases/*"
      },
      {
        Effect   = "Allow"
        Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource = aws_kms_key.data.arn
      },
    ]
  })
}

# Operators read the database's state and metrics and may reboot it; they do not administer
# the account.
data "aws_iam_policy_document" "ops" {
  statement {
    actions = [
      "rds:DescribeDBInstances",
      "rds:DescribeDBLogFiles",
      "cloudwatch:GetMetricData",
      "cloudwatch:ListMetrics",
    ]
    resources = ["*"]
  }

  statement {
    actions   = ["rds:RebootDBInstance"]
    resources = [aws_db_instance.orders.arn]
  }
}

resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = data.aws_iam_policy_document.ops.json
}

# Read-only access to the exports bucket, still written as a heredoc.
resource "aws_iam_policy" "legacy" {
  name   = "legacy"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": [
        "arn:aws:s3:::acme-order-exports",
        "arn:aws:s3:::acme-order-exports/*"
      ]
    }
  ]
}
EOF
}
