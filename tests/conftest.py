"""Helpers the test files share: reading a PDF back as text."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path


def pdf_text(pdf: Path, *options: str) -> str:
    """The PDF's text as pdftotext reads it; ``options`` such as "-layout" or "-f", "2"."""
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def flat(text: str) -> str:
    """Text on one line: words broken at line ends joined, no-break spaces and soft hyphens plain."""
    text = text.replace("\u00ad", "").replace("\u00a0", " ")
    text = re.sub(r"-\n(?=[a-z])", "", text)
    return " ".join(text.split())
