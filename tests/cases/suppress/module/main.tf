# zt-lint:ignore ZT-DAT-001 the legacy disk module is replaced next quarter
module "disk" {
  source = "./disk"
}
