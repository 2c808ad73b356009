variable "vpc_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

variable "admin_cidr" {
  description = "Set per environment; unknown here, so rules stay silent on it."
  type        = string
}

locals {
  anywhere = "0.0.0.0/0"
}
