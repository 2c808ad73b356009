resource "aws_ecs_task_definition" "flagged" {
  family = "builder"
  container_definitions = jsonencode([
    {
      name       = "docker"
      image      = "docker:dind"
      privileged = false
    },
    {
      name  = "sidecar"
      image = "busybox"
    }
  ])
}

resource "aws_ecs_task_definition" "passing" {
  family = "web"
  container_definitions = jsonencode([
    {
      name       = "web"
      image      = "nginx"
      privileged = false
    }
  ])
}
