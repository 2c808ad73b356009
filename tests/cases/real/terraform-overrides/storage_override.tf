# Merged into main.tf's volume: the tags are added, `encrypted` replaced, the key kept.
resource "aws_ebs_volume" "data" {
  tags      = { Team = "storage" }
  encrypted = false
}
