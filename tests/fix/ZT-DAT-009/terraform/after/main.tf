# Keys of the payments service.
resource "aws_kms_key" "flagged_off" {
  description             = "payments"
  deletion_window_in_days = 30
  enable_key_rotation     = true # turned off during the migration
}

resource "aws_kms_key" "flagged_missing" {
	description = "tabs are kept"
	enable_key_rotation = true
}

resource "aws_kms_key" "flagged_one_line" {
  enable_key_rotation = true
}

resource "aws_kms_key" "passing" {
  enable_key_rotation = true
}

variable "rotate" {
  default = false
}

# Written through a variable: not offered, the variable may be set elsewhere.
resource "aws_kms_key" "flagged_variable" {
  enable_key_rotation = var.rotate
}
