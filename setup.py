"""Ship the top-level ``templates/`` inside the wheel as ``briefing/templates``.

git keeps one copy of the default templates (``templates/``); everything else
is configured in pyproject.toml. Editable installs read ``templates/`` in place
(see ``briefing/resources.py``), so nothing is copied for them.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithTemplates(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "briefing" / "templates"
        target.mkdir(parents=True, exist_ok=True)
        for source in sorted((HERE / "templates").iterdir()):
            if source.is_file() and not source.name.startswith("."):
                shutil.copyfile(source, target / source.name)


setup(cmdclass={"build_py": BuildPyWithTemplates})
