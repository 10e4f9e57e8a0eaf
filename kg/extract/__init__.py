"""extract(prepared) -> Extraction: persons, posts, meetings, documents and counts of one article."""
from __future__ import annotations

from dataclasses import replace

from ..gazetteer import gazetteer
from ..model import Evidence, Extraction, Holding, Meeting, PersonMention, Prepared, Sentence, Unit
from ..text import Token, fold, tokenize
from . import documents, meetings, posts
from .context import Context
from .grammar import Grammar, Post

_STATUS_RANK = {"new": 0, "current": 1, "former": 2}


def _evidence(prep: Prepared, sentence: Sentence) -> Evidence:
    start, end = prep.norm.original(sentence.start, sentence.end)
    return Evidence(prep.doc.text[start:end], start, end)


def _context(sentences: list[tuple[Sentence, list[Token]]]) -> Context:
    """Units the document names, in reading order; read again, searching the province the text names
    most, when a name of several units came before any province."""
    ctx = _read_units(sentences, Context())
    hint = ctx.named_province() if ctx.guessed else None
    return _read_units(sentences, Context(hint=hint)) if hint is not None else ctx


def _read_units(sentences: list[tuple[Sentence, list[Token]]], ctx: Context) -> Context:
    for _, tokens in sentences:
        g = Grammar(tokens, ctx)
        i = 0
        while i < len(tokens):
            body = g.body(i)
            if body is not None and body[2] and body[0].unit is not None and body[1] > i:
                ctx.add(tokens[i].start, body[0].unit)
                _add_parenthesized(g, ctx, i, body[1])
                i = body[1]
                continue
            ref = g.unit_ref(i, bare=False)
            if ref is not None:
                ctx.add(tokens[i].start, ref[0])
                _add_parenthesized(g, ctx, i, ref[1])
                i = ref[1]
                continue
            province = _bare_province(g, i)
            if province is not None:
                ctx.add(tokens[i].start, province[0])
                i = province[1]
                continue
            name = g.names_at(i)
            if name is not None and name.end - name.start > 1 and not _place_name(name.text):
                ctx.add_name(tokens[name.end - 1].key, name.text)
                i = name.end
                continue
            i += 1
    ctx.finish()
    return ctx


def _add_parenthesized(g: Grammar, ctx: Context, start: int, end: int) -> None:
    """The district or province a unit's name is followed by in parentheses, read over with it:
    'phường An Hòa (TP. Rạch Giá)' names Rạch Giá too."""
    for k in range(start, end):
        if g.key(k) == "(":
            inner = g.unit_ref(k + 1, bare=False) or g.unit_name(k + 1, None, ("province", "district"))
            if inner is not None:
                ctx.add(g.t[k + 1].start, inner[0])


def _bare_province(g: Grammar, i: int) -> tuple[Unit, int] | None:
    """A province named without its type word ('tại Hải Dương'), not inside a person's name."""
    if not g.gaz.starts_province(g.t[i].key) or i > 0 and g.t[i - 1].is_title or g.names_at(i) is not None:
        return None
    found = g.unit_name(i, None, ("province",))
    if found is None or found[1] - i < 2 or g.t[i].key in g.lex.surnames and g.names_at(i):
        return None
    return found


def _place_name(name: str) -> bool:
    """'Hồ Chí Minh', 'Hà Nội Mới': the name is, or starts with, a place of the gazetteer."""
    words = name.split()
    gaz = gazetteer()
    return gaz.has_name(name) or any(
        u.level in ("province", "district") for k in range(2, len(words)) for u in gaz.lookup(" ".join(words[:k])))


def _persons(prep: Prepared, found: list[tuple[posts.Candidate, list[Token], Evidence]]) -> list[PersonMention]:
    """Accept a name vouched for by a title, honorific or post anywhere in the article, or a name of
    three or more syllables that is not a place; never the article's own byline."""
    gaz = gazetteer()
    authors = {fold(prep.doc.metadata.author)} if prep.doc.metadata.author else set()
    strong = {fold(c.name) for c, _, _ in found if c.strong}
    titled = {fold(c.name) for c, _, _ in found if c.honorific}
    out = []
    for cand, tokens, ev in found:
        key = fold(cand.name)
        if key in authors:
            continue
        if key not in strong and (cand.end - cand.start < 3 or cand.place or _place_name(cand.name)):
            continue
        if key not in titled and any(u.level == "province" for u in gaz.by_name.get(key, [])):
            continue  # "lăng Chủ tịch Hồ Chí Minh", "TP Hồ Chí Minh": a place unless ông / bà / đồng chí
        start, end = prep.norm.original(tokens[cand.start].start, tokens[cand.end - 1].end)
        out.append(PersonMention(cand.name, start, end, ev))
    return out


def _best_holdings(holdings: list[Holding]) -> list[Holding]:
    """One holding per (person, role, body): a newly elected post outranks a current one, which
    outranks a former one; the term comes from whichever mention states it."""
    best: dict[tuple, Holding] = {}
    for h in holdings:
        key = (fold(h.person), h.role, h.body.label)
        old = best.get(key)
        if old is None or _STATUS_RANK[h.status] < _STATUS_RANK[old.status]:
            term = h.term or (old.term if old else None)
            best[key] = Holding(h.person, h.role, h.body, h.status, h.evidence, term)
        elif old.term is None and h.term is not None:
            best[key] = Holding(old.person, old.role, old.body, old.status, old.evidence, h.term)
    # "Phó Bí thư Thường trực" of a body says all "Phó Bí thư" of it would: keep the specific one.
    specific = {(p, b, r) for p, r, b in best}
    return [h for (p, r, b), h in best.items()
            if not any(b2 == b and p2 == p and r2.startswith(r + " ") for p2, b2, r2 in specific)]


def _held(merged: list[Meeting], near: Meeting | None) -> Meeting | None:
    """The meeting a count belongs to: the one named in its sentence, else the one the article reports."""
    if near is not None:
        same = [m for m in merged if (m.kind, m.organizer.label) == (near.kind, near.organizer.label)
                and m.ordinal == near.ordinal] or [m for m in merged if m.kind == near.kind]
        if same:
            return same[0]
    held = [m for m in merged if not m.referenced]
    return held[0] if len(held) == 1 else None


def _listed(g: Grammar, cands: list[posts.Candidate], held: list[posts.Found], listing: Post
            ) -> tuple[list[posts.Candidate], list[posts.Found], Post | None]:
    """A line of a list of members ('1. Đồng chí A', '- B, Phó Chủ tịch UBND huyện'): its person is a
    member of the body the list is headed by, and vouched for by it. The list ends at any other line."""
    item = posts.list_item(g)
    if item is None or item is False:
        return cands, held, None
    if item is True:
        return cands, held, listing
    cands = [replace(c, strong=True) if c.start == item.start else c for c in cands]
    if not any(fold(h.person) == fold(item.text) for h in held):
        held = held + posts.members(item.text, listing)
    return cands, held, listing


def extract(prep: Prepared) -> Extraction:
    sentences = [(s, tokenize(s.text, s.start)) for s in prep.sentences]
    ctx = _context(sentences)
    published = prep.doc.metadata.published
    candidates, holdings, found_meetings, docs, counts = [], [], [], [], []
    organizer = None  # of the last meeting the article reports with its organizer named
    listing = None  # the membership a list of people on the lines before holds
    for sentence, tokens in sentences:
        if not tokens:
            continue
        g = Grammar(tokens, ctx)
        ev = _evidence(prep, sentence)
        cands, held = posts.scan(g)
        if listing is not None:
            cands, held, listing = _listed(g, cands, held, listing)
        listing = posts.list_header(g) or listing
        candidates += [(c, tokens, ev) for c in cands]
        holdings += [Holding(h.person, h.role, h.body, h.status, ev, h.term) for h in held
                     if h.body.unit is not None]
        ms = meetings.scan(g, ev, sentence.text, published, organizer)
        organizer = next((m.meeting.organizer for m in reversed(ms) if m.named and not m.meeting.referenced),
                         organizer)
        found_meetings += [m.meeting for m in ms]
        docs += documents.scan(g, ev, ms, prep.norm.text)
        counts += [replace(c, meeting=ms[0].meeting) if ms else c for c in documents.counts(g, ev, sentence.text)]
    persons = _persons(prep, candidates)
    accepted = {fold(p.name) for p in persons}
    merged = meetings.merge(found_meetings)
    counts = [replace(c, meeting=_held(merged, c.meeting)) for c in counts]
    return Extraction(
        doc=prep.doc,
        persons=tuple(persons),
        holdings=tuple(h for h in _best_holdings(holdings) if fold(h.person) in accepted),
        meetings=tuple(merged),
        documents=tuple(docs),
        counts=tuple(counts),
        units=tuple(dict.fromkeys(u for _, u in ctx.mentions)),
    )
