"""The built site in a real browser (headless Chromium driven by Playwright).

Marked `browser`: deselect with `-m "not browser"`. Without a Chromium they skip, unless
REQUIRE_BROWSER=1 (as in .ci/run), where a missing browser is a failure. Screenshots go
to build-artifacts/screenshots/ for a reviewer to look at.
"""

from __future__ import annotations

import os
from urllib.parse import urljoin, urlsplit

import pytest

from tools.sitecheck import CHROMIUM_FLAGS, all_pages, chromium_path, serve

from .support import ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "build-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def site_url(built_site):
    done, site = built_site
    assert done.returncode == 0, done.stderr[-3000:]
    server, url = serve(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    path = chromium_path(os.environ)
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but no chromium found (set CHROMIUM=/path/to/chromium)")
        pytest.skip(
            "no chromium on this machine: install Debian's chromium, or deselect -m browser"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class Watched:
    """A page whose console errors, failed requests and off-machine requests are recorded."""

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(**context_options)
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on(
            "response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} {r.status}")
        )

    def _route(self, route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:  # nothing may leave the machine: record it and refuse it
            self.outside.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser):
    page = Watched(browser)
    yield page
    page.close()


def test_every_page_loads_without_errors_or_third_party_requests(browser, site_url, built_site):
    pages = all_pages(built_site[1])
    assert len(pages) >= 10
    problems = []
    # Two tabs, each going from page to page as a reader does (a new tab per page costs more
    # than the page), loading side by side: the half second of quiet that "networkidle"
    # waits for passes for both at once. What each page caused is read before its tab
    # loads the next one.
    tabs = [Watched(browser), Watched(browser)]
    for start in range(0, len(pages), len(tabs)):
        loading = list(zip(pages[start : start + len(tabs)], tabs))
        for path, watched in loading:
            watched.page.goto(site_url + path, wait_until="commit")
        for path, watched in loading:
            watched.page.wait_for_load_state("networkidle")
            for kind in ("errors", "failed", "outside"):
                problems += [f"{path}: {kind}: {item}" for item in getattr(watched, kind)]
                getattr(watched, kind).clear()
    for watched in tabs:
        watched.close()
    assert not problems, "\n".join(problems)


def test_search_finds_the_gil_page(watched, site_url):
    page = watched.page
    page.goto(site_url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type("GIL", delay=50)  # typed key by key, as the search listens to keystrokes
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(min(results.count(), 10))]
    assert any("gil/" in (href or "") for href in hrefs), hrefs


def test_dark_mode_toggle_switches_the_scheme(watched, site_url):
    page = watched.page
    page.goto(site_url, wait_until="networkidle")
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"landing-{before}.png"), full_page=True)
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme !== '{before}'")
    after = body.get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}
    page.screenshot(path=str(ARTIFACTS / f"landing-{after}.png"), full_page=True)


def test_the_theme_starts_without_restyling_the_page_and_switches_without_transitions(
    watched, site_url
):
    """overrides/main.html sets the classes the theme's script puts on <html> before the
    page is parsed, and stops transitions while the palette switches (the hook removed the
    theme's own rule for that: see example_runner/htmlpost.py)."""
    page = watched.page
    page.add_init_script(
        """
        window.__htmlClasses = [];
        window.__switchTransitions = [];
        new MutationObserver((records) => {
          for (const r of records) {
            if (r.target === document.documentElement) {
              // [classes before, classes after, was the page's body parsed yet?]
              window.__htmlClasses.push([r.oldValue, r.target.className, !!document.body]);
            } else {
              const header = document.querySelector(".md-header");
              window.__switchTransitions.push(getComputedStyle(header).transitionDuration);
            }
          }
        }).observe(document, {
          attributes: true, attributeOldValue: true, subtree: true,
          attributeFilter: ["class", "data-md-color-scheme"],
        });
        """
    )
    page.goto(site_url + "threading/", wait_until="networkidle")
    html_class = page.evaluate("document.documentElement.className").split()
    assert "js" in html_class and "no-js" not in html_class
    # Every change to the classes of <html> came before the body was parsed: the theme's
    # script, which runs after, set the classes it found.
    changes = [
        (old, new, body)
        for old, new, body in page.evaluate("window.__htmlClasses")
        if set((old or "").split()) != set(new.split())
    ]
    assert changes and not [c for c in changes if c[2]], changes
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.md-header')).transitionDuration")
        != "0s"
    )
    page.evaluate("window.__switchTransitions = []")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function("window.__switchTransitions.length > 0")
    assert set(page.evaluate("window.__switchTransitions")) == {"0s"}
    # And transitions come back after the switch.
    page.wait_for_function(
        "getComputedStyle(document.querySelector('.md-header')).transitionDuration !== '0s'"
    )


def test_example_shows_code_output_footer_and_copy_buttons(watched, site_url):
    page = watched.page
    page.goto(site_url + "first-look/", wait_until="networkidle")
    example = page.locator("div.example").first
    assert example.locator(".highlight .filename", has_text="Output").is_visible()
    footer = example.locator(".example-footer")
    assert footer.is_visible()
    assert "cores" in footer.inner_text() and "Run it yourself" in footer.inner_text()
    # Code blocks get their copy button when they come into view (content.lazy): scroll
    # each one into view, then every example has two, for its source and its output.
    examples = page.locator("div.example")
    blocks = page.locator("div.example pre")
    for i in range(blocks.count()):
        blocks.nth(i).scroll_into_view_if_needed()
        page.wait_for_timeout(30)
    copy_buttons = page.locator('button.md-code__button[data-md-type="copy"]')
    assert blocks.count() >= 2 * examples.count()
    assert copy_buttons.count() >= blocks.count()  # (and the snippets in the text)
    example.scroll_into_view_if_needed()
    example.screenshot(path=str(ARTIFACTS / "example-with-output.png"))


def test_download_link_returns_the_example_file(watched, site_url):
    page = watched.page
    page.goto(site_url + "first-look/", wait_until="networkidle")
    link = page.locator("div.example a[download]").first
    href = link.get_attribute("href")
    response = page.request.get(urljoin(page.url, href))
    assert response.ok
    name = href.split("/examples/", 1)[1]
    assert response.body() == (ROOT / "examples" / name).read_bytes()


def test_off_machine_requests_are_caught(watched, site_url):
    """The watcher itself works: a request to another host is recorded and refused."""
    page = watched.page
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("fetch('https://fonts.googleapis.com/css?family=Roboto').catch(() => null)")
    page.wait_for_timeout(500)
    assert watched.outside == ["https://fonts.googleapis.com/css?family=Roboto"]
