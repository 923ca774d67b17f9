"""Which of MkDocs' files one language build shows (the rule itself is in languages.py)."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.structure.files import File, Files

from ..languages import DEFAULT, is_translation, translation_uri


@dataclass
class Selection:
    """What one language build shows: its files, and the Vietnamese pages with no translation."""

    files: Files
    untranslated: list[str]  # src_uris of Vietnamese pages that have no English file


def select_files(files: Files, lang: str, config) -> Selection:
    """Keep the pages of `lang`; in English, each `x.en.md` takes the place of `x.md`."""
    pages = {f.src_uri: f for f in files if f.is_documentation_page()}
    kept = Files([f for f in files if not f.is_documentation_page()])
    untranslated = []
    for uri, file in sorted(pages.items()):
        if is_translation(uri):
            continue
        if lang == DEFAULT:
            kept.append(file)
            continue
        translated = pages.get(translation_uri(uri, lang))
        if translated is not None:
            # Same src_uri as the Vietnamese page, so every link between pages still resolves.
            kept.append(File.generated(config, uri, abs_src_path=translated.abs_src_path))
        else:
            untranslated.append(uri)
    return Selection(kept, untranslated)
