"""Every text a planner reads, in English and Chinese, grouped by where it is shown.

A text is an (English, Chinese) pair in a `Catalog`; `Catalog.text(key, lang, **fields)`
is the one way to look one up, and `pick` the one place a language is chosen, so no
module outside this package decides between zh and en on its own.
"""

from __future__ import annotations

LANGS = ("zh", "en")
# the planners' own: what is shown when no language is asked for
DEFAULT_LANG = "zh"

# each language by its own name, for a choice of language
LANGUAGE_NAMES = (("中文", "zh"), ("English", "en"))

# (English, Chinese)
Pair = tuple[str, str]


def pick(pair: Pair, lang: str) -> str:
    """The text of `pair` for `lang`; anything but Chinese reads English."""
    return pair[1] if lang == "zh" else pair[0]


def known(lang: str | None) -> str:
    """`lang` when it is one of ours, else the default."""
    return lang if lang in LANGS else DEFAULT_LANG


def language_tag(lang: str) -> str:
    """The language as a document declares it (html lang, a Word file's language)."""
    return pick(("en", "zh-CN"), lang)


def other(lang: str) -> str:
    """The language that is not `lang`."""
    return "en" if lang == "zh" else "zh"


class Catalog(dict[str, Pair]):
    """Texts of one place (the UI, the command line, ...), by key."""

    def text(self, key: str, lang: str, **fields: object) -> str:
        """The text of `key` in `lang`, its fields filled in. A text that counts `n` may
        have a singular form under `key_one`, used when n is 1 ("1 snapshot")."""
        if fields.get("n") == 1 and f"{key}_one" in self:
            key = f"{key}_one"
        text = pick(self[key], lang)
        return text.format(**fields) if fields else text

    def get_text(self, key: str, lang: str, fallback: str) -> str:
        """The text of `key`, or `fallback` when the catalog has none (a code the
        catalog does not name is shown as it is)."""
        pair = self.get(key)
        return pick(pair, lang) if pair else fallback


def department_label(name_zh: str, names: dict[str, str], lang: str) -> str:
    """A department, which indicators name in Chinese, as `lang` reads it: its English
    name from `names` (Chinese name -> English name) where it has one, else the Chinese."""
    return pick((names.get(name_zh) or name_zh, name_zh), lang)


_NAME_FIELDS = (("name_zh", "name_en"), ("title_zh", "title_en"))


def name_of(obj: object, lang: str) -> str:
    """A data record's name in the chosen language (its name_* or title_* fields)."""
    # the fields' names spelt out, not built: a province's status table names 100,000
    for zh_field, en_field in _NAME_FIELDS:
        zh = getattr(obj, zh_field, None)
        if zh is not None:
            # a record with no English name yet reads in Chinese rather than as nothing
            return pick((getattr(obj, en_field) or zh, zh), lang)
    return str(obj)
