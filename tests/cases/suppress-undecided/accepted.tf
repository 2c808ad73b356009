# Undecided checks answer to suppressions as findings do.
variable "admin_cidr" {
  type = string
}

# zt-lint:ignore ZT-NET-001 the VPN team sets admin_cidr to its egress range
resource "aws_security_group" "accepted" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}
