"""Regulator reports of a run, in Chinese and English, as Markdown and self-contained HTML.

They answer Art. 19 of the Interim Measures (训练数据来源、规模、类型、标注规则、算法机制机理) and carry the
fields of the EU AI Act Art. 53(1)(d) training-content summary template. Everything is read from the
manifest (and `metrics.json` when present): no corpus text is ever read, so no personal information can
leak, and every number is the manifest's own. Both languages are rendered from one language-neutral
block list, so the zh and en reports cannot disagree on a number.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Iterable
from typing import Any

# A block is ("h1"|"h2"|"h3"|"p", text) or ("table", name, headers, rows).
Block = tuple[Any, ...]

LANGS = ("zh", "en")

T: dict[str, tuple[str, str]] = {
    "title": ("训练数据说明报告", "Training-data report"),
    "intro": ("本报告依据《生成式人工智能服务管理暂行办法》第十九条，说明训练数据的来源、规模、类型、标注规则和算法机制机理。"
              "全部数字取自本次运行的清单（manifest.json），不含任何个人信息原文。",
              "This report explains the training data's source, scale, type, annotation rules and algorithm "
              "mechanism (Art. 19 of China's Interim Measures for Generative AI Services). Every number is taken "
              "from this run's manifest (manifest.json); it contains no raw personal information."),
    "run": ("运行信息", "Run"),
    "field": ("字段", "Field"), "value": ("值", "Value"),
    "run_id": ("运行 ID", "Run ID"), "name": ("名称", "Name"), "command": ("命令", "Command"),
    "started": ("开始时间", "Started"), "finished": ("结束时间", "Finished"), "status": ("状态", "Status"),
    "version": ("corpusgov 版本", "corpusgov version"), "commit": ("代码提交", "Git commit"),
    "runner": ("Beam 运行器", "Beam runner"), "config_files": ("配置文件", "Configuration files"),
    "path": ("路径", "Path"), "role": ("角色", "Role"),
    "s1": ("一、训练数据来源", "1. Sources"),
    "s1_note": ("每个来源的获取方式、许可、证明材料与处理结果（第七条第一项）。",
                "Acquisition, licence, evidence and outcome per source (Art. 7(1))."),
    "source": ("来源", "Source"), "title_col": ("标题", "Title"), "acquisition": ("获取方式", "Acquisition"),
    "licence": ("许可", "Licence"), "pi_basis": ("个人信息合法性基础", "PI legal basis"),
    "evidence": ("证明材料", "Evidence"), "src_status": ("状态", "Status"),
    "read": ("读取", "Read"), "kept": ("保留", "Kept"), "dropped": ("剔除", "Dropped"),
    "dead": ("死信", "Dead-lettered"), "files": ("文件数", "Files"), "in_bytes": ("输入字节", "Input bytes"),
    "total": ("合计", "Total"), "reason": ("原因", "Reason"), "count": ("数量", "Count"),
    "drop_reasons": ("剔除、标记与死信原因（按来源）", "Drop, flag and dead-letter reasons by source"),
    "screening": ("来源内容抽检（违法不良信息关键词）", "Source content screening (lexicon)"),
    "hits": ("命中", "Hits"), "hit_rate": ("命中率", "Hit rate"), "threshold": ("阈值", "Threshold"),
    "passed": ("通过", "Passed"), "records": ("记录数", "Records"),
    "s2": ("二、训练数据规模", "2. Scale"),
    "s2_note": ("保留语料的规模。词元数为估算：", "Scale of the kept corpus. Tokens are estimated: "),
    "by_source": ("按来源", "By source"), "by_language": ("按语言", "By language"),
    "by_modality": ("按模态", "By modality"), "chars": ("字符数", "Characters"), "bytes": ("字节数", "Bytes"),
    "tokens": ("估算词元数", "Est. tokens"), "language": ("语言", "Language"), "modality": ("模态", "Modality"),
    "s3": ("三、训练数据类型", "3. Type"),
    "dimension": ("维度", "Dimension"), "category": ("类别", "Category"), "kept_records": ("保留记录数", "Kept records"),
    "domain": ("领域", "Domain"),
    "s4": ("四、标注规则", "4. Annotation rules"),
    "ann_na": ("不适用：本次运行的清单不含标注部分（未执行标注审核）。",
               "Not available: this run's manifest has no annotation section (no annotation audit was run)."),
    "ann_source": ("数据来源", "Taken from"),
    "ann_full": ("{path}（已按清单核对 SHA-256）", "{path} (SHA-256 checked against the manifest)"),
    "ann_summary": ("清单中的摘要", "the manifest's summary"),
    "rules_docs": ("标注规则文件（按哈希标识）", "Rule documents (identified by hash)"),
    "task": ("任务", "Task"), "kind": ("类型", "Kind"), "batches": ("批次", "Batches"),
    "batch": ("批次", "Batch"), "items": ("条目", "Items"), "accuracy": ("准确率", "Accuracy"),
    "ci": ("95% 置信区间", "95% interval"), "agreement": ("一致性 (Fleiss κ / Krippendorff α)",
                                                  "Agreement (Fleiss κ / Krippendorff α)"),
    "audit_summary": ("标注审核结论", "Audit outcome"), "findings": ("发现", "Findings"),
    "unreliable": ("需复核的标注员（假名编号）", "Annotators to review (pseudonymous ids)"),
    "s5": ("五、算法机制机理（处理步骤）", "5. Algorithm mechanism (processing steps)"),
    "s5_note": ("按管道顺序列出每一步的参数摘要与作用（输入/输出记录数与剔除原因）。",
                "Each pipeline step in order, with a parameter summary and its effect (records in/out, drops by reason)."),
    "step": ("步骤", "Step"), "params": ("参数摘要", "Parameters"), "rec_in": ("输入", "In"),
    "rec_out": ("输出", "Out"), "dropped_by": ("剔除（原因: 数量）", "Dropped (reason: count)"),
    "s6": ("六、个人信息处理摘要", "6. Personal information summary"),
    "pi_note": ("仅计数；个人信息以带密钥哈希记录，原值从不存储。识别方式：",
                "Counts only; values are recorded as keyed hashes and never stored. Detection mode: "),
    "entity": ("类型", "Entity type"), "action": ("处理", "Action"),
    "pi_by_type": ("检出数（按来源与类型）", "Findings by source and type"),
    "pi_by_action": ("涉及记录（按来源与处理方式）", "Records by source and action"),
    "s7": ("七、知识产权（版权与许可标记）摘要", "7. Copyright and licence summary"),
    "cr_class": ("标记类别", "Marker class"), "cr_by_class": ("标记数（按来源与类别）", "Markers by source and class"),
    "cr_conflicts": ("冲突与保留（按来源）", "Conflicts and reservations by source"),
    "s8": ("八、质量、多样性与去重", "8. Quality, diversity and de-duplication"),
    "q_rules": ("质量规则未通过记录数（全部来源）", "Records failing each quality rule (all sources)"),
    "rule": ("规则", "Rule"), "failed": ("未通过", "Failed"), "q_dropped": ("因此剔除", "Dropped for it"),
    "dedup": ("去重", "De-duplication"), "metric": ("指标", "Metric"),
    "exact": ("精确重复剔除", "Exact duplicates dropped"), "near": ("近似重复剔除", "Near duplicates dropped"),
    "clusters": ("重复簇", "Duplicate clusters"), "dedup_params": ("参数", "Parameters"),
    "diversity": ("多样性（各阶段后）", "Diversity (after each stage)"), "stage": ("阶段", "Stage"),
    "ent_lang": ("语言熵", "Language entropy"), "ent_src": ("来源熵", "Source entropy"),
    "ent_dom": ("领域熵", "Domain entropy"), "ngrams": ("不同词/字三元组", "Distinct words / char trigrams"),
    "gates": ("关卡结果", "Gate outcomes"), "gate": ("关卡", "Gate"), "article": ("条款", "Article"),
    "critical": ("关键", "Critical"), "detail": ("说明", "Detail"),
    "lang_metrics": ("语言分布熵（读取 / 保留）", "Language entropy (read / kept)"),
    "s9": ("九、完整性", "9. Integrity"),
    "merkle_alg": ("Merkle 算法", "Merkle algorithm"), "merkle_root": ("语料 Merkle 根", "Corpus Merkle root"),
    "leaves": ("叶子数", "Leaves"), "out_files": ("输出文件数", "Output files"),
    "out_bytes": ("输出字节数", "Output bytes"), "prev": ("上一版清单", "Previous manifest"),
    "manifest_sha": ("manifest.json SHA-256", "manifest.json SHA-256"), "none": ("无", "none"),
    "s10": ("十、欧盟《人工智能法》第53(1)(d)条训练内容摘要", "10. EU AI Act Art. 53(1)(d) training-content summary"),
    "eu_note": ("按欧盟委员会 2025 年 7 月公布的模板字段整理；提供者与模型信息不在清单中，需由提供者补充。",
                "Fields of the European Commission's July 2025 template; provider and model details are not in the "
                "manifest and must be added by the provider."),
    "eu1": ("1. 一般信息", "1. General information"),
    "eu_modalities": ("模态", "Modalities"), "eu_size": ("各模态规模（保留）", "Size per modality (kept)"),
    "eu_langs": ("语言", "Languages"), "eu_period": ("数据采集时间", "Collection period"),
    "eu_provider": ("提供者 / 模型", "Provider / model"), "eu_by_provider": ("由提供者填写", "to be filled in by the provider"),
    "eu2": ("2. 数据来源", "2. List of data sources"),
    "eu_public": ("2.1 公开数据集（开放许可、公有领域）", "2.1 Publicly available datasets (open licence, public domain)"),
    "eu_licensed": ("2.2 经许可的私有数据（商业采购）", "2.2 Private datasets licensed from rightsholders (commercial)"),
    "eu_crawled": ("2.3 爬取的网络数据（自采）", "2.3 Data crawled and scraped from online sources (self-collected)"),
    "eu_user": ("2.4 用户数据（经授权）", "2.4 User data (authorised)"),
    "eu_synth": ("2.5 合成数据", "2.5 Synthetic data"),
    "eu_share": ("占保留记录比例", "Share of kept records"),
    "eu_none": ("无此类来源。", "No source of this kind."),
    "eu_domains": ("主要域名：清单不记录网址，无法从清单得出（域名见语料的 url 列）。",
                   "Top domains: not derivable from the manifest, which records no URLs (they are in the corpus's "
                   "url column)."),
    "crawler": ("爬虫", "Crawler"), "period": ("时间", "Period"), "robots": ("robots.txt", "robots.txt"),
    "opt_out_h": ("退出（opt-out）处理", "Opt-out handling"),
    "eu3": ("3. 数据处理", "3. Data processing"),
    "eu_optout": ("3.1 权利保留（文本与数据挖掘退出）", "3.1 Respect of reservations of rights (TDM opt-out)"),
    "eu_illegal": ("3.2 违法内容的去除", "3.2 Removal of illegal content"),
    "eu_other": ("3.3 其他处理", "3.3 Other processing"),
    "yes": ("是", "yes"), "no": ("否", "no"), "na": ("不适用", "n/a"),
    "not_given": ("未提供", "not given"),
    "q_eval": ("质量规则与语种识别在真实文本上的评测（本版本）", "Quality rules and language ID on real text (this release)"),
    "q_eval_note": ("由 make eval 在真实文本开发集及其派生的垃圾文本上测得；数据、文档数、日期：",
                    "Measured by make eval on the real-text development set and junk made from it; data, documents, date:"),
    "q_eval_set": ("评测集", "Set"), "q_eval_rate": ("比例", "Rate"), "q_eval_target": ("目标", "Target"),
    "q_eval_met": ("达标", "Met"),
}


def t(key: str, lang: str) -> str:
    zh, en = T[key]
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


def _yn(v: Any, lang: str) -> str:
    return t("yes", lang) if v else t("no", lang)


def _reasons(d: dict[str, int] | None) -> str:
    return "; ".join(f"{k}: {v}" for k, v in sorted((d or {}).items())) or "—"


def _short_hash(h: str | None) -> str:
    return h or "—"


def evidence_of(entry: dict[str, Any]) -> str:
    """The evidence the registry recorded for a source's acquisition type (file hashes, refs), as one line."""
    parts: list[str] = []

    def doc(label: str, ev: dict[str, Any] | None) -> None:
        if not ev:
            return
        bits = [b for b in (ev.get("file"), ev.get("url")) if b]
        if ev.get("sha256"):
            bits.append(f"sha256 {ev['sha256']}")
        parts.append(f"{label}: " + ", ".join(bits) if bits else label)

    doc("licence", entry.get("licence_evidence"))
    c = entry.get("commercial") or {}
    if c:
        if c.get("contract_ref"):
            parts.append(f"contract {c['contract_ref']}")
        if c.get("supplier"):
            parts.append(f"supplier {c['supplier']}")
        doc("contract", c.get("contract_evidence"))
        if c.get("supplier_commitments"):
            parts.append(f"{len(c['supplier_commitments'])} supplier commitment(s)")
    u = entry.get("user_authorised") or {}
    if u:
        doc("authorisation", u.get("authorisation_record"))
        if u.get("terms_version"):
            parts.append(f"terms {u['terms_version']}")
    s = entry.get("self_collected") or {}
    if s:
        if s.get("crawler"):
            parts.append(f"crawler {s['crawler']}")
        if s.get("robots_txt"):
            parts.append(f"robots.txt {s['robots_txt']}")
    y = entry.get("synthetic") or {}
    if y:
        if y.get("generator"):
            parts.append(f"generator {y['generator']}")
        if y.get("generator_licence"):
            parts.append(f"generator licence {y['generator_licence']}")
    return "; ".join(parts) or "—"


def params_summary(name: str, params: dict[str, Any]) -> str:
    """A short, readable summary of a step's parameters (full values are in the manifest)."""
    if name == "quality" and isinstance(params.get("rules"), dict):
        rules = params["rules"]
        on = [r for r in rules.values() if isinstance(r, dict) and r.get("enabled", True)]
        drop = sum(1 for r in on if r.get("action") == "drop")
        return f"enabled={params.get('enabled')}; rules={len(on)} (drop {drop}, flag {len(on) - drop})"
    if name == "pii" and isinstance(params.get("actions"), dict):
        drops = sorted({f"{basis}:{ent}" for basis, acts in params["actions"].items() if isinstance(acts, dict)
                        for ent, act in acts.items() if act == "drop"})
        rest = {k: v for k, v in params.items() if k != "actions"}
        return _flat(rest) + (f"; drop when {', '.join(drops)}" if drops else "; mask all")
    if name == "dedup":
        keep = ("enabled", "threshold", "ngram", "num_perm", "bands", "rows", "lsh_bands", "lsh_rows", "seed")
        return _flat({k: params[k] for k in keep if k in params})
    return _flat(params)


def _flat(d: dict[str, Any], prefix: str = "", limit: int = 12) -> str:
    items: list[str] = []

    def walk(x: Any, p: str) -> None:
        if isinstance(x, dict):
            for k in sorted(x):
                walk(x[k], f"{p}.{k}" if p else str(k))
        elif isinstance(x, list):
            items.append(f"{p}=[{', '.join(str(i) for i in x[:6])}{', …' if len(x) > 6 else ''}]")
        else:
            items.append(f"{p}={x}")

    walk(d, prefix)
    more = f"; … (+{len(items) - limit})" if len(items) > limit else ""
    return "; ".join(items[:limit]) + more if items else "—"


# ---------------------------------------------------------------- blocks

def build_blocks(manifest: dict[str, Any], lang: str, metrics: dict[str, Any] | None = None,
                 manifest_sha256: str | None = None, annotation: dict[str, Any] | None = None) -> list[Block]:
    """The report as a language-specific list of blocks; the one place its content is decided.

    `annotation` is `annotation_view(...)`; when not given it is taken from the manifest's summary alone.
    """
    m = manifest
    if annotation is None:
        annotation = annotation_view(None, m)
    b: list[Block] = [("h1", f"{t('title', lang)} — {m['run']['name']}"), ("p", t("intro", lang))]
    b += _run_section(m, lang)
    b += _sources_section(m, lang)
    b += _scale_section(m, lang)
    b += _type_section(m, lang)
    b += _annotation_section(annotation, lang)
    b += _steps_section(m, lang)
    b += _pii_section(m, lang)
    b += _copyright_section(m, lang)
    b += _quality_section(m, lang, metrics)
    b += _integrity_section(m, lang, manifest_sha256)
    b += _eu_section(m, lang)
    return b


def _run_section(m: dict[str, Any], lang: str) -> list[Block]:
    r, c = m["run"], m["code"]
    rows = [[t("run_id", lang), r["run_id"]], [t("name", lang), r["name"]], [t("command", lang), r["command"]],
            [t("started", lang), r["started_at"]], [t("finished", lang), r["finished_at"]],
            [t("status", lang), r["status"]], [t("version", lang), c.get("corpusgov_version")],
            [t("commit", lang), c.get("git_commit") or "—"], [t("runner", lang), m["runner"].get("name")]]
    files = [[f["path"], f.get("role", ""), f["sha256"]] for f in m["config"]["files"]]
    return [("h2", t("run", lang)), ("table", "run", [t("field", lang), t("value", lang)], rows),
            ("h3", t("config_files", lang)),
            ("table", "config_files", [t("path", lang), t("role", lang), "SHA-256"], files)]


def _sources_section(m: dict[str, Any], lang: str) -> list[Block]:
    rows = []
    for s in m["sources"]:
        c = s["counts"]
        status = s["status"] + (f" ({', '.join(s['rejection_reasons'])})" if s["rejection_reasons"] else "")
        rows.append([s["id"], s["title"], s["acquisition"], s.get("licence") or "—", s["pi_legal_basis"],
                     evidence_of(s.get("registry_entry") or {}), status, num(c["read"]), num(c["kept"]),
                     num(c["dropped"]), num(c["deadlettered"]), num(len(s["files"])),
                     num(sum(f["bytes"] for f in s["files"]))])
    tot = m["totals"]
    rows.append([t("total", lang), "", "", "", "", "", "", num(tot["read"]), num(tot["kept"]), num(tot["dropped"]),
                 num(tot["deadlettered"]), num(sum(len(s["files"]) for s in m["sources"])),
                 num(sum(f["bytes"] for s in m["sources"] for f in s["files"]))])
    head = [t(k, lang) for k in ("source", "title_col", "acquisition", "licence", "pi_basis", "evidence",
                                 "src_status", "read", "kept", "dropped", "dead", "files", "in_bytes")]
    reasons = []
    for s in m["sources"]:
        c = s["counts"]
        for kind, d in (("drop", c["dropped_by_reason"]), ("flag", c["flagged_by_reason"]),
                        ("deadletter", c.get("deadlettered_by_reason") or {})):
            for k, v in sorted(d.items()):
                reasons.append([s["id"], kind, k, num(v)])
    scr = [[s["id"], num(s["screening"]["records"]), num(s["screening"]["hits"]), num(s["screening"]["hit_rate"]),
            num(s["screening"]["threshold"]), _yn(s["screening"]["passed"], lang)] for s in m["sources"]]
    return [("h2", t("s1", lang)), ("p", t("s1_note", lang)), ("table", "sources", head, rows),
            ("h3", t("drop_reasons", lang)),
            ("table", "source_reasons", [t("source", lang), t("kind", lang), t("reason", lang), t("count", lang)],
             reasons),
            ("h3", t("screening", lang)),
            ("table", "screening", [t("source", lang), t("records", lang), t("hits", lang), t("hit_rate", lang),
                                    t("threshold", lang), t("passed", lang)], scr)]


def _scale_rows(d: dict[str, dict[str, int]]) -> list[list[str]]:
    return [[k, num(v["records"]), num(v["chars"]), num(v["bytes"]), num(v["est_tokens"])] for k, v in d.items()]


def _scale_section(m: dict[str, Any], lang: str) -> list[Block]:
    sc = m["scale"]
    cols = [t("records", lang), t("chars", lang), t("bytes", lang), t("tokens", lang)]
    by_src = _scale_rows(sc["by_source"])
    total = {k: sum(v[k] for v in sc["by_source"].values()) for k in ("records", "chars", "bytes", "est_tokens")}
    by_src.append([t("total", lang)] + [num(total[k]) for k in ("records", "chars", "bytes", "est_tokens")])
    return [("h2", t("s2", lang)), ("p", t("s2_note", lang) + str(sc.get("token_estimate_method", "—"))),
            ("h3", t("by_source", lang)), ("table", "scale_by_source", [t("source", lang)] + cols, by_src),
            ("h3", t("by_language", lang)),
            ("table", "scale_by_language", [t("language", lang)] + cols, _scale_rows(sc["by_language"])),
            ("h3", t("by_modality", lang)),
            ("table", "scale_by_modality", [t("modality", lang)] + cols, _scale_rows(sc["by_modality"]))]


def _type_section(m: dict[str, Any], lang: str) -> list[Block]:
    ty = m["type"]
    rows = [[t("modality", lang), mo, num(m["scale"]["by_modality"].get(mo, {}).get("records"))]
            for mo in ty.get("modalities", [])]
    for key, label in (("domains", "domain"), ("acquisition_types", "acquisition"), ("languages", "language")):
        rows += [[t(label, lang), k, num(v)] for k, v in sorted((ty.get(key) or {}).items())]
    return [("h2", t("s3", lang)),
            ("table", "type", [t("dimension", lang), t("category", lang), t("kept_records", lang)], rows)]


def annotation_view(out_dir: str | None, manifest: dict[str, Any]) -> dict[str, Any] | None:
    """The run's annotation audit in one shape, or None when the manifest has no annotation section.

    The manifest carries a summary; when it names its full report (`annotation_audit.json`) and that file is
    one of the run's outputs with a matching SHA-256, the full report (intervals, annotators, agreement) is
    used instead. An unlisted or altered file is ignored, so nothing unverified reaches a report.
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
        "summary": {k: v for k, v in summary.items() if k != "findings_by_code"},
        "findings_by_code": fbc,
        "report_path": rel if full else None,
        "detail": (f"{rel} (SHA-256 checked against the manifest)" if full else "the manifest's summary"),
    }


def _annotation_section(view: dict[str, Any] | None, lang: str) -> list[Block]:
    out: list[Block] = [("h2", t("s4", lang))]
    if not view:
        return out + [("p", t("ann_na", lang))]
    src = (t("ann_full", lang).format(path=view["report_path"]) if view.get("report_path") else t("ann_summary", lang))
    out.append(("p", f"{t('ann_source', lang)}: {src}"))
    rf = [[f.get("path", ""), f.get("task", ""), f.get("kind", ""), f.get("version", ""), f.get("sha256", ""),
           ", ".join(f.get("batches", []))] for f in view["rules_files"]]
    out += [("h3", t("rules_docs", lang)),
            ("table", "annotation_rules", [t("path", lang), t("task", lang), t("kind", lang), "version", "SHA-256",
                                           t("batches", lang)], rf)]
    rows = []
    for bt in view["batches"]:
        acc = bt["accuracy"]
        rate = num(acc.get("rate"))
        if acc.get("n") is not None:
            rate += f" ({acc.get('successes')}/{acc.get('n')})"
        lo, hi = acc.get("ci_low"), acc.get("ci_high")
        ci = f"{num(lo)}–{num(hi)}" if lo is not None and hi is not None else "—"
        ag = bt.get("agreement") or {}
        agree = f"{num(ag.get('fleiss_kappa'))} / {num(ag.get('krippendorff_alpha_nominal'))}" if ag else "—"
        rows.append([bt.get("batch", ""), bt.get("status", ""), bt.get("task", "—"), num(bt.get("items")), rate, ci,
                     num(acc.get("threshold")), agree])
    out.append(("table", "annotation_batches",
                [t("batch", lang), t("src_status", lang), t("task", lang), t("items", lang), t("accuracy", lang),
                 t("ci", lang), t("threshold", lang), t("agreement", lang)], rows))
    flagged = [[bt.get("batch", ""), r["annotator_id"], r["code"], num(r["accuracy"]), f"{num(r['ci_low'])}–{num(r['ci_high'])}"]
               for bt in view["batches"] for r in (bt.get("reliability") or {}).get("flagged", [])]
    if flagged:
        out += [("h3", t("unreliable", lang)), ("table", "annotation_unreliable", [t("batch", lang), "annotator_id",
                "flag", t("accuracy", lang), t("ci", lang)], flagged)]
    srows = [[k, num(v)] for k, v in sorted(view["summary"].items())]
    srows += [[f"finding {k}", num(v)] for k, v in sorted(view["findings_by_code"].items())]
    srows.append([t("passed", lang), _yn(view["passed"], lang)])
    out += [("h3", t("audit_summary", lang)),
            ("table", "annotation_summary", [t("field", lang), t("value", lang)], srows)]
    return out


def _steps_section(m: dict[str, Any], lang: str) -> list[Block]:
    rows = [[s["name"], params_summary(s["name"], s.get("params") or {}), num(s["records_in"]), num(s["records_out"]),
             _reasons(s["dropped_by_reason"])] for s in m["steps"]]
    return [("h2", t("s5", lang)), ("p", t("s5_note", lang)),
            ("table", "steps", [t("step", lang), t("params", lang), t("rec_in", lang), t("rec_out", lang),
                                t("dropped_by", lang)], rows)]


def _matrix(d: dict[str, dict[str, int]]) -> list[list[str]]:
    return [[src, k, num(v)] for src, inner in sorted(d.items()) for k, v in sorted(inner.items())]


def _pii_section(m: dict[str, Any], lang: str) -> list[Block]:
    p = m["pii"]
    return [("h2", t("s6", lang)), ("p", t("pi_note", lang) + str(p.get("mode"))),
            ("h3", t("pi_by_type", lang)),
            ("table", "pii_types", [t("source", lang), t("entity", lang), t("count", lang)],
             _matrix(p.get("counts_by_source") or {})),
            ("h3", t("pi_by_action", lang)),
            ("table", "pii_actions", [t("source", lang), t("action", lang), t("records", lang)],
             _matrix(p.get("records_by_action") or {}))]


def _copyright_section(m: dict[str, Any], lang: str) -> list[Block]:
    c = m["copyright"]
    return [("h2", t("s7", lang)), ("h3", t("cr_by_class", lang)),
            ("table", "copyright_classes", [t("source", lang), t("cr_class", lang), t("count", lang)],
             _matrix(c.get("counts_by_source") or {})),
            ("h3", t("cr_conflicts", lang)),
            ("table", "copyright_conflicts", [t("source", lang), t("reason", lang), t("count", lang)],
             _matrix(c.get("conflicts_by_source") or {}))]


def _quality_section(m: dict[str, Any], lang: str, metrics: dict[str, Any] | None) -> list[Block]:
    failed: dict[str, int] = {}
    for inner in (m["quality"].get("rule_counts_by_source") or {}).values():
        for k, v in inner.items():
            failed[k] = failed.get(k, 0) + v
    dropped = {k.split(":", 1)[1]: v for k, v in m["totals"]["dropped_by_reason"].items() if k.startswith("quality:")}
    qrows = [[k, num(v), num(dropped.get(k, 0))] for k, v in sorted(failed.items(), key=lambda kv: (-kv[1], kv[0]))]
    d = m.get("dedup") or {}
    params = d.get("params") or {}
    drows = [[t("exact", lang), num(d.get("exact_duplicates_dropped"))],
             [t("near", lang), num(d.get("near_duplicates_dropped"))], [t("clusters", lang), num(d.get("clusters"))],
             [t("dedup_params", lang), params_summary("dedup", params)]]
    drows += [[f"rate:{k}", num(v)] for k, v in sorted((d.get("rate_by_source") or {}).items())]
    vrows = []
    for st in (m.get("diversity") or {}).get("stages", []):
        e = st.get("entropy") or {}
        ng = st.get("distinct_ngrams") or {}
        vrows.append([st.get("stage", ""), num(st.get("records")), num(e.get("language")), num(e.get("source")),
                      num(e.get("domain")), f"{num(ng.get('word_unigrams'))} / {num(ng.get('char_trigrams'))}"])
    grows = [[g["name"], g.get("article", "—"), _yn(g["critical"], lang), _yn(g["passed"], lang), g["detail"]]
             for g in m["gates"]]
    out: list[Block] = [("h2", t("s8", lang)), ("h3", t("q_rules", lang)),
                        ("table", "quality_rules", [t("rule", lang), t("failed", lang), t("q_dropped", lang)], qrows),
                        ("h3", t("dedup", lang)), ("table", "dedup", [t("metric", lang), t("value", lang)], drows),
                        ("h3", t("diversity", lang)),
                        ("table", "diversity", [t("stage", lang), t("records", lang), t("ent_lang", lang),
                                                t("ent_src", lang), t("ent_dom", lang), t("ngrams", lang)], vrows)]
    from quality.release_figures import figure_rows, release_figures

    fig = release_figures()
    if fig:
        out += [("h3", t("q_eval", lang)), ("p", t("q_eval_note", lang) + f" {fig['data']['dev']}, {fig['data']['rows']}, {fig['date']}."),
                ("table", "quality_eval", [t("q_eval_set", lang), t("records", lang), t("q_eval_rate", lang),
                                           t("q_eval_target", lang), t("q_eval_met", lang)], figure_rows(fig, lang))]
    lm = (metrics or {}).get("language") or {}
    ent_r, ent_k = lm.get("entropy_read"), lm.get("entropy_kept", lm.get("entropy"))
    if ent_r is not None or ent_k is not None:
        out.append(("p", f"{t('lang_metrics', lang)}: {num(ent_r)} / {num(ent_k)}"))
    out += [("h3", t("gates", lang)),
            ("table", "gates", [t("gate", lang), t("article", lang), t("critical", lang), t("passed", lang),
                                t("detail", lang)], grows)]
    return out


def _integrity_section(m: dict[str, Any], lang: str, manifest_sha256: str | None) -> list[Block]:
    o = m["outputs"]
    mk = o["merkle"]
    prev = m.get("previous_manifest")
    prev_s = f"{prev.get('path')} (sha256 {prev.get('sha256')})" if prev else t("none", lang)
    rows = [[t("merkle_alg", lang), mk.get("algorithm")], [t("merkle_root", lang), mk.get("corpus_root")],
            [t("leaves", lang), num(mk.get("leaves"))], [t("out_files", lang), num(len(o["files"]))],
            [t("out_bytes", lang), num(sum(f["bytes"] for f in o["files"]))], [t("prev", lang), prev_s]]
    if manifest_sha256:
        rows.append([t("manifest_sha", lang), manifest_sha256])
    return [("h2", t("s9", lang)), ("table", "integrity", [t("field", lang), t("value", lang)], rows)]


def _eu_section(m: dict[str, Any], lang: str) -> list[Block]:
    kept_total = m["totals"]["kept"]
    mods = m["scale"]["by_modality"]
    size = "; ".join(f"{k}: {v['records']} records, {v['bytes']} bytes, {v['est_tokens']} est. tokens"
                     for k, v in mods.items())
    periods = []
    for s in m["sources"]:
        cp = ((s.get("registry_entry") or {}).get("self_collected") or {}).get("collection_period") or {}
        if cp:
            periods.append(f"{s['id']}: {cp.get('start')} – {cp.get('end')}")
    general = [[t("eu_provider", lang), t("eu_by_provider", lang)],
               [t("eu_modalities", lang), ", ".join(m["type"].get("modalities", []))], [t("eu_size", lang), size],
               [t("eu_langs", lang), ", ".join(f"{k}: {v}" for k, v in sorted(m["type"].get("languages", {}).items()))],
               [t("eu_period", lang), "; ".join(periods) or t("not_given", lang)]]
    out: list[Block] = [("h2", t("s10", lang)), ("p", t("eu_note", lang)), ("h3", t("eu1", lang)),
                        ("table", "eu_general", [t("field", lang), t("value", lang)], general), ("h3", t("eu2", lang))]
    kinds = (("eu_public", ("open_licence", "public_domain")), ("eu_licensed", ("commercial",)),
             ("eu_crawled", ("self_collected",)), ("eu_user", ("user_authorised",)), ("eu_synth", ("synthetic",)))
    for key, acqs in kinds:
        srcs = [s for s in m["sources"] if s["acquisition"] in acqs]
        out.append(("h3", t(key, lang)))
        if not srcs:
            out.append(("p", t("eu_none", lang)))
            continue
        rows = []
        for s in srcs:
            k = s["counts"]["kept"]
            share = (k / kept_total) if kept_total else 0.0
            rows.append([s["id"], s["title"], s.get("licence") or "—", s["status"], num(k), num(share)])
        out.append(("table", f"eu_{acqs[0]}", [t("source", lang), t("title_col", lang), t("licence", lang),
                                               t("src_status", lang), t("kept", lang), t("eu_share", lang)], rows))
        if key == "eu_crawled":
            crows = []
            for s in srcs:
                sc = (s.get("registry_entry") or {}).get("self_collected") or {}
                cp = sc.get("collection_period") or {}
                crows.append([s["id"], sc.get("crawler") or "—",
                              f"{cp.get('start')} – {cp.get('end')}" if cp else "—", sc.get("robots_txt") or "—",
                              sc.get("opt_out_handling") or t("not_given", lang)])
            out.append(("table", "eu_crawlers", [t("source", lang), t("crawler", lang), t("period", lang),
                                                 t("robots", lang), t("opt_out_h", lang)], crows))
            out.append(("p", t("eu_domains", lang)))
    pol = m["config"].get("policy") or {}
    cr = pol.get("copyright") or {}
    dr = m["totals"]["dropped_by_reason"]
    fr = m["totals"]["flagged_by_reason"]
    opt = [["copyright.enabled", num(cr.get("enabled"))], ["copyright.opt_out_action", str(cr.get("opt_out_action"))],
           ["copyright.conflict_action", str(cr.get("conflict_action"))],
           ["copyright:opt_out (dropped)", num(dr.get("copyright:opt_out", 0))],
           ["copyright:opt_out (flagged)", num(fr.get("copyright:opt_out", 0))]]
    scr_pol = pol.get("screening") or {}
    ill = [["screening.enabled", num(scr_pol.get("enabled"))],
           ["screening.max_hit_rate", num(scr_pol.get("max_hit_rate"))],
           ["screening:lexicon_hit (dropped)", num(dr.get("screening:lexicon_hit", 0))],
           ["source_rejected:screening_rate_exceeded (dropped)", num(dr.get("source_rejected:screening_rate_exceeded", 0))]]
    other = [[s["name"], num(s["records_in"]), num(s["records_out"])] for s in m["steps"]]
    out += [("h3", t("eu3", lang)), ("h3", t("eu_optout", lang)),
            ("table", "eu_optout", [t("field", lang), t("value", lang)], opt),
            ("h3", t("eu_illegal", lang)), ("table", "eu_illegal", [t("field", lang), t("value", lang)], ill),
            ("h3", t("eu_other", lang)),
            ("table", "eu_other", [t("step", lang), t("rec_in", lang), t("rec_out", lang)], other)]
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


CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;
max-width:1400px;padding:0 1em;color:#1d2430;line-height:1.45}
h1{font-size:1.6em;border-bottom:2px solid #2b5797;padding-bottom:.3em}h2{margin-top:1.8em;color:#2b5797}
table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.88em;width:100%}
th,td{border:1px solid #cfd6e0;padding:.3em .5em;text-align:left;vertical-align:top;word-break:break-word}
th{background:#eef2f8;word-break:normal}tr:nth-child(even) td{background:#fafbfd}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
"""


def _is_num(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def render_html(blocks: Iterable[Block], lang: str, title: str) -> str:
    e = html.escape
    parts = [f'<!DOCTYPE html>\n<html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
             '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
             f"<title>{e(title)}</title><style>{CSS}</style></head><body>"]
    for blk in blocks:
        kind = blk[0]
        if kind in ("h1", "h2", "h3", "p"):
            parts.append(f"<{kind}>{e(str(blk[1]))}</{kind}>")
        else:
            _, name, head, rows = blk
            parts.append(f'<table data-table="{e(name)}"><thead><tr>'
                         + "".join(f"<th>{e(str(h))}</th>" for h in head) + "</tr></thead><tbody>")
            for r in rows:
                parts.append("<tr>" + "".join(
                    f'<td class="n">{e(str(c))}</td>' if _is_num(str(c)) else f"<td>{e(str(c))}</td>" for c in r)
                    + "</tr>")
            parts.append("</tbody></table>")
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


def write_reports(out_dir: str, manifest: dict[str, Any]) -> list[str]:
    """Write report.{zh,en}.{md,html} into `out_dir`; returns the paths written."""
    manifest = json.loads(json.dumps(manifest, sort_keys=True))  # same report from memory or from disk
    metrics = _read_json(os.path.join(out_dir, "metrics.json"))
    msha = _sha256_file(os.path.join(out_dir, "manifest.json"))
    ann = annotation_view(out_dir, manifest)
    written = []
    for lang in LANGS:
        blocks = build_blocks(manifest, lang, metrics, msha, ann)
        title = f"{t('title', lang)} — {manifest['run']['name']}"
        for ext, text in (("md", render_markdown(blocks)), ("html", render_html(blocks, lang, title))):
            p = os.path.join(out_dir, f"report.{lang}.{ext}")
            tmp = p + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, p)
            written.append(p)
    return written
