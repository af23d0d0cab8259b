"""dashboard.html: numbers equal the manifest's, the page is self-contained and escaped, drill-downs show
text only from kept (masked) records and read a bounded number of rows, and --compare highlights changes."""

from __future__ import annotations

import copy
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pytest
import yaml

from corpusgov.cli import main
from corpusgov.dashboard import (
    SnippetMasker,
    build_html,
    compare_rows,
    kept_snippets,
    markup_residue,
    sample_reasons,
)
from tests.lineage.test_report import PI_PATTERNS

REPO = Path(__file__).resolve().parent.parent
PAYLOAD = '<script>alert("xss")</script>'


class Metrics(HTMLParser):
    """Text of every element carrying data-metric, and of every compare row's data attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.changed: dict[str, str] = {}
        self._open: list[tuple[str, str]] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        a = dict(attrs)
        if a.get("data-metric"):
            self._open.append((tag, a["data-metric"] or ""))
            self.values[a["data-metric"] or ""] = ""
        if a.get("data-compare") is not None:
            self.changed[a["data-compare"] or ""] = a.get("data-changed") or ""

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for _, k in self._open:
            self.values[k] += data


def parse(html_text: str) -> Metrics:
    p = Metrics()
    p.feed(html_text)
    return p


def _manifest(run: Path) -> dict[str, Any]:
    return json.loads((run / "manifest.json").read_text(encoding="utf-8"))


def _metrics(run: Path) -> dict[str, Any]:
    return json.loads((run / "metrics.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page(demo_run: Path) -> str:
    return (demo_run / "dashboard.html").read_text(encoding="utf-8")


def test_key_numbers_equal_the_manifest(demo_run: Path, page: str) -> None:
    m = _manifest(demo_run)
    v = parse(page).values
    for k in ("read", "kept", "dropped", "deadlettered"):
        assert v[f"totals.{k}"] == str(m["totals"][k])
    for s in m["sources"]:
        for k in ("read", "kept", "dropped", "deadlettered"):
            assert v[f"source.{s['id']}.{k}"] == str(s["counts"][k])
    assert v["dedup.exact"] == str(m["dedup"]["exact_duplicates_dropped"])
    assert v["dedup.near"] == str(m["dedup"]["near_duplicates_dropped"])
    assert v["dedup.clusters"] == str(m["dedup"]["clusters"])
    assert v["pii.findings"] == str(sum(sum(d.values()) for d in m["pii"]["counts_by_source"].values()))
    failed = [g for g in m["gates"] if not g["passed"]]
    assert v["gates.failed"] == str(len(failed))
    status = "fail" if any(g["critical"] for g in failed) else ("warn" if failed else "pass")
    assert f'data-status="{status}"' in page
    assert v["merkle.corpus_root"] == m["outputs"]["merkle"]["corpus_root"]


def test_annotation_accuracy_per_batch(demo_run: Path, page: str) -> None:
    m = _manifest(demo_run)
    v = parse(page).values
    ann = m.get("annotation")
    if not ann:
        assert v["annotation.status"] == "not available"
        return
    assert v["annotation.status"] == ("passed" if ann["passed"] else "failed")
    batches = ann["batches"]
    items = batches.items() if isinstance(batches, dict) else [(b["batch"], b) for b in batches]
    for bid, b in items:
        acc = b["accuracy"] if isinstance(b["accuracy"], (int, float)) else b["accuracy"]["rate"]
        assert v[f"annotation.batch.{bid}.accuracy"] == f"{acc:.4f}"
    assert "Per annotator" in page and "Krippendorff" in page


def test_page_is_self_contained_and_scriptless(page: str) -> None:
    p = parse(page)
    assert "script" not in p.tags and "img" not in p.tags and "iframe" not in p.tags and "link" not in p.tags
    assert not re.search(r"\ssrc\s*=", page, re.I)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(not re.match(r"[a-z]+:", h) for h in hrefs), hrefs  # relative links and anchors only
    assert "@import" not in page and "url(http" not in page
    assert "script-src 'none'" in page  # CSP: a second line of defence
    for rel in ("manifest.json", "report.zh.html", "report.en.html", "expectations/data_docs/index.html",
                "openlineage.jsonl", "croissant.json"):
        assert f'href="{rel}"' in page


def test_planted_markup_is_escaped(page: str) -> None:
    assert PAYLOAD not in page
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in page


def test_no_personal_information(page: str) -> None:
    for rx in PI_PATTERNS:
        assert not rx.search(page), rx.pattern


def test_snippets_come_only_from_kept_records(demo_run: Path) -> None:
    m = _manifest(demo_run)
    keys = ([("drop", r) for r in m["totals"]["dropped_by_reason"]]
            + [("keep", r) for r in m["totals"]["flagged_by_reason"]])
    samples = sample_reasons(str(demo_run), keys, n=3)
    dec = ds.dataset(str(demo_run / "decisions")).to_table(columns=["record_id", "decision", "reasons"]).to_pylist()
    by_id = {r["record_id"]: r for r in dec}
    counts = {**{("drop", r): v for r, v in m["totals"]["dropped_by_reason"].items()},
              **{("keep", r): v for r, v in m["totals"]["flagged_by_reason"].items()}}
    for (d, r), rows in samples.items():
        assert len(rows) == min(3, counts[(d, r)]), (d, r)  # as many as the manifest counts, up to n
        for x in rows:
            assert r in by_id[x["record_id"]]["reasons"] and by_id[x["record_id"]]["decision"] == d == x["decision"]
    dropped = {x["record_id"] for v in samples.values() for x in v if x["decision"] == "drop"}
    kept = {x["record_id"] for v in samples.values() for x in v if x["decision"] == "keep"}
    assert dropped and kept
    snips = kept_snippets(str(demo_run), kept | dropped, lambda t, lang=None: t.upper())
    assert set(snips) == kept  # dropped records are not in the kept corpus, so they never get text
    assert all(v == v.upper() for v in snips.values())  # every text went through the masker


def test_reading_is_bounded(demo_run: Path) -> None:
    m = _manifest(demo_run)
    keys = [("drop", r) for r in m["totals"]["dropped_by_reason"]]
    few = sample_reasons(str(demo_run), keys, n=2, max_rows=10)
    assert sum(len(v) for v in few.values()) <= 10
    assert all(len(v) <= 2 for v in few.values())
    mask = SnippetMasker(m)
    found, scanned = markup_residue(str(demo_run), mask, n=1, max_rows=50)
    assert scanned <= 50 and len(found) <= 1
    found, _ = markup_residue(str(demo_run), mask)
    assert any(PAYLOAD in x["snippet"] and x["source_id"] == "en_news" for x in found)


def test_snippets_are_masked_even_when_policy_keeps_pi(demo_run: Path) -> None:
    """A source whose legal basis allows `keep` leaves identifiers in the corpus; snippets mask them anyway."""
    m = copy.deepcopy(_manifest(demo_run))
    m["config"]["policy"]["pii"]["enabled"] = False  # even a run that did not scan
    mask = SnippetMasker(m)
    raw = "联系 13812345678 或 zhang.san@163.com，身份证 11010519491231002X。"
    out = mask(raw, "zh-Hans")
    for rx in PI_PATTERNS:
        assert not rx.search(out), (rx.pattern, out)
    assert "<CN_MOBILE>" in out and "<EMAIL_ADDRESS>" in out


def test_cli_regenerates_the_same_page(demo_run: Path, page: str) -> None:
    assert main(["dashboard", str(demo_run)]) == 0
    assert (demo_run / "dashboard.html").read_text(encoding="utf-8") == page  # deterministic


def test_compare_highlights_what_changed_and_absent_annotation(demo_run: Path) -> None:
    """One page build (charts take seconds) checks both the comparison and a manifest without annotation."""
    m = _manifest(demo_run)
    prev = copy.deepcopy(m)
    prev["run"]["run_id"] = "00000000-0000-4000-8000-000000000000"
    s0 = prev["sources"][0]
    s0["counts"]["kept"] += 5
    s0["counts"]["dropped_by_reason"]["duplicate:near"] = s0["counts"]["dropped_by_reason"].get("duplicate:near", 0) + 9
    prev["dedup"]["near_duplicates_dropped"] += 9
    prev["config"]["policy"]["dedup"]["threshold"] = 0.9
    prev["gates"][0]["passed"] = not prev["gates"][0]["passed"]
    m["annotation"] = None
    prev["annotation"] = None
    html_text = build_html(str(demo_run), m, _metrics(demo_run), prev, "previous-run")
    assert parse(html_text).values["annotation.status"] == "not available"
    ch = parse(html_text).changed
    assert ch[f"{s0['id']}|kept"] == "1"
    assert ch[f"{s0['id']}|dropped:duplicate:near"] == "1"
    assert ch["dedup|near_duplicates_dropped"] == "1"
    assert ch["policy|dedup.threshold"] == "1"
    assert ch[f"gate|{m['gates'][0]['name']}"] == "1"
    assert ch[f"{s0['id']}|read"] == "0" and ch["total|read"] == "0"
    n_changed = sum(1 for _, _, a, b in compare_rows(m, prev) if a != b)
    assert parse(html_text).values["compare.changed"] == str(n_changed) and n_changed == 5


@pytest.mark.slow
def test_compare_two_real_runs_with_different_policies(demo_run: Path, tmp_path: Path) -> None:
    """A second demo run with a stricter dedup threshold and a looser screening gate, compared via the CLI."""
    demo = REPO / "configs" / "demo"
    pol = yaml.safe_load((demo / "policy.yaml").read_text(encoding="utf-8"))
    pol["dedup"]["threshold"] = 0.9
    pol["screening"]["max_hit_rate"] = 0.5
    pol["screening"]["lexicon"] = str(demo / pol["screening"]["lexicon"])
    (tmp_path / "policy.yaml").write_text(yaml.safe_dump(pol, allow_unicode=True), encoding="utf-8")
    run = yaml.safe_load((demo / "corpusgov.yaml").read_text(encoding="utf-8"))
    run.update(registry=str(demo / run["registry"]), policy="policy.yaml",
               input_roots=[str(demo / r) for r in run.get("input_roots", ["."])])
    if run.get("annotation"):
        run["annotation"] = str(demo / run["annotation"])
    (tmp_path / "corpusgov.yaml").write_text(yaml.safe_dump(run), encoding="utf-8")
    out = tmp_path / "run2"
    assert main(["--quiet", "run", "--config", str(tmp_path / "corpusgov.yaml"), "--out", str(out)]) in (0, 3)
    assert main(["dashboard", str(out), "--compare", str(demo_run)]) == 0
    ch = parse((out / "dashboard.html").read_text(encoding="utf-8")).changed
    assert ch["policy|dedup.threshold"] == "1" and ch["policy|screening.max_hit_rate"] == "1"
    assert ch["spam_crawl|status"] == "1"  # rejected before, accepted under the looser gate
    assert ch["dedup|near_duplicates_dropped"] == "1"


def test_tables_render_without_matplotlib(demo_run: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """matplotlib is optional at run time: without it every table and number is still there."""
    for mod in ("matplotlib", "matplotlib.figure", "matplotlib.ticker"):
        monkeypatch.setitem(sys.modules, mod, None)
    m = _manifest(demo_run)
    html_text = build_html(str(demo_run), m, _metrics(demo_run))
    assert "Chart not drawn: matplotlib is not installed." in html_text and "<svg" not in html_text
    assert parse(html_text).values["totals.kept"] == str(m["totals"]["kept"])
