variable "http_tokens" {
  type    = string
  default = "required"
}

resource "aws_instance" "flagged" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = var.http_tokens
  }
}
