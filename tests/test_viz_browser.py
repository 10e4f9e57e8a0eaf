"""The HTML view in a real browser: headless Chromium, no network, driven over the DevTools protocol.

Chromium is Debian's `chromium` package, installed here with apt-get when it is missing. The
protocol runs over a pipe (--remote-debugging-pipe), so the test needs no port and no extra
Python package. Screenshots are kept in tests/artifacts/.
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
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import Graph

from kg.namespaces import FOAF, KG, ORG, SCHEMA
from kg.network import to_networkx
from kg.viz import html_page, visualize

if TYPE_CHECKING:
    from conftest import Built

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PERSON = "Trần Quang Tuấn"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars", "--mute-audio")
LOCAL = ("file:", "data:", "about:", "blob:")
TIMEOUT = 30.0


def chromium() -> str:
    """Debian's chromium; installed with apt-get when missing (a clear failure when it cannot be)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if shutil.which("apt-get") is None:
        pytest.fail("the browser tests need Chromium and apt-get is not available to install it: "
                    "install Debian's `chromium` package (or any Chromium as `chromium` on PATH)", pytrace=False)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        done = subprocess.run(command, check=False, capture_output=True, text=True, env=env, timeout=1200)
        if done.returncode != 0:
            pytest.fail(f"`{' '.join(command)}` failed with exit code {done.returncode} (installing Chromium "
                        f"needs root): {done.stderr.strip()[-400:]}", pytrace=False)
    found = shutil.which("chromium")
    if not found:
        pytest.fail("apt-get installed chromium but no `chromium` is on PATH", pytrace=False)
    return found


# Chromium reads the protocol on fd 3 and writes on fd 4: move the pipe ends there, whatever their
# numbers (by way of fds above 9, so that neither end overwrites the other), then become Chromium.
_LAUNCH = """
import fcntl, os, sys
ends = [fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3]]
for target, fd in zip((3, 4), ends):
    os.dup2(fd, target)
os.execv(sys.argv[3], sys.argv[3:])
"""


class Browser:
    """Chromium speaking the DevTools protocol over fds 3 (commands) and 4 (replies), NUL-separated."""

    def __init__(self, executable: str, profile: Path, log: Path) -> None:
        commands_in, self._commands = os.pipe()
        self._replies, replies_out = os.pipe()
        with log.open("wb") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _LAUNCH, str(commands_in), str(replies_out), executable, *FLAGS,
                 f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
                pass_fds=(commands_in, replies_out), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=stderr)
        os.close(commands_in)
        os.close(replies_out)
        self._inbox: queue.Queue[dict | None] = queue.Queue()
        self.events: list[dict] = []
        self._next = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        with os.fdopen(self._replies, "rb", buffering=0) as replies:
            while chunk := replies.read(1 << 16):
                buffer += chunk
                *messages, buffer = buffer.split(b"\0")
                for message in messages:
                    self._inbox.put(json.loads(message))
        self._inbox.put(None)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._receive(deadline, method)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise AssertionError(f"{method} failed: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _receive(self, deadline: float, waiting_for: str) -> dict:
        try:
            reply = self._inbox.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(f"Chromium did not answer {waiting_for} within {TIMEOUT:.0f} s") from None
        if reply is None:
            raise AssertionError(f"Chromium exited while waiting for {waiting_for}")
        return reply

    def wait_event(self, method: str, session: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        seen = 0
        while True:
            for event in self.events[seen:]:
                if event.get("method") == method and event.get("sessionId") == session:
                    return event
            seen = len(self.events)
            self.events.append(self._receive(deadline, method))

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except AssertionError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)


class Page:
    """One tab: navigate, evaluate JavaScript, click and type as a user would, take screenshots."""

    def __init__(self, browser: Browser, width: int = 1400, height: int = 900) -> None:
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def send(self, method: str, params: dict | None = None) -> dict:
        return self.browser.send(method, params, self.session)

    def open(self, path: Path) -> None:
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        self.browser.wait_event("Page.loadEventFired", self.session)
        self.wait_for("document.documentElement.dataset.ready === '1'")

    def js(self, expression: str) -> object:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str) -> object:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {expression}")

    def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def click_element(self, selector: str) -> None:
        box = self.js(f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
                      " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
        self.click(*box)  # type: ignore[misc]

    def type(self, selector: str, text: str) -> None:
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", {"text": text})

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"]))

    def problems(self) -> list[str]:
        """Requests that left the machine, script errors and console errors seen so far."""
        found = []
        for event in self.browser.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent" and not params["request"]["url"].startswith(LOCAL):
                found.append(f"network request: {params['request']['url']}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"script error: {params['exceptionDetails']}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                found.append(f"console error: {params.get('args')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"browser error: {params['entry']['text']}")
        return found


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    home = tmp_path_factory.mktemp("chromium")
    instance = Browser(chromium(), home / "profile", home / "chromium.log")
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture(scope="module")
def demo(built: Built) -> Path:
    """conftest's build of the sample corpus, as `make demo` builds it."""
    return built.out


def person_evidence(graph: Graph, name: str) -> set[str]:
    people = set(graph.subjects(FOAF.name, None)) & {p for p in graph.subjects(FOAF.name, None)
                                                     if str(graph.value(p, FOAF.name)) == name}
    holders = {m for p in people for m in graph.subjects(ORG.member, p)}
    return {str(graph.value(e, SCHEMA.text)) for node in people | holders for e in graph.objects(node, KG.evidence)}


def test_demo_page_search_click_and_evidence(browser: Browser, demo: Path, tmp_path: Path) -> None:
    page_file = tmp_path / "graph.html"
    visualize(str(demo), page_file, None)
    page = Page(browser)
    page.open(page_file)
    assert page.js("window.kgView.visibleCount()") > 10
    assert page.js("document.getElementById('graph').width") > 500
    assert "of" in page.js("document.getElementById('status').textContent")

    page.type("#search", PERSON)
    page.wait_for("!document.getElementById('results').hidden")
    results = page.js("[...document.querySelectorAll('#results li')].map((li) => li.textContent)")
    assert results and results[0].startswith(PERSON), results
    page.click_element("#results li")
    page.wait_for("!document.getElementById('panel').hidden")
    assert page.js("document.querySelector('#panel h2').textContent") == PERSON

    from kg.store import load_rdflib
    expected = person_evidence(load_rdflib(str(demo)), PERSON)
    assert expected, "the demo graph has evidence for the person"
    shown = set(page.js("[...document.querySelectorAll('#panel blockquote')].map((q) => q.textContent)"))
    assert shown & expected, (shown, expected)
    sources = page.js("[...document.querySelectorAll('#panel .source a.article')].map((a) => a.textContent)")
    assert any(s.endswith(".txt") for s in sources), sources  # each sentence links to its article

    # Close the panel, then click the node itself on the canvas.
    page.click_element("#close")
    page.wait_for("document.getElementById('panel').hidden")
    page.js("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    x, y = page.js(f"(() => {{ const p = window.kgView.screenPosition(window.kgView.find({json.dumps(PERSON)}));"
                   " return [p.x, p.y]; })()")
    page.click(x, y)
    page.wait_for("!document.getElementById('panel').hidden")
    assert page.js("document.querySelector('#panel h2').textContent") == PERSON
    assert set(page.js("[...document.querySelectorAll('#panel blockquote')].map((q) => q.textContent)")) & expected

    page.click_element("#fit")
    page.screenshot(ARTIFACTS / "viz-demo.png")
    assert (ARTIFACTS / "viz-demo.png").stat().st_size > 20_000
    assert page.problems() == []


def test_filters_narrow_the_view(browser: Browser, demo: Path, tmp_path: Path) -> None:
    page_file = tmp_path / "graph.html"
    visualize(str(demo), page_file, None)
    page = Page(browser)
    page.open(page_file)
    everything = page.js("window.kgView.visibleCount()")
    page.js("(() => { const s = document.getElementById('f-role'); s.value = '0';"
            " s.dispatchEvent(new Event('change')); })()")
    by_role = page.js("window.kgView.visibleCount()")
    assert 0 < by_role < everything
    page.click_element("#reset")
    assert page.js("window.kgView.visibleCount()") == everything
    page.click_element("#types input")  # the first type: persons
    assert page.js("window.kgView.visibleCount()") < everything
    assert page.problems() == []


def test_five_thousand_nodes_render_and_search(browser: Browser, tmp_path: Path) -> None:
    from test_network import synthetic_graph

    g = synthetic_graph(people=2600)
    net = to_networkx(g)
    assert net.number_of_nodes() >= 5000
    page_file = tmp_path / "big.html"
    # Positions on a grid: the layout's own speed is not what this test is about.
    grid = {n: (float(i % 72), float(i // 72)) for i, n in enumerate(sorted(net.nodes))}
    page_file.write_bytes(html_page(g, net, grid, "kg: 5,000 nodes"))
    page = Page(browser)
    page.open(page_file)
    assert page.js("window.kgView.visibleCount()") > 4000
    assert page.js("document.title") == "kg: 5,000 nodes"
    # A redraw of the whole view (reported, not asserted: timing is for bench/, not pass/fail).
    frame = page.js("(() => { const t = []; for (let i = 0; i < 5; i++) t.push(window.kgView.redrawNow());"
                    " return Math.max(...t); })()")
    print(f"\n5,000-node page: slowest of 5 full redraws {frame:.1f} ms")
    label = next(d["label"] for _, d in net.nodes(data=True) if d["type"] == "person")
    page.type("#search", label)
    page.wait_for("document.querySelectorAll('#results li[data-node]').length > 0")
    page.click_element("#results li[data-node]")
    page.wait_for("!document.getElementById('panel').hidden")
    assert page.js("document.querySelectorAll('#panel blockquote').length") > 0
    page.screenshot(ARTIFACTS / "viz-5000.png")
    assert page.problems() == []
