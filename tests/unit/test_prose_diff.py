"""Which paragraphs of a signed-off Word draft differ from the page (``core.prose_diff``)."""

from __future__ import annotations

from xxgk.core.page_checks import ROLE_MARK, Paragraph
from xxgk.core.prose_diff import compare

PAGE = [
    Paragraph(f"全年共收到申请{ROLE_MARK}件，较上年{ROLE_MARK}。", 10),
    Paragraph("坚持“先审查、后公开”原则。", 12),
    Paragraph("存在的问题是解读质量不高。", 14),
]


def test_figures_in_place_of_roles_are_not_changes() -> None:
    draft = [
        "全年共收到申请3119件，较上年增加12件。",
        "坚持“先审查、后公开”原则。",
        "存在的问题是解读质量不高。",
    ]
    assert compare(PAGE, draft) == []


def test_spaces_and_line_breaks_word_adds_are_not_changes() -> None:
    draft = [
        "全年共收到申请 3119 件，较上年增加12件。",
        "坚持“先审查、\n后公开”原则。",
        "存在的问题是解读质量不高。",
    ]
    assert compare(PAGE, draft) == []


def test_an_edit_is_listed_with_the_page_line_it_belongs_to() -> None:
    draft = [
        "全年共收到申请3119件，较上年增加12件。",
        "坚持“先审查、后公开”原则，规范审查程序。",
        "存在的问题是解读质量不高。",
    ]
    (change,) = compare(PAGE, draft)
    assert (change.kind, change.line, change.new) == (
        "changed",
        12,
        "坚持“先审查、后公开”原则，规范审查程序。",
    )


def test_an_edit_of_a_sentence_with_figures_is_an_edit_not_a_new_paragraph() -> None:
    draft = ["全年共收到申请3119件，较上年增加12件，均按时答复。", *[p.text for p in PAGE[1:]]]
    (change,) = compare(PAGE, draft)
    assert change.kind == "changed" and change.line == 10


def test_new_and_deleted_paragraphs() -> None:
    draft = ["全年共收到申请3119件，较上年增加12件。", "本年度还开展了专题培训，覆盖全市各部门。"]
    changes = compare(PAGE, draft)
    assert [(c.kind, c.line) for c in changes] == [("added", 10), ("removed", 12), ("removed", 14)]


def test_paragraphs_moved_around_still_match() -> None:
    draft = [
        "存在的问题是解读质量不高。",
        "全年共收到申请3119件，较上年增加12件。",
        "坚持“先审查、后公开”原则。",
    ]
    assert compare(PAGE, draft) == []
