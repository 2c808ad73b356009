resource "aws_ecr_repository" "flagged_mutable" {
  name                 = "api"
  image_tag_mutability = "MUTABLE"
}

resource "aws_ecr_repository" "flagged_default" {
  name = "worker"
}

resource "aws_ecr_repository" "passing" {
  name                 = "web"
  image_tag_mutability = "IMMUTABLE"
}
