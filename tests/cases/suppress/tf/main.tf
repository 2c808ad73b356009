# Each resource shows one way to write a suppression; the CLI tests assert what happens to it.

# zt-lint:ignore ZT-NET-001 reachable only from the corporate VPN through the transit gateway
resource "aws_security_group" "header_suppressed" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_ebs_volume" "same_line_by_name" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = false # zt-lint:ignore storage-not-encrypted holds only public datasets
}

resource "aws_ebs_volume" "no_reason" {
  availability_zone = "eu-west-1a"
  size              = 10
  // zt-lint:ignore ZT-DAT-001
  encrypted = false
}

resource "aws_ebs_volume" "expired" {
  availability_zone = "eu-west-1a"
  size              = 10
  # zt-lint:ignore ZT-DAT-001 until=2026-01-31 migration to KMS scheduled in January
  encrypted = false
}

resource "aws_ebs_volume" "not_yet_expired" {
  availability_zone = "eu-west-1a"
  size              = 10
  # zt-lint:ignore ZT-DAT-001 until=2026-12-31 migration to KMS scheduled in December
  encrypted = false
}

# zt-lint:ignore ZT-NET-001 nothing is reported here any more
resource "aws_ebs_volume" "unused" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = true
}

resource "aws_ebs_volume" "invalid" {
  availability_zone = "eu-west-1a"
  size              = 10
  # zt-lint:ignore ZT-NOPE a rule that does not exist
  encrypted = false
}
