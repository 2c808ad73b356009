# A database module both environments call; its inputs decide whether it is exposed.
variable "public" {
  type    = bool
  default = false
}

variable "admin_cidr" {
  type    = string
  default = "0.0.0.0/0"
}

resource "aws_db_instance" "this" {
  identifier          = "db"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = var.public
}

resource "aws_security_group" "admin" {
  name = "db-admin"

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}

# Written here, whoever calls the module: every root that reaches it has this finding.
resource "aws_security_group" "bastion" {
  name = "db-bastion"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
