"""Wide tables scroll inside a focusable, labelled region instead of widening the page.

Markdown writes every table as a bare `<table>`. On a phone most of them are wider than the
screen, and a region that scrolls must be reachable and named for keyboard and screen-reader
users (WCAG 2.1.1; axe `scrollable-region-focusable`). So each bare table in a finished page is
wrapped, at build time, in

    <div class="table-region" role="region" tabindex="0" aria-label="<nearest heading above>">

which `site.css` makes the element that scrolls sideways. The label is the text of the nearest
heading before the table (its `¶` permalink left out), so no wording is typed here. Tables inside
an element marked `data-table-cards` (they become one card per row on narrow screens and never
scroll) or already inside a region are left as they are, so running this twice changes nothing.
Pure: HTML in, HTML out.
"""
from __future__ import annotations

import html
from html.parser import HTMLParser

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
REGION_CLASS = "table-region"


class _Tables(HTMLParser):
    """Finds each bare table (start and end offsets) with the heading text that precedes it."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self._line_starts.append(i + 1)
        self.found: list[tuple[int, int, str]] = []  # (start of <table>, end of </table>, label)
        self._heading: list[str] | None = None
        self._last_heading = ""
        self._in_headerlink = 0
        self._div_depth = 0
        self._skip_below: list[int] = []  # div depths of containers whose tables are left alone
        self._open_table: tuple[int, str] | None = None
        self._table_depth = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "div":
            self._div_depth += 1
            if "data-table-cards" in names or names.get("role") == "region":
                self._skip_below.append(self._div_depth)
        elif tag in _HEADINGS:
            self._heading = []
        elif tag == "a" and self._heading is not None and "headerlink" in (names.get("class") or "").split():
            self._in_headerlink += 1
        elif tag == "table":
            self._table_depth += 1
            if not attrs and not self._skip_below and self._table_depth == 1:
                self._open_table = (self._offset(), self._last_heading)

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            if self._skip_below and self._skip_below[-1] == self._div_depth:
                self._skip_below.pop()
            self._div_depth -= 1
        elif tag in _HEADINGS and self._heading is not None:
            self._last_heading = " ".join("".join(self._heading).split())
            self._heading = None
        elif tag == "a" and self._in_headerlink:
            self._in_headerlink -= 1
        elif tag == "table":
            self._table_depth -= 1
            if self._table_depth == 0 and self._open_table is not None:
                start, label = self._open_table
                end = self._offset() + len("</table>")
                self.found.append((start, end, label))
                self._open_table = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None and not self._in_headerlink:
            self._heading.append(data)


def with_table_regions(page_html: str) -> str:
    """`page_html` with every bare table wrapped in a focusable region named after its heading."""
    if "<table>" not in page_html:
        return page_html
    parser = _Tables(page_html)
    parser.feed(page_html)
    parser.close()
    parts: list[str] = []
    done = 0
    for start, end, label in parser.found:
        if page_html[end - len("</table>"):end].lower() != "</table>":
            continue  # not the closing tag as written; leave this table alone rather than guess
        opening = f'<div class="{REGION_CLASS}" role="region" tabindex="0" aria-label="{html.escape(label)}">'
        parts += [page_html[done:start], opening, page_html[start:end], "</div>"]
        done = end
    parts.append(page_html[done:])
    return "".join(parts)
