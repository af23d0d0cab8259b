"""Offline Data Docs: remote assets removed, GE's JavaScript tables rendered static with every value escaped."""

from __future__ import annotations

from corpusgov.lineage.data_docs import make_offline_html


def test_make_offline_html_rewrites_cdn_assets(tmp_path):
    page = tmp_path / "a" / "p.html"
    page.parent.mkdir()
    page.write_text(
        '<html><head><link rel="stylesheet" href="https://cdn.example/x.css"/>'
        "<script src=\"https://code.jquery.com/j.js\"></script><style>a{background:url('https://s3/x.png')}</style>"
        '</head><body><img src="https://s3/logo.png?d=1"/><a href="https://docs.example">docs</a>'
        "<footer><a href='https://x'>news</a></footer></body></html>",
        encoding="utf-8",
    )
    make_offline_html(tmp_path)
    html = page.read_text(encoding="utf-8")
    assert "cdn.example" not in html and "jquery" not in html and "s3/" not in html and "news" not in html
    assert 'src="../static/images/logo-long.png"' in html
    assert '<a href="https://docs.example">docs</a>' in html


def test_static_tables_escape_what_they_insert(tmp_path):
    # GE's index table data as it writes it: markup cells with a plain-text twin, and plain values (a run
    # name is the user's) that bootstrap-table would insert as HTML.
    rows = [{"validation_success": '<span><i class="fas fa-times"></i></span>', "_validation_success_text": "Failed",
             "run_name": "<b onmouseover=alert(1)>x</b>&", "_table_row_link_path": 'validations/x".html'}]
    columns = [{"field": "validation_success", "title": "Status"}, {"field": "run_name", "title": "Run <Name>"}]
    page = tmp_path / "index.html"
    page.write_text(
        '<html><head></head><body><table id="t1" class="x"></table>'
        "<script>\n  $('#t1').bootstrapTable(\n    Object.assign(\n      {\n"
        f"        columns: {columns!r},\n        data: {rows!r},\n"
        "      }, {}));\n</script></body></html>",
        encoding="utf-8",
    )
    make_offline_html(tmp_path)
    html = page.read_text(encoding="utf-8")
    assert "<td>Failed</td>" in html and "<i class" not in html
    assert "<td>&lt;b onmouseover=alert(1)&gt;x&lt;/b&gt;&amp;</td>" in html and "<b " not in html
    assert "<th>Run &lt;Name&gt;</th>" in html
    assert '<a href="validations/x&quot;.html">open</a>' in html
