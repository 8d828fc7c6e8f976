"""A report's resolved doctree → a Word (.docx) 公文 on python-docx.

The same doctree the HTML and PDF builders write (figures in prose and tables already
computed), laid out as the PDF is: GB/T 9704 page (A4; margins 37/35/28/26 mm; a 28 × 22
grid), 仿宋 三号 body at a fixed 22-line pitch, the title in 小标宋 二号 broken after the
issuing body, "一、" headings in 黑体, "（一）" in 楷体, "1." in bold 仿宋, the official tables
as Word tables with merged cells (header rows repeated on every page, cells centred
vertically), the 落款 right-aligned, page numbers "— 1 —" in 宋体 四号 on the outer side.
Web-only parts (navigation, downloads) are left out; a chart, which Word cannot draw from
the page's data, is replaced by a line saying where to see it.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from sphinx import addnodes

from ..core.placement import place

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEI = "黑体"
KAI = "楷体_GB2312"
SONG = "宋体"
LATIN = "Times New Roman"  # digits and Latin letters in a serif that sits with 仿宋
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
TABLE_SIZE = Pt(10.5)  # 五号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
PITCH = Pt(28.95)  # 225 mm / 22 lines
SKIP_CLASSES = {"xxgk-nav", "xxgk-sr", "headerlink"}
# paragraph styles, so that Word shows the structure and ``xxgk import`` can tell the body
# (Normal and the headings) from what the page does not write as prose
TITLE_STYLE, NOTE_STYLE, SIGNATURE_STYLE = "公文标题", "说明", "落款"
HEADING_STYLES = {2: "一级标题", 3: "二级标题", 4: "三级标题"}
NOT_PROSE_STYLES = frozenset({TITLE_STYLE, NOTE_STYLE, SIGNATURE_STYLE})
_HEADING_FONTS = {2: (HEI, False), 3: (KAI, False), 4: (BODY_FONT, True)}


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """Text a Word file can hold (no control characters, noncharacters or lone surrogates;
    report pages that hold them are refused before they get here)."""
    return _NOT_XML.sub("", text)


def _fonts(run_or_style: Any, east_asia: str, size: Pt | None = None, bold: bool | None = None) -> None:
    font = run_or_style.font
    font.name = LATIN
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)


def _exact_pitch(paragraph: Paragraph, pitch: Pt = PITCH) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = pitch
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _page_number_field(paragraph: Paragraph) -> None:
    """ "— 1 —": the page number as a Word field between two dashes."""
    for text in ("— ",):
        run = paragraph.add_run(text)
        _fonts(run, SONG, PAGE_NUMBER_SIZE)
    run = paragraph.add_run()
    _fonts(run, SONG, PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    run = paragraph.add_run(" —")
    _fonts(run, SONG, PAGE_NUMBER_SIZE)


def new_document() -> Any:
    """An empty 公文: page, margins, grid, styles and page numbers."""
    doc = Document()
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(23)  # the page number sits about 7 mm below the text block
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")  # 22 lines a page
    grid.set(qn("w:linePitch"), str(int(PITCH.pt * 20)))
    normal = doc.styles["Normal"]
    _fonts(normal, BODY_FONT, BODY_SIZE)
    # 28 characters a line: 156 mm / 28 = 15.75 pt a character, 三号 is 16 pt (a character
    # grid would do it in Word, but other programs read it differently)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), "-5")  # twentieths of a point
    normal.element.get_or_add_rPr().append(spacing)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = PITCH
    normal.paragraph_format.space_after = Pt(0)
    for name in (TITLE_STYLE, NOTE_STYLE, SIGNATURE_STYLE, *HEADING_STYLES.values()):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
    for level, name in enumerate(HEADING_STYLES.values()):
        outline = OxmlElement("w:outlineLvl")  # Word's navigation pane lists the headings
        outline.set(qn("w:val"), str(level))
        doc.styles[name].element.get_or_add_pPr().append(outline)
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        para = footer.paragraphs[0]
        para.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            para.paragraph_format.right_indent = Pt(14)  # one character from the edge
        else:
            para.paragraph_format.left_indent = Pt(14)
        _page_number_field(para)
    return doc


def _mark_header_row(row: Any) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)
    cant = OxmlElement("w:cantSplit")
    props.append(cant)


class DocxTranslator(nodes.SparseNodeVisitor):
    """Writes the body of one report into ``doc`` (paragraphs, headings, tables)."""

    def __init__(self, document: nodes.document, doc: Any, body: str = "") -> None:
        super().__init__(document)
        self.doc = doc
        self.body = body  # the issuing body: the title breaks after it
        self.paragraph: Paragraph | None = None
        self.bold = 0
        self.italic = 0
        self.kai = 0  # inside a run-in "（一）…。" heading: 楷体
        self.section_level = 0
        self.list_stack: list[list[int | None]] = []
        self.title_done = False
        self.style: str | None = None  # the style of new paragraphs (None: Normal)

    # -- helpers -----------------------------------------------------------------

    def _new_paragraph(self, indent: bool = True, style: str | None = None) -> Paragraph:
        para = self.doc.add_paragraph(style=style or self.style)
        _exact_pitch(para)
        if indent:
            para.paragraph_format.first_line_indent = Pt(32)  # two characters
        self.paragraph = para
        return para

    def _add_text(self, text: str) -> None:
        if not text:
            return
        if self.paragraph is None:
            self._new_paragraph()
        assert self.paragraph is not None
        run = self.paragraph.add_run(xml_text(text))
        if self.kai:
            _fonts(run, KAI)
        if self.bold:
            run.bold = True
        if self.italic:
            run.italic = True

    def _skip(self, node: nodes.Element) -> bool:
        return bool(SKIP_CLASSES & set(node.get("classes", [])))

    # -- structure -----------------------------------------------------------------

    def visit_section(self, node: nodes.section) -> None:
        self.section_level += 1

    def depart_section(self, node: nodes.section) -> None:
        self.section_level -= 1

    def visit_title(self, node: nodes.title) -> None:
        if isinstance(node.parent, nodes.table):
            raise nodes.SkipNode
        if not isinstance(node.parent, nodes.section):
            para = self._new_paragraph(indent=False)
            run = para.add_run(node.astext())
            run.bold = True
            self.paragraph = None
            raise nodes.SkipNode
        text = xml_text(node.astext())
        if self.section_level <= 1 and not self.title_done:
            self.title_done = True
            para = self.doc.add_paragraph(style=TITLE_STYLE)
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _exact_pitch(para, Pt(35))
            para.paragraph_format.space_after = PITCH  # one blank line below the title
            head, rest = (
                (self.body, text[len(self.body) :])
                if self.body and text.startswith(self.body)
                else ("", text)
            )
            if head and rest:
                run = para.add_run(head)
                _fonts(run, TITLE_FONT, TITLE_SIZE)
                run.add_break(WD_BREAK.LINE)
            run = para.add_run(rest or text)
            _fonts(run, TITLE_FONT, TITLE_SIZE)
            self.paragraph = None
            raise nodes.SkipNode
        level = min(self.section_level, 4)
        font, bold = _HEADING_FONTS.get(level, (BODY_FONT, True))
        para = self._new_paragraph(style=HEADING_STYLES.get(level, HEADING_STYLES[4]))
        run = para.add_run(text)
        _fonts(run, font, BODY_SIZE, bold)
        para.paragraph_format.keep_with_next = True
        self.paragraph = None
        raise nodes.SkipNode

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        if self._skip(node):
            raise nodes.SkipNode
        classes = set(node.get("classes", []))
        if "xxgk-signature" in classes:
            self._signature(node)
            raise nodes.SkipNode
        if "xxgk-note" in classes:
            self._new_paragraph(style=NOTE_STYLE)
            return
        if isinstance(node.parent, nodes.list_item) and node.parent.index(node) == 0 and self.list_stack:
            self._new_paragraph()
            self._add_text(self._list_marker())
            return
        self._new_paragraph()

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        self.paragraph = None

    def _signature(self, node: nodes.paragraph) -> None:
        """落款: the issuing body and the date, each on its own line, right-aligned two
        characters from the edge, two lines below the text."""
        lines = [child.astext() for child in node.findall(nodes.inline) if child.astext()]
        if self.doc.paragraphs and lines:  # never a 落款 alone on its page (GB/T 9704 7.3.5)
            self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        for i, line in enumerate(lines):
            para = self.doc.add_paragraph(style=SIGNATURE_STYLE)
            _exact_pitch(para)
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            para.paragraph_format.right_indent = Pt(32)
            if i == 0:
                para.paragraph_format.space_before = PITCH * 2
            para.paragraph_format.keep_with_next = i < len(lines) - 1
            para.add_run(xml_text(line))
        self.paragraph = None

    def _list_marker(self) -> str:
        counters = self.list_stack[-1]
        if counters[0] is None:
            return "• "
        counters[0] += 1
        return f"{counters[0]}. "

    def visit_bullet_list(self, node: nodes.bullet_list) -> None:
        self.list_stack.append([None])

    def depart_bullet_list(self, node: nodes.bullet_list) -> None:
        self.list_stack.pop()

    def visit_enumerated_list(self, node: nodes.enumerated_list) -> None:
        self.list_stack.append([int(node.get("start", 1)) - 1])

    def depart_enumerated_list(self, node: nodes.enumerated_list) -> None:
        self.list_stack.pop()

    def visit_Text(self, node: nodes.Text) -> None:
        self._add_text(node.astext().replace("\n", ""))

    def visit_strong(self, node: nodes.strong) -> None:
        self.bold += 1

    def depart_strong(self, node: nodes.strong) -> None:
        self.bold -= 1

    def visit_emphasis(self, node: nodes.emphasis) -> None:
        self.italic += 1

    def depart_emphasis(self, node: nodes.emphasis) -> None:
        self.italic -= 1

    def visit_inline(self, node: nodes.inline) -> None:
        if self._skip(node):
            raise nodes.SkipNode
        self.kai += "xxgk-kai" in node.get("classes", [])

    def depart_inline(self, node: nodes.inline) -> None:
        self.kai -= "xxgk-kai" in node.get("classes", [])

    def visit_raw(self, node: nodes.raw) -> None:
        if node.get("format") == "html" and "<svg" in node.astext():
            title = re.search(r"<title>(.*?)</title>", node.astext(), re.S)
            para = self._new_paragraph()
            para.add_run(f"（图：{title.group(1) if title else '趋势图'}，见网页版或PDF版）")
            self.paragraph = None
        raise nodes.SkipNode

    def visit_comment(self, node: nodes.comment) -> None:
        raise nodes.SkipNode

    def visit_system_message(self, node: nodes.system_message) -> None:
        raise nodes.SkipNode

    def visit_only(self, node: addnodes.only) -> None:  # left by builders that do not filter
        raise nodes.SkipNode

    def visit_tabular_col_spec(self, node: nodes.Element) -> None:
        raise nodes.SkipNode

    def visit_image(self, node: nodes.image) -> None:
        raise nodes.SkipNode

    def visit_footnote(self, node: nodes.footnote) -> None:
        para = self._new_paragraph()
        para.add_run("注：")
        self.paragraph = None

    def visit_label(self, node: nodes.label) -> None:
        raise nodes.SkipNode

    def visit_admonition(self, node: nodes.Element) -> None:
        self.style = NOTE_STYLE
        para = self._new_paragraph()
        run = para.add_run("说明：")
        run.bold = True
        self.paragraph = None

    def depart_admonition(self, node: nodes.Element) -> None:
        self.style = None

    visit_note = visit_tip = visit_important = visit_hint = visit_warning = visit_attention = visit_admonition
    visit_caution = visit_danger = visit_error = visit_admonition
    depart_note = depart_tip = depart_important = depart_hint = depart_warning = depart_admonition
    depart_attention = depart_caution = depart_danger = depart_error = depart_admonition

    # -- tables --------------------------------------------------------------------

    def visit_table(self, node: nodes.table) -> None:
        # this table's own parts only (a table in a cell is that cell's text)
        groups = [child for child in node.children if isinstance(child, nodes.tgroup)]
        if not groups:
            raise nodes.SkipNode
        group = groups[0]
        widths = [int(c.get("colwidth", 1)) for c in group.children if isinstance(c, nodes.colspec)]
        head = [
            r
            for p in group.children
            if isinstance(p, nodes.thead)
            for r in p.children
            if isinstance(r, nodes.row)
        ]
        body = [
            r
            for p in group.children
            if isinstance(p, nodes.tbody)
            for r in p.children
            if isinstance(r, nodes.row)
        ]
        rows = [
            [e for e in row.children if isinstance(e, nodes.entry)]
            for row in [*head, *body]
            if isinstance(row, nodes.row)
        ]
        placed = place(rows, lambda e: (int(e.get("morerows", 0)) + 1, int(e.get("morecols", 0)) + 1))
        nrows = len(rows)
        ncols = max((p.col + p.colspan for p in placed), default=len(widths))
        table = self.doc.add_table(rows=nrows, cols=ncols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _cell_margins(table, Mm(1))
        _table_width(table, _column_widths(placed, widths, ncols))
        for i in range(len(head)):
            _mark_header_row(table.rows[i])
        for p in placed:
            cell = table.cell(p.row, p.col)
            if p.rowspan > 1 or p.colspan > 1:
                cell = cell.merge(table.cell(p.row + p.rowspan - 1, p.col + p.colspan - 1))
            _fill_cell(cell, p.item, header=p.row < len(head))
        self.doc.add_paragraph()  # Word needs a paragraph between two tables
        self.paragraph = None
        raise nodes.SkipNode

    def unknown_visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Element) and self._skip(node):
            raise nodes.SkipNode


TEXT_WIDTH = Mm(156)


def _column_widths(placed: list[Any], widths: list[int], ncols: int) -> list[int]:
    """Widths in EMU: a figure column as wide as its longest figure (五号 digits, with the cell's
    margins), at least 9 mm; the label columns share the rest as the layout proportions them."""
    if len(widths) != ncols:
        widths = [1] * ncols
    figures: dict[int, int] = {}
    for p in placed:
        if p.colspan == 1 and "xxgk-num" in p.item.get("classes", []):
            figures[p.col] = max(figures.get(p.col, 0), len(p.item.astext().strip()))
    out = [0] * ncols
    for col, digits in figures.items():
        out[col] = max(int(Mm(9)), int(Pt(6) * digits + Mm(2.5)))
    rest = int(TEXT_WIDTH) - sum(out)
    labels = [c for c in range(ncols) if c not in figures]
    share = sum(widths[c] for c in labels) or 1
    for c in labels:
        out[c] = int(rest * widths[c] / share)
    if not labels or rest < int(Mm(20)):  # a table of figures only: as the layout proportions it
        total = sum(widths) or ncols
        out = [int(int(TEXT_WIDTH) * w / total) for w in widths]
    return out


def _table_width(table: DocxTable, widths: list[int]) -> None:
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _cell_margins(table: DocxTable, margin: Any) -> None:
    props = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        node = OxmlElement(f"w:{side}")
        node.set(qn("w:w"), str(int(margin.pt * 20)))
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    props.append(margins)


def _fill_cell(cell: Any, entry: nodes.entry, header: bool) -> None:
    classes = set(entry.get("classes", []))
    text = "".join(t.astext() for t in entry.findall(nodes.Text) if not isinstance(t.parent, nodes.raw))
    number = "xxgk-num" in classes
    para = cell.paragraphs[0]
    para.paragraph_format.first_line_indent = Pt(0)
    _exact_pitch(para, Pt(15))
    para.paragraph_format.space_before = Pt(2.5)  # room between the text and the rules
    para.paragraph_format.space_after = Pt(2.5)
    snap = OxmlElement("w:snapToGrid")  # single-spaced 五号, not the page's 22-line pitch
    snap.set(qn("w:val"), "0")
    para._p.get_or_add_pPr().append(snap)
    para.alignment = (
        WD_ALIGN_PARAGRAPH.RIGHT
        if number
        else WD_ALIGN_PARAGRAPH.CENTER
        if header or ("xxgk-th" in classes and "xxgk-rowhead" not in classes)
        else WD_ALIGN_PARAGRAPH.LEFT
    )
    run = para.add_run(xml_text(text.strip()))
    _fonts(run, HEI if header and not number else BODY_FONT, TABLE_SIZE)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if "xxgk-computed" in classes:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), "F2F2F2")
        cell._tc.get_or_add_tcPr().append(shading)


def write_report(document: nodes.document, body: str, title: str = "") -> Any:
    """The .docx of one report's resolved doctree."""
    doc = new_document()
    doc.core_properties.title = title
    doc.core_properties.author = body
    document.walkabout(DocxTranslator(document, doc, body))
    return doc
