variable "rotation" {
  description = "Rotate the key every year."
  type        = bool
  default     = false # until the auditors agree
}

resource "aws_kms_key" "flagged" {
  description         = "audit"
  enable_key_rotation = var.rotation
}
