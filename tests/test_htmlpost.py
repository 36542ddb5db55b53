"""The hook's rewrites of a built page's HTML (example_runner.htmlpost), one by one."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from example_runner.htmlpost import SWITCHING_RULE, palette_stylesheet, rewrite_page, wrap_tables

TABLE = (
    "<table>\n<thead>\n<tr>\n<th>Example</th>\n<th>Python 3.15</th>\n</tr>\n</thead>\n"
    "<tbody>\n<tr>\n<td><code>procs/pool_map[spawn]</code></td>\n<td>ok</td>\n</tr>\n"
    "</tbody>\n</table>"
)


def test_a_table_becomes_a_named_focusable_region_the_themes_script_leaves_alone():
    out = wrap_tables(f"<p>before</p>{TABLE}<p>after</p>")
    assert out.startswith(
        '<p>before</p><div class="table-scroll" tabindex="0" role="region" '
        'aria-label="Table: Example, Python 3.15"><div class="md-typeset__table">'
        '<table class="data-table">'
    )
    assert "<table>" not in out and out.endswith("</table></div></div><p>after</p>")
    # A file name breaks after a "/" and before a "[start method]" first.
    assert "<code>procs/<wbr>pool_map<wbr>[spawn]</code>" in out


def test_two_tables_with_the_same_headings_get_different_names():
    out = wrap_tables(TABLE + TABLE)
    assert 'aria-label="Table: Example, Python 3.15"' in out
    assert 'aria-label="Table: Example, Python 3.15 (2)"' in out


def test_code_blocks_take_the_focus():
    page = "<pre><span></span><code>print(1)\n</code></pre>"
    assert rewrite_page(page, notebook=False) == (
        '<pre><span></span><code tabindex="0">print(1)\n</code></pre>'
    )


def test_a_notebook_page_loads_nothing_from_third_parties_and_no_jupyterlab_css():
    page = (
        '<script src=""></script>'
        '<script type="text/x-mathjax-config">MathJax.Hub.Config({});</script>'
        '<script type="module">import mermaid from "https://cdn.jsdelivr.net/npm/mermaid";'
        "</script>"
        '<style type="text/css">@charset "UTF-8"; .jupyter-wrapper { color: red }</style>'
        '<div class="highlight-ipynb hl-python">code</div>'
        '<script type="module">import local from "./local.js";</script>'
    )
    out = rewrite_page(page, notebook=True)
    assert "https://" not in out and "mathjax" not in out.lower() and 'src=""' not in out
    assert "jupyter-wrapper" not in out
    assert '<div tabindex="0" class="highlight-ipynb hl-python">' in out
    assert 'import local from "./local.js"' in out  # a local module script stays
    # An ordinary page keeps its scripts: only notebook pages carry mkdocs-jupyter's.
    assert rewrite_page(page, notebook=False).count("<script") == 4


def test_the_themes_palette_stylesheet_loses_the_rule_that_restyles_every_element():
    (css_path,) = (Path(material.__file__).parent / "templates/assets/stylesheets").glob(
        "palette.*.min.css"
    )
    css = css_path.read_text(encoding="utf-8")
    trimmed = palette_stylesheet(css)
    assert "data-md-color-switching" not in trimmed
    assert len(trimmed) == len(css) - len(SWITCHING_RULE)


def test_a_palette_stylesheet_without_the_rule_is_an_error_that_says_where_to_look():
    with pytest.raises(ValueError, match="SWITCHING_RULE in example_runner/htmlpost.py"):
        palette_stylesheet("[data-md-color-scheme=slate]{color-scheme:dark}")
