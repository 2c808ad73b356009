module "orders_db" {
  source     = "../../modules/database"
  name       = "orders-prod"
  subnet_ids = ["subnet-0prod00000000000a", "subnet-0prod00000000000b"]
  # A shortcut taken during an incident and never reverted: zt-lint reports it here, where the
  # caller writes it, with the module line that uses it as a related location.
  publicly_accessible = true
}
