"""Every internal link and anchor of the built site resolves."""

from __future__ import annotations

from tools.sitecheck import broken_links, site_path

from .support import ROOT


def test_no_broken_internal_links_or_anchors(built_site):
    done, site = built_site
    assert done.returncode == 0, done.stderr[-3000:]
    checked, broken = broken_links(site, site_path(ROOT / "mkdocs.yml"))
    assert checked > 100
    assert not broken, f"{len(broken)} of {checked} internal links are broken:\n" + "\n".join(
        broken
    )


def test_link_checker_finds_a_broken_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#nowhere">x</a><a href="b/">y</a>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">t</h2>')
    checked, broken = broken_links(tmp_path)
    assert checked == 2
    assert broken == ["index.html -> a/#nowhere: no anchor #nowhere", "index.html -> b/: no file"]
