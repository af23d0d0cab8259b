"""Section 二 of the filing (语料来源安全, TC260-003 §5.1; Art. 7(1)-(2)): sources, legal basis and evidence,
境内/境外 split, shares per source and language, screening method and result, intellectual property.
"""

from __future__ import annotations

from typing import Any

from corpusgov.lineage.glossary import reason, term
from corpusgov.lineage.report_render import Block
from corpusgov.lineage.report_text import L, listing, num, paren, pct, period_of, rate, region_of


def evidence_rows(s: dict[str, Any], lang: str) -> list[list[str]]:
    """(kind, reference, SHA-256) rows for the evidence the registry recorded for one source."""
    e = s.get("registry_entry") or {}
    rows: list[list[str]] = []

    def doc(kind_zh: str, kind_en: str, ev: dict[str, Any] | None) -> None:
        if ev:
            ref = listing([str(b) for b in (ev.get("file"), ev.get("url")) if b], lang) or "—"
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


def source_security(m: dict[str, Any], lang: str) -> list[Block]:
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
        rows.append([s["id"], s["title"], term("region", region_of(s), lang) if region_of(s) else L(lang, "未申报", "not declared"),
                     term("acquisition", s["acquisition"], lang), s.get("licence") or "—",
                     term("legal_basis", s["pi_legal_basis"], lang), period_of(s),
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
            concl += L(lang, "：", ": ") + listing([term("rejection", r, lang) for r in s["rejection_reasons"]], lang)
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
                reasons.append([s["id"], kind, paren(r, k, lang), num(v)])
    out += [("p", L(lang, "各来源的剔除、标记与异常数据原因如下（一条记录可带多个标记；「标记但保留」的记录留在语料中）。",
                     "Reasons per source (a record can carry several flags; flagged records stay in the corpus).")),
            ("table", "source_reasons", [L(lang, "来源编号", "Source"), L(lang, "处理", "Outcome"),
                                         L(lang, "原因", "Reason"), L(lang, "记录数", "Records")], reasons)]
    # 2.4 region split
    kept_total = t["kept"]
    reg_rows = []
    for code in ("domestic", "overseas", None):
        group = [s for s in srcs if region_of(s) == code]
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
    lang_rows = [[paren(term("language", k, lang), k, lang),
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


def lexicon_of(m: dict[str, Any]) -> tuple[int, str | None]:
    terms = max((s["screening"].get("lexicon_terms") or 0 for s in m["sources"]), default=0)
    sha = next((f["sha256"] for f in m["config"]["files"] if f.get("role") == "screening_lexicon"), None)
    return terms, sha


def _screening_blocks(m: dict[str, Any], lang: str) -> list[Block]:
    pol = (m["config"].get("policy") or {}).get("screening") or {}
    n_terms, sha = lexicon_of(m)
    thr = pol.get("max_hit_rate", 0.05)
    rows = [[s["id"], num(s["screening"]["records"]), num(s["screening"]["hits"]),
             pct(s["screening"]["hits"], s["screening"]["records"]), rate(s["screening"]["threshold"]),
             L(lang, "合格", "pass") if s["screening"]["passed"] else L(lang, "不合格，来源不予采用", "fail, source rejected")]
            for s in m["sources"]]
    p = L(lang,
          f"检查方法：对每个来源的全部记录（不是抽样）逐条匹配违法不良信息关键词库（{n_terms} 个词条"
          f"{'，文件 SHA-256 ' + sha if sha else ''}），统计命中记录的比例；比例超过 {rate(thr)} 的来源整体不予采用"
          f"（TC260-003 第 5.1 条）。采用的来源中命中关键词的单条记录按策略{'剔除' if pol.get('record_action') == 'drop' else '标记'}。",
          f"Method: every record of every source (not a sample) is matched against the illegal/harmful-content "
          f"lexicon ({n_terms} terms{', SHA-256 ' + sha if sha else ''}); a source whose share of matching records "
          f"exceeds {rate(thr)} is rejected (TC260-003 §5.1). In accepted sources a matching record is "
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
    cls_rows = [[src, paren(term("cr_class", k, lang), k, lang), num(v)]
                for src, inner in sorted((c.get("counts_by_source") or {}).items()) for k, v in sorted(inner.items())]
    conf_rows = []
    for src, inner in sorted((c.get("conflicts_by_source") or {}).items()):
        cnt = (by_src.get(src) or {}).get("counts") or {}
        for k, v in sorted(inner.items()):
            dropped = (cnt.get("dropped_by_reason") or {}).get(k, 0)
            kept = (cnt.get("flagged_by_reason") or {}).get(k, 0)
            action = pol.get("opt_out_action") if k == "copyright:opt_out" else pol.get("conflict_action")
            conf_rows.append([src, paren(reason(k, lang), k, lang), num(v),
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
