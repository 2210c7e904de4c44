//! Command-line tests: run the built `tls_licence_tools` and `signature` binaries (SPEC section 6,
//! issue 2 "CLI tests") in temporary directories and check exit status and output of every
//! subcommand and failure path.
//!
//! Most tests are tables of cases run through a few helpers (`generate`, `verified`, `dumped`,
//! `check_failed`, `rejected`); every assertion message names its case in brackets and shows the
//! command line, exit status, stdout and stderr of the run.
//!
//! Run with `cargo test --test cli`.

use std::collections::HashMap;
use std::fmt::Display;
use std::fs;
use std::path::Path;
use std::process::{Command, ExitStatus};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde_json::{json, Value};
use tempfile::TempDir;

const TOOLS: &str = env!("CARGO_BIN_EXE_tls_licence_tools");
const SIGNATURE: &str = env!("CARGO_BIN_EXE_signature");

const APPID: &str = "1400000267";
const OTHER_APPID: &str = "1400000268";
const DEFAULT_EXPIRE: i64 = 15_552_000;
/// An init-time window that admits any time, for checks that do not pin it.
const ANY_TIME: (i64, i64) = (0, i64::MAX);

/// Fixture key pairs (private, public) in `tests/data/keys`.
const P256: (&str, &str) = ("p256_private_key.pem", "p256_public_key.pem");
const K256: (&str, &str) = ("k256_private_key.pem", "k256_public_key.pem");
const K256_SEC1: (&str, &str) = ("k256_sec1.pem", "k256_public_key.pem");

/// DER OIDs of the two curves.
const OID_P256: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_SECP256K1: &[u8] = &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a];

// ---------------------------------------------------------------------------------------------
// running the binaries

/// The result of one run of a binary, with the case it belongs to.
struct Run {
    label: String,
    program: &'static str,
    args: Vec<String>,
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Run {
    /// stdout and stderr together, for messages whose stream does not matter.
    fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// The case, the command line (long arguments cut short) and what the run printed.
    fn describe(&self) -> String {
        let name = Path::new(self.program).file_name().unwrap().to_string_lossy();
        let args: Vec<String> = (self.args.iter())
            .map(|a| match a.char_indices().nth(60) {
                Some((cut, _)) if a.len() > 80 => format!("{}…({} bytes)", &a[..cut], a.len()),
                _ => a.clone(),
            })
            .collect();
        let (code, out, err) = (self.status.code(), &self.stdout, &self.stderr);
        let line = format!("[{}] {name} {}", self.label, args.join(" "));
        format!("{line}\n  status: {code:?}\n  stdout: {out:?}\n  stderr: {err:?}")
    }

    /// Names the case this run belongs to, in every later assertion message.
    fn case(mut self, label: &str) -> Self {
        self.label = label.to_string();
        self
    }

    /// Asserts `cond`, with `expected` and the description of the run as the message.
    #[track_caller]
    fn check(&self, cond: bool, expected: impl Display) {
        assert!(cond, "{expected}:\n{}", self.describe());
    }

    /// Asserts exit status 0.
    #[track_caller]
    fn ok(self) -> Self {
        self.check(self.status.success(), "expected success");
        self
    }

    /// Asserts a non-zero exit status (a normal exit, not a crash).
    #[track_caller]
    fn failed(self) -> Self {
        let code = self.status.code();
        self.check(matches!(code, Some(c) if c != 0), "expected a non-zero exit status");
        self
    }

    /// Asserts the given exit status.
    #[track_caller]
    fn exit(self, code: i32) -> Self {
        self.check(self.status.code() == Some(code), format_args!("expected exit status {code}"));
        self
    }

    /// Asserts stdout is exactly `expected`.
    #[track_caller]
    fn stdout_is(self, expected: &str) -> Self {
        self.check(self.stdout == expected, format_args!("expected stdout {expected:?}"));
        self
    }

    /// Asserts stderr is exactly `expected`.
    #[track_caller]
    fn stderr_is(self, expected: &str) -> Self {
        self.check(self.stderr == expected, format_args!("expected stderr {expected:?}"));
        self
    }

    /// Asserts stdout contains `needle`.
    #[track_caller]
    fn stdout_has(self, needle: &str) -> Self {
        self.check(self.stdout.contains(needle), format_args!("stdout lacks {needle:?}"));
        self
    }

    /// Asserts stderr contains `needle`.
    #[track_caller]
    fn stderr_has(self, needle: &str) -> Self {
        self.check(self.stderr.contains(needle), format_args!("stderr lacks {needle:?}"));
        self
    }

    /// Asserts the text appears in stdout or stderr.
    #[track_caller]
    fn says(self, needle: &str) -> Self {
        self.check(self.all().contains(needle), format_args!("output lacks {needle:?}"));
        self
    }

    /// Case-insensitive `says`.
    #[track_caller]
    fn says_ci(self, needle: &str) -> Self {
        let found = self.all().to_lowercase().contains(&needle.to_lowercase());
        self.check(found, format_args!("output lacks {needle:?} (any case)"));
        self
    }

    /// Asserts the text appears in neither stdout nor stderr.
    #[track_caller]
    fn never_says(self, needle: &str) -> Self {
        self.check(!self.all().contains(needle), format_args!("output must not contain {needle:?}"));
        self
    }

    /// Asserts the output names the legacy code as a number of its own (not part of another number).
    #[track_caller]
    fn names_code(self, code: u32) -> Self {
        let found = self.all().split(|c: char| !c.is_ascii_digit()).any(|t| t == code.to_string());
        self.check(found, format_args!("output does not name code {code}"));
        self
    }

    /// Asserts the output shows no base64 body line of the PEM file `pem` (key material), nor the
    /// garbage fixture's marker `!!!not base64!!!`.
    #[track_caller]
    fn never_shows(mut self, pem: &str) -> Self {
        for line in pem_body_lines(pem) {
            self = self.never_says(&line);
        }
        self.never_says("!!!not base64!!!")
    }
}

/// Runs `tls_licence_tools` with `args` under the C locale, in `dir` if given; when the first
/// argument is `signature`, runs the `signature` binary with the rest instead (one table, both).
fn cli_in(dir: Option<&Path>, args: &[&str]) -> Run {
    let (program, args) = match args.split_first() {
        Some((&"signature", rest)) => (SIGNATURE, rest),
        _ => (TOOLS, args),
    };
    let mut command = Command::new(program);
    command.args(args).env("LC_ALL", "C");
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let output = command.output().unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    Run {
        label: String::new(),
        program,
        args: args.iter().map(|a| a.to_string()).collect(),
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `cli_in` the current directory.
fn cli(args: &[&str]) -> Run {
    cli_in(None, args)
}

// ---------------------------------------------------------------------------------------------
// files

/// The path of a fixture file in `tests/data/keys`.
fn key(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/keys").join(name);
    assert!(path.exists(), "missing key fixture {}", path.display());
    path.to_str().expect("utf-8 fixture path").to_string()
}

/// A fresh temporary directory.
fn tmp() -> TempDir {
    tempfile::tempdir().expect("create temp dir")
}

/// The path of `name` inside `dir` (not created).
fn path_in(dir: impl AsRef<Path>, name: &str) -> String {
    dir.as_ref().join(name).to_str().expect("utf-8 temp path").to_string()
}

/// The names in `dir`, sorted: what a failed command must leave as it was.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Seconds since the Unix epoch.
fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

/// The lines of a PEM file that are base64 body (not armour, not free text).
fn pem_body_lines(path: &str) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap();
    text.lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .filter(|l| l.len() >= 16 && !l.starts_with("-----") && !l.contains(' '))
        .collect()
}

/// The DER inside the first PEM block of a file.
fn pem_der(path: &str) -> Vec<u8> {
    B64.decode(pem_body_lines(path).concat()).expect("PEM body base64")
}

/// Whether `needle` occurs in `haystack`.
fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The permission bits of a file.
#[cfg(unix)]
fn mode(path: &str) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A deterministic pseudo-random ASCII string of `len` bytes (compresses poorly, like real ids).
fn pseudo_random_ascii(len: usize, mut seed: u64) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.@";
    (0..len)
        .map(|_| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ALPHABET[(seed >> 33) as usize % ALPHABET.len()] as char
        })
        .collect()
}

/// Pads a PEM fixture with free text before and after the armour to about `total` bytes.
fn padded_pem(fixture: &str, total: usize, crlf: bool) -> String {
    let pem = fs::read_to_string(key(fixture)).unwrap();
    let nl = if crlf { "\r\n" } else { "\n" };
    let mut before = String::new();
    let mut i = 0;
    while before.len() < total / 2 {
        before.push_str(&format!("Comment line {i}: this test-only key file is padded past 1024 bytes{nl}"));
        i += 1;
    }
    let mut after = String::new();
    while before.len() + pem.len() + after.len() < total {
        after.push_str(&format!("Trailing note {i}: nothing to see here{nl}"));
        i += 1;
    }
    let pem = if crlf { pem.replace('\n', "\r\n") } else { pem };
    format!("{before}{pem}{after}")
}

// ---------------------------------------------------------------------------------------------
// tickets

/// A ticket from a successful gen* or `signature` run, with the time window [t0, t1] around the run.
struct Ticket {
    text: String,
    window: (i64, i64),
}

/// What a ticket carries (its sdkappid is always `APPID`).
struct Expect<'a> {
    v2: bool,
    id: &'a str,
    expire: i64,
    userbuf: Option<&'a str>,
}

/// An `Expect` for a v1 (ECDSA) ticket.
fn v1<'a>(id: &'a str, expire: i64, userbuf: Option<&'a str>) -> Expect<'a> {
    Expect { v2: false, id, expire, userbuf }
}

/// An `Expect` for a v2 (HMAC) ticket, which gen2* always make for the default expiry.
fn v2<'a>(id: &'a str, userbuf: Option<&'a str>) -> Expect<'a> {
    Expect { v2: true, id, expire: DEFAULT_EXPIRE, userbuf }
}

/// Whether `text` is a non-empty ticket in the ticket alphabet: base64 with + / = written * - _.
fn is_ticket(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"*-_".contains(&b))
}

/// Runs a gen* command that writes the file `sig`; asserts exit 0, `generate sig ok` alone on
/// stdout, nothing on stderr, and one ticket (nothing else) in `sig`, which it returns.
#[track_caller]
fn generate(label: &str, args: &[&str], sig: &str) -> Ticket {
    let t0 = now();
    cli(args).case(label).ok().stdout_is("generate sig ok\n").stderr_is("");
    let window = (t0, now());
    let text = fs::read_to_string(sig).unwrap_or_else(|e| panic!("[{label}] sig file {sig}: {e}"));
    assert!(is_ticket(&text), "[{label}] the sig file holds no ticket alone: {text:?}");
    Ticket { text, window }
}

/// Runs `signature` with the key file `private`; asserts exit 0, nothing on stderr, and the ticket
/// alone on stdout, on one line ending in a newline. Returns the ticket.
#[track_caller]
fn sign(label: &str, private: &str, id: &str) -> Ticket {
    let t0 = now();
    let run = cli(&["signature", private, APPID, id]).case(label).ok().stderr_is("");
    let window = (t0, now());
    let text = run.stdout.strip_suffix('\n').unwrap_or_default().to_string();
    run.check(is_ticket(&text), "expected one ticket and a newline on stdout");
    Ticket { text, window }
}

/// Parses the success output of verify*: `verify sig ok`, `expire <e> init time <t>` and, from the
/// userbuf checks, `userbuf:<bytes>`. Returns (expire, init time, userbuf), or None for other text.
fn parse_verified(stdout: &str) -> Option<(i64, i64, Option<String>)> {
    let mut lines = stdout.lines();
    if lines.next()? != "verify sig ok" {
        return None;
    }
    let (expire, init) = lines.next()?.strip_prefix("expire ")?.split_once(" init time ")?;
    let userbuf = match lines.next() {
        Some(line) => Some(line.strip_prefix("userbuf:")?.to_string()),
        None => None,
    };
    if lines.next().is_some() {
        return None;
    }
    Some((expire.parse().ok()?, init.parse().ok()?, userbuf))
}

/// Runs a verify* command; asserts exit 0, nothing on stderr, and the success lines with the expiry
/// `expire`, an init time in `window` and the userbuf line `userbuf` (or none).
#[track_caller]
fn verified(label: &str, args: &[&str], expire: i64, userbuf: Option<&str>, window: (i64, i64)) {
    let run = cli(args).case(label).ok().stderr_is("");
    let (t0, t1) = window;
    let good = |(e, t, u): (i64, i64, Option<String>)| {
        e == expire && t0 <= t && t <= t1 && u.as_deref() == userbuf
    };
    run.check(
        parse_verified(&run.stdout).is_some_and(good),
        format_args!("expected `verify sig ok`, expire {expire}, init time in [{t0}, {t1}], \
             userbuf {userbuf:?}"),
    );
}

/// Asserts a failed check: a non-zero exit, no `verify sig ok`, the legacy line
/// `check sig faild: <code>:<message>`, and nothing of the PEM key file it was given, if any.
#[track_caller]
fn check_failed(run: Run, code: u32) -> Run {
    let run = run.failed().never_says("verify sig ok");
    let prefix = format!("check sig faild: {code}:");
    let all = run.all();
    let line = all.lines().find(|l| l.starts_with("check sig faild: "));
    run.check(
        line.is_some_and(|l| l.starts_with(&prefix) && l.len() > prefix.len()),
        format_args!("expected a line {prefix:?} with a message, got {line:?}"),
    );
    let pem = run.args.get(1).filter(|k| k.ends_with(".pem") && Path::new(k).is_file()).cloned();
    match pem {
        Some(pem) => run.never_shows(&pem),
        None => run,
    }
}

/// Runs `args` (as `cli`), which should make a ticket but cannot, and asserts it failed without
/// making one: a non-zero exit, nothing on stdout, no `generate sig ok`, each of `words` in the
/// output, and no file added to or removed from `dir`.
#[track_caller]
fn rejected(label: &str, args: &[&str], words: &[&str], dir: &Path) -> Run {
    let before = entries(dir);
    let mut run = cli(args).case(label).failed().stdout_is("").never_says("generate sig ok");
    for word in words {
        run = run.says(word);
    }
    run.check(entries(dir) == before, format_args!("files changed in {}", dir.display()));
    run
}

/// Runs `dump` on the ticket; asserts one JSON object on stdout and nothing on stderr, with the
/// fields of `want` written as its version writes them (v1 strings, v2 numbers), a time in the
/// ticket's window, the userbuf in base64 (or no userbuf), and a signature of the version's form
/// (v1 a DER SEQUENCE, v2 a 32-byte MAC). Returns the JSON.
#[track_caller]
fn dumped(label: &str, ticket: &Ticket, want: &Expect) -> Value {
    let run = cli(&["dump", &ticket.text]).case(label).ok().stderr_is("");
    let json: Value = serde_json::from_str(run.stdout.trim_end()).unwrap_or(Value::Null);
    run.check(json.is_object(), "dump output is not a JSON object");
    let mut fields = vec![("TLS.identifier", json!(want.id))];
    let time = if want.v2 {
        fields.push(("TLS.ver", json!("2.0")));
        fields.push(("TLS.sdkappid", json!(1_400_000_267u64)));
        fields.push(("TLS.expire", json!(want.expire)));
        json["TLS.time"].as_i64()
    } else {
        fields.push(("TLS.sdk_appid", json!(APPID)));
        fields.push(("TLS.expire_after", json!(want.expire.to_string())));
        fields.push(("TLS.account_type", json!("0")));
        fields.push(("TLS.appid_at_3rd", json!("0")));
        fields.push(("TLS.version", json!("201803230000")));
        json["TLS.time"].as_str().and_then(|t| t.parse().ok())
    };
    for (field, value) in fields {
        run.check(json[field] == value, format_args!("dump: expected {field} = {value}"));
    }
    let (t0, t1) = ticket.window;
    run.check(
        time.is_some_and(|t| t0 <= t && t <= t1),
        format_args!("dump: expected TLS.time in [{t0}, {t1}] (v1 a string, v2 a number)"),
    );
    let userbuf = json.get("TLS.userbuf").map(|u| u.as_str().and_then(|u| B64.decode(u).ok()));
    run.check(
        userbuf == want.userbuf.map(|u| Some(u.as_bytes().to_vec())),
        format_args!("dump: expected TLS.userbuf as base64 of {:?} (None: no field)", want.userbuf),
    );
    let sig = json["TLS.sig"].as_str().and_then(|s| B64.decode(s).ok()).unwrap_or_default();
    let sig_ok = if want.v2 { sig.len() == 32 } else { sig.first() == Some(&0x30) };
    run.check(sig_ok, "dump: TLS.sig is not base64 of a DER SEQUENCE (v1) or a 32-byte MAC (v2)");
    json
}

/// gen* (`gen`, writing `sig`), then verify* (`verify`) and `dump`: verify must print the expiry and
/// userbuf of `want` and the init time of the gen run, and dump must show `want`.
#[track_caller]
fn round_trip(label: &str, gen: &[&str], verify: &[&str], sig: &str, want: &Expect) -> Ticket {
    let ticket = generate(label, gen, sig);
    verified(label, verify, want.expire, want.userbuf, ticket.window);
    dumped(label, &ticket, want);
    ticket
}

/// `gen` with the key file `private`, then `verify` with `public`: the default expiry and the gen
/// run's time.
#[track_caller]
fn gen_and_verify(label: &str, private: &str, public: &str, id: &str) -> Ticket {
    let dir = tmp();
    let sig = path_in(&dir, "sig");
    let ticket = generate(label, &["gen", private, &sig, APPID, id], &sig);
    verified(label, &["verify", public, &sig, APPID, id], DEFAULT_EXPIRE, None, ticket.window);
    ticket
}

/// `signature` with the key file `private`, its output written to the file `sig` as PHP writes it
/// (newline and all), then `verify` of that file with `public`.
#[track_caller]
fn sign_and_verify(label: &str, private: &str, public: &str, id: &str, sig: &str) {
    let ticket = sign(label, private, id);
    fs::write(sig, format!("{}\n", ticket.text)).unwrap();
    verified(label, &["verify", public, sig, APPID, id], DEFAULT_EXPIRE, None, ticket.window);
}

// ---------------------------------------------------------------------------------------------
// usage

#[test]
fn no_arguments_prints_version_and_usage_and_fails() {
    let mut run = cli(&[]).case("no arguments").failed();
    let all = run.all();
    let version = all.strip_prefix("current version: ").and_then(|v| v.lines().next()).map(str::trim);
    run.check(
        version.is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())),
        "expected `current version: <digits>` first",
    );
    for needle in [
        "gen ", "gen_without_expire", "genexpire", "genuser", "verify ", "verifyuser", "gen2 ", "gen2user",
        "verify2 ", "verify2user", "dump", "keygen",
        "pri_key_file sig_file sdkappid identifier",
        "pub_key_file sig_file sdkappid identifier",
    ] {
        run = run.says(needle);
    }
}

#[test]
fn bad_command_lines_print_usage_on_stderr_and_exit_2() {
    let dir = tmp();
    let (sig, k, out) = (path_in(&dir, "sig"), key(P256.0), path_in(&dir, ""));
    let usage: &[&str] = &["Usage:"];
    let signature_usage: &[&str] = &["signature pri_key_file sdkappid identifier"];
    // (arguments, what stderr must contain)
    let rows: &[(&[&str], &[&str])] = &[
        (&["frobnicate", "a", "b", "c", "d"], &["frobnicate", "Usage:", "verify "]),
        (&["gen", &k, &sig, APPID], usage),
        (&["gen", &k, &sig, APPID, "id", "extra"], usage),
        (&["gen_without_expire", &k, &sig], usage),
        (&["genexpire", &k, &sig, APPID, "id"], usage),
        (&["genuser", &k, &sig, APPID, "id", "3600"], usage),
        (&["verify", &k, &sig, APPID], usage),
        (&["verifyuser", &k], usage),
        (&["gen2", "secret", &sig, APPID], usage),
        (&["gen2user", "secret", &sig, APPID, "id"], usage),
        (&["verify2", "secret", &sig, APPID, "id", "x"], usage),
        (&["verify2user", "secret", &sig, APPID, "id"], usage),
        (&["dump"], usage),
        (&["dump", "a", "b"], usage),
        (&["gen"], usage),
        (&["keygen", "--curve", "p384", "--out", &out], usage),
        (&["keygen", "--curve"], usage),
        (&["keygen", "--bogus", "--out", &out], usage),
        (&["signature"], signature_usage),
        (&["signature", &k], signature_usage),
        (&["signature", &k, APPID], signature_usage),
        (&["signature", &k, APPID, "id", "extra"], signature_usage),
    ];
    for (args, needles) in rows {
        let mut run = cli(args).case("usage error").exit(2).stdout_is("");
        for needle in *needles {
            run = run.stderr_has(needle);
        }
        for done in ["generate sig ok", "verify sig ok", "generate key pair ok"] {
            run = run.never_says(done);
        }
        run.check(entries(dir.path()).is_empty(), "a usage error wrote a file");
    }
}

// ---------------------------------------------------------------------------------------------
// round trips

#[test]
fn round_trips_verify_and_dump() {
    let dir = tmp();
    let sig = path_in(&dir, "sig");
    let (p256, p256_pub, k256, k256_pub) = (key(P256.0), key(P256.1), key(K256.0), key(K256.1));
    let k256_sec1 = key(K256_SEC1.0);
    let hex = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    let room = "room=42 中";
    // (label, gen arguments, verify arguments, what the ticket carries,
    //  checks of the same ticket that must fail: (arguments, legacy code))
    type Row<'a> = (String, Vec<&'a str>, Vec<&'a str>, Expect<'a>, Vec<(Vec<&'a str>, u32)>);
    let mut rows: Vec<Row> = vec![
        ("gen".into(), vec!["gen", &p256, &sig, APPID, "xiaojun"],
            vec!["verify", &p256_pub, &sig, APPID, "xiaojun"], v1("xiaojun", DEFAULT_EXPIRE, None), vec![]),
        ("gen_without_expire".into(), vec!["gen_without_expire", &k256, &sig, APPID, "user_1"],
            vec!["verify", &k256_pub, &sig, APPID, "user_1"], v1("user_1", DEFAULT_EXPIRE, None), vec![]),
        ("gen2".into(), vec!["gen2", hex, &sig, APPID, "xiaojun"],
            vec!["verify2", hex, &sig, APPID, "xiaojun"], v2("xiaojun", None), vec![
                (vec!["verify2", "another secret", &sig, APPID, "xiaojun"], 8),
                (vec!["verify2", hex, &sig, APPID, "xiaojun2"], 13),
                (vec!["verify2", hex, &sig, OTHER_APPID, "xiaojun"], 14),
                // A v2 ticket checked with an EC public key file through `verify` does not verify.
                (vec!["verify", &p256_pub, &sig, APPID, "xiaojun"], 8),
                // A plain v2 ticket has no userbuf to match.
                (vec!["verify2user", hex, &sig, APPID, "xiaojun", room], 15),
            ]),
        ("gen2user".into(), vec!["gen2user", "s3cr3t", &sig, APPID, "u", room],
            vec!["verify2user", "s3cr3t", &sig, APPID, "u", room], v2("u", Some(room)), vec![
                (vec!["verify2user", "s3cr3t", &sig, APPID, "u", "room=43 中"], 15),
                (vec!["verify2user", "wrong", &sig, APPID, "u", room], 8),
                (vec!["verify2user", "s3cr3t", &sig, APPID, "v", room], 13),
                // Cross-use: a userbuf ticket given to the plain check.
                (vec!["verify2", "s3cr3t", &sig, APPID, "u"], 8),
            ]),
    ];
    // The expiry is written unsigned (the legacy %d made 2^31 and above negative).
    for expire in ["3600", "2147483648", "4294967295"] {
        rows.push((format!("genexpire {expire}"), vec!["genexpire", &p256, &sig, APPID, "u", expire],
            vec!["verify", &p256_pub, &sig, APPID, "u"], v1("u", expire.parse().unwrap(), None), vec![]));
    }
    for (name, private, public) in [(P256.0, &p256, &p256_pub), (K256_SEC1.0, &k256_sec1, &k256_pub)] {
        for userbuf in ["hello world", "用户数据 {\"a\":1} 😀"] {
            rows.push((format!("genuser {name} {userbuf:?}"),
                vec!["genuser", private, &sig, APPID, "u1", "3600", userbuf],
                vec!["verifyuser", public, &sig, APPID, "u1"], v1("u1", 3600, Some(userbuf)), vec![
                    // Cross-use: a userbuf ticket given to the plain check; wrong identifier, sdkappid.
                    (vec!["verify", public, &sig, APPID, "u1"], 8),
                    (vec!["verifyuser", public, &sig, APPID, "u2"], 13),
                    (vec!["verifyuser", public, &sig, OTHER_APPID, "u1"], 14),
                ]));
        }
    }
    for (label, gen, verify, want, fails) in &rows {
        round_trip(label, gen, verify, &sig, want);
        for (args, code) in fails {
            check_failed(cli(args).case(label), *code);
        }
    }
    // An expiry of 1 may lapse before verify runs: gen and dump only.
    let ticket = generate("genexpire 1", &["genexpire", &p256, &sig, APPID, "u", "1"], &sig);
    dumped("genexpire 1", &ticket, &v1("u", 1, None));
}

#[test]
fn expired_ticket_is_code_9() {
    let dir = tmp();
    let sig = path_in(&dir, "sig");
    generate("expire 0", &["genexpire", &key(P256.0), &sig, APPID, "u", "0"], &sig);
    std::thread::sleep(Duration::from_millis(1150));
    // time + 0 < now
    check_failed(cli(&["verify", &key(P256.1), &sig, APPID, "u"]).case("expired"), 9);
}

#[test]
fn ticket_whose_expiry_equals_now_is_still_valid() {
    // time + expire == now must verify. Retry until gen and verify both ran inside the ticket's own
    // second (a run that straddles a second boundary proves nothing either way).
    let dir = tmp();
    let sig = path_in(&dir, "sig");
    let (private, public) = (key(K256.0), key(K256.1));
    for _ in 0..20 {
        let ticket = generate("expire 0", &["genexpire", &private, &sig, APPID, "u", "0"], &sig);
        let run = cli(&["verify", &public, &sig, APPID, "u"]).case("expire 0, verified at once");
        let t1 = now();
        let time: i64 = dumped("expire 0", &ticket, &v1("u", 0, None))["TLS.time"]
            .as_str()
            .and_then(|t| t.parse().ok())
            .unwrap();
        if ticket.window.0 == t1 && t1 == time {
            let run = run.ok();
            let parsed = parse_verified(&run.stdout);
            run.check(parsed == Some((0, time, None)), format_args!("expected expire 0, init time {time}"));
            return;
        }
        if !run.status.success() {
            check_failed(run, 9);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("could not run gen and verify within one second in 20 attempts");
}

// ---------------------------------------------------------------------------------------------
// failures

#[test]
fn failed_checks_name_the_legacy_code() {
    let dir = tmp();
    let at = |name: &str| path_in(&dir, name);
    let (p256_pub, k256_pub) = (key(P256.1), key(K256.1));
    let (p256_sig, k256_sig) = (at("p256_sig"), at("k256_sig"));
    generate("p256 ticket", &["gen", &key(P256.0), &p256_sig, APPID, "alice"], &p256_sig);
    generate("k256 ticket", &["gen", &key(K256.0), &k256_sig, APPID, "alice"], &k256_sig);
    let other = at("other");
    cli(&["keygen", "--curve", "p256", "--out", &other]).case("another p256 key").ok();
    let other_pub = path_in(&other, "public.pem");
    let (empty, newline, garbage) = (at("empty"), at("newline"), at("garbage"));
    for (path, content) in [(&empty, ""), (&newline, "\n"), (&garbage, "this is not a ticket!!!")] {
        fs::write(path, content).unwrap();
    }
    let bad_publics = ["bad_rsa_public.pem", "bad_ed25519_public.pem", "p384_public_key.pem"]
        .into_iter()
        .chain(["bad_garbage.pem", "bad_truncated.pem"])
        .map(key)
        .collect::<Vec<_>>();
    // (label, check arguments, legacy code)
    let mut rows: Vec<(&str, Vec<&str>, u32)> = vec![
        ("empty sig file", vec!["verify", &p256_pub, &empty, APPID, "u"], 1),
        ("sig file with a newline only", vec!["verify", &p256_pub, &newline, APPID, "u"], 1),
        ("empty sig file, v2", vec!["verify2", "secret", &empty, APPID, "u"], 1),
        ("garbage sig file", vec!["verify", &p256_pub, &garbage, APPID, "u"], 2),
        ("garbage sig file, v2", vec!["verify2", "secret", &garbage, APPID, "u"], 2),
        ("verifyuser on a plain ticket", vec!["verifyuser", &p256_pub, &p256_sig, APPID, "alice"], 4),
        ("the other curve's public key", vec!["verify", &k256_pub, &p256_sig, APPID, "alice"], 8),
        ("another p256 public key", vec!["verify", &other_pub, &p256_sig, APPID, "alice"], 8),
    ];
    for bad in &bad_publics {
        rows.push(("unusable public key", vec!["verify", bad, &p256_sig, APPID, "alice"], 8));
    }
    for id in ["bob", "alic", "alice ", "Alice", ""] {
        rows.push(("wrong identifier", vec!["verify", &k256_pub, &k256_sig, APPID, id], 13));
    }
    for appid in [OTHER_APPID, "140000026", "0", "abc"] {
        rows.push(("wrong sdkappid", vec!["verify", &p256_pub, &p256_sig, appid, "alice"], 14));
    }
    for (label, args, code) in &rows {
        check_failed(cli(args).case(label), *code);
    }
    // A missing file has no legacy code, but a message naming it.
    let (no_sig, no_pub) = (at("no_such_sig"), at("no_such_public.pem"));
    for (args, name) in [
        (["verify", &p256_pub, &no_sig, APPID, "u"], "no_such_sig"),
        (["verify2", "secret", &no_sig, APPID, "u"], "no_such_sig"),
        (["verify", &no_pub, &p256_sig, APPID, "u"], "no_such_public.pem"),
    ] {
        cli(&args).case("missing file").failed().says(name).never_says("verify sig ok");
    }
    // `dump` of what is not a ticket names the code too, and shows no ticket field.
    for (text, code) in [("this is not a ticket!!!", 2), ("%%%%", 2), ("", 1)] {
        let run = cli(&["dump", text]).case("dump of garbage").failed().names_code(code).never_says("TLS.");
        run.check(!run.all().trim().is_empty(), "dump failure gave no message");
    }
}

#[test]
fn failed_gens_write_no_ticket() {
    let dir = tmp();
    let sig = path_in(&dir, "sig");
    let (p256, garbage) = (key(P256.0), key("bad_garbage.pem"));
    let (missing, unwritable) = (path_in(&dir, "no_such_key.pem"), path_in(&dir, "no_such_dir/sig"));
    // A directory cannot be read as a file (works even as root).
    let keydir = path_in(&dir, "keydir");
    fs::create_dir(&keydir).unwrap();
    // (label, arguments, what the output must contain)
    let mut rows: Vec<(&str, Vec<&str>, Vec<&str>)> = vec![
        // The legacy genuser printed ok on failure.
        ("genuser, bad key", vec!["genuser", &garbage, &sig, APPID, "u", "3600", "buf"], vec!["return 17"]),
        ("genuser, bad sdkappid", vec!["genuser", &p256, &sig, "abc", "u", "3600", "buf"], vec!["sdkappid"]),
        ("missing key", vec!["gen", &missing, &sig, APPID, "u"], vec!["return 17", "no_such_key.pem"]),
        ("missing key", vec!["signature", &missing, APPID, "u"], vec!["return 17", "no_such_key.pem"]),
        ("key is a folder", vec!["gen", &keydir, &sig, APPID, "u"], vec!["return 17", "keydir"]),
        ("unwritable sig file", vec!["gen", &p256, &unwritable, APPID, "u"], vec!["no_such_dir"]),
        ("unwritable sig file", vec!["gen2", "secret", &unwritable, APPID, "u"], vec!["no_such_dir"]),
    ];
    for bad in ["abc", "-1", "", "4294967296"] {
        rows.push(("bad expire", vec!["genexpire", &p256, &sig, APPID, "u", bad], vec!["expire"]));
    }
    for bad in ["abc", "0", "-1", "", "14x"] {
        for args in [
            vec!["gen", &p256, &sig, bad, "u"],
            vec!["gen_without_expire", &p256, &sig, bad, "u"],
            vec!["genexpire", &p256, &sig, bad, "u", "60"],
            vec!["signature", &p256, bad, "u"],
            vec!["gen2", "secret", &sig, bad, "u"],
            vec!["gen2user", "secret", &sig, bad, "u", "buf"],
        ] {
            rows.push(("bad sdkappid", args, vec!["sdkappid"]));
        }
    }
    for (label, args, words) in &rows {
        rejected(label, args, words, dir.path());
    }
}

#[test]
fn unusable_private_keys_are_code_17_without_showing_the_key() {
    let dir = tmp();
    let sig = path_in(&dir, "sig");
    // (file, a word the message should contain)
    let cases = [
        ("bad_garbage.pem", None),
        ("bad_truncated.pem", None),
        ("bad_rsa_private.pem", Some("rsa")),
        ("bad_ed25519_private.pem", Some("ed25519")),
        ("bad_encrypted_pkcs8.pem", Some("encrypt")),
        ("p384_private_key.pem", Some("curve")),
        // A public key is not a private key.
        ("p256_public_key.pem", None),
    ];
    for (name, word) in cases {
        let path = key(name);
        for args in [
            vec!["gen", &path, &sig, APPID, "u"],
            vec!["gen_without_expire", &path, &sig, APPID, "u"],
            vec!["genexpire", &path, &sig, APPID, "u", "60"],
            vec!["signature", &path, APPID, "u"],
        ] {
            let run = rejected(name, &args, &["return 17"], dir.path());
            let run = run.never_shows(&path).never_says("BEGIN");
            run.check(run.stderr.trim().len() > "return 17".len(), "no message besides the code");
            if let Some(word) = word {
                run.says_ci(word);
            }
        }
    }
    // A file without read permission (only meaningful when not running as root).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = path_in(&dir, "locked.pem");
        fs::copy(key(P256.0), &locked).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read(&locked).is_err() {
            let args = ["gen", &locked, &sig, APPID, "u"];
            let run = rejected("unreadable key", &args, &["return 17", "locked.pem"], dir.path());
            run.never_shows(&key(P256.0));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// keygen

/// Asserts `dir` holds a usable key pair on the curve with DER OID `oid`: a PKCS#8 `ec_key.pem`
/// (owner-only on Unix) and an SPKI `public.pem`, both naming that curve and not the other, which
/// make tickets through `gen` and `signature` that `verify` accepts and the other curve's fixture
/// public key rejects (code 8).
#[track_caller]
fn assert_key_pair(label: &str, dir: &Path, oid: &[u8]) {
    let (private, public) = (path_in(dir, "ec_key.pem"), path_in(dir, "public.pem"));
    let (other_oid, other_fixture) =
        if oid == OID_P256 { (OID_SECP256K1, K256.1) } else { (OID_P256, P256.1) };
    let armours = [(&private, "-----BEGIN PRIVATE KEY-----"), (&public, "-----BEGIN PUBLIC KEY-----")];
    for (path, armour) in armours {
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("[{label}] {path}: {e}"));
        assert!(text.starts_with(armour), "[{label}] {path} does not start with {armour}: {text}");
        let der = pem_der(path);
        assert!(contains_bytes(&der, oid), "[{label}] {path} does not name the curve");
        assert!(!contains_bytes(&der, other_oid), "[{label}] {path} names the other curve");
    }
    #[cfg(unix)]
    assert_eq!(mode(&private), 0o600, "[{label}] private key file mode");
    let scratch = tmp();
    let sig = path_in(&scratch, "sig");
    fs::write(&sig, gen_and_verify(label, &private, &public, "keygen_user").text).unwrap();
    check_failed(cli(&["verify", &key(other_fixture), &sig, APPID, "keygen_user"]).case(label), 8);
    sign_and_verify(label, &private, &public, "keygen_user", &sig);
}

#[test]
fn keygen_writes_a_usable_key_pair() {
    let dirs = [tmp(), tmp(), tmp(), tmp()];
    let at = |i: usize, name: &str| path_in(&dirs[i], name);
    let (new0, new1, stale) = (at(0, "keys"), at(1, "keys"), at(3, ""));
    // Overwriting a world-readable ec_key.pem must not leave the new private key world-readable.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::write(at(3, "ec_key.pem"), "old").unwrap();
        fs::set_permissions(at(3, "ec_key.pem"), fs::Permissions::from_mode(0o644)).unwrap();
    }
    // (label, arguments, where the keys must appear, their curve); row i runs in dirs[i].
    let rows = [
        ("p256", vec!["keygen", "--curve", "p256", "--out", &new0], new0.clone(), OID_P256),
        ("secp256k1", vec!["keygen", "--curve", "secp256k1", "--out", &new1], new1.clone(), OID_SECP256K1),
        ("default: p256 into the current folder", vec!["keygen"], at(2, ""), OID_P256),
        ("--force over ec_key.pem 0644", vec!["keygen", "--out", &stale, "--force"], stale.clone(), OID_P256),
    ];
    for ((label, args, out, oid), dir) in rows.iter().zip(&dirs) {
        let run = cli_in(Some(dir.path()), args).case(label).ok().stderr_is("");
        run.stdout_has("ec_key.pem").stdout_has("public.pem");
        assert_key_pair(label, Path::new(out), oid);
    }
}

#[test]
fn keygen_refuses_to_overwrite_without_force() {
    let dir = tmp();
    let out = path_in(&dir, "");
    let (private, public) = (path_in(&dir, "ec_key.pem"), path_in(&dir, "public.pem"));
    let read = |path: &str| fs::read(path).unwrap();
    let keygen = |label: &str, curve: &str, force: bool| {
        let args = ["keygen", "--curve", curve, "--out", &out, "--force"];
        cli(&args[..if force { 6 } else { 5 }]).case(label)
    };
    keygen("first keygen", "p256", false).ok();
    let before = (read(&private), read(&public));
    keygen("both files exist", "p256", false).failed().says("--force").never_says("generate key pair ok");
    assert_eq!((read(&private), read(&public)), before, "[both files exist] keys changed without --force");
    // Either file existing is enough to refuse.
    fs::remove_file(&public).unwrap();
    let label = "ec_key.pem exists";
    keygen(label, "secp256k1", false).failed().says("--force").never_says("generate key pair ok");
    assert_eq!(read(&private), before.0, "[{label}] private key changed without --force");
    assert!(!Path::new(&public).exists(), "[{label}] public.pem written without --force");
    // --force overwrites both.
    keygen("--force", "secp256k1", true).ok().stderr_is("");
    assert_ne!(read(&private), before.0, "[--force] did not overwrite the private key");
    assert_key_pair("--force", dir.path(), OID_SECP256K1);
}

// ---------------------------------------------------------------------------------------------
// signature and file handling

#[test]
fn signature_prints_the_ticket_alone() {
    let dir = tmp();
    let sig = path_in(&dir, "sig");
    for (private, public) in [P256, K256] {
        let ticket = sign(private, &key(private), "php_user");
        // As PHP writes it to a file (with its newline) and as a bare ticket.
        for content in [format!("{}\n", ticket.text), ticket.text.clone()] {
            fs::write(&sig, content).unwrap();
            let args = ["verify", &key(public), &sig, APPID, "php_user"];
            verified(private, &args, DEFAULT_EXPIRE, None, ticket.window);
        }
        dumped(private, &ticket, &v1("php_user", DEFAULT_EXPIRE, None));
    }
}

#[test]
fn ticket_file_with_trailing_newline_or_crlf_still_verifies() {
    let dir = tmp();
    let sig = path_in(&dir, "sig");
    let (private, public) = (key(P256.0), key(P256.1));
    let v1 = generate("v1", &["gen", &private, &sig, APPID, "u"], &sig).text;
    let v2 = generate("v2", &["gen2", "secret", &sig, APPID, "u"], &sig).text;
    let wrapped: Vec<&str> = v1.as_bytes().chunks(76).map(|c| std::str::from_utf8(c).unwrap()).collect();
    // (label, sig file content, check, key)
    let rows: [(&str, String, &str, &str); 7] = [
        ("LF", format!("{v1}\n"), "verify", &public),
        ("CRLF", format!("{v1}\r\n"), "verify", &public),
        ("blank lines around", format!("\n{v1}\n\n"), "verify", &public),
        ("spaces and a tab", format!("  {v1}\t\r\n"), "verify", &public),
        // base64 skips whitespace anywhere
        ("CRLF every 76 characters", format!("{}\r\n", wrapped.join("\r\n")), "verify", &public),
        ("v2 LF", format!("{v2}\n"), "verify2", "secret"),
        ("v2 CRLF", format!("{v2}\r\n"), "verify2", "secret"),
    ];
    for (label, content, check, key) in rows {
        fs::write(&sig, content).unwrap();
        verified(label, &[check, key, &sig, APPID, "u"], DEFAULT_EXPIRE, None, ANY_TIME);
    }
}

#[test]
fn key_files_in_every_form_make_and_check_tickets() {
    let dir = tmp();
    // (label, curve, private key file, public key file): `gen` and `signature` with the one make
    // tickets that `verify` with the other accepts, and the other curve's DER public key rejects.
    let mut pairs: Vec<(String, &str, String, String)> = Vec::new();
    // Key files padded with free text past the legacy 1024-byte read, LF and CRLF.
    for (curve, (private, public)) in [("p256", P256), ("k256", K256_SEC1)] {
        for crlf in [false, true] {
            let big = |fixture: &str| {
                let path = path_in(&dir, &format!("big_{crlf}_{fixture}"));
                fs::write(&path, padded_pem(fixture, 4096, crlf)).unwrap();
                assert!(fs::metadata(&path).unwrap().len() >= 4096, "{path} is under 4096 bytes");
                path
            };
            let (big_private, big_public) = (big(private), big(public));
            let label = format!("padded {private} / {public}, CRLF {crlf}");
            pairs.push((format!("{label}: big private"), curve, big_private.clone(), key(public)));
            pairs.push((format!("{label}: big public"), curve, key(private), big_public.clone()));
            pairs.push((format!("{label}: both big"), curve, big_private, big_public));
        }
    }
    // DER key files.
    for curve in ["p256", "k256"] {
        let der = |role: &str| key(&format!("{curve}_{role}_key.der"));
        let pem = |role: &str| key(&format!("{curve}_{role}_key.pem"));
        pairs.push((format!("{curve} DER / DER"), curve, der("private"), der("public")));
        pairs.push((format!("{curve} DER / PEM"), curve, der("private"), pem("public")));
        pairs.push((format!("{curve} PEM / DER"), curve, pem("private"), der("public")));
    }
    // Every secp256k1 form with every other. Many signatures, so high-S ones (which OpenSSL makes and
    // accepts) are very likely among them if the signer ever produced them.
    for private in [
        "k256_private_key.pem", "k256_sec1.pem", "k256_sec1_with_params.pem", "k256_sec1_explicit.pem",
        "k256_pkcs8_explicit.pem", "k256_private_key_crlf.pem", "k256_sec1_with_params_crlf.pem",
        "k256_private_key_text_around.pem", "k256_private_key.der", "k256_sec1_wrong_params.pem",
    ] {
        for public in [
            "k256_public_key.pem", "k256_public_compressed.pem", "k256_public_explicit.pem",
            "k256_public_key_crlf.pem", "k256_public_key_text_around.pem", "k256_public_key.der",
        ] {
            pairs.push((format!("{private} / {public}"), "k256", key(private), key(public)));
        }
    }
    let sig = path_in(&dir, "sig");
    for (label, curve, private, public) in &pairs {
        gen_and_verify(label, private, public, "u");
        sign_and_verify(label, private, public, "u", &sig);
        let other = key(if *curve == "p256" { "k256_public_key.der" } else { "p256_public_key.der" });
        check_failed(cli(&["verify", &other, &sig, APPID, "u"]).case(label), 8);
    }
}

#[test]
fn every_manifest_key_behaves_as_listed() {
    let manifest = fs::read_to_string(key("MANIFEST.tsv")).unwrap();
    let dir = tmp();
    // A reference ticket per curve, to check each public form against.
    let reference: HashMap<&str, String> = ["p256", "k256"]
        .map(|curve| {
            let sig = path_in(&dir, &format!("ref_{curve}"));
            generate(curve, &["gen", &key(&format!("{curve}_private_key.pem")), &sig, APPID, "m"], &sig);
            (curve, sig)
        })
        .into();
    let mut checked = 0;
    for line in manifest.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, role, curve, expect) = (cols[0], cols[1], cols[2], cols[4]);
        let path = key(file);
        let sig = path_in(&dir, &format!("sig_{file}"));
        if role == "private" || role == "any" {
            let gen = ["gen", &path, &sig, APPID, "m"];
            if expect == "ok" {
                let ticket = generate(file, &gen, &sig);
                let public = key(&format!("{curve}_public_key.pem"));
                verified(file, &["verify", &public, &sig, APPID, "m"], DEFAULT_EXPIRE, None, ticket.window);
            } else {
                rejected(file, &gen, &["return 17"], dir.path());
            }
        }
        if role == "public" || role == "any" {
            let verify = ["verify", &path, reference.get(curve).unwrap_or(&reference["p256"]), APPID, "m"];
            if expect == "ok" {
                verified(file, &verify, DEFAULT_EXPIRE, None, ANY_TIME);
            } else {
                check_failed(cli(&verify).case(file), 8);
            }
        }
        checked += 1;
    }
    assert!(checked >= 40, "MANIFEST.tsv has only {checked} rows");
}

#[test]
fn unusual_identifiers_round_trip() {
    let long_ascii = pseudo_random_ascii(4096, 7);
    let long_unicode = "用户😀\"\\".repeat(4096 / 12 + 1);
    assert!(long_ascii.len() == 4096 && long_unicode.len() >= 4096);
    let identifiers = [
        "quote\"inside",
        "back\\slash",
        "\",\"TLS.identifier\":\"evil",
        "中文用户名",
        "emoji😀🚀",
        "tab\tand\nnewline",
        "ctrl\u{1}\u{1f}",
        "  spaces  ",
        "-starts-with-dash",
        &long_ascii,
        &long_unicode,
    ];
    let dir = tmp();
    let sig = path_in(&dir, "sig");
    for (i, id) in identifiers.into_iter().enumerate() {
        for (private, public) in [P256, K256] {
            let label = format!("identifier #{i}, {private}");
            let (private, public) = (key(private), key(public));
            let (gen, verify) = (["gen", &private, &sig, APPID, id], ["verify", &public, &sig, APPID, id]);
            let ticket = round_trip(&label, &gen, &verify, &sig, &v1(id, DEFAULT_EXPIRE, None));
            // A poorly compressible 4 KiB identifier: the ticket file is far over the legacy 1024-byte read.
            let len = ticket.text.len();
            assert!(id != long_ascii || len > 1024, "[{label}] 4 KiB identifier gave a {len}-byte ticket");
            // A near miss is still code 13.
            check_failed(cli(&["verify", &public, &sig, APPID, &format!("{id}x")]).case(&label), 13);
        }
        // v2 and signature too
        let label = format!("identifier #{i}");
        let (gen, verify) = (["gen2", "secret", &sig, APPID, id], ["verify2", "secret", &sig, APPID, id]);
        round_trip(&label, &gen, &verify, &sig, &v2(id, None));
        sign_and_verify(&label, &key(P256.0), &key(P256.1), id, &sig);
    }
}
