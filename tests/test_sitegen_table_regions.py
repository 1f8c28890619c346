"""Bare tables are wrapped in a focusable region named after the heading above them."""
from __future__ import annotations

from sitegen.table_regions import with_table_regions

PAGE = """<article class="md-content__inner md-typeset">
<h1 id="top">Method<a class="headerlink" href="#top" title="Link">&para;</a></h1>
<h3 id="task">Task &amp; clarity<a class="headerlink" href="#task" title="Link">&para;</a></h3>
<table>
<thead><tr><th>Answer</th><th>Points</th></tr></thead>
<tbody><tr><td>Settled</td><td>0</td></tr></tbody>
</table>
<h2 id="gates">The <em>gates</em><a class="headerlink" href="#gates" title="Link">&para;</a></h2>
<p>Text.</p>
<table>
<tr><td>One</td></tr>
</table>
</article>"""


def test_each_bare_table_gets_a_region_labelled_by_the_nearest_heading():
    out = with_table_regions(PAGE)
    assert out.count('role="region"') == 2
    assert ('<div class="table-region" role="region" tabindex="0" aria-label="Task &amp; clarity"><table>\n<thead>'
            in out)
    assert '<div class="table-region" role="region" tabindex="0" aria-label="The gates"><table>\n<tr>' in out
    assert out.count("</table></div>") == 2
    assert out.replace('<div class="table-region" role="region" tabindex="0" aria-label="Task &amp; clarity">', "") \
        .replace('<div class="table-region" role="region" tabindex="0" aria-label="The gates">', "") \
        .replace("</table></div>", "</table>") == PAGE  # nothing else changes


def test_tables_shown_as_cards_or_already_in_a_region_are_left_alone():
    cards = '<h2>Rows</h2><div class="comparison-table" data-table-cards>\n<table>\n<tr><td>x</td></tr>\n</table>\n</div>'
    assert with_table_regions(cards) == cards
    once = with_table_regions(PAGE)
    assert with_table_regions(once) == once


def test_tables_written_with_attributes_and_pages_without_tables_pass_unchanged():
    classed = '<h2>Glance</h2><table class="glance"><tr><td>x</td></tr></table>'
    assert with_table_regions(classed) == classed
    assert with_table_regions("<p>No tables.</p>") == "<p>No tables.</p>"
