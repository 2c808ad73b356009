output "vpn_cidr" {
  description = "The VPN's addresses"
}
