"""Great Expectations Data Docs made to open offline: no CDN scripts or styles, inline CSS, a local logo.

Why here and not in `quality/`: this is rendering (HTML rewriting of GE's site), like the reports beside it.
GE builds its index tables in JavaScript (bootstrap-table, which inserts cell values as HTML); they are
rendered here as static tables from the rows' plain-text fields, every inserted value HTML-escaped, so a
run name or suite name cannot inject markup.
"""

from __future__ import annotations

import ast
import html as htmllib
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

_OFFLINE_CSS = """
:root{color-scheme:light}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;
 font-size:15px;line-height:1.45;color:#212529;background:#fff;margin:0}
a{color:#0b5cad}
.navbar{display:flex;align-items:center;padding:.5rem 1rem;border-bottom:1px solid #dee2e6;background:#fff}
.navbar-brand img{height:40px!important;visibility:visible!important}
.breadcrumb{display:flex;list-style:none;margin:0 0 0 1rem;padding:.3rem .6rem;background:#f1f3f5;border-radius:4px}
.breadcrumb-item+.breadcrumb-item::before{content:"/";padding:0 .4rem;color:#6c757d}
.container-fluid{padding:1rem 1.5rem;box-sizing:border-box;width:100%}
.row{display:flex;flex-wrap:wrap;margin:0 -.5rem}
.row>*{box-sizing:border-box;padding:0 .5rem}
.col-12,.col-sm-12,.col-xs-12{flex:0 0 100%;max-width:100%}
.col-6{flex:0 0 50%;max-width:50%}
@media (min-width:768px){.col-md-2{flex:0 0 18%;max-width:18%}.col-md-10{flex:0 0 82%;max-width:82%}
 .d-md-block{display:block!important}.d-md-inline-flex{display:inline-flex!important}}
.d-none{display:none}.d-flex{display:flex}
.sticky{position:sticky;top:1rem}
.ge-section{margin-bottom:1.5rem}
.alert{padding:.6rem .9rem;border-radius:4px;margin-bottom:.6rem}
.alert-secondary{background:#e9ecef;border:1px solid #d6d8db}
.card{border:1px solid #dee2e6;border-radius:4px;margin-bottom:1rem}
.card-header{background:#f8f9fa;border-bottom:1px solid #dee2e6;padding:.4rem .6rem}
.card-body{padding:.6rem}
.nav{list-style:none;padding:0;margin:0}.nav-tabs{display:flex;border-bottom:1px solid #dee2e6;margin:.5rem 0}
.nav-link{display:block;padding:.25rem .5rem;text-decoration:none}
.tab-pane{margin-bottom:1.5rem}
.table{width:100%;border-collapse:collapse;margin:.5rem 0}
.table th,.table td{border-top:1px solid #dee2e6;padding:.35rem .5rem;vertical-align:top;text-align:left}
.table thead th{border-bottom:2px solid #dee2e6}
.table-responsive{overflow-x:auto}
.badge{display:inline-block;padding:.1em .45em;border-radius:3px;font-size:85%;font-family:ui-monospace,monospace}
.badge-secondary{background:#6c757d;color:#fff}
.text-success{color:#1e7e34}.text-danger{color:#c82333}.text-warning{color:#b8860b}
.fas::before{font-style:normal;font-weight:bold}
.fa-check-circle::before{content:"\\2714"}.fa-times::before{content:"\\2718"}
.fa-exclamation-triangle::before{content:"\\26A0"}.fa-question-circle::before{content:"?"}
.fa-comment::before{content:"\\2709"}
.cooltip .top{display:none}
pre,code{font-family:ui-monospace,monospace;font-size:90%}
.corpusgov-offline-note{font-size:85%;color:#6c757d;margin:.5rem 1.5rem}
@media (prefers-color-scheme:dark){.table{color:#212529!important;background:transparent!important}}
"""

_RE_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
_RE_LINK_EXT = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I)
_RE_IMG_EXT = re.compile(r"(<img\b[^>]*?\bsrc\s*=\s*[\"'])(?:https?:)?//[^\"']*([\"'])", re.S | re.I)
_RE_CSS_URL = re.compile(r"url\(\s*[\"']?(?:https?:)?//[^)]*\)", re.I)
_RE_FOOTER = re.compile(r"<footer\b.*?</footer>", re.S | re.I)
_RE_ONCLICK = re.compile(r"<(button|label)\b[^>]*\bonclick=[^>]*>.*?</\1>", re.S | re.I)
_RE_STATIC_REF = re.compile(r"(\b(?:src|href)\s*=\s*[\"'])(?:\.\.?/)*static/", re.I)
_RE_BT_ID = re.compile(r"\$\('#([^']+)'\)\.bootstrapTable\(")
_RE_BT_COLUMNS = re.compile(r"^\s*columns: (\[.*\]),\s*$", re.M)
_RE_BT_DATA = re.compile(r"^\s*data: (\[.*\]),\s*$", re.M)
# Any remaining fetching attribute on a non-<a> tag; <a href> links are navigation, not fetches.
_RE_EXT_ATTR = re.compile(
    r"(<(?!a\b)[a-z][a-z0-9]*\b[^>]*?)\s(?:src|href|action|poster|data|srcset)\s*=\s*"
    r"[\"']?(?:https?:)?//[^\"'\s>]*[\"']?",
    re.S | re.I,
)


def _cell_text(row: dict, field: str) -> str:
    """A cell as plain text: GE's plain-text twin of the field when it has one (the cell itself is markup)."""
    for twin in (f"_{field}_text", f"_{field}_sort"):
        if isinstance(row.get(twin), str):
            return row[twin]
    value = row.get(field, "")
    return "" if value is None else str(value)


def _fill_table(m: re.Match[str], rendered: str) -> str:
    """The empty `<table id=…>` matched by `m`, styled and filled with `rendered` rows."""
    return m.group(1).replace('class="', 'class="table ', 1) + rendered + "</table>"


def _static_tables(html: str) -> str:
    """Render GE's JS-built (bootstrap-table) index tables as plain HTML tables, every value escaped."""
    esc = htmllib.escape
    for script in _RE_SCRIPT.findall(html):
        m_id, m_cols, m_data = (
            _RE_BT_ID.search(script),
            _RE_BT_COLUMNS.search(script),
            _RE_BT_DATA.search(script),
        )
        if not (m_id and m_cols and m_data):
            continue
        try:
            columns = ast.literal_eval(m_cols.group(1))
            rows = ast.literal_eval(m_data.group(1))
        except (ValueError, SyntaxError):
            continue
        head = "".join(f"<th>{esc(str(c.get('title', '')))}</th>" for c in columns) + "<th>Page</th>"
        body = []
        for row in rows:
            cells = "".join(f"<td>{esc(_cell_text(row, c.get('field')))}</td>" for c in columns)
            link = row.get("_table_row_link_path")
            cells += f'<td><a href="{esc(str(link))}">open</a></td>' if link else "<td></td>"
            body.append(f"<tr>{cells}</tr>")
        rendered = f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
        table_re = re.compile(r"(<table\s+id=\"" + re.escape(m_id.group(1)) + r"\"[^>]*>)\s*</table>", re.S)
        html = table_re.sub(
            partial(_fill_table, rendered=rendered),
            html,
            count=1,
        )
    return html


def _remove_actions_card(html: str) -> str:
    """Drop GE's JS-only "Actions" card (show/hide filters) by removing its balanced <div>."""
    marker = html.find("<strong>Actions</strong>")
    if marker < 0:
        return html
    starts = [m.start() for m in re.finditer(r'<div class="card[ "]', html[:marker])]
    if not starts:
        return html
    start = starts[-1]
    depth, pos = 0, start
    tag = re.compile(r"<(/?)div\b", re.I)
    while True:
        m = tag.search(html, pos)
        if m is None:
            return html
        depth += -1 if m.group(1) else 1
        pos = m.end()
        if depth == 0:
            end = html.find(">", pos) + 1
            return html[:start] + html[end:]


_NOTE = ('<p class="corpusgov-offline-note">Rendered by Great Expectations; rewritten by corpusgov to '
         "open offline (no scripts, no remote assets).</p>")


def _prefixed_subs(prefix: str) -> tuple[Callable[[re.Match[str]], str], Callable[[re.Match[str]], str]]:
    """Replacements for a page `prefix` levels below the site root: the local logo, re-anchored static paths."""
    def logo(m: re.Match[str]) -> str:
        return f"{m.group(1)}{prefix}static/images/logo-long.png{m.group(2)}"

    def static_ref(m: re.Match[str]) -> str:
        return f"{m.group(1)}{prefix}static/"

    return logo, static_ref


def make_offline_html(docs_dir: str | Path) -> list[str]:
    """Rewrite a GE Data Docs site so pages open offline: no CDN scripts/styles, inline CSS, local logo.

    Returns the HTML files rewritten. Plain <a href> links to external pages are kept (they fetch nothing).
    Unreferenced static assets (fonts, images) are pruned to keep the run directory small.
    """
    root = Path(docs_dir)
    rewritten: list[str] = []
    referenced: set[Path] = set()
    for page in sorted(root.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        depth = len(page.relative_to(root).parts) - 1
        prefix = "../" * depth
        html = _static_tables(html)
        html = _RE_SCRIPT.sub("", html)
        html = _RE_LINK_EXT.sub("", html)
        logo, static_ref = _prefixed_subs(prefix)
        html = _RE_IMG_EXT.sub(logo, html)
        html = _RE_CSS_URL.sub("none", html)
        # GE counts one level too few on validation pages (run name + time); re-anchor static paths by depth.
        html = _RE_STATIC_REF.sub(static_ref, html)
        html = _RE_FOOTER.sub("", html)
        html = _RE_ONCLICK.sub("", html)
        html = _remove_actions_card(html)
        html = _RE_EXT_ATTR.sub(r"\1", html)
        html = html.replace("</head>", f"<style>{_OFFLINE_CSS}</style>\n</head>", 1)
        html = re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + _NOTE, html, count=1)
        page.write_text(html, encoding="utf-8")
        rewritten.append(str(page))
        for ref in re.findall(r"\b(?:src|href)\s*=\s*[\"']([^\"'#?]+)", html):
            if "://" not in ref and not ref.startswith(("mailto:", "data:")):
                referenced.add((page.parent / ref).resolve())
    static = root / "static"
    if static.is_dir():
        for f in sorted(static.rglob("*"), reverse=True):
            if f.is_file() and f.resolve() not in referenced:
                f.unlink()
            elif f.is_dir() and not any(f.iterdir()):
                f.rmdir()
    return rewritten
