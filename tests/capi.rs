//! The `sigcheck.h` C interface, called from a C program (gcc, linked against the built
//! library) and from Python `ctypes`, on both curves.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds the cdylib (`cargo test` builds only the rlib) and returns the directory holding
/// `libtls_sig.so`: the target profile dir of this test binary.
fn library_dir() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let mut cargo = Command::new(env!("CARGO"));
            cargo.args(["build", "--lib", "--quiet"]).current_dir(root());
            if !cfg!(debug_assertions) {
                cargo.arg("--release");
            }
            assert!(cargo.status().expect("run cargo build --lib").success(), "cargo build --lib failed");
            let exe = std::env::current_exe().expect("test exe path");
            let dir = exe.parent().and_then(Path::parent).expect("target profile dir").to_path_buf();
            assert!(dir.join("libtls_sig.so").exists(), "{} has no libtls_sig.so", dir.display());
            dir
        })
        .clone()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn keys(curve: &str) -> (String, String) {
    let dir = root().join("tests/data/keys");
    let path = |name: String| dir.join(name).to_string_lossy().into_owned();
    (path(format!("{curve}_private_key.pem")), path(format!("{curve}_public_key.pem")))
}

fn run_and_check(mut command: Command, summary_prefix: &str) {
    let output = command.output().expect("run test program");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{summary_prefix} failed\n{stdout}\n{stderr}");
    let last = stdout.lines().last().unwrap_or_default();
    assert!(last.starts_with(summary_prefix) && last.ends_with(" 0 failed"), "{stdout}");
}

#[test]
fn c_program_links_and_passes_on_both_curves() {
    let lib = library_dir();
    let out_dir = tempfile::tempdir().expect("tempdir");
    let exe = out_dir.path().join("sigcheck_test");
    let status = Command::new("cc")
        .args(["-std=c99", "-Wall", "-Werror", "-o"])
        .arg(&exe)
        .arg(root().join("tests/c/sigcheck_test.c"))
        .arg("-I")
        .arg(root().join("include"))
        .arg("-L")
        .arg(&lib)
        .arg("-ltls_sig")
        .status()
        .expect("run cc");
    assert!(status.success(), "compiling tests/c/sigcheck_test.c failed");
    for curve in ["p256", "k256"] {
        let (private, public) = keys(curve);
        let mut command = Command::new(&exe);
        command.args([&private, &public]).env("LD_LIBRARY_PATH", &lib);
        run_and_check(command, "c:");
    }
}

#[test]
fn header_compiles_as_cpp() {
    let out_dir = tempfile::tempdir().expect("tempdir");
    let source = out_dir.path().join("h.cpp");
    std::fs::write(
        &source,
        "#include \"sigcheck.h\"\nint main(){ unsigned int e=0,i=0; char m[8]; return tls_vri_sig_ex(\"\",\"\",0,1,\"a\",e,i,m,8) == 1 ? 0 : 1; }\n",
    )
    .expect("write");
    let status = Command::new("c++")
        .args(["-fsyntax-only", "-Wall", "-Werror", "-I"])
        .arg(root().join("include"))
        .arg(&source)
        .status()
        .expect("run c++");
    assert!(status.success(), "sigcheck.h does not compile as C++ with reference outputs");
}

#[test]
fn python_ctypes_passes_on_both_curves() {
    let lib = library_dir().join("libtls_sig.so");
    for curve in ["p256", "k256"] {
        let (private, public) = keys(curve);
        let mut command = Command::new("python3");
        command.arg(root().join("tests/c/sigcheck_ctypes.py")).arg(&lib).args([&private, &public]);
        run_and_check(command, "ctypes:");
    }
}
