"""Persons and the posts they hold, read from one sentence.

Three shapes cover the genre: a title before the name ("Bí thư Quận ủy Hoàng Mai Nguyễn Xuân Linh"),
an apposition after it ("Trần Đức Hoạt - TUV, Bí thư Quận ủy, Chủ tịch HĐND quận"), and a verb that
gives the post ("… được bầu làm Bí thư Đảng ủy …", "từng giữ chức …", "tham gia Ban Chấp hành …").
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Body, Term
from .grammar import HEAD_TYPES, NEGATIONS, SEPARATORS, Grammar, Name, Post, with_unit

_POST_NOUNS = {"chức vụ", "chức danh", "chức"}  # "bầu chức vụ Chủ tịch", "miễn nhiệm chức danh Phó Chủ tịch"
_LIST_GLUE = {",", "và", ";", "cùng", "cùng với"}
_PASSIVE = {"bị", "được"}
_MAX_GAP = 10  # tokens between a person and the verb that gives them a post
_LISTS_MEMBERS = {"party_committee", "standing_committee", "inspection_committee"}  # "… gồm các đồng chí: A, B"
_MEMBER_NOUNS = {"đồng chí", "người", "thành viên", "ủy viên"}


@dataclass(frozen=True)
class Candidate:
    """A name found in a sentence; `strong` when a title, honorific or post vouches for it."""

    name: str
    start: int  # token indices
    end: int
    strong: bool
    place: bool = False  # right after a place word: "đường Nguyễn Văn Linh"
    honorific: bool = False  # after ông / bà / đồng chí


@dataclass(frozen=True)
class Found:
    person: str
    role: str
    body: Body
    status: str
    term: Term | None
    family: str  # of the role: a bare post takes a body only from a post of its family


@dataclass(frozen=True)
class _Bare:
    """A post a verb gives with no body: 'bầu đồng chí A làm Bí thư, đồng chí B làm Phó Bí thư Huyện ủy X'."""

    person: str
    post: Post
    status: str
    at: int  # holdings found before it


def _holdings(name: str, posts: list[Post], status: str | None = None) -> list[Found]:
    out = []
    for post in posts:
        if post.body is None:
            continue
        final = post.status if status is None else _status(post, status)
        out.append(Found(name, post.role, post.body, final, post.term, post.family))
    return out


@dataclass(frozen=True)
class _Named:
    """A body the sentence names outside any post: 'Ban Chấp hành Đảng bộ huyện đã bầu …'."""

    body: Body
    at: int  # holdings found before it


def _share_bodies(g: Grammar, found: list[Found], bare: list[_Bare], named: list[_Named]) -> list[Found]:
    """A bare post takes the body of the next post of its kind the sentence gives, or else of the
    nearest one before it: the last post of its kind ('bầu ông A làm Chủ tịch UBND tỉnh, ông B làm
    Phó Chủ tịch') or a body named that holds posts of its kind ('Ban Chấp hành Đảng bộ huyện bầu …,
    đồng chí A được bầu làm Bí thư')."""
    given = list(found)
    for b in bare:
        family = b.post.family
        later = next((f for f in given[b.at:] if f.family == family), None)
        body, term = (later.body, later.term) if later is not None else (None, None)
        if later is None:
            earlier = [(k + 1.0, f.body) for k, f in enumerate(given[:b.at]) if f.family == family]
            earlier += [(n.at + 0.5, held) for n in named if n.at <= b.at
                        and (held := _holding_body(g, n.body, family)) is not None]
            body = max(earlier, key=lambda e: e[0])[1] if earlier else None
        if body is not None:
            found = found + [Found(b.person, b.post.role, body, b.status, b.post.term or term, family)]
    return found


def _named_committee(found: list[Found], named: list[_Named]) -> list[Found]:
    """A bare 'Đảng ủy' is the Party committee the sentence named before it: 'Về phía Đảng ủy UBND tỉnh
    có đồng chí A, Bí thư Đảng ủy, Chủ tịch UBND tỉnh'."""
    out = []
    for k, f in enumerate(found):
        if f.body.kind == "party_committee" and f.body.unit is None:
            before = [n.body for n in named if n.at <= k and n.body.kind == "party_committee"
                      and n.body.unit is not None]
            f = replace(f, body=before[-1]) if before else f
        out.append(f)
    return out


def _holding_body(g: Grammar, body: Body, family: str) -> Body | None:
    """The body, or the committee it belongs to, if posts of the family are held in it and its unit
    is known: 'Ban Thường vụ Huyện ủy' holds no Secretary, its Huyện ủy does."""
    for b in (body, body.parent):
        if b is not None and b.unit is not None and family in g.lex.body_families.get(b.head, ()):
            return b
    return None


def _members_listed(g: Grammar, body: tuple[Body, int, bool], found: list[Found],
                    candidates: list[Candidate]) -> int | None:
    """'Ban Thường vụ Huyện ủy khóa XXI gồm 13 đồng chí: A, B, C': each listed person without a post
    of their own is a member of the body. The index after the list, or None when no list follows."""
    if body[0].kind not in _LISTS_MEMBERS:
        return None
    post = g.member_post(*body)
    j = _list_start(g, post.end)
    if j is None:
        return None
    listed = False
    while (h := g.lex.honorifics.match(g.t, j)) is not None or g.names_at(j) is not None:
        j += h[1] if h is not None else 0
        j += g.key(j) == ":"
        name = g.names_at(j)
        if name is None:
            break
        before = len(found)
        j = _after_apposition(g, name, found, candidates, strong=True, honorific=True)
        if len(found) == before:
            found += _holdings(name.text, [post])
        listed = True
        if g.key(j) not in {",", ";", "và"}:
            break
        j += 1
    return j if listed else None


def _also_titled(g: Grammar, posts: list[Post], j: int, found: list[Found], candidates: list[Candidate]) -> int:
    """'các Phó Chủ tịch HĐND tỉnh A, B - Tỉnh ủy viên, Phó Chủ tịch HĐND tỉnh': a plural title is also
    that of each next name that has no post of its own."""
    while g.key(j) in {",", "và"} and (name := g.names_at(j + 1)) is not None:
        before = len(found)
        j = _after_apposition(g, name, found, candidates, strong=True)
        if len(found) == before:
            found += _holdings(name.text, posts)
    return j


def _list_start(g: Grammar, j: int) -> int | None:
    """Where the members begin after a body's name: 'gồm (có) 13 đồng chí:', 'gồm các đồng chí'."""
    if g.key(j) != "gồm":
        return None
    j += 1 + (g.key(j + 1) == "có")
    if (count := g.number(j)) is not None:
        j = count[1] + g.words(count[1], _MEMBER_NOUNS)
        if g.key(j) != ":":
            return None  # "gồm 13 đồng chí, đồng chí A được bầu làm Chủ nhiệm": a count, not a list
    j += g.key(j) == ":"
    j += g.words(j, {"các", "những"})
    j += g.words(j, _MEMBER_NOUNS)
    j += g.words(j, {"sau", "sau đây"})
    return j + (g.key(j) == ":")


def list_header(g: Grammar) -> Post | None:
    """A sentence that opens a list of members on the lines after it: 'Danh sách Ban Thường vụ Huyện
    ủy khóa XVII:', 'Ban Chấp hành Đảng bộ xã khóa XXV gồm 15 đồng chí:'. The membership they hold."""
    titled = g.words(0, {"danh sách"}) > 0
    for i, tok in enumerate(g.t):
        if not tok.text[0].isupper() or (body := g.body(i)) is None or body[0].kind not in _LISTS_MEMBERS:
            continue
        post = g.member_post(*body)
        j = post.end
        if g.key(j) == "(":  # "khóa XXV (nhiệm kỳ 2025 - 2030):"
            j = next((k + 1 for k in range(j, len(g.t)) if g.key(k) == ")"), j)
        start = _list_start(g, j)
        if start is None and titled:
            start = j + (g.key(j) == ":")
        if start == len(g.t):
            return post
    return None


_BULLETS = {"-", "–", "+", "*", "•", ".", ")", ":"}


def list_item(g: Grammar) -> Name | None | bool:
    """A line of a list of people: '1. Đồng chí A', '- Ông B, Phó Chủ tịch UBND huyện' -> the name it
    opens with; True for a line that only numbers the next one ('1.'); None for any other sentence."""
    j = 0
    while g.key(j) in _BULLETS or j < len(g.t) and g.t[j].is_number:
        j += 1
    if j == len(g.t):
        return j > 0
    j = _skip_honorific(g, j)
    name = g.names_at(j)
    if name is None or name.end < len(g.t) and g.key(name.end) not in SEPARATORS | {",", "(", ";", "."}:
        return None
    return name


def members(name: str, post: Post) -> list[Found]:
    """The holding of a person a list of members names."""
    return _holdings(name, [post])


def _rebind(found: list[Found], contextual: list[int]) -> list[Found]:
    """A committee a verb gives from context is the one the sentence then names for the same person:
    'chỉ định A tham gia Ban Chấp hành, Ban Thường vụ và giữ chức Bí thư Đảng ủy xã Tân Thành'."""
    found = list(found)
    for k in contextual:
        f = found[k]
        later = next((h for h in found[k + 1:] if h.person == f.person and h.body.kind == "party_committee"
                      and h.body.unit is not None and h.body.unit != f.body.unit), None)
        if later is not None:
            found[k] = replace(f, body=later.body)
    return found


def scan(g: Grammar) -> tuple[list[Candidate], list[Found]]:
    """Name candidates and holdings of one sentence's tokens."""
    t = g.t
    candidates: list[Candidate] = []
    found: list[Found] = []
    bare: list[_Bare] = []
    named: list[_Named] = []
    contextual: list[int] = []  # verb-given holdings whose party committee was taken from context
    pending: list[str] = []  # the current subject group, for a verb that follows it
    gap = 0
    i = 0
    honorific = False
    while i < len(t):
        if (h := g.lex.honorifics.match(t, i)) is not None and g.names_at(i + h[1]):
            honorific, i = True, i + h[1]
            continue
        if i > 0 and t[i - 1].text == ":" and i > 1 and t[i - 2].key == "ảnh":
            i += 1  # a photo credit: "Ảnh: Kim Thành"
            continue
        chain = g.chain(i)
        if chain and chain[-1].end > i:
            end = _skip_honorific(g, chain[-1].end)
            name = g.names_at(end)
            if name is not None:
                candidates.append(Candidate(name.text, name.start, name.end, True))
                k, plural = len(found), g.key(i - 1) == "các"
                pending, gap, i = [name.text], 0, _after_apposition(g, name, found, candidates)
                # "Thừa ủy quyền của Chủ tịch UBND tỉnh, ông A, Giám đốc Sở Nội vụ": a title set off by a
                # comma is another's when the name comes with posts of its own
                if end == chain[-1].end or len(found) == k:
                    found[k:k] = _holdings(name.text, chain)
                if plural:
                    i = _also_titled(g, chain, i, found, candidates)
                continue
        if t[i].text[0].isupper() and (body := g.body(i)) is not None:
            named.append(_Named(body[0], len(found)))
            if (end := _members_listed(g, body, found, candidates)) is not None:
                pending, gap, i = [], 0, end
                continue
            if body[1] > i + 1:
                # "được Ban Thường vụ Tỉnh ủy Đồng Nai điều động": one step from the person to the verb,
                # and a unit's name in it is not a person's
                i, gap = body[1], gap + 1
                continue
        name = g.names_at(i)
        if name is not None:
            i = _after_apposition(g, name, found, candidates, strong=honorific, honorific=honorific,
                                  fronted=_fronted(g, name.start))
            if gap > 0:  # a new subject: a verb after it gives the post to it alone
                pending = []
            pending.append(name.text)
            honorific, gap = False, 0
            continue
        honorific = False
        verb = g.lex.appoint.match(t, i)
        if verb is not None and verb[0].surface == "vào" and gap:
            verb = None  # "vào" gives a post only right after its person: "bầu đồng chí A vào Ban Thường vụ"
        if verb is not None and not _negated(g, i):
            start = i + verb[1]
            start += g.words(start, _POST_NOUNS)
            if g.key(start + 1) != "/" and (count := g.number(start)) is not None and g.chain(count[1]):
                start = count[1]  # "bổ nhiệm 6 Phó Giám đốc Sở …"
            posts = g.chain(start, body_only=True)
            objects, end = _objects(g, posts[-1].end, found, candidates) if posts else ([], 0)
            subjects = objects or (pending if verb[0].data[-1] == "subject" or _passive(g, i) else [])
            if posts and subjects:
                units, after = _more_units(g, posts, len(subjects))
                written = _committees_written(g, start, posts)
                # "bầu A, B, C lần lượt giữ chức Bí thư, Phó Bí thư, Phó Bí thư Huyện ủy": one post each
                respectively = len(subjects) > 1 and len(posts) == len(subjects) and _respectively(g, i)
                for n, person in enumerate(subjects):
                    mine = [replace(posts[-1], body=with_unit(posts[-1].body, units[n]))] if units else \
                        [posts[n]] if respectively else posts
                    bare += [_Bare(person, p, _status(p, verb[0].value), len(found)) for p in mine if p.body is None]
                    given = [p for p in mine if p.body is not None]
                    contextual += [len(found) + k for k, p in enumerate(given)
                                   if not p.explicit and p.body.kind == "party_committee"  # type: ignore[union-attr]
                                   and p.end not in written]
                    found += _holdings(person, given, verb[0].value)
                i = end if objects else max(posts[-1].end, after)
                # "miễn nhiệm … đối với ông A do được điều động giữ chức …": the next verb is A's too,
                # unless another name comes first
                pending, gap = list(subjects), 1
                continue
        if chain and chain[-1].end > i:  # a title with no named person: not a holding
            i = chain[-1].end
            gap += 1
            continue
        if t[i].key not in _LIST_GLUE:
            gap += 1
            if gap > _MAX_GAP:
                pending = []
        i += 1
    return candidates, _share_bodies(g, _rebind(_named_committee(found, named), contextual), bare, named)


def _status(post: Post, given: str) -> str:
    return post.status if post.status != "current" else given


def _committees_written(g: Grammar, start: int, posts: list[Post]) -> set[int]:
    """The ends of the posts whose text names their committee ('Ban Thường vụ Huyện ủy'), not just a
    part of one ('Ban Thường vụ'): only the latter may take the committee of a later post."""
    written, begin = set(), start
    for post in posts:
        if any((m := g.lex.bodies.match(g.t, k)) is not None and m[0].value == "party_committee"
               and m[0].data[0] in HEAD_TYPES for k in range(begin, post.end)):
            written.add(post.end)
        begin = post.end
    return written


def _respectively(g: Grammar, verb: int) -> bool:
    """'lần lượt' (respectively) just before the verb at `verb`, or just after it."""
    return (g.key(verb - 2), g.key(verb - 1)) == ("lần", "lượt") or \
        any((g.key(k), g.key(k + 1)) == ("lần", "lượt") for k in range(verb + 1, verb + 4))


def _more_units(g: Grammar, posts: list[Post], people: int) -> tuple[list, int]:
    """'A, B và C được bầu giữ chức Bí thư Tỉnh ủy Vĩnh Phúc, Tuyên Quang, Bình Dương': one unit each,
    in order, when the text lists as many units as persons."""
    body = posts[-1].body
    if people < 2 or len(posts) != 1 or body is None or body.unit is None:
        return [], posts[-1].end
    units, j = [body.unit], posts[-1].end
    while g.key(j) in {",", "và"} and len(units) < people:
        found = g.unit_name(j + 1, None, (body.unit.level,))
        if found is None:
            break
        units.append(found[0])
        j = found[1]
    return (units, j) if len(units) == people else ([], posts[-1].end)


def _age(g: Grammar, k: int) -> int | None:
    """'58 tuổi', 'SN 1970', 'sinh năm 1970' at k -> the index after it."""
    n = k
    while g.key(n) in {"sinh", "năm", "sn"}:
        n += 1
    if n < len(g.t) and g.t[n].is_number:
        if n > k:
            return n + 1
        if g.key(n + 1) == "tuổi":
            return n + 2
    return None


def _skip_aside(g: Grammar, j: int) -> int:
    """Skip '(SN 1970)', '(sinh năm 1970)', '(58 tuổi)', ', sinh năm 1971,' after a name; of '(57 tuổi,
    nguyên Giám đốc Sở …)' skip the age, up to the comma before the post."""
    if g.key(j) == ",":
        return after if (after := _age(g, j + 1)) is not None else j
    if g.key(j) != "(":
        return j
    if (after := _age(g, j + 1)) is not None and g.key(after) == ",":
        return after
    close = next((k for k in range(j + 1, min(j + 8, len(g.t))) if g.t[k].text == ")"), None)
    if close is not None and any(g.t[k].is_number for k in range(j + 1, close)):
        return close + 1
    return j


def _skip_honorific(g: Grammar, j: int) -> int:
    """'Bí thư Tỉnh ủy, ông Nguyễn Văn A', 'Chủ tịch UBND huyện - ông A', 'Tân Chủ tịch UBND huyện là ông A':
    a comma, dash or 'là' and an honorific may stand between title and name."""
    k = j + (g.key(j) in {",", "-", "–", "—", "là"})
    h = g.lex.honorifics.match(g.t, k)
    if h is not None and g.names_at(k + h[1]) is not None:
        return k + h[1]
    return j


def _title_of_next(g: Grammar, j: int) -> bool:
    return g.names_at(j) is not None


def _objects(g: Grammar, j: int, found: list[Found], candidates: list[Candidate]) -> tuple[list[str], int]:
    """The persons after 'đối với' that a post phrase applies to ('… đối với ông A, Giám đốc Công an
    tỉnh và ông B'), with their own appositions read too; and the index after them."""
    k = j + (g.key(j) == ",")
    if g.key(k) == "đối" and g.key(k + 1) == "với":
        k += 2
    elif g.key(k) == "gồm":  # "bổ nhiệm 6 Phó Giám đốc Sở … gồm các ông: A, B", "gồm: ông A và bà B"
        k += 1 + (g.key(k + 1) == ":")
    else:
        return [], j
    listed = g.key(k) == "các"  # "đối với các ông: A - …; B - …"
    k += listed
    names: list[str] = []
    while k < len(g.t):
        h = g.lex.honorifics.match(g.t, k)
        at = k + (h[1] if h else 0)
        at += h is not None and g.key(at) == ":"
        name = g.names_at(at)
        if name is None:
            break
        names.append(name.text)
        k = _after_apposition(g, name, found, candidates, strong=True, honorific=h is not None)
        if listed:  # "A - nguyên Giám đốc Sở …, lý do đã chuyển công tác khác; B - …": an item ends at ';'
            k = next((n for n in range(k, len(g.t)) if g.key(n) == ";"), k)
        if (g.key(k) in {",", "và"} or listed and g.key(k) == ";") and \
                (g.names_at(k + 1) or g.lex.honorifics.match(g.t, k + 1)):
            k += 1
            continue
        break
    return names, k


def _passive(g: Grammar, i: int) -> bool:
    """'A bị cách chức …', 'A được HĐND xã miễn nhiệm …': a verb that takes its person after it takes
    the one before it when the clause is passive."""
    return g.key(i - 1) in _PASSIVE or any(g.key(k) in _PASSIVE and (g.body(k + 1) or g.chain(k + 1))
                                            for k in range(max(0, i - _MAX_GAP), i - 1))


def _negated(g: Grammar, i: int) -> bool:
    return any(g.key(i - k) in NEGATIONS for k in (1, 2))


def _fronted(g: Grammar, start: int) -> bool:
    """Whether a name at `start` is in a phrase the sentence opens with: 'Đối với gia đình bà A, …'."""
    return g.words(0, {"đối với"}) > 0 and all(g.key(k) != "," for k in range(start))


def _after_apposition(g: Grammar, name: Name, found: list[Found], candidates: list[Candidate],
                      strong: bool = False, honorific: bool = False, fronted: bool = False) -> int:
    """Read 'NAME, post, post' or 'NAME - post' or 'NAME (post)'; return the index after it."""
    j = _skip_aside(g, name.end)
    sep = j < len(g.t) and g.t[j].text in SEPARATORS | {"("}
    posts = g.chain(j + 1 if sep else j)
    if not posts and sep and (body := g.body(j + 1)) is not None and g.key(body[1]) == ",":
        posts = g.chain(body[1] + 1)  # "A, Thường trực Huyện ủy, Chủ tịch HĐND huyện": a body is no post
    if posts and _title_of_next(g, posts[-1].end):
        posts = []  # "… ông Đấu, Bí thư Tỉnh ủy Nguyễn Phú Cường nói": the title is the next name's
    if posts and fronted and g.key(j) == "," and g.key(posts[-1].end) not in {",", ";", ".", ")", ""} \
            and not any(p.explicit for p in posts):
        posts = []  # "Đối với gia đình bà A, Chủ tịch UBND tỉnh giao …": the title is the clause's subject
    if posts:
        found += _holdings(name.text, posts)
        strong = True
        j = posts[-1].end
        if g.key(j) == ")":
            j += 1
    if not candidates or candidates[-1].start != name.start:  # a title-before-name reading added it already
        place = g.after_place_word(name.start)
        candidates.append(Candidate(name.text, name.start, name.end, strong and not place, place, honorific))
    return j
