"""Wording helpers shared by the regulator reports: one language switch, number and date formats.

Integers stay exactly as in the manifest (no separators) so tests and auditors can compare them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

BEIJING = timezone(timedelta(hours=8))


def L(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


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


def rate(x: float) -> str:
    """A policy rate as a percentage as written (0.05 -> 5%, 0.965 -> 96.5%)."""
    return f"{100.0 * x:.2f}".rstrip("0").rstrip(".") + "%"


def article(code: str, lang: str) -> str:
    """An article reference of the Interim Measures: "7(1)" -> 第七条第一项 / Art. 7(1)."""
    m = re.fullmatch(r"(\d+)(?:\((\d+)\))?", str(code))
    if not m:
        return str(code)
    if lang != "zh":
        return f"Art. {code}"
    return f"第{cn_num(int(m.group(1)))}条" + (f"第{cn_num(int(m.group(2)))}项" if m.group(2) else "")


def cn_num(i: int) -> str:
    """1..99 in Chinese numerals (第十九条)."""
    digits = "零一二三四五六七八九"
    if i < 10:
        return digits[i]
    return ("" if i < 20 else digits[i // 10]) + "十" + (digits[i % 10] if i % 10 else "")


def pct(part: float, whole: float) -> str:
    """A share as a percentage with two decimals ("—" when the whole is zero)."""
    return f"{100.0 * part / whole:.2f}%" if whole else "—"


def yes_no(v: Any, lang: str) -> str:
    return L(lang, "是", "yes") if v else L(lang, "否", "no")


def paren(text: str, code: str, lang: str) -> str:
    return f"{text}（{code}）" if lang == "zh" else f"{text} ({code})"


def sep(lang: str) -> str:
    return "；" if lang == "zh" else "; "


def listing(items: Iterable[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def beijing_time(iso: str | None, lang: str) -> str:
    """An ISO timestamp (UTC) as Beijing time."""
    if not iso:
        return "—"
    t = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(BEIJING)
    if lang == "zh":
        return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}（北京时间）"
    return f"{t:%Y-%m-%d %H:%M} (Beijing time, UTC+8)"


def read_json(path: str) -> dict[str, Any] | None:
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def period_of(s: dict[str, Any]) -> str:
    cp = ((s.get("registry_entry") or {}).get("self_collected") or {}).get("collection_period") or {}
    return f"{cp.get('start')} – {cp.get('end')}" if cp else "—"


def region_of(s: dict[str, Any]) -> str | None:
    return (s.get("registry_entry") or {}).get("origin_region")


def acceptance_of(m: dict[str, Any]) -> dict[str, Any] | None:
    return m.get("acceptance") or None
