//! The scripts .github/workflows/release.yml runs, run here: the hash file the GitHub Action
//! installs wheels by, and the packaging of the static Linux binary (which refuses a binary that
//! is not static). The wheel build itself is tested by .ci/run and tests/wheel.rs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn script(name: &str, args: &[&Path]) -> Output {
    Command::new("bash")
        .arg(root().join("scripts").join(name))
        .args(args)
        .output()
        .expect("run the script")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// SHA-256 of no bytes.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

#[test]
fn the_hash_file_pins_one_version_with_every_wheels_hash() {
    let dir = scratch("release-hashes");
    for wheel in [
        "zt_lint-1.2.3-py3-none-win_amd64.whl",
        "zt_lint-1.2.3-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    ] {
        std::fs::write(dir.join(wheel), "").unwrap();
    }
    // Not a wheel of zt-lint: left out.
    std::fs::write(dir.join("zt_lint-1.2.3.tar.gz"), "sdist").unwrap();
    let out = script("release-hashes.sh", &[&dir]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "# zt-lint 1.2.3: the release's wheels, one hash each (scripts/release-hashes.sh).\n\
             zt-lint==1.2.3 \\\n    --hash=sha256:{EMPTY_SHA256} \\\n    --hash=sha256:{EMPTY_SHA256}\n"
        )
    );

    std::fs::write(dir.join("zt_lint-1.2.4-py3-none-macosx_11_0_arm64.whl"), "").unwrap();
    let out = script("release-hashes.sh", &[&dir]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is version 1.2.4, not 1.2.3"));

    let empty = scratch("release-hashes-none");
    let out = script("release-hashes.sh", &[&empty]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no zt_lint-*.whl"));
}

#[test]
fn only_a_static_binary_is_packaged_as_the_static_linux_release() {
    let dir = scratch("release-static");
    let out_dir = dir.join("dist");
    let target = "x86_64-unknown-linux-musl";

    // The cargo build of the tests is dynamically linked: refused.
    let dynamic = PathBuf::from(env!("CARGO_BIN_EXE_zt-lint"));
    let out = script(
        "release-static.sh",
        &[&dynamic, Path::new(target), &out_dir],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is dynamically linked"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = dir.join("not-a-binary");
    std::fs::write(&text, "#!/bin/sh\n").unwrap();
    let out = script("release-static.sh", &[&text, Path::new(target), &out_dir]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not an ELF executable"));
    assert!(
        !out_dir.exists(),
        "nothing is packaged from a refused binary"
    );

    // A static executable, from the C compiler that links Rust here.
    let source = dir.join("static.c");
    std::fs::write(&source, "int main(void) { return 0; }\n").unwrap();
    let binary = dir.join("static");
    let cc = Command::new("cc")
        .arg("-static")
        .arg("-o")
        .arg(&binary)
        .arg(&source)
        .output()
        .expect("run cc");
    assert!(
        cc.status.success(),
        "{}",
        String::from_utf8_lossy(&cc.stderr)
    );
    let version = env!("CARGO_PKG_VERSION");
    let archive = out_dir.join(format!("zt-lint-{version}-{target}.tar.gz"));
    let out = script("release-static.sh", &[&binary, Path::new(target), &out_dir]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        archive.display().to_string()
    );
    let listing = Command::new("tar")
        .arg("-tvzf")
        .arg(&archive)
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout);
    let names: Vec<&str> = listing
        .lines()
        .filter_map(|line| line.split_whitespace().last())
        .collect();
    let name = format!("zt-lint-{version}-{target}");
    assert_eq!(
        names,
        [
            format!("{name}/"),
            format!("{name}/README.md"),
            format!("{name}/zt-lint")
        ]
    );
    assert!(
        listing.contains("-rwxr-xr-x 0/0"),
        "an executable owned by root: {listing}"
    );
    // The same binary gives the same archive.
    let first = std::fs::read(&archive).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = script("release-static.sh", &[&binary, Path::new(target), &out_dir]);
    assert!(again.status.success());
    assert!(
        std::fs::read(&archive).unwrap() == first,
        "reproducible archive"
    );
}
