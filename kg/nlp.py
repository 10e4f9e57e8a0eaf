"""Sentence splitting with underthesea: the only module that imports it.

underthesea's NER finds few persons in this genre (F1 0.16 on the sample articles), so persons come
from the extractors' lexicons and title contexts, not from here.
"""
from __future__ import annotations

import re

from underthesea import sent_tokenize

from .model import Normalized, Sentence

_PARAGRAPH = re.compile(r"[^\n]+")


def sentences(norm: Normalized) -> tuple[Sentence, ...]:
    """Sentences of the normalized text with their offsets; a line break always ends a sentence
    (captions and headlines stand on lines of their own)."""
    out: list[Sentence] = []
    text = norm.text
    for para in _PARAGRAPH.finditer(text):
        cursor = para.start()
        for piece in sent_tokenize(para.group()):
            start = text.find(piece, cursor, para.end())
            if start < 0:  # underthesea changed the text: keep the rest of the paragraph whole
                start = cursor
                piece = text[cursor:para.end()]
            out.append(Sentence(start, start + len(piece), piece))
            cursor = start + len(piece)
    return tuple(s for s in out if s.text.strip())
