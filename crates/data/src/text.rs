//! Reading text in the encoding each source really uses.

use encoding_rs::WINDOWS_1252;

/// Windows-1252 (the CPF4 labels, the INSEE tables): every byte is a character, so this cannot fail.
pub fn from_windows_1252(bytes: &[u8]) -> String {
    WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// UTF-8 with or without a byte-order mark; None when the bytes are not UTF-8.
pub fn from_utf8(bytes: &[u8]) -> Option<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).ok()
}

/// Lines without their ending (LF or CRLF, mixed), numbered from 1.
pub fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix('\r').unwrap_or(line)))
}
