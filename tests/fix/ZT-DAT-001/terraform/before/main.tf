resource "aws_sqs_queue" "flagged_sse_off" {
  name                    = "orders"
  sqs_managed_sse_enabled = false # see ticket 42
}

resource "aws_codebuild_project" "flagged_artifacts" {
  name         = "build"
  service_role = "arn:aws:iam::111122223333:role/build"
  artifacts {
    type                = "S3"
    location            = "artifacts-bucket"
    encryption_disabled = true
  }
  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }
  source {
    type = "NO_SOURCE"
    buildspec = "version: 0.2"
  }
}

resource "aws_ebs_encryption_by_default" "flagged_default_off" {
  enabled = false
}

# Replacing the volume would lose its data: reported, never fixed.
resource "aws_ebs_volume" "unfixable" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = false
}

resource "aws_sqs_queue" "passing" {
  name = "events"
}
