"""One copy of the default templates in git (top-level templates/), shipped inside the wheel."""

import os
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


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel `pip wheel` builds from a copy of the checkout (what `pip install .` installs)."""
    tmp_path = tmp_path_factory.mktemp("wheel")
    src = tmp_path / "src"
    src.mkdir()
    for name in ("briefing", "templates"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.py", "pyproject.toml", "MANIFEST.in", "README.md"):
        shutil.copy(ROOT / name, src / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), str(src)],
        check=True,
        capture_output=True,
    )
    (built,) = (tmp_path / "dist").glob("briefing-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_carries_the_top_level_templates(wheel):
    with zipfile.ZipFile(wheel) as zf:
        shipped = {n.rsplit("/", 1)[1]: zf.read(n) for n in zf.namelist() if n.startswith("briefing/templates/")}
    assert shipped == {p.name: p.read_bytes() for p in (ROOT / "templates").iterdir() if p.is_file()}


@pytest.mark.slow
def test_the_installed_wheel_builds_a_briefing_from_any_folder(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}

    def briefing(*args: str, cwd: Path = elsewhere) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "briefing", *args], cwd=cwd, env=env, capture_output=True, text=True
        )

    where = subprocess.run(
        [sys.executable, "-c", "import briefing.resources as r; print(r.DEFAULT_TEMPLATES)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where) == site / "briefing" / "templates"
    assert briefing("init", "brief").returncode == 0
    for seed in sorted((ROOT / "seeds").glob("*.txt"))[:3]:
        shutil.copy(seed, elsewhere / "brief" / "seeds")
    done = briefing("build", cwd=elsewhere / "brief")  # its template extends the installed default
    assert done.returncode == 0, done.stderr
    assert (elsewhere / "brief" / "out" / "briefing.pdf").read_bytes().startswith(b"%PDF")
