resource "aws_db_subnet_group" "data" {
  name       = "data"
  subnet_ids = [aws_subnet.data_a.id, aws_subnet.data_b.id]
}

resource "aws_db_instance" "orders" {
  identifier             = "orders"
  engine                 = "postgres"
  instance_class         = "db.t3.medium"
  allocated_storage      = 50
  db_subnet_group_name   = aws_db_subnet_group.data.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = true
  storage_encrypted      = false
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_s3_bucket" "exports" {
  bucket = "acme-order-exports"
}

resource "aws_security_group" "admin_only" {
  name = "admin-only"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}
