"""Character classes, tone-placement folding and tokenization shared by every stage."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
UPPER = LOWER.upper()

# New-style tone placement on the open rhymes oa, oe, uy ("hoà", "khoẻ", "uỷ") moves to the first
# vowel ("hòa", "khỏe", "ủy"), the spelling most news sites use; "qu" + y keeps its tone ("quý").
OPEN_RHYME = re.compile(
    rf"(?<![{LOWER}{UPPER}])([{LOWER}{UPPER}]*?)(?<![qQ])([oOuU])"
    rf"([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?![{LOWER}{UPPER}])"
)


def move_tone(m: re.Match[str]) -> str:
    head, vowel, toned = m.group(1), m.group(2), m.group(3)
    decomposed = unicodedata.normalize("NFD", toned)
    tone = "".join(c for c in decomposed if c in TONES)
    bare = "".join(c for c in decomposed if c not in TONES)
    return head + unicodedata.normalize("NFC", vowel + tone) + unicodedata.normalize("NFC", bare)


def fold(text: str) -> str:
    """Key for comparing Vietnamese text: NFC, one tone placement, case-folded, single spaces, one
    apostrophe glued to its word ("H’ Zin" is "h'zin", as "H'Zin" is)."""
    text = OPEN_RHYME.sub(move_tone, unicodedata.normalize("NFC", text))
    return " ".join(text.casefold().split()).replace("’", "'").replace("' ", "'")


def ascii_slug(text: str) -> str:
    """'Trần Quang Tuấn' -> 'tran-quang-tuan', for readable IRIs."""
    nfd = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in nfd if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-") or "x"


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offsets in the text that was tokenized
    end: int
    key: str  # fold(text)

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_title(self) -> bool:
        """Capitalized, the rest lower case: 'Tuấn', not 'UBND' nor 'tuấn'; each part of 'K'Ré', 'H'Yim'."""
        t = self.text
        if t[0].isupper() and (len(t) == 1 or t[1:].islower()):
            return True
        parts = [p.lstrip() for p in _APOSTROPHE.split(t)]
        return len(parts) > 1 and all(p[:1].isupper() and (len(p) < 2 or p[1:].islower()) for p in parts)

    @property
    def is_number(self) -> bool:
        return self.text.isdigit()


_APOSTROPHE = re.compile("['’]")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[.'’][^\W\d_]+)*\.?(?<=[Tt][Pp]\.)|[^\W\d_]+(?:['’][^\W\d_]+)*|\S")


# The same words recur in every article: each is folded once.
_fold_word = lru_cache(maxsize=1 << 16)(fold)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words, numbers and single punctuation marks, with offsets (plus `offset`)."""
    tokens = [Token(m.group(), m.start() + offset, m.end() + offset, _fold_word(m.group()))
              for m in _TOKEN.finditer(text)]
    return _glue_prefixes(tokens, text, offset) if "' " in text or "’ " in text else tokens


_NAME_PREFIXES = {"H", "K", "Y"}  # of Ê Đê, K'Ho and other names, written "H'Zin" or "H' Zin"


def _glue_prefixes(tokens: list[Token], text: str, offset: int) -> list[Token]:
    """'H' Zin' as one word, as 'H'Zin' is."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        if t.text in _NAME_PREFIXES and k + 2 < len(tokens) and tokens[k + 1].text in ("'", "’") \
                and tokens[k + 1].start == t.end and tokens[k + 2].start == tokens[k + 1].end + 1 \
                and tokens[k + 2].text[0].isupper():
            word = text[t.start - offset:tokens[k + 2].end - offset]
            out.append(Token(word, t.start, tokens[k + 2].end, _fold_word(word)))
            k += 3
            continue
        out.append(t)
        k += 1
    return out


# Vietnamese syllables: the yardstick for choosing between encodings and for splitting glued words.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:uyê|uya|uyu|uây|uôi|ươi|ươu|iêu|yêu|oai|oay|oeo|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|"
    r"ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|[aăâeêioôơuưy])"
    r"(?:ch|ng|nh|[cmnpt])?"
)


@lru_cache(maxsize=1 << 16)  # a language has a few thousand syllables; text repeats them
def is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable: initial, vowel nucleus, final, at most one tone mark."""
    if len(word) > 7:
        return False
    marks = unicodedata.normalize("NFD", word.lower())
    bare = "".join(c for c in marks if c not in TONES)
    if len(marks) - len(bare) > 1:
        return False
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", bare)) is not None
