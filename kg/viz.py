"""Pictures of the network: one self-contained, offline HTML page, or a static PNG / SVG (matplotlib).

The page carries its data as JSON inside a script tag, its JavaScript and CSS inline (hand-written,
in kg/assets/), and positions computed here, so the browser only draws: it stays responsive with
thousands of nodes and never touches the network.
"""
from __future__ import annotations

import html
import io
import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef

from .errors import GraphError
from .namespaces import KG, PROV, SCHEMA
from .network import layout, node_facets, to_networkx
from .store import atomic_write, load_rdflib

FORMATS = ("html", "png", "svg")
ASSETS = Path(__file__).resolve().parent / "assets"
_LABELLED = 40  # names drawn on a static picture


@lru_cache(maxsize=1)
def styles() -> dict:
    """Colours, shapes and labels of node and edge types, shared by the page and the pictures."""
    return json.loads((ASSETS / "styles.json").read_text(encoding="utf-8"))


def visualize(graph: str, output: Path, fmt: str | None) -> str:
    """`kg viz`: draw GRAPH into `output` (html, png or svg); a one-line summary."""
    fmt = fmt or output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise GraphError(f"cannot tell the picture format of {output}: name it .html, .png or .svg, "
                         f"or give --format html|png|svg")
    g = load_rdflib(graph)
    net = to_networkx(g)
    positions = layout(net)
    title = f"kg: {Path(graph.rstrip('/')).name or graph}"
    data = html_page(g, net, positions, title) if fmt == "html" else picture(net, positions, fmt, title)
    atomic_write(output, data)
    counts = Counter(kind for _, kind in net.nodes(data="type"))
    people = f"{counts.get('person', 0)} people, {counts.get('organization', 0)} bodies"
    return f"{output}: {net.number_of_nodes()} nodes ({people}), {net.number_of_edges()} edges"


# ---------------------------------------------------------------- interactive page

def html_page(g: Graph, net, positions: dict[str, tuple[float, float]], title: str) -> bytes:
    """The self-contained page: template + inline CSS and JavaScript + the graph as JSON."""
    template = (ASSETS / "viz.html").read_text(encoding="utf-8")
    payload = script_json(page_data(g, net, positions))
    page = (template.replace("__KG_TITLE__", html.escape(title))
            .replace("/*__KG_CSS__*/", (ASSETS / "viz.css").read_text(encoding="utf-8"))
            .replace("/*__KG_JS__*/", (ASSETS / "viz.js").read_text(encoding="utf-8")))
    head, marker, tail = page.partition("__KG_DATA__")
    return (head + payload + tail).encode("utf-8") if marker else page.encode("utf-8")


def script_json(data: object) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can end the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def page_data(g: Graph, net, positions: dict[str, tuple[float, float]]) -> dict:
    """Nodes, edges, evidence sentences and filter values, with indices instead of repeated IRIs."""
    ids = sorted(net.nodes)
    index = {n: i for i, n in enumerate(ids)}
    facets = node_facets(net)
    roles = _ranked(r for f in facets.values() for r in f["roles"])
    terms = sorted({t for f in facets.values() for t in f["terms"]})
    role_ix, term_ix = {r: i for i, r in enumerate(roles)}, {t: i for i, t in enumerate(terms)}
    evidence, ev_ix = _evidence(g, ids, index)
    nodes = []
    for n in ids:
        data, (x, y), f = net.nodes[n], positions[n], facets[n]
        details = {k: v for k, v in data.items() if k not in ("label", "type", "kind", "iri")}
        node = {"id": n, "l": data["label"], "t": data["type"], "k": data["kind"], "x": x, "y": y,
                "d": len(set(net.predecessors(n)) | set(net.successors(n))), "f": details,
                "u": [index[u] for u in f["units"]], "r": [role_ix[r] for r in f["roles"]],
                "m": [term_ix[t] for t in f["terms"]], "e": ev_ix(URIRef(n))}
        nodes.append({k: v for k, v in node.items() if v or k in ("x", "y", "d")})
    edges = []
    for u, v, data in sorted(net.edges(data=True), key=lambda e: (index[e[0]], index[e[1]], e[2]["type"])):
        edge = {"s": index[u], "t": index[v], "k": data["type"], "r": role_ix.get(data.get("role", ""), -1),
                "m": term_ix.get(data.get("term", ""), -1), "st": data.get("status", ""),
                "e": sorted({i for m in data.get("memberships", "").split() for i in ev_ix(URIRef(m))})}
        edges.append({k: val for k, val in edge.items() if val not in ("", [], -1)})
    return {"styles": styles(), "nodes": nodes, "edges": edges, "evidence": evidence, "roles": roles,
            "terms": terms, "units": _unit_tree(net, index)}


def _ranked(values) -> list[str]:
    counts = Counter(values)
    return sorted(counts, key=lambda v: (-counts[v], v))


def _evidence(g: Graph, ids: list[str], index: dict[str, int]):
    """Every evidence sentence once, ordered by article and offset; and a lookup node -> indices."""
    rows = []
    for e in set(g.objects(None, KG.evidence)):
        article = str(g.value(e, PROV.wasDerivedFrom) or "")
        start, end = g.value(e, KG.startOffset), g.value(e, KG.endOffset)
        rows.append((index.get(article, -1), int(start) if start is not None else -1,
                     int(end) if end is not None else -1, str(g.value(e, SCHEMA.text) or ""), e))
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3], str(r[4])))
    position = {r[4]: i for i, r in enumerate(rows)}
    records = [{"x": text, "a": article, "o": start, "z": end} for article, start, end, text, _ in rows]

    def lookup(node: URIRef) -> list[int]:
        return sorted({position[e] for e in g.objects(node, KG.evidence) if e in position})

    return records, lookup


def _unit_tree(net, index: dict[str, int]) -> list[list[int]]:
    """[node index, depth] of every unit, each under the unit that contains it, by name."""
    units = [n for n, kind in net.nodes(data="type") if kind == "unit"]
    parent = {}
    for u in units:
        ups = sorted(v for _, v, t in net.out_edges(u, data="type") if t == "located_in")
        parent[u] = ups[0] if ups else None
    children: dict[str | None, list[str]] = {}
    for u in units:
        children.setdefault(parent[u] if parent[u] in parent else None, []).append(u)
    out: list[list[int]] = []

    def walk(node: str | None, depth: int) -> None:
        for child in sorted(children.get(node, []), key=lambda c: (net.nodes[c]["label"], c)):
            out.append([index[child], depth])
            walk(child, depth + 1)

    walk(None, 0)
    return out


# ---------------------------------------------------------------- static picture

def picture(net, positions: dict[str, tuple[float, float]], fmt: str, title: str) -> bytes:
    """A PNG or SVG drawing: nodes by type (colour and marker), edges, the main names."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure

    kinds = styles()["types"]
    fig = Figure(figsize=(12, 9), dpi=150)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(title, fontsize=11)
    degree = {n: len(set(net.predecessors(n)) | set(net.successors(n))) for n in net.nodes}
    segments = [(positions[u], positions[v]) for u, v in net.edges()]
    ax.add_collection(LineCollection(segments, colors="#9a9a9a", linewidths=0.5, alpha=0.5, zorder=1))
    for kind, style in kinds.items():
        members = [n for n, t in net.nodes(data="type") if t == kind]
        if members:
            ax.scatter([positions[n][0] for n in members], [positions[n][1] for n in members],
                       s=[18 + 10 * degree[n] ** 0.5 for n in members], c=style["color"], marker=style["marker"],
                       edgecolors="white", linewidths=0.5, zorder=2, label=f"{style['label']} ({len(members)})")
    named = sorted((n for n, t in net.nodes(data="type") if t in ("person", "organization", "unit")),
                   key=lambda n: (net.nodes[n]["type"] != "person", -degree[n], n))[:_LABELLED]
    for n in named:
        ax.annotate(net.nodes[n]["label"], positions[n], fontsize=6, xytext=(4, 3), textcoords="offset points",
                    zorder=3)
    if net.number_of_nodes():
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    ax.autoscale_view()
    ax.set_aspect("equal", adjustable="datalim")
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "kg"}):
        fig.savefig(buffer, format=fmt, bbox_inches="tight", metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()
