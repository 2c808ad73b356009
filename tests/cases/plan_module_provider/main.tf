# A child module that configures its own provider with keys written in plain text.
module "app" {
  source = "./modules/app"
}
