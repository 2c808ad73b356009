resource "aws_ebs_volume" "b" {
  availability_zone = "eu-west-1a"
  size              = 10
}
