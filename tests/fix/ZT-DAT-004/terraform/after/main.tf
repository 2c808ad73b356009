resource "aws_s3_bucket_public_access_block" "flagged" {
  bucket = "reports"

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
  # restrict_public_buckets is left out: it defaults to false
}

resource "aws_s3_bucket_public_access_block" "passing" {
  bucket                  = "archive"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
