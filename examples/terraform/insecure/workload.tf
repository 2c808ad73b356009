# What runs, and how it is hardened.

# IMDSv1 is allowed (no metadata_options), and an SSH key pair is baked in.
resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.private.id
  vpc_security_group_ids = [aws_security_group.bastion.id]
  key_name               = "ops-laptop"
}

# Images can be overwritten under the same tag and are not scanned.
resource "aws_ecr_repository" "orders" {
  name                 = "orders"
  image_tag_mutability = "MUTABLE"
}

# A privileged container on the host network.
resource "aws_ecs_task_definition" "worker" {
  family       = "worker"
  network_mode = "host"
  container_definitions = jsonencode([{
    name       = "worker"
    image      = "${aws_ecr_repository.orders.repository_url}:latest"
    privileged = true
  }])
}
