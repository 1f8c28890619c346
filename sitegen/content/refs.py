"""Cross-references in prose: `[[id]]` shows the target's title, `[[id|text]]` shows `text`."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

REF = re.compile(r"\[\[([^\[\]]*)\]\]")
_TARGET = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Ref:
    target: str
    text: str | None
    starts_sentence: bool = False  # set by replace_refs: a bare glossary term keeps its capital here


def find_refs(markdown: str) -> list[Ref | str]:
    """Every reference in `markdown`; malformed ones come back as their raw text."""
    found: list[Ref | str] = []
    for match in REF.finditer(markdown):
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
    """Replace each well-formed reference with `link(ref)`; validation has already rejected the rest."""

    def sub(match: re.Match[str]) -> str:
        ref = parse_ref(match.group(1))
        if ref is None:
            return match.group(0)
        before = markdown[: match.start()].rstrip(" \t\n(\"'“*_")
        return link(Ref(ref.target, ref.text, starts_sentence=not before or before[-1] in ".!?"))

    return REF.sub(sub, markdown)
