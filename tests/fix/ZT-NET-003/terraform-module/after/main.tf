# Three databases from one local module; each call decides whether its database is public, so
# each call's finding is fixed at its own argument.
module "orders_db" {
  source              = "./modules/db"
  name                = "orders"
  publicly_accessible = false # for the BI tool
}

module "ledger_db" {
  source = "./modules/db"
  name   = "ledger"

  publicly_accessible = false
}

# Leaves the module's default (private): nothing to fix.
module "audit_db" {
  source = "./modules/db"
  name   = "audit"
}
