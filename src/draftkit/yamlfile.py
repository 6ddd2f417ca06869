r"""Reading a YAML file a user may have edited, safely and with lines for every error.

Every stage loads its user-editable YAML (answers, templates, bank files and index, format
profiles) through ``load_yaml``, which bounds the work a hostile file can cause and turns every
failure into the caller's ``DraftkitError`` subclass, naming the file and the line:

- only a regular file is read, and at most ``max_bytes`` of it (never a pipe or a device);
- the encoding is detected: UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-16 without
  one, and GB18030 (which covers GBK), as Windows editors save them; a .docx or other binary
  file is named as such;
- nesting deeper than ``MAX_DEPTH`` is refused, as is an alias that contains itself, and
  aliases may not expand the document past ``MAX_EXPANDED_NODES`` nodes (a "billion laughs");
- text holding a lone surrogate (``"\ud800"``) is refused, since it cannot be written out.

``Loaded.line(field)`` gives the line of a field such as ``entries[3].count`` for messages.
Large machine-written files (a bank) pass ``fast=True``: libyaml parses them, its own nesting
limit applies, and aliases are refused outright when the text has an anchor at all.
"""

from __future__ import annotations

import codecs
import gc
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from draftkit.errors import DraftkitError
from draftkit.files import os_reason, text_memo

MAX_DEPTH = 64
MAX_EXPANDED_NODES = 1_000_000
MAX_BYTES = 2_000_000

_CLoader: Any = getattr(yaml, "CSafeLoader", None)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_FIELD_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")
# An anchor (&name) can only start where a node may: after a space, a flow indicator or at a
# line start. Anything that might be one sends the text to the checked loader.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&\S", re.M)


@dataclass
class Loaded:
    """The data of one YAML file, with what is needed to name a field's line."""

    data: Any
    path: Path
    text: str
    encoding: str
    root: yaml.Node | None = field(default=None, repr=False)
    # When a long list was parsed item by item: its key and the first line of each item.
    items: tuple[str, list[int]] | None = field(default=None, repr=False)

    def line(self, name: str) -> int | None:
        """The line of field ``name`` (``a.b[2].c``), or of the nearest enclosing one."""
        if self.items is not None and name.startswith(self.items[0] + "["):
            return self._item_line(name)
        if self.root is None:
            try:
                self.root = _compose(self.text)
            except yaml.YAMLError:
                return None
        node: yaml.Node | None = self.root
        found = node.start_mark.line + 1 if node is not None else None
        for key, index in _FIELD_STEP.findall(name):
            node = _child(node, key, int(index) if index else None)
            if node is None:
                break
            found = node.start_mark.line + 1
        return found

    def _item_line(self, name: str) -> int | None:
        """Compose only the one item ``name`` points into, not the whole (large) file."""
        key, starts = self.items  # type: ignore[misc]
        index = int(name[len(key) + 1 : name.index("]")])
        if index >= len(starts):
            return None
        lines = self.text.split("\n")
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        item = Loaded(None, self.path, "\n".join(lines[starts[index] : end]), self.encoding)
        found = item.line("[0]" + name[name.index("]") + 1 :])
        return starts[index] + found if found is not None else starts[index] + 1


def _child(node: yaml.Node | None, key: str, index: int | None) -> yaml.Node | None:
    if index is not None and isinstance(node, yaml.SequenceNode):
        return node.value[index] if index < len(node.value) else None
    if key and isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) == key:
                return value_node
    return None


def _compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=_CLoader or yaml.SafeLoader)


# PyYAML's English problems, in the order tried, as a user reads them (the line comes apart).
_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "这里不能出现“: ”：含冒号的文字请加引号"),
    ("found unhashable key", "键不能是列表或映射：以 { 或 [ 开头的文字请加引号"),
    ("could not find expected ':'", "缺少“: ”"),
    ("simple key", "缺少“: ”"),
    ("found a tab character", "含有制表符：请改用空格缩进"),
    ("'\\t' that cannot start", "含有制表符：请改用空格缩进"),
    ("that cannot start any token", "含有不能出现在这里的字符：以 @、` 或 % 开头的文字请加引号"),
    ("expected <block end>", "缩进没有对齐"),
    ("did not find expected key", "缩进没有对齐"),
    ("did not find expected '-'", "缩进没有对齐，或列表项缺少“- ”"),
    ("expected ',' or ']'", "方括号 [ ] 没有正确结束"),
    ("expected ',' or '}'", "花括号 { } 没有正确结束"),
    ("found undefined alias", "用了没有定义的别名（*名称）"),
    ("found duplicate anchor", "锚点（&名称）重复"),
    ("found unknown escape character", "双引号里有无效的转义（\\ 后面的字符）"),
    ("end of stream", "引号或括号没有配对"),
    ("quoted scalar", "引号没有配对"),
    ("alphabetic or numeric character", "锚点或别名的名称无效"),
    ("constructor for the tag", "不支持的标签（!! 开头的写法）"),
    ("expected a single document", "一个文件只能有一个文档（删去多余的 ---）"),
)


def yaml_problem(text: str | None) -> str:
    """PyYAML's description of a syntax problem, in Chinese."""
    for english, chinese in _PROBLEMS:
        if text and english in text:
            return chinese
    return "格式错误"


class _Refused(yaml.YAMLError):
    """A bound was exceeded; carries a Chinese message and the line."""

    def __init__(self, message: str, mark: yaml.Mark | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = mark.line + 1 if mark is not None else None


class _StrictConstructor(yaml.constructor.SafeConstructor):
    def construct_yaml_str(self, node: yaml.Node) -> str:
        value = self.construct_scalar(node)
        if _SURROGATE.search(value):
            raise _Refused("文字中含有无效的 Unicode 代理字符（如 \\ud800）", node.start_mark)
        return value

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        # 2026-02-30 looks like a date but is none: keep the text for the schema to name.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


for _tag, _method in (
    ("str", _StrictConstructor.construct_yaml_str),
    ("timestamp", _StrictConstructor.construct_yaml_timestamp),
):
    _StrictConstructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _method)


class CheckedLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _StrictConstructor,
    yaml.resolver.Resolver,
):
    """The pure-Python safe loader, with bounded depth and no self-containing alias."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _StrictConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self._depth = 0
        self._open: list[str] = []

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            if event.anchor in self._open:
                raise _Refused(f"别名 *{event.anchor} 引用了包含它自身的节点", event.start_mark)
            return super().compose_node(parent, index)
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(f"嵌套超过 {MAX_DEPTH} 层", event.start_mark)
        if anchor:
            self._open.append(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1
            if anchor:
                self._open.pop()


if _CLoader is not None:
    from yaml.cyaml import CParser

    class _FastLoader(CParser, _StrictConstructor, yaml.resolver.Resolver):  # type: ignore[misc]
        """libyaml's parser with the surrogate check of the constructor above."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _StrictConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` with libyaml's parser where it is installed: for draftkit's own data.

    The pure-Python parser took a tenth of a second over the data files a draft reads; what
    libyaml gives is kept too (``files.text_memo``), so a later run reads it back.
    """
    loader = _CLoader or yaml.SafeLoader
    return text_memo("yaml", text, lambda: yaml.load(text, Loader=loader), stamp=yaml.__version__)


def safe_loader(text: str) -> Any:
    """A safe loader over ``text`` (libyaml's where installed) whose nodes carry their lines."""
    return (_CLoader or yaml.SafeLoader)(text)


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """How many nodes the document holds once every alias is expanded.

    Shared nodes count each time they are used; nothing is expanded to find out.
    """
    sizes: dict[int, int] = {}
    order: list[yaml.Node] = []
    stack = [root]
    while stack:  # post-order without recursion
        node = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if all(id(child) in sizes for child in children):
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            order.append(node)
            continue
        stack.append(node)
        stack.extend(child for child in children if id(child) not in sizes)
        if len(stack) > 10 * limit:
            return limit + 1
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return []


def read_text(
    path: Path, *, error: type[DraftkitError], max_bytes: int = MAX_BYTES
) -> tuple[str, str]:
    """The text of a regular file and the encoding it was in; every failure is ``error``."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as exc:
        raise error("文件不存在", path=path) from exc
    except OSError as exc:
        raise error(f"文件无法读取（{os_reason(exc)}）", path=path) from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise error("不是普通文件（可能是文件夹、命名管道或设备）", path=path)
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise error(f"文件无法读取（{os_reason(exc)}）", path=path) from exc
    if len(data) > max_bytes:
        raise error(f"文件过大（超过 {max_bytes:,} 字节）", path=path)
    return decode_text(data, path=path, error=error)


def decode_text(data: bytes, *, path: Path, error: type[DraftkitError]) -> tuple[str, str]:
    """Detect the encoding of a YAML text file."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise error(f"文件按 {name} 无法解码（第 {exc.start} 字节）", path=path) from exc
    if data.startswith(b"PK\x03\x04"):
        raise error(
            "这是 .docx 或其他压缩文件，不是文本文件", path=path, hint="请给出 YAML 文本文件"
        )
    if b"\x00" in data:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        name = "utf-16-be" if even > odd else "utf-16-le"
        if len(data) % 2 == 0 and max(even, odd) > len(data) // 4:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass
        raise error("不是文本文件（含有二进制数据）", path=path)
    for name in ("utf-8", "gb18030"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise error("无法识别文本编码（试过 UTF-8、UTF-16、GB18030）", path=path, hint="请另存为 UTF-8")


_ITEMS_PER_PARSE = 500


def _split_items(text: str, key: str) -> tuple[str, list[int]] | None:
    """The header (with ``key: []``) and each item's first line, or None.

    Only a machine-written file qualifies: its ``key:`` list runs to the end, every item at
    column 0; anything else is parsed whole.
    """
    lines = text.split("\n")
    try:
        at = lines.index(f"{key}:")
    except ValueError:
        return None
    starts = []
    for number in range(at + 1, len(lines)):
        line = lines[number]
        if line.startswith("- "):
            starts.append(number)
        elif line and not line.startswith(" "):
            return None  # another key or a comment after the list: parse it whole
    if not starts or starts[0] != at + 1:
        return None
    return "\n".join([*lines[:at], f"{key}: []"]), starts


def _parse_items(text: str, key: str, starts: list[int]) -> list[Any]:
    """Parse the items a few hundred at a time, so only their nodes are alive at once."""
    lines = text.split("\n")
    items: list[Any] = []
    for first in range(0, len(starts), _ITEMS_PER_PARSE):
        end = starts[first + _ITEMS_PER_PARSE] if first + _ITEMS_PER_PARSE < len(starts) else None
        chunk = "\n".join(lines[starts[first] : end])
        loader = _FastLoader(chunk)
        try:
            parsed = loader.get_single_data()
        except yaml.MarkedYAMLError as exc:  # name the line in the whole file
            refused = _Refused(f"YAML 语法错误：{yaml_problem(exc.problem or exc.context)}", None)
            mark = exc.problem_mark or exc.context_mark
            refused.line = mark.line + 1 + starts[first] if mark else None
            raise refused from None
        finally:
            loader.dispose()
        items.extend(parsed or [])
    return items


def load_yaml(
    path: Path,
    *,
    error: type[DraftkitError],
    max_bytes: int = MAX_BYTES,
    fast: bool = False,
    keep_nodes: bool = False,
    max_nodes: int = MAX_EXPANDED_NODES,
    items: str | None = None,
) -> Loaded:
    """Read and parse one YAML file within the bounds above; every failure is ``error``."""
    path = Path(path)
    text, encoding = read_text(path, error=error, max_bytes=max_bytes)
    # Without an anchor there is no alias, so libyaml (with its own nesting limit) is safe.
    quick = fast and _CLoader is not None and not keep_nodes and not _MAYBE_ANCHOR.search(text)
    split = _split_items(text, items) if quick and items else None
    try:
        loader: Any = _FastLoader(split[0] if split else text) if quick else CheckedLoader(text)
    except yaml.reader.ReaderError as exc:  # a control character the YAML reader refuses
        message = f"文件含有 YAML 不允许的控制字符 U+{exc.character:04X}"
        raise error(message, path=path, hint="删去这个字符后再试") from None
    # Parsing makes millions of objects that live until the end; the cyclic collector would
    # walk them again and again (a 100,000-entry bank loads several times faster without it).
    collecting = gc.isenabled()
    gc.disable()
    try:
        root = loader.get_single_node()
        if root is not None and not quick and _expanded_size(root, max_nodes) > max_nodes:
            raise _Refused(f"别名展开后超过 {max_nodes:,} 个节点（别名炸弹）", None)
        data = loader.construct_document(root) if root is not None else None
        if split and isinstance(data, dict):
            data[items] = _parse_items(text, items, split[1])
    except _Refused as exc:
        message = exc.message if "语法错误" in exc.message else f"YAML 被拒绝：{exc.message}"
        raise error(message, path=path, line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = yaml_problem(f"{exc.problem} {exc.context}")
        began = exc.context_mark
        if exc.problem and exc.context and began and mark and began.line != mark.line:
            problem += f"（从第 {began.line + 1} 行开始）"
        line = mark.line + 1 if mark else None
        raise error(f"YAML 语法错误：{problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise error(f"YAML 语法错误：{yaml_problem(str(exc))}", path=path) from None
    except RecursionError:
        raise error(f"YAML 嵌套过深（超过 {MAX_DEPTH} 层）", path=path) from None
    except (ValueError, TypeError, OverflowError):  # a value its tag cannot build
        message = "YAML 中有无法解析的值（日期、数字或 !! 标签的写法不对）"
        raise error(message, path=path) from None
    except MemoryError:
        raise error("文件太大，内存不足以读取", path=path) from None
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
    found = Loaded(data, path, text, encoding, root if keep_nodes else None)
    found.items = (items, split[1]) if split and items else None
    return found
