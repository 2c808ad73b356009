resource "aws_ebs_volume" "data" {
  tags = { Team = "storage" }
}
