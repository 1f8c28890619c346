"""Problem and ContentError: one editor-ready line per problem, sorted by file and line, never twice."""
from __future__ import annotations

from calculator.errors import format_key_path as calculator_format_key_path
from sitegen.content.errors import ContentError, Problem, format_key_path


def test_a_problem_reads_file_line_key_path_message():
    problem = Problem("content/faq.yml", 12, "faqs[0].id", "id 'x' is already used")
    assert str(problem) == "content/faq.yml:12: faqs[0].id: id 'x' is already used"


def test_problems_sort_by_file_then_line_as_numbers():
    problems = [Problem("content/faq.yml", 10, "b", "m"), Problem("content/faq.yml", 9, "a", "m"),
                Problem("content/checklist.yml", 30, "c", "m")]
    assert [(p.file, p.line) for p in sorted(problems)] == [
        ("content/checklist.yml", 30), ("content/faq.yml", 9), ("content/faq.yml", 10)]


def test_content_error_sorts_drops_duplicates_and_joins_lines():
    late = Problem("content/faq.yml", 10, "faqs[0].id", "bad id")
    early = Problem("content/faq.yml", 2, "faqs", "must not be empty")
    other = Problem("content/checklist.yml", 30, "questions[3]", "unknown key")
    error = ContentError([late, early, other, late])
    assert error.problems == [other, early, late]
    assert error.lines == [
        "content/checklist.yml:30: questions[3]: unknown key",
        "content/faq.yml:2: faqs: must not be empty",
        "content/faq.yml:10: faqs[0].id: bad id",
    ]
    assert str(error) == "\n".join(error.lines)


def test_an_empty_content_error_has_no_lines():
    error = ContentError([])
    assert error.lines == [] and str(error) == ""


def test_content_and_calculator_write_key_paths_one_way():
    assert format_key_path is calculator_format_key_path
    assert format_key_path(("rows", 1, "values", "prompting")) == "rows[1].values.prompting"


def test_every_problem_stays_on_one_line_whatever_it_echoes():
    problem = Problem("content/x\n.yml", 3, "faqs[0].id", "'faq\none\r\u2028\u200b\u202e' is not a valid id; é and 中 stay")
    assert str(problem) == "content/x\\n.yml:3: faqs[0].id: 'faq\\none\\r\\u2028\\u200b\\u202e' is not a valid id; é and 中 stay"
    assert ContentError([problem]).lines == [str(problem)]
