resource "aws_iam_user" "flagged_user" {
  name = "ci"
}

resource "aws_iam_access_key" "flagged_key" {
  user = aws_iam_user.flagged_user.name
}

resource "aws_iam_role" "passing_role" {
  name               = "ci"
  assume_role_policy = "{}"
}
