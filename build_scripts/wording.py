"""Interface wording in both languages, in one place: what listings, pages, feeds, share
cards and share links say. Each table maps a key to its Vietnamese and English text; `{name}`
parts are filled by the caller (str.format)."""

from __future__ import annotations

#: Listings, archive, reference and document pages (pages.py, reference_pages.py, views.py).
PAGE = {
    "documents": {"vi": "Văn bản", "en": "Documents"},
    "page": {"vi": "Trang", "en": "Page"},
    "documents_from_oldest": {
        "vi": "Văn bản thứ {first}–{last}, tính từ văn bản cũ nhất",
        "en": "Documents {first}–{last}, counted from the oldest",
    },
    "newer": {"vi": "← Mới hơn", "en": "← Newer"},
    "older": {"vi": "Cũ hơn →", "en": "Older →"},
    "none": {"vi": "Chưa có văn bản nào.", "en": "No documents yet."},
    "latest": {"vi": "Văn bản mới nhất", "en": "Latest documents"},
    "all": {"vi": "Tất cả văn bản theo năm", "en": "All documents by year"},
    "by_year": {"vi": "Theo năm", "en": "By year"},
    "by_issuer": {"vi": "Theo cơ quan ban hành", "en": "By issuing body"},
    "undated": {"vi": "Không rõ năm", "en": "Undated"},
    "year_legend": {
        "vi": "Mỗi dòng: năm ban hành, số văn bản của năm đó; văn bản không rõ năm ở cuối.",
        "en": "Each line: a year of issue and how many documents it has; undated ones last.",
    },
    "issuer_legend": {
        "vi": "Mỗi dòng: cơ quan ban hành, số văn bản của cơ quan đó.",
        "en": "Each line: an issuing body and how many documents it has issued.",
    },
    "list_legend": {
        "vi": "Mỗi văn bản: trích yếu (liên kết đến toàn văn), rồi loại văn bản, số ký hiệu, "
        "ngày ban hành và cơ quan ban hành; mới nhất ở trên.",
        "en": "Each document: its title (a link to the full text), then its type, number, date "
        "of issue and issuing body; newest first.",
    },
    "references": {"vi": "Văn bản được dẫn chiếu", "en": "Cited documents"},
    "references_intro": {
        "vi": "Mọi văn bản được các văn bản trên cổng dẫn chiếu, kể cả văn bản chưa có toàn văn "
        "trên cổng, cùng số văn bản dẫn chiếu đến từng văn bản.",
        "en": "Every document cited by the directives on this portal, whether or not its own "
        "text is here, with the number of directives citing it.",
    },
    "cited_by": {"vi": "Các văn bản dẫn chiếu", "en": "Cited by"},
    "described_as": {"vi": "Theo các văn bản dẫn chiếu", "en": "As the citing texts describe it"},
    "full_text": {"vi": "Toàn văn trên cổng", "en": "Full text on this portal"},
    "implements": {"vi": "Thực hiện", "en": "Implements"},
    "province": {"vi": "Tỉnh, thành phố của cơ quan ban hành", "en": "Issuer's province"},
    "by_province": {"vi": "Theo tỉnh, thành phố", "en": "By province"},
    "central": {"vi": "Trung ương", "en": "Central bodies"},
    "unknown_province": {"vi": "Chưa rõ tỉnh", "en": "Province not known"},
    "candidates": {
        "vi": "Văn bản dẫn chiếu không nói rõ cơ quan ban hành; các văn bản trên cổng có thể là "
        "văn bản này:",
        "en": "The citing text does not say which body issued it; documents of the portal it "
        "may be:",
    },
    "same_number": {"vi": "Các văn bản mang số {n}", "en": "Documents numbered {n}"},
    "not_here": {
        "vi": "Toàn văn văn bản này chưa có trên cổng.",
        "en": "The full text of this document is not on the portal.",
    },
    "count": {"vi": "{n} văn bản", "en": "{n} documents"},
    "count_one": {"vi": "1 văn bản", "en": "1 document"},
    "untranslated_title": {"vi": "Chỉ có tiếng Việt", "en": "Vietnamese only"},
    "untranslated": {
        "vi": "Văn bản này chưa có bản tiếng Anh.",
        "en": "The official text of this directive is in Vietnamese. No English translation "
        "exists yet; the Vietnamese text follows.",
    },
}

#: Feeds (feeds.py); the untranslated notice is the page's own.
FEED = {
    "feed_title": {"vi": "{site}", "en": "{site}"},
    "topic_title": {"vi": "{site}: {topic}", "en": "{site}: {topic}"},
    "topic_description": {
        "vi": "Văn bản mới về {topic}, toàn văn.",
        "en": "New directives on {topic}, in full.",
    },
    # The same notice as the directive's English page says.
    "vi_only_title": PAGE["untranslated_title"],
    "vi_only": PAGE["untranslated"],
    "outdated_title": {"vi": "", "en": "Translation may be out of date"},
    "outdated": {
        "vi": "",
        "en": "The Vietnamese text has changed since this translation was made. "
        "The Vietnamese text is authoritative.",
    },
}

#: Share images (share_images.py).
CARD = {
    "topic": {"vi": "Chủ đề", "en": "Topic"},
    "untranslated": {
        "vi": "",
        "en": "In Vietnamese: no English translation yet",
    },
}

#: A directive's tasks and deadlines, the pages of the bodies they are assigned to, and the
#: calendars (task_views.py).
TASKS = {
    "heading": {"vi": "Nhiệm vụ và thời hạn", "en": "Tasks and deadlines"},
    "who": {"vi": "Cơ quan", "en": "Body"},
    "what": {"vi": "Nhiệm vụ", "en": "Task"},
    "when": {"vi": "Thời hạn", "en": "Deadline"},
    "lead": {"vi": "chủ trì", "en": "lead"},
    "support": {"vi": "phối hợp", "en": "with"},
    "none": {"vi": "không ghi", "en": "not stated"},
    "source": {"vi": "câu gốc", "en": "the sentence, in the Vietnamese text"},
    "bodies": {"vi": "Cơ quan được giao nhiệm vụ", "en": "Bodies assigned tasks"},
    "no_bodies": {
        "vi": "Chưa văn bản nào trên cổng giao nhiệm vụ cho cơ quan nào.",
        "en": "No directive on the portal assigns tasks yet.",
    },
    "upcoming": {"vi": "Sắp đến hạn", "en": "Upcoming"},
    "recurring": {"vi": "Định kỳ", "en": "Recurring"},
    "past": {"vi": "Đã qua hạn", "en": "Past deadlines"},
    "undated": {"vi": "Không ghi thời hạn cụ thể", "en": "No fixed deadline"},
    "from": {"vi": "Theo", "en": "From"},
    "calendar": {"vi": "Lịch (iCalendar)", "en": "Calendar (iCalendar)"},
}


#: Feed and share links in a page's head (opengraph.py).
LINK = {
    "rss": {"vi": "{title} (RSS)", "en": "{title} (RSS)"},
    "atom": {"vi": "{title} (Atom)", "en": "{title} (Atom)"},
}


def say(table: dict[str, dict[str, str]], key: str, lang: str, **values) -> str:
    """The text of `key` in `lang`, its `{name}` parts filled from `values`."""
    return table[key][lang].format(**values)
