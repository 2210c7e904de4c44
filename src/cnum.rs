//! Number parsing with the C library's semantics (`strtoul`, `atol`), as the legacy code read
//! ticket fields and arguments, plus strict parsers for arguments that must be well-formed.

use crate::error::{ErrorCode, SigError};

/// Splits `s` the way `strtol`/`strtoul` do: leading ASCII whitespace, an optional sign, then
/// the run of decimal digits (possibly empty). Returns (negative, digits).
fn c_number_prefix(s: &str) -> (bool, &str) {
    let s = s.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (negative, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let end = rest.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(rest.len());
    (negative, &rest[..end])
}

/// C `strtoul` on a 64-bit Linux `unsigned long`: leading whitespace, an optional sign (a `-`
/// negates modulo 2^64), the leading decimal digits, the rest ignored; overflow gives `u64::MAX`;
/// no digits gives 0.
pub fn strtoul(s: &str) -> u64 {
    let (negative, digits) = c_number_prefix(s);
    let mut value: u64 = 0;
    for b in digits.bytes() {
        match value.checked_mul(10).and_then(|v| v.checked_add(u64::from(b - b'0'))) {
            Some(v) => value = v,
            None => return u64::MAX,
        }
    }
    if negative {
        value.wrapping_neg()
    } else {
        value
    }
}

/// C `atol` (glibc: `strtol` base 10) on a 64-bit `long`: leading whitespace, an optional sign,
/// the leading digits, the rest ignored; saturates at `i64::MIN`/`i64::MAX`; no digits gives 0.
pub fn atol(s: &str) -> i64 {
    let (negative, digits) = c_number_prefix(s);
    let mut value: i64 = 0;
    for b in digits.bytes() {
        let d = i64::from(b - b'0');
        let next = value.checked_mul(10).and_then(|v| if negative { v.checked_sub(d) } else { v.checked_add(d) });
        match next {
            Some(v) => value = v,
            None => return if negative { i64::MIN } else { i64::MAX },
        }
    }
    value
}

/// Parses a caller-supplied unsigned decimal argument strictly: optional surrounding whitespace,
/// digits only, at most `max`. `name` names the argument in the error message.
fn parse_unsigned_arg(text: &str, name: &str, min: u64, max: u64) -> Result<u64, SigError> {
    let t = text.trim();
    let bad = || SigError::new(ErrorCode::Internal, format!("invalid {name}: expected a decimal number from {min} to {max}"));
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    match t.parse::<u64>() {
        Ok(v) if (min..=max).contains(&v) => Ok(v),
        _ => Err(bad()),
    }
}

/// Parses an sdkappid argument: a decimal number from 1 to 4294967295 (the legacy C interface's
/// `uint32`). Zero and anything non-numeric are rejected, so no ticket is ever made for sdkappid 0.
pub fn parse_sdkappid(text: &str) -> Result<u64, SigError> {
    parse_unsigned_arg(text, "sdkappid", 1, u64::from(u32::MAX))
}

/// Parses an expiry argument in seconds: a decimal number from 0 to 4294967295.
pub fn parse_expire(text: &str) -> Result<u32, SigError> {
    let v = parse_unsigned_arg(text, "expire", 0, u64::from(u32::MAX))?;
    u32::try_from(v).map_err(|_| SigError::new(ErrorCode::Internal, "invalid expire"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strtoul_follows_c() {
        assert_eq!(strtoul("1400000267"), 1400000267);
        assert_eq!(strtoul("  +12abc"), 12);
        assert_eq!(strtoul("abc"), 0);
        assert_eq!(strtoul("-1"), u64::MAX);
        assert_eq!(strtoul("99999999999999999999999"), u64::MAX);
    }

    #[test]
    fn atol_follows_c() {
        assert_eq!(atol(" 15552000"), 15552000);
        assert_eq!(atol("-2147483648"), -2147483648);
        assert_eq!(atol("12x"), 12);
        assert_eq!(atol(""), 0);
        assert_eq!(atol("-"), 0);
        assert_eq!(atol("99999999999999999999"), i64::MAX);
        assert_eq!(atol("-99999999999999999999"), i64::MIN);
    }

    #[test]
    fn strict_arguments() {
        assert_eq!(parse_sdkappid(" 1400000267 ").unwrap(), 1400000267);
        assert!(parse_sdkappid("0").unwrap_err().message().contains("sdkappid: expected a decimal number from 1"));
        assert!(parse_sdkappid("14x").is_err());
        assert!(parse_sdkappid("-1").is_err());
        assert!(parse_sdkappid("4294967296").is_err());
        assert_eq!(parse_expire("4294967295").unwrap(), u32::MAX);
        assert_eq!(parse_expire("0").unwrap(), 0);
        assert!(parse_expire("").unwrap_err().message().contains("expire"));
    }
}
