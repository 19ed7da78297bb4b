"""Where the files shipped beside the code live.

git holds one copy of the default templates, the top-level ``templates/``. A
wheel carries it as ``briefing/templates`` (setup.py copies it at build time);
a source checkout or an editable install reads the top-level folder in place.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _default_templates() -> Path:
    installed = _PACKAGE / "templates"
    return installed if installed.is_dir() else _PACKAGE.parent / "templates"


DEFAULT_TEMPLATES = _default_templates()
