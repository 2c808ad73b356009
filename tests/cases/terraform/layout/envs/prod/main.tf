module "db" {
  source     = "../../modules/db"
  public     = true
  admin_cidr = "10.0.0.0/8"
}

# Not installed: `terraform init` has not run here.
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
