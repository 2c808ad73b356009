include "root" {
  path = find_in_parent_folders("root.hcl")
}

terraform {
  source = "tfr:///terraform-aws-modules/security-group/aws?version=5.1.0"
}

inputs = {
  ingress_cidr_blocks = ["0.0.0.0/0"]
}
