"""Regulator reports of a run: the Chinese filing, its English translation, and the EU summary.

`report.zh.*` is structured as what a provider files for 备案/安全评估 of training data: TC260-003 (GB/T
45654) 语料来源安全、语料内容安全、语料标注安全, then Art. 19's 来源、规模、类型、标注规则、算法机制机理 and an
explicit list of limits. `report.en.*` is the same filing in English (one block list per language, so the
two cannot disagree on a number); `report.eu.*` is the EU AI Act Art. 53(1)(d) training-content summary.
Everything is read from the manifest, `metrics.json` and the SHA-256-verified annotation audit: no corpus
text is read, so no personal information can leak. Codes are translated through `lineage.glossary`.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

from lineage.glossary import NOT_PI, SENSITIVE_PI, UNDETECTED_SENSITIVE, gate_name, reason, term

# A block is ("h1"|"h2"|"h3"|"p", text), ("ul", [items]) or ("table", name, headers, rows).
Block = tuple[Any, ...]

LANGS = ("zh", "en")
REPORT_FILES = tuple(f"report.{lang}.{ext}" for lang in ("zh", "en", "eu") for ext in ("md", "html"))
BEIJING = timezone(timedelta(hours=8))
LEXICON_MIN_TERMS = 10000  # TC260-003 §8.1: a screening lexicon of at least 10,000 terms
AUTO_CHECK_SHARE, AUTO_CHECK_PASS = 0.10, 0.98  # TC260-003 §9.2 automated check: ≥ 10% of items, ≥ 98% pass


def L(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


# ---------------------------------------------------------------- formatting helpers

def num(v: Any) -> str:
    """Integers exactly as in the manifest (no separators, so they can be compared); floats to 4 places."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return f"{v:.4f}"
    return str(v)


def g(v: Any) -> str:
    """A parameter as written (0.5, 200, -5.3): floats without trailing zeros."""
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".")
    return num(v)


def pct(part: float, whole: float) -> str:
    """A share as a percentage with two decimals ("—" when the whole is zero)."""
    return f"{100.0 * part / whole:.2f}%" if whole else "—"


def _yn(v: Any, lang: str) -> str:
    return L(lang, "是", "yes") if v else L(lang, "否", "no")


def _paren(text: str, code: str, lang: str) -> str:
    return f"{text}（{code}）" if lang == "zh" else f"{text} ({code})"


def _sep(lang: str) -> str:
    return "；" if lang == "zh" else "; "


def _list(items: Iterable[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def beijing_time(iso: str | None, lang: str) -> str:
    """An ISO timestamp (UTC) as Beijing time."""
    if not iso:
        return "—"
    t = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(BEIJING)
    if lang == "zh":
        return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}（北京时间）"
    return f"{t:%Y-%m-%d %H:%M} (Beijing time, UTC+8)"


def evidence_rows(s: dict[str, Any], lang: str) -> list[list[str]]:
    """(kind, reference, SHA-256) rows for the evidence the registry recorded for one source."""
    e = s.get("registry_entry") or {}
    rows: list[list[str]] = []

    def doc(kind_zh: str, kind_en: str, ev: dict[str, Any] | None) -> None:
        if ev:
            ref = _list([str(b) for b in (ev.get("file"), ev.get("url")) if b], lang) or "—"
            rows.append([s["id"], L(lang, kind_zh, kind_en), ref, ev.get("sha256") or "—"])

    doc("许可文本", "licence text", e.get("licence_evidence"))
    c = e.get("commercial") or {}
    if c.get("contract_ref"):
        rows.append([s["id"], L(lang, "合同编号", "contract reference"), str(c["contract_ref"]), "—"])
    doc("合同文本", "contract", c.get("contract_evidence"))
    if c.get("supplier"):
        rows.append([s["id"], L(lang, "供应方", "supplier"), str(c["supplier"]), "—"])
    if c.get("supplier_commitments"):
        rows.append([s["id"], L(lang, "供应方承诺", "supplier commitments"),
                     L(lang, f"{len(c['supplier_commitments'])} 项", f"{len(c['supplier_commitments'])} item(s)"), "—"])
    u = e.get("user_authorised") or {}
    doc("用户授权记录", "authorisation record", u.get("authorisation_record"))
    if u.get("terms_version"):
        rows.append([s["id"], L(lang, "用户协议版本", "terms version"), str(u["terms_version"]), "—"])
    sc = e.get("self_collected") or {}
    if sc.get("crawler"):
        rows.append([s["id"], L(lang, "采集工具", "crawler"), str(sc["crawler"]), "—"])
    if sc.get("robots_txt"):
        rows.append([s["id"], L(lang, "爬虫协议", "robots.txt"), term("robots", sc["robots_txt"], lang), "—"])
    y = e.get("synthetic") or {}
    if y.get("generator"):
        rows.append([s["id"], L(lang, "生成方式", "generator"), str(y["generator"]), "—"])
    if not rows:
        rows.append([s["id"], L(lang, "无", "none"), "—", "—"])
    return rows


def _period(s: dict[str, Any]) -> str:
    cp = ((s.get("registry_entry") or {}).get("self_collected") or {}).get("collection_period") or {}
    return f"{cp.get('start')} – {cp.get('end')}" if cp else "—"


def _region(s: dict[str, Any]) -> str | None:
    return (s.get("registry_entry") or {}).get("origin_region")


def _acc(m: dict[str, Any]) -> dict[str, Any] | None:
    return m.get("acceptance") or None


# ---------------------------------------------------------------- blocks

def build_blocks(manifest: dict[str, Any], lang: str, metrics: dict[str, Any] | None = None,
                 manifest_sha256: str | None = None, annotation: dict[str, Any] | None = None) -> list[Block]:
    """The filing as a language-specific list of blocks; the one place its content is decided.

    `annotation` is `annotation_view(...)`; when not given it is taken from the manifest's summary alone.
    """
    m = manifest
    if annotation is None:
        annotation = annotation_view(None, m)
    title = L(lang, "生成式人工智能服务训练语料安全评估报告", "Training-data security assessment (filing)")
    b: list[Block] = [("h1", f"{title} — {m['run']['name']}"),
                      ("p", L(lang, "本报告依据《生成式人工智能服务管理暂行办法》第七条、第八条、第十九条和 TC260-003-2024"
                                    "《生成式人工智能服务安全基本要求》（已转化为 GB/T 45654-2025）编制，按语料来源安全、语料内容安全、"
                                    "语料标注安全三部分说明训练语料的来源、规模、类型、标注规则和算法机制机理。全部数字取自本次运行的"
                                    "清单文件（manifest.json），可逐项核对；报告不含任何个人信息原文。代码与术语的对照见术语表"
                                    "（docs/glossary.md）。",
                              "Prepared under Arts. 7, 8 and 19 of China's Interim Measures for Generative AI Services and "
                              "TC260-003-2024 (now GB/T 45654-2025): source security, content security and annotation "
                              "security of the training data, with its source, scale, type, annotation rules and algorithm "
                              "mechanism. Every number is taken from this run's manifest (manifest.json) and can be "
                              "checked; the report holds no raw personal information. Codes: docs/glossary.md."))]
    b += _info_section(m, lang, manifest_sha256)
    b += _summary_section(m, lang, annotation)
    b += _source_security(m, lang)
    b += _content_security(m, lang, metrics)
    b += _annotation_section(annotation, lang)
    b += _art19_section(m, lang)
    b += _limits_section(m, lang, annotation)
    b += _appendix(m, lang, manifest_sha256)
    return b


def _info_section(m: dict[str, Any], lang: str, manifest_sha256: str | None) -> list[Block]:
    pv = (m.get("config") or {}).get("provider") or {}
    missing = L(lang, "未填写", "not given")
    chain = m.get("chain") or {}
    acc = _acc(m)
    version = L(lang, f"第 {chain.get('version', 1)} 版", f"version {chain.get('version', 1)}")
    if acc:
        version += L(lang, "（含人工抽检验收结论）", " (with the acceptance result)")
    c = m["code"]
    rows = [[L(lang, "提供者名称", "Provider"), pv.get("name") or missing],
            [L(lang, "安全责任人", "Responsible person"), pv.get("responsible_person") or missing],
            [L(lang, "联系方式", "Contact"), pv.get("contact") or missing],
            [L(lang, "知识产权负责人", "IP responsible person"), pv.get("ip_responsible_person") or missing],
            [L(lang, "语料名称", "Corpus"), m["run"]["name"]],
            [L(lang, "报告版本", "Report version"), version],
            [L(lang, "语料处理完成时间", "Processing finished"), beijing_time(m["run"].get("finished_at"), lang)],
            [L(lang, "运行编号", "Run id"), m["run"]["run_id"]],
            [L(lang, "版本链编号", "Version chain"), str(chain.get("id", "—"))],
            [L(lang, "处理工具版本", "corpusgov version"), str(c.get("corpusgov_version"))],
            [L(lang, "代码提交", "Code commit"), c.get("git_commit") or L(lang, "未记录", "not recorded")]]
    if manifest_sha256:
        rows.append([L(lang, "清单文件 SHA-256", "manifest.json SHA-256"), manifest_sha256])
    return [("h2", L(lang, "报告基本信息", "About this report")),
            ("table", "report_info", [L(lang, "项目", "Item"), L(lang, "内容", "Value")], rows)]


def _summary_section(m: dict[str, Any], lang: str, ann: dict[str, Any] | None) -> list[Block]:
    t = m["totals"]
    srcs = m["sources"]
    rejected = [s for s in srcs if s["status"] == "rejected"]
    dom = [s for s in srcs if _region(s) == "domestic"]
    ovs = [s for s in srcs if _region(s) == "overseas"]
    sc = m["scale"]
    chars = sum(v["chars"] for v in sc["by_source"].values())
    tokens = sum(v["est_tokens"] for v in sc["by_source"].values())
    langs = sorted(sc["by_language"].items(), key=lambda kv: (-kv[1]["records"], kv[0]))
    lang_txt = _list([f"{term('language', k, lang)} {pct(v['records'], t['kept'])}" for k, v in langs[:3]], lang)
    failed = [g for g in m["gates"] if not g["passed"]]
    acc = _acc(m)
    if acc:
        acc_txt = term("acceptance", acc.get("status") or ("accepted" if acc.get("accepted") else "not_accepted"), lang)
    else:
        acc_txt = L(lang, "尚未进行", "not yet done")
    ann_txt = (L(lang, "未进行", "not run") if not ann else
               (L(lang, "通过", "passed") if ann.get("passed") else L(lang, "未通过", "failed")))
    p = L(lang,
          f"本批语料共读取 {t['read']} 条记录，来自 {len(srcs)} 个来源（境内 {len(dom)} 个、境外 {len(ovs)} 个"
          f"{'、未申报 ' + str(len(srcs) - len(dom) - len(ovs)) + ' 个' if len(srcs) > len(dom) + len(ovs) else ''}），"
          f"其中 {len(rejected)} 个来源不予采用。经处理保留 {t['kept']} 条（占读取记录的 {pct(t['kept'], t['read'])}），"
          f"剔除 {t['dropped']} 条，异常数据 {t['deadlettered']} 条。保留语料共 {chars} 个字符，估算 {tokens} 个词元，"
          f"主要语种为{lang_txt}。{len(m['gates'])} 项检查中 {len(m['gates']) - len(failed)} 项通过、{len(failed)} 项未通过"
          f"（见附录一）；标注质量审核{ann_txt}；人工抽检验收{acc_txt}。",
          f"{t['read']} records were read from {len(srcs)} sources ({len(dom)} domestic, {len(ovs)} overseas"
          f"{', ' + str(len(srcs) - len(dom) - len(ovs)) + ' undeclared' if len(srcs) > len(dom) + len(ovs) else ''}); "
          f"{len(rejected)} source(s) were rejected. {t['kept']} records were kept ({pct(t['kept'], t['read'])} of those "
          f"read), {t['dropped']} dropped and {t['deadlettered']} malformed. The kept corpus has {chars} characters, "
          f"about {tokens} tokens; main languages: {lang_txt}. {len(m['gates']) - len(failed)} of {len(m['gates'])} "
          f"checks passed, {len(failed)} failed (Appendix 1); annotation audit {ann_txt}; manual acceptance {acc_txt}.")
    rows = [[L(lang, "读取记录", "Records read"), num(t["read"])], [L(lang, "保留记录", "Records kept"), num(t["kept"])],
            [L(lang, "剔除记录", "Records dropped"), num(t["dropped"])],
            [L(lang, "异常数据", "Malformed records"), num(t["deadlettered"])],
            [L(lang, "来源数", "Sources"), num(len(srcs))], [L(lang, "不予采用的来源数", "Rejected sources"), num(len(rejected))],
            [L(lang, "保留字符数", "Kept characters"), num(chars)], [L(lang, "估算词元数", "Estimated tokens"), num(tokens)]]
    return [("h2", L(lang, "一、总体情况", "1. Summary")), ("p", p),
            ("table", "summary", [L(lang, "项目", "Item"), L(lang, "数量", "Count")], rows)]


# ---------------------------------------------------------------- 二、语料来源安全

def _source_security(m: dict[str, Any], lang: str) -> list[Block]:
    srcs = m["sources"]
    t = m["totals"]
    out: list[Block] = [("h2", L(lang, "二、语料来源安全", "2. Source security")),
                        ("p", L(lang, "依据 TC260-003 第 5.1 条和《暂行办法》第七条第一项：每个来源按获取方式提交相应证明材料"
                                      "（开源数据的许可协议、自采数据的采集记录与爬虫协议遵守情况、商业数据的合同与供应方承诺、"
                                      "用户数据的授权记录）；证明材料不全或违法不良信息比例超过阈值的来源整体不予采用，其记录"
                                      "仍逐条计数并说明原因。",
                                "Under TC260-003 §5.1 and Art. 7(1): each source gives the evidence its acquisition type "
                                "needs (licence; collection records and robots.txt handling; contract and supplier "
                                "commitments; user authorisation). A source with incomplete evidence or an illegal/harmful "
                                "share over the threshold is rejected as a whole; its records are still counted."))]
    # 2.1 basis
    rows = []
    for s in srcs:
        e = s.get("registry_entry") or {}
        rows.append([s["id"], s["title"], term("region", _region(s), lang) if _region(s) else L(lang, "未申报", "not declared"),
                     term("acquisition", s["acquisition"], lang), s.get("licence") or "—",
                     term("legal_basis", s["pi_legal_basis"], lang), _period(s),
                     term("domain", e.get("domain") or s.get("domain"), lang)])
    out += [("h3", L(lang, "（一）来源清单与合法性依据", "2.1 Sources and legal basis")),
            ("table", "source_basis", [L(lang, "来源编号", "Source"), L(lang, "来源名称", "Title"),
                                       L(lang, "境内/境外", "Region"), L(lang, "获取方式", "Acquisition"),
                                       L(lang, "许可", "Licence"), L(lang, "个人信息合法性基础", "PI legal basis"),
                                       L(lang, "采集时间", "Collection period"), L(lang, "领域", "Domain")], rows)]
    ev = [r for s in srcs for r in evidence_rows(s, lang)]
    out += [("h3", L(lang, "（二）证明材料", "2.2 Evidence")),
            ("p", L(lang, "证明材料文件的 SHA-256 在运行时逐一核对；哈希值不符的来源不予采用。",
                    "Evidence files are checked against their SHA-256 at run time; a mismatch rejects the source.")),
            ("table", "source_evidence", [L(lang, "来源编号", "Source"), L(lang, "材料", "Evidence"),
                                          L(lang, "文件或编号", "File or reference"), "SHA-256"], ev)]
    # 2.3 outcome
    rows = []
    for s in srcs:
        c = s["counts"]
        concl = term("source_status", s["status"], lang)
        if s["rejection_reasons"]:
            concl += L(lang, "：", ": ") + _list([term("rejection", r, lang) for r in s["rejection_reasons"]], lang)
        rows.append([s["id"], concl, num(c["read"]), num(c["kept"]), num(c["dropped"]), num(c["deadlettered"]),
                     num(len(s["files"])), num(sum(f["bytes"] for f in s["files"]))])
    rows.append([L(lang, "合计", "Total"), "", num(t["read"]), num(t["kept"]), num(t["dropped"]), num(t["deadlettered"]),
                 num(sum(len(s["files"]) for s in srcs)), num(sum(f["bytes"] for s in srcs for f in s["files"]))])
    out += [("h3", L(lang, "（三）来源采用结论与记录数", "2.3 Outcome and records per source")),
            ("table", "sources", [L(lang, "来源编号", "Source"), L(lang, "结论", "Outcome"), L(lang, "读取", "Read"),
                                  L(lang, "保留", "Kept"), L(lang, "剔除", "Dropped"), L(lang, "异常数据", "Malformed"),
                                  L(lang, "文件数", "Files"), L(lang, "输入字节", "Input bytes")], rows)]
    reasons = []
    for s in srcs:
        c = s["counts"]
        for kind, d in ((L(lang, "剔除", "dropped"), c["dropped_by_reason"]),
                        (L(lang, "标记但保留", "flagged, kept"), c["flagged_by_reason"]),
                        (L(lang, "异常数据", "malformed"), c.get("deadlettered_by_reason") or {})):
            for k, v in sorted(d.items()):
                r = reason(k if ":" in k or kind not in ("异常数据", "malformed") else f"deadletter:{k}", lang)
                reasons.append([s["id"], kind, _paren(r, k, lang), num(v)])
    out += [("p", L(lang, "各来源的剔除、标记与异常数据原因如下（一条记录可带多个标记；「标记但保留」的记录留在语料中）。",
                     "Reasons per source (a record can carry several flags; flagged records stay in the corpus).")),
            ("table", "source_reasons", [L(lang, "来源编号", "Source"), L(lang, "处理", "Outcome"),
                                         L(lang, "原因", "Reason"), L(lang, "记录数", "Records")], reasons)]
    # 2.4 region split
    kept_total = t["kept"]
    reg_rows = []
    for code in ("domestic", "overseas", None):
        group = [s for s in srcs if _region(s) == code]
        if not group:
            continue
        k = sum(s["counts"]["kept"] for s in group)
        ch = sum(m["scale"]["by_source"].get(s["id"], {}).get("chars", 0) for s in group)
        label = term("region", code, lang) if code else L(lang, "未申报", "not declared")
        reg_rows.append([label, num(len(group)), num(sum(1 for s in group if s["status"] == "accepted")), num(k),
                         pct(k, kept_total), num(ch)])
    out += [("h3", L(lang, "（四）境内、境外来源", "2.4 Domestic and overseas sources")),
            ("p", L(lang, "境内/境外按来源登记表（sources.yaml）中每个来源申报的产生或采集地域统计。",
                    "Region as declared per source in the registry (sources.yaml).")),
            ("table", "region_split", [L(lang, "地域", "Region"), L(lang, "来源数", "Sources"),
                                       L(lang, "采用的来源数", "Accepted"), L(lang, "保留记录", "Kept records"),
                                       L(lang, "占保留记录比例", "Share of kept"), L(lang, "保留字符数", "Kept characters")],
             reg_rows)]
    # 2.5 diversity
    share = [[s["id"], num(s["counts"]["kept"]), pct(s["counts"]["kept"], kept_total),
              num(m["scale"]["by_source"].get(s["id"], {}).get("chars", 0)),
              pct(m["scale"]["by_source"].get(s["id"], {}).get("chars", 0),
                  sum(v["chars"] for v in m["scale"]["by_source"].values()))] for s in srcs]
    lang_rows = [[_paren(term("language", k, lang), k, lang),
                  num(v["records"]), pct(v["records"], kept_total),
                  num(sum(1 for s in srcs if s["status"] == "accepted" and _lang_match(k, s.get("languages") or [])))]
                 for k, v in sorted(m["scale"]["by_language"].items(), key=lambda kv: (-kv[1]["records"], kv[0]))]
    out += [("h3", L(lang, "（五）来源多样性：按来源和语种的占比", "2.5 Diversity: shares per source and language")),
            ("table", "share_by_source", [L(lang, "来源编号", "Source"), L(lang, "保留记录", "Kept records"),
                                          L(lang, "记录占比", "Share of records"), L(lang, "字符数", "Characters"),
                                          L(lang, "字符占比", "Share of characters")], share),
            ("table", "share_by_language", [L(lang, "语种", "Language"), L(lang, "保留记录", "Kept records"),
                                            L(lang, "记录占比", "Share of records"),
                                            L(lang, "申报该语种的采用来源数", "Accepted sources declaring it")], lang_rows)]
    out += _screening_blocks(m, lang)
    out += _copyright_blocks(m, lang)
    return out


def _lang_match(detected: str, declared: list[str]) -> bool:
    base = detected.split("-")[0]
    return any(d == detected or d.split("-")[0] == base for d in declared)


def _lexicon(m: dict[str, Any]) -> tuple[int, str | None]:
    terms = max((s["screening"].get("lexicon_terms") or 0 for s in m["sources"]), default=0)
    sha = next((f["sha256"] for f in m["config"]["files"] if f.get("role") == "screening_lexicon"), None)
    return terms, sha


def _screening_blocks(m: dict[str, Any], lang: str) -> list[Block]:
    pol = (m["config"].get("policy") or {}).get("screening") or {}
    n_terms, sha = _lexicon(m)
    thr = pol.get("max_hit_rate", 0.05)
    rows = [[s["id"], num(s["screening"]["records"]), num(s["screening"]["hits"]),
             pct(s["screening"]["hits"], s["screening"]["records"]), pct(s["screening"]["threshold"], 1),
             L(lang, "合格", "pass") if s["screening"]["passed"] else L(lang, "不合格，来源不予采用", "fail, source rejected")]
            for s in m["sources"]]
    p = L(lang,
          f"检查方法：对每个来源的全部记录（不是抽样）逐条匹配违法不良信息关键词库（{n_terms} 个词条"
          f"{'，文件 SHA-256 ' + sha if sha else ''}），统计命中记录的比例；比例超过 {pct(thr, 1)} 的来源整体不予采用"
          f"（TC260-003 第 5.1 条）。采用的来源中命中关键词的单条记录按策略{'剔除' if pol.get('record_action') == 'drop' else '标记'}。",
          f"Method: every record of every source (not a sample) is matched against the illegal/harmful-content "
          f"lexicon ({n_terms} terms{', SHA-256 ' + sha if sha else ''}); a source whose share of matching records "
          f"exceeds {pct(thr, 1)} is rejected (TC260-003 §5.1). In accepted sources a matching record is "
          f"{'dropped' if pol.get('record_action') == 'drop' else 'flagged'}.")
    return [("h3", L(lang, "（六）来源违法不良信息检查", "2.6 Source screening for illegal and harmful content")),
            ("p", p), ("table", "screening", [L(lang, "来源编号", "Source"), L(lang, "检查记录数", "Records checked"),
                                              L(lang, "命中记录数", "Records matched"), L(lang, "命中比例", "Share"),
                                              L(lang, "阈值", "Threshold"), L(lang, "结论", "Result")], rows)]


def _copyright_blocks(m: dict[str, Any], lang: str) -> list[Block]:
    pv = (m["config"].get("provider") or {})
    pol = (m["config"].get("policy") or {}).get("copyright") or {}
    c = m["copyright"]
    by_src = {s["id"]: s for s in m["sources"]}
    cls_rows = [[src, _paren(term("cr_class", k, lang), k, lang), num(v)]
                for src, inner in sorted((c.get("counts_by_source") or {}).items()) for k, v in sorted(inner.items())]
    conf_rows = []
    for src, inner in sorted((c.get("conflicts_by_source") or {}).items()):
        cnt = (by_src.get(src) or {}).get("counts") or {}
        for k, v in sorted(inner.items()):
            dropped = (cnt.get("dropped_by_reason") or {}).get(k, 0)
            kept = (cnt.get("flagged_by_reason") or {}).get(k, 0)
            action = pol.get("opt_out_action") if k == "copyright:opt_out" else pol.get("conflict_action")
            conf_rows.append([src, _paren(reason(k, lang), k, lang), num(v),
                              L(lang, "剔除" if action == "drop" else "标记并保留", "dropped" if action == "drop" else "flagged, kept"),
                              num(dropped), num(kept)])
    p = L(lang,
          f"知识产权负责人：{pv.get('ip_responsible_person') or '未填写'}。逐条识别版权声明、许可协议（含全文比对）和拒绝用于训练的"
          f"声明，并与来源申报的许可比对（《暂行办法》第七条第二项）。权利人拒绝用于训练的记录"
          f"{'剔除' if pol.get('opt_out_action') == 'drop' else '仅标记'}；与来源申报冲突的记录"
          f"{'剔除' if pol.get('conflict_action') == 'drop' else '仅标记并保留在语料中，需人工复核'}。"
          "下表「涉及记录」为识别出冲突的全部读取记录；其中部分记录因重复等其他原因已被剔除，故「保留语料中带此标记」可能更少。",
          f"IP responsible person: {pv.get('ip_responsible_person') or 'not given'}. Copyright notices, licences "
          f"(including full texts) and opt-outs are detected per record and compared with the source's declared "
          f"licence (Art. 7(2)). Opt-outs are {'dropped' if pol.get('opt_out_action') == 'drop' else 'flagged'}; "
          f"conflicts are {'dropped' if pol.get('conflict_action') == 'drop' else 'flagged and kept for manual review'}. "
          "'Records' counts every record read with the conflict; some were dropped for other reasons (e.g. "
          "duplicates), so fewer may remain flagged in the corpus.")
    return [("h3", L(lang, "（七）知识产权", "2.7 Intellectual property")), ("p", p),
            ("table", "copyright_classes", [L(lang, "来源编号", "Source"), L(lang, "标记类别", "Marker class"),
                                            L(lang, "标记数", "Markers")], cls_rows),
            ("table", "copyright_conflicts", [L(lang, "来源编号", "Source"), L(lang, "冲突类型", "Conflict"),
                                              L(lang, "涉及记录", "Records"), L(lang, "处理方式", "Action"),
                                              L(lang, "因此剔除", "Dropped for it"),
                                              L(lang, "保留语料中带此标记", "Kept with the flag")], conf_rows)]


# ---------------------------------------------------------------- 三、语料内容安全

def _content_security(m: dict[str, Any], lang: str, metrics: dict[str, Any] | None) -> list[Block]:
    out: list[Block] = [("h2", L(lang, "三、语料内容安全", "3. Content security"))]
    dr = m["totals"]["dropped_by_reason"]
    pol = (m["config"].get("policy") or {}).get("screening") or {}
    out += [("h3", L(lang, "（一）违法不良信息过滤", "3.1 Illegal and harmful content")),
            ("p", L(lang, f"采用的来源中，命中违法不良信息关键词的记录按策略"
                          f"{'剔除' if pol.get('record_action') == 'drop' else '标记'}，本次共 "
                          f"{dr.get('screening:lexicon_hit', 0)} 条；因来源违法不良信息比例超标而整体不予采用的记录 "
                          f"{dr.get('source_rejected:screening_rate_exceeded', 0)} 条。",
                    f"In accepted sources, records matching the lexicon are "
                    f"{'dropped' if pol.get('record_action') == 'drop' else 'flagged'}: "
                    f"{dr.get('screening:lexicon_hit', 0)} this run; records of sources rejected for their share: "
                    f"{dr.get('source_rejected:screening_rate_exceeded', 0)}."))]
    out += _pii_blocks(m, lang)
    out += _quality_blocks(m, lang, metrics)
    out += _acceptance_blocks(m, lang)
    return out


def _pii_blocks(m: dict[str, Any], lang: str) -> list[Block]:
    p = m["pii"]
    pol = (m["config"].get("policy") or {}).get("pii") or {}
    acts = pol.get("actions") or {}
    by_src = {s["id"]: s for s in m["sources"]}
    mode = str(p.get("mode"))
    intro = L(lang,
              f"识别方式：{term('pii_mode', mode.split(':')[0], lang)}，最低置信度 {g(pol.get('min_score'))}。"
              "每处个人信息只记录类型、位置和带密钥的哈希值（HMAC-SHA256），原值从不写入任何输出。处理方式由来源的合法性基础"
              "和信息类型共同决定（《暂行办法》第七条第三项）。敏感个人信息（《个人信息保护法》第二十八条，如居民身份证号码、"
              "银行卡号）单列统计；语料中的个人信息均已掩码替换或整条剔除，不保留原文。",
              f"Detection: {term('pii_mode', mode.split(':')[0], lang)}, minimum score {g(pol.get('min_score'))}. Each "
              "finding records only type, offsets and a keyed hash (HMAC-SHA256); values are never written. The "
              "action follows the source's legal basis and the type (Art. 7(3)). Sensitive personal information "
              "(PIPL Art. 28: resident ID, bank card …) is counted separately; in the corpus every finding is masked "
              "or its record dropped.")
    rows = []
    for src, inner in sorted((p.get("counts_by_source") or {}).items()):
        basis = (by_src.get(src) or {}).get("pi_legal_basis", "none")
        table = acts.get(basis) or {}
        for ent, v in sorted(inner.items()):
            act = table.get(ent, table.get("*", "mask"))
            kind = (L(lang, "敏感个人信息", "sensitive") if ent in SENSITIVE_PI else
                    L(lang, "非个人信息（组织标识）", "not personal (organisation)") if ent in NOT_PI else
                    L(lang, "一般个人信息", "general"))
            rows.append([src, _paren(term("pii_entity", ent, lang), ent, lang), kind, num(v), term("pii_action", act, lang)])
    sens: dict[str, int] = {}
    for inner in (p.get("counts_by_source") or {}).values():
        for ent, v in inner.items():
            if ent in SENSITIVE_PI:
                sens[ent] = sens.get(ent, 0) + v
    srows = [[_paren(term("pii_entity", e, lang), e, lang), num(v),
              _list(sorted(s for s, inner in (p.get("counts_by_source") or {}).items() if e in inner), lang)]
             for e, v in sorted(sens.items())]
    consent = []
    for s in m["sources"]:
        e = s.get("registry_entry") or {}
        rec = ((e.get("user_authorised") or {}).get("authorisation_record") or {})
        n_sens = sum(v for k, v in ((p.get("counts_by_source") or {}).get(s["id"]) or {}).items() if k in SENSITIVE_PI)
        ev = rec.get("file") or rec.get("url")
        consent.append([s["id"], term("legal_basis", s["pi_legal_basis"], lang), num(n_sens),
                        (f"{ev}（SHA-256 {rec.get('sha256')}）" if lang == "zh" else f"{ev} (SHA-256 {rec.get('sha256')})")
                        if ev and rec.get("sha256") else (ev or L(lang, "无", "none")),
                        L(lang, "已掩码或剔除，未依赖单独同意", "masked or dropped; no separate consent relied on")
                        if n_sens else L(lang, "未检出", "none found")])
    act_rows = [[src, term("pii_action", k, lang), num(v)] for src, inner in sorted((p.get("records_by_action") or {}).items())
                for k, v in sorted(inner.items())]
    by_basis: dict[str, list[str]] = {}
    for b, t in sorted(acts.items()):
        if isinstance(t, dict):
            ents = sorted(e for e, a in t.items() if a == "drop")
            if ents:
                by_basis[b] = ents
    if by_basis:
        parts = [L(lang, f"合法性基础为「{term('legal_basis', b, lang)}」的来源中，"
                         f"{_list([term('pii_entity', e, lang) for e in ents], lang)}所在记录整条剔除",
                   f"in sources whose legal basis is '{term('legal_basis', b, lang)}', records with "
                   f"{_list([term('pii_entity', e, lang) for e in ents], lang)} are dropped") for b, ents in by_basis.items()]
        rule = L(lang, "处理规则：", "Rule: ") + _sep(lang).join(parts) + L(lang, "；其余个人信息一律掩码替换。",
                                                                            "; all other personal information is masked.")
    else:
        rule = L(lang, "处理规则：全部个人信息掩码替换。", "Rule: all personal information is masked.")
    return [("h3", L(lang, "（二）个人信息保护", "3.2 Personal information")), ("p", intro), ("p", rule),
            ("table", "pii_types", [L(lang, "来源编号", "Source"), L(lang, "类型", "Type"), L(lang, "类别", "Category"),
                                    L(lang, "检出数", "Findings"), L(lang, "处理方式", "Action")], rows),
            ("h3", L(lang, "敏感个人信息", "Sensitive personal information")),
            ("table", "pii_sensitive", [L(lang, "类型", "Type"), L(lang, "检出数", "Findings"),
                                        L(lang, "所在来源", "Sources")], srows),
            ("table", "pii_consent", [L(lang, "来源编号", "Source"), L(lang, "合法性基础", "Legal basis"),
                                      L(lang, "敏感个人信息检出数", "Sensitive findings"),
                                      L(lang, "同意或授权证明", "Consent / authorisation evidence"),
                                      L(lang, "敏感个人信息的处理", "Sensitive PI handling")], consent),
            ("table", "pii_actions", [L(lang, "来源编号", "Source"), L(lang, "处理方式", "Action"),
                                      L(lang, "涉及记录数", "Records")], act_rows)]


def _rule_text(spec: dict[str, Any], lang: str) -> str:
    thr = spec.get("threshold")
    op = "≥" if spec.get("bound") == "min" else "≤"
    scope = {"spaced": L(lang, "，仅用于空格分词文字", ", spaced scripts only"),
             "unspaced": L(lang, "，仅用于中文等无空格文字", ", unspaced scripts only")}.get(spec.get("applies_to"), "")
    minw = spec.get("min_words") or 0
    if minw:
        scope += L(lang, f"，{g(minw)} 词以上的文本", f", texts of {g(minw)}+ words")
    return f"{op} {g(float(thr)) if isinstance(thr, (int, float)) else thr}{scope}"


def _quality_blocks(m: dict[str, Any], lang: str, metrics: dict[str, Any] | None) -> list[Block]:
    rules = ((m["config"].get("policy") or {}).get("quality") or {}).get("rules") or {}
    failed: dict[str, int] = {}
    for inner in (m["quality"].get("rule_counts_by_source") or {}).values():
        for k, v in inner.items():
            failed[k] = failed.get(k, 0) + v
    dropped = {k.split(":", 1)[1]: v for k, v in m["totals"]["dropped_by_reason"].items() if k.startswith("quality:")}
    flagged = {k.split(":", 1)[1]: v for k, v in m["totals"]["flagged_by_reason"].items() if k.startswith("quality:")}
    qrows = []
    for k, v in sorted(failed.items(), key=lambda kv: (-kv[1], kv[0])):
        spec = rules.get(k) or {}
        qrows.append([_paren(term("quality_rule", k, lang), k, lang), _rule_text(spec, lang) if spec else "—",
                      L(lang, "剔除", "drop") if spec.get("action") == "drop" else L(lang, "仅标记", "flag only"),
                      num(v), num(dropped.get(k, 0)), num(flagged.get(k, 0))])
    on = [r for r in rules.values() if r.get("enabled", True)]
    n_drop = sum(1 for r in on if r.get("action") == "drop")
    p = L(lang,
          f"共启用 {len(on)} 条质量规则（{n_drop} 条剔除、{len(on) - n_drop} 条仅标记），参照 Gopher、C4、FineWeb 的规则并针对中文调整。"
          "「未通过」统计全部读取记录（含不予采用来源）；「仅标记」规则未通过的记录保留在语料中，末列为保留语料中带此标记的记录数。",
          f"{len(on)} quality rules are enabled ({n_drop} drop, {len(on) - n_drop} flag only), adapted from Gopher, "
          "C4 and FineWeb for Chinese. 'Failed' counts every record read (rejected sources included); records failing "
          "a flag-only rule stay in the corpus, the last column counts them.")
    d = m.get("dedup") or {}
    prm = d.get("params") or {}
    drows = [[L(lang, "完全重复剔除", "Exact duplicates dropped"), num(d.get("exact_duplicates_dropped"))],
             [L(lang, "近似重复剔除", "Near duplicates dropped"), num(d.get("near_duplicates_dropped"))],
             [L(lang, "重复簇", "Duplicate clusters"), num(d.get("clusters"))]]
    drows += [[L(lang, f"重复率：{k}", f"duplicate rate: {k}"), pct(v, 1)] for k, v in sorted((d.get("rate_by_source") or {}).items())]
    dp = L(lang,
           f"去重方法：先按规范化正文的哈希值剔除完全重复，再用 MinHash 局部敏感哈希（{prm.get('num_perm')} 个排列、"
           f"{prm.get('ngram')} 字符片段、相似度阈值 {g(prm.get('threshold'))}）找出近似重复，每个重复簇按来源优先级保留一条。",
           f"Method: exact duplicates by the hash of the normalised text, then MinHash LSH ({prm.get('num_perm')} "
           f"permutations, {prm.get('ngram')}-character shingles, similarity {g(prm.get('threshold'))}); one record per "
           "cluster is kept by source priority.")
    vrows = []
    for st in (m.get("diversity") or {}).get("stages", []):
        e = st.get("entropy") or {}
        ng = st.get("distinct_ngrams") or {}
        vrows.append([term("stage", st.get("stage", ""), lang), num(st.get("records")), num(e.get("language")),
                      num(e.get("source")), num(e.get("domain")), num(ng.get("word_unigrams")), num(ng.get("char_trigrams"))])
    out: list[Block] = [("h3", L(lang, "（三）质量、去重与多样性", "3.3 Quality, de-duplication and diversity")), ("p", p),
                        ("table", "quality_rules", [L(lang, "规则", "Rule"), L(lang, "条件", "Condition"),
                                                    L(lang, "处理", "Action"), L(lang, "未通过", "Failed"),
                                                    L(lang, "因此剔除", "Dropped for it"),
                                                    L(lang, "保留语料中带此标记", "Kept with the flag")], qrows),
                        ("p", dp), ("table", "dedup", [L(lang, "指标", "Metric"), L(lang, "数值", "Value")], drows),
                        ("p", L(lang, "多样性按处理阶段统计：熵值越高分布越均衡；不同词数和不同汉字三元组数为近似计数。",
                                "Diversity per stage: higher entropy means a more even spread; distinct counts are "
                                "approximate.")),
                        ("table", "diversity", [L(lang, "阶段", "Stage"), L(lang, "记录数", "Records"),
                                                L(lang, "语种熵", "Language entropy"), L(lang, "来源熵", "Source entropy"),
                                                L(lang, "领域熵", "Domain entropy"), L(lang, "不同词数", "Distinct words"),
                                                L(lang, "不同字三元组数", "Distinct char trigrams")], vrows)]
    from quality.release_figures import figure_rows, release_figures

    fig = release_figures()
    if fig:
        out += [("h3", L(lang, "质量规则与语种识别在真实文本上的评测（本版本）", "Quality rules and language ID on real text (this release)")),
                ("p", L(lang, "由 make eval 在真实文本开发集及其派生的垃圾文本上测得；数据、文档数、日期：",
                        "Measured by make eval on the real-text development set and junk made from it; data, documents, date:")
                 + f" {fig['data']['dev']}, {fig['data']['rows']}, {fig['date']}."),
                ("table", "quality_eval", [L(lang, "评测集", "Set"), L(lang, "记录数", "Records"), L(lang, "比例", "Rate"),
                                           L(lang, "目标", "Target"), L(lang, "达标", "Met")], figure_rows(fig, lang))]
    lm = (metrics or {}).get("language") or {}
    ent_r, ent_k = lm.get("entropy_read"), lm.get("entropy_kept", lm.get("entropy"))
    if ent_r is not None or ent_k is not None:
        out.append(("p", L(lang, f"语种分布熵：读取时 {num(ent_r)}，保留语料 {num(ent_k)}。",
                           f"Language entropy: {num(ent_r)} as read, {num(ent_k)} kept.")))
    return out


def _acceptance_blocks(m: dict[str, Any], lang: str) -> list[Block]:
    acc = _acc(m)
    srcs = [s for s in m["sources"] if s["status"] == "accepted"]
    checked = sum(s["screening"]["records"] for s in srcs)
    hits = sum(s["screening"]["hits"] for s in srcs)
    kept = m["totals"]["kept"]
    auto = [[L(lang, "抽检方式", "Method"), L(lang, "关键词库逐条匹配（全部记录，非抽样）", "lexicon match on every record (no sampling)")],
            [L(lang, "检查记录数（采用的来源）", "Records checked (accepted sources)"), num(checked)],
            [L(lang, "检查比例", "Share checked"), pct(checked, checked)],
            [L(lang, "命中记录数", "Records matched"), num(hits)],
            [L(lang, "合格率", "Pass rate"), pct(checked - hits, checked)],
            [L(lang, "标准要求", "Required"), L(lang, f"抽检不少于 {pct(AUTO_CHECK_SHARE, 1)}，合格率不低于 {pct(AUTO_CHECK_PASS, 1)}",
                                                 f"≥ {pct(AUTO_CHECK_SHARE, 1)} checked, pass rate ≥ {pct(AUTO_CHECK_PASS, 1)}")],
            [L(lang, "结论", "Result"), L(lang, "合格", "pass") if checked and (checked - hits) / checked >= AUTO_CHECK_PASS
             else L(lang, "不合格", "fail")]]
    out: list[Block] = [("h3", L(lang, "（四）语料抽检（TC260-003 第 9.2 条）", "3.4 Corpus spot checks (TC260-003 §9.2)")),
                        ("p", L(lang, "技术抽检：标准要求以关键词或分类模型抽检不少于 10% 的语料、合格率不低于 98%。本系统对采用来源的全部记录逐条检查，"
                                      "结果如下（关键词库规模的局限见第六部分）。",
                                "Automated check: the standard asks for at least 10% checked by keywords or a classifier with "
                                "a pass rate of at least 98%. corpusgov checks every record of the accepted sources (see "
                                "section 6 for the lexicon's limits).")),
                        ("table", "auto_check", [L(lang, "项目", "Item"), L(lang, "内容", "Value")], auto)]
    if not acc:
        out += [("p", L(lang, f"人工抽检：尚未进行。标准要求随机抽取不少于 4000 条（语料不足 4000 条时全部抽取），人工判定合格率不低于 96%。"
                              f"下一步：运行 corpusgov sample 抽取样本（本语料保留 {kept} 条），由审核人员逐条填写判定结果，再运行 corpusgov accept 记录结论；"
                              "结论将写入清单并重新生成本报告。",
                              f"Manual check: not yet done. The standard asks for at least 4,000 randomly drawn records (the "
                              f"whole corpus when smaller; this one keeps {kept}) with a pass rate of at least 96%. Next: "
                              "corpusgov sample, reviewers judge every record, then corpusgov accept records the result in "
                              "the manifest and re-renders this report."))]
        return out
    status = acc.get("status") or ("accepted" if acc.get("accepted") else "not_accepted")
    why = _list([term("acceptance", r, lang) for r in acc.get("reasons") or []], lang) or L(lang, "无", "none")
    rule = acc.get("rule") or "point"
    rule_txt = term("acceptance", rule, lang) if rule in ("wilson", "standard") else L(lang, "样本合格率不低于阈值", "pass rate ≥ threshold")
    rows = [[L(lang, "结论", "Result"), _paren(term("acceptance", status, lang), status, lang)],
            [L(lang, "未合格原因", "Reasons"), why],
            [L(lang, "判定规则", "Decision rule"), rule_txt],
            [L(lang, "标准最低样本量", "Minimum sample"), num(acc.get("minimum_sample", 4000))],
            [L(lang, "语料保留记录数", "Population"), num(acc.get("population"))],
            [L(lang, "样本量", "Sample size"), num(acc.get("sample_size"))],
            [L(lang, "样本量达到要求", "Sample meets the minimum"), _yn(acc.get("meets_minimum"), lang)],
            [L(lang, "已审核", "Reviewed"), num(acc.get("reviewed"))],
            [L(lang, "未审核", "Not reviewed"), num(acc.get("missing"))],
            [L(lang, "合格", "Passed"), num(acc.get("passed"))], [L(lang, "不合格", "Failed"), num(acc.get("failed"))],
            [L(lang, "合格率", "Pass rate"), num(acc.get("pass_rate"))],
            [L(lang, f"威尔逊区间（置信度 {pct(acc.get('confidence') or 0.95, 1)}）", f"Wilson interval ({pct(acc.get('confidence') or 0.95, 1)})"),
             f"{num(acc.get('ci_low'))} – {num(acc.get('ci_high'))}"],
            [L(lang, "合格率阈值", "Threshold"), num(acc.get("threshold"))],
            [L(lang, "审核人员数", "Reviewers"), num(acc.get("reviewers"))],
            [L(lang, "随机种子", "Seed"), num(acc.get("seed"))],
            [L(lang, "样本文件 SHA-256", "Sample SHA-256"), acc.get("sample_sha256") or "—"],
            [L(lang, "判定结果文件 SHA-256", "Verdicts SHA-256"), acc.get("verdicts_sha256") or "—"]]
    out += [("p", L(lang, "人工抽检：按记录编号的带种子哈希值随机抽样，审核人员逐条判定是否合格。",
                    "Manual check: records drawn at random by a seeded hash of their id; reviewers judge each one.")),
            ("table", "acceptance", [L(lang, "项目", "Item"), L(lang, "内容", "Value")], rows)]
    return out


# ---------------------------------------------------------------- 四、语料标注安全

def annotation_view(out_dir: str | None, manifest: dict[str, Any]) -> dict[str, Any] | None:
    """The run's annotation audit in one shape, or None when the manifest has no annotation section.

    The manifest carries a summary; when it names its full report (`annotation_audit.json`) and that file is
    one of the run's outputs with a matching SHA-256, the full report (intervals, annotators, agreement, rules
    content, personnel) is used instead. An unlisted or altered file is ignored.
    """
    a = manifest.get("annotation")
    if not a:
        return None
    full = None
    rel = a.get("report") if isinstance(a.get("report"), str) else None
    if out_dir and rel:
        listed = {f["path"]: f["sha256"] for f in (manifest.get("outputs") or {}).get("files", [])}
        p = os.path.join(out_dir, rel)
        if rel in listed and os.path.exists(p) and _sha256_file(p) == listed[rel]:
            full = _read_json(p)
    src = full or a
    batches = src.get("batches") or []
    if isinstance(batches, dict):
        batches = [{"batch": k, **(v if isinstance(v, dict) else {"accuracy": v})} for k, v in sorted(batches.items())]
    norm = []
    for bt in batches:
        bt = dict(bt)
        acc = bt.get("accuracy")
        bt["accuracy"] = acc if isinstance(acc, dict) else ({"rate": acc} if acc is not None else {})
        norm.append(bt)
    summary = dict(src.get("summary") or {})
    fbc = summary.get("findings_by_code", a.get("findings_by_code")) or {}
    return {
        "passed": src.get("passed", a.get("passed")),
        "rules_files": src.get("rules_files") or a.get("rules_files") or [],
        "batches": norm,
        "annotators": src.get("annotators") or {},
        "personnel": src.get("personnel") or {},
        "findings": src.get("findings") or [],
        "settings": src.get("settings") or {},
        "summary": {k: v for k, v in summary.items() if k != "findings_by_code"},
        "findings_by_code": fbc,
        "report_path": rel if full else None,
        "detail": (f"{rel} (SHA-256 checked against the manifest)" if full else "the manifest's summary"),
    }


def taxonomy_gaps(view: dict[str, Any]) -> list[str]:
    """Appendix A risk ids the safety rules do not cover (from the audit's taxonomy-gap findings)."""
    ids: set[str] = set()
    for f in view.get("findings") or []:
        if f.get("code") == "rules:safety_taxonomy_gap":
            ids.update(f.get("risk_ids") or [])
    return sorted(ids)


def _metric_text(q: dict[str, Any], lang: str) -> str:
    return f"{term('metric', q.get('name'), lang)} ≥ {g(float(q.get('threshold', 0)))}"


def _annotation_section(view: dict[str, Any] | None, lang: str) -> list[Block]:
    out: list[Block] = [("h2", L(lang, "四、语料标注安全", "4. Annotation security"))]
    if not view:
        return out + [("p", L(lang, "不适用：本次运行的清单不含标注部分（未执行标注审核）。",
                               "Not available: this run's manifest has no annotation section (no annotation audit was run)."))]
    srcdesc = (L(lang, f"数据取自 {view['report_path']}（已按清单核对 SHA-256）。", f"Taken from {view['report_path']} (SHA-256 checked against the manifest).")
               if view.get("report_path") else L(lang, "数据取自清单中的标注摘要。", "Taken from the manifest's annotation summary."))
    out.append(("p", L(lang, "依据 TC260-003 第 5.3 条和《暂行办法》第八条：功能性与安全性标注规则分别成文，每份规则说明目标、数据格式、"
                             "标注方法和质量指标；标注人员经培训考核后上岗，标注与审核由不同人员完成；功能性标注逐批抽样核验，"
                             "安全性标注逐条复核。", "Under TC260-003 §5.3 and Art. 8: separate functional and safety rules, each "
                             "with goal, data format, method and quality metrics; annotators trained and assessed before work; "
                             "annotation and review by different people; functional batches sampled, safety items all reviewed.")
                + srcdesc))
    rf = view["rules_files"]
    rows = []
    for f in rf:
        content = f.get("content") or {}
        metrics = _list([_metric_text(q, lang) for q in content.get("quality_metrics") or []], lang) or "—"
        rows.append([f.get("path", ""), term("ann_kind", f.get("kind", ""), lang), f.get("task", ""), f.get("version", ""),
                     num(len(f.get("labels") or content.get("labels") or [])), metrics,
                     _list(f.get("batches", []), lang), f.get("sha256", "")])
    out += [("h3", L(lang, "（一）标注规则", "4.1 Annotation rules")),
            ("table", "annotation_rules", [L(lang, "规则文件", "Rules file"), L(lang, "类型", "Kind"), L(lang, "任务", "Task"),
                                           L(lang, "版本", "Version"), L(lang, "标签数", "Labels"),
                                           L(lang, "质量指标", "Quality metrics"), L(lang, "适用批次", "Batches"), "SHA-256"], rows)]
    crow = [[f.get("task", ""), (f.get("content") or {}).get("goal", "—"), (f.get("content") or {}).get("data_format", "—"),
             (f.get("content") or {}).get("method", "—")] for f in rf if f.get("content")]
    if crow:
        out += [("p", L(lang, "规则要点（以下三列为规则文件原文摘录）：", "Rule content (quoted from the rules files):")),
                ("table", "annotation_rule_content", [L(lang, "任务", "Task"), L(lang, "目标（原文）", "Goal"),
                                                      L(lang, "数据格式（原文）", "Data format"),
                                                      L(lang, "标注方法（原文）", "Method")], crow)]
        lrows = []
        for f in rf:
            for lab in (f.get("content") or {}).get("labels") or []:
                risks = _list(lab.get("risk_ids") or [], lang) or (L(lang, "无风险（安全）", "none (benign)") if lab.get("benign") else "—")
                lrows.append([f.get("task", ""), lab.get("name", ""), num(lab.get("positive_examples")),
                              num(lab.get("negative_examples")), num(lab.get("edge_cases")), risks])
        out += [("table", "annotation_labels", [L(lang, "任务", "Task"), L(lang, "标签", "Label"), L(lang, "正例数", "Positive examples"),
                                                L(lang, "反例数", "Negative examples"), L(lang, "边界情形数", "Edge cases"),
                                                L(lang, "对应附录 A 风险", "Appendix A risks")], lrows)]
    pe = view.get("personnel") or {}
    if pe:
        prow = [[L(lang, "名册人数", "People in the roster"), num(pe.get("roster"))],
                [L(lang, "其中可担任标注", "may annotate"), num(pe.get("annotators"))],
                [L(lang, "其中可担任审核", "may review"), num(pe.get("reviewers"))],
                [L(lang, "有培训记录的人数", "Trained"), num(pe.get("trained"))],
                [L(lang, "培训场次", "Training sessions"), num(pe.get("training_sessions"))],
                [L(lang, "参加考核的人数", "Assessed"), num(pe.get("assessed"))],
                [L(lang, "考核次数", "Assessments"), num(pe.get("assessments"))],
                [L(lang, "考核合格的人数", "Passed an assessment"), num(pe.get("passed_assessment"))],
                [L(lang, "合格分数线", "Pass mark"), g(pe.get("pass_mark"))],
                [L(lang, "复核周期（天）", "Re-assessment interval (days)"), num(pe.get("reassessment_days"))],
                [L(lang, "实际参与标注或审核的人数", "People who worked"), num(pe.get("worked"))],
                [L(lang, "其中有培训记录", "of whom trained"), num(pe.get("worked_trained"))],
                [L(lang, "其中考核合格", "of whom passed an assessment"), num(pe.get("worked_passed_assessment"))],
                [L(lang, "其中不在名册", "of whom not in the roster"), num(pe.get("worked_not_in_roster"))]]
        out += [("h3", L(lang, "（二）标注人员培训与考核", "4.2 Annotator training and assessment")),
                ("table", "annotation_personnel", [L(lang, "项目", "Item"), L(lang, "人数或数值", "Count")], prow)]
    brow = []
    for bt in view["batches"]:
        acc = bt["accuracy"]
        rate = num(acc.get("rate"))
        if acc.get("n") is not None:
            rate += f" ({acc.get('successes')}/{acc.get('n')})"
        lo, hi = acc.get("ci_low"), acc.get("ci_high")
        ci = f"{num(lo)}–{num(hi)}" if lo is not None and hi is not None else "—"
        ag = bt.get("agreement") or {}
        agree = f"{num(ag.get('fleiss_kappa'))} / {num(ag.get('krippendorff_alpha_nominal'))}" if ag else "—"
        brow.append([bt.get("batch", ""), term("ann_status", bt.get("status", ""), lang), bt.get("task", "—"),
                     num(bt.get("items")), rate, ci, num(acc.get("threshold")), agree])
    out += [("h3", L(lang, "（三）批次核验", "4.3 Batch verification")),
            ("p", L(lang, "准确率为分层抽样的设计加权估计，区间为有效样本量下的威尔逊区间；一致性为弗莱斯 κ 与克里彭多夫 α（名义）。",
                    "Accuracy is the design-weighted stratified estimate with a Wilson interval at the effective sample "
                    "size; agreement is Fleiss' kappa / Krippendorff's alpha (nominal).")),
            ("table", "annotation_batches", [L(lang, "批次", "Batch"), L(lang, "结论", "Status"), L(lang, "任务", "Task"),
                                             L(lang, "条目", "Items"), L(lang, "准确率", "Accuracy"),
                                             L(lang, "95% 置信区间", "95% interval"), L(lang, "阈值", "Threshold"),
                                             L(lang, "一致性", "Agreement")], brow)]
    flagged = [[bt.get("batch", ""), r["annotator_id"], term("reliability_flag", r["code"], lang), num(r.get("accuracy")),
                f"{num(r.get('ci_low'))}–{num(r.get('ci_high'))}"]
               for bt in view["batches"] for r in (bt.get("reliability") or {}).get("flagged", [])]
    if flagged:
        out += [("h3", L(lang, "需复核的标注员（假名编号）", "Annotators to review (pseudonymous ids)")),
                ("table", "annotation_unreliable", [L(lang, "批次", "Batch"), L(lang, "标注员编号", "Annotator"),
                                                    L(lang, "标记", "Flag"), L(lang, "准确率", "Accuracy"),
                                                    L(lang, "95% 置信区间", "95% interval")], flagged)]
    gaps = taxonomy_gaps(view)
    n_risks = ((view.get("settings") or {}).get("taxonomy") or {}).get("risks", 31)
    out += [("h3", L(lang, "（四）安全风险覆盖（TC260-003 附录 A）", "4.4 Coverage of TC260-003 Appendix A risks"))]
    if gaps:
        out += [("p", L(lang, f"安全性标注规则覆盖附录 A 全部 {n_risks} 类风险中的 {n_risks - len(gaps)} 类，以下 {len(gaps)} 类未覆盖，需补充标签：",
                        f"The safety rules cover {n_risks - len(gaps)} of the {n_risks} Appendix A risks; these "
                        f"{len(gaps)} are not covered and need labels:")),
                ("table", "taxonomy_gaps", [L(lang, "风险编号", "Risk"), L(lang, "风险名称", "Name")],
                 [[r, term("risk", r, lang)] for r in gaps])]
    else:
        out.append(("p", L(lang, f"审核未发现覆盖缺口（共 {n_risks} 类风险）。", f"No coverage gap found ({n_risks} risks).")))
    frows = [[_paren(term("ann_finding", k, lang), k, lang), num(v)] for k, v in sorted(view["findings_by_code"].items())]
    s = view["summary"]
    srows = [[L(lang, "批次数", "Batches"), num(s.get("batches"))], [L(lang, "验收通过", "Accepted"), num(s.get("accepted"))],
             [L(lang, "未通过", "Rejected"), num(s.get("rejected"))], [L(lang, "核验未完成", "Incomplete"), num(s.get("incomplete"))],
             [L(lang, "标注记录数", "Annotation records"), num(s.get("records"))],
             [L(lang, "错误", "Errors"), num(s.get("errors"))], [L(lang, "警告", "Warnings"), num(s.get("warnings"))],
             [L(lang, "审核结论", "Audit passed"), L(lang, "通过", "passed") if view["passed"] else L(lang, "未通过", "failed")]]
    out += [("h3", L(lang, "（五）审核发现与结论", "4.5 Findings and outcome")),
            ("table", "annotation_findings", [L(lang, "发现", "Finding"), L(lang, "次数", "Count")], frows),
            ("table", "annotation_summary", [L(lang, "项目", "Item"), L(lang, "数值", "Value")], srows)]
    return out


# ---------------------------------------------------------------- 五、第十九条说明事项

def _scale_rows(d: dict[str, dict[str, int]], total: int, label: Any = None) -> list[list[str]]:
    return [[label(k) if label else k, num(v["records"]), pct(v["records"], total), num(v["chars"]), num(v["bytes"]),
             num(v["est_tokens"])] for k, v in d.items()]


def _art19_section(m: dict[str, Any], lang: str) -> list[Block]:
    sc = m["scale"]
    kept = m["totals"]["kept"]
    cols = [L(lang, "记录数", "Records"), L(lang, "占比", "Share"), L(lang, "字符数", "Characters"),
            L(lang, "字节数", "Bytes"), L(lang, "估算词元数", "Est. tokens")]
    by_src = _scale_rows(sc["by_source"], kept)
    total = {k: sum(v[k] for v in sc["by_source"].values()) for k in ("records", "chars", "bytes", "est_tokens")}
    by_src.append([L(lang, "合计", "Total"), num(total["records"]), pct(total["records"], kept), num(total["chars"]),
                   num(total["bytes"]), num(total["est_tokens"])])
    tok = L(lang, "词元数为估算值：每个汉字计 1 个词元，每个以空格分隔的词计 1.3 个词元；实际词元数取决于所用分词器。",
            "Tokens are estimated: 1 per CJK character and 1.3 per whitespace-separated word; the real count depends "
            "on the tokenizer.")
    ty = m["type"]
    trows = [[L(lang, "模态", "Modality"), _paren(term("modality", mo, lang), mo, lang),
              num(sc["by_modality"].get(mo, {}).get("records"))] for mo in ty.get("modalities", [])]
    for key, cat, label in (("domains", "domain", L(lang, "领域", "Domain")),
                            ("acquisition_types", "acquisition", L(lang, "获取方式", "Acquisition")),
                            ("languages", "language", L(lang, "语种", "Language"))):
        trows += [[label, _paren(term(cat, k, lang), k, lang), num(v)] for k, v in sorted((ty.get(key) or {}).items())]
    out: list[Block] = [("h2", L(lang, "五、训练数据说明（《暂行办法》第十九条）", "5. Art. 19 items")),
                        ("p", L(lang, "来源见第二部分，标注规则见第四部分；以下说明规模、类型和算法机制机理。",
                                "Sources: section 2; annotation rules: section 4. Scale, type and algorithm mechanism follow.")),
                        ("h3", L(lang, "（一）规模", "5.1 Scale")), ("p", tok),
                        ("table", "scale_by_source", [L(lang, "来源编号", "Source")] + cols, by_src),
                        ("table", "scale_by_language", [L(lang, "语种", "Language")] + cols,
                         _scale_rows(sc["by_language"], kept, lambda k: _paren(term("language", k, lang), k, lang))),
                        ("table", "scale_by_modality", [L(lang, "模态", "Modality")] + cols,
                         _scale_rows(sc["by_modality"], kept, lambda k: _paren(term("modality", k, lang), k, lang))),
                        ("h3", L(lang, "（二）类型", "5.2 Type")),
                        ("table", "type", [L(lang, "维度", "Dimension"), L(lang, "类别", "Category"),
                                           L(lang, "保留记录数", "Kept records")], trows),
                        ("h3", L(lang, "（三）算法机制机理：处理步骤", "5.3 Algorithm mechanism: processing steps")),
                        ("p", L(lang, "语料按以下顺序逐条处理（基于 Apache Beam 的批处理管道，同一输入与配置得到相同结果）。每一步说明其作用、"
                                      "主要参数和本次效果；完整参数记录在清单文件（manifest.json）中。",
                                "Records pass these steps in order (an Apache Beam batch pipeline; the same input and "
                                "configuration give the same result). Each step: what it does, its main parameters and its "
                                "effect this run; full parameters are in the manifest's steps."))]
    for i, s in enumerate(m["steps"], 1):
        out.append(("p", _step_prose(i, s, m, lang)))
    rows = [[_paren(term("step", s["name"], lang), s["name"], lang), num(s["records_in"]), num(s["records_out"]),
             num(s["records_in"] - s["records_out"]),
             _sep(lang).join(f"{reason(k, lang)} {v}" for k, v in sorted(s["dropped_by_reason"].items())) or "—"]
            for s in m["steps"]]
    out.append(("table", "steps", [L(lang, "步骤", "Step"), L(lang, "输入", "In"), L(lang, "输出", "Out"),
                                   L(lang, "剔除", "Dropped"), L(lang, "剔除原因与数量", "Drops by reason")], rows))
    return out


def _step_prose(i: int, s: dict[str, Any], m: dict[str, Any], lang: str) -> str:
    """What one step does, its parameters and its effect, as a sentence per language."""
    name, p = s["name"], s.get("params") or {}
    fr = m["totals"]["flagged_by_reason"]
    zh = lang == "zh"
    effect = L(lang, f"本次输入 {s['records_in']} 条，输出 {s['records_out']} 条",
               f"This run: {s['records_in']} in, {s['records_out']} out")
    drops = s.get("dropped_by_reason") or {}
    if drops:
        n = sum(drops.values())
        detail = _list([f"{reason(k, lang)} {v} 条" if zh else f"{reason(k, lang)} {v}" for k, v in sorted(drops.items())], lang)
        label = L(lang, "分出异常数据", "malformed") if name == "ingest" else L(lang, "剔除", "dropped")
        effect += L(lang, f"，{label} {n} 条（{detail}）", f", {label} {n} ({detail})")
    if name == "ingest":
        lim = p.get("limits") or {}
        what = L(lang, f"读取各来源的输入文件（JSONL、Parquet、CSV、纯文本，可为压缩文件），逐条解析正文并记录来源文件、行号和文件哈希；"
                       f"单条记录超过 {lim.get('max_record_bytes')} 字节、单行超过 {lim.get('max_line_bytes')} 字节、嵌套超过 "
                       f"{lim.get('max_json_depth')} 层或格式错误的输入作为异常数据单独保存，不进入语料。",
                 f"Reads each source's files (JSONL, Parquet, CSV, text, compressed or not), parses each record and "
                 f"records its file, line and file hash; records over {lim.get('max_record_bytes')} bytes, lines over "
                 f"{lim.get('max_line_bytes')} bytes, nesting over {lim.get('max_json_depth')} levels or malformed input "
                 f"are kept apart as malformed and never enter the corpus.")
    elif name == "source_gate":
        what = L(lang, f"按 TC260-003 第 5.1 条核对每个来源的证明材料，并计算来源的违法不良信息命中比例（阈值 {pct(p.get('screening_max_hit_rate') or 0, 1)}）；"
                       "不合格的来源整体不予采用。", f"Checks each source's evidence (TC260-003 §5.1) and its illegal/harmful share "
                       f"(threshold {pct(p.get('screening_max_hit_rate') or 0, 1)}); a failing source is rejected whole.")
    elif name == "screening":
        act = p.get("record_action")
        what = L(lang, f"在采用的来源中逐条匹配违法不良信息关键词，命中的记录{'剔除' if act == 'drop' else '标记'}。",
                 f"Matches every record of accepted sources against the lexicon; matching records are "
                 f"{'dropped' if act == 'drop' else 'flagged'}.")
    elif name == "pii":
        n_masked = sum(v for k, v in fr.items() if k.startswith("pii:") and k.endswith(":mask"))
        what = L(lang, f"识别个人信息（{term('pii_mode', str(p.get('mode')).split(':')[0], lang)}，最低置信度 {g(p.get('min_score'))}），"
                       f"按来源合法性基础和类型掩码替换或整条剔除；保留语料中共 {n_masked} 处标记为掩码。",
                 f"Detects personal information ({term('pii_mode', str(p.get('mode')).split(':')[0], lang)}, minimum score "
                 f"{g(p.get('min_score'))}) and masks it or drops the record by legal basis and type; {n_masked} masking "
                 "flags remain on kept records.")
    elif name == "copyright":
        what = L(lang, f"识别版权声明、许可协议和拒绝用于训练的声明；拒绝声明的记录{'剔除' if p.get('opt_out_action') == 'drop' else '标记'}，"
                       f"与来源申报冲突的记录{'剔除' if p.get('conflict_action') == 'drop' else '标记并保留'}。",
                 f"Detects copyright notices, licences and opt-outs; opt-outs are "
                 f"{'dropped' if p.get('opt_out_action') == 'drop' else 'flagged'}, conflicts with the declared licence "
                 f"{'dropped' if p.get('conflict_action') == 'drop' else 'flagged and kept'}.")
    elif name == "quality":
        rules = p.get("rules") or {}
        on = [r for r in rules.values() if isinstance(r, dict) and r.get("enabled", True)]
        nd = sum(1 for r in on if r.get("action") == "drop")
        nflag = sum(v for k, v in fr.items() if k.startswith("quality:"))
        what = L(lang, f"计算长度、重复、符号比例、乱码、语序等质量信号，按 {len(on)} 条规则判定（{nd} 条剔除、{len(on) - nd} 条仅标记）；"
                       f"保留语料中共有 {nflag} 个仅标记的质量标记。",
                 f"Computes length, repetition, symbol, encoding and word-order signals and applies {len(on)} rules "
                 f"({nd} drop, {len(on) - nd} flag only); {nflag} flag-only quality flags remain on kept records.")
    elif name == "language":
        allowed = _list([term("language", x, lang) for x in p.get("allowed") or []], lang)
        nl = sum(v for k, v in fr.items() if k.startswith("language:"))
        what = L(lang, f"识别语种（区分简体与繁体中文），允许的语种为{allowed}；其他语种的记录"
                       f"{'剔除' if p.get('action') == 'drop' else '标记'}，本次标记 {nl} 条。",
                 f"Identifies the language (Simplified and Traditional Chinese told apart); allowed: {allowed}; other "
                 f"languages are {'dropped' if p.get('action') == 'drop' else 'flagged'} ({nl} flagged this run).")
    elif name == "dedup":
        what = L(lang, f"剔除完全重复，并以 MinHash 局部敏感哈希（{p.get('num_perm')} 个排列、{p.get('ngram')} 字符片段、相似度阈值 "
                       f"{g(p.get('threshold'))}）剔除近似重复，每个重复簇按来源优先级保留一条。",
                 f"Drops exact duplicates and, by MinHash LSH ({p.get('num_perm')} permutations, {p.get('ngram')}-character "
                 f"shingles, similarity {g(p.get('threshold'))}), near duplicates; one record per cluster is kept by "
                 "source priority.")
    else:
        what = L(lang, "见清单中的参数。", "See the manifest for its parameters.")
    head = L(lang, f"第{_cn_num(i)}步　{term('step', name, lang)}：", f"Step {i}. {term('step', name, lang)}: ")
    return head + what + L(lang, "", " ") + effect + L(lang, "。", ".")


def _cn_num(i: int) -> str:
    digits = "零一二三四五六七八九"
    if i <= 10:
        return "十" if i == 10 else digits[i]
    return ("" if i < 20 else digits[i // 10]) + "十" + (digits[i % 10] if i % 10 else "")


# ---------------------------------------------------------------- 六、局限与说明

def _limits_section(m: dict[str, Any], lang: str, ann: dict[str, Any] | None) -> list[Block]:
    items: list[str] = []
    mode = str(m["pii"].get("mode"))
    undetectable = _list([zh if lang == "zh" else en for zh, en in UNDETECTED_SENSITIVE], lang)
    items.append(L(lang, f"个人信息识别无法发现以下敏感个人信息类别：{undetectable}。",
                   f"Personal-information detection cannot find these sensitive categories: {undetectable}."))
    if not mode.startswith("ner"):
        items.append(L(lang, "本次未启用命名实体识别模型：姓名、住址等需理解上下文的类型只能依靠规则和上下文线索识别，"
                             "外文姓名和地点不能识别，存在漏检。",
                       "No named-entity model was used: names and addresses are found only by rules and context "
                       "cues, non-Chinese names and locations not at all, so some are missed."))
    fr = m["totals"]["flagged_by_reason"]
    q = sum(v for k, v in fr.items() if k.startswith("quality:"))
    c = sum(v for k, v in fr.items() if k.startswith("copyright:"))
    lg = sum(v for k, v in fr.items() if k.startswith("language:"))
    items.append(L(lang, f"标记但保留在语料中的记录：质量规则标记 {q} 个、知识产权冲突标记 {c} 个、语种不在允许范围标记 {lg} 个"
                         "（一条记录可有多个标记）；这些记录未被剔除，需按用途决定是否复核或排除。",
                   f"Flagged but kept: {q} quality flags, {c} copyright-conflict flags, {lg} language flags (a record "
                   "can carry several); these records were not removed and need review for their use."))
    rej = [s for s in m["sources"] if s["status"] == "rejected"]
    if rej:
        items.append(L(lang, "不予采用的来源（记录已全部剔除）：" + _list(
            [f"{s['id']}（{_list([term('rejection', r, lang) for r in s['rejection_reasons']], lang)}）" for s in rej], lang) + "。",
            "Rejected sources (all records dropped): " + _list(
                [f"{s['id']} ({_list([term('rejection', r, lang) for r in s['rejection_reasons']], lang)})" for s in rej], lang) + "."))
    n_terms, _ = _lexicon(m)
    if n_terms < LEXICON_MIN_TERMS:
        items.append(L(lang, f"违法不良信息关键词库仅 {n_terms} 个词条，少于 TC260-003 第 8.1 条要求的 {LEXICON_MIN_TERMS} 个；"
                             "过滤效果以该词库为限，且未使用分类模型。",
                       f"The screening lexicon has {n_terms} terms, fewer than the {LEXICON_MIN_TERMS} TC260-003 §8.1 asks "
                       "for; screening is only as good as the lexicon, and no classifier is used."))
    acc = _acc(m)
    if not acc:
        items.append(L(lang, "尚未完成 TC260-003 第 9.2 条的人工抽检验收。", "The TC260-003 §9.2 manual acceptance check is not yet done."))
    elif not acc.get("accepted"):
        items.append(L(lang, "人工抽检验收不合格：" + _list([term("acceptance", r, lang) for r in acc.get("reasons") or []], lang) + "。",
                       "Manual acceptance not accepted: " + _list([term("acceptance", r, lang) for r in acc.get("reasons") or []], lang) + "."))
    if ann and not ann.get("passed"):
        items.append(L(lang, f"标注质量审核未通过（{len(ann['findings_by_code'])} 类发现，见第四部分）。",
                       f"The annotation audit failed ({len(ann['findings_by_code'])} kinds of finding, section 4)."))
    failed = [g for g in m["gates"] if not g["passed"]]
    if failed:
        items.append(L(lang, "未通过的检查项：" + _list([gate_name(g["name"], lang) for g in failed], lang) + "。",
                       "Failed checks: " + _list([gate_name(g["name"], lang) for g in failed], lang) + "."))
    undeclared = [s["id"] for s in m["sources"] if not _region(s)]
    if undeclared:
        items.append(L(lang, "以下来源未申报境内或境外：" + _list(undeclared, lang) + "。",
                       "Region not declared for: " + _list(undeclared, lang) + "."))
    pv = (m["config"].get("provider") or {})
    miss = [L(lang, zh, en) for key, zh, en in (("name", "提供者名称", "provider"), ("responsible_person", "安全责任人", "responsible person"),
                                                ("contact", "联系方式", "contact"), ("ip_responsible_person", "知识产权负责人", "IP responsible person"))
            if not pv.get(key)]
    if miss:
        items.append(L(lang, "运行配置未填写：" + _list(miss, lang) + "。", "Not given in the run config: " + _list(miss, lang) + "."))
    items.append(L(lang, "词元数为估算值；领域和模态按来源申报统计，未逐条识别。",
                   "Token counts are estimates; domain and modality are as declared per source, not detected per record."))
    return [("h2", L(lang, "六、局限与说明", "6. Limits")), ("ul", items)]


# ---------------------------------------------------------------- 附录

def _gate_detail(gt: dict[str, Any], m: dict[str, Any], lang: str) -> str:
    kind, _, rest = gt["name"].partition(":")
    src = next((s for s in m["sources"] if s["id"] == rest), None)
    if kind == "source_screening" and src:
        sc = src["screening"]
        return L(lang, f"命中比例 {pct(sc['hits'], sc['records'])}（{sc['hits']}/{sc['records']}），阈值 {pct(sc['threshold'], 1)}",
                 f"share {pct(sc['hits'], sc['records'])} ({sc['hits']}/{sc['records']}), threshold {pct(sc['threshold'], 1)}")
    if kind == "source_evidence" and src:
        probs = [r for r in src["rejection_reasons"] if r != "screening_rate_exceeded"]
        return (L(lang, "材料齐全", "evidence complete") if not probs
                else _list([term("rejection", r, lang) for r in probs], lang))
    if kind == "accounting":
        t = m["totals"]
        return L(lang, f"读取 {t['read']} = 保留 {t['kept']} + 剔除 {t['dropped']} + 异常 {t['deadlettered']}",
                 f"read {t['read']} = kept {t['kept']} + dropped {t['dropped']} + malformed {t['deadlettered']}")
    if kind == "annotation_audit":
        return L(lang, "见第四部分", "see section 4")
    if kind == "expectation":
        tail = gt["detail"].rsplit("observed ", 1)
        if len(tail) != 2:
            return "—"
        try:
            obs = g(float(tail[1])) if "." in tail[1] else tail[1]
        except ValueError:
            obs = tail[1]
        return L(lang, f"观测值 {obs}", f"observed {obs}")
    return "—"


def _appendix(m: dict[str, Any], lang: str, manifest_sha256: str | None) -> list[Block]:
    grows = [[gate_name(g["name"], lang), g.get("article", "—"), _yn(g["critical"], lang),
              L(lang, "通过", "passed") if g["passed"] else L(lang, "未通过", "failed"), _gate_detail(g, m, lang)]
             for g in m["gates"]]
    o = m["outputs"]
    mk = o["merkle"]
    prev = m.get("previous_manifest")
    prev_s = f"{prev.get('path')} (SHA-256 {prev.get('sha256')})" if prev else L(lang, "无", "none")
    irows = [[L(lang, "默克尔树根（语料）", "Corpus Merkle root"), mk.get("corpus_root")],
             [L(lang, "叶子数（保留记录）", "Leaves (kept records)"), num(mk.get("leaves"))],
             [L(lang, "输出文件数", "Output files"), num(len(o["files"]))],
             [L(lang, "输出字节数", "Output bytes"), num(sum(f["bytes"] for f in o["files"]))],
             [L(lang, "上一版清单", "Previous manifest"), prev_s]]
    if manifest_sha256:
        irows.append([L(lang, "清单文件 SHA-256", "manifest.json SHA-256"), manifest_sha256])
    files = [[f["path"], L(lang, {"run_config": "运行配置", "source_registry": "来源登记表", "policy": "处理策略",
                                  "screening_lexicon": "违法不良信息关键词库", "annotation_config": "标注审核配置"}.get(
                                      f.get("role", ""), "其他"), f.get("role", "")), f["sha256"]] for f in m["config"]["files"]]
    return [("h2", L(lang, "附录一　检查项结果", "Appendix 1. Checks")),
            ("table", "gates", [L(lang, "检查项", "Check"), L(lang, "条款", "Article"), L(lang, "关键", "Critical"),
                                L(lang, "结果", "Result"), L(lang, "说明", "Detail")], grows),
            ("h2", L(lang, "附录二　完整性与配置文件", "Appendix 2. Integrity and configuration")),
            ("p", L(lang, "保留语料的每条记录是默克尔树（RFC 6962）的一个叶子；运行目录的全部文件由签名证明文件覆盖，可用 corpusgov verify 离线核验。",
                    "Each kept record is a leaf of a Merkle tree (RFC 6962); every file of the run is covered by the "
                    "attestation and can be checked offline with corpusgov verify.")),
            ("table", "integrity", [L(lang, "项目", "Item"), L(lang, "内容", "Value")], irows),
            ("table", "config_files", [L(lang, "文件", "File"), L(lang, "用途", "Role"), "SHA-256"], files)]


# ---------------------------------------------------------------- EU summary (its own file)

def build_eu_blocks(m: dict[str, Any]) -> list[Block]:
    """EU AI Act Art. 53(1)(d) training-content summary (template of July 2025), in English."""
    kept_total = m["totals"]["kept"]
    pv = (m["config"].get("provider") or {})
    mods = m["scale"]["by_modality"]
    size = "; ".join(f"{k}: {v['records']} records, {v['bytes']} bytes, {v['est_tokens']} est. tokens" for k, v in mods.items())
    periods = [f"{s['id']}: {_period(s)}" for s in m["sources"] if _period(s) != "—"]
    general = [["Provider", pv.get("name") or "to be filled in by the provider"],
               ["Contact", pv.get("contact") or "to be filled in by the provider"],
               ["Model", "to be filled in by the provider"],
               ["Modalities", ", ".join(m["type"].get("modalities", []))], ["Size per modality (kept)", size],
               ["Languages (kept records)", ", ".join(f"{k}: {v}" for k, v in sorted(m["type"].get("languages", {}).items()))],
               ["Collection period", "; ".join(periods) or "not given"]]
    out: list[Block] = [("h1", f"EU AI Act Art. 53(1)(d) training-content summary — {m['run']['name']}"),
                        ("p", "Fields of the European Commission's July 2025 template, taken from this run's manifest "
                              "(manifest.json). Model details are not in the manifest and must be added by the provider."),
                        ("h2", "1. General information"), ("table", "eu_general", ["Field", "Value"], general),
                        ("h2", "2. List of data sources")]
    kinds = (("2.1 Publicly available datasets (open licence, public domain)", ("open_licence", "public_domain")),
             ("2.2 Private datasets licensed from rightsholders (commercial)", ("commercial",)),
             ("2.3 Data crawled and scraped from online sources (self-collected)", ("self_collected",)),
             ("2.4 User data (authorised)", ("user_authorised",)), ("2.5 Synthetic data", ("synthetic",)))
    for title, acqs in kinds:
        srcs = [s for s in m["sources"] if s["acquisition"] in acqs]
        out.append(("h3", title))
        if not srcs:
            out.append(("p", "No source of this kind."))
            continue
        rows = [[s["id"], s["title"], s.get("licence") or "—", s["status"], num(s["counts"]["kept"]),
                 pct(s["counts"]["kept"], kept_total)] for s in srcs]
        out.append(("table", f"eu_{acqs[0]}", ["Source", "Title", "Licence", "Status", "Kept", "Share of kept records"], rows))
        if "self_collected" in acqs:
            crows = []
            for s in srcs:
                sc = (s.get("registry_entry") or {}).get("self_collected") or {}
                crows.append([s["id"], sc.get("crawler") or "—", _period(s), sc.get("robots_txt") or "—",
                              sc.get("opt_out_handling") or "not given"])
            out += [("table", "eu_crawlers", ["Source", "Crawler", "Period", "robots.txt", "Opt-out handling"], crows),
                    ("p", "Top domains: not derivable from the manifest, which records no URLs (they are in the "
                          "corpus's url column).")]
    pol = m["config"].get("policy") or {}
    cr = pol.get("copyright") or {}
    dr, fr = m["totals"]["dropped_by_reason"], m["totals"]["flagged_by_reason"]
    scr = pol.get("screening") or {}
    opt = [["copyright detection enabled", num(cr.get("enabled"))], ["opt-out action", str(cr.get("opt_out_action"))],
           ["conflict action", str(cr.get("conflict_action"))],
           ["records dropped for an opt-out", num(dr.get("copyright:opt_out", 0))],
           ["records flagged for an opt-out", num(fr.get("copyright:opt_out", 0))]]
    ill = [["screening enabled", num(scr.get("enabled"))], ["source threshold", num(scr.get("max_hit_rate"))],
           ["records dropped for a lexicon hit", num(dr.get("screening:lexicon_hit", 0))],
           ["records of sources rejected for their share", num(dr.get("source_rejected:screening_rate_exceeded", 0))]]
    other = [[s["name"], num(s["records_in"]), num(s["records_out"])] for s in m["steps"]]
    out += [("h2", "3. Data processing"), ("h3", "3.1 Respect of reservations of rights (TDM opt-out)"),
            ("table", "eu_optout", ["Field", "Value"], opt), ("h3", "3.2 Removal of illegal content"),
            ("table", "eu_illegal", ["Field", "Value"], ill), ("h3", "3.3 Other processing"),
            ("table", "eu_other", ["Step", "In", "Out"], other)]
    return out


# ---------------------------------------------------------------- renderers

def _md_cell(v: Any) -> str:
    s = str(v).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    # Markdown viewers render raw HTML: neutralise it so untrusted names cannot inject markup.
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_text(v: str) -> str:
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_markdown(blocks: Iterable[Block]) -> str:
    out: list[str] = []
    for blk in blocks:
        kind = blk[0]
        if kind in ("h1", "h2", "h3"):
            out.append(f"{'#' * int(kind[1])} {_md_text(blk[1])}\n")
        elif kind == "p":
            out.append(_md_text(blk[1]) + "\n")
        elif kind == "ul":
            out += [f"- {_md_text(x)}" for x in blk[1]] + [""]
        else:
            _, name, head, rows = blk
            out.append(f"<!-- table: {name} -->")
            out.append("| " + " | ".join(_md_cell(h) for h in head) + " |")
            out.append("|" + "|".join("---" for _ in head) + "|")
            out += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
            if not rows:
                out.append("| " + " | ".join("—" for _ in head) + " |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


# Tables never squeeze a Chinese column to one character per line: cells keep a minimum width, headers and
# numbers do not wrap, a wide table scrolls sideways, and only hashes may break anywhere.
CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",system-ui,sans-serif;
margin:2em auto;max-width:1200px;padding:0 1.2em;color:#1d2430;line-height:1.7}
h1{font-size:1.55em;border-bottom:2px solid #2b5797;padding-bottom:.3em}h2{margin-top:1.8em;color:#2b5797}
h3{margin-top:1.3em}p{text-align:justify}li{margin:.25em 0}
.t{overflow-x:auto;margin:.6em 0 1.2em}
table{border-collapse:collapse;font-size:.9em}
th,td{border:1px solid #cfd6e0;padding:.35em .6em;text-align:left;vertical-align:top;min-width:4.5em;
overflow-wrap:normal;word-break:normal}
th{background:#eef2f8;white-space:nowrap}tr:nth-child(even) td{background:#fafbfd}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;min-width:0}
td.h{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.82em;word-break:break-all;min-width:16em}
td.w{min-width:14em}
"""


def _is_num(s: str) -> bool:
    try:
        float(s.rstrip("%"))
        return True
    except ValueError:
        return False


def _cell_class(s: str) -> str:
    if _is_num(s) or s in ("—", "true", "false"):
        return ' class="n"'
    if len(s) >= 40 and " " not in s and "，" not in s:
        return ' class="h"'
    if len(s) > 24:
        return ' class="w"'
    return ""


def render_html(blocks: Iterable[Block], lang: str, title: str) -> str:
    e = html.escape
    parts = [f'<!DOCTYPE html>\n<html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
             '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
             f"<title>{e(title)}</title><style>{CSS}</style></head><body>"]
    for blk in blocks:
        kind = blk[0]
        if kind in ("h1", "h2", "h3", "p"):
            parts.append(f"<{kind}>{e(str(blk[1]))}</{kind}>")
        elif kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{e(str(x))}</li>" for x in blk[1]) + "</ul>")
        else:
            _, name, head, rows = blk
            parts.append(f'<div class="t"><table data-table="{e(name)}"><thead><tr>'
                         + "".join(f"<th>{e(str(h))}</th>" for h in head) + "</tr></thead><tbody>")
            for r in rows:
                parts.append("<tr>" + "".join(f"<td{_cell_class(str(c))}>{e(str(c))}</td>" for c in r) + "</tr>")
            parts.append("</tbody></table></div>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _read_json(path: str) -> dict[str, Any] | None:
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _sha256_file(path: str) -> str | None:
    if not os.path.exists(path):
        return None
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _write(path: str, text: str) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def write_reports(out_dir: str, manifest: dict[str, Any]) -> list[str]:
    """Write report.{zh,en,eu}.{md,html} into `out_dir`; returns the paths written."""
    manifest = json.loads(json.dumps(manifest, sort_keys=True))  # same report from memory or from disk
    metrics = _read_json(os.path.join(out_dir, "metrics.json"))
    msha = _sha256_file(os.path.join(out_dir, "manifest.json"))
    ann = annotation_view(out_dir, manifest)
    written = []
    docs = [(lang, build_blocks(manifest, lang, metrics, msha, ann)) for lang in LANGS]
    docs.append(("eu", build_eu_blocks(manifest)))
    for lang, blocks in docs:
        title = str(blocks[0][1])
        for ext, text in (("md", render_markdown(blocks)), ("html", render_html(blocks, "zh" if lang == "zh" else "en", title))):
            p = os.path.join(out_dir, f"report.{lang}.{ext}")
            _write(p, text)
            written.append(p)
    return written
