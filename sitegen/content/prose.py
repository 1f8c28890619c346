"""The trust model of content: prose is Markdown only, so nothing in content/ can publish HTML of its own.

Every text in content/ is checked, whichever field it sits in, because templates place titles,
labels and prose side by side on one line, where Markdown may read them together:

- no raw HTML: no `<` that would open a tag, an end tag, a comment or a declaration (`<script`,
  `<img`, `</div`, `<!--`, `<!DOCTYPE`), not even inside code, and no `<https://...>` autolinks;
- no attribute lists: no `{ ... }` that Python-Markdown's attr_list would read (`{ onclick=... }`,
  `{ #id .class }`); the templates add every id and class the site needs;
- links only to http(s) addresses or relative targets: no `javascript:`, `data:`,
  `vbscript:` or any other scheme, however it is spelled (entities, case, whitespace, escapes);
- images only from relative paths (files published with the site): an image from another host
  would be a third-party request on every page view, which the site promises never to make.

The calculator's message templates are the one exception to the brace rule: their `{name}`
placeholders are filled in by the calculator, which checks the names.
"""
from __future__ import annotations

import html
import re

from markdown.extensions.attr_list import AttrListTreeprocessor

# `<` followed by what the HTML tokenizer reads as the start of a tag, an end tag, a comment,
# a declaration or a processing instruction. `a < b` and `x<5` stay text.
_TAG_OPEN = re.compile(r"<[A-Za-z/!?]")
_ATTR_LIST = re.compile(AttrListTreeprocessor.BASE_RE)
_PLACEHOLDER = re.compile(r"(?<!\{)\{[a-z_][a-z0-9_]*\}(?!\})")
# Where Markdown takes a link or image target: `](target)` and reference definitions `[label]: target`.
_INLINE_TARGET = re.compile(r"\]\(([^)]*)")
_DEFINED_TARGET = re.compile(r"\]:[ \t]*\n?[ \t]*(\S*)")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Images: inline `![alt](target)`, and reference forms `![alt][label]`, `![label][]`, `![label]`.
_INLINE_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]*)")
_REFERENCE_IMAGE = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\])?(?!\()")
_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]]+)\]:[ \t]*\n?[ \t]*(\S*)", re.MULTILINE)
# Browsers drop ASCII tab and newline anywhere in a URL and strip C0 controls and spaces around it.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f\\]")
ALLOWED_SCHEMES = ("http", "https")
TRUST_MODEL = "content is Markdown only"


def prose_problems(text: str, *, template: bool = False) -> list[str]:
    """Messages for everything in `text` the site would not publish; `template` allows `{name}` placeholders."""
    problems: list[str] = []
    for match in _TAG_OPEN.finditer(text):
        tag = text[match.start():].split(">", 1)[0][:30]
        problems.append(f"raw HTML ({_quote(tag)}) is not allowed; {TRUST_MODEL}: remove the tag "
                        "(write a link as [text](https://...), a less-than sign as '< ')")
    braces_text = _PLACEHOLDER.sub("", text) if template else text
    for match in _ATTR_LIST.finditer(braces_text):
        problems.append(f"attribute list {_quote(match.group(0))} is not allowed; {TRUST_MODEL}: remove the braces "
                        "(the pages add every id and class themselves)")
    for pattern in (_INLINE_TARGET, _DEFINED_TARGET):
        for match in pattern.finditer(text):
            scheme = unsafe_scheme(match.group(1))
            if scheme is not None:
                problems.append(f"link target {_quote(match.group(1))} is not allowed ({scheme}:); link to an http:// "
                                "or https:// address, or to a page of this site with [[id]]")
    for target in _image_targets(text):
        if unsafe_scheme(target) is None and _is_outside(target):
            problems.append(f"image target {_quote(target)} is not allowed (another host); publish the image with the "
                            "site and give its relative path, e.g. ![text](assets/images/name.png)")
    return problems


def _image_targets(text: str) -> list[str]:
    """Every address an image in `text` would load, reference-style images resolved through their definitions."""
    definitions = {label.strip().lower(): target for label, target in _DEFINITION.findall(text)}
    targets = [match.group(1) for match in _INLINE_IMAGE.finditer(text)]
    for alt, label in _REFERENCE_IMAGE.findall(text):
        key = (label or alt).strip().lower()
        if key in definitions:
            targets.append(definitions[key])
    return targets


def _is_outside(target: str) -> bool:
    """True when a browser would fetch `target` from another host: any scheme, or a `//host` address."""
    seen = _IGNORED_IN_URLS.sub("", html.unescape(target)).lstrip("<")
    return _SCHEME.match(seen) is not None or seen.startswith("//")


def unsafe_scheme(target: str) -> str | None:
    """The scheme of a link target as a browser would read it, when it is not http(s); None for safe targets."""
    seen = _IGNORED_IN_URLS.sub("", html.unescape(target)).lstrip("<")
    match = _SCHEME.match(seen)
    if match is None or match.group(1).lower() in ALLOWED_SCHEMES:
        return None
    return match.group(1).lower()


def _quote(value: str, limit: int = 40) -> str:
    value = value if len(value) <= limit else value[:limit] + "…"
    return f"'{value}'"
