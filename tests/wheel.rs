//! The Python wheel (pyproject.toml, maturin) against the cargo build: .ci/run builds the wheel,
//! installs it into a fresh virtual environment and names its `zt-lint` in ZT_WHEEL_BIN; what
//! pip installed must print byte for byte what cargo built.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn wheel_bin() -> Option<PathBuf> {
    match std::env::var_os("ZT_WHEEL_BIN") {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ if std::env::var_os("CI").is_some() => panic!("ZT_WHEEL_BIN is not set; .ci/run sets it"),
        _ => {
            eprintln!(
                "skipped: ZT_WHEEL_BIN is not set (.ci/run builds the wheel, installs it and sets it)"
            );
            None
        }
    }
}

fn run(bin: &Path, args: &[&str]) -> Output {
    Command::new(bin)
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", bin.display()))
}

#[test]
fn the_wheel_prints_what_the_cargo_build_prints() {
    let Some(wheel) = wheel_bin() else {
        return;
    };
    let cargo = PathBuf::from(env!("CARGO_BIN_EXE_zt-lint"));
    assert_ne!(
        std::fs::canonicalize(&wheel).unwrap(),
        std::fs::canonicalize(&cargo).unwrap(),
        "ZT_WHEEL_BIN must be the binary pip installed, not the cargo build"
    );
    let version = run(&wheel, &["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("zt-lint {}", env!("CARGO_PKG_VERSION")),
        "the wheel's version is Cargo.toml's"
    );
    for format in ["json", "sarif"] {
        let args = [
            "--format",
            format,
            "--no-config",
            "--show-unknown",
            "examples/",
        ];
        let (from_wheel, from_cargo) = (run(&wheel, &args), run(&cargo, &args));
        assert_eq!(
            from_wheel.status.code(),
            Some(1),
            "the insecure examples fail: {}",
            String::from_utf8_lossy(&from_wheel.stderr)
        );
        assert_eq!(from_wheel.status.code(), from_cargo.status.code());
        assert!(
            from_wheel.stdout == from_cargo.stdout,
            "{format} output differs between the wheel and the cargo build"
        );
        assert_eq!(from_wheel.stderr, from_cargo.stderr);
    }
}
