//! Compliance views: which controls of AWS Security Hub, the CIS AWS Foundations Benchmark,
//! NIST SP 800-53 and NIST SP 800-207 each rule checks. One table per framework, keyed by rule
//! id; control ids and titles are the frameworks' own, the mapping is zt-lint's.

mod cis_aws_monitoring;
mod cis_aws_v3;
mod cis_aws_v4;
mod cis_aws_v5;
mod fsbp;
mod nist_800_207;
mod nist_800_53;

/// A control (or recommendation, or tenet) of a framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Control {
    pub id: &'static str,
    pub title: &'static str,
}

impl Control {
    const fn new(id: &'static str, title: &'static str) -> Control {
        Control { id, title }
    }
}

/// A recommendation that no configuration can decide, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Undecidable {
    pub control: Control,
    pub why: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Framework {
    /// AWS Security Hub controls (Foundational Security Best Practices).
    Fsbp,
    /// CIS AWS Foundations Benchmark v3.0.0.
    CisAwsV3,
    /// CIS AWS Foundations Benchmark v4.0.1.
    CisAwsV4,
    /// CIS AWS Foundations Benchmark v5.0.0 (Security Hub's CIS v5.0.0 standard).
    CisAwsV5,
    /// NIST SP 800-53 Revision 5.
    Nist80053,
    /// NIST SP 800-207, the zero-trust tenets.
    Nist800207,
}

impl Framework {
    pub const ALL: &[Framework] = &[
        Framework::Fsbp,
        Framework::CisAwsV3,
        Framework::CisAwsV4,
        Framework::CisAwsV5,
        Framework::Nist80053,
        Framework::Nist800207,
    ];

    /// The name on the command line and the prefix of SARIF tags.
    pub fn name(self) -> &'static str {
        match self {
            Framework::Fsbp => "fsbp",
            Framework::CisAwsV3 => "cis-aws-v3",
            Framework::CisAwsV4 => "cis-aws-v4",
            Framework::CisAwsV5 => "cis-aws-v5",
            Framework::Nist80053 => "nist-800-53",
            Framework::Nist800207 => "nist-800-207",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Framework::Fsbp => "AWS Security Hub controls (Foundational Security Best Practices)",
            Framework::CisAwsV3 => "CIS Amazon Web Services Foundations Benchmark v3.0.0",
            Framework::CisAwsV4 => "CIS Amazon Web Services Foundations Benchmark v4.0.1",
            Framework::CisAwsV5 => "CIS Amazon Web Services Foundations Benchmark v5.0.0",
            Framework::Nist80053 => "NIST SP 800-53 Revision 5",
            Framework::Nist800207 => {
                "NIST SP 800-207 Zero Trust Architecture, tenets (section 2.1)"
            }
        }
    }

    pub fn parse(name: &str) -> Option<Framework> {
        Framework::ALL
            .iter()
            .copied()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// Every control some rule checks, in the framework's order.
    pub fn controls(self) -> &'static [Control] {
        match self {
            Framework::Fsbp => fsbp::CONTROLS,
            Framework::CisAwsV3 => cis_aws_v3::CONTROLS,
            Framework::CisAwsV4 => cis_aws_v4::CONTROLS,
            Framework::CisAwsV5 => cis_aws_v5::CONTROLS,
            Framework::Nist80053 => nist_800_53::CONTROLS,
            Framework::Nist800207 => nist_800_207::CONTROLS,
        }
    }

    fn mapping(self) -> &'static [(&'static str, &'static [&'static str])] {
        match self {
            Framework::Fsbp => fsbp::MAPPING,
            Framework::CisAwsV3 => cis_aws_v3::MAPPING,
            Framework::CisAwsV4 => cis_aws_v4::MAPPING,
            Framework::CisAwsV5 => cis_aws_v5::MAPPING,
            Framework::Nist80053 => nist_800_53::MAPPING,
            Framework::Nist800207 => nist_800_207::MAPPING,
        }
    }

    /// The controls `rule_id` checks (none when the framework has no counterpart).
    pub fn controls_of(self, rule_id: &str) -> &'static [&'static str] {
        self.mapping()
            .iter()
            .find(|(r, _)| *r == rule_id)
            .map_or(&[], |(_, ids)| ids)
    }

    /// The rules that check `control`, in rule id order.
    pub fn rules_of(self, control: &str) -> Vec<&'static str> {
        let mut rules: Vec<&'static str> = self
            .mapping()
            .iter()
            .filter(|(_, ids)| ids.contains(&control))
            .map(|(r, _)| *r)
            .collect();
        rules.sort_unstable();
        rules
    }

    pub fn control(self, id: &str) -> Option<Control> {
        self.controls().iter().copied().find(|c| c.id == id)
    }

    /// Recommendations of the framework that code cannot decide (CIS only: the other
    /// frameworks are listed only as far as rules check them).
    pub fn undecidable(self) -> Vec<Undecidable> {
        let not_decidable = match self {
            Framework::CisAwsV3 => cis_aws_v3::NOT_DECIDABLE,
            Framework::CisAwsV4 => cis_aws_v4::NOT_DECIDABLE,
            Framework::CisAwsV5 => cis_aws_v5::NOT_DECIDABLE,
            Framework::Fsbp | Framework::Nist80053 | Framework::Nist800207 => &[],
        };
        // Section 4's metric filters are the same recommendations in every CIS version.
        let monitoring = match self {
            Framework::CisAwsV3 | Framework::CisAwsV4 | Framework::CisAwsV5 => {
                cis_aws_monitoring::METRIC_FILTER_ALARMS
            }
            Framework::Fsbp | Framework::Nist80053 | Framework::Nist800207 => &[],
        };
        not_decidable
            .iter()
            .chain(monitoring)
            .map(|&(id, title, why)| Undecidable {
                control: Control { id, title },
                why,
            })
            .collect()
    }
}

/// The references of a rule as tags (`fsbp/EC2.19`, `cis-aws-v3/5.2`, `nist-800-53/SC-7`,
/// `nist-800-207/tenet-2`), framework by framework.
pub fn tags(rule_id: &str) -> Vec<String> {
    Framework::ALL
        .iter()
        .flat_map(|f| {
            f.controls_of(rule_id)
                .iter()
                .map(move |id| format!("{}/{id}", f.name()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RULES;

    fn well_formed(framework: Framework, id: &str) -> bool {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        match framework {
            // Service.Number: EC2.19, APIGateway.1, SecretsManager.4
            Framework::Fsbp => id.split_once('.').is_some_and(|(service, n)| {
                service.starts_with(|c: char| c.is_ascii_uppercase())
                    && service.bytes().all(|b| b.is_ascii_alphanumeric())
                    && digits(n)
            }),
            // 1.16, 2.1.4
            Framework::CisAwsV3 | Framework::CisAwsV4 | Framework::CisAwsV5 => {
                let parts: Vec<&str> = id.split('.').collect();
                (2..=3).contains(&parts.len()) && parts.iter().all(|p| digits(p))
            }
            // AC-6, SC-28: a two-letter family and a number (no enhancements here)
            Framework::Nist80053 => id.split_once('-').is_some_and(|(family, n)| {
                family.len() == 2 && family.bytes().all(|b| b.is_ascii_uppercase()) && digits(n)
            }),
            Framework::Nist800207 => id
                .strip_prefix("tenet-")
                .and_then(|n| n.parse::<u8>().ok())
                .is_some_and(|n| (1..=7).contains(&n)),
        }
    }

    #[test]
    fn every_rule_has_a_mapping_and_every_id_is_well_formed_and_titled() {
        for rule in RULES {
            assert!(
                !Framework::Nist80053.controls_of(rule.id).is_empty()
                    && !Framework::Nist800207.controls_of(rule.id).is_empty(),
                "{} has no NIST mapping",
                rule.id
            );
        }
        for &framework in Framework::ALL {
            for (rule, ids) in framework.mapping() {
                assert!(
                    RULES.iter().any(|r| r.id == *rule),
                    "{}: no rule {rule}",
                    framework.name()
                );
                assert!(!ids.is_empty(), "{rule}: an empty row");
                for id in *ids {
                    assert!(well_formed(framework, id), "{}: {id}", framework.name());
                    assert!(
                        framework.control(id).is_some(),
                        "{}: {id} has no title",
                        framework.name()
                    );
                }
            }
            for control in framework.controls() {
                assert!(well_formed(framework, control.id), "{}", control.id);
                assert!(
                    !framework.rules_of(control.id).is_empty(),
                    "{}: {} is listed but no rule checks it",
                    framework.name(),
                    control.id
                );
            }
            let rows: Vec<&str> = framework.mapping().iter().map(|(r, _)| *r).collect();
            let mut unique = rows.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(
                rows.len(),
                unique.len(),
                "{}: a rule twice",
                framework.name()
            );
        }
        for cis in [
            Framework::CisAwsV3,
            Framework::CisAwsV4,
            Framework::CisAwsV5,
        ] {
            let undecidable = cis.undecidable();
            for u in &undecidable {
                assert!(well_formed(cis, u.control.id), "{}", u.control.id);
                assert!(cis.control(u.control.id).is_none(), "{}", u.control.id);
            }
            let mut ids: Vec<&str> = undecidable.iter().map(|u| u.control.id).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(
                ids.len(),
                undecidable.len(),
                "{}: a recommendation twice",
                cis.name()
            );
        }
    }

    /// The same rules, renumbered where the benchmark moved a recommendation: v4.0.1 moved RDS
    /// to 2.2, EFS to 2.3, EBS to 5.1.1 and IMDSv2 to 5.7; v5.0.0 dropped 1.3 so section 1
    /// moved up by one.
    #[test]
    fn cis_versions_renumber_the_same_recommendations() {
        let ids = |f: Framework, rule: &str| f.controls_of(rule).to_vec();
        assert_eq!(ids(Framework::CisAwsV3, "ZT-WKL-001"), ["5.6"]);
        assert_eq!(ids(Framework::CisAwsV4, "ZT-WKL-001"), ["5.7"]);
        assert_eq!(ids(Framework::CisAwsV5, "ZT-WKL-001"), ["5.7"]);
        assert_eq!(ids(Framework::CisAwsV3, "ZT-NET-003"), ["2.3.3"]);
        assert_eq!(ids(Framework::CisAwsV4, "ZT-NET-003"), ["2.2.3"]);
        assert_eq!(ids(Framework::CisAwsV5, "ZT-NET-003"), ["2.2.3"]);
        assert_eq!(ids(Framework::CisAwsV4, "ZT-IAM-009"), ["1.16", "1.22"]);
        assert_eq!(ids(Framework::CisAwsV5, "ZT-IAM-009"), ["1.15", "1.21"]);
        assert_eq!(ids(Framework::CisAwsV5, "ZT-IAM-010"), ["1.7", "1.8"]);
        assert_eq!(
            ids(Framework::CisAwsV4, "ZT-DAT-001"),
            ["2.2.1", "2.3.1", "5.1.1"]
        );
        assert_eq!(
            Framework::CisAwsV5.control("2.3.1").map(|c| c.title),
            Some("Ensure that encryption is enabled for EFS file systems")
        );
        // v5.0.0 has no security questions recommendation; 1.3 is the root access key.
        let v5 = Framework::CisAwsV5.undecidable();
        let root_key = v5.iter().find(|u| u.control.id == "1.3").expect("1.3");
        assert!(
            root_key.control.title.contains("access key"),
            "{root_key:?}"
        );
        assert!(
            !v5.iter()
                .any(|u| u.control.title.contains("security questions"))
        );
        // Every rule a CIS version maps is mapped by the others too: the versions renumber,
        // they do not drop what code can decide.
        let rules = |f: Framework| -> Vec<&str> { f.mapping().iter().map(|(r, _)| *r).collect() };
        assert_eq!(rules(Framework::CisAwsV3), rules(Framework::CisAwsV4));
        assert_eq!(rules(Framework::CisAwsV4), rules(Framework::CisAwsV5));
    }

    /// The Security Hub control ids a rule's docs cite under "References", in bullets (or
    /// `;`-separated parts of bullets) that start with "AWS Security Hub".
    fn security_hub_ids_cited(docs: &str) -> Vec<String> {
        let references = docs
            .split("## References")
            .nth(1)
            .map_or("", |rest| rest.split("\n## ").next().unwrap_or(""));
        // A bullet continues on indented lines.
        let mut bullets: Vec<String> = Vec::new();
        for line in references.lines() {
            if let Some(item) = line.strip_prefix("- ") {
                bullets.push(item.to_string());
            } else if let (Some(last), true) = (bullets.last_mut(), line.starts_with("  ")) {
                last.push(' ');
                last.push_str(line.trim());
            }
        }
        let mut ids: Vec<String> = bullets
            .iter()
            .flat_map(|b| b.split(';'))
            .filter_map(|part| part.trim().strip_prefix("AWS Security Hub"))
            .flat_map(|cited| {
                cited.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
            })
            .filter(|word| well_formed(Framework::Fsbp, word))
            .map(str::to_string)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    #[test]
    fn security_hub_ids_cited_reads_bullets_and_their_continuations() {
        let docs = "## Why\nAWS Security Hub EC2.19 ports\n\n## References\n\
            - AWS Security Hub RDS.2 and Redshift.1 (public), DMS.1,\n  EC2.9; AWS Config x-check.1\n\
            - AWS Well-Architected SEC03-BP02; AWS Security Hub IAM.1\n- IAM User Guide S3.5\n";
        assert_eq!(
            security_hub_ids_cited(docs),
            ["DMS.1", "EC2.9", "IAM.1", "RDS.2", "Redshift.1"]
        );
    }

    /// The Security Hub mapping and the docs say the same: every control a rule's references
    /// cite is mapped, and every mapped control is cited, so `--framework fsbp`, SARIF tags and
    /// `zt-lint explain` agree.
    #[test]
    fn security_hub_mapping_matches_the_controls_each_rule_cites() {
        let mut disagreements = Vec::new();
        for rule in RULES {
            let cited = security_hub_ids_cited(rule.page.docs);
            let mut mapped: Vec<String> = Framework::Fsbp
                .controls_of(rule.id)
                .iter()
                .map(|id| id.to_string())
                .collect();
            mapped.sort_unstable();
            if cited != mapped {
                disagreements.push(format!("{}: cited {cited:?}, mapped {mapped:?}", rule.id));
            }
        }
        assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    }

    #[test]
    fn tags_name_the_framework() {
        let tags = tags("ZT-NET-001");
        assert!(tags.contains(&"fsbp/EC2.13".to_string()), "{tags:?}");
        assert!(tags.contains(&"cis-aws-v3/5.2".to_string()));
        assert!(tags.contains(&"nist-800-53/SC-7".to_string()));
        assert!(tags.contains(&"nist-800-207/tenet-2".to_string()));
        assert!(tags.contains(&"cis-aws-v4/5.3".to_string()));
        assert!(tags.contains(&"cis-aws-v5/5.3".to_string()));
        assert_eq!(Framework::parse("CIS-AWS-V3"), Some(Framework::CisAwsV3));
        assert_eq!(Framework::parse("cis-aws-v5"), Some(Framework::CisAwsV5));
        assert_eq!(
            Framework::CisAwsV3.rules_of("3.1"),
            ["ZT-MON-001", "ZT-MON-010", "ZT-MON-014"]
        );
    }
}
