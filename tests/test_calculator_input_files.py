"""Reading the CLI's input files: bounded size and numbers, keys given twice, escaped names.

The CLI's subprocess tests drive these through real files; these check the pieces directly.
"""
from __future__ import annotations

import pytest

from calculator.input_files import (
    MAX_NUMBER_DIGITS,
    InputError,
    display,
    parse_json,
    parse_yaml,
    read_answers,
    read_text,
)


def test_display_names_stdin_and_escapes_control_characters():
    assert display("-") == "<stdin>"
    assert display("a\x1b[31mb\n.yml") == "a\\x1b[31mb\\n.yml"


def test_read_text_stops_at_the_limit(tmp_path):
    big = tmp_path / "big.yml"
    big.write_bytes(b"a" * 11)
    assert read_text(str(big), 11, "answers file") == "a" * 11
    with pytest.raises(InputError) as caught:
        read_text(str(big), 10, "answers file")
    assert caught.value.lines == [f"{big}: the answers file is larger than 10 bytes; reading stopped there"]


def test_json_keys_given_twice_are_reported_with_their_lines():
    with pytest.raises(InputError) as caught:
        parse_json('{"volume": "high",\n "volume": "low"}', "a.json")
    assert caught.value.lines == ["a.json:2: volume: duplicate key; first given on line 1"]


def test_yaml_keys_given_twice_and_overlong_numbers_are_reported_with_their_lines():
    text = "volume: high\nvolume: low\ncalls-per-month: " + "9" * (MAX_NUMBER_DIGITS + 1) + "\n"
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "a.yml")
    assert caught.value.lines == [
        "a.yml:2: volume: duplicate key; first given on line 1",
        f"a.yml:3: a number with {MAX_NUMBER_DIGITS + 1} digits is too long; numbers may have at most {MAX_NUMBER_DIGITS} digits",
    ]


def test_answers_must_be_a_mapping_and_an_empty_file_means_no_answers(tmp_path):
    empty = tmp_path / "empty.yml"
    empty.write_text("", encoding="utf-8")
    assert read_answers(str(empty)) == {}
    listed = tmp_path / "list.yml"
    listed.write_text("- a\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_answers(str(listed))
    assert caught.value.lines == [f"{listed}: answers must be a mapping of factor id to option id (and input id to number), not a list"]
