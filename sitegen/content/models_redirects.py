"""The pydantic model of content/redirects.yml: where published pages and ids went when they moved.

An address is a generated page (`faq.md`) or an id on it (`faq.md#what-is-lora`), written the way
content/anchors.lock lists them, so an editor copies the old address from the lock or from the
build's message. Whether each target exists is checked against the published site by
sitegen/anchors.py, which knows every page and id the templates write.
"""
from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from .models import ID_PATTERN, Reviewed, Strict

_PAGE = r"[a-z0-9]+(?:-[a-z0-9]+)*\.md"
ADDRESS_PATTERN = rf"^{_PAGE}(?:#{ID_PATTERN[1:-1]})?$"



def _address(value: str) -> str:
    if not re.match(ADDRESS_PATTERN, value):
        raise ValueError(f"'{value}' is not a page or id address; write it as content/anchors.lock does, like "
                         "`faq.md` or `faq.md#what-is-lora`")
    return value


Address = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=140),
    AfterValidator(_address),
    Field(description="A page of the site (`faq.md`) or an id on it (`faq.md#what-is-lora`), as content/anchors.lock lists them.",
          json_schema_extra={"pattern": ADDRESS_PATTERN}),
]


class RedirectsFile(Strict):
    """content/redirects.yml: old page or id -> where it lives now. Never remove an entry: old links keep using it."""

    reviewed: Reviewed
    redirects: dict[Address, Address] = Field(
        default_factory=dict,
        description="Old address -> new address. A page entry (`old.md: new.md`) publishes a redirect page; "
                    "an id entry (`faq.md#old-id: faq.md#new-id`) is followed by the browser when the old link is opened.")
