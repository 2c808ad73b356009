//! The six fields of an ARN or ARN pattern, as IAM reads them:
//! `arn:partition:service:region:account:resource`.

/// An ARN split at its first five colons; the resource part keeps any colon it holds
/// (`arn:aws:logs:*:*:log-group:x:*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

impl<'a> Arn<'a> {
    /// `None` when the text does not start with `arn:` or has fewer than six fields.
    pub fn parse(text: &'a str) -> Option<Arn<'a>> {
        let mut fields = text.splitn(6, ':');
        if fields.next()? != "arn" {
            return None;
        }
        Some(Arn {
            partition: fields.next()?,
            service: fields.next()?,
            region: fields.next()?,
            account: fields.next()?,
            resource: fields.next()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resource_part_keeps_its_colons_and_short_text_is_no_arn() {
        let arn = Arn::parse("arn:aws:logs:eu-west-1:111122223333:log-group:x:*").unwrap();
        assert_eq!(
            (arn.service, arn.region, arn.account, arn.resource),
            ("logs", "eu-west-1", "111122223333", "log-group:x:*")
        );
        assert_eq!(Arn::parse("arn:aws:s3:::b").map(|a| a.resource), Some("b"));
        assert_eq!(Arn::parse("arn:aws:s3::"), None);
        assert_eq!(Arn::parse("urn:aws:s3:::b"), None);
        assert_eq!(Arn::parse("*"), None);
    }
}
