module "web" {
  source   = "./modules/sg"
  count    = 2
  name     = "web-${count.index}"
  ssh_cidr = var.ssh_cidr
}

module "db" {
  source   = "./modules/sg"
  for_each = { a = "0.0.0.0/0", b = "10.0.0.0/8" }
  name     = each.key
  ssh_cidr = each.value
}

module "nested" {
  source = "./modules/wrapper"
  cidr   = local.world
}

# A registry module that `terraform init` has not installed: its outputs are unknown.
module "registry" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "5.1.0"
}

# Installed by `terraform init`, found through .terraform/modules/modules.json.
module "installed" {
  source  = "acme/bastion/aws"
  version = "1.0.0"
}

resource "aws_security_group" "per_env" {
  for_each = toset(["prod", "dev"])
  name     = "per-env-${each.key}"

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = each.key == "dev" ? [local.world] : ["10.0.0.0/8"]
  }
}

resource "aws_security_group" "uses_module_output" {
  name = "uses-output"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [module.nested.inner_cidr]
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [module.registry.security_group_id]
  }
}

locals {
  world = "0.0.0.0/0"
}
