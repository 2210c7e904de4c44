//! Command-line tests: run the built `tls_licence_tools` and `signature` binaries (SPEC section 6,
//! issue 2 "CLI tests") in temporary directories and check exit status and output of every
//! subcommand and failure path.
//!
//! Run with `cargo test --test cli`.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use tempfile::TempDir;

const TOOLS: &str = env!("CARGO_BIN_EXE_tls_licence_tools");
const SIGNATURE: &str = env!("CARGO_BIN_EXE_signature");

const APPID: &str = "1400000267";
const DEFAULT_EXPIRE: i64 = 15_552_000;

// ---------------------------------------------------------------------------------------------
// helpers

/// The result of one run of a binary.
struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    what: String,
}

impl Run {
    /// stdout and stderr together, for messages whose stream does not matter.
    fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    fn describe(&self) -> String {
        format!(
            "{}\n  status: {:?}\n  stdout: {:?}\n  stderr: {:?}",
            self.what,
            self.status.code(),
            self.stdout,
            self.stderr
        )
    }

    /// Asserts exit status 0 and returns self.
    #[track_caller]
    fn ok(self) -> Self {
        assert!(
            self.status.success(),
            "expected success:\n{}",
            self.describe()
        );
        self
    }

    /// Asserts a non-zero exit status (a normal exit, not a crash) and returns self.
    #[track_caller]
    fn failed(self) -> Self {
        let code = self.status.code();
        assert!(
            matches!(code, Some(c) if c != 0),
            "expected a non-zero exit status:\n{}",
            self.describe()
        );
        self
    }

    /// Asserts the given exit status and returns self.
    #[track_caller]
    fn exit(self, code: i32) -> Self {
        assert_eq!(
            self.status.code(),
            Some(code),
            "unexpected exit status:\n{}",
            self.describe()
        );
        self
    }

    #[track_caller]
    fn stdout_is(self, expected: &str) -> Self {
        assert_eq!(
            self.stdout,
            expected,
            "unexpected stdout:\n{}",
            self.describe()
        );
        self
    }

    #[track_caller]
    fn stdout_has(self, needle: &str) -> Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.describe()
        );
        self
    }

    #[track_caller]
    fn stderr_has(self, needle: &str) -> Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.describe()
        );
        self
    }

    /// The text appears in stdout or stderr.
    #[track_caller]
    fn says(self, needle: &str) -> Self {
        assert!(
            self.all().contains(needle),
            "output lacks {needle:?}:\n{}",
            self.describe()
        );
        self
    }

    /// Case-insensitive `says`.
    #[track_caller]
    fn says_ci(self, needle: &str) -> Self {
        assert!(
            self.all().to_lowercase().contains(&needle.to_lowercase()),
            "output lacks {needle:?} (any case):\n{}",
            self.describe()
        );
        self
    }

    /// The output names the legacy code as a number of its own (not as part of another number).
    #[track_caller]
    fn names_code(self, code: u32) -> Self {
        let all = self.all();
        let found = all
            .split(|c: char| !c.is_ascii_digit())
            .any(|token| token == code.to_string());
        assert!(
            found,
            "output does not name code {code}:\n{}",
            self.describe()
        );
        self
    }

    #[track_caller]
    fn never_says(self, needle: &str) -> Self {
        assert!(
            !self.all().contains(needle),
            "output must not contain {needle:?}:\n{}",
            self.describe()
        );
        self
    }
}

fn run_in<I, S>(program: &str, dir: Option<&Path>, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<std::ffi::OsString> = args
        .into_iter()
        .map(|a| a.as_ref().to_os_string())
        .collect();
    let mut command = Command::new(program);
    command.args(&args).env("LC_ALL", "C");
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let shown: Vec<String> = args
        .iter()
        .map(|a| {
            let s = a.to_string_lossy();
            if s.len() > 80 {
                format!(
                    "{}…({} bytes)",
                    &s[..s.char_indices().nth(60).map_or(s.len(), |(i, _)| i)],
                    s.len()
                )
            } else {
                s.into_owned()
            }
        })
        .collect();
    Run {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        what: format!(
            "{} {}",
            Path::new(program).file_name().unwrap().to_string_lossy(),
            shown.join(" ")
        ),
    }
}

/// Runs `tls_licence_tools` with the given arguments.
fn tools<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_in(TOOLS, None, args)
}

/// Runs `signature` with the given arguments.
fn signature<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_in(SIGNATURE, None, args)
}

/// A fixture key file from `tests/data/keys`.
fn key(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/keys")
        .join(name);
    assert!(path.exists(), "missing key fixture {}", path.display());
    path
}

fn tmp() -> TempDir {
    tempfile::tempdir().expect("create temp dir")
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

/// Parses the success output of verify*: `verify sig ok`, `expire <e> init time <t>`, and for the
/// userbuf checks `userbuf:<bytes>`. Returns (expire, init time, userbuf line if any).
#[track_caller]
fn parse_verified(run: &Run) -> (i64, i64, Option<String>) {
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("verify sig ok"),
        "first line:\n{}",
        run.describe()
    );
    let second = lines
        .next()
        .unwrap_or_else(|| panic!("no expire line:\n{}", run.describe()));
    let rest = second
        .strip_prefix("expire ")
        .unwrap_or_else(|| panic!("bad expire line {second:?}:\n{}", run.describe()));
    let (expire, init) = rest
        .split_once(" init time ")
        .unwrap_or_else(|| panic!("bad expire line {second:?}:\n{}", run.describe()));
    let userbuf = lines.next().map(|l| {
        l.strip_prefix("userbuf:")
            .unwrap_or_else(|| panic!("unexpected third line {l:?}:\n{}", run.describe()))
            .to_string()
    });
    assert_eq!(
        lines.next(),
        None,
        "unexpected extra lines:\n{}",
        run.describe()
    );
    (expire.parse().unwrap(), init.parse().unwrap(), userbuf)
}

/// Asserts a successful verify with the given expiry and an init time in [t0, t1].
#[track_caller]
fn assert_verified(run: Run, expire: i64, t0: i64, t1: i64) -> Option<String> {
    let run = run.ok();
    assert!(
        run.stderr.is_empty(),
        "verify wrote to stderr:\n{}",
        run.describe()
    );
    let (e, t, userbuf) = parse_verified(&run);
    assert_eq!(e, expire, "expire:\n{}", run.describe());
    assert!(
        t0 <= t && t <= t1,
        "init time {t} not in [{t0}, {t1}]:\n{}",
        run.describe()
    );
    userbuf
}

/// Asserts a failed check with the legacy line `check sig faild: <code>:<msg>`.
#[track_caller]
fn assert_check_failed(run: Run, code: u32) -> Run {
    let run = run.failed();
    let prefix = format!("check sig faild: {code}:");
    let line = run
        .all()
        .lines()
        .find(|l| l.starts_with("check sig faild: "))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no `check sig faild:` line:\n{}", run.describe()));
    assert!(
        line.starts_with(&prefix),
        "expected {prefix:?}, got {line:?}:\n{}",
        run.describe()
    );
    assert!(
        line.len() > prefix.len(),
        "the failure line has no message:\n{}",
        run.describe()
    );
    assert!(
        !run.stdout.contains("verify sig ok"),
        "failed check printed ok:\n{}",
        run.describe()
    );
    run
}

/// Asserts a successful gen (`generate sig ok`, exit 0) and returns the ticket written.
#[track_caller]
fn assert_generated(run: Run, sig_file: &Path) -> String {
    let run = run.ok().stdout_is("generate sig ok\n");
    assert!(
        run.stderr.is_empty(),
        "gen wrote to stderr:\n{}",
        run.describe()
    );
    let ticket = fs::read_to_string(sig_file)
        .unwrap_or_else(|e| panic!("sig file {}: {e}", sig_file.display()));
    assert!(!ticket.trim().is_empty(), "empty ticket written");
    assert!(
        !ticket.contains(char::is_whitespace),
        "ticket contains whitespace: {ticket:?}"
    );
    ticket
}

/// Asserts a failed generation: non-zero status, no `generate sig ok`, an `error msg` naming the
/// legacy code, and no sig file written.
#[track_caller]
fn assert_gen_failed(run: Run, code: u32, sig_file: &Path) -> Run {
    let run = run.failed().never_says("generate sig ok");
    assert!(
        run.all().contains(&format!("return {code}")),
        "expected code {code} in the message:\n{}",
        run.describe()
    );
    assert!(
        !sig_file.exists(),
        "a failed gen wrote {}:\n{}",
        sig_file.display(),
        run.describe()
    );
    run
}

/// `dump` a ticket and parse its JSON.
#[track_caller]
fn dump_json(ticket: &str) -> serde_json::Value {
    let run = tools(["dump", ticket]).ok();
    assert!(
        run.stderr.is_empty(),
        "dump wrote to stderr:\n{}",
        run.describe()
    );
    let value: serde_json::Value = serde_json::from_str(run.stdout.trim_end())
        .unwrap_or_else(|e| panic!("dump output is not JSON ({e}):\n{}", run.describe()));
    assert!(
        value.is_object(),
        "dump output is not a JSON object:\n{}",
        run.describe()
    );
    value
}

/// The lines of a PEM file that are base64 body (not armour, not free text).
fn pem_body_lines(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap();
    text.lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .filter(|l| l.len() >= 16 && !l.starts_with("-----") && !l.contains(' '))
        .collect()
}

/// The DER inside the first PEM block of a file.
fn pem_der(path: &Path) -> Vec<u8> {
    let body: String = pem_body_lines(path).concat();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("PEM body base64")
}

fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// DER OIDs of the two curves.
const OID_P256: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_SECP256K1: &[u8] = &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a];

/// A deterministic pseudo-random ASCII string of `len` bytes (compresses poorly, like real ids).
fn pseudo_random_ascii(len: usize, mut seed: u64) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.@";
    (0..len)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ALPHABET[(seed >> 33) as usize % ALPHABET.len()] as char
        })
        .collect()
}

/// gen with `private`, then verify with `public`; returns the ticket.
#[track_caller]
fn gen_and_verify(private: &Path, public: &Path, identifier: &str) -> String {
    let dir = tmp();
    let sig = dir.path().join("sig");
    let t0 = now();
    let ticket = assert_generated(tools(["gen", s(private), s(&sig), APPID, identifier]), &sig);
    let t1 = now();
    assert_verified(
        tools(["verify", s(public), s(&sig), APPID, identifier]),
        DEFAULT_EXPIRE,
        t0,
        t1,
    );
    ticket
}

// ---------------------------------------------------------------------------------------------
// usage

#[test]
fn no_arguments_prints_version_and_usage_and_fails() {
    let run = tools(Vec::<&str>::new()).failed();
    let all = run.all();
    assert!(all.starts_with("current version: "), "{}", run.describe());
    let version = all["current version: ".len()..]
        .lines()
        .next()
        .unwrap()
        .trim();
    assert!(
        !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit()),
        "version {version:?}"
    );
    for command in [
        "gen ",
        "gen_without_expire",
        "genexpire",
        "genuser",
        "verify ",
        "verifyuser",
        "gen2 ",
        "gen2user",
        "verify2 ",
        "verify2user",
        "dump",
        "keygen",
    ] {
        assert!(
            all.contains(command),
            "usage lacks {command:?}:\n{}",
            run.describe()
        );
    }
    run.says("pri_key_file sig_file sdkappid identifier")
        .says("pub_key_file sig_file sdkappid identifier");
}

#[test]
fn unknown_command_prints_usage_on_stderr_exit_2() {
    tools(["frobnicate", "a", "b", "c", "d"])
        .exit(2)
        .stderr_has("frobnicate")
        .stderr_has("Usage:")
        .stderr_has("verify ")
        .never_says("generate sig ok");
}

#[test]
fn wrong_argument_count_prints_usage_on_stderr_exit_2() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    let k = key("p256_private_key.pem");
    let cases: Vec<Vec<&str>> = vec![
        vec!["gen", s(&k), s(&sig), APPID],
        vec!["gen", s(&k), s(&sig), APPID, "id", "extra"],
        vec!["gen_without_expire", s(&k), s(&sig)],
        vec!["genexpire", s(&k), s(&sig), APPID, "id"],
        vec!["genuser", s(&k), s(&sig), APPID, "id", "3600"],
        vec!["verify", s(&k), s(&sig), APPID],
        vec!["verifyuser", s(&k)],
        vec!["gen2", "secret", s(&sig), APPID],
        vec!["gen2user", "secret", s(&sig), APPID, "id"],
        vec!["verify2", "secret", s(&sig), APPID, "id", "x"],
        vec!["verify2user", "secret", s(&sig), APPID, "id"],
        vec!["dump"],
        vec!["dump", "a", "b"],
        vec!["gen"],
    ];
    for args in cases {
        tools(&args)
            .exit(2)
            .stderr_has("Usage:")
            .never_says("generate sig ok")
            .never_says("verify sig ok");
        assert!(!sig.exists(), "{args:?} wrote a sig file");
    }
}

#[test]
fn signature_usage_errors_exit_2() {
    let k = key("p256_private_key.pem");
    for args in [
        vec![],
        vec![s(&k)],
        vec![s(&k), APPID],
        vec![s(&k), APPID, "id", "extra"],
    ] {
        let run = signature(&args)
            .exit(2)
            .stderr_has("signature pri_key_file sdkappid identifier");
        assert!(
            run.stdout.is_empty(),
            "usage error printed on stdout:\n{}",
            run.describe()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// v1 round trips

#[test]
fn gen_verify_dump_round_trip() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    let t0 = now();
    let ticket = assert_generated(
        tools([
            "gen",
            s(&key("p256_private_key.pem")),
            s(&sig),
            APPID,
            "xiaojun",
        ]),
        &sig,
    );
    let t1 = now();
    assert_verified(
        tools([
            "verify",
            s(&key("p256_public_key.pem")),
            s(&sig),
            APPID,
            "xiaojun",
        ]),
        DEFAULT_EXPIRE,
        t0,
        t1,
    );
    // The ticket alphabet: base64 with + / = replaced by * - _.
    assert!(
        ticket
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"*-_".contains(&b)),
        "ticket has characters outside the ticket alphabet: {ticket}"
    );
    let json = dump_json(&ticket);
    assert_eq!(json["TLS.identifier"], "xiaojun");
    assert_eq!(json["TLS.sdk_appid"], APPID);
    assert_eq!(json["TLS.expire_after"], "15552000");
    assert_eq!(json["TLS.account_type"], "0");
    assert_eq!(json["TLS.appid_at_3rd"], "0");
    assert_eq!(json["TLS.version"], "201803230000");
    let time: i64 = json["TLS.time"]
        .as_str()
        .expect("TLS.time is a string")
        .parse()
        .unwrap();
    assert!(t0 <= time && time <= t1);
    let sig_field = json["TLS.sig"].as_str().expect("TLS.sig is a string");
    let der = base64::engine::general_purpose::STANDARD
        .decode(sig_field)
        .expect("TLS.sig is standard base64");
    assert_eq!(der[0], 0x30, "TLS.sig is a DER SEQUENCE");
}

#[test]
fn gen_without_expire_is_a_180_day_ticket() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    let t0 = now();
    let ticket = assert_generated(
        tools([
            "gen_without_expire",
            s(&key("k256_private_key.pem")),
            s(&sig),
            APPID,
            "user_1",
        ]),
        &sig,
    );
    let t1 = now();
    assert_verified(
        tools([
            "verify",
            s(&key("k256_public_key.pem")),
            s(&sig),
            APPID,
            "user_1",
        ]),
        DEFAULT_EXPIRE,
        t0,
        t1,
    );
    assert_eq!(dump_json(&ticket)["TLS.expire_after"], "15552000");
}

#[test]
fn genexpire_sets_the_expiry() {
    let dir = tmp();
    for expire in ["3600", "1", "2147483648", "4294967295"] {
        let sig = dir.path().join(format!("sig{expire}"));
        let t0 = now();
        let ticket = assert_generated(
            tools([
                "genexpire",
                s(&key("p256_private_key.pem")),
                s(&sig),
                APPID,
                "u",
                expire,
            ]),
            &sig,
        );
        let t1 = now();
        // The expiry is written unsigned (the legacy %d made 2^31 and above negative).
        assert_eq!(
            dump_json(&ticket)["TLS.expire_after"],
            expire,
            "expire {expire}"
        );
        if expire != "1" {
            assert_verified(
                tools([
                    "verify",
                    s(&key("p256_public_key.pem")),
                    s(&sig),
                    APPID,
                    "u",
                ]),
                expire.parse().unwrap(),
                t0,
                t1,
            );
        }
    }
}

#[test]
fn genexpire_rejects_a_bad_expire() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    for bad in ["abc", "-1", "", "4294967296"] {
        let run = tools([
            "genexpire",
            s(&key("p256_private_key.pem")),
            s(&sig),
            APPID,
            "u",
            bad,
        ]);
        let run = run.failed().never_says("generate sig ok").says("expire");
        assert!(!sig.exists(), "{}", run.describe());
    }
}

#[test]
fn expired_ticket_is_code_9() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    assert_generated(
        tools([
            "genexpire",
            s(&key("p256_private_key.pem")),
            s(&sig),
            APPID,
            "u",
            "0",
        ]),
        &sig,
    );
    std::thread::sleep(Duration::from_millis(1150));
    // time + 0 < now
    assert_check_failed(
        tools([
            "verify",
            s(&key("p256_public_key.pem")),
            s(&sig),
            APPID,
            "u",
        ]),
        9,
    );
}

#[test]
fn ticket_whose_expiry_equals_now_is_still_valid() {
    // time + expire == now must verify. Retry until gen and verify both ran inside the ticket's own
    // second (a run that straddles a second boundary proves nothing either way).
    let dir = tmp();
    let sig = dir.path().join("sig");
    for _ in 0..20 {
        let _ = fs::remove_file(&sig);
        let t0 = now();
        let ticket = assert_generated(
            tools([
                "genexpire",
                s(&key("k256_private_key.pem")),
                s(&sig),
                APPID,
                "u",
                "0",
            ]),
            &sig,
        );
        let run = tools([
            "verify",
            s(&key("k256_public_key.pem")),
            s(&sig),
            APPID,
            "u",
        ]);
        let t1 = now();
        let time: i64 = dump_json(&ticket)["TLS.time"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        if t0 == t1 && t1 == time {
            let (expire, init, _) = parse_verified(&run.ok());
            assert_eq!((expire, init), (0, time));
            return;
        }
        if !run.status.success() {
            assert_check_failed(run, 9);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("could not run gen and verify within one second in 20 attempts");
}

#[test]
fn genuser_verifyuser_round_trip_prints_userbuf() {
    let dir = tmp();
    for (private, public) in [
        ("p256_private_key.pem", "p256_public_key.pem"),
        ("k256_sec1.pem", "k256_public_key.pem"),
    ] {
        for userbuf in ["hello world", "用户数据 {\"a\":1} 😀"] {
            let sig = dir.path().join("sig");
            let _ = fs::remove_file(&sig);
            let t0 = now();
            let ticket = assert_generated(
                tools([
                    "genuser",
                    s(&key(private)),
                    s(&sig),
                    APPID,
                    "u1",
                    "3600",
                    userbuf,
                ]),
                &sig,
            );
            let t1 = now();
            let got = assert_verified(
                tools(["verifyuser", s(&key(public)), s(&sig), APPID, "u1"]),
                3600,
                t0,
                t1,
            );
            assert_eq!(got.as_deref(), Some(userbuf));
            let json = dump_json(&ticket);
            let encoded = json["TLS.userbuf"]
                .as_str()
                .expect("TLS.userbuf is a string");
            assert_eq!(
                base64::engine::general_purpose::STANDARD
                    .decode(encoded)
                    .unwrap(),
                userbuf.as_bytes()
            );
            assert_eq!(json["TLS.expire_after"], "3600");
            // Cross-use: a userbuf ticket given to the plain check → 8.
            assert_check_failed(tools(["verify", s(&key(public)), s(&sig), APPID, "u1"]), 8);
            // Wrong identifier / sdkappid on the userbuf check.
            assert_check_failed(
                tools(["verifyuser", s(&key(public)), s(&sig), APPID, "u2"]),
                13,
            );
            assert_check_failed(
                tools(["verifyuser", s(&key(public)), s(&sig), "1400000268", "u1"]),
                14,
            );
        }
    }
}

#[test]
fn verifyuser_on_a_plain_ticket_is_code_4() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    assert_generated(
        tools(["gen", s(&key("p256_private_key.pem")), s(&sig), APPID, "u"]),
        &sig,
    );
    assert_check_failed(
        tools([
            "verifyuser",
            s(&key("p256_public_key.pem")),
            s(&sig),
            APPID,
            "u",
        ]),
        4,
    );
}

#[test]
fn genuser_failure_exits_non_zero() {
    // The legacy genuser printed ok on failure.
    let dir = tmp();
    let sig = dir.path().join("sig");
    assert_gen_failed(
        tools([
            "genuser",
            s(&key("bad_garbage.pem")),
            s(&sig),
            APPID,
            "u",
            "3600",
            "buf",
        ]),
        17,
        &sig,
    );
    let run = tools([
        "genuser",
        s(&key("p256_private_key.pem")),
        s(&sig),
        "abc",
        "u",
        "3600",
        "buf",
    ]);
    run.failed().never_says("generate sig ok").says("sdkappid");
    assert!(!sig.exists());
}

// ---------------------------------------------------------------------------------------------
// v2 (HMAC)

#[test]
fn gen2_verify2_round_trip() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    let secret = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    let t0 = now();
    let ticket = assert_generated(tools(["gen2", secret, s(&sig), APPID, "xiaojun"]), &sig);
    let t1 = now();
    let userbuf = assert_verified(
        tools(["verify2", secret, s(&sig), APPID, "xiaojun"]),
        DEFAULT_EXPIRE,
        t0,
        t1,
    );
    assert_eq!(userbuf, None);
    let json = dump_json(&ticket);
    assert_eq!(json["TLS.ver"], "2.0");
    assert_eq!(json["TLS.identifier"], "xiaojun");
    assert_eq!(
        json["TLS.sdkappid"],
        serde_json::json!(1400000267u64),
        "v2 sdkappid is a JSON number"
    );
    assert_eq!(
        json["TLS.expire"],
        serde_json::json!(DEFAULT_EXPIRE),
        "v2 expire is a JSON number"
    );
    let time = json["TLS.time"].as_i64().expect("v2 time is a JSON number");
    assert!(t0 <= time && time <= t1);
    assert_eq!(json.get("TLS.userbuf"), None);
    let mac = base64::engine::general_purpose::STANDARD
        .decode(json["TLS.sig"].as_str().unwrap())
        .unwrap();
    assert_eq!(mac.len(), 32);

    assert_check_failed(
        tools(["verify2", "another secret", s(&sig), APPID, "xiaojun"]),
        8,
    );
    assert_check_failed(tools(["verify2", secret, s(&sig), APPID, "xiaojun2"]), 13);
    assert_check_failed(
        tools(["verify2", secret, s(&sig), "1400000268", "xiaojun"]),
        14,
    );
    // A v2 ticket checked with an EC public key file through `verify` does not verify.
    assert_check_failed(
        tools([
            "verify",
            s(&key("p256_public_key.pem")),
            s(&sig),
            APPID,
            "xiaojun",
        ]),
        8,
    );
}

#[test]
fn gen2user_verify2user_round_trip() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    let secret = "s3cr3t";
    let t0 = now();
    let ticket = assert_generated(
        tools(["gen2user", secret, s(&sig), APPID, "u", "room=42 中"]),
        &sig,
    );
    let t1 = now();
    let userbuf = assert_verified(
        tools(["verify2user", secret, s(&sig), APPID, "u", "room=42 中"]),
        DEFAULT_EXPIRE,
        t0,
        t1,
    );
    assert_eq!(userbuf.as_deref(), Some("room=42 中"));
    let json = dump_json(&ticket);
    assert_eq!(json["TLS.ver"], "2.0");
    let encoded = json["TLS.userbuf"]
        .as_str()
        .expect("TLS.userbuf is a string");
    assert_eq!(
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .unwrap(),
        "room=42 中".as_bytes()
    );

    assert_check_failed(
        tools(["verify2user", secret, s(&sig), APPID, "u", "room=43 中"]),
        15,
    );
    assert_check_failed(
        tools(["verify2user", "wrong", s(&sig), APPID, "u", "room=42 中"]),
        8,
    );
    assert_check_failed(
        tools(["verify2user", secret, s(&sig), APPID, "v", "room=42 中"]),
        13,
    );
    // Cross-use: a userbuf ticket given to the plain check → 8.
    assert_check_failed(tools(["verify2", secret, s(&sig), APPID, "u"]), 8);

    // A plain v2 ticket has no userbuf to match → 15.
    let plain = dir.path().join("plain");
    assert_generated(tools(["gen2", secret, s(&plain), APPID, "u"]), &plain);
    assert_check_failed(
        tools(["verify2user", secret, s(&plain), APPID, "u", "room=42 中"]),
        15,
    );
}

#[test]
fn gen2_rejects_a_bad_sdkappid() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    for bad in ["abc", "0", "-1", ""] {
        tools(["gen2", "secret", s(&sig), bad, "u"])
            .failed()
            .never_says("generate sig ok")
            .says("sdkappid");
        tools(["gen2user", "secret", s(&sig), bad, "u", "buf"])
            .failed()
            .never_says("generate sig ok")
            .says("sdkappid");
        assert!(!sig.exists());
    }
}

// ---------------------------------------------------------------------------------------------
// check failures

#[test]
fn wrong_public_key_is_code_8() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    assert_generated(
        tools(["gen", s(&key("p256_private_key.pem")), s(&sig), APPID, "u"]),
        &sig,
    );
    // The other curve's key.
    assert_check_failed(
        tools([
            "verify",
            s(&key("k256_public_key.pem")),
            s(&sig),
            APPID,
            "u",
        ]),
        8,
    );
    // Another key on the same curve.
    let other = dir.path().join("other");
    tools(["keygen", "--curve", "p256", "--out", s(&other)]).ok();
    assert_check_failed(
        tools(["verify", s(&other.join("public.pem")), s(&sig), APPID, "u"]),
        8,
    );
}

#[test]
fn unusable_public_key_is_code_8_and_never_shows_the_key() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    assert_generated(
        tools(["gen", s(&key("p256_private_key.pem")), s(&sig), APPID, "u"]),
        &sig,
    );
    for bad in [
        "bad_rsa_public.pem",
        "bad_ed25519_public.pem",
        "p384_public_key.pem",
        "bad_garbage.pem",
        "bad_truncated.pem",
    ] {
        let path = key(bad);
        let mut run = assert_check_failed(tools(["verify", s(&path), s(&sig), APPID, "u"]), 8);
        for line in pem_body_lines(&path) {
            run = run.never_says(&line);
        }
        run.never_says("!!!not base64!!!");
    }
}

#[test]
fn wrong_identifier_is_code_13() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    assert_generated(
        tools([
            "gen",
            s(&key("k256_private_key.pem")),
            s(&sig),
            APPID,
            "alice",
        ]),
        &sig,
    );
    for other in ["bob", "alic", "alice ", "Alice", ""] {
        assert_check_failed(
            tools([
                "verify",
                s(&key("k256_public_key.pem")),
                s(&sig),
                APPID,
                other,
            ]),
            13,
        );
    }
}

#[test]
fn wrong_sdkappid_is_code_14() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    assert_generated(
        tools([
            "gen",
            s(&key("p256_private_key.pem")),
            s(&sig),
            APPID,
            "alice",
        ]),
        &sig,
    );
    for other in ["1400000268", "140000026", "0", "abc"] {
        assert_check_failed(
            tools([
                "verify",
                s(&key("p256_public_key.pem")),
                s(&sig),
                other,
                "alice",
            ]),
            14,
        );
    }
}

#[test]
fn empty_sig_file_is_code_1() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    fs::write(&sig, "").unwrap();
    assert_check_failed(
        tools([
            "verify",
            s(&key("p256_public_key.pem")),
            s(&sig),
            APPID,
            "u",
        ]),
        1,
    );
    fs::write(&sig, "\n").unwrap();
    assert_check_failed(
        tools([
            "verify",
            s(&key("p256_public_key.pem")),
            s(&sig),
            APPID,
            "u",
        ]),
        1,
    );
    fs::write(&sig, "").unwrap();
    assert_check_failed(tools(["verify2", "secret", s(&sig), APPID, "u"]), 1);
}

#[test]
fn garbage_sig_is_code_2() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    fs::write(&sig, "this is not a ticket!!!").unwrap();
    assert_check_failed(
        tools([
            "verify",
            s(&key("p256_public_key.pem")),
            s(&sig),
            APPID,
            "u",
        ]),
        2,
    );
    assert_check_failed(tools(["verify2", "secret", s(&sig), APPID, "u"]), 2);
    tools(["dump", "this is not a ticket!!!"])
        .failed()
        .names_code(2)
        .never_says("TLS.");
}

#[test]
fn dump_of_garbage_fails() {
    let run = tools(["dump", "%%%%"]).failed();
    assert!(
        !run.all().trim().is_empty(),
        "dump failure gave no message:\n{}",
        run.describe()
    );
    run.names_code(2);
    tools(["dump", ""]).failed().names_code(1);
}

#[test]
fn missing_sig_file_fails_with_a_message() {
    let dir = tmp();
    let sig = dir.path().join("no_such_sig");
    tools([
        "verify",
        s(&key("p256_public_key.pem")),
        s(&sig),
        APPID,
        "u",
    ])
    .failed()
    .says("no_such_sig")
    .never_says("verify sig ok");
    tools(["verify2", "secret", s(&sig), APPID, "u"])
        .failed()
        .says("no_such_sig")
        .never_says("verify sig ok");
}

#[test]
fn missing_public_key_file_fails_with_a_message() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    assert_generated(
        tools(["gen", s(&key("p256_private_key.pem")), s(&sig), APPID, "u"]),
        &sig,
    );
    let missing = dir.path().join("no_such_public.pem");
    tools(["verify", s(&missing), s(&sig), APPID, "u"])
        .failed()
        .says("no_such_public.pem")
        .never_says("verify sig ok");
}

// ---------------------------------------------------------------------------------------------
// gen failures (code 17 and argument errors)

#[test]
fn missing_private_key_file_is_code_17() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    let missing = dir.path().join("no_such_key.pem");
    assert_gen_failed(tools(["gen", s(&missing), s(&sig), APPID, "u"]), 17, &sig)
        .says("no_such_key.pem");
    let run = signature([s(&missing), APPID, "u"])
        .failed()
        .says("no_such_key.pem")
        .says("return 17");
    assert!(
        run.stdout.is_empty(),
        "signature printed on stdout on failure:\n{}",
        run.describe()
    );
}

#[test]
fn unreadable_private_key_is_code_17() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    // A directory cannot be read as a file (works even as root).
    let not_a_file = dir.path().join("keydir");
    fs::create_dir(&not_a_file).unwrap();
    assert_gen_failed(
        tools(["gen", s(&not_a_file), s(&sig), APPID, "u"]),
        17,
        &sig,
    )
    .says("keydir");

    // A file without read permission (only meaningful when not running as root).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked.pem");
        fs::copy(key("p256_private_key.pem"), &locked).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read(&locked).is_err() {
            let mut run =
                assert_gen_failed(tools(["gen", s(&locked), s(&sig), APPID, "u"]), 17, &sig)
                    .says("locked.pem");
            for line in pem_body_lines(&key("p256_private_key.pem")) {
                run = run.never_says(&line);
            }
        }
    }
}

#[test]
fn unusable_private_keys_are_code_17_without_showing_the_key() {
    let dir = tmp();
    let sig = dir.path().join("sig");
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
        for command in ["gen", "gen_without_expire"] {
            let mut run =
                assert_gen_failed(tools([command, s(&path), s(&sig), APPID, "u"]), 17, &sig);
            assert!(
                run.stderr.trim().len() > "return 17".len(),
                "no message:\n{}",
                run.describe()
            );
            if let Some(word) = word {
                run = run.says_ci(word);
            }
            for line in pem_body_lines(&path) {
                run = run.never_says(&line);
            }
            run.never_says("!!!not base64!!!").never_says("BEGIN");
        }
        let mut run = assert_gen_failed(
            tools(["genexpire", s(&path), s(&sig), APPID, "u", "60"]),
            17,
            &sig,
        );
        for line in pem_body_lines(&path) {
            run = run.never_says(&line);
        }
        // signature: non-zero, nothing on stdout, the message on stderr.
        let mut run = signature([s(&path), APPID, "u"])
            .failed()
            .stderr_has("return 17");
        assert!(
            run.stdout.is_empty(),
            "signature printed on stdout on failure:\n{}",
            run.describe()
        );
        if let Some(word) = word {
            run = run.says_ci(word);
        }
        for line in pem_body_lines(&path) {
            run = run.never_says(&line);
        }
    }
}

#[test]
fn bad_sdkappid_argument_for_gen_is_rejected() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    for bad in ["abc", "0", "-1", "", "14x"] {
        for command in ["gen", "gen_without_expire"] {
            tools([command, s(&key("p256_private_key.pem")), s(&sig), bad, "u"])
                .failed()
                .never_says("generate sig ok")
                .says("sdkappid");
            assert!(!sig.exists(), "gen with sdkappid {bad:?} wrote a ticket");
        }
        tools([
            "genexpire",
            s(&key("p256_private_key.pem")),
            s(&sig),
            bad,
            "u",
            "60",
        ])
        .failed()
        .never_says("generate sig ok")
        .says("sdkappid");
        let run = signature([s(&key("p256_private_key.pem")), bad, "u"])
            .failed()
            .says("sdkappid");
        assert!(
            run.stdout.is_empty(),
            "signature printed on stdout on failure:\n{}",
            run.describe()
        );
    }
}

#[test]
fn unwritable_sig_file_fails() {
    let dir = tmp();
    let sig = dir.path().join("no_such_dir").join("sig");
    tools(["gen", s(&key("p256_private_key.pem")), s(&sig), APPID, "u"])
        .failed()
        .never_says("generate sig ok")
        .says("no_such_dir");
    tools(["gen2", "secret", s(&sig), APPID, "u"])
        .failed()
        .never_says("generate sig ok")
        .says("no_such_dir");
}

// ---------------------------------------------------------------------------------------------
// keygen

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn keygen_both_curves_then_gen_and_verify() {
    for (curve, oid, other_oid) in [
        ("p256", OID_P256, OID_SECP256K1),
        ("secp256k1", OID_SECP256K1, OID_P256),
    ] {
        let dir = tmp();
        let out = dir.path().join("keys");
        let run = tools(["keygen", "--curve", curve, "--out", s(&out)]).ok();
        assert!(run.stderr.is_empty(), "{}", run.describe());
        run.stdout_has("ec_key.pem").stdout_has("public.pem");
        let private = out.join("ec_key.pem");
        let public = out.join("public.pem");
        let private_text = fs::read_to_string(&private).unwrap();
        let public_text = fs::read_to_string(&public).unwrap();
        assert!(
            private_text.starts_with("-----BEGIN PRIVATE KEY-----"),
            "PKCS#8 expected: {private_text}"
        );
        assert!(
            public_text.starts_with("-----BEGIN PUBLIC KEY-----"),
            "SPKI expected"
        );
        assert!(
            contains_bytes(&pem_der(&private), oid),
            "{curve}: private key names the wrong curve"
        );
        assert!(
            contains_bytes(&pem_der(&public), oid),
            "{curve}: public key names the wrong curve"
        );
        assert!(!contains_bytes(&pem_der(&public), other_oid));
        #[cfg(unix)]
        assert_eq!(mode(&private), 0o600, "{curve}: private key file mode");

        let ticket = gen_and_verify(&private, &public, "keygen_user");
        assert!(!ticket.is_empty());
        // and the fixture key of the other curve does not verify it
        let fixture = if curve == "p256" {
            "k256_public_key.pem"
        } else {
            "p256_public_key.pem"
        };
        let sig = dir.path().join("sig");
        fs::write(&sig, &ticket).unwrap();
        assert_check_failed(
            tools(["verify", s(&key(fixture)), s(&sig), APPID, "keygen_user"]),
            8,
        );
        // signature works with the new key too
        let printed = signature([s(&private), APPID, "keygen_user"]).ok().stdout;
        fs::write(&sig, printed).unwrap();
        assert_verified(
            tools(["verify", s(&public), s(&sig), APPID, "keygen_user"]),
            DEFAULT_EXPIRE,
            0,
            i64::MAX,
        );
    }
}

#[test]
fn keygen_default_writes_into_the_current_directory() {
    let dir = tmp();
    let run = run_in(TOOLS, Some(dir.path()), ["keygen"]).ok();
    assert!(run.stderr.is_empty(), "{}", run.describe());
    let private = dir.path().join("ec_key.pem");
    let public = dir.path().join("public.pem");
    assert!(private.exists() && public.exists(), "{}", run.describe());
    #[cfg(unix)]
    assert_eq!(mode(&private), 0o600);
    gen_and_verify(&private, &public, "u");
}

#[test]
fn keygen_refuses_to_overwrite_without_force() {
    let dir = tmp();
    let out = dir.path();
    tools(["keygen", "--curve", "p256", "--out", s(out)]).ok();
    let private = out.join("ec_key.pem");
    let public = out.join("public.pem");
    let before = (fs::read(&private).unwrap(), fs::read(&public).unwrap());

    let run = tools(["keygen", "--curve", "p256", "--out", s(out)])
        .failed()
        .says("--force");
    run.never_says("generate key pair ok");
    assert_eq!(
        (fs::read(&private).unwrap(), fs::read(&public).unwrap()),
        before,
        "keys changed without --force"
    );

    // Either file existing is enough to refuse.
    fs::remove_file(&public).unwrap();
    tools(["keygen", "--curve", "secp256k1", "--out", s(out)])
        .failed()
        .says("--force");
    assert_eq!(fs::read(&private).unwrap(), before.0);
    assert!(!public.exists());

    // --force overwrites both.
    let run = tools(["keygen", "--curve", "secp256k1", "--out", s(out), "--force"]).ok();
    assert!(run.stderr.is_empty(), "{}", run.describe());
    assert_ne!(
        fs::read(&private).unwrap(),
        before.0,
        "--force did not overwrite the private key"
    );
    assert!(contains_bytes(&pem_der(&private), OID_SECP256K1));
    #[cfg(unix)]
    assert_eq!(mode(&private), 0o600);
    gen_and_verify(&private, &public, "u");
}

#[cfg(unix)]
#[test]
fn keygen_force_leaves_the_private_key_owner_only() {
    // Overwriting a world-readable ec_key.pem must not leave the new private key world-readable.
    use std::os::unix::fs::PermissionsExt;
    let dir = tmp();
    let private = dir.path().join("ec_key.pem");
    fs::write(&private, "old").unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o644)).unwrap();
    tools(["keygen", "--out", s(dir.path()), "--force"]).ok();
    assert!(fs::read_to_string(&private)
        .unwrap()
        .starts_with("-----BEGIN PRIVATE KEY-----"));
    let got = mode(&private);
    assert!(
        got == 0o600,
        "private key file mode after keygen --force over a 0644 file: {got:o}, expected 600"
    );
}

#[test]
fn keygen_bad_options_are_usage_errors() {
    let dir = tmp();
    for args in [
        vec!["keygen", "--curve", "p384", "--out", s(dir.path())],
        vec!["keygen", "--curve"],
        vec!["keygen", "--bogus", "--out", s(dir.path())],
    ] {
        tools(&args)
            .exit(2)
            .stderr_has("Usage:")
            .never_says("generate key pair ok");
    }
    assert!(!dir.path().join("ec_key.pem").exists());
}

// ---------------------------------------------------------------------------------------------
// signature

#[test]
fn signature_prints_the_ticket_alone() {
    for (private, public) in [
        ("p256_private_key.pem", "p256_public_key.pem"),
        ("k256_private_key.pem", "k256_public_key.pem"),
    ] {
        let dir = tmp();
        let t0 = now();
        let run = signature([s(&key(private)), APPID, "php_user"]).ok();
        let t1 = now();
        assert!(
            run.stderr.is_empty(),
            "signature wrote to stderr:\n{}",
            run.describe()
        );
        let ticket = run
            .stdout
            .strip_suffix('\n')
            .unwrap_or_else(|| panic!("no trailing newline:\n{}", run.describe()));
        assert!(
            !ticket.is_empty() && !ticket.contains(['\n', '\r', ' ']),
            "not one line:\n{}",
            run.describe()
        );
        assert!(
            ticket
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"*-_".contains(&b)),
            "{ticket}"
        );
        // As PHP writes it to a file (with its newline) and as a bare ticket.
        let sig = dir.path().join("sig");
        fs::write(&sig, &run.stdout).unwrap();
        assert_verified(
            tools(["verify", s(&key(public)), s(&sig), APPID, "php_user"]),
            DEFAULT_EXPIRE,
            t0,
            t1,
        );
        fs::write(&sig, ticket).unwrap();
        assert_verified(
            tools(["verify", s(&key(public)), s(&sig), APPID, "php_user"]),
            DEFAULT_EXPIRE,
            t0,
            t1,
        );
        let json = dump_json(ticket);
        assert_eq!(json["TLS.identifier"], "php_user");
        assert_eq!(json["TLS.sdk_appid"], APPID);
    }
}

// ---------------------------------------------------------------------------------------------
// file handling

#[test]
fn ticket_file_with_trailing_newline_or_crlf_still_verifies() {
    let dir = tmp();
    let sig = dir.path().join("sig");
    let ticket = assert_generated(
        tools(["gen", s(&key("p256_private_key.pem")), s(&sig), APPID, "u"]),
        &sig,
    );
    let wrapped: Vec<&str> = ticket
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    let variants = [
        format!("{ticket}\n"),
        format!("{ticket}\r\n"),
        format!("\n{ticket}\n\n"),
        format!("  {ticket}\t\r\n"),
        // CRLF every 76 characters (base64 skips whitespace anywhere).
        format!("{}\r\n", wrapped.join("\r\n")),
    ];
    for content in variants {
        fs::write(&sig, &content).unwrap();
        assert_verified(
            tools([
                "verify",
                s(&key("p256_public_key.pem")),
                s(&sig),
                APPID,
                "u",
            ]),
            DEFAULT_EXPIRE,
            0,
            i64::MAX,
        );
    }

    let secret = "secret";
    assert_generated(tools(["gen2", secret, s(&sig), APPID, "u"]), &sig);
    let v2 = fs::read_to_string(&sig).unwrap();
    for content in [format!("{v2}\n"), format!("{v2}\r\n")] {
        fs::write(&sig, &content).unwrap();
        assert_verified(
            tools(["verify2", secret, s(&sig), APPID, "u"]),
            DEFAULT_EXPIRE,
            0,
            i64::MAX,
        );
    }
}

/// Pads a PEM fixture with free text before and after the armour to about `total` bytes.
fn padded_pem(fixture: &str, total: usize, crlf: bool) -> String {
    let pem = fs::read_to_string(key(fixture)).unwrap();
    let nl = if crlf { "\r\n" } else { "\n" };
    let mut before = String::new();
    let mut i = 0;
    while before.len() < total / 2 {
        before.push_str(&format!(
            "Comment line {i}: this test-only key file is padded past 1024 bytes{nl}"
        ));
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

#[test]
fn key_files_larger_than_1024_bytes_work() {
    for (private, public) in [
        ("p256_private_key.pem", "p256_public_key.pem"),
        ("k256_sec1.pem", "k256_public_key.pem"),
    ] {
        for crlf in [false, true] {
            let dir = tmp();
            let big_private = dir.path().join("big_private.pem");
            let big_public = dir.path().join("big_public.pem");
            fs::write(&big_private, padded_pem(private, 4096, crlf)).unwrap();
            fs::write(&big_public, padded_pem(public, 4096, crlf)).unwrap();
            assert!(fs::metadata(&big_private).unwrap().len() >= 4096);
            assert!(fs::metadata(&big_public).unwrap().len() >= 4096);
            // big private → fixture public, fixture private → big public, big → big
            gen_and_verify(&big_private, &key(public), "u");
            gen_and_verify(&key(private), &big_public, "u");
            gen_and_verify(&big_private, &big_public, "u");
            let printed = signature([s(&big_private), APPID, "u"]).ok().stdout;
            let sig = dir.path().join("sig");
            fs::write(&sig, printed).unwrap();
            assert_verified(
                tools(["verify", s(&big_public), s(&sig), APPID, "u"]),
                DEFAULT_EXPIRE,
                0,
                i64::MAX,
            );
        }
    }
}

#[test]
fn der_key_files_work_for_gen_and_verify() {
    for curve in ["p256", "k256"] {
        let private_der = key(&format!("{curve}_private_key.der"));
        let public_der = key(&format!("{curve}_public_key.der"));
        let private_pem = key(&format!("{curve}_private_key.pem"));
        let public_pem = key(&format!("{curve}_public_key.pem"));
        gen_and_verify(&private_der, &public_der, "der_user");
        gen_and_verify(&private_der, &public_pem, "der_user");
        gen_and_verify(&private_pem, &public_der, "der_user");
        // signature takes a DER key too
        let dir = tmp();
        let sig = dir.path().join("sig");
        fs::write(
            &sig,
            signature([s(&private_der), APPID, "der_user"]).ok().stdout,
        )
        .unwrap();
        assert_verified(
            tools(["verify", s(&public_der), s(&sig), APPID, "der_user"]),
            DEFAULT_EXPIRE,
            0,
            i64::MAX,
        );
        // and the other curve's DER public key rejects it
        let other = if curve == "p256" { "k256" } else { "p256" };
        assert_check_failed(
            tools([
                "verify",
                s(&key(&format!("{other}_public_key.der"))),
                s(&sig),
                APPID,
                "der_user",
            ]),
            8,
        );
    }
}

#[test]
fn secp256k1_keys_in_every_form() {
    // Many signatures, so high-S ones (which OpenSSL makes and accepts) are very likely among them
    // if the signer ever produced them; every one must verify with every public form.
    let publics = [
        "k256_public_key.pem",
        "k256_public_compressed.pem",
        "k256_public_explicit.pem",
        "k256_public_key_crlf.pem",
        "k256_public_key_text_around.pem",
        "k256_public_key.der",
    ];
    let privates = [
        "k256_private_key.pem",
        "k256_sec1.pem",
        "k256_sec1_with_params.pem",
        "k256_sec1_explicit.pem",
        "k256_pkcs8_explicit.pem",
        "k256_private_key_crlf.pem",
        "k256_sec1_with_params_crlf.pem",
        "k256_private_key_text_around.pem",
        "k256_private_key.der",
        "k256_sec1_wrong_params.pem",
    ];
    let dir = tmp();
    for (i, private) in privates.iter().enumerate() {
        let sig = dir.path().join(format!("sig{i}"));
        assert_generated(tools(["gen", s(&key(private)), s(&sig), APPID, "k1"]), &sig);
        for public in publics {
            assert_verified(
                tools(["verify", s(&key(public)), s(&sig), APPID, "k1"]),
                DEFAULT_EXPIRE,
                0,
                i64::MAX,
            );
        }
    }
}

#[test]
fn every_manifest_key_behaves_as_listed() {
    let manifest = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/keys/MANIFEST.tsv"),
    )
    .unwrap();
    let dir = tmp();
    let mut checked = 0;
    // A reference ticket per curve, to check each public form against.
    let mut reference = std::collections::HashMap::new();
    for curve in ["p256", "k256"] {
        let sig = dir.path().join(format!("ref_{curve}"));
        assert_generated(
            tools([
                "gen",
                s(&key(&format!("{curve}_private_key.pem"))),
                s(&sig),
                APPID,
                "m",
            ]),
            &sig,
        );
        reference.insert(curve, sig);
    }
    for line in manifest.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, role, curve, expect) = (cols[0], cols[1], cols[2], cols[4]);
        let path = key(file);
        let sig = dir.path().join(format!("sig_{file}"));
        if role == "private" || role == "any" {
            let run = tools(["gen", s(&path), s(&sig), APPID, "m"]);
            if expect == "ok" {
                assert_generated(run, &sig);
                let public = key(&format!("{curve}_public_key.pem"));
                assert_verified(
                    tools(["verify", s(&public), s(&sig), APPID, "m"]),
                    DEFAULT_EXPIRE,
                    0,
                    i64::MAX,
                );
            } else {
                assert_gen_failed(run, 17, &sig);
            }
        }
        if role == "public" || role == "any" {
            let target = reference.get(curve).unwrap_or(&reference["p256"]);
            let run = tools(["verify", s(&path), s(target), APPID, "m"]);
            if expect == "ok" {
                assert_verified(run, DEFAULT_EXPIRE, 0, i64::MAX);
            } else {
                assert_check_failed(run, 8);
            }
        }
        checked += 1;
    }
    assert!(checked >= 40, "MANIFEST.tsv has only {checked} rows");
}

// ---------------------------------------------------------------------------------------------
// identifiers

#[test]
fn unusual_identifiers_round_trip() {
    let long_ascii = pseudo_random_ascii(4096, 7);
    let long_unicode = "用户😀\"\\".repeat(4096 / 12 + 1);
    assert!(long_ascii.len() == 4096 && long_unicode.len() >= 4096);
    let identifiers: Vec<&str> = vec![
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
    for (i, id) in identifiers.iter().enumerate() {
        for (private, public) in [
            ("p256_private_key.pem", "p256_public_key.pem"),
            ("k256_private_key.pem", "k256_public_key.pem"),
        ] {
            let sig = dir.path().join(format!("sig{i}_{private}"));
            let t0 = now();
            let ticket =
                assert_generated(tools(["gen", s(&key(private)), s(&sig), APPID, id]), &sig);
            if *id == long_ascii {
                // A poorly compressible 4 KiB identifier: the ticket file is far over the legacy
                // 1024-byte read.
                assert!(
                    ticket.len() > 1024,
                    "4 KiB identifier gave a {}-byte ticket",
                    ticket.len()
                );
            }
            let t1 = now();
            assert_verified(
                tools(["verify", s(&key(public)), s(&sig), APPID, id]),
                DEFAULT_EXPIRE,
                t0,
                t1,
            );
            let json = dump_json(&ticket);
            assert_eq!(
                json["TLS.identifier"].as_str(),
                Some(*id),
                "identifier #{i} after dump"
            );
            // A near miss is still code 13.
            let near = format!("{id}x");
            assert_check_failed(
                tools(["verify", s(&key(public)), s(&sig), APPID, &near]),
                13,
            );
        }
        // v2 and signature too
        let sig = dir.path().join(format!("sig{i}_v2"));
        let ticket = assert_generated(tools(["gen2", "secret", s(&sig), APPID, id]), &sig);
        assert_verified(
            tools(["verify2", "secret", s(&sig), APPID, id]),
            DEFAULT_EXPIRE,
            0,
            i64::MAX,
        );
        assert_eq!(
            dump_json(&ticket)["TLS.identifier"].as_str(),
            Some(*id),
            "v2 identifier #{i} after dump"
        );
        let printed = signature([s(&key("p256_private_key.pem")), APPID, id])
            .ok()
            .stdout;
        assert_eq!(
            printed.matches('\n').count(),
            1,
            "signature output is not one line for identifier #{i}"
        );
        let sig = dir.path().join(format!("sig{i}_signature"));
        fs::write(&sig, &printed).unwrap();
        assert_verified(
            tools(["verify", s(&key("p256_public_key.pem")), s(&sig), APPID, id]),
            DEFAULT_EXPIRE,
            0,
            i64::MAX,
        );
    }
}
