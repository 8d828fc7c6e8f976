"""Warning subtypes: ``xxgk.<subtype>``, for ``suppress_warnings`` and ``-W``.

Each subtype has a Chinese description (for the warnings catalogue). The
emitting helper lives in the Sphinx layer (``sphinx_log``); this module is pure.
"""

from __future__ import annotations

from enum import StrEnum


class Subtype(StrEnum):
    """Every ``xxgk.<subtype>`` the extension emits."""

    yaml = "yaml"
    key = "key"
    value = "value"
    duplicate = "duplicate"
    sum = "sum"
    balance = "balance"
    bound = "bound"
    report = "report"
    format = "format"
    ref = "ref"
    missing = "missing"
    carry = "carry"
    stock = "stock"
    prose = "prose"
    shares = "shares"
    year = "year"
    copy = "copy"
    fitness = "fitness"
    late = "late"
    blank = "blank"

    @property
    def description(self) -> str:
        return DESCRIPTIONS[self]


DESCRIPTIONS: dict[Subtype, str] = {
    Subtype.yaml: "数据块的写法有误（缩进、冒号、列表等），无法读取",
    Subtype.key: "表名、行名或列名不存在（会提示最接近的名称）",
    Subtype.value: "数值不合要求：负数、小数件数、中文数字、带单位等",
    Subtype.duplicate: "同一个数字填写了两次",
    Subtype.sum: "填写的合计/总计与各项相加不符（B-2、B-3、C-1、分类合计）",
    Subtype.balance: "违反申请情况表的勾稽关系 B-1：第一项加第二项之和等于第三项加第四项之和",
    Subtype.bound: "主动公开表中数量关系不合理（A-1、A-2，2019年格式）",
    Subtype.report: "缺少或重复 xxgk:report，或其中的机构、年度、日期有误",
    Subtype.format: "报告格式未知，或与报告年度不符",
    Subtype.ref: "正文中引用的数字不存在或无法计算",
    Subtype.missing: "要显示的表格没有数据",
    Subtype.carry: "上年结转与上一年度报告的结转下年度不一致（X-1）",
    Subtype.stock: "现行有效件数、上一年项目数量与上一年度报告不衔接（X-2、X-3）",
    Subtype.prose: "正文中手写的数字或占比与数据不符",
    Subtype.shares: "正文列出的各项占比相加明显不等于100%",
    Subtype.year: "正文、标题或统计期限中的年份与报告年度不符（如沿用往年文字）",
    Subtype.copy: "正文与上一年度报告大段重复（超过阈值，默认50%）",
    Subtype.fitness: "缺少规定的部分（一至六）或统一表格，或顺序不对",
    Subtype.late: "发布日期晚于法定期限，或早于统计期结束",
    Subtype.blank: "表格中有留空（~）的单元格，官方格式要求填写数字",
}
