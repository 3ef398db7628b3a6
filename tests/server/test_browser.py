"""The web page at ``/`` in a real browser: headless Chromium (Debian's package) driven by
Playwright, against the real service started by ``biblioconv serve`` on a free loopback port.

Without Chromium the tests are skipped with the reason, unless ``BIBLIOCONV_REQUIRE_BROWSER=1``
(as ``.ci/run`` sets it), where they fail. ``BIBLIOCONV_CHROMIUM`` names another Chromium binary.
Screenshots go to ``test-artifacts/screenshots/`` (``BIBLIOCONV_ARTIFACTS`` overrides the
folder); with ``BIBLIOCONV_UPDATE_SCREENSHOTS=1`` they are also copied to ``docs/img/``.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from testsupport import ROOT, SHARED

import biblioconv
from biblioconv import registry

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

BIBTEX = """@article{smith2020,
  author = {Smith, Jane and Doe, John},
  title = {A study of things},
  journal = {Journal of Examples},
  year = {2020},
  volume = {12},
  pages = {1--10},
  doi = {10.1234/abc}
}
"""
# Two entries with what Dublin Core has no home for (volume, pages, the entry keys...).
LOSSY_BIBTEX = (
    BIBTEX
    + """
@book{lovelace1843,
  author = {Lovelace, Ada},
  title = {Sketch of the Analytical Engine},
  publisher = {Richard and John E. Taylor},
  address = {London},
  edition = {2},
  year = {1843}
}
"""
)
SCOPUS_RIS = SHARED / "corpus" / "ris" / "scopus.ris"
AUTHORS_RIS = ROOT / "tests" / "formats" / "ris" / "cases" / "authors.ris"
BROKEN_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<resource xmlns="http://datacite.org/schema/kernel-4">\n'
    b"  <titles><title>Broken</titles>\n"
    b"</resource>\n"
)


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("BIBLIOCONV_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and BIBLIOCONV_REQUIRE_BROWSER=1 requires the browser tests")
    pytest.skip(reason)


def _chromium() -> str:
    named = os.environ.get("BIBLIOCONV_CHROMIUM")
    path = named or shutil.which("chromium") or "/usr/bin/chromium"
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        _unavailable(
            f"Chromium not found at {path} (install Debian's chromium package or set "
            "BIBLIOCONV_CHROMIUM)"
        )
    return path


def _post(url: str, body: bytes) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=body, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


@pytest.fixture(scope="module")
def service(live_server: str) -> str:
    """The base URL of ``biblioconv serve`` running on a free loopback port."""
    return live_server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium from the system (Playwright never downloads a browser here)."""
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, service: str) -> Iterator[Any]:
    """A fresh page showing the service's web page, its formats loaded; at the end, no script
    error was raised and no request left the service's origin."""
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True, base_url=service)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda err: problems.append(f"script error: {err}"))
    pg.on(
        "console",
        lambda msg: (
            problems.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error" and "the server responded with a status of 4" not in msg.text
            else None
        ),
    )
    pg.on(
        "request",
        lambda req: (
            problems.append(f"request off the service: {req.url}")
            if not req.url.startswith((service, "data:", "blob:"))
            else None
        ),
    )
    pg.goto("/")
    # (the page's Content-Security-Policy forbids evaluating strings: no wait_for_function)
    pg.wait_for_selector("#target option[value='csl-json']", state="attached")
    yield pg
    context.close()
    assert problems == []


def _expect() -> Any:
    from playwright.sync_api import expect

    # generous: the machine may be busy, and the first style search builds the style index
    expect.set_options(timeout=30_000)
    return expect


def _choose_style(page: Any, query: str, style_id: str) -> None:
    page.check("#mode-style")
    page.fill("#style-search", query)
    _expect()(page.locator(f'#style option[value="{style_id}"]')).to_have_count(1)
    page.select_option("#style", style_id)


def _artifacts() -> Path:
    folder = Path(os.environ.get("BIBLIOCONV_ARTIFACTS") or ROOT / "test-artifacts") / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_paste_bibtex_and_get_apa_html(page: Any) -> None:
    expect = _expect()
    page.fill("#paste", BIBTEX)
    expect(page.locator("#paste-detected")).to_have_text("Detected: BibTeX")
    _choose_style(page, "apa", "apa")
    # The live preview renders the first entries before anything is converted.
    expected = biblioconv.cite(biblioconv.loads(BIBTEX, "bibtex"), style="apa", output="html")
    assert len(expected) == 1
    preview = page.locator("#preview .csl-entry")
    expect(preview).to_have_count(1)
    assert preview.first.inner_html() == expected[0].text

    page.click("#convert")
    entry = page.locator(".result .output-rendered .csl-entry")
    expect(entry).to_have_count(1)
    assert entry.inner_html() == expected[0].text
    assert entry.inner_text() == (
        "Smith, J., & Doe, J. (2020). A study of things. Journal of Examples, 12, 1–10. "
        "https://doi.org/10.1234/abc"
    )
    expect(entry.locator("i", has_text="Journal of Examples")).to_have_count(1)
    expect(page.locator(".result .result-meta")).to_contain_text("BibTeX → ")
    expect(page.locator("#error")).to_have_text("")

    # The download is the HTML bibliography, named after the style.
    with page.expect_download() as info:
        page.locator(".result button.download").click()
    download = info.value
    assert download.suggested_filename == "records-apa.html"
    html = Path(download.path()).read_text("utf-8")
    assert expected[0].text in html


def test_preview_follows_the_style_chosen(page: Any) -> None:
    expect = _expect()
    page.fill("#paste", BIBTEX)
    _choose_style(page, "apa", "apa")
    expect(page.locator("#preview .csl-entry")).to_contain_text("Smith, J., & Doe, J. (2020)")
    _choose_style(page, "vancouver", "nlm-citation-sequence")  # what "vancouver" names
    vancouver = biblioconv.cite(
        biblioconv.loads(BIBTEX, "bibtex"), style="vancouver", output="html"
    )
    expect(page.locator("#preview .csl-entry")).to_have_count(1)
    expect(page.locator("#preview .csl-entry")).to_contain_text("Smith J, Doe J.")
    assert page.locator("#preview .csl-entry").inner_html() == vancouver[0].text


def test_drop_ris_file_and_download_biblatex(page: Any) -> None:
    expect = _expect()
    page.set_input_files("#files", str(SCOPUS_RIS))
    expect(page.locator("#file-list li")).to_contain_text("scopus.ris")
    expect(page.locator("#file-list li")).to_contain_text("Detected: RIS")
    page.select_option("#target", "biblatex")
    page.click("#convert")
    card = page.locator(".result")
    expect(card).to_have_count(1)
    source = list(biblioconv.read(SCOPUS_RIS))
    expect(card.locator(".result-meta")).to_contain_text(f"RIS → BibLaTeX · {len(source)} records")

    with page.expect_download() as info:
        card.locator("button.download").click()
    download = info.value
    assert download.suggested_filename == "scopus.bib"
    text = Path(download.path()).read_text("utf-8")
    records = biblioconv.loads(text, "biblatex")
    assert [r.title for r in records] == [r.title for r in source]
    assert [r.doi for r in records] == [r.doi for r in source]
    assert records[0].title.startswith("Stress and the brain-gut axis")


def test_dropped_files_are_each_converted(page: Any, tmp_path: Path) -> None:
    expect = _expect()
    files = [
        ["authors.ris", AUTHORS_RIS.read_text("utf-8")],
        ["refs.bib", LOSSY_BIBTEX],
    ]
    # A real drop: a DataTransfer carrying two files dropped on the drop zone.
    page.evaluate(
        """(files) => {
          const data = new DataTransfer();
          for (const [name, text] of files) data.items.add(new File([text], name));
          const zone = document.getElementById("drop");
          for (const type of ["dragenter", "dragover", "drop"]) {
            zone.dispatchEvent(new DragEvent(type, {dataTransfer: data, bubbles: true, cancelable: true}));
          }
        }""",
        files,
    )
    items = page.locator("#file-list li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("Detected: RIS")
    (tmp_path / "refs.bib").write_text(LOSSY_BIBTEX, "utf-8")
    detected = registry.get(biblioconv.detect(tmp_path / "refs.bib").format).title
    expect(items.nth(1)).to_contain_text(f"Detected: {detected}")
    page.select_option("#target", "csl-json")
    page.click("#convert")
    cards = page.locator(".result")
    expect(cards).to_have_count(2)
    expect(cards.nth(0).locator(".result-title")).to_have_text("authors.ris")
    expect(cards.nth(1).locator(".result-title")).to_have_text("refs.bib")
    first = json.loads(cards.nth(0).locator("pre.output").text_content())
    second = json.loads(cards.nth(1).locator("pre.output").text_content())
    assert [item["title"] for item in first] == ["Every name form"]
    assert len(first[0]["author"]) == 11
    assert [item["title"] for item in second] == [
        "A study of things",
        "Sketch of the Analytical Engine",
    ]
    expect(page.locator("#status")).to_have_text("Converted 2 of 2 inputs to CSL-JSON: 3 records.")

    # A file removed from the list is no longer converted.
    page.get_by_role("button", name="Remove authors.ris").click()
    expect(items).to_have_count(1)


def test_malformed_file_shows_the_one_line_error(page: Any, service: str) -> None:
    expect = _expect()
    page.set_input_files(
        "#files",
        files=[{"name": "broken.xml", "mimeType": "application/xml", "buffer": BROKEN_XML}],
    )
    page.select_option("#target", "bibtex")
    page.click("#convert")
    status, problem = _post(
        f"{service}/convert?{urllib.parse.urlencode({'to': 'bibtex', 'filename': 'broken.xml'})}",
        BROKEN_XML,
    )
    assert 400 <= status < 500
    detail = problem["detail"]
    assert "\n" not in detail and "Traceback" not in detail
    error = page.locator("#error")
    expect(error).to_have_text(f"broken.xml: {detail}")
    assert error.get_attribute("role") == "alert"
    card = page.locator(".result.failed")
    expect(card).to_have_count(1)
    expect(card.locator(".result-error")).to_have_text(detail)
    expect(card.locator("button.download")).to_be_hidden()


def test_loss_report_is_a_table(page: Any, service: str) -> None:
    expect = _expect()
    page.fill("#paste", LOSSY_BIBTEX)
    page.select_option("#target", "dc")
    page.click("#convert")
    status, envelope = _post(f"{service}/convert?to=dc&report=json", LOSSY_BIBTEX.encode())
    assert status == 200
    report = envelope["report"]
    assert any(d["code"] == "FIELD_DROPPED" for d in report)
    table = page.locator(".result details.loss table")
    expect(table).to_be_visible()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(report))
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["Record", "Field", "What happened", "Severity"]
    for i, diagnostic in enumerate(report):
        cells = rows.nth(i).locator("td").all_text_contents()
        assert cells[0] == (diagnostic["record"] or "—")
        assert cells[1] == (diagnostic["field"] or "—")
        assert cells[2] == f"{diagnostic['message']} {diagnostic['code']}"
        assert cells[3] == diagnostic["severity"]
    expect(page.locator(".result details.loss summary")).to_contain_text(
        f"Loss report: {len(report)} entries"
    )


def test_keyboard_only_flow_reaches_convert(page: Any) -> None:
    expect = _expect()
    order: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id || document.activeElement.className")
        order.append(focused)
        if focused == "paste":
            page.keyboard.type(
                "TY  - BOOK\nTI  - Typed by keyboard\nAU  - Doe, Jane\nPY  - 2001\nER  - \n"
            )
        if focused == "target":
            page.keyboard.type("BibTeX")  # a select's type-to-find
        if focused == "convert":
            break
    assert order[0] == "skip"
    # The drop zone's file chooser, the target and the button are all reached by Tab.
    for control in ("paste", "files", "source", "mode-format", "target", "preview", "convert"):
        assert control in order, (control, order)
    assert order.index("files") < order.index("target") < order.index("convert")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert outline[0] != "none" and outline[1] >= 2, outline
    page.keyboard.press("Enter")
    card = page.locator(".result")
    expect(card.locator(".result-meta")).to_contain_text("RIS → BibTeX · 1 record")
    expect(card.locator("pre.output")).to_contain_text("title = {Typed by keyboard}")
    # The copy button is reached by keyboard too, and copies the output.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    card.locator("button.copy").focus()
    page.keyboard.press("Enter")
    expect(card.locator(".copied")).to_have_text("Copied.")
    assert (
        page.evaluate("navigator.clipboard.readText()") == card.locator("pre.output").text_content()
    )


_ACCESSIBILITY = """() => {
  const problems = [];
  const named = (el) =>
    (el.labels && el.labels.length) || el.getAttribute("aria-label") ||
    el.getAttribute("aria-labelledby") || (el.tagName === "BUTTON" && el.textContent.trim());
  for (const el of document.querySelectorAll("input, select, textarea, button")) {
    if (!named(el)) problems.push(`no label: ${el.outerHTML.slice(0, 80)}`);
  }
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  let checked = 0;
  for (const el of document.querySelectorAll("body *")) {
    const text = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el);
    if (!text || !el.getClientRects().length || style.visibility === "hidden") continue;
    if (el.closest(".visually-hidden, .skip, [hidden]")) continue;
    const fg = rgb(style.color).slice(0, 3), bg = background(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const faded = parseFloat(style.opacity) < 1 || el.closest("[aria-busy=true]");
    checked += 1;
    if (ratio < needed && !faded) problems.push(`contrast ${ratio.toFixed(2)} < ${needed}: ${el.tagName} "${el.textContent.trim().slice(0, 40)}"`);
  }
  return {problems, checked};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_is_accessible(page: Any, scheme: str) -> None:
    expect = _expect()
    page.emulate_media(color_scheme=scheme)
    assert page.get_attribute("html", "lang") == "en"
    for role in ("banner", "main", "contentinfo"):
        expect(page.get_by_role(role)).to_have_count(1)
    # The page with everything shown: a preview, a result with its loss table and an error.
    page.fill("#paste", LOSSY_BIBTEX)
    page.set_input_files(
        "#files", files=[{"name": "broken.xml", "mimeType": "text/xml", "buffer": BROKEN_XML}]
    )
    page.select_option("#target", "dc")
    expect(page.locator("#preview pre")).to_contain_text("oai_dc")
    page.click("#convert")
    expect(page.locator(".result")).to_have_count(2)
    expect(page.locator(".result details.loss table").first).to_be_visible()
    expect(page.locator("#error")).not_to_have_text("")
    result = page.evaluate(_ACCESSIBILITY)
    assert result["checked"] > 40
    assert result["problems"] == []
    # The citation style controls too.
    _choose_style(page, "apa", "apa")
    expect(page.locator("#preview .csl-entry")).to_have_count(2)
    result = page.evaluate(_ACCESSIBILITY)
    assert result["problems"] == []


def _fill_for_screenshot(page: Any) -> None:
    """Pasted BibTeX and a RIS file, formatted in APA: previews, results and a loss report."""
    expect = _expect()
    page.fill("#paste", LOSSY_BIBTEX)
    expect(page.locator("#paste-detected")).to_have_text("Detected: BibTeX")
    page.set_input_files("#files", str(AUTHORS_RIS))
    expect(page.locator("#file-list li")).to_contain_text("Detected: RIS")
    _choose_style(page, "apa", "apa")
    expect(page.locator("#preview .csl-entry")).to_have_count(2)
    page.click("#convert")
    expect(page.locator(".result")).to_have_count(2)
    expect(page.locator(".result details.loss table").last).to_be_visible()
    page.evaluate("document.activeElement.blur()")
    page.mouse.move(0, 0)
    page.evaluate("document.getElementById('paste').scrollTop = 0")


@pytest.mark.parametrize(
    ("name", "viewport"),
    [("desktop", DESKTOP), ("phone", PHONE), ("narrow", {"width": 360, "height": 740})],
)
def test_screenshots_and_no_sideways_scrolling(
    page: Any, name: str, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    _fill_for_screenshot(page)
    page.evaluate("window.scrollTo(0, 0)")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name}: the page scrolls sideways by {overflow}px"
    for selector in ("#convert", "#paste", "#style", ".result button.download"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    shot = _artifacts() / f"service-{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if name == "phone":
        # For the docs: three screens of the phone side by side (input, target, results).
        screens = []
        for section in ("", "target-heading", "results-heading"):
            page.evaluate(
                f"document.getElementById('{section}').closest('section')"
                ".scrollIntoView({block: 'start'})"
                if section
                else "window.scrollTo(0, 0)"
            )
            screens.append(base64.b64encode(page.screenshot()).decode())
        strip = page.context.new_page()
        strip.set_viewport_size({"width": 3 * viewport["width"] + 4 * 24, "height": 900})
        images = "".join(
            f'<img alt="" src="data:image/png;base64,{png}" style="border:1px solid #999">'
            for png in screens
        )
        strip.set_content(
            '<body style="margin:0;padding:24px;background:#e4e7eb;display:flex;gap:24px">'
            f"{images}</body>"
        )
        shot = _artifacts() / "service-phone-screens.png"
        strip.screenshot(path=str(shot), full_page=True)
        strip.close()
    if os.environ.get("BIBLIOCONV_UPDATE_SCREENSHOTS") == "1" and name in ("desktop", "phone"):
        (ROOT / "docs" / "img").mkdir(exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "img" / f"service-{name}.png")
