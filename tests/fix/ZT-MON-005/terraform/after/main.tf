# Threat detection for the account.
resource "aws_guardduty_detector" "flagged_off" {
  enable = true # paused during the migration
  finding_publishing_frequency = "SIX_HOURS"
}

resource "aws_guardduty_detector" "passing_on" {
  enable = true
}

resource "aws_guardduty_detector" "passing_default" {}
