"""Regulator reports: every number in their tables is the manifest's, zh and en agree, HTML is escaped and
self-contained, and no personal information appears."""

from __future__ import annotations

import copy
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from lineage.report import annotation_view, build_blocks, render_html, render_markdown, write_reports

PI_PATTERNS = [
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),  # email
    # Digits after a "." are a float's fraction (e.g. an observed share in a gate detail), not an identifier.
    re.compile(r"(?<![0-9A-Za-z.])(?:\+?86[ -]?)?1[3-9]\d{9}(?![0-9A-Za-z])"),  # CN mobile
    re.compile(r"(?<![0-9A-Za-z.])\d{17}[\dXx](?![0-9A-Za-z])"),  # resident ID
]


def _manifest(run: Path) -> dict[str, Any]:
    return json.loads((run / "manifest.json").read_text(encoding="utf-8"))


def md_tables(text: str) -> dict[str, list[list[str]]]:
    """Tables of a report by name (`<!-- table: NAME -->`), rows as unescaped cell lists (header included)."""
    out: dict[str, list[list[str]]] = {}
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"<!-- table: (\S+) -->", line)
        if not m:
            continue
        rows = []
        for row in lines[i + 1:]:
            if not row.startswith("|"):
                break
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]
            if not all(set(c) <= {"-"} for c in cells):
                rows.append(cells)
        out[m.group(1)] = rows
    return out


def _attributes(html_text: str) -> set[str]:
    names: set[str] = set()

    class P(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            names.update(k for k, _ in attrs)

    P().feed(html_text)
    return names


def test_reports_are_written(demo_run: Path) -> None:
    for lang in ("zh", "en"):
        for ext in ("md", "html"):
            assert (demo_run / f"report.{lang}.{ext}").stat().st_size > 2000


def test_tables_equal_the_manifest(demo_run: Path) -> None:
    m = _manifest(demo_run)
    for lang in ("zh", "en"):
        tb = md_tables((demo_run / f"report.{lang}.md").read_text(encoding="utf-8"))
        src = {r[0]: r for r in tb["sources"][1:]}
        for s in m["sources"]:
            c = s["counts"]
            assert src[s["id"]][7:11] == [str(c["read"]), str(c["kept"]), str(c["dropped"]), str(c["deadlettered"])]
            assert src[s["id"]][11] == str(len(s["files"]))
        total = tb["sources"][-1]
        t = m["totals"]
        assert total[7:11] == [str(t["read"]), str(t["kept"]), str(t["dropped"]), str(t["deadlettered"])]
        for name, key in (("scale_by_source", "by_source"), ("scale_by_language", "by_language"),
                          ("scale_by_modality", "by_modality")):
            rows = {r[0]: r[1:] for r in tb[name][1:]}
            for k, v in m["scale"][key].items():
                assert rows[k] == [str(v["records"]), str(v["chars"]), str(v["bytes"]), str(v["est_tokens"])], (name, k)
        steps = tb["steps"][1:]
        assert [r[0] for r in steps] == [s["name"] for s in m["steps"]]
        for r, s in zip(steps, m["steps"], strict=True):
            assert r[2:4] == [str(s["records_in"]), str(s["records_out"])]
            for reason, n in s["dropped_by_reason"].items():
                assert f"{reason}: {n}" in r[4]
        pii = {(r[0], r[1]): r[2] for r in tb["pii_types"][1:]}
        assert pii == {(s, k): str(v) for s, d in m["pii"]["counts_by_source"].items() for k, v in d.items()}
        cr = {(r[0], r[1]): r[2] for r in tb["copyright_classes"][1:]}
        assert cr == {(s, k): str(v) for s, d in m["copyright"]["counts_by_source"].items() for k, v in d.items()}
        assert len(tb["gates"]) - 1 == len(m["gates"])
        integ = [r[1] for r in tb["integrity"][1:]]
        assert m["outputs"]["merkle"]["corpus_root"] in integ
        assert str(len(m["outputs"]["files"])) in integ
        kinds = {r[0]: r[2] for r in tb["type"][1:] if r[1] in m["type"]["domains"]}
        assert kinds  # domain rows present
        dedup = {r[0]: r[1] for r in tb["dedup"][1:]}
        assert str(m["dedup"]["exact_duplicates_dropped"]) in dedup.values()
        assert str(m["dedup"]["near_duplicates_dropped"]) in dedup.values()


def test_annotation_section_matches_the_manifest(demo_run: Path) -> None:
    m = _manifest(demo_run)
    ann = m.get("annotation")
    tb = md_tables((demo_run / "report.en.md").read_text(encoding="utf-8"))
    if not ann:
        assert "annotation_batches" not in tb
        return
    rows = {r[0]: r for r in tb["annotation_batches"][1:]}
    batches = ann["batches"]
    items = batches.items() if isinstance(batches, dict) else [(b["batch"], b) for b in batches]
    for bid, b in items:
        acc = b["accuracy"] if isinstance(b["accuracy"], (int, float)) else b["accuracy"]["rate"]
        assert rows[bid][1] == b["status"]
        assert rows[bid][4].startswith(f"{acc:.4f}")
    assert {r[4] for r in tb["annotation_rules"][1:]} == {f["sha256"] for f in ann["rules_files"]}


def test_zh_and_en_carry_the_same_numbers(demo_run: Path) -> None:
    zh = md_tables((demo_run / "report.zh.md").read_text(encoding="utf-8"))
    en = md_tables((demo_run / "report.en.md").read_text(encoding="utf-8"))
    assert zh.keys() == en.keys()
    num = re.compile(r"^-?\d+(\.\d+)?$")
    for name in en:
        a = [[c for c in r if num.match(c)] for r in zh[name][1:]]
        b = [[c for c in r if num.match(c)] for r in en[name][1:]]
        assert a == b, name


def test_no_personal_information_in_reports(demo_run: Path) -> None:
    for p in demo_run.glob("report.*"):
        text = p.read_text(encoding="utf-8")
        for rx in PI_PATTERNS:
            assert not rx.search(text), (p.name, rx.pattern)


def test_html_is_escaped_and_self_contained(demo_run: Path, tmp_path: Path) -> None:
    m = copy.deepcopy(_manifest(demo_run))
    m["sources"][0]["title"] = '<script>alert("t")</script> | pipe'
    m["sources"][0]["licence"] = "<img src=x onerror=alert(1)>"
    m["run"]["name"] = "</title><script>alert(2)</script>"
    write_reports(str(tmp_path), m)
    for lang in ("zh", "en"):
        h = (tmp_path / f"report.{lang}.html").read_text(encoding="utf-8")
        assert "<script" not in h.lower() and "<img" not in h.lower()
        assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in h
        assert not _attributes(h) & {"src", "href", "srcset", "action"}  # nothing to load, nothing to follow
        assert "@import" not in h and "url(" not in h
        md = (tmp_path / f"report.{lang}.md").read_text(encoding="utf-8")
        assert "<script" not in md and "<img" not in md
        rows = md_tables(md)["sources"]
        assert len({len(r) for r in rows}) == 1  # the escaped pipe did not add a column
        assert rows[1][1] == '&lt;script&gt;alert("t")&lt;/script&gt; | pipe'


def test_annotation_not_available(demo_run: Path) -> None:
    m = copy.deepcopy(_manifest(demo_run))
    m["annotation"] = None
    en = render_markdown(build_blocks(m, "en"))
    zh = render_markdown(build_blocks(m, "zh"))
    assert "Not available: this run's manifest has no annotation section" in en
    assert "不适用：本次运行的清单不含标注部分" in zh
    assert "<!-- table: annotation_batches -->" not in en


def test_annotation_view_uses_only_a_verified_full_report(demo_run: Path, tmp_path: Path) -> None:
    m = _manifest(demo_run)
    if not m.get("annotation") or not m["annotation"].get("report"):
        return  # nothing to verify in this configuration
    rel = m["annotation"]["report"]
    shutil.copy(demo_run / rel, tmp_path / rel)
    v = annotation_view(str(tmp_path), m)
    assert v is not None and v["report_path"] == rel and v["annotators"]
    (tmp_path / rel).write_text((tmp_path / rel).read_text(encoding="utf-8") + " ", encoding="utf-8")
    v = annotation_view(str(tmp_path), m)
    assert v is not None and v["report_path"] is None and v["annotators"] == {}  # altered file ignored
    b = m["annotation"]["batches"]
    ids = sorted(b) if isinstance(b, dict) else [x["batch"] for x in b]
    assert [x["batch"] for x in v["batches"]] == ids


def test_rendering_is_deterministic(demo_run: Path) -> None:
    m = _manifest(demo_run)
    a = render_html(build_blocks(m, "zh"), "zh", "x")
    b = render_html(build_blocks(copy.deepcopy(m), "zh"), "zh", "x")
    assert a == b
