"""Entity, money and funding extraction scored against the hand-annotated documents.

Each file named by bench/annotated/*.json is parsed as indexing parses it (indexer.parse)
and analysed by nlp.entities.Extractor, which also finds the funding events the pipeline
stores. The dev set is a* to w*, z*, aa* and ab* (tune on it; `--set a` … `ab` scores one
part), the held-out set x* and y* (report only). Prints, for the chosen set (with `--set all`: dev,
held-out and both together):

- per entity type, precision/recall/F1 over the distinct canonical names of a document
  (case-insensitive, whitespace-normalised), summed over documents;
- PERSON role and affiliation accuracy over the people found;
- MONEY: an annotated amount is found when an extracted amount overlaps its text; value-exact
  and per-year accuracy are over all annotated amounts (a missed amount counts as wrong);
- funding events P/R/F1, matched one to one: lenient (same amount, and funder, recipient and
  programme where the annotation gives them) and strict (every field, per_year included).

The held-out scores are printed only with `--set held-out` or `--set all`, so that tuning on
dev never shows them.

Usage: python bench/entity_eval.py [--errors] [--set dev|a|…|ab|held-out|all] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.parse import parse  # noqa: E402
from indexer.sources import read  # noqa: E402
from nlp.entities import Extractor  # noqa: E402

ANNOTATED = ROOT / "bench" / "annotated"
TYPES = ("PERSON", "PROGRAMME", "CLUSTER", "ORG", "LOCATION")
DEV = (*"abcdefghijklmnopqrstuvwz", "aa", "ab")
SETS = {
    "dev": DEV,
    **{part: (part,) for part in DEV},
    "held-out": ("x", "y"),
}
COUNTS = (*TYPES, "MONEY", "FUNDING", "FUNDING strict")


def part(stem: str) -> str:
    """The set a document belongs to: the letters its name opens with ("aa07-…" is in aa)."""
    return re.match(r"[a-z]+", stem).group()


def norm(s: object) -> str | None:
    return " ".join(str(s).split()).casefold() if s is not None else None


def value(v: object) -> object:
    return tuple(float(x) for x in v) if isinstance(v, list | tuple) else v and float(v)


def score(gold: dict, text: str, extraction) -> dict:
    """Counts and error lists for one document."""
    out: dict = {"counts": {}, "errors": {}}
    found = list(extraction.entities)
    for type in TYPES:
        want = {norm(g["name"] if type == "PERSON" else g) for g in gold["entities"][type]}
        got = {norm(e.canonical) for e in found if e.type == type}
        out["counts"][type] = (len(want & got), len(got - want), len(want - got))
        out["errors"][type] = {"fp": sorted(got - want), "fn": sorted(want - got)}
    out["people"] = _people(gold["entities"]["PERSON"], found)
    out["money"] = _money(gold["money"], text, [e for e in found if e.type == "MONEY"])
    out["counts"]["MONEY"] = out["money"].pop("counts")
    out["errors"]["MONEY"] = out["money"].pop("errors")
    for strict in (False, True):
        key = "FUNDING strict" if strict else "FUNDING"
        events = [f.as_dict() for f in extraction.funding]
        counts, errors = _funding(gold["funding"], events, strict)
        out["counts"][key], out["errors"][key] = counts, errors
    return out


def _people(gold: list[dict], found: list) -> dict:
    """Role and affiliation agreement for the annotated people that were found."""
    people: dict[str, dict] = {}
    for e in found:
        if e.type == "PERSON":
            p = people.setdefault(norm(e.canonical), {"role": None, "affiliation": None})
            p["role"] = p["role"] or e.role
            p["affiliation"] = p["affiliation"] or e.affiliation
    result = {"matched": 0, "role": 0, "affiliation": 0, "wrong": []}
    for g in gold:
        p = people.get(norm(g["name"]))
        if p is None:
            continue
        result["matched"] += 1
        for field in ("role", "affiliation"):
            if norm(p[field]) == norm(g.get(field)):
                result[field] += 1
            else:
                result["wrong"].append(f"{g['name']} {field}: {p[field]!r} ≠ {g.get(field)!r}")
    return result


def _money(gold: list[dict], text: str, found: list) -> dict:
    """Span matches, then value and per-year agreement, for the annotated amounts."""
    used: set[int] = set()
    result: dict = {"total": len(gold), "value": 0, "per_year": 0, "errors": {"fp": [], "fn": []}}
    every: list[tuple[int, int]] = []
    for g in gold:
        pattern = r"\s+".join(map(re.escape, g["text"].split()))
        spans = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
        every += spans
        match = next(
            (i for i, e in enumerate(found) if i not in used
             and any(e.start < b and a < e.end for a, b in spans)),
            None,
        )  # fmt: skip
        if match is None:
            result["errors"]["fn"].append(f"{g['text']} (not found)")
            continue
        used.add(match)
        e = found[match]
        if value(e.value) == value(g["value"]):
            result["value"] += 1
        else:
            result["errors"]["fn"].append(f"{g['text']}: value {e.value} ≠ {g['value']}")
        if e.per_year == g["per_year"]:
            result["per_year"] += 1
        else:
            result["errors"]["fn"].append(f"{g['text']}: per_year {e.per_year}")
    # A repeated mention of an annotated amount (in a heading, say) is no false positive.
    fp = [e.text for e in found if not any(e.start < b and a < e.end for a, b in every)]
    result["errors"]["fp"] = fp
    result["counts"] = (len(used), len(fp), len(gold) - len(used))
    return result


def _funding(gold: list[dict], found: list[dict], strict: bool) -> tuple[tuple, dict]:
    def same(g: dict, f: dict) -> bool:
        if value(g["amount"]) != value(f["amount"]):
            return False
        fields = ("funder", "recipient", "programme")
        if strict:
            return all(norm(g[k]) == norm(f[k]) for k in fields) and g["per_year"] == f["per_year"]
        return all(g[k] is None or norm(g[k]) == norm(f[k]) for k in fields)

    left = list(found)
    missed = []
    for g in gold:
        hit = next((f for f in left if same(g, f)), None)
        if hit is None:
            missed.append(g)
        else:
            left.remove(hit)
    counts = (len(gold) - len(missed), len(left), len(missed))
    return counts, {"fp": [_event(f) for f in left], "fn": [_event(g) for g in missed]}


def _event(f: dict) -> str:
    return f"{f['funder']} → {f['recipient']} ({f['programme']}) {f['amount']} py={f['per_year']}"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def summarise(docs: list[dict]) -> dict:
    """Micro-averaged scores of a set of scored documents."""
    out: dict = {"documents": len(docs)}
    for key in COUNTS:
        tp, fp, fn = (sum(d["counts"][key][i] for d in docs) for i in range(3))
        p, r, f = prf(tp, fp, fn)
        out[key] = {"tp": tp, "fp": fp, "fn": fn, "p": p, "r": r, "f1": f}
    matched = sum(d["people"]["matched"] for d in docs)
    for field in ("role", "affiliation"):
        out[f"PERSON {field} acc"] = sum(d["people"][field] for d in docs) / (matched or 1)
    total = sum(d["money"]["total"] for d in docs)
    for field in ("value", "per_year"):
        out[f"MONEY {field} acc"] = sum(d["money"][field] for d in docs) / (total or 1)
    return out


def table(name: str, s: dict) -> str:
    lines = [f"\n{name} ({s['documents']} documents)", "| type | tp | fp | fn | P | R | F1 |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    for key in COUNTS:
        c = s[key]
        lines.append(f"| {key} | {c['tp']} | {c['fp']} | {c['fn']} | {c['p']:.3f} "
                     f"| {c['r']:.3f} | **{c['f1']:.3f}** |")  # fmt: skip
    accuracies = [k for k in s if k.endswith(" acc")]
    lines.append("\n" + ", ".join(f"{k} {s[k]:.3f}" for k in accuracies))
    return "\n".join(lines)


def errors(name: str, d: dict) -> str:
    lines = [f"\n== {name}"]
    for key, e in d["errors"].items():
        if e["fp"] or e["fn"]:
            lines.append(f"  {key}: FP {e['fp']}  FN {e['fn']}")
    lines += [f"  PERSON {w}" for w in d["people"]["wrong"]]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list false positives/negatives")
    ap.add_argument("--set", choices=[*SETS, "all"], default="dev", help="documents to score")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    args = ap.parse_args()

    golds = [json.loads(p.read_text("utf-8")) for p in sorted(ANNOTATED.glob("*.json"))]
    parsed = [parse((s := read(ROOT / g["document"])).data, s.path.suffix) for g in golds]
    extractions = Extractor().pipe(p.text for p in parsed)
    scored = {
        Path(g["document"]).stem: score(g, p.text, x)
        for g, p, x in zip(golds, parsed, extractions, strict=True)
    }
    chosen = ("dev", "held-out") if args.set == "all" else (args.set,)
    groups = {name: [d for stem, d in scored.items() if part(stem) in SETS[name]]
              for name in chosen}  # fmt: skip
    if args.set == "all":
        groups["overall"] = list(scored.values())
    summaries = {name: summarise(docs) for name, docs in groups.items()}
    shown = [s for s in scored if args.set == "all" or part(s) in SETS[args.set]]
    if args.json:
        out: dict = {"summary": summaries}
        if args.errors:
            out["documents"] = {
                s: {"errors": scored[s]["errors"], "people": scored[s]["people"]["wrong"]}
                for s in shown
            }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for name, s in summaries.items():
        print(table(name, s))
    if args.errors:
        for stem in shown:
            print(errors(stem, scored[stem]))


if __name__ == "__main__":
    main()
