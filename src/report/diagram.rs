//! Pictures of exposure paths: a Mermaid flowchart of one finding's path for the Markdown report,
//! and the whole model (resources, references, paths highlighted) in Graphviz DOT or Mermaid for
//! `zt-lint graph`. Paths come from the findings' [`Finding::path`]: nothing is analysed here.

use crate::graph::Model;
use crate::rules::Finding;
use crate::source::SourceMap;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{self, Write};

/// Drawing syntaxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Dot,
    Mermaid,
}

/// A finding's exposure path as a Mermaid flowchart, from the internet to the last hop, or `None`
/// when the finding is not a path.
pub fn path_flowchart(finding: &Finding) -> Option<String> {
    if finding.path.is_empty() {
        return None;
    }
    let mut out = String::from("flowchart LR\n  n0((\"internet\"))\n");
    for (i, hop) in finding.path.iter().enumerate() {
        out.push_str(&format!(
            "  n{} ==> n{}[\"{}\"]\n",
            i,
            i + 1,
            mermaid_text(&hop.label)
        ));
    }
    let ids: Vec<String> = (0..=finding.path.len()).map(|i| format!("n{i}")).collect();
    out.push_str(EXPOSED_CLASS);
    out.push_str(&format!("  class {} exposed\n", ids.join(",")));
    Some(out)
}

const EXPOSED_CLASS: &str = "  classDef exposed stroke:#d00,stroke-width:3px,color:#900\n";

/// One box of the picture.
struct Shape {
    id: String,
    label: String,
    exposed: bool,
}

/// What a picture shows: the resources of each model (a cluster each), the references between
/// them, and the exposure paths, whose hops outside any resource (the internet, a VPC's default
/// network ACL) are boxes of their own.
struct Picture {
    clusters: Vec<(String, Vec<Shape>)>,
    loose: Vec<Shape>,
    /// `(from, to)` as (model, resource) indices, in model order.
    references: BTreeSet<((usize, usize), (usize, usize))>,
    /// `(from, to, rule id)`, in the order of the findings.
    paths: Vec<(String, String, &'static str)>,
}

const INTERNET: &str = "internet";

fn picture(models: &[Model], findings: &[Finding], sources: &SourceMap) -> Picture {
    let mut clusters = Vec::new();
    let mut references = BTreeSet::new();
    let node_id = |m: usize, r: usize| format!("r{m}_{r}");
    for (m, model) in models.iter().enumerate() {
        let mut boxes = Vec::new();
        for id in model.ids() {
            let Some(resource) = model.get(id).filter(|r| r.is_managed()) else {
                continue;
            };
            boxes.push(Shape {
                id: node_id(m, id.0),
                label: format!("{}\n{}", resource.address, resource.kind),
                exposed: false,
            });
            for (from, referrer) in model.referrers(id) {
                if referrer.is_managed() && from != id {
                    references.insert(((m, from.0), (m, id.0)));
                }
            }
        }
        let file = model
            .resources
            .first()
            .map(|r| sources.path(r.span.file).display().to_string())
            .unwrap_or_default();
        clusters.push((format!("{} {file}", model.origin.name()), boxes));
    }

    // Each file's model, so a finding finds its model without a search of all of them.
    let mut model_of_file = HashMap::new();
    for (m, model) in models.iter().enumerate() {
        for r in &model.resources {
            model_of_file.entry(r.span.file).or_insert(m);
        }
    }
    let mut loose = Vec::new();
    let mut exposed: BTreeSet<String> = BTreeSet::new();
    let mut paths = Vec::new();
    let mut drawn = HashSet::new();
    for (k, finding) in findings.iter().enumerate() {
        if finding.path.is_empty() {
            continue;
        }
        // The model holding the finding's resource resolves the hops' resources. A plan finding
        // shown at its Terraform source is found by where it is in the plan.
        let file = finding
            .plan_span
            .map_or(finding.resource_span.file, |s| s.file);
        let model = model_of_file.get(&file).and_then(|&m| {
            let model = models.get(m)?;
            let id = model.by_address(&finding.resource)?;
            (model.get(id)?.kind == finding.resource_type).then_some((m, model))
        });
        let mut previous = INTERNET.to_string();
        exposed.insert(previous.clone());
        for (j, hop) in finding.path.iter().enumerate() {
            let resolved = model.and_then(|(m, model)| {
                let id = model.by_address(hop.resource.as_deref()?)?;
                model
                    .get(id)
                    .filter(|r| r.is_managed())
                    .map(|_| node_id(m, id.0))
            });
            let current = resolved.unwrap_or_else(|| {
                let id = format!("p{k}_{j}");
                loose.push(Shape {
                    id: id.clone(),
                    label: hop.label.clone(),
                    exposed: true,
                });
                id
            });
            let edge = (previous, current.clone(), finding.rule.id);
            if edge.0 != edge.1 && drawn.insert(edge.clone()) {
                paths.push(edge);
            }
            exposed.insert(current.clone());
            previous = current;
        }
    }
    if !paths.is_empty() {
        loose.insert(
            0,
            Shape {
                id: INTERNET.to_string(),
                label: INTERNET.to_string(),
                exposed: true,
            },
        );
    }
    for (_, boxes) in &mut clusters {
        for b in boxes {
            b.exposed = exposed.contains(&b.id);
        }
    }
    Picture {
        clusters,
        loose,
        references,
        paths,
    }
}

/// What Mermaid (and so GitHub) draws at most unless the page configures it otherwise: links
/// (`maxEdges`) and characters of diagram text (`maxTextSize`).
const MERMAID_MAX_EDGES: usize = 500;
const MERMAID_MAX_TEXT: usize = 50_000;

impl Picture {
    /// The boxes on an exposure path and the links between them.
    fn exposed_only(&self) -> Picture {
        let exposed = |s: &&Shape| s.exposed;
        let copy = |s: &Shape| Shape {
            id: s.id.clone(),
            label: s.label.clone(),
            exposed: s.exposed,
        };
        let clusters: Vec<(String, Vec<Shape>)> = self
            .clusters
            .iter()
            .map(|(label, boxes)| {
                let kept: Vec<Shape> = boxes.iter().filter(exposed).map(copy).collect();
                (label.clone(), kept)
            })
            .filter(|(_, boxes)| !boxes.is_empty())
            .collect();
        let kept: HashSet<String> = clusters
            .iter()
            .flat_map(|(_, boxes)| boxes.iter().map(|b| b.id.clone()))
            .collect();
        Picture {
            references: self
                .references
                .iter()
                .filter(|((fm, fr), (tm, tr))| {
                    kept.contains(&format!("r{fm}_{fr}")) && kept.contains(&format!("r{tm}_{tr}"))
                })
                .copied()
                .collect(),
            clusters,
            loose: self.loose.iter().map(copy).collect(),
            paths: self.paths.clone(),
        }
    }
}

/// Draws every model's managed resources, the references between them, and the exposure paths
/// of `findings` in red.
pub fn render_models(
    syntax: Syntax,
    models: &[Model],
    findings: &[Finding],
    sources: &SourceMap,
    out: &mut dyn Write,
) -> io::Result<()> {
    let picture = picture(models, findings, sources);
    match syntax {
        Syntax::Dot => dot(&picture, out),
        Syntax::Mermaid => mermaid_within_limits(&picture, out),
    }
}

fn dot(p: &Picture, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "digraph \"zt-lint\" {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(
        out,
        "  node [shape=box, fontname=\"Helvetica\", fontsize=10];"
    )?;
    writeln!(out, "  edge [color=\"#888888\"];")?;
    let node = |b: &Shape, out: &mut dyn Write| -> io::Result<()> {
        let style = match (b.exposed, b.id == INTERNET) {
            (true, true) => ", shape=ellipse, color=\"#dd0000\", fontcolor=\"#990000\"",
            (true, false) => ", color=\"#dd0000\", penwidth=2.5",
            _ => "",
        };
        writeln!(
            out,
            "    \"{}\" [label=\"{}\"{style}];",
            dot_text(&b.id),
            dot_text(&b.label)
        )
    };
    for (i, (label, boxes)) in p.clusters.iter().enumerate() {
        writeln!(out, "  subgraph \"cluster_{i}\" {{")?;
        writeln!(out, "    label=\"{}\";", dot_text(label))?;
        for b in boxes {
            node(b, out)?;
        }
        writeln!(out, "  }}")?;
    }
    for b in &p.loose {
        node(b, out)?;
    }
    for ((fm, fr), (tm, tr)) in &p.references {
        writeln!(out, "  \"r{fm}_{fr}\" -> \"r{tm}_{tr}\";")?;
    }
    for (from, to, rule) in &p.paths {
        writeln!(
            out,
            "  \"{}\" -> \"{}\" [color=\"#dd0000\", penwidth=2.5, label=\"{}\", fontcolor=\"#990000\"];",
            dot_text(from),
            dot_text(to),
            dot_text(rule)
        )?;
    }
    writeln!(out, "}}")
}

/// The whole picture when Mermaid draws it with its default limits, else only the paths.
fn mermaid_within_limits(picture: &Picture, out: &mut dyn Write) -> io::Result<()> {
    let mut full = Vec::new();
    mermaid(picture, None, &mut full)?;
    let links = picture.references.len() + picture.paths.len();
    if links <= MERMAID_MAX_EDGES && full.len() <= MERMAID_MAX_TEXT {
        return out.write_all(&full);
    }
    let note = format!(
        "only the exposure paths: the whole picture has {links} links and {} characters, \
         more than Mermaid draws by default ({MERMAID_MAX_EDGES} and {MERMAID_MAX_TEXT}); \
         --format dot draws it all",
        full.len()
    );
    mermaid(&picture.exposed_only(), Some(&note), out)
}

fn mermaid(p: &Picture, note: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "flowchart LR")?;
    if let Some(note) = note {
        writeln!(out, "  %% {}", super::compact::one_line(note))?;
    }
    let node = |b: &Shape, out: &mut dyn Write| -> io::Result<()> {
        let label = b
            .label
            .split('\n')
            .map(mermaid_text)
            .collect::<Vec<_>>()
            .join("<br/>");
        if b.id == INTERNET {
            writeln!(out, "    {}((\"{label}\"))", b.id)
        } else {
            writeln!(out, "    {}[\"{label}\"]", b.id)
        }
    };
    for (i, (label, boxes)) in p.clusters.iter().enumerate() {
        writeln!(out, "  subgraph m{i}[\"{}\"]", mermaid_text(label))?;
        for b in boxes {
            node(b, out)?;
        }
        writeln!(out, "  end")?;
    }
    for b in &p.loose {
        node(b, out)?;
    }
    for ((fm, fr), (tm, tr)) in &p.references {
        writeln!(out, "  r{fm}_{fr} --> r{tm}_{tr}")?;
    }
    // Links are numbered in the order they are written: the paths come after the references.
    let first_path = p.references.len();
    for (from, to, rule) in &p.paths {
        writeln!(out, "  {from} ==>|\"{}\"| {to}", mermaid_text(rule))?;
    }
    if !p.paths.is_empty() {
        let links: Vec<String> = (first_path..first_path + p.paths.len())
            .map(|i| i.to_string())
            .collect();
        writeln!(
            out,
            "  linkStyle {} stroke:#d00,stroke-width:3px",
            links.join(",")
        )?;
    }
    let exposed: Vec<&str> = p
        .clusters
        .iter()
        .flat_map(|(_, boxes)| boxes.iter())
        .chain(&p.loose)
        .filter(|b| b.exposed)
        .map(|b| b.id.as_str())
        .collect();
    if !exposed.is_empty() {
        out.write_all(EXPOSED_CLASS.as_bytes())?;
        writeln!(out, "  class {} exposed", exposed.join(","))?;
    }
    Ok(())
}

/// Text inside a quoted Mermaid label, on one line: Mermaid reads `#name;` and `#123;` as
/// entities, so characters that would end the label or start markup are written that way.
fn mermaid_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::compact::one_line(text).chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '%' => out.push_str("#37;"),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a quoted DOT string: quotes and backslashes escaped, line breaks as `\n`.
fn dot_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_labels_cannot_end_their_quotes_or_start_markup() {
        assert_eq!(
            mermaid_text("a \"b\" <c> `d` #e; 5%\nf"),
            "a #quot;b#quot; #lt;c#gt; #96;d#96; #35;e; 5#37; f"
        );
    }

    #[test]
    fn a_picture_too_large_for_mermaid_keeps_only_the_paths() {
        let shape = |r: usize, exposed: bool| Shape {
            id: format!("r0_{r}"),
            label: format!("aws_instance.i{r}\naws_instance"),
            exposed,
        };
        let picture = Picture {
            clusters: vec![(
                "terraform main.tf".into(),
                (0..600).map(|r| shape(r, r < 2)).collect(),
            )],
            loose: vec![Shape {
                id: INTERNET.into(),
                label: INTERNET.into(),
                exposed: true,
            }],
            references: (1..600).map(|r| ((0, r), (0, r - 1))).collect(),
            paths: vec![
                (INTERNET.into(), "r0_1".into(), "ZT-NET-023"),
                ("r0_1".into(), "r0_0".into(), "ZT-NET-023"),
            ],
        };
        let mut out = Vec::new();
        mermaid_within_limits(&picture, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("%% only the exposure paths: the whole picture has 601 links"));
        assert!(text.contains("    r0_1[\"aws_instance.i1<br/>aws_instance\"]"));
        assert!(!text.contains("r0_2"), "{text}");
        // The reference between the two boxes on the path stays.
        assert!(text.contains("  r0_1 --> r0_0\n"), "{text}");
        assert!(text.contains("  linkStyle 1,2 stroke:#d00"), "{text}");
    }

    #[test]
    fn dot_strings_escape_quotes_and_backslashes() {
        assert_eq!(dot_text("a \"b\" \\c\nd\r"), "a \\\"b\\\" \\\\c\\nd");
    }
}
