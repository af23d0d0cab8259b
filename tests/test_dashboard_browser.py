"""dashboard.html and compare.html in a real browser at 1440 and 390 px: headless Chromium driven over the DevTools
protocol (`--remote-debugging-pipe`, stdlib only). Checks: no console errors, no request other than file:/data:, key
numbers in the DOM equal the manifest's, the planted `<script>` did not run, no horizontal overflow, numbers and
ids on one line, chart text at least 9 px, WCAG AA contrast of every HTML text, Chinese rendered with a CJK font
(skipped with a reason when none is installed), drill-down / per-language / compare content present, and
screenshots in out/test-artifacts/ for people to look at.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "out" / "test-artifacts"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
         '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost']

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed "
                                 "(apt-get install -y chromium; .ci/run installs it)")]


class DevTools:
    """Minimal Chrome DevTools protocol client over the debugging pipe (fd 3 in, fd 4 out, NUL-separated JSON)."""

    def __init__(self, exe: str, user_data_dir: str) -> None:
        self._to_r, self._to_w = os.pipe()
        self._from_r, self._from_w = os.pipe()
        # Chromium reads commands on fd 3 and answers on fd 4; a tiny Python trampoline puts the pipe ends
        # there (a shell cannot: dash only redirects single-digit fds, and pytest's capture uses low ones).
        tramp = ("import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
                 "os.execv(sys.argv[3], sys.argv[3:])")
        cmd = [sys.executable, "-c", tramp, str(self._to_r), str(self._from_w), exe, *FLAGS,
               f"--user-data-dir={user_data_dir}", "--remote-debugging-pipe", "about:blank"]
        self.proc = subprocess.Popen(cmd, pass_fds=(self._to_r, self._from_w), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(self._to_r)
        os.close(self._from_w)
        self._id = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        self._cv = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buf = b""
        with os.fdopen(self._from_r, "rb", buffering=0) as f:
            while chunk := f.read(65536):
                buf += chunk
                while b"\0" in buf:
                    raw, buf = buf.split(b"\0", 1)
                    msg = json.loads(raw)
                    if "id" in msg:
                        with self._cv:
                            self._replies[msg["id"]] = msg
                            self._cv.notify_all()
                    else:
                        self.seen.append(msg)
                        self.events.put(msg)

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = 30.0) -> dict[str, Any]:
        self._id += 1
        mid = self._id
        msg: dict[str, Any] = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_w, json.dumps(msg).encode() + b"\0")
        with self._cv:
            if not self._cv.wait_for(lambda: mid in self._replies, timeout=timeout):
                raise TimeoutError(f"no reply to {method}")
            reply = self._replies.pop(mid)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_event(self, method: str, timeout: float = 30.0) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                ev = self.events.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                break
            if ev.get("method") == method:
                return ev
        raise TimeoutError(f"no {method} event")

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except Exception:  # noqa: BLE001 - the process is killed below anyway
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_w)


JS_METRICS = ("JSON.stringify(Object.fromEntries(Array.from(document.querySelectorAll('[data-metric]'))"
              ".map(e => [e.dataset.metric, e.dataset.value !== undefined ? e.dataset.value : e.textContent.trim()])))")

# Every element with its own text: its colour against the first opaque background up the tree (WCAG 2 formula).
JS_CONTRAST = r"""(() => {
  const lum = c => { const m = c.match(/[\d.]+/g).map(Number); const f = v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]); };
  const bg = el => { for (let e = el; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
    const a = c.match(/[\d.]+/g); if (a && (a.length < 4 || Number(a[3]) > 0.5)) return c; } return 'rgb(255,255,255)'; };
  const bad = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg')) continue;
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const l1 = lum(getComputedStyle(el).color), l2 = lum(bg(el));
    const r = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (r < 4.5) bad.push([el.tagName, el.className, el.textContent.trim().slice(0, 30), r.toFixed(2)]);
  }
  return JSON.stringify(bad.slice(0, 10));
})()"""

# Numbers and ids must not wrap: each such element lays out as one line box.
JS_BROKEN = r"""JSON.stringify(Array.from(document.querySelectorAll('td.n, .mono, .card .v, .nw'))
  .filter(e => { const r = document.createRange(); r.selectNodeContents(e);
    const mids = Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => (x.top + x.bottom) / 2);
    const fs = parseFloat(getComputedStyle(e).fontSize);
    return mids.length > 1 && Math.max(...mids) - Math.min(...mids) > 0.8 * fs && !e.querySelector('br'); })
  .map(e => e.textContent.trim().slice(0, 40)).slice(0, 10))"""

# Effective size of chart text in CSS px: font size times the SVG's scale on screen.
JS_CHART_FONT = r"""(() => { let min = 1e9;
  for (const svg of document.querySelectorAll('figure.chart svg')) {
    const vb = svg.viewBox.baseVal; const w = svg.getBoundingClientRect().width;
    if (!vb || !vb.width || !w) continue;
    for (const t of svg.querySelectorAll('text')) {
      const fs = parseFloat(getComputedStyle(t).fontSize); if (fs) min = Math.min(min, fs * w / vb.width); } }
  return min; })()"""

WIDTHS = (1440, 390)


def _cjk_font_installed() -> bool:
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.strip())


def _load(dt: DevTools, url: str, width: int, shot: Path) -> dict[str, Any]:
    target = dt.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    sid = dt.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Network", "Log", "DOM", "CSS"):
        dt.send(f"{domain}.enable", session=sid)
    dt.send("Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 800}, session=sid)
    seen_before = len(dt.seen)
    dt.send("Page.navigate", {"url": url}, session=sid)
    dt.wait_event("Page.loadEventFired", timeout=60)
    time.sleep(0.3)  # let late console messages arrive

    def js(expr: str) -> Any:
        r = dt.send("Runtime.evaluate", {"expression": expr, "returnByValue": True}, session=sid)
        assert "exceptionDetails" not in r, r
        return r["result"].get("value")

    js("document.querySelectorAll('details').forEach(d => d.open = true)")  # lay out the drill-down too
    out: dict[str, Any] = {
        "metrics": json.loads(js(JS_METRICS)),
        "scripts": js("document.getElementsByTagName('script').length"),
        "text": js("document.body.textContent"),
        "markup_snippets": js("Array.from(document.querySelectorAll('[data-markup-snippet]')).map(e => e.textContent)"),
        "title": js("document.title"),
        "scroll_width": js("document.documentElement.scrollWidth"),
        "inner_width": js("window.innerWidth"),
        "contrast": json.loads(js(JS_CONTRAST)),
        "broken": json.loads(js(JS_BROKEN)),
        "chart_font": js(JS_CHART_FONT),
        "records": js("document.querySelectorAll('[data-record]').length"),
        "pairs": js("document.querySelectorAll('[data-pair]').length"),
    }
    doc = dt.send("DOM.getDocument", {"depth": -1}, session=sid)["root"]["nodeId"]
    node = dt.send("DOM.querySelector", {"nodeId": doc, "selector": "h1 .zh"}, session=sid)["nodeId"]
    out["zh_fonts"] = [f["familyName"] for f in
                       dt.send("CSS.getPlatformFontsForNode", {"nodeId": node}, session=sid)["fonts"]]
    lm = dt.send("Page.getLayoutMetrics", session=sid)
    size = lm.get("cssContentSize") or lm["contentSize"]
    height = min(int(size["height"]), 16000)
    png = dt.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                             "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}},
                  session=sid, timeout=90)
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.write_bytes(base64.b64decode(png["data"]))
    out["events"] = list(dt.seen[seen_before:])
    out["url"] = url
    dt.send("Target.closeTarget", {"targetId": target})
    return out


@pytest.fixture(scope="module")
def pages(demo_run: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], dict[str, Any]]:
    """dashboard.html and a compare.html (against an older, stricter copy of the run) at both widths."""
    assert CHROMIUM
    from corpusgov.dashboard import build_compare_html
    from tests.test_dashboard import _older_stricter

    m = json.loads((demo_run / "manifest.json").read_text(encoding="utf-8"))
    cmp_dir = tmp_path_factory.mktemp("compare")
    (cmp_dir / "compare.html").write_text(build_compare_html(m, _older_stricter(m), "older-run"), encoding="utf-8")
    dt = DevTools(CHROMIUM, str(tmp_path_factory.mktemp("chromium-profile")))
    try:
        out = {}
        for w in WIDTHS:
            out[("dashboard", w)] = _load(dt, (demo_run / "dashboard.html").resolve().as_uri(), w,
                                          ARTIFACTS / f"dashboard-{w}.png")
            out[("compare", w)] = _load(dt, (cmp_dir / "compare.html").resolve().as_uri(), w,
                                        ARTIFACTS / f"compare-{w}.png")
        return out
    finally:
        dt.close()


ALL = [(k, w) for k in ("dashboard", "compare") for w in WIDTHS]


@pytest.mark.parametrize("key", ALL)
def test_no_console_errors_and_no_network(pages: dict, key: tuple[str, int]) -> None:
    p = pages[key]
    errors = []
    for ev in p["events"]:
        m, prm = ev.get("method"), ev.get("params", {})
        if m == "Runtime.exceptionThrown" or (m == "Runtime.consoleAPICalled" and prm.get("type") in ("error", "assert")):
            errors.append(prm)
        elif m == "Log.entryAdded" and prm.get("entry", {}).get("level") == "error":
            errors.append(prm["entry"])
    assert errors == []
    urls = [ev["params"]["request"]["url"] for ev in p["events"] if ev.get("method") == "Network.requestWillBeSent"]
    assert p["url"] in urls  # the recorder worked
    assert [u for u in urls if not u.startswith(("file://", "data:", "about:"))] == []
    assert p["scripts"] == 0


@pytest.mark.parametrize("key", ALL)
def test_layout(pages: dict, key: tuple[str, int]) -> None:
    p = pages[key]
    assert p["scroll_width"] <= p["inner_width"], "horizontal overflow"
    assert p["broken"] == [], "numbers or ids broken over lines"
    assert p["contrast"] == [], "text below WCAG AA contrast (4.5:1)"
    if key[0] == "dashboard":
        assert p["chart_font"] >= 9, f"chart text {p['chart_font']:.1f} px"


@pytest.mark.parametrize("key", ALL)
def test_chinese_rendered_with_a_cjk_font(pages: dict, key: tuple[str, int]) -> None:
    if not _cjk_font_installed():
        pytest.skip("no CJK font installed (apt-get install -y fonts-noto-cjk; .ci/run installs it)")
    fonts = pages[key]["zh_fonts"]
    assert fonts and all("CJK" in f or "SC" in f or "Hei" in f for f in fonts), fonts


@pytest.mark.parametrize("width", WIDTHS)
def test_dashboard_content(pages: dict, demo_run: Path, width: int) -> None:
    p = pages[("dashboard", width)]
    m = json.loads((demo_run / "manifest.json").read_text(encoding="utf-8"))
    got = p["metrics"]
    for k in ("read", "kept", "dropped", "deadlettered"):
        assert got[f"totals.{k}"] == str(m["totals"][k])
    for s in m["sources"]:
        assert got[f"source.{s['id']}.kept"] == str(s["counts"]["kept"])
    assert got["scale.est_tokens"] == str(m["scale"]["by_modality"]["text"]["est_tokens"])
    assert got["run.run_id"] == m["run"]["run_id"]
    assert p["records"] > 20 and p["pairs"] >= len(m["sources"])  # drill-down rows, per-language x source rows
    assert not [ev for ev in p["events"] if ev.get("method") == "Page.javascriptDialogOpening"]
    assert any('<script>alert("xss")</script>' in s for s in p["markup_snippets"])  # shown as text
    assert p["title"].startswith("corpusgov dashboard")


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_content(pages: dict, width: int) -> None:
    p = pages[("compare", width)]
    assert p["metrics"]["compare.newer"] == "this"
    assert "Policy differences" in p["text"] and "regression: now failing" in p["text"] and "-50.0%" in p["text"]


def test_screenshots_saved(pages: dict) -> None:
    for k, w in ALL:
        png = (ARTIFACTS / f"{k}-{w}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
