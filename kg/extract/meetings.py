"""Meetings: congresses (Đại hội), plenums and conferences (Hội nghị, phiên họp) and People's Council
sessions (Kỳ họp), with ordinal, organizer, khóa, term and dates."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..gazetteer import VIETNAM
from ..model import Body, Evidence, Meeting, Term, Unit
from .grammar import COMMITTEE_BY_TYPE, Grammar, parse_day_month

_REFERENCE = {"nghị", "văn", "dự", "trình", "sau", "tới", "tham", "chuẩn", "của"}
_NATIONAL = Body("party", "Đảng Cộng sản Việt Nam", unit=VIETNAM)
# "Hội Nông dân huyện tổ chức Đại hội …": as "Đại hội Hội Nông dân" (meeting_exclude.txt), not a
# Party or State meeting.
_NOT_PARTY_OR_STATE = {"mass_organization"}
# Bodies that hold no meeting of a kind: a People's Committee has "phiên họp", not a council's "kỳ họp".
_HOLDS_NO = {"session": {"people_committee"}}


@dataclass(frozen=True)
class Found:
    meeting: Meeting
    start: int  # token index where the meeting phrase starts
    end: int
    named: bool = False  # its organizer is named, not taken from the context


def _attributes(g: Grammar, j: int) -> tuple[dict, int]:
    """Ordinal, organizer, khóa and term after the meeting word, in any order."""
    got: dict = {}
    limit = j + 30
    while j < min(limit, len(g.t)):
        if g.key(j) in {",", "-", "–", "(", ")"}:
            nxt = j + 1
            if g.key(j) == "(" and (close := _aside(g, j)) is not None:  # "(phiên bất thường)", "(kỳ họp chuyên đề)"
                nxt = close + 1 + (g.key(close + 1) == ",")
            if _attribute_at(g, nxt, got) is None:
                break
            j = nxt
            continue
        k = _attribute_at(g, j, got)
        if k is None:
            break
        j = k
    return got, j


def _aside(g: Grammar, j: int) -> int | None:
    """The closing parenthesis of a short aside opened at j that names what kind of meeting it is."""
    close = next((k for k in range(j + 1, min(j + 8, len(g.t))) if g.key(k) == ")"), None)
    if close is None:
        return None
    words = {g.key(k) for k in range(j + 1, close)}
    if any(w.isdigit() for w in words):  # "(nhiệm kỳ 2020-2025)": an attribute, read as one
        return None
    return close if words & {"phiên", "bất", "thường", "chuyên", "đề", "mở", "rộng"} else None


def _national(got: dict, j: int) -> int:
    """'Đại hội XIII của Đảng', 'Đại hội Đảng toàn quốc': named, so no meeting of the article's unit."""
    if "organizer" not in got:
        got["organizer"], got["named"] = _NATIONAL, True
    return j


def _attribute_at(g: Grammar, j: int, got: dict) -> int | None:
    """Read one attribute at j into `got`; the index after it, or None."""
    if g.key(j) == "đại" and g.key(j + 1) == "biểu":
        return j + 2
    if g.words(j, {"các đại biểu"}) and g.body(j + 3) is not None:
        return j + 3  # "Tại kỳ họp, các đại biểu HĐND tỉnh Bình Định đã thông qua …"
    if "ordinal" not in got and (o := g.ordinal(j)) is not None:
        if g.key(o[1]) in {"lần", "thứ"} and (spelt := g.ordinal(o[1])) is not None:
            o = spelt  # "Đảng bộ phường Hải Châu I lần thứ XIII": the bare numeral ends the unit's name
        got["ordinal"] = o[0]
        return o[1]
    if (k := g.khoa(j)) is not None:
        got.setdefault("khoa", k[0])
        return k[1]
    if (t := g.term(j)) is not None:
        got.setdefault("term", t[0])
        return t[1]
    if g.key(j) == "của" and g.key(j + 1) == "đảng" and not g.lex.bodies.match(g.t, j + 1):
        return _national(got, j + 2)
    if g.key(j) in {"đảng", "toàn"} and g.key(j + 1) in {"toàn", "quốc"}:
        return _national(got, j + 2 + (g.key(j + 2) == "quốc"))
    if "organizer" in got and (ref := g.unit_ref(j, bare=False)) is not None:
        return ref[1]  # "Đảng bộ xã Phong Hải, tỉnh Lào Cai khóa I": the unit that places the organizer's
    if "organizer" not in got and g.key(j) == "của" and g.body(j + 1) is not None:
        j += 1  # "kỳ họp thứ 50 của UBKT Tỉnh ủy"
    if "organizer" not in got and (b := g.body(j, default_unit=True)) is not None:
        got["organizer"], got["named"] = b[0], b[2]
        got["typed"] = next((m[0].data[0] for k in range(j, b[1]) if (m := g.lex.unit_types.match(g.t, k))), None)
        return b[1]
    return None


def _organizer_before(g: Grammar, i: int, kind: str) -> tuple[Body, dict] | None:
    """'Quận ủy Hoàng Mai tổ chức Hội nghị …', 'HĐND tỉnh Hà Nam khóa XIX, nhiệm kỳ … tổ chức Kỳ họp …',
    'Phường An Hòa tổ chức Đại hội …' (the ward's Party organisation)."""
    tc = i - 2
    if not (g.key(tc) == "tổ" and g.key(tc + 1) == "chức"):
        return None
    stop = tc - (g.key(tc - 1) == "đã")
    best: tuple[int, Body, int] | None = None
    for k in range(stop - 1, max(-1, stop - 16), -1):
        parsed = g.body(k)
        if parsed is None or parsed[1] > stop:
            continue
        if best is None or parsed[1] >= best[2]:  # the widest body ending there: "Ban Thường vụ Tỉnh ủy X"
            best = (k, parsed[0], parsed[1])
        elif best is not None:
            break
    if best is None:
        # a unit that opens the clause, not one a longer subject ends with ("Trung tâm Phục vụ hành chính
        # công tỉnh Thanh Hóa tổ chức …")
        unit = next((ref[0] for k in range(stop - 1, max(-1, stop - 8), -1)
                     if (ref := g.unit_ref(k, bare=False)) is not None and _appositions(g, ref[1]) == stop
                     and (k == 0 or g.key(k - 1) in {",", ":"})), None)
        return (_body_of(kind, unit), {}) if unit is not None else None
    extra, end = _attributes(g, best[2])
    if _appositions(g, max(end, best[2])) < stop:  # words between the body and "tổ chức": not the subject
        return None
    return best[1], extra


def _appositions(g: Grammar, j: int) -> int:
    """Past the units after a body's name: 'Đảng bộ xã Tân Lập, tỉnh Phú Thọ tổ chức …', and a word in
    parentheses: 'HĐND xã Nghi Phong (mới) tổ chức …'."""
    while True:
        if g.key(j) == "," and (ref := g.unit_ref(j + 1, bare=False)) is not None:
            j = ref[1]
        elif g.key(j) == "(" and (close := next((k for k in range(j + 1, j + 5) if g.key(k) == ")"), None)):
            j = close + 1
        else:
            return j


def _as_kind(kind: str, body: Body) -> Body:
    """A congress is the Party organisation's; a plenum its committee's; a session the council's."""
    if kind == "congress" and body.kind == "party_committee" and body.unit is not None:
        qualifier = body.qualifier
        return Body("party_organization", "Đảng bộ", unit=body.unit, qualifier=qualifier)
    if kind == "plenum" and body.kind == "party_organization" and body.unit is not None:
        head = "Đảng ủy" if body.qualifier else COMMITTEE_BY_TYPE.get(body.unit.type, "Đảng ủy")
        return Body("party_committee", head, unit=body.unit, qualifier=body.qualifier)
    return body


# The bodies whose meeting an unnamed one of a kind continues: the congress's first plenum ("Tại
# phiên họp thứ nhất, Ban Chấp hành đã bầu …") is its Party organisation's committee's.
_CONTINUES = {"congress": ("party_organization", "party_committee"),
              "plenum": ("party_organization", "party_committee"), "session": ("people_council",)}


def _continues(kind: str, previous: Body | None) -> bool:
    return previous is not None and previous.kind in _CONTINUES.get(kind, ())


def _another_level(got: dict, previous: Body | None) -> bool:
    """Whether the organizer names, by a type word alone, a level other than the previous meeting's:
    'Đại hội Đảng bộ huyện' in a commune's congress report is the district's, not the commune's."""
    typed = got.get("typed")  # the level of the type word in the organizer's name
    if typed is None or previous is None or previous.unit is None:
        return False
    return previous.unit.level not in (("province", "district") if typed == "city" else (typed,))


def _default_organizer(g: Grammar, kind: str, i: int, previous: Body | None) -> Body | None:
    """The organizer of a meeting the sentence does not name one for: that of the meeting the
    article reported before, if of a body that holds such meetings, else the unit's."""
    if _continues(kind, previous):
        return previous
    # a unit named before the meeting first: a district named only later (a hometown) is not its organizer's
    before = g.pos(i)
    unit = g.ctx.last("district", before, main=False) or g.ctx.last("province", before, main=False) \
        or g.last("district", i) or g.last("province", i)
    return _body_of(kind, unit) if unit is not None else None


def _body_of(kind: str, unit: Unit) -> Body:
    """The body of the unit that holds meetings of the kind."""
    if kind == "session":
        return Body("people_council", "HĐND", unit=unit)
    if kind == "plenum":
        return Body("party_committee", COMMITTEE_BY_TYPE.get(unit.type, "Đảng ủy"), unit=unit)
    return Body("party_organization", "Đảng bộ", unit=unit)


def scan(g: Grammar, evidence: Evidence, sentence: str, published: date | None,
         previous: Body | None = None) -> list[Found]:
    """The meetings of a sentence; `previous`: the organizer the article last named for a meeting it
    reports (not one it refers to)."""
    out: list[Found] = []
    i = 0
    while i < len(g.t):
        match = g.lex.meetings.match(g.t, i)
        if match is None or g.lex.meeting_exclude.match(g.t, i + match[1]):
            i += 1
            continue
        entry, n = match
        kind = entry.value
        got, end = _attributes(g, i + n)
        before = _organizer_before(g, i, kind)
        organizer, named = got.get("organizer"), got.get("named", False)
        if organizer is not None and organizer.kind in _HOLDS_NO.get(kind, ()):
            organizer, named = None, False  # "ngay sau kỳ họp, UBND tỉnh khẩn trương …": the next clause's
        if before is not None:
            body, extra = before
            # "Phường An Hòa tổ chức Đại hội Đảng bộ …": a bare "Đảng bộ" is the subject's
            if organizer is None or organizer.unit is None or not (named or got.get("typed")):
                organizer, named = body, True
            for key, value in extra.items():
                got.setdefault(key, value)
        if organizer is None and not ({"ordinal", "term"} & got.keys()):
            i += n
            continue
        if not named and (organizer is None or (_continues(kind, previous) and not _another_level(got, previous))):
            # "phiên họp thứ nhất, Ban Chấp hành …": no unit named, so the article's meeting's, else the unit's
            organizer = _default_organizer(g, kind, i, previous)
        if organizer is None or organizer.unit is None or organizer.kind in _NOT_PARTY_OR_STATE:
            i = max(end, i + n)
            continue
        start_date, end_date = parse_day_month(sentence, published) if before is not None or i < 4 else (None, None)
        referenced = any(g.key(i - k) in _REFERENCE for k in (1, 2))
        meeting = Meeting(kind=kind, organizer=_as_kind(kind, organizer), evidence=evidence,
                          ordinal=_ordinal(kind, got), term=got.get("term"), khoa=got.get("khoa"),
                          start=start_date, end=end_date, referenced=referenced)
        out.append(Found(meeting, i, end, named))
        i = max(end, i + n)
    return out


def _ordinal(kind: str, got: dict) -> int | None:
    """A congress elects the committee of its own number: 'Đại hội Đảng bộ xã … khóa I' is the first."""
    return got.get("ordinal") or (got.get("khoa") if kind == "congress" else None)


def merge(meetings: list[Meeting]) -> list[Meeting]:
    """One meeting per (kind, organizer, ordinal). An unnumbered mention joins the numbered meeting of
    the same organizer whose term it shares, or the only one with no term ('Đại hội … nhiệm kỳ
    2025-2030' + 'Đại hội … lần thứ V'); one without a term joins the only numbered meeting of its
    organizer. Numbered mentions are merged first so the order of sentences does not matter."""
    merged: dict[tuple, Meeting] = {}
    for m in sorted(meetings, key=lambda x: x.ordinal is None):
        key = (m.kind, m.organizer.label, m.ordinal)
        numbered = [k for k in merged if k[:2] == key[:2] and k[2] is not None]
        if m.ordinal is None and m.term is not None:
            same = [k for k in numbered if merged[k].term == m.term]
            open_ = [k for k in numbered if merged[k].term is None]
            if len(same) == 1:
                key = same[0]
            elif not same and len(open_) == 1:
                key = open_[0]
        elif m.ordinal is None and len(numbered) == 1:  # "Tại kỳ họp, HĐND thành phố đã …"
            key = numbered[0]
        merged[key] = _combine(merged[key], m) if key in merged else m
    return list(merged.values())


def _combine(a: Meeting, b: Meeting) -> Meeting:
    term: Term | None = a.term or b.term
    return replace(a, term=term, khoa=a.khoa or b.khoa, start=a.start or b.start, end=a.end or b.end,
                   ordinal=a.ordinal or b.ordinal, referenced=a.referenced and b.referenced)
