"""Markdown and self-contained HTML renderings of a report's block list.

A block is ("h1"|"h2"|"h3"|"p", text), ("ul", [items]) or ("table", name, headers, rows). Markdown tables
carry `<!-- table: NAME -->` so tests and auditors can parse them back; every value is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

Block = tuple[Any, ...]


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
h3{margin-top:1.3em}li{margin:.25em 0}
.t{overflow-x:auto;margin:.6em 0 1.2em}
table{border-collapse:collapse;font-size:.9em}
th,td{border:1px solid #cfd6e0;padding:.35em .6em;text-align:left;vertical-align:top;min-width:4.5em;
overflow-wrap:normal;word-break:normal}
th{background:#eef2f8;white-space:nowrap}tr:nth-child(even) td{background:#fafbfd}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;min-width:0}
td.h{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.82em;word-break:break-all;min-width:16em}
td.w{min-width:14em;overflow-wrap:anywhere}td.s{white-space:nowrap}td.d{text-align:center;color:#667}
"""


def _is_num(s: str) -> bool:
    try:
        float(s.rstrip("%"))
        return True
    except ValueError:
        return False


_HEX = re.compile(r"[0-9a-f]{32,}")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def _cell_class(s: str) -> str:
    """n: a number (right, one line); h: a hash, URL or path (monospace, may break anywhere); s: a short
    Chinese label (one line); w: long text (a wider minimum)."""
    if _is_num(s) or s in ("true", "false"):
        return ' class="n"'
    if s == "—":
        return ' class="d"'
    if _HEX.fullmatch(s) or (not _CJK.search(s) and ("://" in s or "/" in s) and " " not in s):
        return ' class="h"'
    if len(s) <= 10 and _CJK.search(s):
        return ' class="s"'
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
