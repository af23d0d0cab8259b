"""The dashboard in a real browser: headless Chromium driven over the DevTools protocol (`--remote-debugging-pipe`,
stdlib only). Checks: no console errors, no request other than file:/data:, key numbers in the DOM equal the
manifest's, the planted `<script>` in a kept en_news record did not run, and a screenshot for people to look at.
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
              ".map(e => [e.dataset.metric, e.textContent.trim()])))")


@pytest.fixture(scope="module")
def page(demo_run: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Load dashboard.html once; return what the browser saw."""
    assert CHROMIUM
    ud = tmp_path_factory.mktemp("chromium-profile")
    dt = DevTools(CHROMIUM, str(ud))
    try:
        target = dt.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        sid = dt.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            dt.send(f"{domain}.enable", session=sid)
        dt.send("Emulation.setDeviceMetricsOverride",
                {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=sid)
        url = (demo_run / "dashboard.html").resolve().as_uri()
        dt.send("Page.navigate", {"url": url}, session=sid)
        dt.wait_event("Page.loadEventFired", timeout=60)
        time.sleep(0.3)  # let late console messages arrive

        def js(expr: str) -> Any:
            r = dt.send("Runtime.evaluate", {"expression": expr, "returnByValue": True}, session=sid)
            assert "exceptionDetails" not in r, r
            return r["result"].get("value")

        out: dict[str, Any] = {
            "metrics": json.loads(js(JS_METRICS)),
            "scripts": js("document.getElementsByTagName('script').length"),
            "text": js("document.body.textContent"),
            "markup_snippets": js("Array.from(document.querySelectorAll('[data-markup-snippet]'))"
                                  ".map(e => e.textContent)"),
            "title": js("document.title"),
        }
        lm = dt.send("Page.getLayoutMetrics", session=sid)
        size = lm.get("cssContentSize") or lm["contentSize"]
        height = min(int(size["height"]), 16000)
        shot = dt.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                  "clip": {"x": 0, "y": 0, "width": 1280, "height": height,
                                                           "scale": 1}}, session=sid, timeout=60)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "dashboard.png").write_bytes(base64.b64decode(shot["data"]))
        out["events"] = list(dt.seen)
        out["url"] = url
        return out
    finally:
        dt.close()


def test_no_console_errors(page: dict[str, Any]) -> None:
    errors = []
    for ev in page["events"]:
        m, p = ev.get("method"), ev.get("params", {})
        if m == "Runtime.exceptionThrown":
            errors.append(p)
        elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            errors.append(p)
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            errors.append(p["entry"])
    assert errors == []


def test_no_network_requests(page: dict[str, Any]) -> None:
    urls = [ev["params"]["request"]["url"] for ev in page["events"] if ev.get("method") == "Network.requestWillBeSent"]
    assert page["url"] in urls  # the recorder worked
    assert [u for u in urls if not u.startswith(("file://", "data:", "about:"))] == []
    assert not [ev for ev in page["events"] if ev.get("method") == "Network.loadingFailed"]


def test_key_numbers_equal_the_manifest(page: dict[str, Any], demo_run: Path) -> None:
    m = json.loads((demo_run / "manifest.json").read_text(encoding="utf-8"))
    got = page["metrics"]
    for k in ("read", "kept", "dropped", "deadlettered"):
        assert got[f"totals.{k}"] == str(m["totals"][k])
    for s in m["sources"]:
        for k in ("read", "kept", "dropped", "deadlettered"):
            assert got[f"source.{s['id']}.{k}"] == str(s["counts"][k]), (s["id"], k)
    assert got["dedup.exact"] == str(m["dedup"]["exact_duplicates_dropped"])
    assert got["dedup.near"] == str(m["dedup"]["near_duplicates_dropped"])
    assert got["scale.est_tokens"] == str(m["scale"]["by_modality"]["text"]["est_tokens"])
    failed = sum(1 for g in m["gates"] if not g["passed"])
    assert got["gates.failed"] == str(failed)
    assert got["gates.passed"] == str(len(m["gates"]) - failed)
    assert got["merkle.corpus_root"] == m["outputs"]["merkle"]["corpus_root"]
    assert got["run.run_id"] == m["run"]["run_id"]
    ann = m.get("annotation")
    assert got["annotation.status"] == ("not available" if not ann else "passed" if ann["passed"] else "failed")


def test_planted_script_did_not_run(page: dict[str, Any]) -> None:
    assert not [ev for ev in page["events"] if ev.get("method") == "Page.javascriptDialogOpening"]
    assert page["scripts"] == 0
    # The kept en_news record's markup is on the page as text, exactly as written.
    assert any('<script>alert("xss")</script>' in s for s in page["markup_snippets"])
    assert page["title"].startswith("corpusgov dashboard")


def test_screenshot_saved(page: dict[str, Any]) -> None:
    png = (ARTIFACTS / "dashboard.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000
