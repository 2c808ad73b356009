# Adds descriptions only: the defaults and types of main.tf stay.
variable "admin_cidr" {
  description = "CIDR allowed to SSH"
}

# A default the tfvars file still overrides.
variable "office_cidr" {
  default = "0.0.0.0/0"
}
