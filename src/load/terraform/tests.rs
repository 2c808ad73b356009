use super::*;

fn file() -> FileId {
    FileId(0)
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
