"""Rewrites of a built page's HTML, applied by the hook as each page is written.

- Every code block takes the keyboard focus, so a reader can scroll a wide one with the
  arrow keys (the theme does this itself only for blocks it has set up, and with
  content.lazy it sets each one up when it comes into view).
- Every Markdown table sits in a focusable region named by its column headings, wears the
  class "data-table" (which keeps the theme's script from wrapping it again after load)
  and lets a file name in a narrow column break after a "/" or before a "[start method]".
- A notebook page loses the scripts mkdocs-jupyter adds that load from third parties, and
  JupyterLab's own stylesheet; its scrollable code cells take the keyboard focus.

And one rewrite of the theme's palette stylesheet (palette_stylesheet).
"""

from __future__ import annotations

import html
import re

# mkdocs-jupyter adds a MathJax loader (with an empty src) and a Mermaid loader that
# imports from a CDN. Our notebooks use neither; the site loads nothing from third parties.
_THIRD_PARTY_SCRIPTS = re.compile(
    r'<script src="">\s*</script>'
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*?https://cdn(?:(?!</script>).)*?</script>',
    re.S,
)
_JUPYTERLAB_CSS = re.compile(
    r'<style[^>]*>\s*@charset "UTF-8";\s*\.jupyter-wrapper\s*\{.*?</style>', re.S
)
_TABLE = re.compile(r"<table>.*?</table>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_CODE = re.compile(r"<code>([^<]*)</code>")


def _break_points(code: re.Match[str]) -> str:
    text = code.group(1).replace("/", "/<wbr>").replace("[", "<wbr>[")
    return f"<code>{text}</code>"


def wrap_tables(output: str) -> str:
    """Wrap each Markdown table in a focusable region named by its column headings
    (names must differ between the regions of one page)."""
    seen: dict[str, int] = {}

    def wrap(match: re.Match[str]) -> str:
        headings = re.findall(r"<th[^>]*>(.*?)</th>", match.group(0), re.S)
        label = "Table: " + ", ".join(_TAGS.sub("", h).strip() for h in headings[:4])
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label += f" ({seen[label]})"
        label = html.escape(label, quote=True)
        # The class keeps the theme's script away: it wraps every table:not([class]) after
        # the page has loaded, which lays a long table out a second time (about 100 ms of a
        # phone's main thread on the run-times page). assets/examples.css gives a
        # "data-table" the theme's table look and this region the theme's wrapper's.
        table = '<table class="data-table">' + match.group(0)[len("<table>") :]
        table = _CODE.sub(_break_points, table)
        return (
            f'<div class="table-scroll" tabindex="0" role="region" aria-label="{label}">'
            f'<div class="md-typeset__table">{table}</div></div>'
        )

    return _TABLE.sub(wrap, output)


def rewrite_page(output: str, *, notebook: bool) -> str:
    output = output.replace("<pre><span></span><code>", '<pre><span></span><code tabindex="0">')
    output = wrap_tables(output)
    if notebook:
        output = _THIRD_PARTY_SCRIPTS.sub("", output)
        # JupyterLab's own stylesheet (over 500 KB) makes the page slow on phones; a few
        # rules in assets/examples.css style what our notebooks use instead.
        output = _JUPYTERLAB_CSS.sub("", output, count=1)
        cell = '<div class="highlight-ipynb'
        output = output.replace(cell, cell.replace("<div ", '<div tabindex="0" '))
    return output


# The theme stops transitions while the palette switches with this rule, and its script
# sets the attribute on <body> as it starts on every page, then reads a computed style:
# a rule on "[attribute] *" makes the browser restyle every element of the page for it
# (161 ms of a throttled phone's main thread on /upgrading/, in the theme's longest task).
# Without the rule the attribute costs nothing; overrides/main.html stops transitions
# itself, only when a reader switches the palette.
SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)


def palette_stylesheet(css: str) -> str:
    """The theme's palette stylesheet without SWITCHING_RULE; a ValueError names what to
    check when the theme's stylesheet no longer has it."""
    if css.count(SWITCHING_RULE) != 1:
        raise ValueError(
            "the theme's palette stylesheet does not hold the rule "
            f"{SWITCHING_RULE!r} once: if a new version of mkdocs-material changed it, "
            "update SWITCHING_RULE in example_runner/htmlpost.py (or drop the rewrite) "
            "and the script in overrides/main.html that stands in for it"
        )
    return css.replace(SWITCHING_RULE, "")
