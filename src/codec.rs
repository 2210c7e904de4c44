//! The byte-level encodings of a ticket: the legacy base64 alphabet (`*`, `-`, `_` in place of
//! `+`, `/`, `=`), whitespace-tolerant base64, and zlib with a bounded inflate.

use std::io::{Read, Write};

use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{alphabet, Engine};
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use flate2::Compression;

/// The largest inflated ticket accepted, in bytes. Real tickets are well under 16 KiB even with
/// multi-kilobyte identifiers and userbufs; anything larger is treated as an inflate failure so a
/// zlib bomb cannot exhaust memory.
pub const MAX_INFLATED_LEN: usize = 1 << 20;

/// Standard-alphabet base64 that, like OpenSSL's decoder, accepts missing padding and trailing
/// bits. Whitespace is removed before decoding by [`decode_base64_lenient`].
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Standard base64 with padding, for encoding.
pub(crate) fn encode_base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Decodes standard base64, skipping ASCII whitespace anywhere (as the legacy decoder did).
/// Returns `None` when the text is not base64.
pub(crate) fn decode_base64_lenient(text: &str) -> Option<Vec<u8>> {
    if text.bytes().any(|b| b.is_ascii_whitespace()) {
        let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        LENIENT.decode(compact).ok()
    } else {
        LENIENT.decode(text).ok()
    }
}

/// Encodes bytes in the ticket alphabet: standard base64 with `+`→`*`, `/`→`-`, `=`→`_`.
/// (Not RFC 4648 base64url: `-` stands for `/` here.)
pub(crate) fn encode_ticket_base64(bytes: &[u8]) -> String {
    encode_base64(bytes)
        .chars()
        .map(|c| match c {
            '+' => '*',
            '/' => '-',
            '=' => '_',
            other => other,
        })
        .collect()
}

/// Decodes the ticket alphabet back to bytes, skipping whitespace. `None` when not base64.
pub(crate) fn decode_ticket_base64(text: &str) -> Option<Vec<u8>> {
    let mapped: Vec<u8> = text
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| match b {
            b'*' => b'+',
            b'-' => b'/',
            b'_' => b'=',
            other => other,
        })
        .collect();
    LENIENT.decode(mapped).ok()
}

/// zlib-compresses (RFC 1950) at level 1, as the legacy C++ did.
pub(crate) fn deflate(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(bytes.len() / 2 + 64), Compression::fast());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// Why an inflate failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InflateError {
    /// The data is not a valid zlib stream.
    Corrupt,
    /// The stream inflates to more than [`MAX_INFLATED_LEN`] bytes.
    TooLarge,
}

/// Inflates a zlib stream, refusing output larger than [`MAX_INFLATED_LEN`].
pub(crate) fn inflate_bounded(bytes: &[u8]) -> Result<Vec<u8>, InflateError> {
    let decoder = ZlibDecoder::new(bytes);
    let mut limited = decoder.take(MAX_INFLATED_LEN as u64 + 1);
    let mut out = Vec::with_capacity((bytes.len() * 4).min(MAX_INFLATED_LEN));
    limited.read_to_end(&mut out).map_err(|_| InflateError::Corrupt)?;
    if out.len() > MAX_INFLATED_LEN {
        return Err(InflateError::TooLarge);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_alphabet_round_trip() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        let text = encode_ticket_base64(&bytes);
        assert!(!text.contains('+') && !text.contains('/') && !text.contains('='));
        assert!(text.contains('*') && text.contains('-'));
        assert_eq!(decode_ticket_base64(&text).unwrap(), bytes);
        assert_eq!(decode_ticket_base64(&format!(" {}\r\n", &text[..10])).unwrap().len(), 7);
    }

    #[test]
    fn lenient_base64_skips_whitespace_and_padding() {
        assert_eq!(decode_base64_lenient("aGVs\r\nbG8=\n").unwrap(), b"hello");
        assert_eq!(decode_base64_lenient("aGVsbG8").unwrap(), b"hello");
        assert!(decode_base64_lenient("a!b").is_none());
    }

    #[test]
    fn inflate_round_trip_and_bounds() {
        let data = b"{\"a\":\"b\"}".repeat(10);
        assert_eq!(inflate_bounded(&deflate(&data).unwrap()).unwrap(), data);
        assert_eq!(inflate_bounded(b"not zlib"), Err(InflateError::Corrupt));
        let bomb = deflate(&vec![b' '; MAX_INFLATED_LEN + 1]).unwrap();
        assert_eq!(inflate_bounded(&bomb), Err(InflateError::TooLarge));
    }
}
