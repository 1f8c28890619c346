"""Load every content file, validate it, check the files against each other, and report all problems at once."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

import calculator

from ..sections import APPROACH_SECTIONS, CALCULATOR_VERDICT, METHODOLOGY_SCORE, PAGE_LOCAL_IDS, SECTIONS
from .citations import factor_sources
from .errors import ContentError, Problem, format_key_path
from .examples import check_examples
from .models import (
    ApproachesFile,
    ChecklistFile,
    CombiningFile,
    ComparisonFile,
    ExamplesFile,
    FaqFile,
    GlossaryFile,
    OverviewFile,
    SourcesFile,
)
from .models_calculator import CalculatorFile
from .models_changes import ChangesFile
from .models_redirects import RedirectsFile
from .prose import prose_problems
from .pydantic_messages import describe_error
from .refs import find_refs
from .site import Anchor, Redirect, Site, running_text, short_title
from .sources import by_publisher, citation
from .tree import walk
from .yamlsource import YamlDocument, YamlRefused, YamlSyntaxError, parse_yaml

# Every file content/ must hold, and the model that validates it. Order is the order of checks.
CONTENT_MODELS: dict[str, type[BaseModel]] = {
    "overview": OverviewFile,
    "comparison": ComparisonFile,
    "approaches": ApproachesFile,
    "checklist": ChecklistFile,
    "faq": FaqFile,
    "combining": CombiningFile,
    "glossary": GlossaryFile,
    "sources": SourcesFile,
    "calculator": CalculatorFile,
    "examples": ExamplesFile,  # checked against the calculator once its model is built
    "changes": ChangesFile,  # names the other files, so it comes after them
    "redirects": RedirectsFile,  # checked against the published pages and ids by sitegen/anchors.py
}

# Approach pages show these comparison rows as their "What it is" and "When it breaks" sections.
REQUIRED_COMPARISON_ROWS = ("what-it-is", "when-it-breaks")


@dataclass(frozen=True)
class ContentFile:
    """One parsed and validated file, kept while loading so every problem can name its line."""

    name: str  # file stem, e.g. "comparison"
    display_path: str  # as shown in errors, e.g. "content/comparison.yml"
    document: YamlDocument
    model: BaseModel


def load_site(content_dir: Path) -> Site:
    """Read and validate content/; raise ContentError listing every problem, or return the Site.

    The calculator model is built here, once, from the validated calculator.yml and the site's
    anchors; every page, the browser's model JSON and the CLI use that one object.
    """
    content_dir = Path(content_dir)
    problems: list[Problem] = []
    files: dict[str, ContentFile] = {}
    for name, model in CONTENT_MODELS.items():
        loaded = _load_file(content_dir, name, model, problems)
        if loaded is not None:
            files[name] = loaded
    for extra in sorted(content_dir.glob("*.y*ml")):
        if extra.stem not in CONTENT_MODELS or extra.suffix != ".yml":
            problems.append(Problem(f"{content_dir.name}/{extra.name}", 1, "(file)",
                                    f"unknown content file; expected one of: {', '.join(n + '.yml' for n in CONTENT_MODELS)}"))
    if problems or len(files) != len(CONTENT_MODELS):
        raise ContentError(problems)

    anchors, id_problems = _collect_anchors(files)
    problems += id_problems
    problems += _check_approaches(files)
    problems += _check_sources(files)
    problems += _check_changes(files)
    problems += _check_references(files, anchors)
    if problems:
        raise ContentError(problems)
    model, calculator_problems = _build_calculator(files, anchors)
    if model is not None:
        calculator_problems += _check_examples(files, model)
    if calculator_problems or model is None:
        raise ContentError(calculator_problems)
    return Site(
        overview=files["overview"].model, comparison=files["comparison"].model, approaches=files["approaches"].model,
        checklist=files["checklist"].model, faq=files["faq"].model, combining=files["combining"].model,
        glossary=files["glossary"].model, sources=files["sources"].model, calculator_file=files["calculator"].model,
        calculator=model, examples=files["examples"].model, changes=files["changes"].model,
        anchors=anchors, redirects=_redirects(files["redirects"]),
        reviewed={name: content.model.reviewed for name, content in files.items()},  # type: ignore[attr-defined]
    )  # type: ignore[arg-type]


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
    except YamlRefused as exc:
        problems += [Problem(display, line, "(yaml)" if path is None else format_key_path(path), message)
                     for line, path, message in exc.problems]
        return None
    found = len(problems)
    for key_path, line in document.duplicate_keys:
        problems.append(Problem(display, line, format_key_path(key_path), "key appears twice in the same mapping; keep one"))
    for key_path, value in walk(document.data):
        if isinstance(value, str):
            for message in prose_problems(value, template=_is_message_template(name, key_path)):
                problems.append(Problem(display, document.line_of(key_path), format_key_path(key_path), message))
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
    sources = files["sources"].model
    for i, source in enumerate(sources.sources):
        add("sources", ("sources", i, "id"), Anchor(source.id, "sources.md", citation(source)))
    for group in by_publisher(sources):
        first = next(i for i, s in enumerate(sources.sources) if s.publisher == group.publisher)
        add("sources", ("sources", first, "publisher"), Anchor(group.id, "sources.md", group.publisher))
    for i, example in enumerate(files["examples"].model.examples):
        add("examples", ("examples", i, "id"), Anchor(example.id, "examples.md", example.title))
    for i, change in enumerate(files["changes"].model.changes):
        add("changes", ("changes", i, "id"), Anchor(change.id, "changes.md", short_title(change.summary)))
    for section_id in PAGE_LOCAL_IDS:
        declared.append((Anchor(section_id, "index.md", "Last reviewed"), "(templates)", ()))
    for section in SECTIONS:
        declared.append((Anchor(section.id, section.page, section.title), "(templates)", ()))

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


def _check_approaches(files: dict[str, ContentFile]) -> list[Problem]:
    """Both approaches appear everywhere the pages need them."""
    problems: list[Problem] = []
    overview = files["overview"]
    ids = [a.id for a in overview.model.approaches]
    listing = ", ".join(ids)
    if overview.model.verdict.default not in ids:
        problems.append(_at(overview, ("verdict", "default"), f"'{overview.model.verdict.default}' is not an approach; use one of: {listing}"))
    comparison = files["comparison"]
    for i, row in enumerate(comparison.model.rows):
        for approach in ids:
            if approach not in row.values:
                problems.append(_at(comparison, ("rows", i, "values"),
                                    f"row '{row.id}' has no value for '{approach}'; every row needs one per approach: {listing}"))
        for key in row.values:
            if key not in ids:
                problems.append(_at(comparison, ("rows", i, "values", key), f"'{key}' is not an approach; use one of: {listing}"))
        if row.glance is not None and sorted(row.glance) != sorted(ids):
            problems.append(_at(comparison, ("rows", i, "glance"), f"row '{row.id}' needs a glance for each approach, and only those: {listing}"))
        if row.favors is not None and (row.glance is None or row.favors not in ids):
            problems.append(_at(comparison, ("rows", i, "favors"),
                                f"'{row.favors}' must be an approach ({listing}) on a row that has a glance; the home page shows it there"))
    row_ids = {row.id for row in comparison.model.rows}
    for required in REQUIRED_COMPARISON_ROWS:
        if required not in row_ids:
            problems.append(_at(comparison, ("rows",), f"a row with id '{required}' is required; the approach pages show it"))
    details = files["approaches"]
    seen = [a.id for a in details.model.approaches]
    for i, approach_id in enumerate(seen):
        if approach_id not in ids:
            problems.append(_at(details, ("approaches", i, "id"), f"'{approach_id}' is not an approach in overview.yml; use one of: {listing}"))
        elif seen.index(approach_id) != i:
            problems.append(_at(details, ("approaches", i, "id"), f"'{approach_id}' is described twice; merge the two entries"))
    for approach_id in ids:
        if approach_id not in seen:
            problems.append(_at(details, ("approaches",), f"no entry for '{approach_id}'; add its best_for, pros and cons"))
    return problems


def _check_sources(files: dict[str, ContentFile]) -> list[Problem]:
    """Each page is listed once, and the provider box links only to sources of the same file."""
    problems: list[Problem] = []
    content = files["sources"]
    first_url: dict[str, str] = {}
    for i, source in enumerate(content.model.sources):
        if source.url in first_url:
            problems.append(_at(content, ("sources", i, "url"),
                                f"this address is already listed as '{first_url[source.url]}'; cite that source instead"))
        first_url.setdefault(source.url, source.id)
    ids = [source.id for source in content.model.sources]
    for p, provider in enumerate(content.model.provider_pages):
        for k, link in enumerate(provider.links):
            if link.source not in ids:
                close = difflib.get_close_matches(link.source, ids, n=3)
                hint = f"did you mean {', '.join(close)}?" if close else "use the id of one of the sources listed in this file"
                problems.append(_at(content, ("provider_pages", p, "links", k, "source"), f"'{link.source}' is not a source; {hint}"))
    return problems


def _check_references(files: dict[str, ContentFile], anchors: dict[str, Anchor]) -> list[Problem]:
    """`related:` and `target:` ids and `[[id]]` references in prose must name an existing anchor."""
    problems: list[Problem] = []
    for name, content in files.items():
        if name == "calculator":
            continue  # the calculator model checks its own references against the anchors
        for path, value in walk(content.document.data):
            is_id_reference = (path[-2:-1] == ("related",) or path[-1:] == ("target",)) if path else False
            if is_id_reference and isinstance(value, str):
                if value not in anchors:
                    problems.append(_at(content, path, f"unknown id '{value}'; {_suggest(value, anchors)}"))
            elif isinstance(value, str):
                for ref in find_refs(value):
                    if isinstance(ref, str):
                        problems.append(_at(content, path, f"malformed reference {ref}; write [[id]] or [[id|text]] with a lowercase-kebab id"))
                    elif ref.target not in anchors:
                        problems.append(_at(content, path, f"reference [[{ref.target}]] points at no id; {_suggest(ref.target, anchors)}"))
    return problems


def _check_changes(files: dict[str, ContentFile]) -> list[Problem]:
    """Each change names files that exist, and the history reads newest first."""
    problems: list[Problem] = []
    content = files["changes"]
    known = [f"{name}.yml" for name in CONTENT_MODELS]
    previous = None
    for i, change in enumerate(content.model.changes):
        for k, name in enumerate(change.files):
            if name not in known:
                close = difflib.get_close_matches(name, known, n=3)
                hint = f"did you mean {', '.join(close)}?" if close else f"use one of: {', '.join(known)}"
                problems.append(_at(content, ("changes", i, "files", k), f"'{name}' is not a content file; {hint}"))
        if previous is not None and change.date > previous:
            problems.append(_at(content, ("changes", i, "date"),
                                f"{change.date.isoformat()} is later than the entry above it ({previous.isoformat()}); list changes newest first"))
        previous = change.date
    return problems


def _build_calculator(files: dict[str, ContentFile], anchors: dict[str, Anchor]) -> tuple[calculator.Model | None, list[Problem]]:
    """The calculator's model, built once from the validated file; its invariants and the checklist agree."""
    content = files["calculator"]
    data = content.model.model_dump(mode="json", exclude_none=True)
    data["anchors"] = {a.id: {"url": a.url, "title": a.title} for a in anchors.values()}
    data["site_links"] = {"calculator": CALCULATOR_VERDICT, "methodology": METHODOLOGY_SCORE}
    data["factor_sources"] = factor_sources(  # model versions: the record lists the sources behind each answer
        {name: f.document.data for name, f in files.items() if name != "calculator"},
        {factor["id"]: factor.get("links", []) for factor in data["factors"]}, [s.id for s in files["sources"].model.sources])
    try:
        model = calculator.Model.from_dict(data)
    except calculator.ModelError as exc:
        return None, [_at(content, tuple(path), message) for path, message in exc.problems]
    problems: list[Problem] = []
    checklist = files["checklist"]
    for i, question in enumerate(checklist.model.questions):
        if not model.has_factor(question.id):
            problems.append(_at(checklist, ("questions", i, "id"),
                                f"checklist question '{question.id}' has no calculator factor with the same id; add one to calculator.yml"))
    return model, problems


def _check_examples(files: dict[str, ContentFile], model: calculator.Model) -> list[Problem]:
    """Each worked example gives the verdict it expects, and together they show every best-for item and outcome."""
    content = files["examples"]
    best_for = [item.id for approach in files["approaches"].model.approaches for item in approach.best_for]
    return check_examples(content.display_path, content.document, content.model, model, best_for)


def _redirects(content: ContentFile) -> tuple[Redirect, ...]:
    """The redirects with the line each one stands on, so later checks can point at it."""
    return tuple(Redirect(source, target, content.display_path, content.document.line_of(("redirects", source)))
                 for source, target in content.model.redirects.items())  # type: ignore[attr-defined]


def _is_message_template(name: str, path: tuple) -> bool:
    """calculator.yml's sentences with `{name}` placeholders, which the calculator fills in and checks."""
    if name == "changes":
        return path == ("freshness", "note")  # {reviewed} and {months}, checked by its model
    return name == "calculator" and bool(path) and (path[0] == "messages" or (path[0] == "conflicts" and path[-1] == "message"))


def _suggest(wrong: str, anchors: dict[str, Anchor]) -> str:
    close = difflib.get_close_matches(wrong, list(anchors), n=3)
    return f"did you mean {', '.join(close)}?" if close else "use an id declared in content/ (see the glossary, checklist or comparison files)"


def _at(content: ContentFile, path: tuple, message: str) -> Problem:
    return Problem(content.display_path, content.document.line_of(path), format_key_path(path), message)
