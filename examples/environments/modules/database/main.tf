# One database module, called by every environment.

variable "name" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "publicly_accessible" {
  description = "Only for throwaway environments; production must keep the default."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  type    = bool
  default = true
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_db_instance" "this" {
  identifier                          = var.name
  engine                              = "postgres"
  instance_class                      = "db.t3.medium"
  allocated_storage                   = 20
  username                            = "app_admin"
  manage_master_user_password         = true
  db_subnet_group_name                = aws_db_subnet_group.this.name
  publicly_accessible                 = var.publicly_accessible
  storage_encrypted                   = true
  deletion_protection                 = var.deletion_protection
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql"]
}
