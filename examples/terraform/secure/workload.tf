# What runs, and how it is hardened.

# IMDSv2 only, no SSH key: operators connect with SSM Session Manager.
resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.private.id
  vpc_security_group_ids = [aws_security_group.app.id]

  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }

  root_block_device {
    encrypted  = true
    kms_key_id = aws_kms_key.data.arn
  }
}

# Tags cannot be overwritten and every push is scanned.
resource "aws_ecr_repository" "orders" {
  name                 = "orders"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.data.arn
  }
}

# An unprivileged container, as a non-root user with a read-only root file system, on its own
# network interface.
resource "aws_ecs_task_definition" "worker" {
  family       = "worker"
  network_mode = "awsvpc"
  container_definitions = jsonencode([{
    name                   = "worker"
    image                  = "${aws_ecr_repository.orders.repository_url}:1.4.2"
    privileged             = false
    readonlyRootFilesystem = true
    user                   = "10001"
  }])
}
