"""Section 三 of the filing (语料内容安全): screening, personal information (sensitive PI apart), quality,
de-duplication, diversity and the TC260-003 §9.2 spot checks (automated and manual acceptance).
"""

from __future__ import annotations

from typing import Any

from corpusgov.lineage.glossary import NOT_PI, SENSITIVE_PI, term
from corpusgov.lineage.report_render import Block
from corpusgov.lineage.report_text import L, acceptance_of, g, listing, num, paren, pct, rate, sep, yes_no

AUTO_CHECK_SHARE, AUTO_CHECK_PASS = 0.10, 0.98  # TC260-003 §9.2 automated check: ≥ 10% of items, ≥ 98% pass


def content_security(m: dict[str, Any], lang: str, metrics: dict[str, Any] | None) -> list[Block]:
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
    keeps = [L(lang, f"合法性基础为「{term('legal_basis', b, lang)}」的"
                     f"{'全部个人信息' if e == '*' else term('pii_entity', e, lang)}",
               f"{'all personal information' if e == '*' else term('pii_entity', e, lang)} where the legal basis is "
               f"'{term('legal_basis', b, lang)}'")
             for b, t in sorted(acts.items()) if isinstance(t, dict) for e, a in sorted(t.items()) if a == "keep"]
    intro = L(lang,
              f"识别方式为{term('pii_mode', mode.split(':')[0], lang)}，最低置信度 {g(pol.get('min_score'))}。"
              "每处个人信息只记录类型、位置和带密钥的哈希值（HMAC-SHA256），原值从不写入任何输出。处理方式由来源的合法性基础"
              "和信息类型共同决定（《暂行办法》第七条第三项）。敏感个人信息（《个人信息保护法》第二十八条，如居民身份证号码、"
              "银行卡号）单列统计。" + ("语料中的个人信息均已掩码替换或整条剔除，不保留原文。" if not keeps else
                                    "注意：策略对以下情形保留原文：" + listing(keeps, lang) + "。"),
              f"Detection: {term('pii_mode', mode.split(':')[0], lang)}, minimum score {g(pol.get('min_score'))}. Each "
              "finding records only type, offsets and a keyed hash (HMAC-SHA256); values are never written. The "
              "action follows the source's legal basis and the type (Art. 7(3)). Sensitive personal information "
              "(PIPL Art. 28: resident ID, bank card …) is counted separately. " + (
                  "In the corpus every finding is masked or its record dropped." if not keeps else
                  "Note: the policy keeps the raw value for: " + listing(keeps, lang) + "."))
    rows = []
    for src, inner in sorted((p.get("counts_by_source") or {}).items()):
        basis = (by_src.get(src) or {}).get("pi_legal_basis", "none")
        table = acts.get(basis) or {}
        for ent, v in sorted(inner.items()):
            act = table.get(ent, table.get("*", "mask"))
            kind = (L(lang, "敏感个人信息", "sensitive") if ent in SENSITIVE_PI else
                    L(lang, "非个人信息（组织标识）", "not personal (organisation)") if ent in NOT_PI else
                    L(lang, "一般个人信息", "general"))
            rows.append([src, paren(term("pii_entity", ent, lang), ent, lang), kind, num(v), term("pii_action", act, lang)])
    sens: dict[str, int] = {}
    for inner in (p.get("counts_by_source") or {}).values():
        for ent, v in inner.items():
            if ent in SENSITIVE_PI:
                sens[ent] = sens.get(ent, 0) + v
    srows = [[paren(term("pii_entity", e, lang), e, lang), num(v),
              listing(sorted(s for s, inner in (p.get("counts_by_source") or {}).items() if e in inner), lang)]
             for e, v in sorted(sens.items())]
    consent = []
    for s in m["sources"]:
        e = s.get("registry_entry") or {}
        rec = ((e.get("user_authorised") or {}).get("authorisation_record") or {})
        found = ((p.get("counts_by_source") or {}).get(s["id"]) or {})
        n_sens = sum(v for k, v in found.items() if k in SENSITIVE_PI)
        basis_acts = acts.get(s["pi_legal_basis"]) or {}
        kept_raw = any(basis_acts.get(k, basis_acts.get("*", "mask")) == "keep" for k in found if k in SENSITIVE_PI)
        ev = rec.get("file") or rec.get("url")
        consent.append([s["id"], term("legal_basis", s["pi_legal_basis"], lang), num(n_sens),
                        (f"{ev}（SHA-256 {rec.get('sha256')}）" if lang == "zh" else f"{ev} (SHA-256 {rec.get('sha256')})")
                        if ev and rec.get("sha256") else (ev or L(lang, "无", "none")),
                        L(lang, "保留原文，须有单独同意", "kept raw: separate consent required") if kept_raw else
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
                         f"{listing([term('pii_entity', e, lang) for e in ents], lang)}所在记录整条剔除",
                   f"in sources whose legal basis is '{term('legal_basis', b, lang)}', records with "
                   f"{listing([term('pii_entity', e, lang) for e in ents], lang)} are dropped") for b, ents in by_basis.items()]
        rule = L(lang, "处理规则：", "Rule: ") + sep(lang).join(parts) + L(lang, "；其余个人信息一律掩码替换。",
                                                                            "; all other personal information is masked.")
    else:
        rule = L(lang, "处理规则：全部个人信息掩码替换。", "Rule: all personal information is masked.")
    return [("h3", L(lang, "（二）个人信息保护", "3.2 Personal information")), ("p", intro), ("p", rule),
            ("table", "pii_types", [L(lang, "来源编号", "Source"), L(lang, "类型", "Type"), L(lang, "类别", "Category"),
                                    L(lang, "检出数", "Findings"), L(lang, "处理方式", "Action")], rows),
            ("h3", L(lang, "敏感个人信息", "Sensitive personal information")),
            ("table", "pii_sensitive", [L(lang, "类型", "Type"), L(lang, "检出数", "Findings"),
                                        L(lang, "所在来源", "Sources")], srows),
            ("p", L(lang, "各来源的合法性基础、同意或授权证明，以及敏感个人信息的处理：",
                    "Legal basis, consent or authorisation evidence and sensitive-PI handling per source:")),
            ("table", "pii_consent", [L(lang, "来源编号", "Source"), L(lang, "合法性基础", "Legal basis"),
                                      L(lang, "敏感个人信息检出数", "Sensitive findings"),
                                      L(lang, "同意或授权证明", "Consent / authorisation evidence"),
                                      L(lang, "敏感个人信息的处理", "Sensitive PI handling")], consent),
            ("p", L(lang, "涉及个人信息的记录数（按来源与处理方式）：", "Records with personal information, by source and action:")),
            ("table", "pii_actions", [L(lang, "来源编号", "Source"), L(lang, "处理方式", "Action"),
                                      L(lang, "涉及记录数", "Records")], act_rows)]


def _rule_text(spec: dict[str, Any], lang: str) -> str:
    thr = spec.get("threshold")
    op = "≥" if spec.get("bound") == "min" else "≤"
    scope = {"spaced": L(lang, "，仅用于空格分词文字", ", spaced scripts only"),
             "unspaced": L(lang, "，仅用于中文等无空格文字", ", unspaced scripts only")}.get(str(spec.get("applies_to")), "")
    minw = spec.get("min_words") or 0
    if minw:
        scope += L(lang, f"，{g(minw)} 词以上的文本", f", texts of {g(minw)}+ words")
    if spec.get("unless"):
        unless = term("quality_rule", spec["unless"], lang)
        scope += L(lang, f"，{unless}时不适用", f", not when {unless}")
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
        qrows.append([paren(term("quality_rule", k, lang), k, lang), _rule_text(spec, lang) if spec else "—",
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
    drows += [[L(lang, f"重复率：{k}", f"duplicate rate: {k}"), rate(v)] for k, v in sorted((d.get("rate_by_source") or {}).items())]
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
    from corpusgov.quality.release_figures import figure_rows, release_figures

    fig = release_figures()
    if fig:
        out += [("h3", L(lang, "质量规则与语种识别在真实文本上的评测（本版本）", "Quality rules and language ID on real text (this release)")),
                ("p", L(lang, f"由 make eval 在真实文本开发集（{fig['data']['dev']}，{fig['data']['rows']} 篇，{fig['date']} 测得）"
                              "及其派生的垃圾文本上测得；「比例」对保留类评测集为被误删的比例，对删除类为被删除的比例，对语种识别为识别正确的比例。",
                        f"Measured by make eval on the real-text development set ({fig['data']['dev']}, "
                        f"{fig['data']['rows']} documents, {fig['date']}) and junk made from it; 'Rate' is the share "
                        "wrongly dropped for keep sets, the share dropped for junk sets and the share correct for language ID.")),
                ("table", "quality_eval", [L(lang, "评测集", "Set"), L(lang, "记录数", "Records"), L(lang, "比例", "Rate"),
                                           L(lang, "目标", "Target"), L(lang, "达标", "Met")], figure_rows(fig, lang))]
    lm = (metrics or {}).get("language") or {}
    ent_r, ent_k = lm.get("entropy_read"), lm.get("entropy_kept", lm.get("entropy"))
    if ent_r is not None or ent_k is not None:
        out.append(("p", L(lang, f"语种分布熵：读取时 {num(ent_r)}，保留语料 {num(ent_k)}。",
                           f"Language entropy: {num(ent_r)} as read, {num(ent_k)} kept.")))
    return out


def _acceptance_blocks(m: dict[str, Any], lang: str) -> list[Block]:
    acc = acceptance_of(m)
    srcs = [s for s in m["sources"] if s["status"] == "accepted"]
    checked = sum(s["screening"]["records"] for s in srcs)
    hits = sum(s["screening"]["hits"] for s in srcs)
    kept = m["totals"]["kept"]
    auto = [[L(lang, "抽检方式", "Method"), L(lang, "关键词库逐条匹配（全部记录，非抽样）", "lexicon match on every record (no sampling)")],
            [L(lang, "检查记录数（采用的来源）", "Records checked (accepted sources)"), num(checked)],
            [L(lang, "检查比例", "Share checked"), pct(checked, checked)],
            [L(lang, "命中记录数", "Records matched"), num(hits)],
            [L(lang, "合格率", "Pass rate"), pct(checked - hits, checked)],
            [L(lang, "标准要求", "Required"), L(lang, f"抽检不少于 {rate(AUTO_CHECK_SHARE)}，合格率不低于 {rate(AUTO_CHECK_PASS)}",
                                                 f"≥ {rate(AUTO_CHECK_SHARE)} checked, pass rate ≥ {rate(AUTO_CHECK_PASS)}")],
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
    why = listing([term("acceptance", r, lang) for r in acc.get("reasons") or []], lang) or L(lang, "无", "none")
    rule = acc.get("rule") or "point"
    rule_txt = term("acceptance", rule, lang) if rule in ("wilson", "standard") else L(lang, "样本合格率不低于阈值", "pass rate ≥ threshold")
    rows = [[L(lang, "结论", "Result"), paren(term("acceptance", status, lang), status, lang)],
            [L(lang, "未合格原因", "Reasons"), why],
            [L(lang, "判定规则", "Decision rule"), rule_txt],
            [L(lang, "标准最低样本量", "Minimum sample"), num(acc.get("minimum_sample", 4000))],
            [L(lang, "语料保留记录数", "Population"), num(acc.get("population"))],
            [L(lang, "样本量", "Sample size"), num(acc.get("sample_size"))],
            [L(lang, "样本量达到要求", "Sample meets the minimum"), yes_no(acc.get("meets_minimum"), lang)],
            [L(lang, "已审核", "Reviewed"), num(acc.get("reviewed"))],
            [L(lang, "未审核", "Not reviewed"), num(acc.get("missing"))],
            [L(lang, "合格", "Passed"), num(acc.get("passed"))], [L(lang, "不合格", "Failed"), num(acc.get("failed"))],
            [L(lang, "合格率", "Pass rate"), pct(acc.get("passed") or 0, acc.get("reviewed") or 0)],
            [L(lang, f"威尔逊区间（置信度 {rate(acc.get('confidence') or 0.95)}）", f"Wilson interval ({rate(acc.get('confidence') or 0.95)})"),
             f"{pct(acc['ci_low'], 1)} – {pct(acc['ci_high'], 1)}" if acc.get("ci_low") is not None else "—"],
            [L(lang, "合格率阈值", "Threshold"), rate(acc.get("threshold") or 0)],
            [L(lang, "审核人员数", "Reviewers"), num(acc.get("reviewers"))],
            [L(lang, "随机种子", "Seed"), num(acc.get("seed"))],
            [L(lang, "样本文件 SHA-256", "Sample SHA-256"), acc.get("sample_sha256") or "—"],
            [L(lang, "判定结果文件 SHA-256", "Verdicts SHA-256"), acc.get("verdicts_sha256") or "—"]]
    out += [("p", L(lang, "人工抽检：按记录编号的带种子哈希值随机抽样，审核人员逐条判定是否合格。",
                    "Manual check: records drawn at random by a seeded hash of their id; reviewers judge each one.")),
            ("table", "acceptance", [L(lang, "项目", "Item"), L(lang, "内容", "Value")], rows)]
    return out
