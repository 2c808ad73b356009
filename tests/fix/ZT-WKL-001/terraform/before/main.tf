resource "aws_instance" "flagged_optional" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens   = "optional" # IMDSv1 still allowed
    http_endpoint = "enabled"
  }
}

resource "aws_instance" "flagged_no_options" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "flagged_no_tokens" {
  name = "web"

  metadata_options {
    http_endpoint = "enabled"
  }
}

resource "aws_instance" "passing" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }
}
