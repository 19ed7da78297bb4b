"""Which language a document is in, so that text the extractor cannot read is skipped with a reason.

The extractor's word lists (flows, periods, country names) are English.
langdetect is seeded, so the same text always gets the same answer.
"""

from __future__ import annotations

from briefing.readers.document import UnreadableSource

READ = ("en",)
_SAMPLE = 3000  # characters looked at: enough for a stable answer, cheap on long files
_MIN_LETTERS = 40  # shorter texts are not judged

NAMES = {
    "ar": "Arabic",
    "bg": "Bulgarian",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "nl": "Dutch",
    "no": "Norwegian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sv": "Swedish",
    "th": "Thai",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
    "zh": "Chinese",
    "zh-cn": "Chinese",
    "zh-tw": "Chinese",
}


def name_of(code: str) -> str:
    code = code.lower()
    return NAMES.get(code) or NAMES.get(code.split("-")[0]) or code


def detect(text: str) -> str | None:
    """The language code of a text ("en", "fr"), or None when it is too short or unclear."""
    sample = text[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return None
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return None
    return best.lang if best.prob >= 0.8 else None


def check(declared: str | None, text: str | None) -> str | None:
    """Raise ``UnreadableSource`` naming the language when it is one the extractor does not read.

    ``text``, when given, is detected (pages often declare a template's
    language, not the article's); the declared language (front matter,
    ``<html lang>``) serves when there is no text or no clear answer.
    Returns the language found, or None.
    """
    code = detect(text) if text else None
    code = code or (declared or "").strip().lower().replace("_", "-") or None
    if code and code.split("-")[0] not in READ:
        raise UnreadableSource(f"written in {name_of(code)} ({code}), a language briefing does not read")
    return code
