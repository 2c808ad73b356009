use super::*;

fn file() -> FileId {
    FileId(0)
}

#[test]
fn a_syntax_error_at_a_multibyte_character_spans_the_whole_character() {
    let Err(err) = parse_file(file(), "locals {\n  x = →\n}\n") else {
        panic!("invalid HCL parsed");
    };
    assert_eq!((err.span.start, err.span.end), (15, 18), "{}", err.message);
    // A variable file the fuzzer found, whose error hcl-edit put inside the last character.
    let text = " w\"\"hmon\u{529}hmon\u{529}";
    let Err(err) = parse_tfvars(file(), text, false) else {
        panic!("invalid HCL parsed");
    };
    let (start, end) = (err.span.start as usize, err.span.end as usize);
    // One past the end is "end of file", which every output shows on the last character.
    let boundary = |i: usize| text.is_char_boundary(i) || i == text.len() + 1;
    assert!(boundary(start) && boundary(end), "{start}..{end}");
}

#[test]
fn a_syntax_error_is_located_at_the_offending_byte() {
    let text = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n}\n";
    let Err(err) = parse_file(file(), text) else {
        panic!("invalid HCL parsed");
    };
    assert!(err.message.starts_with("invalid HCL"), "{}", err.message);
    let at = err.span.start as usize;
    assert!(
        text[..at].contains("bucket ="),
        "error at byte {at}, before the broken attribute"
    );
}

#[test]
fn nesting_beyond_the_limit_is_refused_before_parsing() {
    let text = format!(
        "x = {}{}\n",
        "[".repeat(MAX_NESTING + 1),
        "]".repeat(MAX_NESTING + 1)
    );
    let Err(err) = parse_file(file(), &text) else {
        panic!("deep nesting parsed");
    };
    assert_eq!(err.span.start as usize, 4 + MAX_NESTING);
    assert!(parse_file(file(), "x = [[[1]]]\n").is_ok());
}

#[test]
fn a_body_of_many_attributes_is_compacted_in_linear_time() {
    // Compacting pushed each attribute after a search of those before it: 100,000 attributes
    // (a generated `.tfvars`, a large `locals`) took minutes. Linear, it takes well under a
    // second even unoptimised; the bound leaves room for a loaded machine.
    let text: String = (0..100_000).map(|i| format!("v{i} = {i}\n")).collect();
    let started = std::time::Instant::now();
    let parsed = parse_file(file(), &text).expect("parses");
    assert_eq!(parsed.body.len(), 100_000);
    assert_eq!(
        parsed
            .body
            .get_attribute("v99999")
            .map(|a| a.value.to_string()),
        Some(" 99999".to_string())
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn line_offset_counts_columns_in_characters() {
    let text = "a\n\u{e9}\u{e9}x\n";
    assert_eq!(line_offset(text, 2, 3), 2 + 4);
    assert_eq!(line_offset(text, 9, 1), text.len());
}

#[test]
fn declarations_of_all_files_are_gathered_by_kind() {
    let a = parse_file(
        file(),
        "variable \"v\" {}\nlocals {\n  l = 1\n}\nresource \"aws_vpc\" \"main\" {}\n",
    )
    .unwrap();
    let b = parse_file(
        FileId(1),
        "data \"aws_iam_policy_document\" \"p\" {}\nmodule \"m\" {\n  source = \"./m\"\n}\noutput \"o\" {\n  value = 1\n}\nterraform {}\n",
    )
    .unwrap();
    let files = [a, b];
    let d = declarations(&files);
    assert_eq!(d.variables.len(), 1);
    assert!(d.locals.contains_key("l"));
    let resources: Vec<_> = d
        .resources
        .iter()
        .map(|(mode, kind, name, _, f)| (*mode, *kind, *name, *f))
        .collect();
    assert_eq!(
        resources,
        [
            (Mode::Managed, "aws_vpc", "main", FileId(0)),
            (Mode::Data, "aws_iam_policy_document", "p", FileId(1)),
        ]
    );
    assert_eq!(d.modules.len(), 1);
    assert_eq!(d.outputs.len(), 1);
}

#[test]
fn detached_bodies_follow_the_declarations_and_leave_count_and_for_each() {
    let mut files = [
        parse_file(
            file(),
            "provider \"aws\" {\n  alias = \"west\"\n}\nresource \"aws_vpc\" \"main\" {\n  count      = 2\n  cidr_block = \"10.0.0.0/16\"\n}\n",
        )
        .unwrap(),
        parse_file(
            FileId(1),
            "variable \"v\" {\n  default = 1\n}\ndata \"aws_ami\" \"a\" {\n  for_each = toset([\"x\"])\n  owners   = [\"self\"]\n}\n",
        )
        .unwrap(),
    ];
    let bodies = detach_resource_bodies(&mut files);
    let kept: Vec<Vec<&str>> = bodies
        .iter()
        .map(|b| b.attributes().map(|a| a.key.as_str()).collect())
        .collect();
    assert_eq!(kept, [vec!["cidr_block"], vec!["owners"]]);
    let d = declarations(&files);
    let left: Vec<(&str, Vec<&str>)> = d
        .resources
        .iter()
        .map(|(_, kind, name, block, _)| {
            let keys = block.body.attributes().map(|a| a.key.as_str()).collect();
            (if name.is_empty() { *kind } else { *name }, keys)
        })
        .collect();
    // The provider keeps its body (its alias names it); the others keep only what a
    // reference to them reads before or after they are evaluated.
    assert_eq!(
        left,
        [
            ("west", vec!["alias"]),
            ("main", vec!["count"]),
            ("a", vec!["for_each"])
        ]
    );
    assert_eq!(d.variables.len(), 1);
}

#[test]
fn references_to_counted_resources_read_their_count_before_and_after_they_are_evaluated() {
    // A root module's resource bodies are freed as they are evaluated: a resource declared
    // before the one it counts, and one after it, see the same instances.
    let ws = load_module(
        "detached-count",
        &[(
            "main.tf",
            "resource \"aws_route_table_association\" \"before\" {\n  count     = 2\n  subnet_id = aws_subnet.s[*].id\n}\nresource \"aws_subnet\" \"s\" {\n  count      = 2\n  cidr_block = \"10.0.${count.index}.0/24\"\n}\nresource \"aws_route_table_association\" \"after\" {\n  for_each  = toset([\"k\"])\n  subnet_id = aws_subnet.s[*].id\n}\n",
        )],
    );
    let model = ws.models.first().expect("one model");
    let addresses: Vec<&str> = model.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(
        addresses,
        [
            "aws_route_table_association.before[0]",
            "aws_route_table_association.before[1]",
            "aws_subnet.s[0]",
            "aws_subnet.s[1]",
            "aws_route_table_association.after[\"k\"]",
        ]
    );
    for address in [
        "aws_route_table_association.before[1]",
        "aws_route_table_association.after[\"k\"]",
    ] {
        assert_eq!(
            attr(&ws, address, "subnet_id").items().len(),
            2,
            "{address}"
        );
    }
    assert_eq!(
        attr(&ws, "aws_subnet.s[1]", "cidr_block").as_str(),
        Some("10.0.1.0/24")
    );
}

#[test]
fn block_header_span_covers_the_type_and_labels() {
    let text = "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n";
    let parsed = parse_file(file(), text).unwrap();
    let block = parsed.body.blocks().next().unwrap();
    let span = block_header_span(file(), block);
    assert_eq!(
        &text[span.start as usize..span.end as usize],
        "resource \"aws_vpc\" \"main\""
    );
}

/// Loads a module written into a fresh directory.
fn load_module(name: &str, files: &[(&str, &str)]) -> crate::load::Workspace {
    let dir = std::env::temp_dir().join(format!("zt-lint-eval-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let ws = crate::load::load(
        std::slice::from_ref(&dir),
        &crate::load::LoadOptions::new(&crate::aws::naming::NAMING),
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(ws.errors.is_empty(), "{:?}", ws.errors);
    ws
}

fn attr<'w>(ws: &'w crate::load::Workspace, address: &str, key: &str) -> &'w Node {
    ws.models
        .iter()
        .flat_map(|m| &m.resources)
        .find(|r| r.address == address)
        .and_then(|r| r.get(key))
        .unwrap_or_else(|| panic!("{address}.{key}"))
}

/// `(line, column)` where a span starts.
fn at(ws: &crate::load::Workspace, span: Span) -> (usize, usize) {
    let file = ws.sources.get(span.file).expect("file");
    let lc = file.line_col(span.start);
    (lc.line, lc.column)
}

#[test]
fn a_heredoc_policy_with_interpolations_is_a_document_with_partly_known_leaves() {
    let ws = load_module(
        "heredoc",
        &[(
            "main.tf",
            r#"resource "aws_sqs_queue" "q" {}
resource "aws_iam_policy" "p" {
  policy = <<EOF
{
  "Statement": [
    {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "${aws_sqs_queue.q.arn}"},
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${var.bucket}/*"},
    {"Effect": "Allow", "Action": "*", "Resource": "*"}
  ]
}
EOF
}
variable "bucket" {}
"#,
        )],
    );
    let policy = attr(&ws, "aws_iam_policy.p", "policy");
    let statements = policy.get("Statement").and_then(Node::as_list).unwrap();
    let queue = statements[0].get("Resource").unwrap();
    assert_eq!(
        queue.as_reference().map(|r| r.to_string()).as_deref(),
        Some("aws_sqs_queue.q.arn"),
        "a hole that is the whole string is the reference, as with jsonencode"
    );
    assert_eq!(at(&ws, queue.span), (6, 66));
    let bucket = statements[1].get("Resource").unwrap();
    assert_eq!(bucket.text_shape(), Some("arn:aws:s3:::*/*"));
    let star = statements[2].get("Action").unwrap();
    assert_eq!(star.as_str(), Some("*"));
    assert_eq!(
        at(&ws, star.span),
        (8, 35),
        "the leaf's span points into the heredoc"
    );
}

#[test]
fn an_indented_heredoc_and_a_quoted_template_read_the_same() {
    let ws = load_module(
        "quoted",
        &[(
            "main.tf",
            r#"data "aws_caller_identity" "c" {}
resource "aws_iam_role" "quoted" {
  assume_role_policy = "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::${data.aws_caller_identity.c.account_id}:root\"}}]}"
}
resource "aws_iam_role" "indented" {
  assume_role_policy = <<-EOT
    {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${data.aws_caller_identity.c.account_id}:root"}}]}
  EOT
}
"#,
        )],
    );
    for role in ["aws_iam_role.quoted", "aws_iam_role.indented"] {
        let principal = attr(&ws, role, "assume_role_policy")
            .path(&["Statement"])
            .and_then(|s| s.items().first())
            .and_then(|s| s.path(&["Principal", "AWS"]))
            .unwrap_or_else(|| panic!("{role}"));
        assert_eq!(
            principal.text_shape(),
            Some("arn:aws:iam::*:root"),
            "{role}"
        );
        assert_eq!(
            principal.deployed_text(),
            Some("arn:aws:iam::${AWS::AccountId}:root"),
            "{role}"
        );
    }
}

/// A template whose object the HCL parser would take minutes over is not parsed: the value is
/// unknown and says why.
#[test]
fn templatefile_checks_a_templates_cost_before_parsing_it() {
    let items: Vec<String> = (0..20_001).map(|i| format!("k{i} = {i}")).collect();
    let ws = load_module(
        "templatefile-cost",
        &[
            (
                "main.tf",
                "resource \"aws_iam_policy\" \"p\" {\n  policy = templatefile(\"big.tpl\", {})\n}\n",
            ),
            (
                "big.tpl",
                &format!("${{jsonencode({{{}}})}}\n", items.join(", ")),
            ),
        ],
    );
    let policy = attr(&ws, "aws_iam_policy.p", "policy");
    let reason = policy.unknown_reason().unwrap_or_default();
    assert!(
        reason.contains("templatefile(\"big.tpl\") is not parsed")
            && reason.contains("more than 20000 items"),
        "{policy:?}"
    );
}

/// The expressions of a Terraform JSON file pass the same check before hcl-edit parses them.
#[test]
fn a_terraform_json_expressions_cost_is_checked_before_parsing() {
    let items: Vec<String> = (0..20_001).map(|i| format!("k{i} = {i}")).collect();
    let text = format!(
        "{{\"resource\": {{\"aws_iam_policy\": {{\"p\": {{\"policy\": \"${{jsonencode({{{}}})}}\"}}}}}}}}\n",
        items.join(", ")
    );
    let dir = std::env::temp_dir().join(format!("zt-lint-eval-json-cost-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("main.tf.json"), &text).unwrap();
    let ws = crate::load::load(
        std::slice::from_ref(&dir),
        &crate::load::LoadOptions::new(&crate::aws::naming::NAMING),
    );
    let _ = std::fs::remove_dir_all(&dir);
    let errors: Vec<(usize, usize, &str)> = ws
        .errors
        .iter()
        .map(|e| {
            let (line, column) = at(&ws, e.span);
            (line, column, e.message.as_str())
        })
        .collect();
    let open = text.find("({").unwrap() + 2;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].0, errors[0].1), (1, open), "{errors:?}");
    assert!(errors[0].2.contains("more than 20000 items"), "{errors:?}");
}

#[test]
fn templatefile_binds_its_variables_and_leaves_undecided_directives_unknown() {
    let ws = load_module(
        "templatefile",
        &[
            (
                "main.tf",
                r#"resource "aws_sqs_queue" "q" {}
variable "admin" {}
resource "aws_iam_policy" "known" {
  policy = templatefile("policy.json.tpl", { queue = aws_sqs_queue.q.arn, action = "sqs:*" })
}
resource "aws_iam_policy" "directive" {
  policy = templatefile("admin.json.tpl", { admin = var.admin })
}
"#,
            ),
            (
                "policy.json.tpl",
                "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"${action}\", \"Resource\": \"${queue}\"}]}\n",
            ),
            (
                "admin.json.tpl",
                "{\"Statement\": [%{ if admin }{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}%{ endif }]}\n",
            ),
        ],
    );
    let policy = attr(&ws, "aws_iam_policy.known", "policy");
    let statement = policy
        .get("Statement")
        .and_then(|s| s.items().first())
        .unwrap();
    assert_eq!(
        statement.get("Action").and_then(Node::as_str),
        Some("sqs:*")
    );
    assert!(statement.get("Resource").unwrap().as_reference().is_some());
    assert_eq!(
        at(&ws, statement.span),
        (4, 12),
        "located at the templatefile() call"
    );
    let directive = attr(&ws, "aws_iam_policy.directive", "policy");
    assert!(
        directive
            .unknown_reason()
            .is_some_and(|r| r.contains("directive")),
        "{directive:?}"
    );
}

#[test]
fn an_object_constructor_keeps_the_last_of_repeated_keys() {
    let ws = load_module(
        "repeated",
        &[(
            "main.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n  tags = {\n    Name = \"a\"\n    \"Env\" = \"x\"\n    Name = \"b\"\n    \"Env\" = \"y\"\n  }\n}\n",
        )],
    );
    let tags = attr(&ws, "aws_s3_bucket.b", "tags").as_map().unwrap();
    assert_eq!(tags.len(), 2);
    assert_eq!(tags.get("Name").and_then(Node::as_str), Some("b"));
    assert_eq!(tags.get("Env").and_then(Node::as_str), Some("y"));
    assert_eq!(at(&ws, tags.entry("Name").unwrap().key_span), (5, 5));
}

/// Every repeat is renamed before the one parse: hundreds of them, not a few dozen.
#[test]
fn an_object_constructor_takes_hundreds_of_repeated_keys() {
    let keys: String = (0..300).map(|i| format!("    key{i} = \"a\"\n")).collect();
    let repeats: String = (0..300).map(|i| format!("    key{i} = \"b\"\n")).collect();
    let ws = load_module(
        "repeated-many",
        &[(
            "main.tf",
            &format!("resource \"aws_s3_bucket\" \"b\" {{\n  tags = {{\n{keys}{repeats}  }}\n}}\n"),
        )],
    );
    let tags = attr(&ws, "aws_s3_bucket.b", "tags").as_map().unwrap();
    assert_eq!(tags.len(), 300);
    assert!(tags.iter().all(|(_, v)| v.as_str() == Some("b")));
    assert_eq!(at(&ws, tags.entry("key299").unwrap().key_span), (602, 5));
}

#[test]
fn blocks_that_declare_no_resource_are_accepted_and_not_linted() {
    let ws = load_module(
        "blocks",
        &[(
            "main.tf",
            r#"import {
  to = aws_s3_bucket.b
  id = "b"
}
moved {
  from = aws_s3_bucket.a
  to   = aws_s3_bucket.b
}
removed {
  from = aws_s3_bucket.old
  lifecycle {
    destroy = false
  }
}
check "up" {
  data "aws_s3_bucket" "scoped" {
    bucket = "b"
  }
  assert {
    condition     = data.aws_s3_bucket.scoped.id != ""
    error_message = "missing"
  }
}
ephemeral "aws_secretsmanager_secret_version" "pw" {
  secret_id = "db"
}
resource "aws_s3_bucket" "b" {}
resource "aws_db_instance" "db" {
  password_wo         = ephemeral.aws_secretsmanager_secret_version.pw.secret_string
  password_wo_version = 1
}
"#,
        )],
    );
    let addresses: Vec<&str> = ws
        .models
        .iter()
        .flat_map(|m| &m.resources)
        .map(|r| r.address.as_str())
        .collect();
    assert_eq!(addresses, ["aws_s3_bucket.b", "aws_db_instance.db"]);
    assert!(attr(&ws, "aws_db_instance.db", "password_wo").is_unknown());
}

#[test]
fn a_reference_keeps_its_whole_path_and_an_index_picks_one_instance() {
    let ws = load_module(
        "paths",
        &[(
            "main.tf",
            r#"resource "aws_security_group" "a" {}
resource "aws_security_group" "list" {
  count = 3
}
resource "aws_eks_cluster" "c" {
  vpc_config {
    security_group_ids = [aws_security_group.a.id]
  }
}
resource "aws_instance" "i" {
  tags = {
    Owner = "team-a"
  }
}
resource "aws_launch_template" "t" {
  vpc_security_group_ids = [
    aws_eks_cluster.c.vpc_config[0].cluster_security_group_id,
    aws_eks_cluster.c.vpc_config.0.security_group_ids,
    aws_security_group.list[1].id,
    aws_security_group.list.*.id[2],
    aws_instance.i.tags["Owner"],
  ]
  name = aws_security_group.list[*].tags["Name"]
}
"#,
        )],
    );
    let texts = |key| -> Vec<String> {
        attr(&ws, "aws_launch_template.t", key)
            .items()
            .iter()
            .map(|n| match n.as_reference() {
                Some(r) => r.to_string(),
                None => format!("{:?}", n.value),
            })
            .collect()
    };
    assert_eq!(
        texts("vpc_security_group_ids"),
        [
            "aws_eks_cluster.c.vpc_config[0].cluster_security_group_id",
            "aws_eks_cluster.c.vpc_config[0].security_group_ids",
            "aws_security_group.list[1].id",
            "aws_security_group.list[2].id",
            "aws_instance.i.tags[\"Owner\"]",
        ]
    );
    // A full splat reads the rest of the traversal from each instance.
    assert_eq!(
        texts("name"),
        [0, 1, 2].map(|i| format!("aws_security_group.list[{i}].tags[\"Name\"]"))
    );
    // The model reads each for what it is: the cluster security group stands as its cluster,
    // the list the configuration gives holds its group, an instance is itself, and a tag is its
    // value, not the resource that carries it.
    let model = ws.models.first().expect("a model");
    let groups = attr(&ws, "aws_launch_template.t", "vpc_security_group_ids").items();
    let named: Vec<Option<&str>> = groups
        .iter()
        .map(|g| {
            let g = model.dereference(g);
            let g = g.items().first().unwrap_or(g);
            let id = model.resolve(g)?;
            model.get(id).map(|r| r.address.as_str())
        })
        .collect();
    assert_eq!(
        named,
        [
            Some("aws_eks_cluster.c"),
            Some("aws_security_group.a"),
            Some("aws_security_group.list[1]"),
            Some("aws_security_group.list[2]"),
            None,
        ]
    );
    let owner = groups.get(4).expect("the tag");
    assert_eq!(model.dereference(owner).as_str(), Some("team-a"));
}

#[test]
fn an_attribute_naming_another_resource_is_that_resource_not_its_owner() {
    let ws = load_module(
        "naming",
        &[(
            "main.tf",
            r#"resource "aws_vpc" "v" {}
resource "aws_subnet" "s" {
  vpc_id = aws_vpc.v.id
}
resource "aws_security_group" "g" {
  vpc_id = aws_vpc.v.id
}
resource "aws_instance" "i" {
  subnet_id              = aws_subnet.s.id
  vpc_security_group_ids = [aws_security_group.g.id]
}
resource "aws_kms_key" "k" {}
resource "aws_kms_alias" "a" {
  name          = "alias/a"
  target_key_id = aws_kms_key.k.key_id
}
resource "aws_iam_role" "r" {
  name = "r"
}
resource "aws_iam_instance_profile" "p" {
  role = aws_iam_role.r.name
}
resource "aws_db_subnet_group" "d" {
  subnet_ids = [aws_subnet.s.id]
}
resource "aws_db_instance" "db" {
  db_subnet_group_name = aws_db_subnet_group.d.name
}
resource "aws_launch_template" "t" {
  vpc_security_group_ids = [
    aws_instance.i.vpc_security_group_ids,
    aws_subnet.s.vpc_id,
    aws_security_group.g.vpc_id,
    aws_instance.i.subnet_id,
    aws_kms_alias.a.target_key_id,
    aws_kms_alias.a.target_key_arn,
    aws_iam_instance_profile.p.role,
    aws_db_instance.db.db_subnet_group_name,
    aws_vpc.v.default_security_group_id,
    aws_vpc.v.main_route_table_id,
    aws_kms_key.k.key_id,
    aws_instance.i.key_name,
    aws_instance.i.availability_zone,
  ]
}
"#,
        )],
    );
    let model = ws.models.first().expect("a model");
    let named: Vec<Option<&str>> = attr(&ws, "aws_launch_template.t", "vpc_security_group_ids")
        .items()
        .iter()
        .map(|node| {
            let node = model.dereference(node);
            let node = node.items().first().unwrap_or(node);
            let id = model.resolve(node)?;
            model.get(id).map(|r| r.address.as_str())
        })
        .collect();
    assert_eq!(
        named,
        [
            // What the owner's configuration writes there.
            Some("aws_security_group.g"),
            Some("aws_vpc.v"),
            Some("aws_vpc.v"),
            Some("aws_subnet.s"),
            // `target_key_arn` names the key `target_key_id` is written with.
            Some("aws_kms_key.k"),
            Some("aws_kms_key.k"),
            Some("aws_iam_role.r"),
            Some("aws_db_subnet_group.d"),
            // What AWS creates with the VPC, which the model stands for by the VPC.
            Some("aws_vpc.v"),
            Some("aws_vpc.v"),
            // The key's own identity.
            Some("aws_kms_key.k"),
            // Another resource the configuration does not give: not the instance.
            None,
            // Not shaped like a name of a resource: read as the instance, as before.
            Some("aws_instance.i"),
        ]
    );
}

#[test]
fn join_and_one_of_a_splat_follow_the_reference() {
    let ws = load_module(
        "splat",
        &[(
            "main.tf",
            r#"resource "aws_kms_key" "k" {}
resource "aws_security_group" "two" {
  count = 2
}
resource "aws_sqs_queue" "q" {
  kms_master_key_id = one(aws_kms_key.k[*].arn)
  name              = join("", aws_kms_key.k[*].id)
  policy            = join(",", aws_security_group.two[*].id)
}
"#,
        )],
    );
    let reference = |key| {
        attr(&ws, "aws_sqs_queue.q", key)
            .as_reference()
            .map(|r| r.to_string())
    };
    assert_eq!(
        reference("kms_master_key_id").as_deref(),
        Some("aws_kms_key.k.arn")
    );
    assert_eq!(reference("name").as_deref(), Some("aws_kms_key.k.id"));
    assert_eq!(
        attr(&ws, "aws_sqs_queue.q", "policy").text_shape(),
        Some("*,*")
    );
}

#[test]
fn partition_is_aws_and_the_caller_account_equals_itself() {
    let ws = load_module(
        "facts",
        &[(
            "main.tf",
            r#"data "aws_partition" "p" {}
data "aws_caller_identity" "a" {}
data "aws_caller_identity" "b" {}
resource "aws_s3_bucket" "b" {
  bucket        = "arn:${data.aws_partition.p.partition}:s3:::x"
  force_destroy = data.aws_caller_identity.a.account_id == data.aws_caller_identity.b.account_id
  tags          = { same = data.aws_caller_identity.a.account_id == "111122223333" }
}
"#,
        )],
    );
    let bucket = attr(&ws, "aws_s3_bucket.b", "bucket");
    assert_eq!(bucket.as_str(), Some("arn:aws:s3:::x"));
    let same = attr(&ws, "aws_s3_bucket.b", "force_destroy");
    assert_eq!(same.truth(), crate::graph::Truth::Yes);
    let tags = attr(&ws, "aws_s3_bucket.b", "tags");
    assert!(tags.get("same").unwrap().is_unknown());
}

#[test]
fn variables_and_locals_are_indexed_in_place() {
    let text = r#"variable "cidrs" {
  default = ["10.0.0.0/16", "10.1.0.0/16"]
}
variable "tiers" {
  default = { web = { port = 443 } }
}
locals {
  ports = [22, 3389]
  rules = [{ port = 80 }, { port = 8080 }]
}
resource "aws_vpc" "v" {
  count      = 2
  cidr_block = var.cidrs[count.index]
  # Terraform's error; inside tags it would make all of them one.
  instance_tenancy = var.cidrs[5]
  tags = {
    port  = var.tiers["web"].port
    local = local.ports[1]
    splat = local.rules[*].port
    whole = local.ports
  }
}
"#;
    let ws = load_module("indexed", &[("main.tf", text)]);
    let second = attr(&ws, "aws_vpc.v[1]", "cidr_block");
    assert_eq!(second.as_str(), Some("10.1.0.0/16"));
    let tags = attr(&ws, "aws_vpc.v[0]", "tags");
    assert_eq!(tags.get("port").and_then(Node::as_i64), Some(443));
    assert_eq!(tags.get("local").and_then(Node::as_i64), Some(3389));
    let splat: Vec<Option<i64>> = tags
        .get("splat")
        .unwrap()
        .items()
        .iter()
        .map(Node::as_i64)
        .collect();
    assert_eq!(splat, [Some(80), Some(8080)]);
    assert!(attr(&ws, "aws_vpc.v[0]", "instance_tenancy").is_unknown());
    assert_eq!(tags.get("whole").unwrap().items().len(), 2);
}

/// Every block, attribute and value span of a tree, depth first, to compare two trees by.
fn spans(body: &Body, out: &mut Vec<Option<std::ops::Range<usize>>>) {
    for block in body.blocks() {
        out.push(block.span());
        out.push(block.ident.span());
        out.extend(block.labels.iter().map(|l| match l {
            BlockLabel::Ident(i) => i.span(),
            BlockLabel::String(s) => s.span(),
        }));
        spans(&block.body, out);
    }
    for attr in body.attributes() {
        out.extend([attr.span(), attr.key.span(), attr.value.span()]);
    }
}

#[test]
fn a_compacted_tree_keeps_every_structure_and_span_and_no_spare_room() {
    let text = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"${local.prefix}-b\"\n  tags   = local.tags.common\n  rule {\n    id = var.rules[0].id\n  }\n}\n\nlocals {\n  a = 1\n}\n";
    let parsed = hcl_edit::parser::parse_body(text).unwrap();
    let compacted = parse_file(file(), text).unwrap().body;
    assert_eq!(compacted, parsed);
    let (mut before, mut after) = (Vec::new(), Vec::new());
    spans(&parsed, &mut before);
    spans(&compacted, &mut after);
    assert_eq!(after, before);
    assert!(after.iter().all(Option::is_some));
    let block = compacted.blocks().next().unwrap();
    assert_eq!(block.labels.capacity(), 2);
    let tags = block.body.get_attribute("tags").unwrap();
    let hcl_edit::expr::Expression::Traversal(t) = &tags.value else {
        panic!("tags is not a traversal");
    };
    assert_eq!(t.operators.capacity(), t.operators.len());
}

#[test]
fn the_shape_of_a_splat_is_known_while_its_elements_are_not() {
    let ws = load_module(
        "shape",
        &[(
            "main.tf",
            r#"variable "create" {
  default = true
}
variable "unknown" {}
data "aws_iam_policy_document" "one" {
  count = var.create ? 1 : 0
}
data "aws_iam_policy_document" "none" {
  count = 0
}
resource "aws_sqs_queue" "maybe" {
  count = var.unknown ? 1 : 0
}
locals {
  documents = flatten(concat(data.aws_iam_policy_document.one[*].json, data.aws_iam_policy_document.none[*].json, []))
}
resource "aws_sqs_queue" "q" {
  name                       = length(local.documents)
  policy                     = local.documents[0]
  delay_seconds              = length(aws_sqs_queue.maybe[*].arn)
  max_message_size           = length(flatten([aws_sqs_queue.maybe[0].tags]))
}
"#,
        )],
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    assert_eq!(q("name").as_i64(), Some(1));
    assert_eq!(
        q("policy").as_reference().map(|r| r.to_string()).as_deref(),
        Some("data.aws_iam_policy_document.one[0].json")
    );
    // An unknown count makes the number of instances unknown, not one.
    assert!(q("delay_seconds").is_unknown());
    // An unknown attribute might be a list: flatten cannot tell its length.
    assert!(q("max_message_size").is_unknown());
}

#[test]
fn try_falls_back_past_an_instance_the_count_does_not_make() {
    let ws = load_module(
        "try",
        &[(
            "main.tf",
            r#"variable "on" {
  default = false
}
variable "unknown" {}
resource "aws_s3_bucket" "off" {
  count = var.on ? 1 : 0
}
resource "aws_s3_bucket" "on" {
  count = 1
}
resource "aws_s3_bucket" "maybe" {
  count = var.unknown ? 1 : 0
}
resource "aws_sqs_queue" "q" {
  name              = try(aws_s3_bucket.off[0].arn, "fallback")
  kms_master_key_id = try(aws_s3_bucket.on[0].arn, "fallback")
  policy            = try(aws_s3_bucket.maybe[0].arn, "fallback")
  delay_seconds     = can(aws_s3_bucket.off[0].arn)
}
"#,
        )],
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    assert_eq!(q("name").as_str(), Some("fallback"));
    assert_eq!(
        q("kms_master_key_id")
            .as_reference()
            .map(|r| r.to_string())
            .as_deref(),
        Some("aws_s3_bucket.on[0].arn")
    );
    // The instance may not exist: Terraform gives the reference or the fallback, which
    // only apply decides.
    assert!(q("policy").is_unknown(), "{:?}", q("policy"));
    assert!(q("policy").as_reference().is_none());
    assert_eq!(q("delay_seconds").truth(), crate::graph::Truth::No);
}

#[test]
fn try_takes_a_reference_only_to_an_instance_known_to_exist() {
    let ws = load_module(
        "try_unknown",
        &[(
            "main.tf",
            r#"variable "u" {}
variable "key" {}
data "aws_iam_policy_document" "custom" {
  count = var.u ? 1 : 0
}
data "aws_iam_policy_document" "default" {}
resource "aws_s3_bucket" "each" {
  for_each = toset(["a"])
}
resource "aws_s3_bucket" "counted" {
  count = 2
}
locals {
  custom = data.aws_iam_policy_document.custom[0].json
}
resource "aws_sqs_queue" "q" {
  policy            = try(data.aws_iam_policy_document.custom[0].json, data.aws_iam_policy_document.default.json)
  name              = try(aws_s3_bucket.each[var.key].arn, "fallback")
  kms_master_key_id = try(aws_s3_bucket.each["a"].arn, "fallback")
  delay_seconds     = try(aws_s3_bucket.counted.arn, "fallback")
  fifo_queue        = can(data.aws_iam_policy_document.custom[0].json)
  max_message_size  = try(local.custom, "fallback")
}
"#,
        )],
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    let reference = |key| q(key).as_reference().map(|r| r.to_string());
    // An unknown count or key: the instance may not exist, and try() is unknown.
    assert!(q("policy").is_unknown() && reference("policy").is_none());
    assert!(q("name").is_unknown() && reference("name").is_none());
    assert!(q("fifo_queue").is_unknown());
    assert_eq!(
        reference("kms_master_key_id").as_deref(),
        Some("aws_s3_bucket.each[\"a\"].arn")
    );
    // A counted resource read without an index is Terraform's error, or at best uncertain.
    assert!(q("delay_seconds").is_unknown() && reference("delay_seconds").is_none());
    // A local is evaluated once, outside the try(): had it failed, so would the plan.
    assert_eq!(
        reference("max_message_size").as_deref(),
        Some("data.aws_iam_policy_document.custom[0].json")
    );
}

#[test]
fn a_known_collection_holding_unknowns_is_not_null() {
    let ws = load_module(
        "null",
        &[(
            "main.tf",
            r#"variable "unknown" {}
locals {
  groups = { a = { key = var.unknown } }
}
resource "aws_sqs_queue" "q" {
  name              = local.groups != null ? "some" : "none"
  kms_master_key_id = var.unknown != null ? "some" : "none"
  delay_seconds     = null == local.groups ? 1 : 2
  fifo_queue        = anytrue([var.unknown, true])
  policy            = alltrue([var.unknown, true])
  sqs_managed_sse_enabled = alltrue([])
}
"#,
        )],
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    assert_eq!(q("name").as_str(), Some("some"));
    // An unknown value may be null.
    assert!(q("kms_master_key_id").is_unknown());
    assert_eq!(q("delay_seconds").as_i64(), Some(2));
    assert_eq!(q("fifo_queue").truth(), crate::graph::Truth::Yes);
    assert!(q("policy").is_unknown());
    assert_eq!(
        q("sqs_managed_sse_enabled").truth(),
        crate::graph::Truth::Yes
    );
}

#[test]
fn length_counts_the_entries_of_a_map() {
    let ws = load_module(
        "length",
        &[(
            "main.tf",
            r#"variable "unknown" {}
resource "aws_sqs_queue" "q" {
  name              = length({})
  delay_seconds     = length({ a = 1, b = 2 })
  max_message_size  = length({ a = var.unknown })
  kms_master_key_id = length({ a = var.unknown, b = { c = var.unknown } }) > 0 ? "some" : "none"
  policy            = length({}) > 0 ? "some" : "none"
}
"#,
        )],
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    assert_eq!(q("name").as_i64(), Some(0));
    assert_eq!(q("delay_seconds").as_i64(), Some(2));
    assert_eq!(q("max_message_size").as_i64(), Some(1));
    assert_eq!(q("kms_master_key_id").as_str(), Some("some"));
    assert_eq!(q("policy").as_str(), Some("none"));
}

#[test]
fn try_does_not_take_a_reference_into_part_of_an_attribute() {
    let ws = load_module(
        "deep",
        &[(
            "main.tf",
            r#"resource "aws_s3_bucket" "b" {}
resource "aws_eks_cluster" "c" {}
resource "aws_sqs_queue" "q" {
  name              = try(aws_s3_bucket.b.tags["Owner"], "none")
  kms_master_key_id = try(aws_eks_cluster.c.identity[0].oidc[0].issuer, "")
  policy            = aws_eks_cluster.c.identity[0].oidc[0].issuer
  delay_seconds     = aws_s3_bucket.b.arn
}
"#,
        )],
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    for key in ["name", "kms_master_key_id"] {
        assert!(
            q(key).is_unknown() && q(key).as_reference().is_none(),
            "{key}: {:?}",
            q(key)
        );
    }
    // Outside try() the reference stays, for the edge to the cluster.
    assert_eq!(
        q("policy").as_reference().map(|r| r.address.as_str()),
        Some("aws_eks_cluster.c")
    );
    assert_eq!(
        q("delay_seconds")
            .as_reference()
            .map(|r| r.to_string())
            .as_deref(),
        Some("aws_s3_bucket.b.arn")
    );
}

#[test]
fn a_collection_holding_an_error_is_that_error() {
    let ws = load_module(
        "errors",
        &[(
            "main.tf",
            r#"resource "aws_s3_bucket" "off" {
  count = 0
}
resource "aws_sqs_queue" "q" {
  name              = try(length([aws_s3_bucket.off[0].arn]), 0)
  delay_seconds     = try(length(concat(["a"], [aws_s3_bucket.off[0].arn])), 0)
  kms_master_key_id = try({ key = aws_s3_bucket.off[0].arn }, "fallback")
  fifo_queue        = try(anytrue([aws_s3_bucket.off[0].arn == "x", true]), false)
  max_message_size  = can([[aws_s3_bucket.off[0].arn]])
  policy            = try(try(aws_s3_bucket.off[0].arn), "outer")
}
"#,
        )],
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    assert_eq!(q("name").as_i64(), Some(0));
    assert_eq!(q("delay_seconds").as_i64(), Some(0));
    assert_eq!(q("kms_master_key_id").as_str(), Some("fallback"));
    assert_eq!(q("fifo_queue").truth(), crate::graph::Truth::No);
    assert_eq!(q("max_message_size").truth(), crate::graph::Truth::No);
    assert_eq!(q("policy").as_str(), Some("outer"));
}

#[test]
fn a_long_chain_of_counts_reading_each_other_is_bounded_not_a_stack_overflow() {
    // Declared last to first, so counting the first declared walks the whole chain.
    const N: usize = 20_000;
    let mut text = String::new();
    for i in (1..N).rev() {
        text.push_str(&format!(
            "resource \"aws_sqs_queue\" \"q{i}\" {{\n  count = length([aws_sqs_queue.q{}[0].arn])\n}}\n",
            i - 1
        ));
    }
    text.push_str("resource \"aws_sqs_queue\" \"q0\" {\n  count = 1\n}\n");
    let ws = load_module("chain", &[("main.tf", &text)]);
    let resources: Vec<&str> = ws
        .models
        .iter()
        .flat_map(|m| &m.resources)
        .map(|r| r.address.as_str())
        .collect();
    // Past the depth limit a count is undecided while it is read; each resource's own count
    // is evaluated afresh, from a predecessor already counted.
    assert_eq!(resources.len(), N);
    assert!(resources.iter().all(|a| a.ends_with("[0]")));
    assert!(resources.contains(&"aws_sqs_queue.q0[0]"));
}

#[test]
fn an_index_is_converted_to_the_kind_of_key_the_resource_has() {
    let ws = load_module(
        "index_kind",
        &[(
            "main.tf",
            r#"resource "aws_s3_bucket" "counted" {
  count = 2
}
resource "aws_s3_bucket" "keyed" {
  for_each = { "1" = "one" }
}
resource "aws_sqs_queue" "q" {
  name              = try(aws_s3_bucket.counted["1"].arn, "fallback")
  kms_master_key_id = try(aws_s3_bucket.keyed[1].arn, "fallback")
  policy            = try(aws_s3_bucket.counted["x"].arn, "fallback")
  delay_seconds     = try(aws_s3_bucket.keyed[2].arn, "fallback")
}
"#,
        )],
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    let reference = |key| q(key).as_reference().map(|r| r.to_string());
    assert_eq!(
        reference("name").as_deref(),
        Some("aws_s3_bucket.counted[1].arn")
    );
    assert_eq!(
        reference("kms_master_key_id").as_deref(),
        Some("aws_s3_bucket.keyed[\"1\"].arn")
    );
    assert_eq!(q("policy").as_str(), Some("fallback"));
    assert_eq!(q("delay_seconds").as_str(), Some("fallback"));
}

#[test]
fn anytrue_and_alltrue_convert_as_terraform_converts_to_bool() {
    let ws = load_module(
        "to_bool",
        &[(
            "main.tf",
            r#"variable "unknown" {}
resource "aws_sqs_queue" "q" {
  name              = try(anytrue(["TRUE"]), "error")
  kms_master_key_id = try(anytrue(["false", "true"]), "error")
  policy            = try(alltrue("true"), "error")
  delay_seconds     = try(anytrue([1, true]), "error")
  fifo_queue        = try(tobool("True"), "error")
  max_message_size  = try(anytrue([var.unknown]), "error")
  visibility_timeout_seconds = try(tobool("1"), "error")
  message_retention_seconds  = try(alltrue(["1", "0"]), "error")
}
"#,
        )],
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    // Only the exact strings "true"/"1" and "false"/"0" convert to bool; anything else is an
    // error.
    assert_eq!(q("name").as_str(), Some("error"));
    assert_eq!(q("kms_master_key_id").truth(), crate::graph::Truth::Yes);
    assert_eq!(q("policy").as_str(), Some("error"));
    assert_eq!(q("delay_seconds").as_str(), Some("error"));
    assert_eq!(q("fifo_queue").as_str(), Some("error"));
    assert!(q("max_message_size").is_unknown());
    // go-cty converts "1" and "0" too.
    assert_eq!(
        q("visibility_timeout_seconds").truth(),
        crate::graph::Truth::Yes
    );
    assert_eq!(
        q("message_retention_seconds").truth(),
        crate::graph::Truth::No
    );
}

#[test]
fn and_and_or_short_circuit_past_an_error_on_the_side_that_does_not_decide() {
    let ws = load_module(
        "short_circuit",
        &[(
            "main.tf",
            r#"variable "ssh" {
  default = null
}
resource "aws_s3_bucket" "guarded" {
  count = var.ssh != null && var.ssh.enabled ? 1 : 0
}
resource "aws_sqs_queue" "q" {
  name              = try(var.ssh == null || var.ssh.enabled, "error")
  kms_master_key_id = try(var.ssh.enabled && false, "error")
  policy            = try(var.ssh == null && var.ssh.enabled, "error")
  delay_seconds     = try(var.ssh != null || var.ssh.enabled, "error")
  fifo_queue        = try(null && var.ssh.enabled, "error")
}
"#,
        )],
    );
    let addresses: Vec<&str> = ws
        .models
        .iter()
        .flat_map(|m| &m.resources)
        .map(|r| r.address.as_str())
        .collect();
    // Terraform 1.12 and later: `false && <error>` is false, so no instance.
    assert!(
        !addresses
            .iter()
            .any(|a| a.starts_with("aws_s3_bucket.guarded"))
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    assert_eq!(q("name").truth(), crate::graph::Truth::Yes);
    // Either side decides, whichever holds the error.
    assert_eq!(q("kms_master_key_id").truth(), crate::graph::Truth::No);
    // A side that does not decide leaves the error, and try() falls back.
    assert_eq!(q("policy").as_str(), Some("error"));
    assert_eq!(q("delay_seconds").as_str(), Some("error"));
    // A null operand is itself an error, not false.
    assert_eq!(q("fifo_queue").as_str(), Some("error"));
}

#[test]
fn a_function_we_do_not_evaluate_for_its_inputs_is_unknown_not_an_error() {
    let ws = load_module(
        "not_evaluated",
        &[(
            "main.tf",
            r#"variable "v6" {
  default = "2001:db8::/56"
}
variable "rules" {
  default = [{ id = "r" }]
}
resource "aws_s3_bucket" "maybe" {
  count = can(cidrsubnet(var.v6, 8, 0)) ? 1 : 0
}
resource "aws_sqs_queue" "q" {
  name              = try(replace("a-b", "/-/", "_"), "fallback")
  kms_master_key_id = try(format("%03d", 7), "fallback")
  policy            = try([cidrhost(var.v6, 1)], "fallback")
  delay_seconds     = can(split("", "ab"))
  fifo_queue        = can(element([], 0))
  max_message_size  = can(zipmap(["a"], []))
  visibility_timeout_seconds = try(jsondecode(var.rules), var.rules)
}
"#,
        )],
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    for key in ["name", "kms_master_key_id", "delay_seconds"] {
        assert!(q(key).is_unknown(), "{key}: {:?}", q(key).value);
    }
    // try() keeps the list, which holds an unknown rather than an error.
    assert!(matches!(q("policy").as_list(), Some([one]) if one.is_unknown()));
    // Where Terraform certainly fails, the error stays one.
    assert_eq!(q("fifo_queue").truth(), crate::graph::Truth::No);
    assert_eq!(q("max_message_size").truth(), crate::graph::Truth::No);
    // A list where a string is wanted fails the conversion, so try() takes the list.
    assert!(q("visibility_timeout_seconds").as_list().is_some());
    // The count is undecided, not zero: the resource is not dropped silently.
    let maybe: Vec<_> = ws
        .models
        .iter()
        .flat_map(|m| &m.resources)
        .filter(|r| r.address.starts_with("aws_s3_bucket.maybe"))
        .map(|r| r.address.as_str())
        .collect();
    assert!(!maybe.is_empty(), "{maybe:?}");
}

#[test]
fn a_for_expression_holding_an_error_is_that_error() {
    let ws = load_module(
        "for_errors",
        &[(
            "main.tf",
            r#"variable "subnets" {
  default = [{ cidr = "10.0.0.0/24" }, { name = "no-cidr" }]
}
resource "aws_sqs_queue" "q" {
  name              = try([for s in var.subnets : s.cidr][0], "fallback")
  delay_seconds     = can({ for s in var.subnets : s.cidr => s })
  fifo_queue        = can([for s in var.subnets : s if s.cidr != ""])
  max_message_size  = can([for s in var.subnets : s.cidr if can(s.cidr)])
}
"#,
        )],
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    assert_eq!(q("name").as_str(), Some("fallback"));
    assert_eq!(q("delay_seconds").truth(), crate::graph::Truth::No);
    assert_eq!(q("fifo_queue").truth(), crate::graph::Truth::No);
    // A condition that filters the failing element out leaves no error.
    assert_eq!(q("max_message_size").truth(), crate::graph::Truth::Yes);
}

#[test]
fn an_optional_default_is_shaped_by_its_type_and_replaces_null() {
    let ws = load_module(
        "optional_defaults",
        &[(
            "main.tf",
            r#"variable "cfg" {
  type = object({
    ssh = optional(object({ enabled = optional(bool, false) }), {})
    tls = optional(object({ enabled = optional(bool, true) }), {})
  })
  default = { tls = null }
}
resource "aws_sqs_queue" "q" {
  fifo_queue                  = try(var.cfg.ssh.enabled, "error")
  content_based_deduplication = try(var.cfg.tls.enabled, "error")
}
"#,
        )],
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    assert_eq!(q("fifo_queue").truth(), crate::graph::Truth::No);
    assert_eq!(
        q("content_based_deduplication").truth(),
        crate::graph::Truth::Yes
    );
}

#[test]
fn conditions_convert_to_bool_as_terraform_does() {
    let ws = load_module(
        "conditions",
        &[(
            "main.tf",
            r#"resource "aws_sqs_queue" "q" {
  name              = "TRUE" ? "yes" : "no"
  kms_master_key_id = "true" ? "yes" : "no"
  policy            = !"True"
  delay_seconds     = "false" || "TRUE"
  fifo_queue        = "false" && "TRUE"
  visibility_timeout_seconds = "1" ? "yes" : "no"
  message_retention_seconds  = "0" ? "yes" : "no"
  receive_wait_time_seconds  = !"0"
}
"#,
        )],
    );
    let q = |key| attr(&ws, "aws_sqs_queue.q", key);
    // Only the exact strings "true"/"1" and "false"/"0" convert to bool; "TRUE" decides nothing.
    assert!(q("name").is_unknown());
    assert_eq!(q("kms_master_key_id").as_str(), Some("yes"));
    assert!(q("policy").is_unknown());
    assert!(q("delay_seconds").is_unknown());
    // A false operand decides `&&` whatever the other is.
    assert_eq!(q("fifo_queue").truth(), crate::graph::Truth::No);
    // go-cty converts "1" and "0" too.
    assert_eq!(q("visibility_timeout_seconds").as_str(), Some("yes"));
    assert_eq!(q("message_retention_seconds").as_str(), Some("no"));
    assert_eq!(
        q("receive_wait_time_seconds").truth(),
        crate::graph::Truth::Yes
    );
}

#[test]
fn a_null_input_to_a_variable_that_is_not_nullable_takes_its_default() {
    let ws = load_module(
        "nullable",
        &[
            (
                "main.tf",
                r#"module "queue" {
  source    = "./queue"
  encrypted = null
  named     = null
  required  = null
}
"#,
            ),
            (
                "queue/main.tf",
                r#"variable "encrypted" {
  type     = bool
  default  = true
  nullable = false
}
variable "named" {
  type    = string
  default = "fallback"
}
variable "required" {
  type     = string
  nullable = false
}
resource "aws_sqs_queue" "q" {
  sqs_managed_sse_enabled = var.encrypted
  name                    = var.named
  kms_master_key_id       = var.required
}
"#,
            ),
        ],
    );
    let q = |key| attr(&ws, "module.queue.aws_sqs_queue.q", key);
    assert_eq!(
        q("sqs_managed_sse_enabled").truth(),
        crate::graph::Truth::Yes
    );
    // A nullable variable (the default) is null when the caller passes null.
    assert!(q("name").is_null());
    // Terraform refuses null for a non-nullable variable without a default: not null, unknown.
    assert_eq!(
        q("kms_master_key_id").unknown_reason(),
        Some("null given to a non-nullable variable")
    );
}

#[test]
fn override_files_merge_by_name_and_alias_and_leave_module_calls_out() {
    let original = parse_file(
        file(),
        "provider \"aws\" {\n  region = \"eu-west-1\"\n}\nprovider \"aws\" {\n  alias  = \"west\"\n  region = \"us-west-2\"\n}\nmodule \"m\" {\n  source = \"./m\"\n}\n",
    )
    .unwrap();
    let mut changes = parse_file(
        FileId(1),
        "provider \"aws\" {\n  region = \"eu-central-1\"\n}\nmodule \"m\" {\n  source = \"./n\"\n}\n",
    )
    .unwrap();
    changes.is_override = true;
    let files = [original, changes];
    let d = declarations(&files);
    // The default configuration gets the override; the aliased one is kept as it is.
    let providers: Vec<_> = d
        .resources
        .iter()
        .map(|(mode, kind, name, _, f)| (*mode, *kind, *name, *f))
        .collect();
    assert_eq!(
        providers,
        [
            (Mode::Provider, "aws", "", FileId(0)),
            (Mode::Provider, "aws", "west", FileId(0)),
        ]
    );
    let merged = d.overrides.get(&("provider", "aws", "")).map(Vec::len);
    assert_eq!(merged, Some(1));
    assert!(!d.overrides.contains_key(&("provider", "aws", "west")));
    // A module call an override changes is not merged: both halves are left out, said so.
    assert!(d.modules.is_empty());
    assert_eq!(d.not_merged.len(), 1);
    // At the override's header, `module "m"`.
    assert_eq!(d.not_merged[0].0, Span::new(FileId(1), 45, 55));
}
