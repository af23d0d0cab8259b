"""The real-text evaluation figures of the installed release (``quality/eval_figures.json``, written by
``make eval``), for the dashboard and the reports: an ML lead reads how far the rules are to be trusted."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

_NAMES = {
    "good_zh_classical": ("古典诗文（应保留）", "classical Chinese (keep)"),
    "good_en_docs": ("Python 文档段落（应保留）", "Python documentation (keep)"),
    "zh_tech": ("中文技术文档段落（应保留）", "Chinese technical paragraphs (keep)"),
    "junk": ("垃圾文本，开发集七类（应删除）", "junk, the dev set's seven kinds (drop)"),
    "junk_extra": ("垃圾文本，另外十类，调参所用（应删除）", "junk, ten further kinds, tuned on (drop)"),
    "junk_heldout": ("垃圾文本，十一类留出（仅首次未见）（应删除）", "junk, eleven held-out kinds, blind on first run only (drop)"),
    "junk_blind": ("垃圾文本，八类，仅首次运行未见（应删除）", "junk, eight kinds, blind on first run only (drop)"),
    "junk_fresh": ("垃圾文本，另十类，已用于训练垃圾分数（应删除）", "junk, ten more kinds, trained on by the junk score (drop)"),
    "junk_fresh2": ("垃圾文本，又十类，仅首次运行未见（应删除）", "junk, ten more kinds, blind on first run only (drop)"),
    "junk_fresh3": ("垃圾文本，取自其他软件包的十一类，仅首次运行未见（应删除）",
                    "junk, eleven kinds from other packages, blind on first run only (drop)"),
    "good_fresh3_zh": ("LilyPond 与新维护者指南中文段落（应保留，从未调参）",
                       "Chinese paragraphs, LilyPond and New Maintainers' Guide (keep, never tuned on)"),
    "good_fresh3_en": ("GNU info 手册英文段落（应保留，从未调参）", "GNU info manual paragraphs (keep, never tuned on)"),
    "guard_news_zh": ("人民日报新闻段落（应保留，从未训练）", "People's Daily news paragraphs (keep, never trained on)"),
    "guard_novel_zh": ("《三国演义》段落（应保留，从未训练）", "Romance of the Three Kingdoms passages (keep, never trained on)"),
    "guard_review_zh": ("购物评论（应保留，从未训练）", "shopping reviews (keep, never trained on)"),
    "guard_quote_en": ("英文名言与短文（应保留，从未训练）", "English quotations (keep, never trained on)"),
    "junk_order": ("语序打乱的真实文本（应删除，首次运行未见）", "real text in the wrong order (drop, blind on first run only)"),
    "junk_fresh5": ("夹带页面模板行的真实文本，十二类，从未用于调参（应删除）",
                    "real prose in page boilerplate, twelve kinds, never tuned on (drop)"),
    "good_fresh5_en": ("LilyPond 手册英文页面正文（应保留，从未调参）", "LilyPond manual page bodies (keep, never tuned on)"),
    "good_fresh5_zh": ("人民日报新闻文档（应保留，从未调参）", "People's Daily news documents (keep, never tuned on)"),
    "junk_noise": ("字符级噪声文本（错字、形近字母、零宽字符等十一类），从未用于调参（应删除）",
                   "character-level noise (typos, homoglyphs, zero-width litter …), eleven kinds, never tuned on (drop)"),
    "good_noise_en": ("英文名言与短文，未被其他评测读取（应保留）", "English quotations no other split reads (keep)"),
    "good_noise_zh": ("购物评论，未被其他评测读取（应保留）", "shopping reviews no other split reads (keep)"),
    "good_noise_de": ("德文名言与短文（应保留）", "German quotations (keep)"),
}


def release_figures() -> dict[str, Any] | None:
    """The figures file as shipped, or None when this build has none."""
    try:
        text = resources.files("corpusgov.quality").joinpath("eval_figures.json").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return json.loads(text)


def figure_rows(fig: dict[str, Any], lang: str) -> list[list[str]]:
    """(set, documents, dropped share, target, met) rows, labelled in ``lang`` ("zh" or "en")."""
    yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
    rows = []
    for key, s in fig.get("sets", {}).items():
        label = _NAMES.get(key, (key, key))[0 if lang == "zh" else 1]
        met = "—" if s.get("met") is None else (yes if s["met"] else no)
        rows.append([label, str(s["n"]), f"{s['drop_rate']:.1%}", s.get("target") or "—", met])
    z = fig.get("zh_tech_language")
    if z:
        label = "中文技术段落识别为中文" if lang == "zh" else "Chinese technical paragraphs labelled Chinese"
        rows.append([label, str(z["n"]), f"{z['share']:.1%}", z["target"], yes if z["met"] else no])
    held = (fig.get("holdout") or {}).get("sets") or {}
    tag = "（留出集，未调参）" if lang == "zh" else " (held out, not tuned on)"
    for key, s in held.items():
        label = _NAMES.get(key, (key, key))[0 if lang == "zh" else 1] + tag
        met = "—" if s.get("met") is None else (yes if s["met"] else no)
        rows.append([label, str(s["n"]), f"{s['drop_rate']:.1%}", s.get("target") or "—", met])
    s2 = fig.get("sentence_language")
    if s2:
        label = "句子级语种识别（真实翻译消息）" if lang == "zh" else "sentence-level language ID (real translated messages)"
        rows.append([label, str(s2["n"]), f"{s2['accuracy']:.1%}", ">= 0.99", yes if s2["accuracy"] >= 0.99 else no])
    return rows
