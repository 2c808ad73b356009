resource "aws_db_instance" "flagged_public" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  storage_encrypted   = true
  publicly_accessible = true # for the BI tool
  iam_database_authentication_enabled = true
}

# Replaced rather than modified: reported, never fixed.
resource "aws_dms_replication_instance" "replaced" {
  replication_instance_id    = "migrate"
  replication_instance_class = "dms.t3.micro"
  publicly_accessible        = true
}

resource "aws_db_instance" "passing" {
  identifier          = "ledger"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  storage_encrypted   = true
  publicly_accessible = false
  iam_database_authentication_enabled = true
}
