"""Text that can be stored and printed whatever bytes it came from."""

from __future__ import annotations


def escape_surrogates(text: str) -> str:
    """``text`` as valid UTF-8: bytes that were not UTF-8 (lone surrogates from
    ``surrogateescape``, as in file names) become visible ``\\xNN`` escapes, any other lone
    surrogate ``\\uNNNN``."""
    if not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        return text
    return "".join(f"\\x{ord(ch) - 0xDC00:02x}" if 0xDC80 <= ord(ch) <= 0xDCFF
                   else f"\\u{ord(ch):04x}" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
