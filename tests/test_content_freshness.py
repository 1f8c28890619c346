"""How old a review may grow: the limit in calendar months, the day measured against, and which files are past it."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.content.freshness import BuildDateError, build_date, review_due, stale_files, stale_warnings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"
NOON = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("reviewed, months, due", [
    (dt.date(2026, 1, 15), 6, dt.date(2026, 7, 15)),
    (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),  # no 31 February: the month's last day
    (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),
    (dt.date(2026, 11, 28), 12, dt.date(2027, 11, 28)),
])
def test_a_review_stays_current_for_calendar_months(reviewed, months, due):
    assert review_due(reviewed, months) == due


@pytest.fixture(scope="module")
def site():
    return load_site(FIXTURE)  # every file reviewed 2026-01-15, limit 6 months: current through 2026-07-15


def test_no_date_checks_no_age(site):
    assert site.as_of is None and stale_files(site) == [] and stale_warnings(site) == []


def test_on_the_last_day_every_file_is_still_current(site):
    assert stale_files(dataclasses.replace(site, as_of=dt.date(2026, 7, 15))) == []


def test_the_day_after_every_file_is_past_the_limit_and_named_once(site):
    stale = stale_files(dataclasses.replace(site, as_of=dt.date(2026, 7, 16)))
    assert [f.name for f in stale] == list(site.reviewed)
    assert {(f.reviewed, f.due) for f in stale} == {(dt.date(2026, 1, 15), dt.date(2026, 7, 15))}


def test_only_the_file_past_the_limit_warns(site):
    reviewed = {**site.reviewed, "faq": dt.date(2025, 12, 1)}
    dated = dataclasses.replace(site, reviewed=reviewed, as_of=dt.date(2026, 6, 5))
    assert stale_warnings(dated) == [
        "content/faq.yml: reviewed: may be out of date: last reviewed 2025-12-01, more than 6 months before 2026-06-05; "
        "re-check its facts, then update the date"]


def test_warnings_never_start_like_a_logged_warning(site):
    """`mkdocs build --strict` and the build tests treat lines starting with WARNING or ERROR as failures."""
    for line in stale_warnings(dataclasses.replace(site, as_of=dt.date(2030, 1, 1))):
        assert not line.startswith(("WARNING", "ERROR")), line


@pytest.mark.parametrize("environ, expected", [
    ({}, dt.date(2026, 11, 28)),
    ({"SITE_TODAY": "2027-03-04"}, dt.date(2027, 3, 4)),
    ({"SOURCE_DATE_EPOCH": "1767225600"}, dt.date(2026, 1, 1)),  # 2026-01-01T00:00:00Z
    ({"SITE_TODAY": "2027-03-04", "SOURCE_DATE_EPOCH": "1767225600"}, dt.date(2027, 3, 4)),  # the explicit day wins
    ({"SITE_TODAY": "", "SOURCE_DATE_EPOCH": ""}, dt.date(2026, 11, 28)),
])
def test_the_day_comes_from_the_environment_else_the_clock(environ, expected):
    assert build_date(environ, NOON) == expected


@pytest.mark.parametrize("environ, message", [
    ({"SITE_TODAY": "28/11/2026"}, "SITE_TODAY='28/11/2026' is not a date; write it as YYYY-MM-DD"),
    ({"SOURCE_DATE_EPOCH": "soon"}, "SOURCE_DATE_EPOCH='soon' is not a count of seconds since 1970-01-01 UTC"),
])
def test_an_unreadable_day_is_one_line(environ, message):
    with pytest.raises(BuildDateError) as caught:
        build_date(environ, NOON)
    assert str(caught.value) == message
