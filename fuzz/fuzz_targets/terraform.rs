//! Terraform HCL: a root module, its variable values and a child module it may call
//! (`module "m" { source = "./m" }`), as three files cut from the input at `\n#---\n`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use zt_lint::report::Format;
use zt_lint_fuzz::{check, file, text};

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let mut parts = text.splitn(3, "\n#---\n");
    let names = ["main.tf", "terraform.tfvars", "m/main.tf"];
    let files = names
        .iter()
        .zip(&mut parts)
        .map(|(name, part)| file(name, part))
        .collect();
    check(files, &[Format::Json]);
});
