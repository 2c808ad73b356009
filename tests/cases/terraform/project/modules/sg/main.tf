variable "name" {
  type = string
}

variable "ssh_cidr" {
  type = string
}

resource "aws_security_group" "this" {
  name = var.name

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.ssh_cidr]
  }
}

output "cidr" {
  value = var.ssh_cidr
}
