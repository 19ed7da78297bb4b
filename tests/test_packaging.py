"""One copy of the default templates in git (top-level templates/), shipped inside the wheel."""
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from briefing.resources import DEFAULT_TEMPLATES

ROOT = Path(__file__).resolve().parent.parent


def test_a_checkout_reads_the_top_level_templates():
    assert DEFAULT_TEMPLATES == ROOT / "templates"
    assert not (ROOT / "briefing" / "templates").exists(), "the templates live only in templates/"


@pytest.mark.slow
def test_the_wheel_carries_the_top_level_templates(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("briefing", "templates"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.py", "pyproject.toml", "MANIFEST.in", "README.md"):
        shutil.copy(ROOT / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), str(src)],
                   check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("briefing-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        shipped = {n.rsplit("/", 1)[1]: zf.read(n) for n in zf.namelist() if n.startswith("briefing/templates/")}
    assert shipped == {p.name: p.read_bytes() for p in (ROOT / "templates").iterdir() if p.is_file()}
