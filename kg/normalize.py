"""Normalize article text (NFC, one tone-mark placement, whitespace, page furniture), keeping a map
from every normalized character back to the original text."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .lexicon import lexicon
from .model import Normalized
from .text import LOWER as _LOWER, OPEN_RHYME as _OPEN_RHYME, UPPER as _UPPER, fold, is_syllable, \
    move_tone as _move_tone

_COMBINING = "\u0300-\u036f"
_HAS_COMBINING = re.compile(f"[{_COMBINING}]")

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
        out_off.extend(_align(m.group(), new, offsets[m.start():m.end()], offsets[min(m.end(), len(offsets) - 1)]
                              if offsets else 0))
        out.append(new)
        last = m.end()
    out.append(text[last:])
    out_off.extend(offsets[last:len(text)])
    return "".join(out), out_off


def _align(old: str, new: str, old_offsets: list[int], after: int) -> list[int]:
    """Offsets for `new` replacing `old`: a shared prefix and suffix keep their own offsets, the
    changed middle maps to where the change starts (or to the next character for a pure insertion)."""
    if len(old) == len(new):
        return list(old_offsets)
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    q = 0
    while q < min(len(old), len(new)) - p and old[-1 - q] == new[-1 - q]:
        q += 1
    middle_at = old_offsets[p] if p < len(old_offsets) else after
    suffix = old_offsets[len(old) - q:] if q else []
    return old_offsets[:p] + [middle_at] * (len(new) - p - q) + suffix


_INLINE_FURNITURE = re.compile(r"\[img\]|leftcenterrightdel")


def _furniture() -> re.Pattern[str]:
    lines = "|".join(lexicon().furniture)
    return re.compile(rf"(?im)^[ \t]*(?:{lines})[ \t]*$")


_VOWELS = "aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
# A capitalized token with two vowel groups cannot be one syllable: "Naitổ" in "Đồng Naitổ chức".
_GLUED = re.compile(rf"(?:[{_UPPER}][{_LOWER}]* ){{0,3}}[{_UPPER}][{_LOWER}]*?[{_VOWELS}]+[^{_VOWELS}\W]+[{_VOWELS}][{_LOWER}]*")


def _unglue(m: re.Match[str]) -> str:
    """Split a place name glued to the next word where a crawler removed a link: 'Đồng Naitổ' ->
    'Đồng Nai tổ', only when the part before the split is a province or district of the gazetteer."""
    from .gazetteer import gazetteer

    text = m.group()
    words = text.split(" ")
    last = words[-1]
    gaz = gazetteer()
    for split in range(len(last) - 1, 1, -1):
        head, tail = last[:split], last[split:]
        if not tail[0].isalpha() or len(tail) < 2:
            continue
        for first in range(len(words) - 1):
            name = " ".join(words[first:-1] + [head])
            if any(u.level in ("province", "district") for u in gaz.by_name.get(fold(name), [])):
                return text[: len(text) - len(last)] + head + " " + tail
    return _unglue_name(text, words, last)


def _unglue_name(text: str, words: list[str], last: str) -> str:
    """Split a person's name glued to the next word: 'Vương Quốc Tuấnyêu cầu' -> 'Vương Quốc Tuấn yêu
    cầu', when a surname comes before it and the token splits into two syllables, the second
    lower-case; the longest first syllable wins."""
    surnames = lexicon().surnames
    if not any(fold(w) in surnames for w in words[:-1]) or is_syllable(last):
        return text
    for split in range(len(last) - 1, 0, -1):
        head, tail = last[:split], last[split:]
        if tail[0].islower() and is_syllable(head) and is_syllable(tail):
            return text[: len(text) - len(last)] + head + " " + tail
    return text


def _move_lone_tone(m: re.Match[str]) -> str:
    """Move the tone of 'hoà' unless a stray combining mark follows, which NFC would then fold into
    the bared vowel on the next run: normalizing twice must change nothing."""
    if m.end() < len(m.string) and unicodedata.combining(m.string[m.end()]):
        return m.group()
    return _move_tone(m)


_REPEATED = (_GLUED, _INLINE_FURNITURE)  # removing or ungluing can reveal another match


def normalize(original: str) -> Normalized:
    """NFC, tone placement, furniture removal, glued-token splitting and whitespace, with offsets."""
    text = original
    offsets = list(range(len(text)))
    steps: list[tuple[re.Pattern[str], Sub]] = [
        # Deletions come before NFC, so that what they leave side by side is composed too.
        (re.compile("[\ufeff\u200b\u200c\u200d\u00ad]"), lambda m: ""),
        (re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00a0\u2000-\u200a\u202f\u3000\t]"),
         lambda m: "" if m.group() < "\x09" else " "),
        (_INLINE_FURNITURE, lambda m: ""),
        (re.compile(f"[^{_COMBINING}][{_COMBINING}]+"), lambda m: unicodedata.normalize("NFC", m.group())),
        (re.compile(r"\r\n?"), lambda m: "\n"),
        (_furniture(), lambda m: ""),
        # Crawlers that strip links glue words: "Tỉnh ủyĐồng Nai", "ôngNgô Luân".
        (re.compile(rf"(?<=[{_LOWER}])(?=[{_UPPER}][{_LOWER}])"), lambda m: " "),
        (_GLUED, _unglue),
        (_OPEN_RHYME, _move_lone_tone),  # after ungluing, which can end a word at "hoà"
        (re.compile(r"[ ]{2,}"), lambda m: " "),
        (re.compile(r"(?m)^ | $"), lambda m: ""),
        (re.compile(r"\n{3,}"), lambda m: "\n\n"),
    ]
    for pattern, repl in steps:
        text, offsets = _apply(pattern, repl, text, offsets)
        while pattern in _REPEATED and (again := _apply(pattern, repl, text, offsets))[0] != text:
            text, offsets = again
    offsets.append(len(original))
    return Normalized(text=text, offsets=tuple(offsets), ends=_ends(original, offsets))


def _ends(original: str, offsets: list[int]) -> tuple[int, ...]:
    """Where each normalized character ends in the original: after the combining marks NFC folded
    into it ('e' + U+0301 -> 'é' ends after the accent)."""
    if not _HAS_COMBINING.search(original):
        return ()  # every character ends right after its start
    ends = []
    for i in range(len(offsets) - 1):
        end = offsets[i] + 1
        while end < len(original) and unicodedata.combining(original[end]) and offsets[i + 1] != end:
            end += 1
        ends.append(end)
    return tuple(ends)
