"""Issue 10, config findings: every number in briefing.toml has a range, and absurd files
(deep nesting, 300 table columns) give one clean, line-numbered error."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefing.config import TABLE_COLUMNS, load_settings
from briefing.errors import ConfigError


def load(tmp_path, text: str):
    path = tmp_path / "briefing.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


@pytest.mark.parametrize(
    "key, value",
    [
        ("max_seed_mb", "inf"),
        ("max_seed_mb", "nan"),
        ("max_seed_mb", "1e308"),
        ("max_seed_mb", "-1"),
        ("max_seed_mb", "0"),
        ("max_statements", "-1"),
        ("max_events", "99999999999"),
        ("max_events", "-5"),
    ],
)
def test_numbers_out_of_range_are_refused_with_their_line(tmp_path, key, value):
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, f'title = "Brief"\n\n{key} = {value}\n')
    message = str(caught.value)
    assert message.startswith(f"briefing.toml:3: '{key}' must be between "), message
    assert f", not {value}" in message or f", not {float(value)}" in message, message


@pytest.mark.parametrize(
    "key, value, expected", [("max_seed_mb", "0.5", 524288), ("max_statements", "0", 0), ("max_events", "40", 40)]
)
def test_numbers_in_range_are_kept(tmp_path, key, value, expected):
    settings = load(tmp_path, f"{key} = {value}\n")
    assert getattr(settings, "max_seed_bytes" if key == "max_seed_mb" else key) == expected


@pytest.mark.parametrize(
    "text",
    [
        "keywords = " + "[" * 5000 + "]" * 5000 + "\n",
        "table = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
    ],
)
def test_deeply_nested_toml_is_a_clean_error(tmp_path, text):
    with pytest.raises(ConfigError, match="nested too deeply"):
        load(tmp_path, text)


def test_300_table_columns_are_a_clean_error(tmp_path):
    columns = ", ".join(f'"c{i}"' for i in range(300))
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, f"title = 'x'\n[table]\ncolumns = [{columns}]\n")
    assert str(caught.value).startswith("briefing.toml:3: 'table.columns' must list 1 to ")


@pytest.mark.parametrize(
    "columns, message",
    [
        ('["label", "gdp"]', "unknown table column 'gdp'"),
        ('["label", "label"]', "must list 1 to"),
        ("[1, 2]", "must list column names"),
    ],
)
def test_table_columns_are_checked(tmp_path, columns, message):
    with pytest.raises(ConfigError, match=message):
        load(tmp_path, f"[table]\ncolumns = {columns}\n")


def test_known_table_columns_are_accepted(tmp_path):
    settings = load(tmp_path, f"[table]\ncolumns = {list(TABLE_COLUMNS[:4])!r}\n".replace("'", '"'))
    assert list(settings.table["columns"]) == list(TABLE_COLUMNS[:4])


def test_cli_prints_one_line_and_exits_1(tmp_path):
    (tmp_path / "briefing.toml").write_text("max_seed_mb = inf\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "build"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "error: briefing.toml:1: 'max_seed_mb' must be between 0.001 and 1024, not inf"


def test_templates_key_is_used(tmp_path):
    assert load(tmp_path, 'templates = "my_templates"\n').templates == "my_templates"


@pytest.mark.parametrize("key, value", [("font-size", "1e308"), ("margin-x", "500"), ("title-size", "inf")])
def test_style_sizes_have_a_range_too(tmp_path, key, value):
    with pytest.raises(ConfigError, match=f"style '{key}'"):
        load(tmp_path, f'[style]\n"{key}" = {value}\n')
