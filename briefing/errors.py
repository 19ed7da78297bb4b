"""Errors that carry their exit code, so the CLI maps them without knowing each kind."""


class BriefingError(Exception):
    """A failure the user can act on: one line on stderr, exit code 1."""

    exit_code = 1


class SourceError(BriefingError):
    """No seed could be read, or the seeds folder is missing."""


class TemplateError(BriefingError):
    """A template does not parse or render; the message names file and line."""


class ConfigError(BriefingError):
    """briefing.toml is invalid; the message lists every problem with its line."""


class FontError(BriefingError):
    """No TrueType family covering Latin, Cyrillic and Greek was found."""
