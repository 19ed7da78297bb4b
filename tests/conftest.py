"""Helpers the test files share: reading a PDF back as text."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def pdf_text(pdf: Path | bytes, *options: str) -> str:
    """The text of a PDF file, or of a PDF's bytes, as pdftotext reads it; ``options`` such as "-layout"."""
    data = pdf if isinstance(pdf, bytes) else None
    return subprocess.run(
        ["pdftotext", *options, "-" if data is not None else str(pdf), "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")


def flat(text: str) -> str:
    """Text on one line: words broken at line ends joined, no-break spaces and soft hyphens plain."""
    text = text.replace("\u00ad", "").replace("\u00a0", " ")
    text = re.sub(r"-\n(?=[a-z])", "", text)
    return " ".join(text.split())
