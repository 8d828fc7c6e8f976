"""Official table layouts: merged header cells exactly as the published tables."""

from __future__ import annotations

from xxgk.core.layout import table_grid

from .helpers import report


def spans(row):
    return [(c.text[:6], c.rowspan, c.colspan) for c in row]


def test_table_b_header_is_three_rows_with_the_official_merges() -> None:
    ev = report("申请:\n  本年新收: {自然人: 1}\n  予以公开: {自然人: 1}\n")
    grid = table_grid(ev.format.table("申请"), ev.figures)
    assert grid.ncols == 10 and grid.header_rows == 3
    assert spans(grid.rows[0]) == [("（本列数据的", 3, 3), ("申请人情况", 1, 7)]
    assert spans(grid.rows[1]) == [("自然人", 2, 1), ("法人或其他组", 1, 5), ("总计", 2, 1)]
    assert [c.text for c in grid.rows[2]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def test_table_b_row_labels_nest_like_the_template() -> None:
    ev = report("申请:\n  本年新收: {自然人: 1}\n  予以公开: {自然人: 1}\n")
    body = table_grid(ev.format.table("申请"), ev.figures).rows[3:]
    assert len(body) == 25
    assert spans(body[0][:1]) == [("一、本年新收", 1, 3)]
    assert spans(body[2][:2]) == [("三、本年度办", 22, 1), ("（一）予以公", 1, 2)]
    assert spans(body[4][:2]) == [("（三）不予公", 8, 1), ("1.属于国家", 1, 1)]
    assert spans(body[23][:1]) == [("（七）总计", 1, 2)]
    assert spans(body[24][:1]) == [("四、结转下年", 1, 3)]
    assert [c.text for c in body[0][1:]] == ["1", "0", "0", "0", "0", "0", "1"]
    assert "xxgk-computed" in body[0][-1].classes


def test_2019_table_b_has_a_single_other_handling_row() -> None:
    ev = report("申请:\n  本年新收: {自然人: 1}\n  予以公开: {自然人: 1}\n", year=2019)
    body = table_grid(ev.format.table("申请"), ev.figures).rows[3:]
    assert len(body) == 23
    assert spans(body[2][:1]) == [("三、本年度办", 20, 1)]
    assert spans(body[20][:1]) == [("（六）其他处", 1, 2)]
    assert spans(body[21][:1]) == [("（七）总计", 1, 2)]


def test_table_c_lays_review_and_litigation_side_by_side() -> None:
    ev = report("复议诉讼:\n  行政复议: [1, 0, 0, 0]\n")
    grid = table_grid(ev.format.table("复议诉讼"), ev.figures)
    assert grid.header_rows == 3 and grid.ncols == 15
    assert spans(grid.rows[0]) == [("行政复议", 1, 5), ("行政诉讼", 1, 10)]
    assert spans(grid.rows[1])[:5] == [
        (t, 2, 1) for t in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    ]
    assert spans(grid.rows[1])[5:] == [("未经复议直接", 1, 5), ("复议后起诉", 1, 5)]
    assert len(grid.rows[2]) == 10
    assert [c.text for c in grid.rows[3]][:5] == ["1", "0", "0", "0", "1"]


def test_table_a_single_value_blocks_span_three_columns() -> None:
    ev = report("主动公开:\n  行政许可: 447228\n  行政事业性收费: 96171.6\n")
    grid = table_grid(ev.format.table("主动公开"), ev.figures)
    texts = [[c.text for c in row] for row in grid.rows]
    assert texts[0] == ["第二十条第（一）项"] and grid.rows[0][0].colspan == 4
    assert texts[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert texts[5] == ["信息内容", "本年处理决定数量"] and grid.rows[5][1].colspan == 3
    assert texts[6] == ["行政许可", "447228"] and grid.rows[6][1].colspan == 3
    assert texts[-1] == ["行政事业性收费", "96171.6"]


def test_2019_two_column_block_spans_its_last_column() -> None:
    ev = report("主动公开:\n  政府集中采购: {采购项目数量: 2, 采购总金额: 251000}\n", year=2019)
    grid = table_grid(ev.format.table("主动公开"), ev.figures)
    last = grid.rows[-1]
    assert [(c.text, c.colspan) for c in last] == [("政府集中采购", 1), ("2", 1), ("251000元", 2)]
