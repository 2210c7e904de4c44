//! `tls_licence_tools`: the legacy command-line tool (SPEC section 6) — issue, check and dump
//! UserSig tickets, plus `keygen` for a new key pair.
//!
//! Output lines match the legacy tool (`generate sig ok`, `verify sig ok`,
//! `expire <e> init time <t>`, `check sig faild: <code>:<msg>`); unlike it, every failure exits
//! with a non-zero status.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tls_sig::cnum::{parse_expire, parse_sdkappid, strtoul};
use tls_sig::v1::{self, VERSION};
use tls_sig::verify::{check, CheckKind, CheckRequest, VerificationKey};
use tls_sig::{dump, v2, Curve, HmacKey, PrivateKey, SigError, DEFAULT_EXPIRE};

/// Exit status for a failed operation.
const FAILED: u8 = 1;
/// Exit status for a command line that does not fit any subcommand.
const BAD_USAGE: u8 = 2;

const USAGE: &str = "\
Usage:
  gen                pri_key_file sig_file sdkappid identifier            (180-day sig)
  gen_without_expire pri_key_file sig_file sdkappid identifier            (180-day sig)
  genexpire          pri_key_file sig_file sdkappid identifier expire
  genuser            pri_key_file sig_file sdkappid identifier expire userbuf
  verify             pub_key_file sig_file sdkappid identifier
  verifyuser         pub_key_file sig_file sdkappid identifier
  gen2               key sig_file sdkappid identifier                     (v2 HMAC, 180 days)
  gen2user           key sig_file sdkappid identifier userbuf
  verify2            key sig_file sdkappid identifier
  verify2user        key sig_file sdkappid identifier userbuf
  dump               sig                                                   (prints the ticket's JSON)
  keygen             [--curve p256|secp256k1] [--out DIR] [--force]        (writes ec_key.pem, public.pem)
e.g.:
  tls_licence_tools keygen --curve p256 --out .
  tls_licence_tools gen ec_key.pem sig 1400001052 xiaojun
  tls_licence_tools verify public.pem sig 1400001052 xiaojun";

fn main() -> ExitCode {
    let args: Vec<String> = match std::env::args_os().skip(1).map(|a| a.into_string()).collect() {
        Ok(args) => args,
        Err(_) => return bad_usage("arguments must be valid UTF-8"),
    };
    if args.is_empty() {
        println!("current version: {VERSION}\n{USAGE}");
        return ExitCode::from(BAD_USAGE);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["gen" | "gen_without_expire", key, sig, appid, id] => gen_v1(key, sig, appid, id, None, None),
        ["genexpire", key, sig, appid, id, expire] => gen_v1(key, sig, appid, id, Some(expire), None),
        ["genuser", key, sig, appid, id, expire, userbuf] => gen_v1(key, sig, appid, id, Some(expire), Some(userbuf)),
        ["verify", key, sig, appid, id] => verify_v1(key, sig, appid, id, false),
        ["verifyuser", key, sig, appid, id] => verify_v1(key, sig, appid, id, true),
        ["gen2", key, sig, appid, id] => gen_v2(key, sig, appid, id, None),
        ["gen2user", key, sig, appid, id, userbuf] => gen_v2(key, sig, appid, id, Some(userbuf)),
        ["verify2", key, sig, appid, id] => verify_v2(key, sig, appid, id, None),
        ["verify2user", key, sig, appid, id, userbuf] => verify_v2(key, sig, appid, id, Some(userbuf)),
        ["dump", ticket] => dump_ticket(ticket),
        ["keygen", options @ ..] => keygen(options),
        [command, ..] => bad_usage(&format!("unknown command or wrong number of arguments: {command}")),
        [] => bad_usage("no command"),
    }
}

fn bad_usage(problem: &str) -> ExitCode {
    eprintln!("{problem}\ncurrent version: {VERSION}\n{USAGE}");
    ExitCode::from(BAD_USAGE)
}

/// Prints a generation failure the legacy way and returns the failure status.
fn gen_failed(error: &SigError) -> ExitCode {
    eprintln!("error msg: {} return {}", error.message(), error.code().as_i32());
    ExitCode::from(FAILED)
}

/// Prints a check failure the legacy way and returns the failure status.
fn check_failed(error: &SigError) -> ExitCode {
    println!("check sig faild: {}:{}", error.code().as_i32(), error.message());
    ExitCode::from(FAILED)
}

fn write_ticket(sig_file: &str, ticket: &str) -> ExitCode {
    match fs::write(sig_file, ticket) {
        Ok(()) => {
            println!("generate sig ok");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("write sig file {sig_file} failed: {e}");
            ExitCode::from(FAILED)
        }
    }
}

fn gen_v1(key_file: &str, sig_file: &str, appid: &str, id: &str, expire: Option<&str>, userbuf: Option<&str>) -> ExitCode {
    let ticket = (|| {
        let sdkappid = parse_sdkappid(appid)?;
        let expire = expire.map(parse_expire).transpose()?.unwrap_or(DEFAULT_EXPIRE);
        let key = common::read_private_key(key_file)?;
        v1::generate(&key, sdkappid, id, expire, userbuf.map(str::as_bytes))
    })();
    match ticket {
        Ok(ticket) => write_ticket(sig_file, &ticket),
        Err(e) => gen_failed(&e),
    }
}

fn gen_v2(secret: &str, sig_file: &str, appid: &str, id: &str, userbuf: Option<&str>) -> ExitCode {
    let ticket = parse_sdkappid(appid).and_then(|sdkappid| {
        v2::generate(&HmacKey::new(secret.as_bytes()), sdkappid, id, u64::from(DEFAULT_EXPIRE), userbuf.map(str::as_bytes))
    });
    match ticket {
        Ok(ticket) => write_ticket(sig_file, &ticket),
        Err(e) => gen_failed(&e),
    }
}

/// Reads a ticket file; the error line is printed here.
fn read_ticket(sig_file: &str) -> Option<String> {
    match common::read_file(sig_file) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(message) => {
            eprintln!("{message}");
            None
        }
    }
}

/// Prints the success lines of a check.
fn check_ok(verified: &tls_sig::Verified) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let mut lines = || -> std::io::Result<()> {
        writeln!(out, "verify sig ok")?;
        writeln!(out, "expire {} init time {}", verified.expire_time, verified.init_time)?;
        if let Some(userbuf) = &verified.userbuf {
            out.write_all(b"userbuf:")?;
            out.write_all(userbuf)?;
            writeln!(out)?;
        }
        out.flush()
    };
    match lines() {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(FAILED),
    }
}

fn verify_v1(key_file: &str, sig_file: &str, appid: &str, id: &str, with_userbuf: bool) -> ExitCode {
    let Some(ticket) = read_ticket(sig_file) else { return ExitCode::from(FAILED) };
    let key_bytes = match common::read_file(key_file) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(FAILED);
        }
    };
    let key = VerificationKey::Bytes(&key_bytes);
    let kind = if with_userbuf { CheckKind::Userbuf { expected: None } } else { CheckKind::Plain };
    let request = CheckRequest { kind, ..CheckRequest::new(strtoul(appid), id) };
    match check(&ticket, key, &request) {
        Ok(verified) => check_ok(&verified),
        Err(e) => check_failed(&e),
    }
}

fn verify_v2(secret: &str, sig_file: &str, appid: &str, id: &str, userbuf: Option<&str>) -> ExitCode {
    let Some(ticket) = read_ticket(sig_file) else { return ExitCode::from(FAILED) };
    let key = HmacKey::new(secret.as_bytes());
    let kind = match userbuf {
        Some(u) => CheckKind::Userbuf { expected: Some(u.as_bytes()) },
        None => CheckKind::Plain,
    };
    let request = CheckRequest { kind, ..CheckRequest::new(strtoul(appid), id) };
    match check(&ticket, VerificationKey::Hmac(&key), &request) {
        Ok(verified) => check_ok(&verified),
        Err(e) => check_failed(&e),
    }
}

fn dump_ticket(ticket: &str) -> ExitCode {
    match dump(ticket) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("cmd dump return {} {}", e.code().as_i32(), e.message());
            ExitCode::from(FAILED)
        }
    }
}

/// `keygen [--curve p256|secp256k1] [--out DIR] [--force]`.
fn keygen(options: &[&str]) -> ExitCode {
    let mut curve = Curve::P256;
    let mut out_dir = PathBuf::from(".");
    let mut force = false;
    let mut rest = options.iter();
    while let Some(option) = rest.next() {
        match (*option, rest.clone().next()) {
            ("--curve", Some(name)) => {
                let Some(c) = Curve::from_name(name) else { return bad_usage(&format!("unknown curve {name}")) };
                curve = c;
                rest.next();
            }
            ("--out", Some(dir)) => {
                out_dir = PathBuf::from(dir);
                rest.next();
            }
            ("--force", _) => force = true,
            (other, _) => return bad_usage(&format!("keygen: unexpected argument {other}")),
        }
    }
    let private_path = out_dir.join("ec_key.pem");
    let public_path = out_dir.join("public.pem");
    if !force {
        if let Some(existing) = [&private_path, &public_path].into_iter().find(|p| p.exists()) {
            eprintln!("keygen: {} exists; pass --force to overwrite", existing.display());
            return ExitCode::from(FAILED);
        }
    }
    let key = PrivateKey::generate(curve);
    let written = (|| -> Result<(), String> {
        fs::create_dir_all(&out_dir).map_err(|e| format!("create {}: {e}", out_dir.display()))?;
        let private_pem = key.to_pkcs8_pem().map_err(|e| e.to_string())?;
        write_private(&private_path, private_pem.as_bytes())?;
        let public_pem = key.public_key().to_spki_pem().map_err(|e| e.to_string())?;
        fs::write(&public_path, public_pem).map_err(|e| format!("write {}: {e}", public_path.display()))
    })();
    match written {
        Ok(()) => {
            println!("generate key pair ok: {} {} ({curve})", private_path.display(), public_path.display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("keygen failed: {message}");
            ExitCode::from(FAILED)
        }
    }
}

/// Writes a private key file readable by its owner only (on Unix).
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| format!("write {}: {e}", path.display()))?;
    // `mode` applies only to a new file: tighten an existing one (keygen --force) too.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600)).map_err(|e| format!("chmod {}: {e}", path.display()))?;
    }
    file.write_all(bytes).map_err(|e| format!("write {}: {e}", path.display()))
}
