"""Normalize article text (NFC, one tone-mark placement, whitespace, page furniture), keeping a map
from every normalized character back to the original text."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .lexicon import lexicon
from .model import Normalized
from .text import LOWER as _LOWER, OPEN_RHYME as _OPEN_RHYME, UPPER as _UPPER, move_tone as _move_tone

_COMBINING = "\u0300-\u036f"

Sub = Callable[[re.Match[str]], str]


def _apply(pattern: re.Pattern[str], repl: Sub, text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """re.sub that also rewrites the offset map: a same-length replacement maps char to char,
    any other maps every new character to the start of what it replaced (or, when it replaced
    nothing, to the character after it)."""
    out: list[str] = []
    out_off: list[int] = []
    last = 0
    for m in pattern.finditer(text):
        out.append(text[last:m.start()])
        out_off.extend(offsets[last:m.start()])
        new = repl(m)
        if len(new) == m.end() - m.start():
            out_off.extend(offsets[m.start():m.end()])
        else:
            out_off.extend([offsets[m.start()]] * len(new))
        out.append(new)
        last = m.end()
    out.append(text[last:])
    out_off.extend(offsets[last:len(text)])
    return "".join(out), out_off


def _furniture() -> re.Pattern[str]:
    lines = "|".join(lexicon().furniture)
    return re.compile(rf"(?im)^[ \t]*(?:{lines})[^\n]*$|\[img\]|leftcenterrightdel")


def normalize(original: str) -> Normalized:
    """NFC, tone placement, furniture removal, glued-token splitting and whitespace, with offsets."""
    text = original
    offsets = list(range(len(text)))
    steps: list[tuple[re.Pattern[str], Sub]] = [
        (re.compile("[\ufeff\u200b\u200c\u200d\u00ad]"), lambda m: ""),
        (re.compile(f"[^{_COMBINING}][{_COMBINING}]+"), lambda m: unicodedata.normalize("NFC", m.group())),
        (re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00a0\u2000-\u200a\u202f\u3000\t]"),
         lambda m: "" if m.group() < "\x09" else " "),
        (re.compile(r"\r\n?"), lambda m: "\n"),
        (_OPEN_RHYME, _move_tone),
        (_furniture(), lambda m: ""),
        # Crawlers that strip links glue words: "Tỉnh ủyĐồng Nai", "ôngNgô Luân".
        (re.compile(rf"(?<=[{_LOWER}])(?=[{_UPPER}][{_LOWER}])"), lambda m: " "),
        (re.compile(r"[ ]{2,}"), lambda m: " "),
        (re.compile(r"(?m)^ | $"), lambda m: ""),
        (re.compile(r"\n{3,}"), lambda m: "\n\n"),
    ]
    for pattern, repl in steps:
        text, offsets = _apply(pattern, repl, text, offsets)
    offsets.append(len(original))
    return Normalized(text=text, offsets=tuple(offsets))
