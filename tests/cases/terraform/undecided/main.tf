# No default and no value given: whether SSH is open to the world cannot be decided.
variable "admin_cidr" {
  type = string
}

resource "aws_security_group" "admin" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}
