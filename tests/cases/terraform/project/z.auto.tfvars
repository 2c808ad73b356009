# *.auto.tfvars files override terraform.tfvars
ssh_cidr = "0.0.0.0/0"
