"""Regulator reports of a run: the Chinese filing, its English translation, and the EU summary.

`report.zh.*` is structured as what a provider files for 备案/安全评估 of training data: TC260-003 (GB/T
45654) 语料来源安全、语料内容安全、语料标注安全, then Art. 19's 来源、规模、类型、标注规则、算法机制机理 and an
explicit list of limits. `report.en.*` is the same filing in English (one block list per language, so the
two cannot disagree on a number); `report.eu.*` is the EU AI Act Art. 53(1)(d) training-content summary.
Everything is read from the manifest, `metrics.json` and the SHA-256-verified annotation audit: no corpus
text is read, so no personal information can leak. Codes are translated through `lineage.glossary`.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from corpusgov.lineage.glossary import UNDETECTED_SENSITIVE, gate_name, reason, term
from corpusgov.lineage.hashing import file_sha256
from corpusgov.lineage.report_annotation import annotation_section, annotation_view, taxonomy_gaps
from corpusgov.lineage.report_content import content_security
from corpusgov.lineage.report_eu import build_eu_blocks
from corpusgov.lineage.report_render import CSS, Block, render_html, render_markdown
from corpusgov.lineage.report_sources import lexicon_of, source_security
from corpusgov.lineage.report_text import (
    L,
    acceptance_of,
    article,
    beijing_time,
    cn_num,
    g,
    listing,
    num,
    paren,
    pct,
    rate,
    read_json,
    region_of,
    sep,
    yes_no,
)

__all__ = ["CSS", "LANGS", "REPORT_FILES", "annotation_view", "beijing_time", "build_blocks", "build_eu_blocks",
           "render_html", "render_markdown", "taxonomy_gaps", "write_reports"]

LANGS = ("zh", "en")
REPORT_FILES = tuple(f"report.{lang}.{ext}" for lang in ("zh", "en", "eu") for ext in ("md", "html"))
LEXICON_MIN_TERMS = 10000  # TC260-003 §8.1: a screening lexicon of at least 10,000 terms


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
    b += source_security(m, lang)
    b += content_security(m, lang, metrics)
    b += annotation_section(annotation, lang)
    b += _art19_section(m, lang)
    b += _limits_section(m, lang, annotation)
    b += _appendix(m, lang, manifest_sha256)
    return b


def _info_section(m: dict[str, Any], lang: str, manifest_sha256: str | None) -> list[Block]:
    pv = (m.get("config") or {}).get("provider") or {}
    missing = L(lang, "未填写", "not given")
    chain = m.get("chain") or {}
    acc = acceptance_of(m)
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
    dom = [s for s in srcs if region_of(s) == "domestic"]
    ovs = [s for s in srcs if region_of(s) == "overseas"]
    sc = m["scale"]
    chars = sum(v["chars"] for v in sc["by_source"].values())
    tokens = sum(v["est_tokens"] for v in sc["by_source"].values())
    langs = sorted(sc["by_language"].items(), key=lambda kv: (-kv[1]["records"], kv[0]))
    lang_txt = listing([f"{term('language', k, lang)} {pct(v['records'], t['kept'])}" for k, v in langs[:3]], lang)
    failed = [g for g in m["gates"] if not g["passed"]]
    acc = acceptance_of(m)
    if acc:
        acc_txt = L(lang, "结论为", "result: ") + term(
            "acceptance", acc.get("status") or ("accepted" if acc.get("accepted") else "not_accepted"), lang)
    else:
        acc_txt = L(lang, "验收尚未进行", "not yet done")
    ann_txt = (L(lang, "未进行", "not run") if not ann else
               (L(lang, "通过", "passed") if ann.get("passed") else L(lang, "未通过", "failed")))
    p = L(lang,
          f"本批语料共读取 {t['read']} 条记录，来自 {len(srcs)} 个来源（境内 {len(dom)} 个、境外 {len(ovs)} 个"
          f"{'、未申报 ' + str(len(srcs) - len(dom) - len(ovs)) + ' 个' if len(srcs) > len(dom) + len(ovs) else ''}），"
          f"其中 {len(rejected)} 个来源不予采用。经处理保留 {t['kept']} 条（占读取记录的 {pct(t['kept'], t['read'])}），"
          f"剔除 {t['dropped']} 条，异常数据 {t['deadlettered']} 条。保留语料共 {chars} 个字符，估算 {tokens} 个词元，"
          f"主要语种为{lang_txt}。{len(m['gates'])} 项检查中 {len(m['gates']) - len(failed)} 项通过、{len(failed)} 项未通过"
          f"（见附录一）；标注质量审核{ann_txt}；人工抽检{acc_txt}。",
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
    trows = [[L(lang, "模态", "Modality"), paren(term("modality", mo, lang), mo, lang),
              num(sc["by_modality"].get(mo, {}).get("records"))] for mo in ty.get("modalities", [])]
    for key, cat, label in (("domains", "domain", L(lang, "领域", "Domain")),
                            ("acquisition_types", "acquisition", L(lang, "获取方式", "Acquisition")),
                            ("languages", "language", L(lang, "语种", "Language"))):
        trows += [[label, paren(term(cat, k, lang), k, lang), num(v)] for k, v in sorted((ty.get(key) or {}).items())]
    out: list[Block] = [("h2", L(lang, "五、训练数据说明（《暂行办法》第十九条）", "5. Art. 19 items")),
                        ("p", L(lang, "来源见第二部分，标注规则见第四部分；以下说明规模、类型和算法机制机理。",
                                "Sources: section 2; annotation rules: section 4. Scale, type and algorithm mechanism follow.")),
                        ("h3", L(lang, "（一）规模", "5.1 Scale")), ("p", tok),
                        ("table", "scale_by_source", [L(lang, "来源编号", "Source")] + cols, by_src),
                        ("table", "scale_by_language", [L(lang, "语种", "Language")] + cols,
                         _scale_rows(sc["by_language"], kept, lambda k: paren(term("language", k, lang), k, lang))),
                        ("table", "scale_by_modality", [L(lang, "模态", "Modality")] + cols,
                         _scale_rows(sc["by_modality"], kept, lambda k: paren(term("modality", k, lang), k, lang))),
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
    rows = [[paren(term("step", s["name"], lang), s["name"], lang), num(s["records_in"]), num(s["records_out"]),
             num(s["records_in"] - s["records_out"]),
             sep(lang).join(f"{reason(k, lang)} {v}" for k, v in sorted(s["dropped_by_reason"].items())) or "—"]
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
        detail = listing([f"{reason(k, lang)} {v} 条" if zh else f"{reason(k, lang)} {v}" for k, v in sorted(drops.items())], lang)
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
        what = L(lang, f"按 TC260-003 第 5.1 条核对每个来源的证明材料，并计算来源的违法不良信息命中比例（阈值 {rate(p.get('screening_max_hit_rate') or 0)}）；"
                       "不合格的来源整体不予采用。", f"Checks each source's evidence (TC260-003 §5.1) and its illegal/harmful share "
                       f"(threshold {rate(p.get('screening_max_hit_rate') or 0)}); a failing source is rejected whole.")
    elif name == "screening":
        act = p.get("record_action")
        what = L(lang, f"在采用的来源中逐条匹配违法不良信息关键词，命中的记录{'剔除' if act == 'drop' else '标记'}。",
                 f"Matches every record of accepted sources against the lexicon; matching records are "
                 f"{'dropped' if act == 'drop' else 'flagged'}.")
    elif name == "pii":
        n_masked = sum(v for k, v in fr.items() if k.startswith("pii:") and k.endswith(":mask"))
        what = L(lang, f"识别个人信息，方式为{term('pii_mode', str(p.get('mode')).split(':')[0], lang)}，最低置信度 {g(p.get('min_score'))}；"
                       f"按来源合法性基础和信息类型掩码替换或整条剔除，保留语料中共有 {n_masked} 个掩码标记。",
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
        allowed = listing([term("language", x, lang) for x in p.get("allowed") or []], lang)
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
    head = L(lang, f"第{cn_num(i)}步　{term('step', name, lang)}：", f"Step {i}. {term('step', name, lang)}: ")
    return head + what + L(lang, "", " ") + effect + L(lang, "。", ".")


# ---------------------------------------------------------------- 六、局限与说明

def _limits_section(m: dict[str, Any], lang: str, ann: dict[str, Any] | None) -> list[Block]:
    items: list[str] = []
    mode = str(m["pii"].get("mode"))
    undetectable = listing([zh if lang == "zh" else en for zh, en in UNDETECTED_SENSITIVE], lang)
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
        items.append(L(lang, "不予采用的来源（记录已全部剔除）：" + listing(
            [f"{s['id']}（{listing([term('rejection', r, lang) for r in s['rejection_reasons']], lang)}）" for s in rej], lang) + "。",
            "Rejected sources (all records dropped): " + listing(
                [f"{s['id']} ({listing([term('rejection', r, lang) for r in s['rejection_reasons']], lang)})" for s in rej], lang) + "."))
    n_terms, _ = lexicon_of(m)
    if n_terms < LEXICON_MIN_TERMS:
        items.append(L(lang, f"违法不良信息关键词库仅 {n_terms} 个词条，少于 TC260-003 第 8.1 条要求的 {LEXICON_MIN_TERMS} 个；"
                             "过滤效果以该词库为限，且未使用分类模型。",
                       f"The screening lexicon has {n_terms} terms, fewer than the {LEXICON_MIN_TERMS} TC260-003 §8.1 asks "
                       "for; screening is only as good as the lexicon, and no classifier is used."))
    acc = acceptance_of(m)
    if not acc:
        items.append(L(lang, "尚未完成 TC260-003 第 9.2 条的人工抽检验收。", "The TC260-003 §9.2 manual acceptance check is not yet done."))
    elif not acc.get("accepted"):
        items.append(L(lang, "人工抽检验收不合格：" + listing([term("acceptance", r, lang) for r in acc.get("reasons") or []], lang) + "。",
                       "Manual acceptance not accepted: " + listing([term("acceptance", r, lang) for r in acc.get("reasons") or []], lang) + "."))
    if ann and not ann.get("passed"):
        items.append(L(lang, f"标注质量审核未通过（{len(ann['findings_by_code'])} 类发现，见第四部分）。",
                       f"The annotation audit failed ({len(ann['findings_by_code'])} kinds of finding, section 4)."))
    failed = [g for g in m["gates"] if not g["passed"]]
    if failed:
        items.append(L(lang, "未通过的检查项：" + listing([gate_name(g["name"], lang) for g in failed], lang) + "。",
                       "Failed checks: " + listing([gate_name(g["name"], lang) for g in failed], lang) + "."))
    undeclared = [s["id"] for s in m["sources"] if not region_of(s)]
    if undeclared:
        items.append(L(lang, "以下来源未申报境内或境外：" + listing(undeclared, lang) + "。",
                       "Region not declared for: " + listing(undeclared, lang) + "."))
    pv = (m["config"].get("provider") or {})
    miss = [L(lang, zh, en) for key, zh, en in (("name", "提供者名称", "provider"), ("responsible_person", "安全责任人", "responsible person"),
                                                ("contact", "联系方式", "contact"), ("ip_responsible_person", "知识产权负责人", "IP responsible person"))
            if not pv.get(key)]
    if miss:
        items.append(L(lang, "运行配置未填写：" + listing(miss, lang) + "。", "Not given in the run config: " + listing(miss, lang) + "."))
    items.append(L(lang, "词元数为估算值；领域和模态按来源申报统计，未逐条识别。",
                   "Token counts are estimates; domain and modality are as declared per source, not detected per record."))
    return [("h2", L(lang, "六、局限与说明", "6. Limits")), ("ul", items)]


# ---------------------------------------------------------------- 附录

def _gate_detail(gt: dict[str, Any], m: dict[str, Any], lang: str) -> str:
    kind, _, rest = gt["name"].partition(":")
    src = next((s for s in m["sources"] if s["id"] == rest), None)
    if kind == "source_screening" and src:
        sc = src["screening"]
        return L(lang, f"命中比例 {pct(sc['hits'], sc['records'])}（{sc['hits']}/{sc['records']}），阈值 {rate(sc['threshold'])}",
                 f"share {pct(sc['hits'], sc['records'])} ({sc['hits']}/{sc['records']}), threshold {rate(sc['threshold'])}")
    if kind == "source_evidence" and src:
        probs = [r for r in src["rejection_reasons"] if r != "screening_rate_exceeded"]
        return (L(lang, "材料齐全", "evidence complete") if not probs
                else listing([term("rejection", r, lang) for r in probs], lang))
    if kind == "accounting":
        t = m["totals"]
        return L(lang, f"读取 {t['read']} = 保留 {t['kept']} + 剔除 {t['dropped']} + 异常 {t['deadlettered']}",
                 f"read {t['read']} = kept {t['kept']} + dropped {t['dropped']} + malformed {t['deadlettered']}")
    if kind == "kept_share":
        mt = re.match(r"kept ([\d,]+) of ([\d,]+) records \(([\d.]+%); minimum ([\d.]+%)\)", gt["detail"])
        if mt:
            k, n, share, low = (x.replace(",", "") for x in mt.groups())
            return L(lang, f"保留 {k}/{n}（{share}），下限 {low}", f"kept {k}/{n} ({share}), minimum {low}")
        return "—"
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
    grows = [[gate_name(g["name"], lang), article(g.get("article", "—"), lang), yes_no(g["critical"], lang),
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





def _write(path: str, text: str) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def write_reports(out_dir: str, manifest: dict[str, Any]) -> list[str]:
    """Write report.{zh,en,eu}.{md,html} into `out_dir`; returns the paths written."""
    manifest = json.loads(json.dumps(manifest, sort_keys=True))  # same report from memory or from disk
    metrics = read_json(os.path.join(out_dir, "metrics.json"))
    mpath = os.path.join(out_dir, "manifest.json")
    msha = file_sha256(mpath) if os.path.exists(mpath) else None
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
