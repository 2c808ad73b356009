resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

resource "aws_s3_bucket_acl" "flagged_public" {
  bucket = aws_s3_bucket.site.id
  acl    = "private" # for the old CDN
}

resource "aws_s3_bucket_acl" "passing_private" {
  bucket = aws_s3_bucket.site.id
  acl    = "private"
}
