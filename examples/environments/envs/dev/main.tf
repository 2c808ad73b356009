module "orders_db" {
  source     = "../../modules/database"
  name       = "orders-dev"
  subnet_ids = ["subnet-0dev000000000000a", "subnet-0dev000000000000b"]
}
