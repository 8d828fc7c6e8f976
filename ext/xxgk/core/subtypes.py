"""Warning subtypes: ``xxgk.<subtype>``, for ``suppress_warnings``, ``:allow:`` and ``-W``.

The single place the subtypes are defined: the enum, and for each subtype what
triggers it, an example, how to fix it and when suppressing it is legitimate.
The guide's warnings catalogue (``xxgk:catalogue``) is generated from here, and
a test checks that every subtype the code can emit is listed. Pure module.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    unsafe = "unsafe"
    encoding = "encoding"
    name = "name"
    search = "search"
    accept = "accept"


@dataclass(frozen=True)
class Entry:
    description: str  # what triggers it
    example: str  # a situation that triggers it
    fix: str  # how to fix it
    suppress: str  # when suppressing it is legitimate


CATALOGUE: dict[Subtype, Entry] = {
    Subtype.yaml: Entry(
        "数据块的写法有误（缩进、冒号、括号、列表等），无法读取",
        "`本年新收: {自然人: 1` 少了右花括号“}”",
        "按提示的行号修改：每行写成“名称: 数字”，冒号后加空格，同一层的名称左对齐，括号成对",
        "不应豁免：数据块读不出来，表格和正文数字都无法生成",
    ),
    Subtype.key: Entry(
        "表名、行名或列名不存在，或把分组（如“不予公开”）当作一行来填",
        "`本年新受: {自然人: 1}`（应为“本年新收”）",
        "改为提示中“最接近的是”给出的名称；分组请分别填写其下各项",
        "不应豁免",
    ),
    Subtype.value: Entry(
        "数值不合要求：负的件数、小数件数、中文数字、带单位、超过15位",
        "`予以公开: {自然人: 十二}`、`{自然人: 3件}`、`{自然人: -1}`",
        "只写阿拉伯数字；单位由表格格式给出；确实未统计的单元格写 ~",
        "不应豁免",
    ),
    Subtype.duplicate: Entry(
        "同一个数字填写了两次（同一数据块中或不同数据块中）",
        "两个数据块都写了 `结转下年: {自然人: 2}`",
        "删去其中一处",
        "不应豁免",
    ),
    Subtype.sum: Entry(
        "填写的合计或总计与各项相加不符（B-2、B-3、C-1、分类合计）",
        "`本年新收: {自然人: 8, 商业企业: 1, 总计: 10}`（应为9）",
        "改正各项或总计；也可以不填总计，由系统计算",
        "不应豁免",
    ),
    Subtype.balance: Entry(
        "违反申请情况表的勾稽关系 B-1：第一项加第二项之和，等于第三项加第四项之和（逐列）",
        "本年新收 8 + 上年结转 1 = 9，但（七）总计 6 + 结转下年度 2 = 8",
        "核对四项数字：通常是漏填了某种办理结果，或结转下年度填错",
        "不应豁免：这是官方表格印明的勾稽关系",
    ),
    Subtype.bound: Entry(
        "2019年格式主动公开表中数量关系不合理（A-1、A-2）",
        "规章“本年新公开数量”大于“本年新制作数量”",
        "核对该行数字",
        "极少数情况（如公开了以前年度制作的文件）可在 `:allow:` 中豁免并在正文说明",
    ),
    Subtype.report: Entry(
        "缺少或重复 `xxgk:report`，机构、年度、日期写法有误，或同一机构同一年度有两份报告",
        "页首没有 `xxgk:report`；`:published: 2025/1/20`（应为 2025-01-20）",
        "在页首写 `xxgk:report` 并填写 `:body:` 和 `:year:`；日期写成 YYYY-MM-DD",
        "不应豁免",
    ),
    Subtype.format: Entry(
        "报告格式未知或与年度不符，或使用了另一版格式的行列名",
        "2020年度报告写 `:format: gb2021`；2021年度报告写“本年新制作数量”",
        "不写 `:format:`（按年度自动选择），并改用本格式的行列名",
        "不应豁免",
    ),
    Subtype.ref: Entry(
        "正文中引用的数字、年度或链接不存在，或引用的数字为空白",
        "`{xxgk:val}`申请.本年新受.总计``；`@prev` 但没有上一年度报告",
        "改正引用的名称；或先在数据中填写该数字；或添加上一年度报告",
        "不应豁免：否则页面会显示未解析的引用",
    ),
    Subtype.missing: Entry(
        "要显示的表格或分类在本页数据中没有",
        "写了 ```{xxgk:table} 复议诉讼``` 但数据块中没有“复议诉讼”",
        "在数据块中填写该表（没有的数字填0）",
        "不应豁免",
    ),
    Subtype.carry: Entry(
        "本年“上年结转”与上一年度报告的“结转下年度继续办理”不一致（X-1，逐列）",
        "2023年上年结转3件，但2022年报告结转下年度4件",
        "核对两年的数字：上一年度报告有误时先改正上一年度报告；本年数字沿用了改正前的数字时，"
        "运行 `xxgk carry` 自动改为上一年度的数字（只改这些数字，其余内容和注释不变）。"
        "用 `xxgk new` 新建报告时上年结转会自动取自上年",
        "机构改革（合并、分设）导致无法衔接时，可在 `:allow:` 中豁免并在正文说明原因",
    ),
    Subtype.stock: Entry(
        "现行有效件数（X-2，2022年度起）或“上一年项目数量”（X-3，2020年度）与上一年度报告不衔接",
        "2023年现行有效11件，但2022年现行有效12件 + 本年制发1件 − 本年废止1件 = 12件",
        "核对制发、废止和现行有效件数（2020年度的“上一年项目数量”可用 `xxgk carry` 按上一年度报告自动改正）",
        "集中清理、修改文件计入口径变化时，可豁免并在正文说明口径",
    ),
    Subtype.prose: Entry(
        "正文中手写的数字或占比与数据不符",
        "正文写“为您服务8条，占总体百分比为14.8%”，按数据 8 ÷ 55 应为 14.5%",
        "改正数字，或改用 `{xxgk:val}`、`{xxgk:pct}` 由数据生成",
        "不应豁免",
    ),
    Subtype.shares: Entry(
        "正文列出的各分类占比相加明显不等于100%（超出四舍五入的范围）",
        "三个分类占比写成25%、30%、50%",
        "改正占比，或改用 `{xxgk:pct}`",
        "不应豁免",
    ),
    Subtype.year: Entry(
        "正文、标题或统计期限中的年份与报告年度不符，多为沿用往年文字",
        "2019年度报告中写“2018年政府信息公开工作取得新进展”",
        "改为本年度；如确指其他年份，写明比较或时间范围（如“较2018年”“2016年以来”）",
        "不应豁免；确指的年份按上面的写法即不再提示",
    ),
    Subtype.copy: Entry(
        "正文与同一机构上一年度报告、或与其他机构同一年度的报告大段重复（默认超过50%，"
        "各报告共有的条例依据、统计期限、联系方式不计），或街道、乡镇的报告用了另一类机关的说法（“本镇”）",
        "2020年报告正文有80%与2019年相同；某街道报告写“本镇全年主动公开……”",
        "按本年度实际情况重写；用 `{xxgk:val}` 等引用的数字不算重复",
        "一般不应豁免；阈值可在 conf.py 中用 `xxgk_copy_threshold` 调整",
    ),
    Subtype.fitness: Entry(
        "缺少规定的“一”至“六”部分或顺序不对，某部分只有标题（或只有撰写说明）没有正文，缺少统一表格，"
        "或导语承诺的部分正文中没有",
        "没有“六、其他需要报告的事项”；“五、存在的主要问题及改进情况”下只有 `xxgk new` 的撰写说明；"
        "没有显示申请情况表",
        "按格式补齐各部分、正文和表格；没有可报告的情况时写明（如“本年度无其他需要报告的事项”）",
        "整理历史报告（原文即缺少这些部分）时可在 `:allow:` 中豁免并在页面上说明",
    ),
    Subtype.late: Entry(
        "发布日期晚于期限（部门次年1月31日，县级以上人民政府次年3月31日），或早于统计期结束",
        "2024年度部门报告 `:published: 2025-02-10`",
        "核对发布日期；本地期限更早时在 conf.py 中设置 `xxgk_deadlines`",
        "确实逾期发布的历史报告可豁免，但应如实保留发布日期",
    ),
    Subtype.blank: Entry(
        "表格中有留空（写了 ~）的单元格，官方格式要求每格填写数字",
        "`本年新收: {自然人: ~}`",
        "填写数字，没有的填0",
        "整理原文即留空的历史报告时可豁免并说明",
    ),
    Subtype.unsafe: Entry(
        "报告页使用了允许范围以外的写法：原始 HTML/LaTeX、包含其他文件、"
        "只在部分版本中显示的内容（only、ifconfig）、目录树、eval-rst、不在本目录的图片、"
        "http(s)/mailto 以外的链接、改变解析方式的页首元数据（myst: 等）",
        "```` ```{raw} html ````；```` ```{include} ../../.git/config ````；`[链接](javascript:…)`",
        "删去这些写法：报告页只能包含文字、xxgk 数据和表格、提示框、表格、sphinx-design 组件"
        "和本目录中的图片；确需其他写法的内容请由维护人员放到受信任的目录"
        "（conf.py 的 xxgk_trusted_pages，默认 guide/）",
        "不能豁免：这些写法会在构建时执行代码、读取文件或发布审核者看不到的内容，相应部分已被停用",
    ),
    Subtype.encoding: Entry(
        "页面文件不是 UTF-8 编码（如 Windows 记事本另存的 GBK、UTF-16），无法按原样读取",
        "用“ANSI”编码保存的报告页",
        "另存为 UTF-8，或运行 `iconv -f GBK -t UTF-8 原文件 > 新文件`",
        "不能豁免：无法读取的字节已被替换，页面上的文字不是原文",
    ),
    Subtype.name: Entry(
        "报告的文件路径不能安全地用作网站和 PDF 的文件名（含空格、控制字符、过长），"
        "或两份报告得到同一个输出文件名（如 reports/a-b/2021.md 与 reports/a/b-2021.md）",
        "`reports/某 街道/2024.md`（目录名含空格）",
        "目录名和文件名只用汉字、字母、数字、“-”和“_”，并使每份报告的路径各不相同",
        "不能豁免：同名的输出会互相覆盖，丢失其中一份报告",
    ),
    Subtype.search: Entry(
        "网站搜索不能按数字查找：所用 Sphinx 版本的 searchtools.js 与 xxgk 修补的写法不同",
        "升级 Sphinx 后构建网站",
        "更新 xxgk，或把 Sphinx 保持在 pyproject.toml 允许的版本",
        "可以暂时豁免（搜索仍可用，只是输入纯数字查不到结果）",
    ),
    Subtype.accept: Entry(
        "逐段接受提示的注释（% xxgk-accept: 类别 理由）写法有误、没写理由、不在段落正上方，"
        "或下一段已没有该类提示",
        "照录的报告改正了正文数字后，上方的 `% xxgk-accept: prose 原文如此` 仍然保留",
        "删除不再需要的注释；或按“% xxgk-accept: prose 理由”改写，并紧贴在要接受的段落上一行",
        "不应豁免：它保证每一处接受都有理由、都还有用",
    ),
}


# what each check is called on a public page (a citizen never reads a subtype): "未核对：…"
PUBLIC_NAMES: dict[Subtype, str] = {
    Subtype.yaml: "数据能否读取",
    Subtype.key: "数据的行列名称",
    Subtype.value: "数据的写法",
    Subtype.duplicate: "数据是否重复填写",
    Subtype.sum: "合计与分项之和",
    Subtype.balance: "申请数量的勾稽关系",
    Subtype.bound: "分项不超过合计",
    Subtype.report: "报告信息是否完整",
    Subtype.format: "是否使用适用的格式",
    Subtype.ref: "正文引用的数字",
    Subtype.missing: "表格是否齐全",
    Subtype.carry: "上年结转与上一年度报告是否一致",
    Subtype.stock: "现行有效件数与上一年度报告是否衔接",
    Subtype.prose: "正文数字与表格是否一致",
    Subtype.shares: "占比之和",
    Subtype.year: "正文年份是否与报告年度一致",
    Subtype.copy: "是否照搬上一年度报告",
    Subtype.fitness: "六个部分及统一表格是否齐全",
    Subtype.late: "发布日期是否在期限内",
    Subtype.blank: "表格是否有留空",
    Subtype.unsafe: "页面写法是否安全",
    Subtype.encoding: "文件编码",
    Subtype.name: "文件名",
    Subtype.search: "网站搜索",
    Subtype.accept: "逐段接受的注释",
}
