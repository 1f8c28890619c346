"""How old each content file's review is: the date the build measures against, and which files are past the limit.

Time passing must never break a build, so an old review is a note on the page and a line on
stderr, never an error. The date is an input (SITE_TODAY or SOURCE_DATE_EPOCH, else the clock)
so a build can be repeated exactly and tests can pick a day.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from .site import Site


@dataclass(frozen=True)
class StaleFile:
    name: str  # file stem, e.g. "faq"
    reviewed: dt.date
    due: dt.date  # the last day the review counted as current

    def warning(self, months: int, today: dt.date) -> str:
        """One line for the build's stderr; it must not start with WARNING, which --strict would count."""
        return (f"content/{self.name}.yml: reviewed: may be out of date: last reviewed {self.reviewed.isoformat()}, "
                f"more than {months} months before {today.isoformat()}; re-check its facts, then update the date")


def review_due(reviewed: dt.date, months: int) -> dt.date:
    """The last day a review stays current: `months` calendar months later (31 August + 6 -> 28 February)."""
    return reviewed + relativedelta(months=months)


def stale_file(site: Site, name: str) -> StaleFile | None:
    """The file `name` if its review is past the limit on `site.as_of`; None when current or when no date is set."""
    if site.as_of is None:
        return None
    reviewed = site.reviewed[name]
    due = review_due(reviewed, site.changes.freshness.review_within_months)
    return StaleFile(name, reviewed, due) if site.as_of > due else None


def stale_files(site: Site) -> list[StaleFile]:
    """Every content file past the limit, in the order the loader reads them."""
    return [found for name in site.reviewed if (found := stale_file(site, name)) is not None]


def stale_warnings(site: Site) -> list[str]:
    months = site.changes.freshness.review_within_months
    return [found.warning(months, site.as_of) for found in stale_files(site)]  # type: ignore[arg-type]


class BuildDateError(ValueError):
    """SITE_TODAY or SOURCE_DATE_EPOCH is set but unreadable; the message is one line for the editor."""


def build_date(environ: Mapping[str, str], now: dt.datetime) -> dt.date:
    """The day review ages are measured against: SITE_TODAY (YYYY-MM-DD), else SOURCE_DATE_EPOCH (UTC), else `now`."""
    if environ.get("SITE_TODAY"):
        try:
            return dt.date.fromisoformat(environ["SITE_TODAY"])
        except ValueError:
            raise BuildDateError(f"SITE_TODAY={environ['SITE_TODAY']!r} is not a date; write it as YYYY-MM-DD") from None
    if environ.get("SOURCE_DATE_EPOCH"):
        try:
            return dt.datetime.fromtimestamp(int(environ["SOURCE_DATE_EPOCH"]), dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise BuildDateError(f"SOURCE_DATE_EPOCH={environ['SOURCE_DATE_EPOCH']!r} is not a count of seconds "
                                 "since 1970-01-01 UTC") from None
    return now.astimezone(dt.timezone.utc).date()
