"""Content model: load and validate content/*.yml into a typed, frozen Site."""
from .errors import ContentError, Problem
from .loader import CONTENT_MODELS, load_site
from .site import Anchor, Redirect, Site

__all__ = ["CONTENT_MODELS", "Anchor", "ContentError", "Problem", "Redirect", "Site", "load_site"]
