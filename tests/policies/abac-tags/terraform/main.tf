variable "team_tags" {
  type = map(string)
}

resource "aws_s3_bucket" "flagged_untagged" {
  bucket = "flagged-untagged"
}

resource "aws_s3_bucket" "passing_tagged" {
  bucket = "passing-tagged"
  tags = {
    owner               = "data-platform"
    environment         = "prod"
    data-classification = "internal"
  }
}

resource "aws_db_instance" "flagged_unknown_level" {
  instance_class = "db.t3.micro"
  tags = {
    owner               = "payments"
    environment         = "prod"
    data-classification = "secret"
  }
}

resource "aws_dynamodb_table" "passing_tags_from_variable" {
  name = "orders"
  tags = var.team_tags
}

resource "aws_iam_role" "flagged_role" {
  name               = "app"
  assume_role_policy = "{}"
  tags = {
    owner = "app-team"
  }
}

resource "aws_iam_role" "passing_role" {
  name               = "ops"
  assume_role_policy = "{}"
  tags = {
    owner       = "ops"
    environment = "prod"
  }
}
