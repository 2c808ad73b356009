variable "cidr" {
  type = string
}

module "inner" {
  source   = "../sg"
  name     = "inner"
  ssh_cidr = var.cidr
}

output "inner_cidr" {
  value = module.inner.cidr
}
