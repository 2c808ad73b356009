variable "ssh_cidr" {
  type    = string
  default = "10.0.0.0/8"
}
