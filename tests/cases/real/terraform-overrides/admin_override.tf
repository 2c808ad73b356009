# Read after main.tf although its name sorts first: Terraform reads override files last.
variable "admin_cidr" {
  default = "10.0.0.0/8"
}
