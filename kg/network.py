"""The knowledge graph as a networkx graph: typed nodes and edges for export, statistics and drawing.

Nodes are persons, organisations, administrative units, meetings, resolutions (and other documents)
and source articles, keyed by IRI. Edges are typed: a post held (with role, term and status), a
sub-organisation, a location, a meeting organised, a person elected or named at a meeting, a document
issued by a body or adopted at a meeting, and the article a node comes from. Every attribute is a
string so that GraphML and GEXF can carry it.
"""
from __future__ import annotations

import io
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

import networkx as nx
import numpy as np
from rdflib import Graph, URIRef
from rdflib.term import Node

from .errors import GraphError
from .namespaces import FOAF, KG, ORG, PROV, RDF, RDFS, SCHEMA, SKOS
from .resources import resource

SEED = 42
SAMPLE_ABOVE = 3000  # nodes; above this betweenness is estimated from SAMPLE_SOURCES sources
SAMPLE_SOURCES = 300
PER_CELL = 24  # nodes per cell of the repulsion grid
COARSEST = 300  # nodes laid out in full before refining
NODE_KINDS = ("person", "organization", "unit", "meeting", "resolution", "article")
_ROOTS = {FOAF.Person: "person", ORG.Organization: "organization", SCHEMA.AdministrativeArea: "unit",
          KG.Meeting: "meeting", KG.Document: "resolution", SCHEMA.NewsArticle: "article"}
_LABELS = {"person": (FOAF.name,), "organization": (SKOS.prefLabel, RDFS.label),
           "unit": (RDFS.label, SCHEMA.name), "meeting": (SCHEMA.name,), "resolution": (SCHEMA.name,),
           "article": (SCHEMA.headline, KG.sourceFile)}
_DETAILS = {
    "unit": ((SCHEMA.name, "name"), (KG.unitType, "unit_type"), (KG.gsoCode, "gso_code")),
    "organization": ((KG.bodyKind, "body_kind"),),
    "meeting": ((KG.ordinal, "ordinal"), (KG.khoa, "khoa"), (SCHEMA.startDate, "start_date"),
                (SCHEMA.endDate, "end_date")),
    "resolution": ((KG.documentNumber, "number"), (SCHEMA.dateCreated, "date")),
    "article": ((KG.sourceFile, "source_file"), (SCHEMA.datePublished, "published"), (SCHEMA.author, "author"),
                (SCHEMA.url, "url")),
}
_SIMPLE_EDGES = (  # (predicate, edge type, True when the edge runs from object to subject)
    (ORG.subOrganizationOf, "sub_organization_of", False), (KG.unit, "located_in", False),
    (SCHEMA.containedInPlace, "located_in", False), (SCHEMA.organizer, "organized", True),
    (KG.adoptedAt, "adopted_at", False), (KG.issuer, "issued", True),
    (PROV.wasDerivedFrom, "source_article", False), (SCHEMA.mentions, "source_article", True),
)


# ---------------------------------------------------------------- RDF -> networkx

@lru_cache(maxsize=1)
def _class_kinds() -> dict[URIRef, tuple[str, str, int]]:
    """Each class of the ontology (and the reused roots) -> (node type, English label, depth)."""
    onto = Graph().parse(resource("ontology", "kg.ttl"), format="turtle")
    kinds: dict[URIRef, tuple[str, str, int]] = {}
    for root, kind in _ROOTS.items():
        kinds[root] = (kind, _local(root), 0)
    changed = True
    while changed:  # the hierarchy is shallow: a few passes reach every subclass
        changed = False
        for cls, parent in onto.subject_objects(RDFS.subClassOf):
            if cls in kinds or parent not in kinds:
                continue
            label = next((str(o) for o in onto.objects(cls, RDFS.label) if getattr(o, "language", None) == "en"),
                         _local(cls))
            kinds[cls] = (kinds[parent][0], label, kinds[parent][2] + 1)  # type: ignore[index]
            changed = True
    return kinds


def _local(iri: Node) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(g: Graph, node: Node, predicates: Iterable[URIRef]) -> str | None:
    """The first value among `predicates`, preferring Vietnamese, then untagged literals."""
    for p in predicates:
        values = sorted(g.objects(node, p), key=lambda v: (_lang_rank(v), str(v)))
        if values:
            return str(values[0])
    return None


def _lang_rank(value: Node) -> int:
    lang = getattr(value, "language", None)
    return {"vi": 0, None: 1}.get(lang, 2)


def term_label(g: Graph, term: Node | None) -> str:
    """'2020-2025' for a term interval; '' when there is none."""
    if term is None:
        return ""
    start, end = g.value(term, KG.startYear), g.value(term, KG.endYear)
    if start is not None and end is not None:
        return f"{start}-{end}"
    return _text(g, term, (RDFS.label,)) or _local(term)


def _typed_nodes(g: Graph) -> dict[Node, tuple[str, str]]:
    """Node -> (type, kind): the kind is the label of its most specific class."""
    kinds = _class_kinds()
    found: dict[Node, tuple[str, str, int]] = {}
    for cls, (kind, label, depth) in kinds.items():
        for node in g.subjects(RDF.type, cls):
            old = found.get(node)
            deeper = old is not None and old[0] == kind and depth > old[2]
            if old is None or deeper or NODE_KINDS.index(kind) < NODE_KINDS.index(old[0]):
                found[node] = (kind, label, depth)
    return {node: (kind, label) for node, (kind, label, _) in found.items()}


def _add_nodes(g: Graph, net: nx.MultiDiGraph) -> None:
    for node, (kind, kind_label) in sorted(_typed_nodes(g).items(), key=lambda item: str(item[0])):
        attrs = {"label": _text(g, node, _LABELS[kind]) or _local(node), "type": kind, "kind": kind_label,
                 "iri": str(node)}
        for predicate, name in _DETAILS.get(kind, ()):
            value = g.value(node, predicate)
            if value is not None:
                attrs[name] = str(value)
        if kind == "meeting" and (term := term_label(g, g.value(node, KG["term"]))):
            attrs["term"] = term
        if kind == "meeting":  # the articles that only refer to it, not report it
            attrs["referenced_in"] = " ".join(sorted(str(a) for a in g.objects(node, KG.referencedIn)))
        net.add_node(str(node), **attrs)


def _sources(g: Graph, node: Node, files: dict[str, str]) -> set[str]:
    return {files.get(str(a), _local(a)) for a in g.objects(node, PROV.wasDerivedFrom)}


def _add_posts(g: Graph, net: nx.MultiDiGraph, files: dict[str, str]) -> None:
    """One holds_post edge per (person, body, role, term), gathering the articles that report it."""
    posts: dict[tuple[str, str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in g.subjects(RDF.type, ORG.Membership):
        person, org = str(g.value(m, ORG.member)), str(g.value(m, ORG.organization))
        if person not in net or org not in net:
            continue
        interval, role_node = g.value(m, ORG.memberDuring), g.value(m, ORG.role)
        role = (_text(g, role_node, (SKOS.prefLabel,)) or _local(role_node)) if role_node is not None else ""
        key = f"holds_post|{role}|{term_label(g, interval)}"
        post = posts[(person, org, key)]
        post["status"].add(str(g.value(m, KG.status) or ""))
        post["source"] |= _sources(g, m, files)
        post["memberships"].add(str(m))
        if interval is not None:
            post["start"].add(str(g.value(interval, KG.startYear) or ""))
            post["end"].add(str(g.value(interval, KG.endYear) or ""))
    for (person, org, key) in sorted(posts):
        post = posts[(person, org, key)]
        _, role, term = key.split("|")
        attrs = {name: " ".join(sorted(v for v in values if v)) for name, values in post.items()}
        net.add_edge(person, org, key=key, type="holds_post", role=role, term=term, **attrs)


def _add_simple_edges(g: Graph, net: nx.MultiDiGraph) -> None:
    found = set()
    for predicate, kind, reverse in _SIMPLE_EDGES:
        for s, o in g.subject_objects(predicate):
            a, b = (str(o), str(s)) if reverse else (str(s), str(o))
            if a in net and b in net and a != b:
                found.add((a, b, kind))
    for a, b, kind in sorted(found):
        net.add_edge(a, b, key=kind, type=kind)


def _add_meeting_edges(net: nx.MultiDiGraph) -> None:
    """Edges the graph implies: a person named in the report of a meeting, or elected at it.

    A meeting is reported (not only referred to) by the articles it comes from. A post newly taken
    in a body of the meeting's unit, read from the report of that meeting, was taken at the meeting.
    """
    reported: dict[str, list[str]] = defaultdict(list)
    for meeting, data in net.nodes(data=True):
        if data["type"] == "meeting":
            only_referred = set(data.get("referenced_in", "").split())
            for article in _targets(net, meeting, "source_article"):
                if article not in only_referred:
                    reported[article].append(meeting)
    unit_of = {n: next(iter(_targets(net, n, "located_in")), None) for n, d in net.nodes(data=True)
               if d["type"] == "organization"}
    article_of = {d["source_file"]: n for n, d in net.nodes(data=True) if "source_file" in d}
    new_edges = set()
    for person, data in net.nodes(data=True):
        if data["type"] != "person":
            continue
        for article in _targets(net, person, "source_article"):
            for meeting in reported.get(article, ()):
                new_edges.add((person, meeting, "at_meeting", ""))
        for _, org, post in net.out_edges(person, data=True):
            if post["type"] != "holds_post" or "new" not in post["status"].split():
                continue
            for article in filter(None, map(article_of.get, post.get("source", "").split())):
                for meeting in reported.get(article, ()):
                    organizers = _sources_of(net, meeting, "organized")
                    if org in organizers or unit_of.get(org) in {unit_of.get(o) for o in organizers} - {None}:
                        new_edges.add((person, meeting, "elected_at", post["role"]))
    for person, meeting, kind, role in sorted(new_edges):
        attrs = {"role": role} if role else {}
        net.add_edge(person, meeting, key=f"{kind}|{role}" if role else kind, type=kind, **attrs)


def _targets(net: nx.MultiDiGraph, node: str, kind: str) -> list[str]:
    return sorted({v for _, v, t in net.out_edges(node, data="type") if t == kind})


def _sources_of(net: nx.MultiDiGraph, node: str, kind: str) -> list[str]:
    return sorted({u for u, _, t in net.in_edges(node, data="type") if t == kind})


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Persons, organisations, units, meetings, resolutions and articles with typed edges."""
    net = nx.MultiDiGraph()
    _add_nodes(g, net)
    files = {n: d["source_file"] for n, d in net.nodes(data=True) if d["type"] == "article" and "source_file" in d}
    _add_posts(g, net, files)
    _add_simple_edges(g, net)
    _add_meeting_edges(net)
    return net


def write_network(net: nx.MultiDiGraph, fmt: str) -> bytes:
    """`net` as GraphML, GEXF or networkx's node-link JSON."""
    if fmt == "json":
        data = nx.node_link_data(net, edges="links")
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(net, buffer)
    elif fmt == "gexf":
        nx.write_gexf(net, buffer)
    else:
        raise GraphError(f"unknown network format {fmt}: use graphml, gexf or json")
    return buffer.getvalue()


# ---------------------------------------------------------------- facets for filtering

def official_graph(net: nx.MultiDiGraph) -> nx.Graph:
    """The undirected network without source articles: who sits where, what belongs to what."""
    keep = [n for n, kind in net.nodes(data="type") if kind != "article"]
    simple = nx.Graph()
    simple.add_nodes_from((n, net.nodes[n]) for n in keep)
    simple.add_edges_from((u, v) for u, v, kind in net.edges(data="type")
                          if kind != "source_article" and u in simple and v in simple)
    return simple


def node_units(net: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Each node -> the administrative units it belongs to, with the units that contain them."""
    parents = {n: _targets(net, n, "located_in") for n, kind in net.nodes(data="type") if kind == "unit"}

    def with_ancestors(units: Iterable[str]) -> set[str]:
        out, todo = set(), list(units)
        while todo:
            unit = todo.pop()
            if unit not in out:
                out.add(unit)
                todo.extend(parents.get(unit, ()))
        return out

    direct: dict[str, set[str]] = defaultdict(set)
    for n, kind in net.nodes(data="type"):
        if kind == "unit":
            direct[n].add(n)
        elif kind == "organization":
            direct[n].update(_targets(net, n, "located_in"))
    for n, kind in net.nodes(data="type"):  # meetings and documents take their bodies' units
        if kind == "meeting":
            direct[n].update(*(direct[o] for o in _sources_of(net, n, "organized")))
        elif kind == "resolution":
            direct[n].update(*(direct[o] for o in _sources_of(net, n, "issued")))
    for n, kind in net.nodes(data="type"):
        if kind == "resolution":
            direct[n].update(*(direct[m] for m in _targets(net, n, "adopted_at")))
        elif kind == "person":
            direct[n].update(*(direct[o] for _, o, t in net.out_edges(n, data="type") if t == "holds_post"))
    for n, kind in net.nodes(data="type"):  # an article belongs where the facts it reports belong
        if kind == "article":
            direct[n].update(*(direct[s] for s in _sources_of(net, n, "source_article")))
    for n, kind in net.nodes(data="type"):  # a person without a post belongs where the articles are
        if kind == "person" and not direct[n]:
            direct[n].update(*(direct[a] for a in _targets(net, n, "source_article")))
    return {n: sorted(with_ancestors(direct[n])) for n in net.nodes}


def node_facets(net: nx.MultiDiGraph) -> dict[str, dict[str, list[str]]]:
    """Each node -> {"units", "roles", "terms"}: what the unit, role and term filters match."""
    units = node_units(net)
    roles: dict[str, set[str]] = defaultdict(set)
    terms: dict[str, set[str]] = defaultdict(set)
    for u, v, data in net.edges(data=True):
        if data["type"] == "holds_post":
            for end in (u, v):
                if data["role"]:
                    roles[end].add(data["role"])
                if data["term"]:
                    terms[end].add(data["term"])
    for n, data in net.nodes(data=True):
        if data.get("term"):
            terms[n].add(data["term"])
            for organizer in _sources_of(net, n, "organized"):
                terms[organizer].add(data["term"])
    for n, kind in net.nodes(data="type"):
        if kind == "resolution":
            terms[n].update(*(terms[m] for m in _targets(net, n, "adopted_at") if net.nodes[m].get("term")))
    return {n: {"units": units[n], "roles": sorted(roles[n]), "terms": sorted(terms[n])} for n in net.nodes}


# ---------------------------------------------------------------- layout

def layout(net: nx.Graph, seed: int = SEED) -> dict[str, tuple[float, float]]:
    """Positions for drawing: each connected component laid out on its own, then packed in rows.

    Small components use networkx's spring layout (seeded); large ones `force_layout`, multilevel
    with an approximated repulsion, so 5,000 nodes take seconds, not minutes.
    """
    simple = nx.Graph(net.to_undirected(as_view=True)) if net.is_directed() else nx.Graph(net)
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    boxes = [_component_layout(simple.subgraph(c), seed) for c in components]
    return _pack(boxes)


def _component_layout(sub: nx.Graph, seed: int) -> dict[str, np.ndarray]:
    nodes = sorted(sub.nodes)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    if len(nodes) <= COARSEST:
        ordered = nx.Graph()
        ordered.add_nodes_from(nodes)
        ordered.add_edges_from(sorted(tuple(sorted(e)) for e in sub.edges))
        pos = nx.spring_layout(ordered, seed=seed)
        return {n: np.asarray(pos[n], dtype=float) for n in nodes}
    index = {n: i for i, n in enumerate(nodes)}
    edges = np.array(sorted((index[u], index[v]) for u, v in sub.edges), dtype=np.int64).reshape(-1, 2)
    coords = force_layout(len(nodes), edges, seed)
    return {n: coords[i] for i, n in enumerate(nodes)}


def force_layout(n: int, edges: np.ndarray, seed: int = SEED) -> np.ndarray:
    """Fruchterman-Reingold positions (n x 2, within [-1, 1]) of a graph given as an edge array.

    Multilevel: the graph is coarsened (leaves into their neighbour, then a matching) down to a
    few hundred nodes, laid out in full, and each finer level starts from its coarser one and is
    only refined, so the costly fine levels need few iterations.
    """
    rng = np.random.default_rng(seed)
    parent, m = _coarsen(n, edges, rng) if n > COARSEST else (None, n)
    if parent is None or m > 0.85 * n:
        pos = _fruchterman_reingold(rng.random((n, 2)), edges, iterations=80, temperature=0.1)
    else:
        coarse_edges = np.unique(np.sort(parent[edges], axis=1), axis=0)
        coarse_edges = coarse_edges[coarse_edges[:, 0] != coarse_edges[:, 1]]
        coarse = (force_layout(m, coarse_edges, seed) + 1.0) / 2.0
        jitter = (rng.random((n, 2)) - 0.5) * (0.5 / math.sqrt(n))
        pos = _fruchterman_reingold(coarse[parent] + jitter, edges, iterations=25, temperature=2.0 / math.sqrt(n))
    pos -= pos.mean(axis=0)
    return pos / max(float(np.abs(pos).max()), 1e-9)


def _coarsen(n: int, edges: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, int]:
    """Each node's group (and the number of groups): leaves join their neighbour, then pairs."""
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for u, v in edges.tolist():
        neighbours[u].append(v)
        neighbours[v].append(u)
    group = np.full(n, -1, dtype=np.int64)
    count = 0
    for u in range(n):  # a star collapses at once
        if len(neighbours[u]) == 1 and group[u] < 0:
            hub = neighbours[u][0]
            if group[hub] < 0:
                group[hub], count = count, count + 1
            group[u] = group[hub]
    for u in rng.permutation(n).tolist():
        if group[u] >= 0:
            continue
        free = [v for v in neighbours[u] if group[v] < 0]
        group[u] = count
        if free:
            group[min(free, key=lambda v: (len(neighbours[v]), v))] = count
        count += 1
    return group, count


def _fruchterman_reingold(pos: np.ndarray, edges: np.ndarray, iterations: int, temperature: float) -> np.ndarray:
    pos = pos.astype(np.float32)
    n = len(pos)
    k = np.float32(math.sqrt(1.0 / n))
    cooling = temperature / (iterations + 1)
    src, dst = edges[:, 0], edges[:, 1]
    for _ in range(iterations):
        disp = _repulsion(pos) * (k * k)
        delta = pos[src] - pos[dst]
        pull = delta * (np.linalg.norm(delta, axis=1, keepdims=True) / k)
        disp -= np.stack([np.bincount(src, weights=pull[:, d], minlength=n) for d in (0, 1)], axis=1)
        disp += np.stack([np.bincount(dst, weights=pull[:, d], minlength=n) for d in (0, 1)], axis=1)
        length = np.maximum(np.linalg.norm(disp, axis=1, keepdims=True), 1e-9)
        pos += (disp / length * np.minimum(length, temperature)).astype(np.float32)
        temperature -= cooling
    return pos.astype(float)


def _repulsion(pos: np.ndarray, theta: float = 1.0) -> np.ndarray:
    """Sum over j of (p_i - p_j) / |p_i - p_j|^2, approximated as in Barnes-Hut with one level of cells.

    Cells hold about PER_CELL nodes each whatever the density (stripes of equal count in x, cut into
    cells of equal count in y). A cell seen from a node at more than its size / theta acts through
    its centre of mass; nearer cells act node by node.
    """
    n = len(pos)
    x, y = pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32)
    cell, cells = _cells(pos, max(1, int(math.sqrt(n / PER_CELL))))
    mass = np.bincount(cell, minlength=cells).astype(np.float32)
    safe = np.maximum(mass, 1)
    cx = (np.bincount(cell, weights=x, minlength=cells) / safe).astype(np.float32)
    cy = (np.bincount(cell, weights=y, minlength=cells) / safe).astype(np.float32)
    by_cell = np.argsort(cell, kind="stable")
    bounds = np.searchsorted(cell[by_cell], np.arange(cells + 1))
    filled = mass > 0
    starts = bounds[:-1][filled]
    sizes = np.zeros(cells, dtype=np.float32)
    sizes[filled] = np.maximum(*(np.maximum.reduceat(v[by_cell], starts) - np.minimum.reduceat(v[by_cell], starts)
                                 for v in (x, y)))
    dx, dy = x[:, None] - cx[None, :], y[:, None] - cy[None, :]
    d2 = dx * dx + dy * dy
    near = (sizes * sizes / np.float32(theta * theta))[None, :] >= d2
    near[np.arange(n), cell] = True
    near &= filled[None, :]
    weight = np.where(near, np.float32(0), mass[None, :] / np.maximum(d2, np.float32(1e-9)))
    fx, fy = (dx * weight).sum(axis=1), (dy * weight).sum(axis=1)
    nodes, near_cells = np.nonzero(near)
    counts = (bounds[1:] - bounds[:-1])[near_cells]
    source = np.repeat(nodes, counts)
    first = np.repeat(bounds[near_cells] - np.cumsum(counts) + counts, counts)
    other = by_cell[first + np.arange(len(source))]
    ex, ey = x[source] - x[other], y[source] - y[other]
    w = 1.0 / np.maximum(ex * ex + ey * ey, np.float32(1e-9))
    w[source == other] = 0.0
    fx += np.bincount(source, weights=ex * w, minlength=n)
    fy += np.bincount(source, weights=ey * w, minlength=n)
    return np.stack([fx, fy], axis=1).astype(pos.dtype)


def _cells(pos: np.ndarray, side: int) -> tuple[np.ndarray, int]:
    """Each point's cell in a side x side grid of cells with about equal counts."""
    n = len(pos)
    stripe = np.empty(n, dtype=np.int64)
    stripe[np.argsort(pos[:, 0], kind="stable")] = np.arange(n) * side // n
    order = np.lexsort((pos[:, 1], stripe))
    counts = np.bincount(stripe, minlength=side)
    rank = np.arange(n) - np.concatenate(([0], np.cumsum(counts)[:-1]))[stripe[order]]
    cell = np.empty(n, dtype=np.int64)
    cell[order] = stripe[order] * side + rank * side // counts[stripe[order]]
    return cell, side * side


def _pack(boxes: list[dict[str, np.ndarray]]) -> dict[str, tuple[float, float]]:
    """Scale each component to an area proportional to its size and place them in rows."""
    radii = [math.sqrt(len(b)) for b in boxes]
    width = max(2.6 * math.sqrt(sum(r * r for r in radii)), 2 * (radii[0] if radii else 0))  # about 3:2
    out: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for box, r in zip(boxes, radii):
        if x > 0 and x + 2 * r > width:
            x, y, row = 0.0, y + row, 0.0
        centre = np.array([x + r, y + r])
        for node, p in box.items():
            q = centre + p * r
            out[node] = (round(float(q[0]), 3), round(float(q[1]), 3))
        x += 2 * r + 0.5
        row = max(row, 2 * r + 0.5)
    return out


# ---------------------------------------------------------------- statistics

def network_stats(net: nx.MultiDiGraph, top: int = 10, seed: int = SEED) -> dict:
    """Counts, central officials, concurrent posts, units, components, communities and careers."""
    simple = official_graph(net)
    return {
        "counts": {"nodes": dict(sorted(Counter(k for _, k in net.nodes(data="type")).items())),
                   "edges": dict(sorted(Counter(k for _, _, k in net.edges(data="type")).items()))},
        **_centrality(simple, top, seed),
        "concurrent_posts": _concurrent_posts(net),
        "units": _units(net),
        "components": _components(simple),
        "communities": _communities(simple, top, seed),
        "careers": careers(net),
    }


def _centrality(simple: nx.Graph, top: int, seed: int) -> dict[str, object]:
    n = simple.number_of_nodes()
    sample = min(SAMPLE_SOURCES, n) if n > SAMPLE_ABOVE else None
    between = nx.betweenness_centrality(simple, k=sample, seed=seed) if n else {}
    people = [p for p, kind in simple.nodes(data="type") if kind == "person"]
    rows = [{"name": simple.nodes[p]["label"], "iri": p, "degree": simple.degree(p),
             "betweenness": round(between.get(p, 0.0), 6)} for p in people]
    by_degree = sorted(rows, key=lambda r: (-r["degree"], -r["betweenness"], r["name"], r["iri"]))
    by_between = sorted(rows, key=lambda r: (-r["betweenness"], -r["degree"], r["name"], r["iri"]))
    return {"by_degree": by_degree[:top], "by_betweenness": by_between[:top],
            "betweenness_sampled": sample is not None}


def _posts(net: nx.MultiDiGraph, person: str) -> Iterator[tuple[str, dict]]:
    for _, org, data in net.out_edges(person, data=True):
        if data["type"] == "holds_post":
            yield org, data


def _overlap(a: dict, b: dict) -> bool:
    """Two posts can be held at once unless both have terms and the terms do not overlap."""
    if not (a.get("start") and a.get("end") and b.get("start") and b.get("end")):
        return True
    return int(a["start"].split()[0]) < int(b["end"].split()[-1]) and \
        int(b["start"].split()[0]) < int(a["end"].split()[-1])


def _concurrent_posts(net: nx.MultiDiGraph) -> list[dict]:
    out = []
    for person, kind in net.nodes(data="type"):
        if kind != "person":
            continue
        posts = [(org, d) for org, d in _posts(net, person) if set(d["status"].split()) != {"former"}]
        held = [p for p in posts if any(_overlap(p[1], q[1]) for q in posts if q is not p)]
        if len(held) >= 2:
            out.append({"name": net.nodes[person]["label"], "iri": person,
                        "posts": sorted(f"{d['role']}, {net.nodes[org]['label']}" for org, d in held)})
    return sorted(out, key=lambda r: (-len(r["posts"]), r["name"], r["iri"]))


def _units(net: nx.MultiDiGraph) -> list[dict]:
    rows = []
    for unit, kind in net.nodes(data="type"):
        if kind != "unit":
            continue
        bodies = [b for b in _sources_of(net, unit, "located_in") if net.nodes[b]["type"] == "organization"]
        holders = {p for b in bodies for p, _, t in net.in_edges(b, data="type") if t == "holds_post"}
        if bodies:
            rows.append({"unit": net.nodes[unit]["label"], "iri": unit, "bodies": len(bodies),
                         "office_holders": len(holders),
                         "holders": sorted(net.nodes[p]["label"] for p in holders)})
    return sorted(rows, key=lambda r: (-r["office_holders"], -r["bodies"], r["unit"], r["iri"]))


def _components(simple: nx.Graph) -> dict:
    sizes = sorted((len(c) for c in nx.connected_components(simple)), reverse=True)
    return {"count": len(sizes), "largest": sizes[:10], "isolated": sizes.count(1),
            "largest_share": round(sizes[0] / simple.number_of_nodes(), 4) if sizes else 0.0}


def _communities(simple: nx.Graph, top: int, seed: int) -> dict:
    if simple.number_of_edges() == 0:
        return {"count": 0, "modularity": 0.0, "largest": []}
    found = nx.community.louvain_communities(simple, seed=seed)
    groups = sorted((sorted(c) for c in found if len(c) > 1), key=lambda c: (-len(c), c[0]))
    rows = []
    for members in groups[:top]:
        ranked = sorted(members, key=lambda n: (-simple.degree(n), simple.nodes[n]["label"]))
        rows.append({"size": len(members),
                     "people": sum(simple.nodes[n]["type"] == "person" for n in members),
                     "members": [simple.nodes[n]["label"] for n in ranked[:6]]})
    modularity = nx.community.modularity(simple, found)
    return {"count": len(groups), "modularity": round(modularity, 4), "largest": rows}


def careers(net: nx.MultiDiGraph) -> list[dict]:
    """Each person's posts in time order: by term, else by the date of the article reporting it."""
    published = {d["source_file"]: d.get("published", "") for _, d in net.nodes(data=True)
                 if d["type"] == "article" and "source_file" in d}
    out = []
    for person, kind in net.nodes(data="type"):
        if kind != "person":
            continue
        posts = []
        for org, d in _posts(net, person):
            dates = sorted(published.get(f, "") for f in d.get("source", "").split() if published.get(f))
            when = d.get("start") and d["start"].split()[0] or (dates[0][:4] if dates else "")
            posts.append({"when": d["term"] or (dates[0] if dates else ""), "role": d["role"],
                          "body": net.nodes[org]["label"], "status": d["status"], "source": d.get("source", ""),
                          "_key": (when or "9999", d["term"], dates[0] if dates else "", d["role"],
                                   net.nodes[org]["label"])})
        if posts:
            posts.sort(key=lambda p: p.pop("_key"))  # type: ignore[arg-type,return-value]
            out.append({"name": net.nodes[person]["label"], "iri": person, "posts": posts})
    return sorted(out, key=lambda c: (-len(c["posts"]), c["name"], c["iri"]))


def stats_report(graph: str, fmt: str) -> str:
    """`kg stats`: the statistics of GRAPH as text tables or JSON."""
    from .store import load_rdflib

    result = network_stats(to_networkx(load_rdflib(graph)))
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2)
    return _stats_tables(result)


def _stats_tables(s: dict, shown: int = 25) -> str:
    from .query import text_table

    sampled = " (sampled)" if s["betweenness_sampled"] else ""
    comp, comm = s["components"], s["communities"]
    sections = [
        ("Nodes by type", ["type", "count"], [[k, str(v)] for k, v in s["counts"]["nodes"].items()]),
        ("Edges by type", ["type", "count"], [[k, str(v)] for k, v in s["counts"]["edges"].items()]),
        ("Officials by degree", ["person", "degree", "betweenness"],
         [[r["name"], str(r["degree"]), f"{r['betweenness']:.4f}"] for r in s["by_degree"]]),
        (f"Officials by betweenness{sampled}", ["person", "betweenness", "degree"],
         [[r["name"], f"{r['betweenness']:.4f}", str(r["degree"])] for r in s["by_betweenness"]]),
        ("People holding several posts at once", ["person", "posts"],
         [[r["name"], "; ".join(r["posts"])] for r in s["concurrent_posts"]]),
        ("Bodies and office-holders per unit", ["unit", "bodies", "office-holders"],
         [[r["unit"], str(r["bodies"]), str(r["office_holders"])] for r in s["units"]]),
        (f"Connected components: {comp['count']} ({comp['isolated']} isolated; "
         + f"largest holds {comp['largest_share']:.0%} of the nodes)", ["rank", "size"],
         [[str(i + 1), str(size)] for i, size in enumerate(comp["largest"])]),
        (f"Communities (Louvain): {comm['count']}, modularity {comm['modularity']}", ["size", "people", "members"],
         [[str(r["size"]), str(r["people"]), ", ".join(r["members"])] for r in comm["largest"]]),
    ]
    text = [f"{title}{_more(rows, shown)}\n{text_table(columns, rows[:shown], width=100)}"
            for title, columns, rows in sections]
    moved = [c for c in s["careers"] if len(c["posts"]) > 1] or s["careers"]
    rows = [[c["name"] if i == 0 else "", p["when"] or "?", p["role"], p["body"], p["status"], p["source"]]
            for c in moved[:shown] for i, p in enumerate(c["posts"])]
    text.append(f"Careers in time order{_more(moved, shown)}\n"
                + text_table(["person", "when", "role", "body", "status", "source"], rows, width=60))
    return "\n\n".join(text)


def _more(rows: list, shown: int) -> str:
    return f" (first {shown} of {len(rows)}; all with --format json)" if len(rows) > shown else ""
