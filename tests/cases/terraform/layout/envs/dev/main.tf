# No inputs: the module's defaults decide.
module "db" {
  source = "../../modules/db"
}
