"""``tradefig report``: the page's model, its escaping, that it fetches nothing, and the page
itself in a real headless Chromium (Debian's ``chromium`` and ``chromium-driver``, installed
here with apt-get when missing and we are root; skipped with the reason when they cannot be).

The browser tests use the four small fixture articles: the 877 KB book makes the same page
(about 2 MB, ~700 marks) but its extraction alone takes half a minute.

``TRADEFIG_SCREENSHOT=docs/report.png pytest tests/test_report.py`` also refreshes the
README's screenshot.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES, ROOT, SMALL_ARTICLES
from tradefig.api import extract_rows, mention_rows_for
from tradefig.cli.app import app
from tradefig.report.build import DocumentEvidence, Report, document_evidence
from tradefig.report.charts import charts as charts_for
from tradefig.report.charts import pair_charts, period_position
from tradefig.report.html import annotate, render

RUNNER = CliRunner()
SMALL = [FIXTURES / "articles" / f"{stem}.txt" for stem in SMALL_ARTICLES]


@pytest.fixture(scope="module")
def evidence() -> list[DocumentEvidence]:
    return [document_evidence(path.read_text(encoding="utf-8"), doc=path.name) for path in SMALL]


@pytest.fixture(scope="module")
def page(evidence: list[DocumentEvidence]) -> str:
    return render(Report(evidence))


def _row(start: int, end: int, text: str, **fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doc": "t",
        "reporter": "BLR",
        "partner": "AZE",
        "reporter_region": None,
        "partner_region": None,
        "flow": "turnover",
        "measure": "level",
        "value": 5e6,
        "value_max": None,
        "unit": "USD",
        "qualifier": "eq",
        "period": "2023",
        "base_period": None,
        "status": "actual",
        "sector": None,
        "text": text[start:end],
        "start": start,
        "end": end,
        "sentence": text,
    }
    return {**row, **fields}


# --- the model ---------------------------------------------------------------------------------


@pytest.mark.parametrize("dedupe", [False, True])
def test_rows_and_mentions_are_those_of_extract(dedupe: bool) -> None:
    for path in SMALL[:2]:
        text = path.read_text(encoding="utf-8")
        found = document_evidence(text, doc=path.name, dedupe=dedupe)
        assert found.rows == extract_rows(text, doc=path.name, dedupe=dedupe)
        assert found.mentions == mention_rows_for(text, doc=path.name)


def test_unused_figures_overlap_no_row(evidence: list[DocumentEvidence]) -> None:
    for document in evidence:
        for mention in document.unused_figures:
            assert mention["kind"] in {"money", "percent", "factor", "quantity"}
            assert all(row["end"] <= mention["start"] or mention["end"] <= row["start"] for row in document.rows)


# --- the annotated text ------------------------------------------------------------------------


def _visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_marks_nest_escape_and_keep_the_text() -> None:
    text = 'Menu <b>&</b> "x" — trade rose to $5 mln<script>alert(1)</script> and $6 mln; 7 tonnes.'
    five, six = text.index("$5 mln"), text.index("$6 mln")
    rows = [
        _row(five, five + 6, text),
        _row(five, five + 6, text, flow="export", status="target"),  # the same span twice
        _row(five + 3, five + 16, text, flow="import"),  # crosses the first two
        _row(six, six + 6, text, sector='<img src="http://x">'),
    ]
    mention = {"kind": "quantity", "text": "7 tonnes", "start": text.index("7 t"), "end": text.index("7 t") + 8}
    mention |= {"value": 7.0, "value_max": None, "unit": "t", "qualifier": "eq"}
    evidence = DocumentEvidence("t", text, None, "none", rows, [mention], removed=[(0, 4, "not reading text")])
    body = str(annotate(evidence, 1))
    assert body.count("<mark ") == len(rows) == body.count("</mark>")
    assert _visible(body) == text
    assert "<script>" not in body
    assert "<b>" not in body
    assert "<img" not in body
    assert 'class="unused k-quantity"' in body
    assert body.startswith('<span class="removed"')
    assert 'title="BLR ↔ AZE\nturnover · level\n5,000,000 USD' in body


def test_period_positions() -> None:
    assert period_position("2023") == (2023.0, "")
    assert period_position("2024-01/2024-04") == (2024.0, "Jan–Apr")
    assert period_position("2018/2022") == (2022.0, "5-year total")
    assert period_position(None) is None
    assert period_position("soon") is None


def test_charts_lines_per_flow_targets_dashed_and_unique_ids() -> None:
    text = "x" * 50
    rows = [
        _row(0, 1, text, period="2021", value=1e8),
        _row(1, 2, text, period="2022", value=2e8),
        _row(2, 3, text, period="2023", value=3e8, flow="export"),
        _row(3, 4, text, period="2022", value=1e8, flow="export"),
        _row(4, 5, text, period="2025", value=5e8, status="target"),
        _row(5, 6, text, period=None, value=1e9, status="target"),
        _row(6, 7, text, period="2024-01/2024-04", value=9e7),  # part of a year: table only
        _row(7, 8, text, period="2023", value=1e8, reporter="KAZ", partner="UZB"),
        _row(8, 9, text, period="2024", value=2e8, reporter="KAZ", partner="UZB", unit="EUR"),
    ]
    charts = pair_charts(rows)
    assert [c.title for c in charts] == ["AZE – BLR: yearly levels (USD)"]
    chart = charts[0]
    assert "stroke-dasharray" in chart.svg  # targets
    assert "1 other level row" in chart.note
    assert {line[0] for line in chart.data} == {"turnover", "exports BLR→AZE"}
    everything = charts_for([*rows, *({**r, "partner": "ARM"} for r in rows)])
    assert len(everything) == 3  # rows by flow and status; AZE – BLR; ARM – BLR
    ids = [i for c in everything for i in re.findall(r'\bid="([^"]+)"', c.svg)]
    assert len(ids) == len(set(ids))  # one page holds them all
    for c in everything:
        assert c.svg.startswith("<svg ")
        assert "http" not in c.svg


# --- nothing external --------------------------------------------------------------------------

URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "data",
    "xlink:href",
    "background",
    "cite",
    "longdesc",
    "manifest",
    "ping",
    "codebase",
}
FETCHING_TAGS = {"link", "iframe", "frame", "object", "embed", "img", "image", "audio", "video", "source", "base"}


class _Structure(HTMLParser):
    """Everything in a page that could make a browser fetch: tags, URL attributes, CSS, script.
    Text nodes are the documents' own text (URLs in an article are words there) and are left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in URL_ATTRIBUTES:
                self.urls.append(value or "")
            if name == "style":
                self.styles.append(value or "")
        if tag in {"style", "script"}:
            self._inside = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside == "style":
            self.styles.append(data)
        elif self._inside == "script":
            self.scripts.append(data)


def assert_self_contained(page: str) -> None:
    parsed = _Structure()
    parsed.feed(page)
    assert not FETCHING_TAGS & set(parsed.tags)
    assert all(url.startswith("#") for url in parsed.urls), [u for u in parsed.urls if not u.startswith("#")]
    css, script = "\n".join(parsed.styles), "\n".join(parsed.scripts)
    assert "@import" not in css
    assert re.findall(r"url\(\s*['\"]?(?!#)", css) == []
    for code in (css, script):
        assert not re.search(r"https?:|//", code)
    assert not re.search(r"\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|import\()", script)
    markup = re.sub(r"<(style|script)>.*?</\1>", "", page, flags=re.DOTALL)
    assert not re.search(r"https?:", re.sub(r">[^<]*<", "><", markup))  # outside the documents' text


def test_page_has_no_external_references(page: str) -> None:
    assert "https://" in "".join(p.read_text(encoding="utf-8") for p in SMALL)  # the articles hold some
    assert_self_contained(page)


def test_hostile_input_stays_text() -> None:
    text = (
        "Trade between Belarus and Azerbaijan reached $5 mln in 2023. "
        '<img src="http://example.invalid/x.png"> <link rel=stylesheet href=//x.invalid/a.css>'
        "<style>@import url(https://x.invalid/b.css)</style><script src=https://x.invalid/c.js></script>"
        "<svg><image href='http://x.invalid/d.png'/></svg> </textarea></mark></div> "
        "Belarus exported $2 billion to Azerbaijan."
    )
    evidence = document_evidence(text, doc='<b>"doc"</b>')
    page = render(Report([evidence], failures=[('<i>"bad"</i>', "<u>no</u>")], title="<em>t</em>"))
    assert_self_contained(page)
    assert "<b>" not in page
    assert "<em>" not in page
    assert evidence.rows
    assert page.count('<mark id="m') == len(evidence.rows)


# --- the command -------------------------------------------------------------------------------


def test_cli_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = RUNNER.invoke(app, ["report", *map(str, SMALL[:2]), "-o", str(out), "--date", "2024-05-20"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    rows = sum(len(extract_rows(p.read_text(encoding="utf-8"), date=dt.date(2024, 5, 20))) for p in SMALL[:2])
    assert page.count('<mark id="m') == rows
    assert "wrote" in result.stderr


def test_cli_failures_strict_and_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = RUNNER.invoke(app, ["report", str(SMALL[2]), str(tmp_path / "missing.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert "missing.txt" in out.read_text(encoding="utf-8")
    out.unlink()
    result = RUNNER.invoke(app, ["report", str(SMALL[2]), str(tmp_path / "missing.txt"), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert not out.exists()
    copy = tmp_path / "a.txt"
    shutil.copy(SMALL[2], copy)
    result = RUNNER.invoke(app, ["report", str(copy), "-o", str(copy)])
    assert result.exit_code != 0
    assert copy.read_text(encoding="utf-8") == SMALL[2].read_text(encoding="utf-8")


def test_cli_jobs_give_the_same_page(tmp_path: Path) -> None:
    pages = []
    for jobs in ("1", "2"):
        out = tmp_path / f"report-{jobs}.html"
        result = RUNNER.invoke(app, ["report", *map(str, SMALL), "-o", str(out), "--jobs", jobs])
        assert result.exit_code == 0, result.output
        pages.append(out.read_text(encoding="utf-8"))
    assert pages[0] == pages[1]


def test_cli_stdout_when_piped() -> None:
    result = RUNNER.invoke(app, ["report", "-"], input="Belarus and Azerbaijan traded $400 mln in 2023.")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")


# --- the page in a real browser ----------------------------------------------------------------


def _which_browser() -> tuple[str | None, str | None]:
    return shutil.which("chromium"), shutil.which("chromedriver")


def _install_chromium() -> str:
    """apt-get install chromium chromium-driver; returns why it could not, or ''."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "not root, so apt-get cannot install it"
    if shutil.which("apt-get") is None:
        return "no apt-get on this machine"
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"]):
        try:
            done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=900, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"{' '.join(command)}: {error}"
        if done.returncode != 0:
            return f"{' '.join(command)} failed: {done.stderr.strip()[-300:]}"
    return ""


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e .[dev])")
    chromium, driver = _which_browser()
    if chromium is None or driver is None:
        why = _install_chromium()
        chromium, driver = _which_browser()
        if chromium is None or driver is None:
            pytest.skip(f"Chromium and its driver are not here and could not be installed: {why or 'not found'}")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(options=options, service=Service(driver))
    try:
        yield session
    finally:
        session.quit()


@pytest.fixture
def opened(browser: Any, page: str, tmp_path: Path) -> Any:
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    browser.get(path.as_uri())
    return browser


def _console_errors(browser: Any) -> list[dict[str, Any]]:
    return [entry for entry in browser.get_log("browser") if entry["level"] in {"SEVERE", "ERROR"}]


def test_browser_renders_every_row_as_a_mark(opened: Any, evidence: list[DocumentEvidence], tmp_path: Path) -> None:
    rows = sum(len(d.rows) for d in evidence)
    assert rows > 10
    assert len(opened.find_elements("css selector", "mark.fig")) == rows
    assert len(opened.find_elements("css selector", "#rows-table tbody tr")) == rows
    assert len(opened.find_elements("css selector", "svg.chart-svg")) >= 2
    assert opened.execute_script("return performance.getEntriesByType('resource').length") == 0
    shot = tmp_path / "report.png"
    assert opened.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    assert _console_errors(opened) == []
    if target := os.environ.get("TRADEFIG_SCREENSHOT"):
        _save_readme_screenshot(opened, ROOT / target)


def test_browser_marks_focus_filters_and_sorting(opened: Any, evidence: list[DocumentEvidence]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait

    first = evidence[0].rows[0]
    mark = opened.find_element(By.ID, "m1")
    assert mark.get_attribute("tabindex") == "0"
    opened.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    opened.execute_script("arguments[0].focus()", mark)
    tip = opened.find_element(By.ID, "tip")
    assert tip.is_displayed()
    assert first["flow"] in tip.text
    assert first["reporter"] in tip.text
    assert mark.get_attribute("aria-describedby") == "tip"
    mark.send_keys(Keys.ESCAPE)
    assert not tip.is_displayed()

    table = opened.find_element(By.ID, "rows-table")
    shown = opened.find_element(By.ID, "shown")
    total = len(table.find_elements(By.CSS_SELECTOR, "tbody tr"))
    Select(opened.find_element(By.NAME, "flow")).select_by_visible_text("export")
    visible = [r for r in table.find_elements(By.CSS_SELECTOR, "tbody tr") if r.is_displayed()]
    exports = sum(1 for d in evidence for r in d.rows if r["flow"] == "export")
    assert len(visible) == exports
    assert shown.text == f"{exports} of {total} rows"
    opened.find_element(By.CSS_SELECTOR, "button[type=reset]").click()
    WebDriverWait(opened, 5).until(lambda _: shown.text == f"{total} of {total} rows")
    assert sum(r.is_displayed() for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")) == total

    value_header = table.find_element(By.XPATH, ".//th[button[text()='value']]")
    value_header.find_element(By.TAG_NAME, "button").click()
    assert value_header.get_attribute("aria-sort") == "ascending"
    values = [float(td.get_attribute("data-sort")) for td in table.find_elements(By.CSS_SELECTOR, "tbody td.num")]
    assert values == sorted(values)
    assert _console_errors(opened) == []


def _save_readme_screenshot(browser: Any, target: Path) -> None:
    """The README's picture: the top of the page (legend, charts) above a focused target mark
    with its tooltip in the second article; 64 colours keep it small."""
    from PIL import Image

    browser.set_window_size(1100, 720)
    browser.execute_script("window.scrollTo(0, 0)")
    top = target.with_suffix(".top.png")
    browser.save_screenshot(str(top))
    mark = browser.find_element("css selector", "#doc-2 mark.fig.s-target")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", mark)
    text = target.with_suffix(".text.png")
    browser.save_screenshot(str(text))
    with Image.open(top) as upper, Image.open(text) as lower:
        lower = lower.crop((0, lower.height * 3 // 10, lower.width, lower.height * 8 // 10))
        picture = Image.new("RGB", (upper.width, upper.height + lower.height + 4), "#888888")
        picture.paste(upper, (0, 0))
        picture.paste(lower, (0, upper.height + 4))
        picture.quantize(colors=64).save(target, optimize=True)
    top.unlink()
    text.unlink()
    browser.set_window_size(1280, 900)
