variable "name" {
  type = string
}

variable "publicly_accessible" {
  type    = bool
  default = false
}

resource "aws_db_instance" "flagged" {
  identifier                          = var.name
  engine                              = "postgres"
  instance_class                      = "db.t4g.micro"
  allocated_storage                   = 20
  storage_encrypted                   = true
  publicly_accessible                 = var.publicly_accessible
  iam_database_authentication_enabled = true
}
