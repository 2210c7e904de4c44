//! What the command-line tools share: reading key and ticket files, and turning library errors
//! into the legacy output lines.

use std::fs;
use std::path::Path;

use tls_sig::{ErrorCode, PrivateKey, SigError};

/// The largest key or ticket file read, in bytes (far above any real one, and no 1024-byte
/// truncation like the legacy tools).
const MAX_FILE_LEN: u64 = 16 << 20;

/// Reads a whole file, refusing one larger than 16 MiB. The error names the file, not its content.
pub fn read_file(path: &str) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(Path::new(path)).map_err(|e| format!("open file {path} failed: {e}"))?;
    if meta.len() > MAX_FILE_LEN {
        return Err(format!("read file {path} failed: larger than {MAX_FILE_LEN} bytes"));
    }
    fs::read(path).map_err(|e| format!("read file {path} failed: {e}"))
}

/// Reads and parses a private key file (PEM or DER). A file that cannot be read or used is code
/// 17, as the legacy signing calls reported it.
pub fn read_private_key(path: &str) -> Result<PrivateKey, SigError> {
    let bytes = read_file(path).map_err(|m| SigError::new(ErrorCode::SignFailed, m))?;
    PrivateKey::parse(&bytes).map_err(|e| {
        let e = e.into_sign_error();
        SigError::new(e.code(), format!("read private key {path} failed: {}", e.message()))
    })
}
