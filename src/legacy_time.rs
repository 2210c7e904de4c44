//! The oldest (plain-JSON) tickets wrote `TLS.time` as a date, `YYYY-MM-DDTHH:MM:SS-08:00`,
//! which the C++ read with `strptime` and `mktime`: the date and time as LOCAL time, the
//! written offset ignored. This module does the same.

/// Parses the leading `YYYY-MM-DDTHH:MM:SS` of `text` as local time (like `strptime` with
/// `%Y-%m-%dT%H:%M:%S` then `mktime`). `None` when the text does not start with such a date.
pub(crate) fn plain_json_time(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i32> {
        let s = text.get(range)?;
        if !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 61 {
        return None;
    }
    local_mktime(year, month, day, hour, minute, second)
}

#[cfg(unix)]
fn local_mktime(year: i32, month: i32, day: i32, hour: i32, minute: i32, second: i32) -> Option<i64> {
    // SAFETY: `tm` is plain data; an all-zero value is a valid `struct tm` (all fields are
    // integers, and on glibc `tm_zone` may be null).
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    tm.tm_isdst = -1;
    // SAFETY: `tm` is a valid, exclusively borrowed `struct tm`; mktime only reads and
    // normalises it. mktime is thread-safe in glibc (it takes the time zone lock).
    let t = unsafe { libc::mktime(&mut tm) };
    // `time_t` is 32-bit on some targets, so the conversion is not useless everywhere.
    #[allow(clippy::useless_conversion)]
    let t = i64::from(t);
    (t != -1).then_some(t)
}

#[cfg(not(unix))]
fn local_mktime(year: i32, month: i32, day: i32, hour: i32, minute: i32, second: i32) -> Option<i64> {
    // Without a C time zone database, read the date as UTC.
    let days = days_from_civil(i64::from(year), i64::from(month), i64::from(day));
    Some(days * 86_400 + i64::from(hour) * 3_600 + i64::from(minute) * 60 + i64::from(second))
}

#[cfg(not(unix))]
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_legacy_dates() {
        let t = plain_json_time("2015-11-19T10:00:00-08:00").unwrap();
        // Whatever the local zone, the result is within a day of the UTC reading.
        assert!((t - 1_447_927_200).abs() <= 86_400, "{t}");
        assert_eq!(plain_json_time("2015-11-19T10:00:01").unwrap() - t, 1);
        assert!(plain_json_time("1447927200").is_none());
        assert!(plain_json_time("2015-13-19T10:00:00").is_none());
    }
}
