"""Every language tree has every interface word, with the same placeholders as English."""

from __future__ import annotations

import string

import pytest

from redraft.site.compare import _with_links
from redraft.site.labels import EN, LANGUAGE_IN, TRANSLATIONS, Labels

LANGUAGES = sorted(TRANSLATIONS)


def placeholders(text: str) -> set[str]:
    """The names of the ``{fields}`` in ``text``, failing on a malformed template."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_every_un_language_is_translated() -> None:
    assert set(LANGUAGES) == {"ar", "es", "fr", "ru", "zh"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_english_key_is_translated(language: str) -> None:
    words = TRANSLATIONS[language]
    missing = [key for key in EN if not words.get(key, "").strip()]
    assert missing == [], f"{language} lacks {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_key_unknown_to_english(language: str) -> None:
    extra = [key for key in TRANSLATIONS[language] if key not in EN]
    assert extra == [], f"{language} has keys English does not: {extra}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_english(language: str) -> None:
    wrong = {
        key: (placeholders(text), placeholders(EN[key]))
        for key, text in TRANSLATIONS[language].items()
        if key in EN and placeholders(text) != placeholders(EN[key])
    }
    assert wrong == {}, f"{language}: (translation, English) placeholders differ: {wrong}"


@pytest.mark.parametrize("language", [*LANGUAGES, "en"])
def test_every_word_formats_with_its_placeholders(language: str) -> None:
    """Each word fills in every placeholder it has and keeps no brace of its own."""
    labels = Labels(language)
    for key in EN:
        values = {name: f"<{name}>" for name in placeholders(EN[key])}
        text = labels.format(key, **values)
        for value in values.values():
            assert value in text, f"{language} {key}: {value} not in {text!r}"
        assert "{" not in text and "}" not in text, f"{language} {key}: {text!r}"


@pytest.mark.parametrize("language", [*LANGUAGES, "en"])
def test_compare_lead_names_old_before_new(language: str) -> None:
    lead = Labels(language)["compare_lead"]
    assert lead.count("{old}") == 1 and lead.count("{new}") == 1
    assert lead.index("{old}") < lead.index("{new}")
    sentence = _with_links(lead, "[OLD](old)", "[NEW](new)")
    assert sentence.index("[OLD](old)") < sentence.index("[NEW](new)")


@pytest.mark.parametrize("language", ["en", "es", "fr", "ru"])
def test_change_fragments_are_lower_case(language: str) -> None:
    """The compare page joins them with commas and capitalises only the first letter."""
    labels = Labels(language)
    upper = [
        key
        for key in EN
        if key.startswith("change_") and labels[key][:1] != labels[key][:1].lower()
    ]
    assert upper == [], f"{language}: {upper}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_names_fill_the_sentences(language: str) -> None:
    """``{language}`` is filled with the tree's own name for each language."""
    labels = Labels(language)
    for named in ("ar", "en", "es", "fr", "ru", "zh"):
        name = labels.language_name(named)
        assert name == LANGUAGE_IN[language][named]
        assert name in labels.format("not_compared", language=name)
