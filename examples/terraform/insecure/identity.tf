# Who may act, and with which credentials.

data "aws_caller_identity" "current" {}

# Any AWS principal, in any account, may assume this role.
resource "aws_iam_role" "support" {
  name = "support"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
    }]
  })
}

# GitHub Actions OIDC with only the audience checked: any repository on GitHub can deploy.
resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = "sts:AssumeRoleWithWebIdentity"
      Principal = {
        Federated = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/token.actions.githubusercontent.com"
      }
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
      }
    }]
  })
}

# A person with a long-lived access key, and a policy attached to the user directly.
resource "aws_iam_user" "reporting" {
  name = "reporting"
}

resource "aws_iam_access_key" "reporting" {
  user = aws_iam_user.reporting.name
}

resource "aws_iam_user_policy_attachment" "reporting" {
  user       = aws_iam_user.reporting.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
