"""The calculator page: its form and the default verdict, prerendered at build time by the real calculator.

The page is complete with JavaScript off. Once Python starts in the browser, the glue paints
live results into the same markup: every value it fills is marked with a `data-bind-*` attribute
here, and every list item comes from a `<template>` made by the same Jinja macro as the
prerendered items, so the two can never drift apart.
"""

from __future__ import annotations

import json

import calculator
from calculator.formatting import format_plain
from calculator.model import MODEL_VERSION_PARAM
from calculator.record import MAX_DETAIL_LENGTH
from calculator.view import CHART_BOTTOM, CHART_HEIGHT, CHART_LEFT, CHART_RIGHT, CHART_WIDTH

from .browser_assets import runtime_settings
from .content import Site
from .render.examples import example_views
from .render.history import page_history
from .render.links import ref_resolver
from .render.pages import provider_pages
from .render.templating import render_template

PAGE = "calculator.md"
# The page is served at calculator/ (directory URLs), so site-root-relative URLs start with this.
PAGE_TO_ROOT = "../"
# How long the page waits for Python before it shows the error state (data-timeout-ms); the
# browser glue reads this attribute and holds no timeout of its own.
START_TIMEOUT_MS = 30_000
# A download of Python's files that sends no byte for this long is named as stalled (data-stall-ms),
# well before the start limit; the error sentence states it in seconds.
DOWNLOAD_STALL_MS = 4_000


def render_calculator_page(site: Site, build: str) -> str:
    """Markdown (with raw HTML for md_in_html) for docs page calculator.md; `build` versions the worker's URLs."""
    model = site.calculator
    verdict = calculator.evaluate(model, calculator.parse_answers(model, {}))
    result = verdict.to_dict("")  # URLs relative to the site root; href() turns them into page links

    def href(link: object) -> str:
        """A prerendered link to a site section, relative to the page's own URL.

        Links inside raw HTML are not rewritten by MkDocs, so this gives the final URL; the ids
        come from site.anchors, which the content loader has already checked.
        """
        if not isinstance(link, dict) or not link.get("url"):
            return ""
        return PAGE_TO_ROOT + str(link["url"])

    widget = render_template(
        "calculator_widget.html.j2",
        model=model,
        result=result,
        href=href,
        build=build,
        runtime=json.dumps(runtime_settings(build), sort_keys=True),  # how the worker starts Pyodide (data-runtime)
        timeout_ms=START_TIMEOUT_MS,
        stall_ms=DOWNLOAD_STALL_MS,
        max_points=max((abs(o.points) for f in model.factors for o in f.options), default=1) or 1,
        no_flips=model.messages["no_flips"],
        version_param=MODEL_VERSION_PARAM,  # the query parameter that names a link's model version
        detail_max=MAX_DETAIL_LENGTH,  # the record's feature name and owner are cut at this length anyway
        placeholder=format_plain,
        chart_size={"width": CHART_WIDTH, "height": CHART_HEIGHT, "left": CHART_LEFT, "right": CHART_RIGHT,
                    "bottom": CHART_BOTTOM},
    )
    parts = {name: _flatten(chunk) for name, chunk in _split_chunks(widget).items()}
    return render_template(
        "calculator.md.j2",
        title=model.title,
        intro=model.intro,
        reviewed=site.calculator_file.reviewed,
        provider_note=ref_resolver(site, PAGE)(site.overview.verdict.provider_note),
        provider_pages=provider_pages(site),
        **page_history(site, PAGE, "calculator"),  # its changes, and a note once calculator.yml's review is old
        html=parts,
        # Worked examples as presets: plain links that reopen this page with an example's answers.
        presets=[{"title": item["title"], "url": item["calculator_url"]} for item in example_views(site, PAGE)],
        examples_page=site.anchors["examples"].link_from(PAGE),
    )


_MARK = "<!--chunk:"


def _split_chunks(rendered: str) -> dict[str, str]:
    """The widget template marks its HTML chunks with `<!--chunk:NAME-->`; return them by name."""
    chunks: dict[str, str] = {}
    for piece in rendered.split(_MARK)[1:]:
        name, _, body = piece.partition("-->")
        chunks[name.strip()] = body
    return chunks


def _flatten(html: str) -> str:
    """One raw-HTML block for Python-Markdown: no indentation (it would read as code), no blank lines."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
