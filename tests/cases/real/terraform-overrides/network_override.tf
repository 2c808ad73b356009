# Its ingress block replaces every ingress block of main.tf's group; the egress is kept.
resource "aws_security_group" "public" {
  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

# Changes how many instances there are: not merged, so neither half is linted.
resource "aws_security_group" "admin" {
  count = 0
}
