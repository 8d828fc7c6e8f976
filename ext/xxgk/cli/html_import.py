"""A report page saved from a government portal (.html): its text and its tables.

Read with lxml's HTML parser, as a browser would read the file: scripts, styles, forms and
the portal's navigation are dropped; block elements become lines; ``<br>`` a line break;
each ``<table>`` becomes a ``Sheet`` (merged cells placed by their rowspan/colspan, as the
HTML table model places them), so that the official tables are found by their labels the
way a workbook's or a Word file's are (``core.sheet_tables``). Tables that are not official
tables (the 索引号 block of a portal page) are given back as text lines, where the text
importer reads the publication data from them.
"""

from __future__ import annotations

from typing import Any

from ..core.placement import place
from ..core.sheet_tables import Sheet
from .importer import Imported
from .office_limits import MAX_COLUMNS, MAX_ROWS

MAX_BYTES = 20 * 1024 * 1024  # a saved report page is a few hundred kB
_DROPPED = ("script", "style", "noscript", "template", "nav", "form", "iframe", "select", "button")
# the portal's own header and footer; an article's <header> (its title, its date) is kept
_PAGE_PARTS = ("header", "footer", "aside")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = _HEADINGS | {"p", "div", "li", "ul", "ol", "section", "article", "blockquote", "pre", "dt", "dd"}
_BLOCKS |= {"figcaption", "caption", "tr"}
MAX_POSITIONS = 100_000  # grid positions a table's cells may cover (an official table: < 1,000)
_SPAN_LIMIT = 1000  # a rowspan/colspan beyond any real table (the HTML standard caps them too)


def _span(cell: Any, name: str) -> int:
    try:
        return max(1, min(int(str(cell.get(name, "1")).strip() or 1), _SPAN_LIMIT))
    except ValueError:
        return 1


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def table_sheet(table: Any, name: str) -> Sheet | None:
    """A ``<table>`` as a sheet (None when it is larger than any official table)."""
    rows = [tr for tr in table.iter("tr") if tr.getparent() is not None and _owner(tr) is table]
    if len(rows) > MAX_ROWS:
        return None
    cells = [[c for c in tr if c.tag in ("td", "th")] for tr in rows]
    if any(sum(_span(c, "colspan") for c in row) > MAX_COLUMNS for row in cells):
        return None
    # a cell spans no further down than the table goes (as browsers place it), and the
    # positions all cells cover stay within what a table of official size can have
    spans = {
        id(c): (min(_span(c, "rowspan"), len(rows) - i), _span(c, "colspan"))
        for i, row in enumerate(cells)
        for c in row
    }
    if sum(r * c for r, c in spans.values()) > MAX_POSITIONS:
        return None
    placed = place(cells, lambda c: spans[id(c)])
    values: dict[tuple[int, int], object] = {}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for p in placed:
        text = _text(p.item)
        if text:
            values[(p.row, p.col)] = text
        if p.rowspan > 1 or p.colspan > 1:
            spans[(p.row, p.col)] = (p.rowspan, p.colspan)
    return Sheet(name, values, spans, word=True)  # type: ignore[arg-type]


def _owner(tr: Any) -> Any:
    """The table a row belongs to (not a table nested in one of its cells)."""
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def read_html(data: bytes) -> tuple[list[tuple[str, str]], list[Sheet], list[str]]:
    """The page's lines in order, each with the name of the sheet (table) it belongs to ("" for
    text outside tables), its tables as sheets, and what was left out."""
    import lxml.html

    problems: list[str] = []
    if len(data) > MAX_BYTES:
        return [], [], [f"文件超过{MAX_BYTES // 1024 // 1024} MB，不像是保存的报告网页，未导入"]
    try:
        root = lxml.html.document_fromstring(data)
    except (ValueError, lxml.etree.ParserError) as exc:
        return [], [], [f"无法读取的网页文件（{exc.__class__.__name__}）"]
    for tag in _DROPPED:
        for element in list(root.iter(tag)):
            if element.getparent() is not None:
                element.drop_tree()
    for tag in _PAGE_PARTS:
        for element in list(root.iter(tag)):
            if element.getparent() is not None and not any(
                a.tag in ("article", "main") for a in element.iterancestors()
            ):
                element.drop_tree()
    sheets: dict[Any, Sheet] = {}
    names: dict[Any, str] = {}
    tables = [t for t in root.iter("table") if _owner(t) is None]  # outermost tables only
    for number, table in enumerate(tables, start=1):
        names[table] = f"网页第{number}个表格"
        sheet = table_sheet(table, names[table])
        if sheet is None:
            problems.append(f"{names[table]}过大（超过{MAX_ROWS}行或{MAX_COLUMNS}列），未读取")
        else:
            sheets[table] = sheet
    reader = _Lines(names)
    body = root.find("body")
    reader.walk(body if body is not None else root)
    reader.flush()
    return reader.lines, list(sheets.values()), problems


class _Lines:
    """Text in document order: a new line at each block element and ``<br>``; a table row is a
    line of its cells joined by " | ", marked with its table's name."""

    def __init__(self, names: dict[Any, str]) -> None:
        self.names = names
        self.lines: list[tuple[str, str]] = []
        self.current: list[str] = []
        self.table = ""
        self.cells = 0  # depth of table cells around the element being read

    def flush(self) -> None:
        line = " ".join("".join(self.current).split())
        if line.strip(" |"):
            self.lines.append((line, self.table))
        self.current.clear()

    def walk(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        outer = self.table
        if tag == "table" and element in self.names:
            self.flush()
            self.table = self.names[element]
        in_cell = self.cells > 0  # a cell's paragraphs are one cell: the row stays one line
        if tag == "br" or (tag in _BLOCKS and not in_cell):
            self.flush()
        if tag in ("td", "th"):
            if self.current:
                self.current.append(" | ")
            self.cells += 1
        if "headerlink" in (element.get("class") or ""):  # a permalink's ¶ is not text
            return
        if element.text:
            self.current.append(element.text)
        for child in element:
            self.walk(child)
            if child.tail:
                self.current.append(child.tail)
        if tag in ("td", "th"):
            self.cells -= 1
        elif tag in _BLOCKS and not in_cell:
            self.flush()
        if tag == "table" and element in self.names:
            self.flush()
            self.table = outer


def import_html(data: bytes) -> Imported:
    """A saved portal page as a report page: its text through the text importer (title,
    publication data, portal clutter, headings), its official tables read from the HTML tables
    by their labels into the data block. Other tables are named, never dropped silently."""
    from ..core.formats import format_for_year
    from ..core.sheet_tables import read_format
    from .datablock import NoDataBlock, with_found_tables
    from .importer import META_LINE, TABLE_TEXT_KEPT, import_report

    lines, sheets, problems = read_html(data)
    # a table's rows are text only where they are the portal's publication data (索引号 …)
    text = "\n".join(line for line, table in lines if not table or META_LINE.search(line))
    result = import_report(text)
    result.unplaced += problems
    fmt = format_for_year(result.year) if result.year else None
    if fmt is None or not fmt.tables:
        return result
    result.unplaced = [item for item in result.unplaced if TABLE_TEXT_KEPT not in item]
    found = read_format(sheets, fmt)
    official = {f.sheet.name for f in found}
    for f in found:
        result.notes.append(f"识别出“{f.table.title}”（{f.sheet.name}）{f.score}个数字，已写入数据块")
        result.unplaced += list(f.problems)
        if f.blanks:
            result.unplaced.append(
                f"“{f.table.title}”有{len(f.blanks)}个单元格是空白，已记为空白（~）；如为0请填写0"
            )
    for title in (t.title for t in fmt.tables if t.id not in {f.table.id for f in found}):
        result.unplaced.append(f"网页中找不到“{title}”表（按表中的行名、列名查找）")
    portal = {t for line, t in lines if t and META_LINE.search(line)}  # the 索引号 block
    for sheet in sheets:
        if sheet.name not in official and sheet.name not in portal:
            result.unplaced.append(f"{sheet.name}不是统一格式的统计表，未导入，请对照原网页处理")
    if found and result.body:
        try:
            result.text = with_found_tables(result.text, fmt, found)
        except NoDataBlock as exc:
            result.unplaced.append(str(exc))
    return result
