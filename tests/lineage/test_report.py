"""Regulator reports: every number in their tables is the manifest's (parsed back), zh and en agree, the
Chinese filing carries no English codes outside parentheses, HTML is escaped and self-contained, and no
personal information appears."""

from __future__ import annotations

import copy
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from corpusgov.lineage.glossary import CATEGORIES, SENSITIVE_PI, UNDETECTED_SENSITIVE, glossary_markdown
from corpusgov.lineage.report import (
    CSS,
    annotation_view,
    beijing_time,
    build_blocks,
    build_eu_blocks,
    render_html,
    render_markdown,
    taxonomy_gaps,
    write_reports,
)

REPO = Path(__file__).resolve().parents[2]
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


def code_of(cell: str) -> str:
    """The code in a "中文（code）" cell (the last parenthesised part), else the cell."""
    m = re.search(r"[（(]([^（）()]+)[）)]$", cell)
    return m.group(1) if m else cell


def pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.2f}%" if whole else "—"


def _attributes(html_text: str) -> set[str]:
    names: set[str] = set()

    class P(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            names.update(k for k, _ in attrs)

    P().feed(html_text)
    return names


def _tables(run: Path, lang: str) -> dict[str, list[list[str]]]:
    return md_tables((run / f"report.{lang}.md").read_text(encoding="utf-8"))


def test_reports_are_written_and_the_eu_summary_is_its_own_file(demo_run: Path) -> None:
    for lang in ("zh", "en", "eu"):
        for ext in ("md", "html"):
            assert (demo_run / f"report.{lang}.{ext}").stat().st_size > 2000
    zh, eu = _tables(demo_run, "zh"), _tables(demo_run, "eu")
    assert not [n for n in zh if n.startswith("eu_")]
    assert {"eu_general", "eu_optout", "eu_illegal", "eu_other"} <= eu.keys()


def test_source_tables_equal_the_manifest(demo_run: Path) -> None:
    m = _manifest(demo_run)
    t = m["totals"]
    for lang in ("zh", "en"):
        tb = _tables(demo_run, lang)
        src = {r[0]: r for r in tb["sources"][1:]}
        for s in m["sources"]:
            c = s["counts"]
            assert src[s["id"]][2:8] == [str(c["read"]), str(c["kept"]), str(c["dropped"]), str(c["deadlettered"]),
                                         str(len(s["files"])), str(sum(f["bytes"] for f in s["files"]))]
        assert tb["sources"][-1][2:6] == [str(t["read"]), str(t["kept"]), str(t["dropped"]), str(t["deadlettered"])]
        summary = [r[1] for r in tb["summary"][1:]]
        assert summary[:4] == [str(t["read"]), str(t["kept"]), str(t["dropped"]), str(t["deadlettered"])]
        reasons = {(r[0], code_of(r[2])): r[3] for r in tb["source_reasons"][1:]}
        for s in m["sources"]:
            c = s["counts"]
            for d in (c["dropped_by_reason"], c["flagged_by_reason"], c.get("deadlettered_by_reason") or {}):
                for k, v in d.items():
                    assert reasons[(s["id"], k)] == str(v), (s["id"], k)
        scr = {r[0]: r for r in tb["screening"][1:]}
        for s in m["sources"]:
            sc = s["screening"]
            assert scr[s["id"]][1:4] == [str(sc["records"]), str(sc["hits"]), pct(sc["hits"], sc["records"])]
        # 境内/境外 split: sources and kept records per declared region
        regions = {r[0]: r for r in tb["region_split"][1:]}
        for code, zh_label, en_label in (("domestic", "境内", "domestic (China)"), ("overseas", "境外", "overseas")):
            group = [s for s in m["sources"] if s["registry_entry"].get("origin_region") == code]
            row = regions[zh_label if lang == "zh" else en_label]
            kept = sum(s["counts"]["kept"] for s in group)
            assert row[1] == str(len(group)) and row[3] == str(kept) and row[4] == pct(kept, t["kept"])
        shares = {r[0]: r for r in tb["share_by_source"][1:]}
        for s in m["sources"]:
            assert shares[s["id"]][1:3] == [str(s["counts"]["kept"]), pct(s["counts"]["kept"], t["kept"])]
        langs = {code_of(r[0]): r for r in tb["share_by_language"][1:]}
        for k, v in m["scale"]["by_language"].items():
            assert langs[k][1:3] == [str(v["records"]), pct(v["records"], t["kept"])]


def test_provider_version_and_beijing_time_come_from_the_manifest(demo_run: Path) -> None:
    m = _manifest(demo_run)
    info = {r[0]: r[1] for r in _tables(demo_run, "zh")["report_info"][1:]}
    pv = m["config"]["provider"]
    assert pv and all(pv.values())
    assert [info["提供者名称"], info["安全责任人"], info["联系方式"], info["知识产权负责人"]] == [
        pv["name"], pv["responsible_person"], pv["contact"], pv["ip_responsible_person"]]
    assert info["报告版本"].startswith(f"第 {m['chain']['version']} 版")
    assert info["语料处理完成时间"] == beijing_time(m["run"]["finished_at"], "zh")
    assert beijing_time("2026-12-04T21:40:47.1Z", "zh") == "2026年12月5日 05:40（北京时间）"


def test_content_tables_equal_the_manifest(demo_run: Path) -> None:
    m = _manifest(demo_run)
    t = m["totals"]
    for lang in ("zh", "en"):
        tb = _tables(demo_run, lang)
        for name, key in (("scale_by_source", "by_source"), ("scale_by_language", "by_language"),
                          ("scale_by_modality", "by_modality")):
            rows = {code_of(r[0]): r[1:] for r in tb[name][1:]}
            for k, v in m["scale"][key].items():
                assert rows[k] == [str(v["records"]), pct(v["records"], t["kept"]), str(v["chars"]), str(v["bytes"]),
                                   str(v["est_tokens"])], (name, k)
        steps = tb["steps"][1:]
        assert [code_of(r[0]) for r in steps] == [s["name"] for s in m["steps"]]
        for r, s in zip(steps, m["steps"], strict=True):
            assert r[1:4] == [str(s["records_in"]), str(s["records_out"]), str(s["records_in"] - s["records_out"])]
            assert sum(int(x) for x in re.findall(r" (\d+)(?:；|; |$)", r[4])) == sum(s["dropped_by_reason"].values())
        pii = {(r[0], code_of(r[1])): r[3] for r in tb["pii_types"][1:]}
        assert pii == {(s, k): str(v) for s, d in m["pii"]["counts_by_source"].items() for k, v in d.items()}
        sens = {code_of(r[0]): r[1] for r in tb["pii_sensitive"][1:]}
        want: dict[str, int] = {}
        for d in m["pii"]["counts_by_source"].values():
            for k, v in d.items():
                if k in SENSITIVE_PI:
                    want[k] = want.get(k, 0) + v
        assert want and sens == {k: str(v) for k, v in want.items()}  # the demo plants resident IDs and bank cards
        cr = {(r[0], code_of(r[1])): r[2] for r in tb["copyright_classes"][1:]}
        assert cr == {(s, k): str(v) for s, d in m["copyright"]["counts_by_source"].items() for k, v in d.items()}
        by_src = {s["id"]: s["counts"] for s in m["sources"]}
        for r in tb["copyright_conflicts"][1:]:
            code = code_of(r[1])
            assert r[2] == str(m["copyright"]["conflicts_by_source"][r[0]][code])
            assert r[4] == str(by_src[r[0]]["dropped_by_reason"].get(code, 0))
            assert r[5] == str(by_src[r[0]]["flagged_by_reason"].get(code, 0))  # the 23-vs-19 pair, both labelled
        failed: dict[str, int] = {}
        for d in m["quality"]["rule_counts_by_source"].values():
            for k, v in d.items():
                failed[k] = failed.get(k, 0) + v
        q = {code_of(r[0]): r for r in tb["quality_rules"][1:]}
        assert set(q) == set(failed)
        for k, v in failed.items():
            assert q[k][3:6] == [str(v), str(t["dropped_by_reason"].get(f"quality:{k}", 0)),
                                 str(t["flagged_by_reason"].get(f"quality:{k}", 0))]
        dedup = {r[0]: r[1] for r in tb["dedup"][1:]}
        assert str(m["dedup"]["exact_duplicates_dropped"]) in dedup.values()
        assert str(m["dedup"]["near_duplicates_dropped"]) in dedup.values()
        assert len(tb["gates"]) - 1 == len(m["gates"])
        integ = [r[1] for r in tb["integrity"][1:]]
        assert m["outputs"]["merkle"]["corpus_root"] in integ and str(len(m["outputs"]["files"])) in integ


def test_a_policy_that_keeps_sensitive_pi_says_so(demo_run: Path) -> None:
    m = copy.deepcopy(_manifest(demo_run))
    m["config"]["policy"]["pii"]["actions"]["consent"] = {"*": "keep"}
    m["pii"]["counts_by_source"].setdefault("user_feedback", {})["CN_RESIDENT_ID"] = 1
    text = render_markdown(build_blocks(m, "zh"))
    assert "语料中的个人信息均已掩码替换或整条剔除" not in text
    assert "策略对以下情形保留原文：合法性基础为「取得个人同意」的全部个人信息" in text
    row = next(r for r in md_tables(text)["pii_consent"][1:] if r[0] == "user_feedback")
    assert row[2] == "1" and row[4] == "保留原文，须有单独同意"


def test_limits_list_flagged_but_kept_records_and_undetectable_types(demo_run: Path) -> None:
    m = _manifest(demo_run)
    fr = m["totals"]["flagged_by_reason"]
    text = (demo_run / "report.zh.md").read_text(encoding="utf-8")
    limits = text.split("## 六、局限与说明", 1)[1].split("\n## ", 1)[0]
    q = sum(v for k, v in fr.items() if k.startswith("quality:"))
    c = sum(v for k, v in fr.items() if k.startswith("copyright:"))
    assert f"质量规则标记 {q} 个" in limits and f"知识产权冲突标记 {c} 个" in limits
    for zh, _ in UNDETECTED_SENSITIVE:
        assert zh in limits
    terms = max(s["screening"]["lexicon_terms"] for s in m["sources"])
    assert f"关键词库仅 {terms} 个词条" in limits  # the demo lexicon is far below TC260-003's 10,000
    assert "尚未完成 TC260-003 第 9.2 条的人工抽检验收" in limits


def test_annotation_section_matches_the_audit(demo_run: Path) -> None:
    m = _manifest(demo_run)
    ann = m.get("annotation")
    tb = _tables(demo_run, "zh")
    if not ann:
        assert "annotation_batches" not in tb
        return
    rows = {r[0]: r for r in tb["annotation_batches"][1:]}
    batches = ann["batches"]
    items = batches.items() if isinstance(batches, dict) else [(b["batch"], b) for b in batches]
    for bid, b in items:
        acc = b["accuracy"] if isinstance(b["accuracy"], (int, float)) else b["accuracy"]["rate"]
        assert rows[bid][4].startswith(f"{acc:.4f}")
    assert {r[7] for r in tb["annotation_rules"][1:]} == {f["sha256"] for f in ann["rules_files"]}
    audit = json.loads((demo_run / ann["report"]).read_text(encoding="utf-8"))
    pe = audit["personnel"]
    prow = [r[1] for r in tb["annotation_personnel"][1:]]
    assert prow[:4] == [str(pe["roster"]), str(pe["annotators"]), str(pe["reviewers"]), str(pe["trained"])]
    gaps = sorted({r for f in audit["findings"] if f["code"] == "rules:safety_taxonomy_gap" for r in f["risk_ids"]})
    assert gaps == ["A.3.2", "A.5.1", "A.5.2"]  # planted in the demo's safety rules
    assert [r[0] for r in tb["taxonomy_gaps"][1:]] == gaps
    assert taxonomy_gaps(annotation_view(str(demo_run), m) or {}) == gaps
    labels = {(r[0], r[1]): r for r in tb["annotation_labels"][1:]}
    assert labels[("review_sentiment", "neutral")][3] == "0"  # the planted label without a negative example
    findings = {code_of(r[0]): r[1] for r in tb["annotation_findings"][1:]}
    assert findings == {k: str(v) for k, v in ann["findings_by_code"].items()}


def test_zh_and_en_carry_the_same_numbers(demo_run: Path) -> None:
    zh, en = _tables(demo_run, "zh"), _tables(demo_run, "en")
    assert zh.keys() == en.keys()
    num = re.compile(r"^-?\d+(\.\d+)?%?$")
    for name in en:
        a = [[c for c in r if num.match(c)] for r in zh[name][1:]]
        b = [[c for c in r if num.match(c)] for r in en[name][1:]]
        assert a == b, name


# Columns that hold identifiers or quoted user text (source ids and titles, licences, paths, hashes, rule text).
_ID_HEADERS = {"来源编号", "来源名称", "许可", "文件或编号", "SHA-256", "规则文件", "任务", "标签", "目标（原文）",
               "数据格式（原文）", "标注方法（原文）", "批次", "标注员编号", "文件", "内容", "所在来源", "同意或授权证明",
               "适用批次", "版本", "评测集"}
_PROSE_OK = {"TC260", "GB", "JSON", "JSONL", "Parquet", "CSV", "UTF", "SHA", "HMAC", "MinHash", "Apache", "Beam",
             "RFC", "Gopher", "C4", "FineWeb", "corpusgov", "sample", "accept", "verify", "make", "eval", "manifest",
             "json", "docs", "glossary", "md", "IP", "Python"}


def _strip_parens(s: str) -> str:
    prev = None
    while prev != s:
        prev, s = s, re.sub(r"（[^（）]*）|\([^()]*\)", "", s)
    return s


def _codes() -> set[str]:
    """Glossary codes that read as English words or machine codes (bare, they would be untranslated)."""
    out = set()
    for cat, (_, _, table) in CATEGORIES.items():
        if cat in ("risk", "language", "domain", "modality"):
            continue
        out |= {k for k in table if len(k) >= 4 and re.fullmatch(r"[a-z_:]+", k)}
    return out


def test_chinese_filing_has_no_english_codes_or_fragments(demo_run: Path, tmp_path: Path) -> None:
    from corpusgov.cli import main

    run = tmp_path / "run"
    shutil.copytree(demo_run, run)
    assert main(["sample", str(run), "--size", "50"]) == 0
    assert main(["accept", str(run), str(_verdicts(run, tmp_path, fails=2))]) == 3
    m = _manifest(run)
    codes = _codes()
    blocks = build_blocks(m, "zh", None, None, annotation_view(str(run), m))
    for blk in blocks:
        if blk[0] == "table":
            _, name, head, rows = blk
            for h in head:
                assert not re.search(r"[A-Za-z]{3,}", _strip_parens(h).replace("SHA-256", "")), (name, h)
            cols = [i for i, h in enumerate(head) if h not in _ID_HEADERS]
            texts = [str(r[i]) for r in rows for i in cols]
        else:
            texts = [blk[1]] if isinstance(blk[1], str) else list(blk[1])
            for x in texts:
                for w in re.findall(r"[A-Za-z][A-Za-z0-9_./-]*", _strip_parens(x)):
                    if sum(c.isalpha() for c in w) < 2:
                        continue  # 附录 A, A.3.2
                    ok = w.split(".")[0].split("-")[0] in _PROSE_OK or "_" in w or "/" in w or w in m["run"]["name"]
                    assert ok, (blk[0], w, x[:80])
        for x in texts:
            tokens = re.findall(r"[A-Za-z0-9_:./-]+", _strip_parens(x))
            bare = {w for w in tokens if "." not in w and "/" not in w} & codes  # file names are not codes
            assert not bare, (blk[:2], bare, x[:80])


def test_every_code_of_the_demo_is_in_the_glossary(demo_run: Path) -> None:
    """An unknown code renders as "类别（code）": none may appear in the demo's Chinese filing."""
    text = (demo_run / "report.zh.md").read_text(encoding="utf-8")
    cells = [c.strip() for line in text.splitlines() if line.startswith("|") for c in line.split("|")]
    cells += [x for line in text.splitlines() for x in re.split(r"[，、；：]", line)]
    for heading, _, _ in CATEGORIES.values():
        assert not [c for c in cells if c.startswith(f"{heading}（")], heading


def test_html_tables_do_not_collapse_to_one_character_per_line(demo_run: Path) -> None:
    """Chinese text may break between any two characters, so a squeezed column shows one character per line.
    Cells keep a minimum width, headers and numbers never wrap, wide tables scroll, and tables stay narrow."""
    assert re.search(r"th,td\{[^}]*min-width:\s*4\.5em", CSS) and re.search(r"th\{[^}]*white-space:nowrap", CSS)
    assert "word-break:break-word" not in CSS and "overflow-x:auto" in CSS
    h = (demo_run / "report.zh.html").read_text(encoding="utf-8")
    assert h.count('<div class="t"><table') == h.count("<table")
    for name, rows in _tables(demo_run, "zh").items():
        assert len(rows[0]) <= 8, name


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
    for lang in ("zh", "en", "eu"):
        h = (tmp_path / f"report.{lang}.html").read_text(encoding="utf-8")
        assert "<script" not in h.lower() and "<img" not in h.lower()
        assert not _attributes(h) & {"src", "href", "srcset", "action"}  # nothing to load, nothing to follow
        assert "@import" not in h and "url(" not in h
        md = (tmp_path / f"report.{lang}.md").read_text(encoding="utf-8")
        assert "<script" not in md and "<img" not in md
    h = (tmp_path / "report.zh.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in h
    rows = md_tables((tmp_path / "report.zh.md").read_text(encoding="utf-8"))["source_basis"]
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
    assert v is not None and v["report_path"] == rel and v["annotators"] and v["personnel"]
    (tmp_path / rel).write_text((tmp_path / rel).read_text(encoding="utf-8") + " ", encoding="utf-8")
    v = annotation_view(str(tmp_path), m)
    assert v is not None and v["report_path"] is None and v["annotators"] == {} and v["personnel"] == {}
    b = m["annotation"]["batches"]
    ids = sorted(b) if isinstance(b, dict) else [x["batch"] for x in b]
    assert [x["batch"] for x in v["batches"]] == ids


def test_rendering_is_deterministic(demo_run: Path) -> None:
    m = _manifest(demo_run)
    a = render_html(build_blocks(m, "zh"), "zh", "x")
    b = render_html(build_blocks(copy.deepcopy(m), "zh"), "zh", "x")
    assert a == b
    assert render_markdown(build_eu_blocks(m)) == render_markdown(build_eu_blocks(copy.deepcopy(m)))


def test_glossary_terms_are_chinese_and_english() -> None:
    for cat, (_, _, table) in CATEGORIES.items():
        for code, (zh, en) in table.items():
            assert zh and en, (cat, code)
            latin = re.findall(r"[A-Za-z]{4,}", _strip_parens(zh))
            assert set(latin) <= {"JSON", "Parquet"}, (cat, code, zh)


def test_glossary_doc_is_generated_and_matches_the_taxonomy() -> None:
    import yaml

    assert (REPO / "docs" / "glossary.md").read_text(encoding="utf-8") == glossary_markdown()
    tax = yaml.safe_load((REPO / "configs" / "taxonomy" / "tc260_003_appendix_a.yaml").read_text(encoding="utf-8"))
    want = {r["id"]: (r["name_zh"], r["name_en"]) for g in tax["groups"] for r in g["risks"]}
    assert CATEGORIES["risk"][2] == want


# ------------------------------------------------------------------------------------ acceptance in the report

def _verdicts(run: Path, tmp: Path, fails: int) -> Path:
    template = [json.loads(x) for x in (run / "acceptance" / "verdicts.template.jsonl").read_text().splitlines()]
    path = tmp / "verdicts.jsonl"
    path.write_text("".join(json.dumps({**r, "verdict": "fail" if i < fails else "pass", "reviewer_id": "qa1"}) + "\n"
                            for i, r in enumerate(template)), encoding="utf-8")
    return path


def test_accept_on_an_undersized_sample_is_not_accepted_and_rerendered(demo_run: Path, tmp_path: Path,
                                                                       capsys: Any) -> None:
    from corpusgov.cli import main
    from corpusgov.lineage.verify import verify_run

    run = tmp_path / "run"
    shutil.copytree(demo_run, run)
    assert main(["sample", str(run), "--size", "200"]) == 0
    out = capsys.readouterr()
    assert "below the TC260-003 §9.2 minimum of 4000" in out.err and "next steps:" in out.out
    assert main(["accept", str(run), str(_verdicts(run, tmp_path, fails=6))]) == 3  # 97% of 200
    assert "not_accepted: sample_below_minimum, lower_bound_below_threshold" in capsys.readouterr().out
    acc = _manifest(run)["acceptance"]
    assert acc["status"] == "not_accepted" and acc["pass_rate"] == 0.97
    rows = {r[0]: r[1] for r in _tables(run, "zh")["acceptance"][1:]}
    assert rows["结论"] == "验收不合格（not_accepted）"
    assert rows["未合格原因"] == "样本量低于标准最低要求、合格率置信下限低于阈值"
    assert [rows["样本量"], rows["已审核"], rows["合格"], rows["不合格"]] == ["200", "200", "194", "6"]
    assert rows["合格率"] == "97.00%" and rows["合格率阈值"] == "96%"
    assert rows["威尔逊区间（置信度 95%）"] == f"{100 * acc['ci_low']:.2f}% – {100 * acc['ci_high']:.2f}%"
    assert acc["ci_low"] < 0.96  # why it is not accepted even though 97% > 96%
    assert "人工抽检验收不合格" in (run / "report.zh.md").read_text(encoding="utf-8")
    rep = verify_run(str(run), rerender=True)
    assert rep.ok, rep.first_failure()  # re-rendered and re-attested after the manifest changed


def test_accept_on_the_whole_corpus_is_accepted(demo_run: Path, tmp_path: Path) -> None:
    from corpusgov.cli import main

    run = tmp_path / "run"
    shutil.copytree(demo_run, run)
    assert main(["sample", str(run)]) == 0  # the demo keeps fewer than 4,000 records: a census
    assert main(["accept", str(run), str(_verdicts(run, tmp_path, fails=10))]) == 0
    rows = {r[0]: r[1] for r in _tables(run, "zh")["acceptance"][1:]}
    m = _manifest(run)
    assert rows["结论"] == "验收合格（accepted）" and rows["样本量"] == str(m["totals"]["kept"])
    assert rows["样本量达到要求"] == "是" and rows["未合格原因"] == "无"


def test_rule_exemption_is_named_by_its_glossary_term() -> None:
    """A rule's `unless` signal reads as its glossary term in both languages, never as a bare code."""
    from corpusgov.lineage.report_content import _rule_text

    spec = {"bound": "max", "threshold": 0.15, "applies_to": "spaced", "min_words": 200, "unless": "dup_ngram_terms"}
    en, zh = _rule_text(spec, "en"), _rule_text(spec, "zh")
    assert "not when the repeated n-grams are terms" in en and "dup_ngram_terms" not in en
    assert "重复的是术语或套用同一模板的条目" in zh and "时不适用" in zh and "dup_ngram_terms" not in zh
