"""The web app in a real browser (Playwright driving Debian's chromium, headless) over a store the
suite generates: the investigator's flow from an obfuscated phone to a stored label, hostile ads
that run nothing, and every page drawn with no request leaving Clew.

These run whenever /usr/bin/chromium exists; with CLEW_BROWSER_TESTS=1 (set by .ci/run) a missing
browser is a failure, never a skip. Screenshots of each page go to artifacts/screens/.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CLEW_CHROMIUM", "/usr/bin/chromium"))
REQUIRED = os.environ.get("CLEW_BROWSER_TESTS") == "1"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screens"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WORDS = {"0": "o", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six",
         "7": "seven", "8": "eight", "9": "nine"}

HOSTILE = {
    "id": "hostile-1", "site": "velvet", "url": "javascript:window.__pwned='url'",
    "title": "<img src=x onerror=\"window.__pwned='title'\">Angel <script>window.__pwned='title2'</script>",
    "body": ("<script>window.__pwned='body'; alert(1)</script> new in town "
             "<img src=/static/x.png onerror=\"window.__pwned='img'\"> "
             "<a href=\"javascript:window.__pwned='link'\">my rates</a> "
             "<style>*{display:none !important}</style><div style=\"position:fixed;inset:0\">x</div> "
             "<svg onload=\"window.__pwned='svg'\"></svg> {{7*7}} "
             "cash\u202egnp.exe text (702) 555-0188"),
    "location": "Las Vegas, NV", "posted_at": "2026-01-05T10:00:00Z",
}


def _browser_available() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)"
    if REQUIRED:
        pytest.fail(message + "; CLEW_BROWSER_TESTS=1 says the browser tests must run")
    pytest.skip(message)


@dataclass(slots=True)
class Site:
    base: str
    store_url: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A generated store (synthetic ads and one hostile ad), analysed and served on loopback."""
    _browser_available()
    import uvicorn

    from clew.analyze import analyze
    from clew.collect.ingest import ingest
    from clew.store import Store
    from clew.synth import generate
    from clew.web.app import create_app

    folder = tmp_path_factory.mktemp("browser")
    ads, images = folder / "ads.jsonl", folder / "images"
    generate(400, 21, ads, images_dir=images)
    with ads.open("a") as out:
        out.write(json.dumps(HOSTILE) + "\n")
    url = f"sqlite:///{folder / 'clew.db'}"
    with Store.open(url) as store:
        ingest(store, [ads])
        analyze(store, workers=1)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(url, images_dir=images), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the web server did not start"
        time.sleep(0.05)
    try:
        yield Site(f"http://127.0.0.1:{port}", url)
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def browser(site: Site) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield launched
        launched.close()


@dataclass(slots=True)
class Watched:
    page: Any
    requests: list[str]
    problems: list[str]
    dialogs: list[str]


@pytest.fixture
def watched(browser: Any, site: Site) -> Iterator[Watched]:
    """A page whose requests, console errors and dialogs are recorded; anything bound elsewhere
    than Clew itself is refused, as on an air-gapped laptop."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    w = Watched(page, [], [], [])
    page.on("request", lambda r: w.requests.append(r.url))
    page.on("console", lambda m: w.problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: w.problems.append(f"page error: {e}"))

    def _dialog(d: Any) -> None:
        w.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", _dialog)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site.base)
                  else route.abort())
    yield w
    context.close()


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _obfuscated(e164: str) -> str:
    """A US number as an ad would hide it: every other digit spelled ('eight5seven five5five o1nine0')."""
    d = e164[2:]
    out, at = [], 0
    for size in (3, 3, 4):  # the usual 3-3-4 grouping, so it reads like an ad
        out.append("".join(WORDS[c] if (at + i) % 2 == 0 else c for i, c in enumerate(d[at:at + size])))
        at += size
    return " ".join(out)


def _pick_network(site: Site) -> tuple[str, str, int]:
    """A network of 3+ ads that shares a US phone: (network id, phone, ads)."""
    import clew.link
    from clew.store import Store

    with Store.open(site.store_url) as store:
        for n in clew.link.list_networks(store, min_size=3):
            phones = [i.value for i in n.identifiers if i.kind == "phone" and i.value.startswith("+1")]
            if phones:
                return str(n.id), phones[0], len(n.ad_ids)
    raise AssertionError("the generated store has no network sharing a US phone")


def _assert_offline(w: Watched, site: Site) -> None:
    outside = sorted({u for u in w.requests if not u.startswith(site.base)})
    assert outside == [], f"requests left Clew: {outside}"


def _ready(page: Any, selector: str) -> None:
    page.wait_for_selector(f"{selector}[data-ready='true']", state="attached", timeout=30_000)


def test_flow_from_an_obfuscated_phone_to_a_stored_label(watched: Watched, site: Site) -> None:
    from clew.score import network_labels
    from clew.store import Store

    page = watched.page
    network_id, phone, size = _pick_network(site)
    page.goto(site.base + "/search")
    page.get_by_label("Phone, e-mail, handle, payment account").fill(_obfuscated(phone))
    page.keyboard.press("Enter")
    page.wait_for_selector(".matches a")
    assert phone[2:5] in page.inner_text(".matches")
    assert page.locator(".hit").count() >= 1
    _shot(page, "search")

    page.locator(f".hit .meta a[href='/networks/{network_id}']").first.click()
    page.wait_for_url(f"**/networks/{network_id}")
    _ready(page, "#graph")
    graph = json.loads(page.text_content("#net-data") or "{}")["graph"]
    nodes = [e for e in graph if e["group"] == "nodes"]
    assert int(page.get_attribute("#graph", "data-nodes") or 0) == len(nodes) >= size
    drawn = page.evaluate("""() => { const c = document.querySelector('#graph canvas:last-of-type');
        return c ? c.width * c.height : 0 }""")
    assert drawn > 0
    _ready(page, ".chart")
    _ready(page, ".map")
    _ready(page, "#templates .templates")
    _shot(page, "network")

    page.locator("table.rows a[href^='/ads/']").first.click()
    page.wait_for_url("**/ads/*")
    marks = page.locator("#ad-body mark.span")
    assert marks.count() >= 1
    tip = marks.first.get_attribute("data-tip") or ""
    assert "confidence" in tip
    marks.first.focus()
    assert "confidence" in page.evaluate(
        "() => getComputedStyle(document.activeElement, '::after').content")
    _shot(page, "ad")

    page.goto(f"{site.base}/networks/{network_id}")
    page.get_by_label("Note (optional)").fill("seen in three cities")
    page.get_by_role("button", name="Trafficking", exact=True).click()
    page.wait_for_selector("#label-box [data-label='trafficking']")
    with Store.open(site.store_url) as store:
        stored = network_labels(store, network_id)
    assert [(x.label, x.note) for x in stored][:1] == [("trafficking", "seen in three cities")]
    _assert_offline(watched, site)
    assert watched.problems == []


def test_hostile_ad_runs_no_script(watched: Watched, site: Site) -> None:
    page = watched.page
    page.goto(site.base + "/search?q=702+555+0188")
    link = page.locator(".hit-title", has_text="Angel").first
    assert "<img" in link.inner_text()
    href = link.get_attribute("href") or ""
    page.goto(site.base + href)
    body = page.inner_text("#ad-body")
    assert "<script>window.__pwned='body'; alert(1)</script>" in body
    assert "⟨U+202E⟩gnp.exe" in body and "{{7*7}}" in body
    assert page.locator("#ad-body img, #ad-body script, #ad-body a, #ad-body style, #ad-body svg").count() == 0
    assert page.is_visible("#ad-body")  # the injected style hid nothing
    assert page.get_by_text("javascript:window.__pwned='url'").is_visible()  # the URL is text, not a link
    _shot(page, "hostile-ad")
    page.goto(site.base + "/search?q=" + "%3Cscript%3Ewindow.__pwned%3D%27q%27%3C%2Fscript%3E")
    page.goto(site.base + "/identifier?key=phone:%2B17025550188")
    assert page.evaluate("() => window.__pwned") is None
    assert watched.dialogs == []
    assert watched.problems == []
    _assert_offline(watched, site)


def test_every_page_renders_with_no_request_leaving_clew(watched: Watched, site: Site) -> None:
    page = watched.page
    network_id, phone, _ = _pick_network(site)
    from urllib.parse import quote

    pages = {
        "dashboard": ("/", [".chart"]),
        "leads": ("/leads", []),
        "search-words": ("/search?q=new+in+town", []),
        "identifier": (f"/identifier?key={quote('phone:' + phone, safe='')}", [".chart", ".map"]),
        "network-full": (f"/networks/{network_id}", ["#graph", ".chart", ".map", "#templates .templates"]),
    }
    for name, (path, drawn) in pages.items():
        response = page.goto(site.base + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        for selector in drawn:
            _ready(page, selector)
        _shot(page, name)
    page.goto(site.base + "/leads")
    page.locator("table.rows a[href^='/networks/']").first.click()
    page.wait_for_load_state("networkidle")
    page.locator("table.rows a[href^='/ads/']").first.click()
    page.wait_for_load_state("networkidle")
    images = page.locator("button.reveal img")
    if images.count():
        assert "blurred" in (images.first.get_attribute("class") or "")
        page.locator("button.reveal").first.click()
        assert "blurred" not in (images.first.get_attribute("class") or "")
    assert watched.requests and all(u.startswith(site.base) for u in watched.requests)
    assert watched.problems == []
    _assert_offline(watched, site)
