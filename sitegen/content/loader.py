"""Load every content file, validate it, check the files against each other, and report all problems at once."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ValidationError

import calculator

from ..sections import APPROACH_SECTIONS, PAGE_LOCAL_IDS, SECTION_ANCHORS
from .errors import ContentError, Problem, format_key_path
from .models import (
    ApproachesFile,
    ChecklistFile,
    CombiningFile,
    ComparisonFile,
    FaqFile,
    GlossaryFile,
    OverviewFile,
)
from .models_calculator import CalculatorFile
from .pydantic_messages import describe_error
from .refs import find_refs
from .site import Anchor, ContentFile, Site, running_text, short_title
from .yamlsource import YamlDocument, YamlSyntaxError, parse_yaml

# Every file content/ must hold, and the model that validates it. Order is the order of checks.
CONTENT_MODELS: dict[str, type[BaseModel]] = {
    "overview": OverviewFile,
    "comparison": ComparisonFile,
    "approaches": ApproachesFile,
    "checklist": ChecklistFile,
    "faq": FaqFile,
    "combining": CombiningFile,
    "glossary": GlossaryFile,
    "calculator": CalculatorFile,
}

# Approach pages show these comparison rows as their "What it is" and "When it breaks" sections.
REQUIRED_COMPARISON_ROWS = ("what-it-is", "when-it-breaks")


def load_site(content_dir: Path, *, with_calculator: bool = True) -> Site:
    """Read and validate content/; raise ContentError listing every problem, or return the Site.

    `with_calculator=False` loads only the prose files (golden tests of the page renderers use it).
    """
    content_dir = Path(content_dir)
    problems: list[Problem] = []
    files: dict[str, ContentFile] = {}
    expected = {n: m for n, m in CONTENT_MODELS.items() if with_calculator or n != "calculator"}
    for name, model in expected.items():
        loaded = _load_file(content_dir, name, model, problems)
        if loaded is not None:
            files[name] = loaded
    for extra in sorted(content_dir.glob("*.y*ml")):
        if extra.stem not in expected or extra.suffix != ".yml":
            problems.append(Problem(f"{content_dir.name}/{extra.name}", 1, "(file)",
                                    f"unknown content file; expected one of: {', '.join(n + '.yml' for n in expected)}"))
    if problems or len(files) != len(expected):
        raise ContentError(problems)

    anchors, id_problems = _collect_anchors(files)
    site = Site(files=files, anchors=anchors)
    problems += id_problems
    problems += _check_approaches(site)
    problems += _check_references(site)
    if not problems and with_calculator:
        problems += _check_calculator(site)
    if problems:
        raise ContentError(problems)
    return site


def _load_file(content_dir: Path, name: str, model: type[BaseModel], problems: list[Problem]) -> ContentFile | None:
    display = f"{content_dir.name}/{name}.yml"
    path = content_dir / f"{name}.yml"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(display, 1, "(file)", f"file is missing; create {name}.yml in {content_dir.name}/"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(display, 1, "(file)", f"cannot be read as UTF-8 text ({exc.__class__.__name__}); save it as UTF-8"))
        return None
    try:
        document = parse_yaml(text)
    except YamlSyntaxError as exc:
        problems.append(Problem(display, exc.line, "(yaml)", exc.message))
        return None
    found = len(problems)
    for key_path, line in document.duplicate_keys:
        problems.append(Problem(display, line, format_key_path(key_path), "key appears twice in the same mapping; keep one"))
    if not isinstance(document.data, dict):
        problems.append(Problem(display, 1, "(top level)", "must be a mapping of keys to values, starting with `reviewed:`"))
        return None
    try:
        validated = model.model_validate(document.data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(Problem(display, document.line_of(loc), format_key_path(loc), describe_error(error, model)))
        return None
    if len(problems) > found:
        return None
    return ContentFile(name=name, display_path=display, document=document, model=validated)


def _collect_anchors(files: dict[str, ContentFile]) -> tuple[dict[str, Anchor], list[Problem]]:
    """Every stable id on the site with its page; duplicates are reported where the later one stands."""
    declared: list[tuple[Anchor, str, tuple]] = []  # (anchor, file name, key path)

    def add(file: str, path: tuple, anchor: Anchor) -> None:
        declared.append((anchor, file, path))

    overview = files["overview"].model
    for i, approach in enumerate(overview.approaches):
        add("overview", ("approaches", i, "id"), Anchor(approach.id, f"{approach.id}.md", approach.name, fragment=False))
    for i, item in enumerate(overview.verdict.choose_fine_tuning_when):
        add("overview", ("verdict", "choose_fine_tuning_when", i, "id"), Anchor(item.id, "index.md", short_title(item.text)))
    for i, row in enumerate(files["comparison"].model.rows):
        add("comparison", ("rows", i, "id"), Anchor(row.id, "comparison.md", row.category))
    for a, approach in enumerate(files["approaches"].model.approaches):
        page = f"{approach.id}.md"
        for i, item in enumerate(approach.best_for):
            add("approaches", ("approaches", a, "best_for", i, "id"), Anchor(item.id, page, short_title(item.text)))
        for kind in ("pros", "cons"):
            for i, item in enumerate(getattr(approach, kind)):
                add("approaches", ("approaches", a, kind, i, "id"), Anchor(item.id, page, item.title))
        for suffix, title in APPROACH_SECTIONS.items():
            declared.append((Anchor(f"{approach.id}-{suffix}", page, title), "(templates)", ()))
    for i, q in enumerate(files["checklist"].model.questions):
        add("checklist", ("questions", i, "id"), Anchor(q.id, "checklist.md", q.title))
    for i, faq in enumerate(files["faq"].model.faqs):
        add("faq", ("faqs", i, "id"), Anchor(faq.id, "faq.md", faq.question))
    combining = files["combining"].model
    for group in ("stages", "patterns", "pitfalls"):
        for i, section in enumerate(getattr(combining, group)):
            add("combining", (group, i, "id"), Anchor(section.id, "combining.md", section.title))
    for i, term in enumerate(files["glossary"].model.terms):
        add("glossary", ("terms", i, "id"), Anchor(term.id, "glossary.md", term.term, inline_title=running_text(term.term)))
    for section_id in PAGE_LOCAL_IDS:
        declared.append((Anchor(section_id, "index.md", "Last reviewed"), "(templates)", ()))
    for section_id, (page, title) in SECTION_ANCHORS.items():
        declared.append((Anchor(section_id, page, title), "(templates)", ()))
    for section_id, (page, title) in _methodology_sections().items():
        declared.append((Anchor(section_id, page, title), "(templates)", ()))

    anchors: dict[str, Anchor] = {}
    first_seen: dict[str, str] = {}
    problems: list[Problem] = []
    # Template sections first, so a content id that clashes with one is the one reported.
    declared.sort(key=lambda d: d[1] != "(templates)")
    for anchor, file, path in declared:
        if anchor.id in anchors:
            content = files[file]
            problems.append(Problem(content.display_path, content.document.line_of(path), format_key_path(path),
                                    f"id '{anchor.id}' is already used by {first_seen[anchor.id]}; ids are anchors and must be unique across the site"))
            continue
        anchors[anchor.id] = anchor
        first_seen[anchor.id] = "a section heading of the site" if file == "(templates)" else f"content/{file}.yml"
    return anchors, problems


def _methodology_sections() -> dict[str, tuple[str, str]]:
    try:
        from ..render.methodology import METHODOLOGY_SECTIONS
    except ImportError:  # the methodology page is optional until the calculator ships it
        return {}
    return {k: ("methodology.md", v) for k, v in METHODOLOGY_SECTIONS.items()}


def _check_approaches(site: Site) -> list[Problem]:
    """Both approaches appear everywhere the pages need them."""
    problems: list[Problem] = []
    ids = [a.id for a in site.overview.approaches]
    listing = ", ".join(ids)
    overview = site.files["overview"]
    if site.overview.verdict.default not in ids:
        problems.append(_at(overview, ("verdict", "default"), f"'{site.overview.verdict.default}' is not an approach; use one of: {listing}"))
    comparison = site.files["comparison"]
    for i, row in enumerate(site.comparison.rows):
        for approach in ids:
            if approach not in row.values:
                problems.append(_at(comparison, ("rows", i, "values"),
                                    f"row '{row.id}' has no value for '{approach}'; every row needs one per approach: {listing}"))
        for key in row.values:
            if key not in ids:
                problems.append(_at(comparison, ("rows", i, "values", key), f"'{key}' is not an approach; use one of: {listing}"))
    row_ids = {row.id for row in site.comparison.rows}
    for required in REQUIRED_COMPARISON_ROWS:
        if required not in row_ids:
            problems.append(_at(comparison, ("rows",), f"a row with id '{required}' is required; the approach pages show it"))
    details = site.files["approaches"]
    seen = [a.id for a in site.approaches.approaches]
    for i, approach_id in enumerate(seen):
        if approach_id not in ids:
            problems.append(_at(details, ("approaches", i, "id"), f"'{approach_id}' is not an approach in overview.yml; use one of: {listing}"))
        elif seen.index(approach_id) != i:
            problems.append(_at(details, ("approaches", i, "id"), f"'{approach_id}' is described twice; merge the two entries"))
    for approach_id in ids:
        if approach_id not in seen:
            problems.append(_at(details, ("approaches",), f"no entry for '{approach_id}'; add its best_for, pros and cons"))
    return problems


def _check_references(site: Site) -> list[Problem]:
    """`related:` and `target:` ids and `[[id]]` references in prose must name an existing anchor."""
    problems: list[Problem] = []
    for name, content in site.files.items():
        if name == "calculator":
            continue  # the calculator model checks its own references against the anchors
        for path, value in _walk(content.document.data, ()):
            is_id_reference = (path[-2:-1] == ("related",) or path[-1:] == ("target",)) if path else False
            if is_id_reference and isinstance(value, str):
                if value not in site.anchors:
                    problems.append(_at(content, path, f"unknown id '{value}'; {_suggest(value, site)}"))
            elif isinstance(value, str):
                for ref in find_refs(value):
                    if isinstance(ref, str):
                        problems.append(_at(content, path, f"malformed reference {ref}; write [[id]] or [[id|text]] with a lowercase-kebab id"))
                    elif ref.target not in site.anchors:
                        problems.append(_at(content, path, f"reference [[{ref.target}]] points at no id; {_suggest(ref.target, site)}"))
    return problems


def _check_calculator(site: Site) -> list[Problem]:
    """The calculator's own invariants (points, gates, outcomes) and its agreement with the checklist."""
    content = site.files["calculator"]
    problems: list[Problem] = []
    try:
        model = calculator.Model.from_dict(site.calculator_data())
    except calculator.ModelError as exc:
        return [_at(content, tuple(path), message) for path, message in exc.problems]
    factor_ids = {f.id for f in model.factors}
    checklist = site.files["checklist"]
    for i, question in enumerate(site.checklist.questions):
        if question.id not in factor_ids:
            problems.append(_at(checklist, ("questions", i, "id"),
                                f"checklist question '{question.id}' has no calculator factor with the same id; add one to calculator.yml"))
    return problems


def _walk(data: object, path: tuple):
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _walk(value, path + (i,))


def _suggest(wrong: str, site: Site) -> str:
    import difflib

    close = difflib.get_close_matches(wrong, list(site.anchors), n=3)
    return f"did you mean {', '.join(close)}?" if close else "use an id declared in content/ (see the glossary, checklist or comparison files)"


def _at(content: ContentFile, path: tuple, message: str) -> Problem:
    return Problem(content.display_path, content.document.line_of(path), format_key_path(path), message)
