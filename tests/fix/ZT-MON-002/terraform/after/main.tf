resource "aws_cloudtrail" "flagged_off" {
  name                       = "audit"
  s3_bucket_name             = "audit-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}

resource "aws_cloudtrail" "flagged_missing" {
  name                  = "audit-2"
  s3_bucket_name        = "audit-logs"
  is_multi_region_trail = true
  enable_log_file_validation = true
}

resource "aws_cloudtrail" "passing" {
  name                       = "audit-3"
  s3_bucket_name             = "audit-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
