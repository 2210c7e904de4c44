//! The byte-level encodings of a ticket: the legacy base64 alphabet (`*`, `-`, `_` in place of
//! `+`, `/`, `=`), whitespace-tolerant base64, and zlib with a bounded inflate.

use std::cell::RefCell;

use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{alphabet, Engine};
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

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

/// The ticket alphabet: standard base64 with `*` for `+` and `-` for `/`.
const TICKET_ALPHABET: alphabet::Alphabet =
    match alphabet::Alphabet::new("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-") {
        Ok(alphabet) => alphabet,
        Err(_) => panic!("the ticket alphabet has 64 distinct printable symbols"),
    };

/// Ticket-alphabet base64 with `=` padding (replaced by `_` afterwards), for encoding.
const TICKET_ENCODER: GeneralPurpose = GeneralPurpose::new(&TICKET_ALPHABET, GeneralPurposeConfig::new());

/// Encodes bytes in the ticket alphabet: standard base64 with `+`→`*`, `/`→`-`, `=`→`_`.
/// (Not RFC 4648 base64url: `-` stands for `/` here.)
pub(crate) fn encode_ticket_base64(bytes: &[u8]) -> String {
    let mut text = TICKET_ENCODER.encode(bytes);
    // Only the (at most two) padding characters at the end remain to be mapped.
    let padding = text.bytes().rev().take_while(|&b| b == b'=').count();
    text.truncate(text.len() - padding);
    text.extend(std::iter::repeat_n('_', padding));
    text
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
///
/// The compressor (a few hundred KB of state, the costly part for a 300-byte ticket) is kept
/// per thread and reset between calls.
pub(crate) fn deflate(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    thread_local! {
        static COMPRESSOR: RefCell<Option<Compress>> = const { RefCell::new(None) };
    }
    COMPRESSOR.with(|slot| match slot.try_borrow_mut() {
        Ok(mut slot) => {
            let compressor = slot.get_or_insert_with(|| Compress::new(Compression::fast(), true));
            compressor.reset();
            let result = deflate_with(compressor, bytes);
            if result.is_err() {
                *slot = None;
            }
            result
        }
        // Re-entered on this thread (cannot happen today): use a fresh compressor.
        Err(_) => deflate_with(&mut Compress::new(Compression::fast(), true), bytes),
    })
}

fn deflate_with(compressor: &mut Compress, bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 4 + 64);
    loop {
        let consumed = usize::try_from(compressor.total_in()).unwrap_or(usize::MAX).min(bytes.len());
        let status = compressor
            .compress_vec(&bytes[consumed..], &mut out, FlushCompress::Finish)
            .map_err(std::io::Error::other)?;
        match status {
            Status::StreamEnd => return Ok(out),
            Status::Ok | Status::BufError => out.reserve(out.capacity().max(64)),
        }
    }
}

/// Why an inflate failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InflateError {
    /// The data is not a valid zlib stream.
    Corrupt,
    /// The stream inflates to more than [`MAX_INFLATED_LEN`] bytes.
    TooLarge,
}

/// Inflates a zlib stream, refusing output larger than [`MAX_INFLATED_LEN`]. Bytes after the
/// end of the stream are ignored. The decompressor is kept per thread and reset between calls.
pub(crate) fn inflate_bounded(bytes: &[u8]) -> Result<Vec<u8>, InflateError> {
    thread_local! {
        static DECOMPRESSOR: RefCell<Option<Decompress>> = const { RefCell::new(None) };
    }
    DECOMPRESSOR.with(|slot| match slot.try_borrow_mut() {
        Ok(mut slot) => {
            let decompressor = slot.get_or_insert_with(|| Decompress::new(true));
            decompressor.reset(true);
            inflate_with(decompressor, bytes)
        }
        Err(_) => inflate_with(&mut Decompress::new(true), bytes),
    })
}

fn inflate_with(decompressor: &mut Decompress, bytes: &[u8]) -> Result<Vec<u8>, InflateError> {
    let mut out = Vec::with_capacity((bytes.len() * 4).clamp(256, MAX_INFLATED_LEN + 1));
    loop {
        if out.len() == out.capacity() {
            // Grow up to one byte past the limit, so exceeding it is seen.
            let room = (MAX_INFLATED_LEN + 1).saturating_sub(out.len());
            if room == 0 {
                return Err(InflateError::TooLarge);
            }
            out.reserve_exact(out.capacity().clamp(256, room));
        }
        let consumed = usize::try_from(decompressor.total_in()).unwrap_or(usize::MAX).min(bytes.len());
        let produced = out.len();
        let status = decompressor
            .decompress_vec(&bytes[consumed..], &mut out, FlushDecompress::Finish)
            .map_err(|_| InflateError::Corrupt)?;
        if out.len() > MAX_INFLATED_LEN {
            return Err(InflateError::TooLarge);
        }
        match status {
            Status::StreamEnd => return Ok(out),
            Status::Ok | Status::BufError => {
                let stalled = out.len() == produced
                    && usize::try_from(decompressor.total_in()).unwrap_or(usize::MAX) == consumed
                    && out.len() < out.capacity();
                if stalled {
                    // No progress with room to write: the input ended before the stream did.
                    return Err(InflateError::Corrupt);
                }
            }
        }
    }
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
        let exact = vec![b'x'; MAX_INFLATED_LEN];
        assert_eq!(inflate_bounded(&deflate(&exact).unwrap()).unwrap(), exact);
    }

    #[test]
    fn reused_streams_round_trip_every_size() {
        let mut seed = 0x9e37_79b9_u32;
        for len in (0..2000).step_by(37).chain([4095, 4096, 70_000]) {
            let data: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    let symbols = b"{}:,TLS.sig0123456789abc";
                    symbols[seed as usize % symbols.len()]
                })
                .collect();
            let packed = deflate(&data).unwrap();
            assert_eq!(inflate_bounded(&packed).unwrap(), data, "len {len}");
            // Truncated streams fail, and the next call on this thread still works.
            if packed.len() > 4 {
                assert_eq!(inflate_bounded(&packed[..packed.len() - 3]), Err(InflateError::Corrupt), "len {len}");
            }
            assert_eq!(inflate_bounded(&packed).unwrap(), data);
        }
    }

    #[test]
    fn ticket_alphabet_matches_the_mapping() {
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 89 + 7) as u8).collect();
            let mapped: String = encode_base64(&bytes)
                .chars()
                .map(|c| match c {
                    '+' => '*',
                    '/' => '-',
                    '=' => '_',
                    other => other,
                })
                .collect();
            assert_eq!(encode_ticket_base64(&bytes), mapped);
        }
    }
}
