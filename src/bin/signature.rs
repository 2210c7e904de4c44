//! `signature pri_key_file sdkappid identifier`: prints a 180-day v1 ticket on stdout and nothing
//! else, for PHP callers that `exec` it. Errors go to stderr with a non-zero exit status.

mod common;

use std::process::ExitCode;

use tls_sig::cnum::parse_sdkappid;
use tls_sig::{v1, DEFAULT_EXPIRE};

fn main() -> ExitCode {
    let args: Vec<String> = match std::env::args_os().skip(1).map(|a| a.into_string()).collect() {
        Ok(args) => args,
        Err(_) => return usage("arguments must be valid UTF-8"),
    };
    let [key_file, sdkappid, identifier] = args.as_slice() else {
        return usage("expected 3 arguments");
    };
    let result = parse_sdkappid(sdkappid)
        .and_then(|sdkappid| Ok((sdkappid, common::read_private_key(key_file)?)))
        .and_then(|(sdkappid, key)| v1::generate(&key, sdkappid, identifier, DEFAULT_EXPIRE, None));
    match result {
        Ok(ticket) => {
            println!("{ticket}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error msg: {} return {}", e.message(), e.code().as_i32());
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("{problem}\nUsage: signature pri_key_file sdkappid identifier");
    ExitCode::from(2)
}
