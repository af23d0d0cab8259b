"""dashboard.html and compare.html: numbers equal the manifest's, the drill-down sample is exactly the seeded sample
of the decisions table and PI-masked, the per-language views add up, diversity figures behave, failed gates say
contained/open with a fix, and --compare writes its own page."""

from __future__ import annotations

import copy
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from corpusgov.cli import main
from corpusgov.dashboard import SnippetMasker, build_compare_html, build_html, compare_rows, markup_residue
from corpusgov.dashboard.guidance import guidance
from corpusgov.dashboard.view import diversity_view
from corpusgov.drill import DRILL_PER_KEY, priority
from tests.lineage.test_report import PI_PATTERNS

PAYLOAD = '<script>alert("xss")</script>'


class Page(HTMLParser):
    """data-metric values (data-value attribute, else text), compare rows, and the tags used."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.text: dict[str, str] = {}
        self.changed: dict[str, str] = {}
        self.rows: dict[str, dict[str, str | None]] = {}
        self.tags: set[str] = set()
        self._open: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        a = dict(attrs)
        if a.get("data-metric"):
            k = a["data-metric"] or ""
            self._open.append((tag, k))
            self.text[k] = ""
            if a.get("data-value") is not None:
                self.values[k] = a["data-value"] or ""
        if a.get("data-compare") is not None:
            self.changed[a["data-compare"] or ""] = a.get("data-changed") or ""
        for key in ("data-row", "data-gate", "data-record", "data-pair"):
            if a.get(key):
                self.rows[f"{key}:{a[key]}"] = a

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for _, k in self._open:
            self.text[k] += data


def parse(text: str) -> Page:
    p = Page()
    p.feed(text)
    for k, v in p.text.items():
        p.values.setdefault(k, v)
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
    p = parse(page)
    v = p.values
    for k in ("read", "kept", "dropped", "deadlettered"):
        assert v[f"totals.{k}"] == str(m["totals"][k])
        assert p.text[f"totals.{k}"] == f"{m['totals'][k]:,}"  # shown with thousands separators
    for s in m["sources"]:
        for k in ("read", "kept", "dropped", "deadlettered"):
            assert v[f"source.{s['id']}.{k}"] == str(s["counts"][k])
    assert v["dedup.exact"] == str(m["dedup"]["exact_duplicates_dropped"])
    assert v["dedup.near"] == str(m["dedup"]["near_duplicates_dropped"])
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
    assert ann, "the demo config audits an annotation batch"
    assert v["annotation.status"] == ("passed" if ann["passed"] else "failed")
    batches = ann["batches"]
    items = batches.items() if isinstance(batches, dict) else [(b["batch"], b) for b in batches]
    for bid, b in items:
        acc = b["accuracy"] if isinstance(b["accuracy"], (int, float)) else b["accuracy"]["rate"]
        assert v[f"annotation.batch.{bid}.accuracy"] == f"{acc:.4f}"
    assert "Per annotator" in page and "Krippendorff" in page


def test_page_is_self_contained_and_scriptless(page: str) -> None:
    p = parse(page)
    assert not {"script", "img", "iframe", "link"} & p.tags
    assert not re.search(r"\ssrc\s*=", page, re.I)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(not re.match(r"[a-z]+:", h) for h in hrefs), hrefs  # relative links and anchors only
    assert "@import" not in page and "url(http" not in page
    assert "script-src 'none'" in page
    for rel in ("manifest.json", "report.zh.html", "expectations/data_docs/index.html"):
        assert f'href="{rel}"' in page
    assert "How far to trust these rules" in page


def test_planted_markup_is_escaped(page: str) -> None:
    assert PAYLOAD not in page
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in page  # Jinja2 autoescape


def test_template_escapes_every_manifest_string(demo_run: Path) -> None:
    m = _manifest(demo_run)
    m["run"]["name"] = PAYLOAD
    m["gates"][0] = {**m["gates"][0], "passed": False, "detail": PAYLOAD}
    html_text = build_html(str(demo_run), m, _metrics(demo_run))
    assert PAYLOAD not in html_text and "<script" not in html_text


def test_no_personal_information(demo_run: Path, page: str) -> None:
    for rx in PI_PATTERNS:
        assert not rx.search(page), rx.pattern
    samples = pq.read_table(demo_run / "drilldown" / "samples.parquet").to_pylist()
    for s in samples:
        for k in ("snippet", "rep_snippet"):
            for rx in PI_PATTERNS:
                assert not rx.search(s[k] or ""), (k, rx.pattern)
    with_pi = {r["record_id"] for r in ds.dataset(str(demo_run / "decisions")).to_table(
        columns=["record_id", "pii_count"]).to_pylist() if r["pii_count"]}
    sampled = [s for s in samples if s["record_id"] in with_pi]
    # masked, not removed: the snippet is centred on the first masked span
    assert sampled and all(re.search(r"<[A-Z_]+>", s["snippet"]) for s in sampled)


def _decisions(run: Path) -> list[dict[str, Any]]:
    cols = ["record_id", "source_id", "lang", "decision", "stage", "reasons", "dup_of", "dup_kind", "q_chars",
            "lang_score"]
    return ds.dataset(str(run / "decisions")).to_table(columns=cols).to_pylist()


def test_drill_sample_is_the_seeded_sample_of_the_decisions(demo_run: Path) -> None:
    """Each (stage, reason, source, language) holds the DRILL_PER_KEY records with the smallest seeded hash."""
    want: dict[tuple[str, str, str, str], list[str]] = {}
    for r in _decisions(demo_run):
        offered = r["reasons"][:1] if r["decision"] == "drop" else r["reasons"]
        for reason in offered:
            want.setdefault((r["stage"], reason, r["source_id"], r["lang"] or "und"), []).append(r["record_id"])
    got: dict[tuple[str, str, str, str], list[str]] = {}
    for s in pq.read_table(demo_run / "drilldown" / "samples.parquet").to_pylist():
        got.setdefault((s["stage"], s["reason"], s["source_id"], s["lang"]), []).append(s["record_id"])
    assert set(got) == set(want)
    for k, ids in want.items():
        assert sorted(got[k]) == sorted(sorted(ids, key=priority)[:DRILL_PER_KEY]), k


def test_drill_rows_explain_the_decision(demo_run: Path) -> None:
    dec = {r["record_id"]: r for r in _decisions(demo_run)}
    samples = pq.read_table(demo_run / "drilldown" / "samples.parquet").to_pylist()
    quality = [s for s in samples if s["reason"] == "quality:chars_min_unspaced"]
    assert quality
    for s in quality:  # the signal's value against the threshold it failed
        assert s["signal"] == "chars" and s["value"] == dec[s["record_id"]]["q_chars"]
        assert s["bound"] == "min" and s["value"] < s["threshold"]
    dups = [s for s in samples if s["reason"].startswith("duplicate:")]
    assert {s["dup_kind"] for s in dups} == {"exact", "near"}
    for s in dups:
        assert s["dup_of"] == dec[s["record_id"]]["dup_of"] and dec[s["dup_of"]]["decision"] == "keep"
        assert 0.0 < s["similarity"] <= 1.0 and s["rep_snippet"]
        assert s["similarity"] == 1.0 if s["dup_kind"] == "exact" else s["similarity"] < 1.0


def test_drill_section_shows_every_reason_with_its_samples(demo_run: Path, page: str) -> None:
    m = _manifest(demo_run)
    for r in list(m["totals"]["dropped_by_reason"]) + list(m["totals"]["flagged_by_reason"]):
        assert f'|{r}"' in page  # one <details data-reason="kind|reason"> per reason
    p = parse(page)
    for s in pq.read_table(demo_run / "drilldown" / "samples.parquet").to_pylist():
        assert f"data-record:{s['record_id']}" in p.rows
    assert "duplicate of" in page and "similarity" in page and "required" in page


def test_breakdown_adds_up_to_the_manifest(demo_run: Path, page: str) -> None:
    m = _manifest(demo_run)
    bd = pq.read_table(demo_run / "drilldown" / "breakdown.parquet").to_pylist()
    main_rows = [r for r in bd if not r["outcome"].startswith("flag:")]
    for s in m["sources"]:
        c = s["counts"]
        assert sum(r["records"] for r in main_rows if r["source_id"] == s["id"]) == c["read"] - c["deadlettered"]
        assert sum(r["records"] for r in main_rows if r["source_id"] == s["id"] and r["outcome"] == "kept") == c["kept"]
    for lang, v in m["scale"]["by_language"].items():
        kept = [r for r in main_rows if r["lang"] == lang and r["outcome"] == "kept"]
        assert sum(r["tokens"] for r in kept) == v["est_tokens"]
    p = parse(page)
    assert any(k.startswith("data-pair:spam_crawl|") for k in p.rows)
    assert 'data-table="reason-language"' in page


def test_histograms_split_kept_and_dropped_per_language(demo_run: Path) -> None:
    h = pq.read_table(demo_run / "drilldown" / "histograms.parquet").to_pylist()
    sig = _metrics(demo_run)["quality"]["signals"]
    for name in ("chars", "alpha_frac"):
        assert sum(r["records"] for r in h if r["signal"] == name) == sig[name]["count"]
    assert {r["stage"] for r in h} >= {"kept", "source_gate"}
    assert len({r["lang"] for r in h}) >= 2


def _div_manifest(dists: list[dict[str, dict[str, int]]], n_sources: int, allowed: list[str]) -> dict[str, Any]:
    return {"diversity": {"stages": [{"stage": f"s{i}", "records": sum(d["language"].values()), "distributions": d}
                                     for i, d in enumerate(dists)]},
            "config": {"policy": {"language": {"allowed": allowed}}},
            "sources": [{"id": f"src{i}"} for i in range(n_sources)]}


def test_diversity_is_not_raised_by_losing_a_rare_category() -> None:
    class NoCharts:
        ok = False

        def draw(self, *_: Any) -> str:
            return ""

    before = {"language": {"zh-Hans": 1847, "en": 1000, "cy": 1}, "source": {"a": 1848, "b": 1000},
              "domain": {"x": 2848}, "acquisition": {"y": 2848}}
    strict = {"language": {"zh-Hans": 846, "en": 1000}, "source": {"a": 846, "b": 1000},
              "domain": {"x": 1846}, "acquisition": {"y": 1846}}
    gone = {"language": {"en": 1000}, "source": {"b": 1000}, "domain": {"x": 1000}, "acquisition": {"y": 1000}}
    v = diversity_view(NoCharts(), _div_manifest([before, strict, gone], 3, ["zh", "en"]))  # type: ignore[arg-type]
    r0, r1, r2 = v["rows"]
    # Dropping the one Welsh record and balancing zh/en: the effective number tells the truth (about 2 both
    # times), whereas entropy normalised by the categories seen jumps from ~0.6 to ~1.
    assert 1.9 < r0["eff"]["language"] < 2.05 and 1.9 < r1["eff"]["language"] < 2.0
    assert r2["eff"]["source"] == pytest.approx(1.0)
    # Over the fixed set (3 registered sources) evenness falls when a whole source is lost.
    assert r2["even"]["source"] == pytest.approx(0.0) and r0["even"]["source"] > 0.5
    assert v["fixed"] == {"source": 3, "language": 3}


def test_failed_gates_say_contained_or_open_with_a_fix(demo_run: Path, page: str) -> None:
    m = _manifest(demo_run)
    failed = {g["name"]: g for g in m["gates"] if not g["passed"]}
    ev = failed["source_evidence:vendor_docs"]
    assert guidance(ev, m)["status"] == "contained"  # the source is rejected: none of its records is kept
    ex = next(g for n, g in failed.items() if n.startswith("expectation:"))
    gd = guidance(ex, m)
    assert gd["status"] == "open" and gd["evidence"] == "expectations/data_docs/index.html" and gd["hint"]
    p = parse(page)
    for n in failed:
        assert p.rows[f"data-gate:{n}"]["data-gate-status"] in ("open", "contained")
    assert "kept_share:source:zh_forum" in page and "still open" in page


def test_cli_regenerates_the_same_page(demo_run: Path, page: str) -> None:
    assert main(["dashboard", str(demo_run)]) == 0
    assert (demo_run / "dashboard.html").read_text(encoding="utf-8") == page  # deterministic


def _older_stricter(m: dict[str, Any]) -> dict[str, Any]:
    prev = copy.deepcopy(m)
    prev["run"]["run_id"] = "00000000-0000-4000-8000-000000000000"
    prev["run"]["finished_at"] = "2000-01-01T00:00:00.000000Z"
    s0 = prev["sources"][0]
    s0["counts"]["kept"] = 2 * s0["counts"]["kept"]  # this run keeps half of it: a regression
    prev["totals"]["kept"] += m["sources"][0]["counts"]["kept"]
    prev["config"]["policy"]["dedup"]["threshold"] = 0.9
    g = next(g for g in prev["gates"] if not g["passed"] and not g["name"].startswith("source_"))
    g["passed"] = True  # passed before, fails now
    prev["type"]["languages"] = {**prev["type"]["languages"], "en": prev["type"]["languages"]["en"] * 3}
    return prev


def test_compare_page(demo_run: Path) -> None:
    m = _manifest(demo_run)
    prev = _older_stricter(m)
    html_text = build_compare_html(m, prev, "older-run")
    p = parse(html_text)
    assert html_text.index('data-table="policy"') < html_text.index('data-table="headline"')  # policy diff first
    assert p.changed["policy|dedup.threshold"] == "1"
    assert p.values["compare.newer"] == "this"
    s0 = m["sources"][0]["id"]
    assert p.rows[f"data-row:sources|{s0}"]["data-passed"] == "0"  # kept halved: -50% > 25% allowed
    assert "-50.0%" in html_text
    assert p.rows["data-row:languages|en"]["data-passed"] == "0"
    g = next(g for g in prev["gates"] if g["passed"] and not next(x for x in m["gates"] if x["name"] == g["name"])["passed"])
    assert f'data-compare="gate|{g["name"]}" data-changed="1" data-kind="regression"' in html_text
    n_changed = sum(1 for _, _, a, b in compare_rows(m, prev) if a != b)
    assert p.values["compare.changed"] == str(n_changed)
    for rx in PI_PATTERNS:
        assert not rx.search(html_text)


def test_cli_compare_writes_its_own_page(demo_run: Path, tmp_path: Path) -> None:
    before = (demo_run / "dashboard.html").read_bytes()
    other = tmp_path / "other"
    other.mkdir()
    (other / "manifest.json").write_text(json.dumps(_older_stricter(_manifest(demo_run))), encoding="utf-8")
    assert main(["dashboard", str(demo_run), "--compare", str(other)]) == 0
    assert (demo_run / "dashboard.html").read_bytes() == before
    assert 'data-kind="regression"' in (demo_run / "compare.html").read_text(encoding="utf-8")
    (demo_run / "compare.html").unlink()
    assert main(["dashboard", str(demo_run)]) == 0  # leave the run as the other tests found it


def test_markup_residue_is_bounded_and_masked(demo_run: Path) -> None:
    mask = SnippetMasker(_manifest(demo_run)["config"]["policy"]["pii"])
    found, scanned = markup_residue(str(demo_run), mask, n=1, max_rows=50)
    assert scanned <= 50 and len(found) <= 1
    found, _ = markup_residue(str(demo_run), mask)
    assert any(PAYLOAD in x["snippet"] and x["source_id"] == "en_news" for x in found)
    raw = "联系 13812345678 或 zhang.san@163.com，身份证 11010519491231002X。"
    out = mask(raw, "zh-Hans")
    assert "<CN_MOBILE>" in out and "<EMAIL_ADDRESS>" in out
    for rx in PI_PATTERNS:
        assert not rx.search(out)


def test_charts_drawn_without_matplotlib(demo_run: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The charts are hand-written SVG: the page draws every one of them with matplotlib unimportable."""
    for mod in ("matplotlib", "matplotlib.figure", "matplotlib.ticker"):
        monkeypatch.setitem(sys.modules, mod, None)
    m = _manifest(demo_run)
    html_text = build_html(str(demo_run), m, _metrics(demo_run))
    figures = re.findall(r'<figure class="chart" role="img" aria-label="([^"]+)"><svg [^>]*viewBox="0 0 [0-9.]+ [0-9.]+"',
                         html_text)
    assert len(figures) >= 6, figures
    assert "records per source: kept, dropped by reason category, dead-lettered" in figures
    assert parse(html_text).values["totals.kept"] == str(m["totals"]["kept"])
    # every source's kept / read label is drawn in the sources chart
    chart = html_text.split('aria-label="records per source', 1)[1].split("</figure>", 1)[0]
    for s in m["sources"]:
        c = s["counts"]
        assert f">{s['id']}</text>" in chart
        assert f">{c['kept']:,} / {c['read'] + c['deadlettered']:,}</text>" in chart


