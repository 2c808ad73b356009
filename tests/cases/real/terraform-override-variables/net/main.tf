output "vpn_cidr" {
  value = "0.0.0.0/0"
}
