"""Replacing the tables of a page's data block, everything else kept (``cli.datablock``)."""

from __future__ import annotations

import pytest
from xxgk.cli.datablock import NoDataBlock, replace_tables, with_block, with_table_directives
from xxgk.core.formats import load_format

PAGE = """# 示例镇2021年度报告

```{xxgk:report}
:body: 示例镇
:year: 2021
```

````{xxgk:data}
# 填报：张三
申请:
  本年新收: {自然人: 3}   # 旧数字
  予以公开: {自然人: 3}
分类:
  主动公开信息: {机构设置: 1}
````

正文不变。
"""


def test_a_table_is_replaced_and_every_other_line_kept() -> None:
    new = replace_tables(PAGE, load_format("gb2021"), {"申请": ["申请:", "  本年新收: {自然人: 5}"]})
    assert "  本年新收: {自然人: 5}" in new and "旧数字" not in new
    assert "# 填报：张三" in new and "  主动公开信息: {机构设置: 1}" in new and "正文不变。" in new
    assert new.replace("申请:\n  本年新收: {自然人: 5}\n", "") == PAGE.replace(
        "申请:\n  本年新收: {自然人: 3}   # 旧数字\n  予以公开: {自然人: 3}\n", ""
    )


def test_a_table_the_block_lacks_is_added_at_its_end() -> None:
    new = replace_tables(PAGE, load_format("gb2021"), {"复议诉讼": ["复议诉讼:", "  行政复议: [1, 0, 0, 0]"]})
    assert new.index("  行政复议: [1, 0, 0, 0]") < new.index("````\n\n正文不变。")


def test_a_page_without_a_data_block() -> None:
    text = "# 标题\n\n```{xxgk:report}\n:body: 甲\n:year: 2021\n```\n\n正文。\n"
    with pytest.raises(NoDataBlock):
        replace_tables(text, load_format("gb2021"), {"申请": ["申请:"]})
    added = with_block(text)
    assert added.index("```{xxgk:data}") > added.index(":year: 2021") and added.endswith("正文。\n")
    assert with_block(added) == added


def test_table_directives_go_under_their_sections_once() -> None:
    text = "# 标题\n\n## 三、收到和处理政府信息公开申请情况\n\n正文。\n"
    once = with_table_directives(text, [("申请", "收到和处理政府信息公开申请情况")])
    assert "## 三、收到和处理政府信息公开申请情况\n\n```{xxgk:table} 申请\n```\n" in once
    assert with_table_directives(once, [("申请", "收到和处理政府信息公开申请情况")]) == once


def test_imported_lines_that_markup_would_swallow_stay_text() -> None:
    from xxgk.cli.importer import import_report

    text = "某镇2024年政府信息公开工作年度报告\n% 这一段以百分号开头\n```{raw} html\n---\n正常段落。\n"
    page = import_report(text).text
    assert "\\% 这一段以百分号开头" in page and "\\```{raw} html" in page and "\\---" in page
    assert "\n正常段落。\n" in page
