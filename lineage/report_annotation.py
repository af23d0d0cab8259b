"""Section 四 of the filing (语料标注安全): the annotation audit as rules, personnel, batches and gaps.

Reads the manifest's annotation summary, or the full `annotation_audit.json` when its SHA-256 matches the
manifest (an unlisted or altered file is ignored, so nothing unverified reaches a report).
"""

from __future__ import annotations

import os
from typing import Any

from corpusgov.lineage.glossary import term
from corpusgov.lineage.hashing import file_sha256
from corpusgov.lineage.report_render import Block
from corpusgov.lineage.report_text import L, g, listing, num, paren, read_json


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
        if rel in listed and os.path.exists(p) and file_sha256(p) == listed[rel]:
            full = read_json(p)
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


def annotation_section(view: dict[str, Any] | None, lang: str) -> list[Block]:
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
        metrics = listing([_metric_text(q, lang) for q in content.get("quality_metrics") or []], lang) or "—"
        rows.append([f.get("path", ""), term("ann_kind", f.get("kind", ""), lang), f.get("task", ""), f.get("version", ""),
                     num(len(f.get("labels") or content.get("labels") or [])), metrics,
                     listing(f.get("batches", []), lang), f.get("sha256", "")])
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
                risks = listing(lab.get("risk_ids") or [], lang) or (L(lang, "无风险（安全）", "none (benign)") if lab.get("benign") else "—")
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
    frows = [[paren(term("ann_finding", k, lang), k, lang), num(v)] for k, v in sorted(view["findings_by_code"].items())]
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
