"""Cross-references in prose: `[[id]]` shows the target's title, `[[id|text]]` shows `text`.

Inside a code span (`` `[[id]]` ``) or a fenced code block a reference is literal text: it is
neither checked nor replaced. Code is found with Python-Markdown's own rules (its backtick
pairing and its fenced-block pattern), so what the site shows as code is what is skipped here.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor

REF = re.compile(r"\[\[([^\[\]]*)\]\]")
_BACKTICKS = re.compile(BACKTICK_RE)
_CODE_SPANS = BacktickInlineProcessor(BACKTICK_RE)
_TARGET = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Ref:
    target: str
    text: str | None
    starts_sentence: bool = False  # set by replace_refs: a bare glossary term keeps its capital here


def code_ranges(markdown: str) -> list[tuple[int, int]]:
    """(start, end) of every fenced code block and code span in `markdown`, in order."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    for fence in FencedBlockPreprocessor.FENCED_BLOCK_RE.finditer(markdown):
        ranges += _code_spans(markdown, pos, fence.start())
        ranges.append(fence.span())
        pos = fence.end()
    return ranges + _code_spans(markdown, pos, len(markdown))


def _code_spans(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    """Code spans of text[pos:end], paired as Python-Markdown pairs backticks."""
    spans: list[tuple[int, int]] = []
    segment = text[:end]
    while (match := _BACKTICKS.search(segment, pos)) is not None:
        if match.group(1):  # escaped backslashes before a backtick
            pos = match.end()
            continue
        start, close = _CODE_SPANS.find_code_spans(match.start(), segment)
        if close is None:
            pos = start
            continue
        span_end = close + (start - match.start())
        spans.append((match.start(), span_end))
        pos = span_end
    return spans


def _outside_code(markdown: str) -> Callable[[re.Match[str]], bool]:
    ranges = code_ranges(markdown)
    return lambda match: not any(start <= match.start() < end for start, end in ranges)


def find_refs(markdown: str) -> list[Ref | str]:
    """Every reference in `markdown` outside code; malformed ones come back as their raw text."""
    found: list[Ref | str] = []
    outside = _outside_code(markdown)
    for match in filter(outside, REF.finditer(markdown)):
        parsed = parse_ref(match.group(1))
        found.append(parsed if parsed else match.group(0))
    return found


def parse_ref(inner: str) -> Ref | None:
    target, _, text = inner.partition("|")
    target = target.strip()
    if not _TARGET.match(target) or ("|" in inner and not text.strip()):
        return None
    return Ref(target, text.strip() or None)


def replace_refs(markdown: str, link: Callable[[Ref], str]) -> str:
    """Replace each well-formed reference outside code with `link(ref)`; validation has already rejected the rest."""
    outside = _outside_code(markdown)

    def sub(match: re.Match[str]) -> str:
        ref = parse_ref(match.group(1))
        if ref is None or not outside(match):
            return match.group(0)
        before = markdown[: match.start()].rstrip(" \t\n(\"'“*_")
        return link(Ref(ref.target, ref.text, starts_sentence=not before or before[-1] in ".!?"))

    return REF.sub(sub, markdown)
