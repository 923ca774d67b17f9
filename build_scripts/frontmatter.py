"""Read the YAML front matter of a Markdown document, keeping the line of every key."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import yaml

from .caches import Memo, code_version

FENCE = re.compile(r"^---[ \t]*$")
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
#: Front matter is a few keys; anything larger is a mistake or an attack on the build's memory.
MAX_BYTES = 64 * 1024


class FrontMatterError(ValueError):
    """The front matter cannot be read; `line` is 1-based in the whole file."""

    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


@dataclass
class Document:
    """A Markdown file split into its metadata and its body."""

    meta: dict
    body: str
    body_line: int  # 1-based line where the body starts
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        """The line of a front-matter key, or of the opening fence when the key is absent."""
        return self.key_lines.get(key, 1)


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (PyYAML silently keeps the last one)."""


# libyaml parses front matter some thirty times faster than pure-Python PyYAML: at 2,000
# documents, reading the catalog went from 80 s to 3 s (`make bench`). Its error texts differ
# from PyYAML's, which our messages quote, so a text it rejects is read again by PyYAML.
_CLoader = getattr(yaml, "CSafeLoader", None)


class _FastUniqueKeyLoader(_CLoader or yaml.SafeLoader):  # type: ignore[misc]
    """The same loader on libyaml's parser when PyYAML was built with it."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"khóa '{key}' bị lặp [duplicate key '{key}']", key_node.start_mark
            )
        seen[key] = True
    return loader.construct_mapping(node, deep=deep)


for _loader in (_UniqueKeyLoader, _FastUniqueKeyLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _load(yaml_text: str, loader_class: type) -> tuple[yaml.Node | None, object]:
    """The node tree (for key lines) and the data, from one parse."""
    loader = loader_class(yaml_text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_aliases(node)
        return node, (loader.construct_document(node) if node is not None else {})
    finally:
        loader.dispose()


def parse(text: str, cache: Memo | None = None) -> Document:
    """Split `text` into front matter and body; a file without front matter has empty meta.
    With a `cache`, a front matter parsed in an earlier build is not parsed again."""
    lines = text.split("\n")
    if not lines or not FENCE.match(lines[0]):
        return Document({}, text, 1)
    end = next((i for i in range(1, len(lines)) if FENCE.match(lines[i])), None)
    if end is None:
        raise FrontMatterError(1, "front matter mở bằng '---' nhưng không có dòng '---' đóng lại")
    yaml_text = "\n".join(lines[1:end])
    size = len(yaml_text.encode("utf-8"))
    if size > MAX_BYTES:
        raise FrontMatterError(
            1,
            f"front matter dài {size} byte, quá giới hạn {MAX_BYTES // 1024} KiB "
            f"[front matter larger than {MAX_BYTES // 1024} KiB]",
        )
    key = f"{_parser_version()}\n{yaml_text}"  # a change to the parsing here is a new entry
    found = cache.get(key) if cache is not None else None
    if found is None:
        found = _parse_yaml(yaml_text)
        if cache is not None:
            cache.put(key, found)
    meta, key_lines = found
    body = "\n".join(lines[end + 1 :])
    return Document(meta, body, end + 2, key_lines)


@functools.cache
def _parser_version() -> str:
    return f"{code_version(__name__)} PyYAML {yaml.__version__}"


def _parse_yaml(yaml_text: str) -> tuple[dict, dict[str, int]]:
    """The data of a front matter and the line of each top-level key (1-based, in the file)."""
    try:
        try:
            node, meta = _load(yaml_text, _FastUniqueKeyLoader)
        except FrontMatterError:
            raise  # ours, with its line: not a text libyaml and PyYAML might read differently
        except (yaml.YAMLError, ValueError):
            node, meta = _load(yaml_text, _UniqueKeyLoader)
    except FrontMatterError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 2) if mark else 1
        raise FrontMatterError(line, f"YAML sai: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(1, f"YAML sai: {exc}") from None
    except ValueError:
        # PyYAML reads 2025-13-01 as a date and fails with a bare ValueError, no line.
        raise _impossible_date(yaml.compose(yaml_text, Loader=_UniqueKeyLoader)) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(2, "front matter phải là các cặp 'khóa: giá trị'")
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
            if isinstance(value_node, yaml.SequenceNode):  # "tasks[3]": a list item's line
                for i, item in enumerate(value_node.value, 1):
                    key_lines[f"{key_node.value}[{i}]"] = item.start_mark.line + 2
    return meta, key_lines


def _refuse_aliases(root: yaml.Node) -> None:
    """An alias (`*x`) makes one node appear many times: ten nested aliases of ten make a
    title of ten billion words from a few lines (an "alias bomb"). Nothing in a front matter
    needs them, so a node met twice is refused, before anything is constructed."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise FrontMatterError(
                node.start_mark.line + 2,
                "front matter không được dùng neo và bí danh YAML ('&tên', '*tên') "
                "[YAML anchors and aliases are not allowed in front matter]",
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _impossible_date(node: yaml.Node) -> FrontMatterError:
    """The error for the first date-like scalar under `node` that is not a real date."""
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.ScalarNode) and current.tag == TIMESTAMP_TAG:
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(current)
            except ValueError:
                return FrontMatterError(
                    current.start_mark.line + 2,
                    f"ngày '{current.value}' không có thật: viết dạng YYYY-MM-DD, "
                    "ví dụ 2023-02-20 [invalid date]",
                )
        elif isinstance(current, yaml.MappingNode):
            stack.extend(value for _, value in current.value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return FrontMatterError(1, "YAML sai: giá trị không hợp lệ [invalid value]")


class _NoAliasDumper(yaml.SafeDumper):
    """A value met twice (two tasks sharing one list of bodies) is written out twice: `parse`
    refuses aliases, so `dump` must never write one."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(meta: dict, body: str) -> str:
    """Write front matter and body back as one Markdown text, keys in the given order."""
    head = yaml.dump(meta, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{head}---\n\n{body.lstrip(chr(10))}"
