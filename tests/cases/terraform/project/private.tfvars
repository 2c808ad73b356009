# Only read when named with --var-file
ssh_cidr = "172.16.0.0/12"
