resource "aws_db_instance" "flagged_missing" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  storage_encrypted = true
  iam_database_authentication_enabled = true
}

resource "aws_rds_cluster" "flagged_off" {
  cluster_identifier                  = "billing"
  engine                              = "aurora-mysql"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true # TODO
}

resource "aws_db_instance" "passing" {
  identifier                          = "ledger"
  engine                              = "mysql"
  instance_class                      = "db.t4g.micro"
  allocated_storage                   = 20
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
}
