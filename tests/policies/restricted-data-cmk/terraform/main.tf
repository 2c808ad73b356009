resource "aws_kms_key" "data" {
  description         = "customer-managed key for restricted data"
  enable_key_rotation = true
}

resource "aws_db_instance" "flagged_no_key" {
  instance_class    = "db.t3.micro"
  storage_encrypted = true
  tags = {
    data-classification = "restricted"
  }
}

resource "aws_db_instance" "passing_customer_key" {
  instance_class    = "db.t3.micro"
  storage_encrypted = true
  kms_key_id        = aws_kms_key.data.arn
  tags = {
    data-classification = "restricted"
  }
}

resource "aws_db_instance" "passing_internal_data" {
  instance_class = "db.t3.micro"
  tags = {
    data-classification = "internal"
  }
}

resource "aws_ebs_volume" "flagged_aws_managed_alias" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = "alias/aws/ebs"
  tags = {
    data-classification = "confidential"
  }
}

resource "aws_sqs_queue" "flagged_queue" {
  name = "payments"
  tags = {
    data-classification = "confidential"
  }
}

resource "aws_dynamodb_table" "flagged_table" {
  name     = "cards"
  hash_key = "id"
  tags = {
    data-classification = "restricted"
  }
}

resource "aws_dynamodb_table" "passing_table" {
  name     = "orders"
  hash_key = "id"
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }
  tags = {
    data-classification = "restricted"
  }
}
