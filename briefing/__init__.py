"""briefing: a folder of source articles in, a bilateral briefing PDF out."""

__version__ = "0.1.0"
