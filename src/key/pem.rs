//! A lenient PEM scanner with OpenSSL's tolerance: text before, between and after the armour,
//! CRLF line ends, trailing spaces, and several blocks in one file.

use zeroize::Zeroizing;

use crate::codec::decode_base64_lenient;

/// One `-----BEGIN <label>-----` ... `-----END <label>-----` block.
pub(crate) struct PemBlock {
    /// The label, e.g. `PRIVATE KEY` or `EC PARAMETERS`.
    pub label: String,
    /// The decoded body (zeroized on drop: it may be a private key); `None` when the body was
    /// not valid base64.
    pub der: Option<Zeroizing<Vec<u8>>>,
    /// Whether RFC 1421 headers declared the block encrypted (`Proc-Type: 4,ENCRYPTED`).
    pub encrypted: bool,
}

/// Finds every PEM block in `text`, in order. A block with no END line is left out.
pub(crate) fn scan(text: &str) -> Vec<PemBlock> {
    let mut blocks = Vec::new();
    let mut lines = text.split('\n').map(|l| l.trim_end_matches(['\r', ' ', '\t']));
    while let Some(line) = lines.next() {
        let Some(label) = armour_label(line.trim_start(), "-----BEGIN ") else { continue };
        let end_line = format!("-----END {label}-----");
        let mut body = Zeroizing::new(String::new());
        let mut encrypted = false;
        let mut closed = false;
        for inner in lines.by_ref() {
            let inner = inner.trim_start();
            if inner == end_line {
                closed = true;
                break;
            }
            if let Some((name, value)) = inner.split_once(':') {
                if name.eq_ignore_ascii_case("Proc-Type") && value.to_ascii_uppercase().contains("ENCRYPTED") {
                    encrypted = true;
                }
                continue;
            }
            body.push_str(inner);
        }
        if closed {
            let der = decode_base64_lenient(&body).map(Zeroizing::new);
            blocks.push(PemBlock { label: label.to_string(), der, encrypted });
        }
    }
    blocks
}

/// The label of an armour line such as `-----BEGIN PUBLIC KEY-----`.
fn armour_label<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    line.strip_prefix(prefix)?.strip_suffix("-----").filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_among_text_and_crlf() {
        let text = "Bag attributes\r\n-----BEGIN EC PARAMETERS-----\r\nBggqhkjOPQMBBw==\r\n-----END EC PARAMETERS-----\r\n\
                    junk\n-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES\n\nAAAA\n-----END EC PRIVATE KEY-----\n\
                    -----BEGIN PUBLIC KEY-----\nAAAA\n";
        let blocks = scan(text);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].label, "EC PARAMETERS");
        assert_eq!(blocks[0].der.as_deref().map(|d| &d[..]), Some(&[6u8, 8, 42, 134, 72, 206, 61, 3, 1, 7][..]));
        assert!(!blocks[0].encrypted);
        assert_eq!(blocks[1].label, "EC PRIVATE KEY");
        assert!(blocks[1].encrypted);
    }
}
