resource "aws_security_group" "admin" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.8.4.0/24", "192.168.0.0/16"]
  }
}

resource "aws_iam_role" "two_hours" {
  name                 = "two-hours"
  max_session_duration = 7200
  assume_role_policy   = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}

resource "aws_iam_role" "four_hours" {
  name                 = "four-hours"
  max_session_duration = 14400
  assume_role_policy   = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
