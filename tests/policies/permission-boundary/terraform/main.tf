resource "aws_iam_policy" "boundary" {
  name   = "org-boundary"
  policy = "{}"
}

resource "aws_iam_role" "flagged_no_boundary" {
  name               = "app"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "passing_bounded" {
  name                 = "ops"
  assume_role_policy   = "{}"
  permissions_boundary = aws_iam_policy.boundary.arn
}
