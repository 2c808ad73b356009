//! Exposure paths: each finding names every hop from the internet to the data store, and shows
//! each hop where it is declared, in every input format.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// One finding: `(resource, "line:column", message, [(file, line, column, note)])`.
type Path_ = (String, String, String, Vec<(String, u64, u64, String)>);

fn paths(dir: &str, rule: &str) -> (Vec<Path_>, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args([
            "--no-config",
            "--show-unknown",
            "--format",
            "json",
            "--rule",
            rule,
            dir,
        ])
        .current_dir(root())
        .output()
        .expect("run zt-lint");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["errors"].as_array().map(Vec::len), Some(0), "{doc}");
    let name = |f: &serde_json::Value| {
        let file = f["file"].as_str().unwrap_or_default();
        file.rsplit('/').next().unwrap_or_default().to_string()
    };
    let findings = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let hops = f["related"]
                .as_array()
                .expect("related")
                .iter()
                .map(|r| {
                    (
                        name(r),
                        r["line"].as_u64().unwrap_or_default(),
                        r["column"].as_u64().unwrap_or_default(),
                        r["message"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect();
            (
                f["resource"].as_str().unwrap_or_default().to_string(),
                format!("{}:{}:{}", name(f), f["line"], f["column"]),
                f["message"].as_str().unwrap_or_default().to_string(),
                hops,
            )
        })
        .collect();
    let undecided = doc["undecided"]
        .as_array()
        .expect("undecided")
        .iter()
        .map(|u| u["resource"].as_str().unwrap_or_default().to_string())
        .collect();
    (findings, undecided)
}

fn hop(file: &str, line: u64, column: u64, note: &str) -> (String, u64, u64, String) {
    (file.to_string(), line, column, note.to_string())
}

#[test]
fn terraform_paths_name_every_hop() {
    let (findings, undecided) = paths("tests/fixtures/ZT-NET-021/terraform", "ZT-NET-021");
    let (resource, at, message, hops) = &findings[1];
    assert_eq!(resource, "aws_db_instance.flagged_reports");
    assert_eq!(at, "main.tf:243:1");
    assert!(message.ends_with(
        "on tcp/5432: internet → aws_internet_gateway.main → aws_route_table.public (0.0.0.0/0) → \
         aws_subnet.public_a → aws_network_acl.public rule 200 → aws_security_group.reports_db \
         (tcp/5432 from 0.0.0.0/0) → aws_db_instance.flagged_reports (publicly accessible)"
    ));
    assert_eq!(
        hops,
        &[
            hop(
                "main.tf",
                54,
                18,
                "internet gateway `aws_internet_gateway.main`"
            ),
            hop(
                "main.tf",
                53,
                18,
                "route table `aws_route_table.public` (associated with the subnet) sends 0.0.0.0/0 to `aws_internet_gateway.main`"
            ),
            hop(
                "main.tf",
                13,
                1,
                "subnet `aws_subnet.public_a` uses route table `aws_route_table.public`"
            ),
            hop(
                "main.tf",
                111,
                3,
                "network ACL `aws_network_acl.public` rule 200 (allow) admits tcp/5432 from the internet"
            ),
            hop(
                "main.tf",
                203,
                24,
                "security group `aws_security_group.reports_db` admits tcp/5432 from 0.0.0.0/0"
            ),
            hop(
                "main.tf",
                248,
                28,
                "`aws_db_instance.flagged_reports` is publicly accessible: it has a public address"
            ),
        ]
    );
    // The main route table, an Aurora instance's cluster port and group.
    let (resource, at, message, hops) = &findings[0];
    assert_eq!(resource, "aws_rds_cluster_instance.flagged_legacy_writer");
    assert_eq!(at, "legacy.tf:53:1");
    assert!(message.contains("on tcp/3306: internet → aws_internet_gateway.legacy → aws_default_route_table.legacy (0.0.0.0/0)"));
    let lines: Vec<(u64, u64)> = hops.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [(17, 18), (16, 18), (21, 1), (21, 1), (39, 25), (57, 25)]
    );
    assert!(hops[1].3.contains("the VPC's main route table"));
    assert_eq!(findings.len(), 2);
    // A group declared elsewhere leaves the question open, never a finding.
    assert_eq!(undecided, ["aws_db_instance.passing_unknown_group"]);
}

#[test]
fn plan_paths_follow_ids_known_only_after_apply() {
    let (findings, undecided) = paths("tests/fixtures/ZT-NET-021/plan", "ZT-NET-021");
    assert_eq!(findings.len(), 1);
    let (resource, at, _, hops) = &findings[0];
    assert_eq!(resource, "aws_db_instance.flagged_reports");
    assert_eq!(at, "plan.json:653:18");
    let lines: Vec<(u64, u64)> = hops.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (396, 20),
            (396, 20),
            (309, 18),
            (309, 18),
            (557, 17),
            (666, 34)
        ]
    );
    assert!(undecided.is_empty(), "{undecided:?}");
}

#[test]
fn cloudformation_paths_include_the_rds_default() {
    let (findings, undecided) = paths("tests/fixtures/ZT-NET-021/cloudformation", "ZT-NET-021");
    assert_eq!(findings.len(), 2);
    let (resource, at, message, hops) = &findings[0];
    assert_eq!(resource, "FlaggedReportsDatabase");
    assert_eq!(at, "template.yaml:170:3");
    assert!(message.ends_with(
        "internet → InternetGateway → PublicRouteTable (0.0.0.0/0) → PublicSubnetA → default network ACL → \
         ReportsDatabaseGroup (tcp/5432 from 0.0.0.0/0) → FlaggedReportsDatabase (publicly accessible)"
    ));
    assert_eq!(
        hops,
        &[
            hop(
                "template.yaml",
                72,
                18,
                "internet gateway `InternetGateway`"
            ),
            hop(
                "template.yaml",
                71,
                29,
                "route table `PublicRouteTable` (associated with the subnet) sends 0.0.0.0/0 to `InternetGateway`"
            ),
            hop(
                "template.yaml",
                26,
                3,
                "subnet `PublicSubnetA` uses route table `PublicRouteTable`"
            ),
            hop(
                "template.yaml",
                26,
                3,
                "subnet `PublicSubnetA` uses its VPC's default network ACL, which allows all traffic"
            ),
            hop(
                "template.yaml",
                145,
                15,
                "security group `ReportsDatabaseGroup` admits tcp/5432 from 0.0.0.0/0"
            ),
            hop(
                "template.yaml",
                170,
                3,
                "`FlaggedReportsDatabase` omits publicly accessible and its VPC has an internet gateway, so RDS gives it a public address"
            ),
        ]
    );
    let (resource, _, message, _) = &findings[1];
    assert_eq!(resource, "FlaggedWarehouse");
    assert!(message.contains("on tcp/15439"));
    assert_eq!(undecided, ["PassingUnknownGroup"]);
}

#[test]
fn lateral_paths_go_through_the_instance_the_internet_reaches() {
    let (findings, undecided) = paths("tests/fixtures/ZT-NET-022/terraform", "ZT-NET-022");
    assert_eq!(findings.len(), 1);
    let (resource, at, message, hops) = &findings[0];
    assert_eq!(resource, "aws_db_instance.flagged_orders");
    assert_eq!(at, "main.tf:167:1");
    assert!(message.ends_with(
        "internet → aws_internet_gateway.main → aws_route_table.public (0.0.0.0/0) → aws_subnet.public_a → \
         default network ACL → aws_security_group.web (tcp/443 from 0.0.0.0/0) → aws_instance.web (public address) → \
         aws_security_group.orders_db (tcp/5432 from aws_security_group.web) → aws_db_instance.flagged_orders"
    ));
    let lines: Vec<(u64, u64)> = hops.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (33, 18),
            (32, 18),
            (13, 1),
            (13, 1),
            (52, 20),
            (100, 33),
            (126, 3),
            (167, 1)
        ]
    );
    assert!(undecided.is_empty(), "{undecided:?}");

    // An Elastic IP gives the address; a network ACL that admits the app subnet only closes
    // the way to the guarded database.
    let (findings, _) = paths("tests/fixtures/ZT-NET-022/cloudformation", "ZT-NET-022");
    assert_eq!(findings.len(), 1);
    let (resource, _, _, hops) = &findings[0];
    assert_eq!(resource, "FlaggedOrdersDatabase");
    assert_eq!(
        hops[5],
        hop(
            "template.yaml",
            122,
            3,
            "Elastic IP `WebAddress` gives `WebInstance` a public address"
        )
    );

    let (findings, _) = paths("tests/fixtures/ZT-NET-022/plan", "ZT-NET-022");
    let lines: Vec<(u64, u64)> = findings[0].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (403, 20),
            (403, 20),
            (316, 18),
            (316, 18),
            (449, 17),
            (600, 42),
            (555, 22),
            (666, 18)
        ]
    );
}

#[test]
fn admin_ports_are_reported_only_where_the_whole_path_is_open() {
    let (findings, undecided) = paths("tests/fixtures/ZT-NET-023/terraform", "ZT-NET-023");
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|(r, at, _, _)| (r.as_str(), at.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("aws_instance.flagged_jump", "main.tf:110:1"),
            ("aws_instance.flagged_windows", "main.tf:186:1"),
        ]
    );
    // An Elastic IP, then the subnet's map_public_ip_on_launch behind an ACL rule that admits RDP.
    let (_, _, message, hops) = &findings[0];
    assert!(
        message.contains("on administrative port tcp/22: internet → aws_internet_gateway.main")
    );
    assert_eq!(
        hops[5],
        hop(
            "main.tf",
            117,
            1,
            "Elastic IP `aws_eip.jump` gives `aws_instance.flagged_jump` a public address"
        )
    );
    let lines: Vec<(u64, u64)> = findings[1].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [(33, 18), (32, 18), (124, 1), (151, 1), (181, 20), (127, 29)]
    );
    assert!(undecided.is_empty(), "{undecided:?}");

    let (findings, _) = paths("tests/fixtures/ZT-NET-023/cloudformation", "ZT-NET-023");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].1, "template.yaml:152:3");
    assert_eq!(
        findings[0].3[5],
        hop(
            "template.yaml",
            161,
            37,
            "`FlaggedBastion` is given a public IP address"
        )
    );

    let (findings, _) = paths("tests/fixtures/ZT-NET-023/plan", "ZT-NET-023");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].1, "plan.json:636:18");
}

#[test]
fn launched_workloads_are_hops_of_the_path() {
    // A launch template's public address switch, and a database group admitting a CIDR that
    // holds the auto-scaling group's subnet.
    let (findings, undecided) = paths(
        "tests/fixtures/ZT-NET-022/terraform-workloads",
        "ZT-NET-022",
    );
    assert_eq!(findings.len(), 1);
    let (resource, at, message, hops) = &findings[0];
    assert_eq!(resource, "aws_db_instance.flagged_orders");
    assert_eq!(at, "main.tf:138:1");
    assert!(message.ends_with(
        "aws_security_group.web (tcp/443 from 0.0.0.0/0) → aws_autoscaling_group.web (public address) → \
         aws_security_group.orders_db (tcp/5432 from 10.0.0.0/16) → aws_db_instance.flagged_orders"
    ));
    let lines: Vec<(u64, u64)> = hops.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (33, 18),
            (32, 18),
            (13, 1),
            (13, 1),
            (50, 20),
            (80, 35),
            (112, 3),
            (138, 1)
        ]
    );
    assert_eq!(
        hops[5],
        hop(
            "main.tf",
            80,
            35,
            "`aws_autoscaling_group.web` launches with a public IP address (launch template `aws_launch_template.web`)"
        )
    );
    assert_eq!(
        hops[6].3,
        "security group `aws_security_group.orders_db` admits tcp/5432 from 10.0.0.0/16, which holds subnet `aws_subnet.public_a`"
    );
    assert!(undecided.is_empty(), "{undecided:?}");

    // A launch configuration without a switch: the subnet's MapPublicIpOnLaunch gives the address.
    let (findings, _) = paths(
        "tests/fixtures/ZT-NET-022/cloudformation-workloads",
        "ZT-NET-022",
    );
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0].3[5],
        hop(
            "template.yaml",
            21,
            28,
            "`WebGroupInstances` gets a public IP address from its subnet's map_public_ip_on_launch"
        )
    );

    // Plans: subnet, template and group ids known only after apply, joined by `configuration`.
    let (findings, _) = paths("tests/fixtures/ZT-NET-023/plan-workloads", "ZT-NET-023");
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|(r, at, _, _)| (r.as_str(), at.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("aws_autoscaling_group.flagged_bastion", "plan.json:250:18"),
            ("aws_ecs_service.flagged_debug", "plan.json:353:18"),
            ("aws_ecs_task_set.flagged_canary", "plan.json:388:18"),
        ]
    );
    let lines: Vec<(u64, u64)> = findings[1].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (147, 29),
            (137, 29),
            (52, 18),
            (52, 18),
            (196, 17),
            (369, 35)
        ]
    );
}

#[test]
fn ecs_task_sets_are_hops_of_the_path_like_services() {
    let (findings, undecided) = paths(
        "tests/fixtures/ZT-NET-023/terraform-workloads",
        "ZT-NET-023",
    );
    let canary = findings
        .iter()
        .find(|f| f.0 == "aws_ecs_task_set.flagged_canary")
        .expect("the task set with a public address is reported");
    assert_eq!(canary.1, "main.tf:168:1");
    let lines: Vec<(u64, u64)> = canary.3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [(29, 18), (28, 18), (13, 1), (13, 1), (70, 20), (177, 24)]
    );
    assert_eq!(
        canary.3[5],
        hop(
            "main.tf",
            177,
            24,
            "`aws_ecs_task_set.flagged_canary` is given a public IP address"
        )
    );
    assert!(
        !findings
            .iter()
            .any(|f| f.0 == "aws_ecs_task_set.passing_canary_without_address")
    );
    assert!(undecided.is_empty(), "{undecided:?}");

    // CloudFormation spells a task set's block `AwsVpcConfiguration`, not `AwsvpcConfiguration`.
    let (findings, _) = paths(
        "tests/fixtures/ZT-NET-023/cloudformation-workloads",
        "ZT-NET-023",
    );
    let canary = findings
        .iter()
        .find(|f| f.0 == "FlaggedCanaryTaskSet")
        .expect("the CloudFormation task set is reported");
    assert_eq!(canary.1, "template.yaml:140:3");
    assert_eq!(
        canary.3.last().map(|h| h.3.as_str()),
        Some("`FlaggedCanaryTaskSet` is given a public IP address")
    );
}

#[test]
fn a_shared_identity_names_the_reachable_workload_and_its_path() {
    let (findings, undecided) = paths("tests/fixtures/ZT-NET-024/terraform", "ZT-NET-024");
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|(r, at, _, _)| (r.as_str(), at.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("aws_instance.flagged_batch", "main.tf:97:28"),
            ("aws_autoscaling_group.flagged_workers", "main.tf:115:12"),
            ("aws_lambda_function.flagged_exporter", "main.tf:132:19"),
            ("aws_ecs_task_set.flagged_jobs", "main.tf:168:30"),
        ]
    );
    // ECS task sets share their task definitions' task role.
    let (_, _, message, hops) = &findings[3];
    assert!(message.contains("same IAM identity as `aws_ecs_task_set.api_canary`"));
    let lines: Vec<(u64, u64)> = hops.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (158, 30),
            (27, 18),
            (26, 18),
            (12, 1),
            (12, 1),
            (44, 20),
            (181, 24)
        ]
    );
    let (_, _, message, hops) = &findings[0];
    assert!(message.ends_with(
        "same IAM identity as `aws_instance.web`, which is: internet → aws_internet_gateway.main → \
         aws_route_table.public (0.0.0.0/0) → aws_subnet.public_a → default network ACL → \
         aws_security_group.web (tcp/443 from 0.0.0.0/0) → aws_instance.web (public address)"
    ));
    assert_eq!(
        hops[0],
        hop(
            "main.tf",
            89,
            33,
            "`aws_instance.web`, reachable from the internet, runs with this identity"
        )
    );
    let lines: Vec<(u64, u64)> = hops.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (89, 33),
            (27, 18),
            (26, 18),
            (12, 1),
            (12, 1),
            (44, 20),
            (88, 33)
        ]
    );
    assert!(undecided.is_empty(), "{undecided:?}");
}

#[test]
fn load_balancers_forward_the_internet_to_private_workloads() {
    // The clean three-tier design (ALB on 443, web tier on 8080, its database) opens no path;
    // a listener rule forwarding to the admin tier's SSH port does.
    let (findings, undecided) = paths(
        "tests/fixtures/ZT-NET-023/terraform-load-balancer",
        "ZT-NET-023",
    );
    assert_eq!(findings.len(), 3, "{findings:?}");
    let (resource, at, message, hops) = &findings[0];
    assert_eq!(resource, "aws_autoscaling_group.flagged_admin");
    assert_eq!(at, "main.tf:259:1");
    assert!(message.ends_with(
        "aws_security_group.alb (tcp/443 from 0.0.0.0/0) → aws_lb.front (tcp/443) → \
         aws_lb_listener_rule.debug → aws_lb_target_group.admin (tcp/22) → \
         aws_autoscaling_group.flagged_admin (registered) → aws_security_group.admin (tcp/22 from \
         aws_security_group.alb) → aws_autoscaling_group.flagged_admin"
    ));
    let lines: Vec<(u64, u64)> = hops.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (44, 18),
            (43, 18),
            (14, 1),
            (14, 1),
            (88, 20),
            (159, 24),
            (192, 3),
            (171, 14),
            (263, 26),
            (124, 24),
            (259, 1)
        ]
    );
    assert_eq!(
        hops[5],
        hop(
            "main.tf",
            159,
            24,
            "internet-facing application load balancer `aws_lb.front` listens on tcp/443"
        )
    );
    assert_eq!(
        hops[9].3,
        "security group `aws_security_group.admin` admits tcp/22 from aws_security_group.alb"
    );
    // A network load balancer without groups passes the internet through to the instance's
    // world rule; its listener forwards through a weighted `forward` block.
    let (resource, at, message, _) = &findings[1];
    assert_eq!(resource, "aws_instance.flagged_desktop");
    assert_eq!(at, "main.tf:419:1");
    assert!(message.ends_with(
        "aws_subnet.public_b → default network ACL → aws_lb.remote_desktop (tcp/3389) → \
         aws_lb_listener.rdp → aws_lb_target_group.rdp (tcp/3389) → \
         aws_lb_target_group_attachment.desktop → aws_security_group.rdp (tcp/3389 from \
         0.0.0.0/0) → aws_instance.flagged_desktop"
    ));
    // An ECS task set registers like a service: the target is the task on its container port.
    let (resource, at, message, hops) = &findings[2];
    assert_eq!(resource, "aws_ecs_task_set.flagged_admin_canary");
    assert_eq!(at, "main.tf:453:1");
    assert!(message.ends_with(
        "aws_lb_target_group.admin (tcp/22) → aws_ecs_task_set.flagged_admin_canary (registered) → \
         aws_security_group.admin (tcp/22 from aws_security_group.alb) → \
         aws_ecs_task_set.flagged_admin_canary"
    ));
    let lines: Vec<(u64, u64)> = hops.iter().skip(7).map(|h| (h.1, h.2)).collect();
    assert_eq!(lines, [(467, 24), (465, 24), (124, 24), (453, 1)]);
    // The target port of the other rule is a variable, and a target group given from outside
    // may be behind any load balancer: undecided, not findings.
    assert_eq!(
        undecided,
        ["aws_instance.debug", "aws_autoscaling_group.extra"]
    );

    // The database the admin tier reaches is one hop further; the web tier's is not reported.
    let (findings, _) = paths(
        "tests/fixtures/ZT-NET-022/terraform-load-balancer",
        "ZT-NET-022",
    );
    let found: Vec<&str> = findings.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(found, ["aws_db_instance.flagged_reports"]);
    assert!(findings[0].2.ends_with(
        "aws_autoscaling_group.admin_tier → aws_security_group.reports_db (tcp/5432 from \
         aws_security_group.admin) → aws_db_instance.flagged_reports"
    ));

    // CloudFormation: the default scheme faces the internet; a weighted forward configuration.
    let (findings, _) = paths(
        "tests/fixtures/ZT-NET-023/cloudformation-load-balancer",
        "ZT-NET-023",
    );
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].1, "template.yaml:240:3");
    let lines: Vec<(u64, u64)> = findings[0].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (51, 18),
            (50, 29),
            (17, 3),
            (17, 3),
            (95, 19),
            (136, 3),
            (178, 11),
            (153, 13),
            (248, 11),
            (115, 34),
            (240, 3)
        ]
    );

    // Plans: every id known only after apply, joined by `configuration`.
    let (findings, _) = paths("tests/fixtures/ZT-NET-023/plan-load-balancer", "ZT-NET-023");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].0, "aws_autoscaling_group.flagged_admin");
    assert!(findings[0].2.ends_with(
        "aws_lb_listener_rule.debug → aws_lb_target_group.admin (tcp/22) → \
         aws_autoscaling_group.flagged_admin (registered) → aws_security_group.admin (tcp/22 from \
         aws_security_group.alb) → aws_autoscaling_group.flagged_admin"
    ));

    // The web tier behind the load balancer is internet-reachable for a shared identity.
    let (findings, _) = paths(
        "tests/fixtures/ZT-NET-024/terraform-load-balancer",
        "ZT-NET-024",
    );
    let found: Vec<&str> = findings.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(found, ["aws_autoscaling_group.flagged_worker"]);
    assert!(findings[0].2.ends_with(
        "aws_lb_listener.https → aws_lb_target_group.web (tcp/8080) → \
         aws_autoscaling_group.passing_web (registered) → aws_security_group.app (tcp/8080 from \
         aws_security_group.alb) → aws_autoscaling_group.passing_web"
    ));
}

#[test]
fn a_reachable_workload_that_reads_a_store_names_its_role_statement_and_store() {
    let (findings, undecided) = paths("tests/fixtures/ZT-IAM-018/terraform", "ZT-IAM-018");
    let (resource, at, message, hops) = &findings[0];
    assert_eq!(resource, "aws_instance.flagged_web");
    assert_eq!(at, "main.tf:121:33");
    assert!(message.ends_with(
        "(public address) → aws_iam_role.web → policy statement allowing s3:GetObject → \
         aws_s3_bucket.orders"
    ));
    let lines: Vec<(u64, u64)> = hops.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (27, 18),
            (26, 18),
            (12, 1),
            (12, 1),
            (44, 20),
            (120, 33),
            (121, 33),
            (102, 18),
            (48, 1)
        ]
    );
    assert_eq!(
        hops[7].3,
        "lets `aws_iam_role.web` read `aws_s3_bucket.orders` (policy statement allowing s3:GetObject)"
    );
    assert_eq!(findings.len(), 10);
    // A managed policy whose grants are not known leaves the question open; so does a role
    // that may not decrypt with a bucket's default key (passing_sealed, and passing_denied
    // through its boundary), because objects written with other encryption need no access to
    // that key. A secret under a key its policy gives only through S3 is read by no role.
    assert_eq!(
        undecided,
        [
            "aws_instance.passing_unknown_grants",
            "aws_instance.passing_denied",
            "aws_instance.passing_sealed"
        ]
    );

    let (findings, _) = paths("tests/fixtures/ZT-IAM-018/cloudformation", "ZT-IAM-018");
    let (resource, at, message, hops) = &findings[0];
    assert_eq!(resource, "FlaggedWebInstance");
    assert_eq!(at, "template.yaml:95:27");
    assert!(message.ends_with("→ WebRole → policy statement allowing s3:GetObject → OrdersBucket"));
    let last: Vec<(u64, u64)> = hops.iter().skip(6).map(|h| (h.1, h.2)).collect();
    assert_eq!(last, [(95, 27), (82, 13), (46, 3)]);
}

/// The hops of the finding on `resource`, as `(file, line, column, note)`.
fn hops_of(dir: &str, resource: &str) -> (String, Vec<(String, u64, u64, String)>) {
    let (findings, _) = paths(dir, "ZT-IAM-018");
    let (_, _, message, hops) = findings
        .into_iter()
        .find(|f| f.0 == resource)
        .unwrap_or_else(|| panic!("no finding on {resource}"));
    (message, hops)
}

#[test]
fn a_store_under_a_customer_managed_key_is_read_through_the_key() {
    let (message, hops) = hops_of(
        "tests/fixtures/ZT-IAM-018/terraform",
        "aws_instance.flagged_unsealer",
    );
    assert!(message.ends_with(
        "→ aws_iam_role.unsealer → policy statement allowing s3:GetObject → policy statement \
         allowing kms:Decrypt → aws_kms_key.sealed → aws_s3_bucket.sealed"
    ));
    assert_eq!(
        hops[6..],
        [
            hop(
                "main.tf",
                426,
                33,
                "`aws_instance.flagged_unsealer` runs with the role `aws_iam_role.unsealer`"
            ),
            hop(
                "main.tf",
                401,
                7,
                "lets `aws_iam_role.unsealer` read `aws_s3_bucket.sealed` (policy statement allowing s3:GetObject)"
            ),
            hop(
                "main.tf",
                406,
                7,
                "lets `aws_iam_role.unsealer` decrypt with `aws_kms_key.sealed` (policy statement allowing kms:Decrypt)"
            ),
            hop(
                "main.tf",
                311,
                1,
                "the customer-managed key `aws_kms_key.sealed` encrypts `aws_s3_bucket.sealed`"
            ),
            hop(
                "main.tf",
                315,
                1,
                "the data store `aws_s3_bucket.sealed` is read"
            ),
        ]
    );

    // A plan: the key's policy is computed (not configured), the default one; the secret's key
    // is known only through the configuration's reference.
    let (message, hops) = hops_of(
        "tests/fixtures/ZT-IAM-018/plan",
        "aws_instance.flagged_vault",
    );
    assert!(message.ends_with(
        "→ aws_iam_role.vault → policy statement allowing secretsmanager:GetSecretValue → \
         policy statement allowing kms:Decrypt → aws_kms_key.vault → aws_secretsmanager_secret.vault"
    ));
    let last: Vec<(u64, u64)> = hops.iter().skip(6).map(|h| (h.1, h.2)).collect();
    assert_eq!(
        last,
        [(735, 35), (686, 21), (686, 21), (604, 18), (628, 18)]
    );

    // A key policy that names the role lets it decrypt without an identity policy on the key.
    let (message, hops) = hops_of(
        "tests/fixtures/ZT-IAM-018/cloudformation",
        "FlaggedReportsInstance",
    );
    assert!(message.ends_with(
        "→ ReportsRole → policy statement allowing s3:GetObject → key policy statement allowing \
         kms:Decrypt → ReportsKey → ReportsBucket"
    ));
    assert_eq!(
        hops[8..],
        [
            hop(
                "template.yaml",
                325,
                13,
                "lets `ReportsRole` decrypt with `ReportsKey` (key policy statement allowing kms:Decrypt)"
            ),
            hop(
                "template.yaml",
                314,
                3,
                "the customer-managed key `ReportsKey` encrypts `ReportsBucket`"
            ),
            hop(
                "template.yaml",
                330,
                3,
                "the data store `ReportsBucket` is read"
            ),
        ]
    );
}

#[test]
fn a_key_policy_the_rule_does_not_evaluate_is_named_in_the_undecided_reason() {
    let out = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args([
            "--no-config",
            "--show-unknown",
            "--format",
            "json",
            "--rule",
            "ZT-IAM-018",
            "tests/fixtures/ZT-IAM-018/terraform-table-key",
        ])
        .current_dir(root())
        .output()
        .expect("run zt-lint");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let reason = doc["undecided"]
        .as_array()
        .expect("undecided")
        .iter()
        .find(|u| u["resource"] == "aws_instance.passing_ledger")
        .and_then(|u| u["reason"].as_str())
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        reason,
        "the store is encrypted with the customer-managed key `aws_kms_key.tagged`, whose policy \
         has a statement with a condition on `aws:principaltag/tier`, which is not evaluated, so \
         whether the role may decrypt with it is not decided"
    );
}

#[test]
fn an_unknown_managed_policy_is_named_in_the_undecided_reason() {
    let out = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args([
            "--no-config",
            "--show-unknown",
            "--format",
            "json",
            "--rule",
            "ZT-IAM-018",
            "tests/fixtures/ZT-IAM-018/terraform",
        ])
        .current_dir(root())
        .output()
        .expect("run zt-lint");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let reason = doc["undecided"]
        .as_array()
        .expect("undecided")
        .iter()
        .find(|u| u["resource"] == "aws_instance.passing_unknown_grants")
        .and_then(|u| u["reason"].as_str())
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        reason,
        "the AWS managed policy `PowerUserAccess`: what it grants is not known to zt-lint"
    );
}

#[test]
fn classic_load_balancers_and_rewritten_sources_open_paths() {
    // A classic load balancer is its own target group: the listener's instance port is the hop.
    let (findings, undecided) = paths(
        "tests/fixtures/ZT-NET-023/terraform-classic-and-nlb",
        "ZT-NET-023",
    );
    assert!(undecided.is_empty(), "{undecided:?}");
    let found: Vec<&str> = findings.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        found,
        ["aws_instance.flagged_ops", "aws_instance.flagged_jump"]
    );
    let (_, at, message, hops) = &findings[0];
    assert_eq!(at, "main.tf:93:1");
    assert!(message.ends_with(
        "aws_security_group.elb (tcp/22 from 0.0.0.0/0) → aws_elb.ops (tcp/22) → aws_elb.ops \
         listener (tcp/22 → tcp/22) → aws_elb.ops (target) → aws_security_group.ops (tcp/22 from \
         aws_security_group.elb) → aws_instance.flagged_ops"
    ));
    let lines: Vec<(u64, u64)> = hops.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (30, 18),
            (29, 18),
            (15, 1),
            (15, 1),
            (46, 20),
            (80, 1),
            (88, 25),
            (83, 22),
            (64, 24),
            (93, 1)
        ]
    );
    assert_eq!(
        hops[6],
        hop(
            "main.tf",
            88,
            25,
            "a listener of `aws_elb.ops` sends tcp/22 to its instances on tcp/22"
        )
    );
    // IP targets over TCP see the network load balancer's address, so the VPC's range admits
    // the internet; the instance targets of the other group keep the client's address.
    let (_, at, message, hops) = &findings[1];
    assert_eq!(at, "main.tf:165:1");
    assert!(message.ends_with(
        "aws_lb.ssh (tcp/22) → aws_lb_listener.ssh → aws_lb_target_group.by_ip (tcp/22) → \
         aws_lb_target_group.by_ip (client IP not preserved) → aws_lb_target_group_attachment.jump \
         → aws_security_group.vpc_ssh (tcp/22 from 10.0.0.0/16) → aws_instance.flagged_jump"
    ));
    let lines: Vec<(u64, u64)> = hops.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (30, 18),
            (29, 18),
            (15, 1),
            (15, 1),
            (125, 1),
            (148, 3),
            (131, 17),
            (133, 17),
            (172, 1),
            (76, 20),
            (165, 1)
        ]
    );
    assert_eq!(
        hops[7].3,
        "the targets of `aws_lb_target_group.by_ip` see the load balancer's private address, not \
         the client's"
    );

    // Plans: an auto-scaling group registered by `load_balancers`, ids known after apply.
    let (findings, undecided) = paths(
        "tests/fixtures/ZT-NET-023/plan-classic-and-nlb",
        "ZT-NET-023",
    );
    assert!(undecided.is_empty(), "{undecided:?}");
    let found: Vec<&str> = findings.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        found,
        [
            "aws_instance.flagged_ops",
            "aws_autoscaling_group.flagged_ops_fleet",
            "aws_instance.flagged_jump"
        ]
    );
    let lines: Vec<(u64, u64)> = findings[1].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (108, 29),
            (100, 29),
            (45, 18),
            (45, 18),
            (154, 17),
            (248, 18),
            (263, 32),
            (413, 29),
            (206, 34),
            (389, 18)
        ]
    );
    assert_eq!(findings[2].3[7].1, 454);

    // CloudFormation: Scheme absent is internet-facing; the attribute list turns preservation off.
    let (findings, undecided) = paths(
        "tests/fixtures/ZT-NET-023/cloudformation-classic-and-nlb",
        "ZT-NET-023",
    );
    assert!(undecided.is_empty(), "{undecided:?}");
    let found: Vec<&str> = findings.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(found, ["FlaggedOps", "FlaggedJump"]);
    let lines: Vec<(u64, u64)> = findings[0].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (36, 18),
            (35, 29),
            (17, 3),
            (17, 3),
            (51, 19),
            (75, 3),
            (83, 25),
            (80, 19),
            (64, 34),
            (85, 3)
        ]
    );
    let lines: Vec<(u64, u64)> = findings[1].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (36, 18),
            (35, 29),
            (17, 3),
            (17, 3),
            (108, 3),
            (139, 11),
            (116, 13),
            (121, 18),
            (123, 11),
            (74, 19),
            (150, 3)
        ]
    );
}

/// A table under a customer-managed key whose policy, as AWS writes it for DynamoDB, gives the
/// key to the account's principals through DynamoDB only: the path goes through the key policy
/// statement and the key. The same policy through S3 only (the `passing_archive` workloads)
/// gives the role nothing: neither flagged nor undecided, which the fixtures' `expected` and
/// `expected-unknown` files check.
#[test]
fn a_table_is_read_through_a_key_its_policy_gives_through_dynamodb() {
    let tail = "→ policy statement allowing dynamodb:GetItem → key policy statement allowing \
                kms:Decrypt → ";
    for (dir, resource, names, file, last) in [
        (
            "tests/fixtures/ZT-IAM-018/terraform-table-key",
            "aws_instance.flagged_web",
            "aws_kms_key.orders → aws_dynamodb_table.orders",
            "main.tf",
            [(130, 33), (111, 18), (63, 7), (59, 1), (87, 1)],
        ),
        (
            "tests/fixtures/ZT-IAM-018/plan-table-key",
            "aws_instance.flagged_web",
            "aws_kms_key.orders → aws_dynamodb_table.orders",
            "plan.json",
            [(315, 35), (267, 21), (180, 21), (168, 18), (192, 18)],
        ),
        (
            "tests/fixtures/ZT-IAM-018/cloudformation-table-key",
            "FlaggedWebInstance",
            "OrdersKey → OrdersTable",
            "template.yaml",
            [(125, 27), (110, 17), (54, 13), (48, 3), (81, 3)],
        ),
    ] {
        let (message, hops) = hops_of(dir, resource);
        assert!(message.ends_with(&format!("{tail}{names}")), "{message}");
        let at: Vec<(&str, u64, u64)> = hops
            .iter()
            .skip(hops.len().saturating_sub(5))
            .map(|h| (h.0.as_str(), h.1, h.2))
            .collect();
        let want: Vec<(&str, u64, u64)> = last.iter().map(|(l, c)| (file, *l, *c)).collect();
        assert_eq!(at, want, "{dir}");
        assert!(
            hops.iter()
                .any(|h| h.3.contains("(key policy statement allowing kms:Decrypt)")),
            "{dir}"
        );
    }
}

#[test]
fn instances_are_reached_through_their_network_interfaces() {
    let (findings, undecided) = paths(
        "tests/fixtures/ZT-NET-023/terraform-interfaces",
        "ZT-NET-023",
    );
    let found: Vec<&str> = findings.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(
        found,
        [
            "main.tf:77:1",
            "main.tf:162:1",
            "main.tf:209:1",
            "main.tf:248:1",
            "main.tf:272:1",
            "main.tf:303:1"
        ]
    );
    // A group and an Elastic IP on the primary interface, named through the instance.
    assert!(
        findings[3]
            .2
            .contains("aws_security_group.admin (tcp/22 from 0.0.0.0/0)")
    );
    assert!(
        findings[4].3.iter().any(|h| h.3
            == "Elastic IP `aws_eip.on_primary` gives `aws_instance.flagged_eip_on_primary` a public address"),
        "{:?}",
        findings[4].3
    );
    let (resource, _, message, hops) = &findings[0];
    assert_eq!(resource, "aws_instance.flagged_admin");
    assert!(message.ends_with(
        "aws_security_group.admin (tcp/22 from 0.0.0.0/0) → aws_network_interface.public_admin → \
         aws_network_interface.public_admin (public address) → aws_instance.flagged_admin (device index 0)"
    ));
    let lines: Vec<(u64, u64)> = hops.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (33, 18),
            (32, 18),
            (17, 1),
            (17, 1),
            (50, 20),
            (67, 1),
            (72, 1),
            (81, 3)
        ]
    );
    // A second interface attached after launch, its Elastic IP associated on its own.
    assert_eq!(
        findings[1].3[6],
        hop(
            "main.tf",
            157,
            1,
            "Elastic IP `aws_eip_association.secondary` gives `aws_network_interface.secondary_public` a public address"
        )
    );
    assert_eq!(
        findings[1].3[7],
        hop(
            "main.tf",
            169,
            1,
            "`aws_network_interface.secondary_public` is attached to `aws_instance.flagged_secondary` as device index 1"
        )
    );
    assert_eq!(
        undecided,
        [
            "aws_instance.unknown_interface",
            "aws_instance.unknown_looked_up_interface"
        ]
    );

    let (findings, _) = paths(
        "tests/fixtures/ZT-NET-023/cloudformation-interfaces",
        "ZT-NET-023",
    );
    let lines: Vec<(u64, u64)> = findings[0].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (50, 18),
            (49, 29),
            (26, 3),
            (26, 3),
            (67, 19),
            (81, 3),
            (92, 3),
            (104, 11)
        ]
    );

    let (findings, _) = paths("tests/fixtures/ZT-NET-023/plan-interfaces", "ZT-NET-023");
    let lines: Vec<(u64, u64)> = findings[0].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (120, 22),
            (111, 22),
            (52, 15),
            (52, 15),
            (168, 9),
            (214, 15),
            (237, 15),
            (273, 7)
        ]
    );
}

#[test]
fn a_store_admitting_any_interface_of_a_reachable_instance_is_reachable_from_it() {
    let (findings, undecided) = paths(
        "tests/fixtures/ZT-NET-022/terraform-interfaces",
        "ZT-NET-022",
    );
    assert_eq!(findings.len(), 2);
    // The bastion is reached through its public interface and bridges to its private one.
    let (resource, at, message, hops) = &findings[1];
    assert_eq!(resource, "aws_db_instance.flagged_ledger");
    assert_eq!(at, "main.tf:190:1");
    assert!(message.ends_with(
        "aws_instance.bastion (device index 0) → aws_security_group.ledger_db (tcp/5432 from \
         aws_security_group.backend) → aws_db_instance.flagged_ledger"
    ));
    assert_eq!(
        hops[8],
        hop(
            "main.tf",
            156,
            3,
            "security group `aws_security_group.ledger_db` admits tcp/5432 from `aws_security_group.backend`, a group of `aws_instance.bastion`"
        )
    );
    assert!(undecided.is_empty(), "{undecided:?}");

    let (findings, _) = paths(
        "tests/fixtures/ZT-NET-022/cloudformation-interfaces",
        "ZT-NET-022",
    );
    let lines: Vec<(u64, u64)> = findings[0].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (52, 18),
            (51, 29),
            (22, 3),
            (22, 3),
            (70, 19),
            (89, 3),
            (95, 3),
            (113, 11),
            (139, 11),
            (162, 3)
        ]
    );

    let (findings, _) = paths("tests/fixtures/ZT-NET-022/plan-interfaces", "ZT-NET-022");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].1, "plan.json:543:15");
    assert_eq!(findings[0].3.len(), 10);
}

#[test]
fn eks_node_groups_are_hops_of_the_path() {
    // SSH asked for with a key pair and no source groups: EKS opens tcp/22 to the world, a hop
    // of its own at the key pair.
    let (findings, undecided) = paths(
        "tests/fixtures/ZT-NET-023/terraform-node-groups",
        "ZT-NET-023",
    );
    let (resource, at, message, hops) = &findings[0];
    assert_eq!(resource, "aws_eks_node_group.flagged_ssh_nodes");
    assert_eq!(at, "main.tf:49:1");
    assert!(message.ends_with(
        "aws_subnet.public_a → default network ACL → aws_eks_node_group.flagged_ssh_nodes remote \
         access (tcp/22 from 0.0.0.0/0) → aws_eks_node_group.flagged_ssh_nodes (public address)"
    ));
    assert_eq!(
        hops,
        &[
            hop(
                "main.tf",
                29,
                18,
                "internet gateway `aws_internet_gateway.main`"
            ),
            hop(
                "main.tf",
                28,
                18,
                "route table `aws_route_table.public` (associated with the subnet) sends 0.0.0.0/0 to `aws_internet_gateway.main`"
            ),
            hop(
                "main.tf",
                13,
                1,
                "subnet `aws_subnet.public_a` uses route table `aws_route_table.public`"
            ),
            hop(
                "main.tf",
                13,
                1,
                "subnet `aws_subnet.public_a` uses its VPC's default network ACL, which allows all traffic"
            ),
            hop(
                "main.tf",
                62,
                19,
                "`aws_eks_node_group.flagged_ssh_nodes` allows SSH with a key pair and names no source security group, so EKS opens tcp/22 on its nodes to 0.0.0.0/0"
            ),
            hop(
                "main.tf",
                16,
                29,
                "`aws_eks_node_group.flagged_ssh_nodes` gets a public IP address from its subnet's map_public_ip_on_launch"
            ),
        ]
    );
    // The cluster security group keeps its default rules (nothing from the internet), so the
    // nodes behind the bastion pass; a mixed instances override naming another template is
    // undecided.
    assert_eq!(
        undecided,
        ["aws_autoscaling_group.mixed_bastion_with_override"]
    );

    // A plan: subnet and group ids known only after apply, joined by `configuration`.
    let (findings, _) = paths("tests/fixtures/ZT-NET-023/plan-node-groups", "ZT-NET-023");
    let lines: Vec<(u64, u64)> = findings[0].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (123, 29),
            (113, 29),
            (52, 18),
            (52, 18),
            (207, 30),
            (64, 38)
        ]
    );

    // The web nodes' launch template group is admitted by the database's group.
    let (findings, undecided) = paths(
        "tests/fixtures/ZT-NET-022/terraform-node-groups",
        "ZT-NET-022",
    );
    let (resource, _, message, hops) = &findings[0];
    assert_eq!(resource, "aws_db_instance.flagged_orders");
    assert!(message.ends_with(
        "aws_security_group.web_nodes (tcp/443 from 0.0.0.0/0) → aws_eks_node_group.web_nodes \
         (public address) → aws_security_group.orders_db (tcp/5432 from \
         aws_security_group.web_nodes) → aws_db_instance.flagged_orders"
    ));
    let lines: Vec<(u64, u64)> = hops.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (34, 18),
            (33, 18),
            (13, 1),
            (13, 1),
            (60, 20),
            (16, 29),
            (191, 3),
            (216, 1)
        ]
    );
    assert_eq!(
        hops[6].3,
        "security group `aws_security_group.orders_db` admits tcp/5432 from `aws_security_group.web_nodes`, a group of `aws_eks_node_group.web_nodes`"
    );
    // A database admitting the cluster security group of public nodes the internet does not
    // reach (the group's default rules): passing.
    assert!(undecided.is_empty(), "{undecided:?}");

    let (findings, _) = paths(
        "tests/fixtures/ZT-NET-022/cloudformation-node-groups",
        "ZT-NET-022",
    );
    let lines: Vec<(u64, u64)> = findings[0].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (42, 18),
            (41, 29),
            (17, 3),
            (17, 3),
            (57, 19),
            (22, 28),
            (151, 11),
            (171, 3)
        ]
    );
}

#[test]
fn nodes_without_listed_groups_run_with_their_cluster_security_group() {
    // The cluster security group admits only its own members by default; a rule the
    // configuration adds to it opening SSH is the hop of the path.
    let (findings, undecided) = paths(
        "tests/fixtures/ZT-NET-023/terraform-cluster-group",
        "ZT-NET-023",
    );
    let (resource, at, message, hops) = &findings[0];
    assert_eq!(resource, "aws_eks_node_group.flagged_ops_nodes");
    assert_eq!(at, "main.tf:79:1");
    assert!(message.ends_with(
        "default network ACL → aws_eks_cluster.ops cluster security group (tcp/22 from \
         0.0.0.0/0) → aws_eks_node_group.flagged_ops_nodes (public address)"
    ));
    assert_eq!(
        hops[4],
        hop(
            "main.tf",
            75,
            24,
            "security group `aws_eks_cluster.ops cluster security group` admits tcp/22 from 0.0.0.0/0"
        )
    );
    let lines: Vec<(u64, u64)> = findings[1].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [(28, 18), (27, 18), (17, 1), (17, 1), (107, 23), (20, 29)]
    );
    // A cluster outside the configuration: its group's rules are unknown.
    assert_eq!(undecided, ["aws_eks_node_group.shared_cluster_nodes"]);

    let (findings, _) = paths(
        "tests/fixtures/ZT-NET-023/cloudformation-cluster-group",
        "ZT-NET-023",
    );
    assert_eq!(findings[0].1, "template.yaml:74:3");
    let lines: Vec<(u64, u64)> = findings[0].3.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [(35, 18), (34, 29), (20, 3), (20, 3), (73, 15), (25, 28)]
    );

    let (findings, _) = paths("tests/fixtures/ZT-NET-023/plan-cluster-group", "ZT-NET-023");
    assert_eq!(findings[0].1, "plan.json:257:18");
    assert_eq!(findings[0].3[4].1, 245);

    // A database admitting the cluster security group of nodes the internet reaches.
    let (findings, undecided) = paths(
        "tests/fixtures/ZT-NET-022/terraform-cluster-group",
        "ZT-NET-022",
    );
    let (resource, at, message, hops) = &findings[0];
    assert_eq!(resource, "aws_db_instance.flagged_orders");
    assert_eq!(at, "main.tf:86:1");
    assert!(message.ends_with(
        "aws_eks_node_group.web (public address) → aws_security_group.orders_db (tcp/5432 from \
         aws_eks_cluster.web cluster security group) → aws_db_instance.flagged_orders"
    ));
    let lines: Vec<(u64, u64)> = hops.iter().map(|h| (h.1, h.2)).collect();
    assert_eq!(
        lines,
        [
            (29, 18),
            (28, 18),
            (13, 1),
            (13, 1),
            (58, 23),
            (16, 29),
            (78, 3),
            (86, 1)
        ]
    );
    assert!(undecided.is_empty(), "{undecided:?}");

    for (dir, at, lines) in [
        (
            "tests/fixtures/ZT-NET-022/cloudformation-cluster-group",
            "template.yaml:83:3",
            [
                (36, 18),
                (35, 29),
                (16, 3),
                (16, 3),
                (65, 15),
                (21, 28),
                (79, 11),
                (83, 3),
            ],
        ),
        (
            "tests/fixtures/ZT-NET-022/plan-cluster-group",
            "plan.json:305:18",
            [
                (122, 29),
                (113, 29),
                (52, 18),
                (52, 18),
                (221, 24),
                (64, 38),
                (278, 13),
                (305, 18),
            ],
        ),
    ] {
        let (findings, undecided) = paths(dir, "ZT-NET-022");
        assert_eq!(findings.len(), 1, "{dir}");
        assert_eq!(findings[0].1, at);
        let got: Vec<(u64, u64)> = findings[0].3.iter().map(|h| (h.1, h.2)).collect();
        assert_eq!(got, lines, "{dir}");
        assert!(undecided.is_empty(), "{dir}: {undecided:?}");
    }
}

/// A directory under the system's temp dir, removed when the test is done with it (also when
/// it fails).
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What a check said of a resource: `(resource, message or undecided reason)`.
type Said = (String, String);

/// The findings (resource, message) and undecided checks (resource, reason) of `rule` on a
/// Terraform module: the node groups' VPC below, and `nodes`.
fn node_group_case(name: &str, nodes: &str, rule: &str) -> (Vec<Said>, Vec<Said>) {
    let dir = Scratch(
        std::env::temp_dir().join(format!("zt-lint-node-groups-{name}-{}", std::process::id())),
    );
    let _ = std::fs::remove_dir_all(&dir.0);
    std::fs::create_dir_all(&dir.0).expect("scratch dir");
    std::fs::write(dir.0.join("vpc.tf"), NODE_GROUP_VPC).expect("write vpc.tf");
    std::fs::write(dir.0.join("nodes.tf"), nodes).expect("write nodes.tf");
    let out = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args([
            "--no-config",
            "--show-unknown",
            "--format",
            "json",
            "--rule",
            rule,
        ])
        .arg(&dir.0)
        .output()
        .expect("run zt-lint");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["errors"].as_array().map(Vec::len), Some(0), "{doc}");
    let pairs = |key: &str, text: &str| -> Vec<Said> {
        doc[key]
            .as_array()
            .expect(key)
            .iter()
            .map(|f| {
                (
                    f["resource"].as_str().unwrap_or_default().to_string(),
                    f[text].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    (pairs("findings", "message"), pairs("undecided", "reason"))
}

/// A public subnet, an EKS cluster, and a database whose group admits the cluster security
/// group EKS creates (not in the configuration).
const NODE_GROUP_VPC: &str = r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.0.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.10.0/24"
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids = [aws_subnet.public.id, aws_subnet.private.id]
  }
}

resource "aws_security_group" "reports_db" {
  name   = "reports-db"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_eks_cluster.main.vpc_config[0].cluster_security_group_id]
  }
}

resource "aws_db_subnet_group" "private" {
  name       = "private"
  subnet_ids = [aws_subnet.private.id]
}

resource "aws_db_instance" "reports" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  db_subnet_group_name   = aws_db_subnet_group.private.name
  vpc_security_group_ids = [aws_security_group.reports_db.id]
}

# Admits nothing.
resource "aws_security_group" "closed" {
  name   = "closed"
  vpc_id = aws_vpc.main.id
}
"#;

/// A node group in `subnet` with `extra` arguments and blocks.
fn node_group(name: &str, subnet: &str, extra: &str) -> String {
    format!(
        r#"
resource "aws_eks_node_group" "{name}" {{
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "{name}"
  node_role_arn   = "arn:aws:iam::111122223333:role/nodes"
  subnet_ids      = [aws_subnet.{subnet}.id]

  scaling_config {{
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }}
{extra}
}}
"#
    )
}

const CLUSTER_GROUP: &str = "the nodes' launch lists no security group, so EKS gives them the security group of their cluster";

/// `nodes` naming a cluster that is not in the configuration, and a database admitting that
/// cluster's security group.
fn outside_cluster(nodes: &str) -> String {
    format!(
        "{}{}",
        r#"
data "aws_eks_cluster" "shared" {
  name = "shared"
}

resource "aws_security_group" "shared_db" {
  name   = "shared-db"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [data.aws_eks_cluster.shared.vpc_config[0].cluster_security_group_id]
  }
}

resource "aws_db_instance" "shared" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  db_subnet_group_name   = aws_db_subnet_group.private.name
  vpc_security_group_ids = [aws_security_group.shared_db.id]
}
"#,
        nodes.replace(
            "aws_eks_cluster.main.name",
            "data.aws_eks_cluster.shared.name"
        )
    )
}

#[test]
fn nodes_without_a_template_get_their_cluster_security_group() {
    // No launch template: the nodes get their cluster's security group, whose default rules
    // admit only its own members, so the internet does not reach them.
    let (findings, undecided) = node_group_case(
        "no-template",
        &node_group("nodes", "public", ""),
        "ZT-NET-022",
    );
    assert!(findings.is_empty(), "{findings:?}");
    assert!(undecided.is_empty(), "{undecided:?}");
}

#[test]
fn nodes_of_a_cluster_outside_the_configuration_leave_a_store_admitting_an_outside_group_undecided()
{
    // Their cluster's group is not in the model: its rules are unknown.
    let (findings, undecided) = node_group_case(
        "outside-cluster",
        &outside_cluster(&node_group("nodes", "public", "")),
        "ZT-NET-022",
    );
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(undecided.len(), 1, "{undecided:?}");
    assert_eq!(undecided[0].0, "aws_db_instance.shared");
    assert!(undecided[0].1.starts_with(CLUSTER_GROUP), "{undecided:?}");
}

#[test]
fn nodes_from_an_unknown_template_leave_a_store_admitting_an_outside_group_undecided() {
    // A template not known statically may list no group.
    let (findings, undecided) = node_group_case(
        "unknown-template",
        &format!(
            "variable \"lt_id\" {{}}\n{}",
            node_group(
                "nodes",
                "public",
                "  launch_template {\n    id      = var.lt_id\n    version = \"1\"\n  }\n"
            )
        ),
        "ZT-NET-022",
    );
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(
        undecided.iter().map(|u| u.0.as_str()).collect::<Vec<_>>(),
        ["aws_db_instance.reports"]
    );
}

#[test]
fn an_empty_group_list_in_the_template_is_no_list() {
    // The nodes get the cluster security group, as with no list; of a cluster outside the
    // configuration, its rules are unknown.
    let template = r#"
resource "aws_launch_template" "nodes" {
  name_prefix            = "nodes-"
  vpc_security_group_ids = []
}
"#;
    let (findings, undecided) = node_group_case(
        "empty-groups",
        &format!(
            "{template}{}",
            outside_cluster(&node_group(
                "nodes",
                "public",
                "  launch_template {\n    id      = aws_launch_template.nodes.id\n    version = \"1\"\n  }\n"
            ))
        ),
        "ZT-NET-022",
    );
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(undecided.len(), 1, "{undecided:?}");
    assert_eq!(undecided[0].0, "aws_db_instance.shared");
    assert!(undecided[0].1.starts_with(CLUSTER_GROUP), "{undecided:?}");
}

#[test]
fn a_launch_template_outside_the_configuration_says_so() {
    let nodes = format!(
        "data \"aws_launch_template\" \"shared\" {{\n  name = \"shared\"\n}}\n{}",
        node_group(
            "nodes",
            "public",
            "  launch_template {\n    id      = data.aws_launch_template.shared.id\n    version = \"1\"\n  }\n"
        )
    );
    let (findings, undecided) = node_group_case("data-template", &nodes, "ZT-NET-023");
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(undecided.len(), 1, "{undecided:?}");
    assert_eq!(undecided[0].0, "aws_eks_node_group.nodes");
    assert!(
        undecided[0]
            .1
            .starts_with("the launch template is not in the configuration"),
        "{undecided:?}"
    );
}

#[test]
fn node_remote_access_is_not_opened_with_a_launch_template() {
    // EKS rejects remote access together with a launch template: no port is opened.
    let template = r#"
resource "aws_launch_template" "nodes" {
  name_prefix            = "nodes-"
  vpc_security_group_ids = [aws_security_group.closed.id]
}
"#;
    let (findings, undecided) = node_group_case(
        "access-and-template",
        &format!(
            "{template}{}",
            node_group(
                "nodes",
                "public",
                "  launch_template {\n    id      = aws_launch_template.nodes.id\n    version = \"1\"\n  }\n  remote_access {\n    ec2_ssh_key = \"ops\"\n  }\n"
            )
        ),
        "ZT-NET-023",
    );
    assert!(findings.is_empty(), "{findings:?}");
    assert!(undecided.is_empty(), "{undecided:?}");
}

#[test]
fn windows_nodes_remote_access_opens_rdp() {
    // Windows nodes: the key pair gives the RDP password, and EKS opens 3389.
    let (findings, _) = node_group_case(
        "windows-access",
        &node_group(
            "nodes",
            "public",
            "  ami_type = \"WINDOWS_CORE_2022_x86_64\"\n  remote_access {\n    ec2_ssh_key = \"ops\"\n  }\n",
        ),
        "ZT-NET-023",
    );
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(
        findings[0]
            .1
            .contains("aws_eks_node_group.nodes remote access (tcp/3389 from 0.0.0.0/0)"),
        "{findings:?}"
    );
    assert!(findings[0].1.contains("tcp/3389"), "{findings:?}");
    assert!(!findings[0].1.contains("tcp/22 "), "{findings:?}");
}

#[test]
fn load_balanced_nodes_without_listed_groups_are_not_judged_on_the_default_group() {
    // The VPC's default group admits everything, but the nodes run with their cluster's
    // security group, not it: of a cluster outside the configuration, the path through the
    // load balancer is undecided; of the cluster in it, whose group admits only its own
    // members, the load balancer does not reach the nodes.
    let nodes = format!(
        "{}{}",
        r#"
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb" "web" {
  load_balancer_type = "application"
  subnets            = [aws_subnet.public.id]
  security_groups    = [aws_security_group.web.id]
}

resource "aws_lb_target_group" "ssh" {
  port     = 22
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id
}

resource "aws_lb_listener" "web" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.ssh.arn
  }
}

resource "aws_autoscaling_attachment" "nodes" {
  autoscaling_group_name = aws_eks_node_group.nodes.resources[0].autoscaling_groups[0].name
  lb_target_group_arn    = aws_lb_target_group.ssh.arn
}
"#,
        node_group("nodes", "private", "")
    );
    let (findings, undecided) = node_group_case(
        "load-balanced-outside",
        &outside_cluster(&nodes),
        "ZT-NET-023",
    );
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(undecided.len(), 1, "{undecided:?}");
    assert_eq!(undecided[0].0, "aws_eks_node_group.nodes");
    assert!(undecided[0].1.starts_with(CLUSTER_GROUP), "{undecided:?}");

    let (findings, undecided) = node_group_case("load-balanced", &nodes, "ZT-NET-023");
    assert!(findings.is_empty(), "{findings:?}");
    assert!(undecided.is_empty(), "{undecided:?}");
}

#[test]
fn an_instance_listing_a_group_only_known_after_apply_is_undecided_with_that_reference() {
    // The remote access group EKS creates for a node group is not in the model: which group
    // the reference names, and its rules, are unknown; it is not the node group.
    let bastion = r#"
resource "aws_eks_node_group" "nodes" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "nodes"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-nodes"
  subnet_ids      = [aws_subnet.private.id]

  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
}

resource "aws_instance" "bastion" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.public.id
  vpc_security_group_ids = [aws_eks_node_group.nodes.resources[0].remote_access_security_group_id]
}
"#;
    let (findings, undecided) = node_group_case("remote-access-group", bastion, "ZT-NET-023");
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(
        undecided,
        [(
            "aws_instance.bastion".to_string(),
            "`aws_eks_node_group.nodes.resources[0].remote_access_security_group_id` is not known \
             before apply, so which security group it names and its rules are unknown"
                .to_string()
        )]
    );
}
