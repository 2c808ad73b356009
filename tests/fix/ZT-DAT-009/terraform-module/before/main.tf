variable "rotate_payments" {
  type = bool
}

# The root's value comes from terraform.tfvars: fixed there.
module "payments_key" {
  source          = "./modules/key"
  description     = "payments"
  enable_rotation = var.rotate_payments
}

# Leaves the module's default in effect, and is its only caller: fixed in the module.
module "audit_key" {
  source = "./modules/audit-key"
}
