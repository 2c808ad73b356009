resource "aws_ebs_volume" "a" {
  availability_zone = "eu-west-1a"
  size              = 10
}
