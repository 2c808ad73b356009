variable "description" {
  type = string
}

variable "enable_rotation" {
  type = bool
}

resource "aws_kms_key" "flagged" {
  description         = var.description
  enable_key_rotation = var.enable_rotation
}

# Rotation is not written at all: added here, in the (local) module.
resource "aws_kms_key" "flagged_missing" {
  description = "backups"
  enable_key_rotation = true
}
