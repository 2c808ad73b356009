resource "aws_cloudtrail" "flagged_stopped" {
  name                          = "org"
  s3_bucket_name                = "audit-logs"
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  enable_logging                = true
}

resource "aws_cloudtrail" "passing" {
  name                       = "org2"
  s3_bucket_name             = "audit-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
