"""Glossary helpers: language-aware alphabetical order."""

from __future__ import annotations

# German dictionary order (DIN 5007-1): umlauts sort with their base letter, ß as ss.
_GERMAN_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def sort_key(text: str, lang: str) -> tuple[str, str]:
    """A key that orders headwords as a reader of `lang` expects."""
    folded = text.casefold()
    if lang == "de":
        folded = folded.translate(_GERMAN_FOLD)
    return (folded, text)


def sorted_terms(glossary: dict, translator) -> list[tuple[str, object, str]]:
    """(id, term, headword in the translator's language), alphabetical in that language."""
    entries = [(term_id, term, translator.gettext(term.term)) for term_id, term in glossary.items()]
    return sorted(entries, key=lambda entry: sort_key(entry[2], translator.lang))
