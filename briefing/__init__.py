"""briefing: a folder of source articles in, a bilateral briefing PDF out."""

__version__ = "0.2.0"  # the one place; pyproject.toml reads it. See CHANGELOG.md
