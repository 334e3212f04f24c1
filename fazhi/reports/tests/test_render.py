"""The renderers: the 公文 .docx (GB/T 9704-2012), the HTML fragment and the plain text.

No database: a ``Document`` resembling the 2024 report of 南开区政府办公室 (the seed)
is rendered and read back with python-docx, pdfplumber and, where it is installed,
LibreOffice.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import warnings
from datetime import date
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.shared import Pt

from fazhi.lib.office import convert_to_pdf
from fazhi.reports.document import DocPart, DocSection, Document
from fazhi.reports.render import render_docx, render_html, render_txt
from fazhi.reports.render.layout import signature_indents, title_lines, width

NANKAI = Document(
    title="南开区政府办公室2024年度法治政府建设情况报告",
    issuer="南开区政府办公室",
    signed_on=date(2025, 2, 20),
    preamble=[
        "2024年，在区委、区政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，全面深入贯彻落实党的二十届三中全会精神，紧紧围绕法治政府建设的重点任务，积极推进各项工作，不断提升依法行政的能力和水平。现将2024年度法治政府建设情况报告如下："
    ],
    parts=[
        DocPart(
            kind="measures",
            number="一、",
            heading="2024年推进法治政府建设的主要举措和成效",
            sections=[
                DocSection(
                    "（一）",
                    "在学深悟透上下功夫，不断提升法治南开建设的思想自觉",
                    [
                        "坚持把学习宣传贯彻习近平法治思想作为重大政治任务和长期战略任务，同学习宣传贯彻党的二十大和二十届三中全会精神结合起来，同深入学习贯彻习近平总书记视察天津重要讲话精神结合起来，全面学习、全面把握、全面落实。一是紧抓领导干部这一“关键少数”，充分发挥领导班子的领学促进作用。聚焦习近平法治思想，区领导开展法治专题讲座2次。二是不断加强法治学习教育，提高领导干部运用法治方式深化改革、推动发展、化解矛盾、维护稳定的能力，今年以来共开展政府常务会议集体学法3次，区政府党组理论学习中心组专题法治学习11次，区政府机关党组理论学习中心组专题学法10次。三是严格落实好学法用法制度，组织干部参加“天津干部在线学习”平台学习，学法用法共42人参训并顺利结业，习近平法治思想专题考试参考率为100%，党员干部法治素养不断提升。四是深入开展法治宣传教育，坚持法治教育与法治实践相结合。在区政府网站首页设置中华人民共和国宣传海报，增设“党的二十届三中全会”等栏目，有效发挥网络法治阵地的教育引导功能，提升法治宣传质效。",
                    ],
                ),
                DocSection(
                    "（二）",
                    "在加快职能转变上下功夫，推进政府依法履职各项工作走深走实",
                    [
                        "一是区政府召开10次政府常务会议，研究法治政府建设工作。审议《南开区2023年度法治政府建设情况报告》，听取关于2023年度行政执法、复议及应诉工作情况的汇报，进一步加强区政府各部门法治意识，切实提升依法行政能力和水平。二是协调区领导参加红桥法院现场旁听庭审活动，做好区领导出庭应诉的协调组织工作，2024年区政府办主要负责人作为行政机关负责人进行出庭应诉1次，有效促进行政争议实质性化解。三是做好区委依法治区办关于法治政府建设相关工作任务落实及工作情况汇总报送，做好公职律师、法律顾问日常管理和季度统计考核以及中华人民共和国等相关法治宣传工作，保障各项工作任务顺利推进。四是承办市级建议提案47件，区级建议提案237件，建议提案面商率、答复率、满意率均达到100%。",
                    ],
                ),
                DocSection(
                    "（三）",
                    "在聚焦法治引领上下功夫，不断提升各项工作取得新成效",
                    [
                        "一是依法公开重大行政决策目录。编制年度重大行政决策事项目录，确定“南开区第十二批区级非物质文化遗产代表性名录”等4个项目为区政府年度重大决策事项。二是严格遵循重大行政决策程序。坚持公众参与、专家论证、风险评估、合法性审查、集体讨论决定，切实提升政府决策科学化、民主化水平。邀请公众代表列席区政府常务会议，听取相关工作汇报，进一步畅通行政决策公众参与渠道。三是完善天津市法规规章规范性文件数据库信息发布。指导全区各单位规范发布文件106条，切实保障群众知情权、监督权。四是注重发挥公职律师和法律顾问作用。区政府办公职律师和法律顾问全年参与处理信息公开申请58件、行政复议4件、行政诉讼4件，有效助力全面防控政府法律风险。",
                    ],
                ),
            ],
        ),
        DocPart(
            kind="shortcomings",
            number="二、",
            heading="2024年推进法治政府建设存在的不足和原因",
            paragraphs=[
                "一是深学笃行习近平法治思想还需持续用力。深入学习习近平法治思想的标准、要求、频率对标先进还有差距。习近平法治思想的精髓要义掌握得还不够深入，贯穿法治政府建设全过程还有不足；学习习近平总书记关于全面依法治国的最新论述及市委、区委法治建设的相关指导要求方面的学习还需更加及时和用力。",
                "二是狠抓法治政府建设超前谋划和创新意识还需持续加强。法治政府建设工作整体推进过程中，存在按部就班地完成上级规定工作部署的情况，创新不够，工作特色亮点还不突出。面对法治政府建设各项指标要求与区政府办工作实际结合过程中职责边界不够清晰等问题，没有积极主动以守正创新的精神提出新思路新举措。",
                "三是狠抓责任单位担当意识和法治工作素质还需持续提高。法治政府建设工作的压力传导不到位，部分单位学习重大行政决策相关程序规定不深不透，落实程序各项规定和配套制度的要求不够规范和严谨。部分单位在政务公开工作中，依申请公开答复不能做到依法依规正确履行法定职责，政府网站和政务新媒体信息发布管理不严格，更新不及时。",
            ],
        ),
        DocPart(
            kind="leadership",
            number="三、",
            heading="2024年政府办公室主要负责人履行推进法治政府建设第一责任人职责、加强法治政府建设有关情况",
            paragraphs=[
                "一是注重示范引领。带头学习宣传贯彻党的二十大和二十届三中全会精神，将习近平法治思想纳入党组理论学习中心组学习计划和支部年度学习计划，带动全办领导干部尊法学法守法用法。2024年组织专题学法10次。作为法治建设第一责任人，多次对合同审议等法治相关工组织召开政府机关党组会，提出具体要求，推动法治建设各项工作任务落地落实。",
                "二是抓实重点工作。严格执行民主集中制，坚持“三重一大”事项集体决策。今年以来主持召开机关党组会30次，研究“三重一大”事项议题100个。严格落实行政机关负责人出庭应诉制度，积极履行出庭应诉职责1次，有力促进行政争议实质性化解。带头选好用好法律顾问，确保决策合法科学。",
                "三是强化督办落实。严格按照“一规划两纲要”“法治政府建设示范指标体系”等工作要求，做好法治政府建设相关工作的自查梳理和汇总报送，明确责任科室落实到人，压实各相关科室和部门责任，目前各项指标均能够按照阶段性节点予以继续推进或已经达标，为保障法治政府建设提供了有力支撑。",
            ],
        ),
        DocPart(
            kind="plan",
            number="四、",
            heading="2025年推进法治政府建设的主要安排",
            paragraphs=[
                "一是强化理论学习，进一步加强为南开高质量发展提供法治保障。坚持以习近平新时代中国特色社会主义思想为指导，深入学习宣传贯彻习近平法治思想，坚持做到党组理论学习中心组常态化学习，充分发挥领导干部带头作用，不断提升学习宣传贯彻的及时性、全面性和针对性。及时学习全面依法治国的最新论述，深刻领会市委、区委法治建设的相关指导要求，结合工作实际促进领导干部带头学习、宣讲，切实把习近平法治思想熔铸于心、落实于行，转化为推进法治建设的实际成效。",
                "二是强化责任担当，进一步完善法治政府建设推进机制。以“一规划两纲要”为目标方向，深入贯彻落实区委、区政府关于法治政府建设的工作部署，全面梳理法治政府建设领域重点工作，结合区政府办工作实际，及时做好与相关职能部门以及上级单位的沟通对接，抓重点、补短板、强弱项，不断谋划法治政府建设工作的新思路新举措，在统筹推动法治政府各项工作任务的落实上发挥更大作用。",
                "三是强化队伍建设，进一步增强干部法治素养和依法履职能力。持续加强法治专业人才业务培训指导工作，通过制定年度培训计划，做好重大行政决策、政府信息公开等专业领域的法治相关培训，积极营造尊法、守法、学法、用法的良好氛围，不断提高重大行政决策、政务公开等重点工作专业化水平，有效提升法治工作人员依法行政能力和水平。",
            ],
        ),
    ],
)

HEADINGS = [
    "一、2024年推进法治政府建设的主要举措和成效",
    "（一）在学深悟透上下功夫，不断提升法治南开建设的思想自觉",
    "（二）在加快职能转变上下功夫，推进政府依法履职各项工作走深走实",
    "（三）在聚焦法治引领上下功夫，不断提升各项工作取得新成效",
    "二、2024年推进法治政府建设存在的不足和原因",
    "三、2024年政府办公室主要负责人履行推进法治政府建设第一责任人职责、加强法治政府建设有关情况",
    "四、2025年推进法治政府建设的主要安排",
]


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return render_docx(NANKAI)


@pytest.fixture(scope="module")
def word(docx_bytes):
    return open_docx(io.BytesIO(docx_bytes))


def _east_asia(element) -> str | None:
    fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


# -- .docx: page ----------------------------------------------------------------------
# The page, the 版心, the grid and the page number's place are measured from the
# rendered file in test_docx_layout.py.


# -- .docx: styles and fonts -----------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "font", "size"),
    [
        ("Normal", "仿宋_GB2312", 16),
        ("Title", "方正小标宋简体", 22),
        ("Heading 1", "黑体", 16),
        ("Heading 2", "楷体_GB2312", 16),
    ],
)
def test_it_names_the_official_fonts_in_the_styles(word, style, font, size):
    style = word.styles[style]
    assert style.font.name == font
    assert style.font.size == Pt(size)
    assert _east_asia(style.element) == font
    assert style.font.bold is None and style.font.color.rgb is None  # not the template's blue bold


def test_it_names_the_fonts_on_every_run(word):
    expected = {
        "Title": "方正小标宋简体",
        "Heading 1": "黑体",
        "Heading 2": "楷体_GB2312",
        "Normal": "仿宋_GB2312",
    }
    runs = [(p.style.name, run) for p in word.paragraphs for run in p.runs]
    assert len(runs) > 20
    for style, run in runs:
        assert _east_asia(run._r) == expected[style]
        assert run.font.name == expected[style]  # w:ascii, w:hAnsi too
    body = next(run for style, run in runs if style == "Normal")
    assert body.font.size == Pt(16)


def test_it_declares_the_fonts_as_chinese_in_the_font_table(docx_bytes):
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        table = archive.read("word/fontTable.xml").decode()
    for font in ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"):
        assert re.search(rf'w:name="{font}"><w:altName w:val="[^"]+"/><w:charset w:val="86"/>', table)


def test_it_indents_body_and_headings_two_characters_and_justifies(word):
    ind = word.styles["Normal"].element.find(qn("w:pPr") + "/" + qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"  # Word and WPS
    assert ind.get(qn("w:firstLine")) == str(2 * 315)  # LibreOffice: two 15.75 pt characters
    for name in ("Heading 1", "Heading 2"):  # inherit it from Normal
        assert word.styles[name].base_style.name == "Normal"
        assert word.styles[name].element.find(qn("w:pPr") + "/" + qn("w:ind")) is None
    assert word.styles["Normal"].paragraph_format.alignment == 3  # WD_ALIGN_PARAGRAPH.JUSTIFY
    assert word.styles["Title"].paragraph_format.alignment == 1  # CENTER


# -- .docx: text ----------------------------------------------------------------------


def test_it_writes_the_title_over_two_lines_then_a_blank_line(word):
    paragraphs = word.paragraphs
    assert [p.text for p in paragraphs[:3]] == ["南开区政府办公室2024年度法治政府建设", "情况报告", ""]
    assert [p.style.name for p in paragraphs[:2]] == ["Title", "Title"]
    assert paragraphs[3].text.startswith("2024年，在区委、区政府的坚强领导下")


def test_it_writes_the_headings_as_numbered_in_heading_styles(word):
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert [text for _, text in headings] == HEADINGS
    assert [style for style, _ in headings] == ["Heading 1", *["Heading 2"] * 3, *["Heading 1"] * 3]
    assert all(p._p.pPr.numPr is None for p in word.paragraphs)  # numbers are text, not Word lists
    assert (
        word.styles["Heading 1"].element.find(qn("w:pPr") + "/" + qn("w:outlineLvl")).get(qn("w:val")) == "0"
    )


def test_it_signs_and_dates_right_aligned_at_the_end(word):
    *_, blank, issuer, signed = word.paragraphs
    assert (blank.text, issuer.text, signed.text) == ("", "南开区政府办公室", "2025年2月20日")
    assert issuer.alignment == signed.alignment == 2  # RIGHT
    # 成文日期首字比署名首字右移二字 (GB/T 9704-2012 7.3.5.2); the date is the longer here.
    assert issuer.paragraph_format.right_indent > signed.paragraph_format.right_indent
    assert signed._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "200"


def test_it_is_read_back_by_the_report_parser(docx_bytes, tmp_path):
    from fazhi.reportcheck import parse_file

    path = tmp_path / "report.docx"
    path.write_bytes(docx_bytes)
    report = parse_file(path)
    assert report.title == NANKAI.title
    assert (report.unit, report.year) == ("南开区政府办公室", 2024)
    assert [part.number + part.heading for part in report.parts] == [h for h in HEADINGS if h[1] == "、"]
    assert [s.number for s in report.parts[0].sections] == ["（一）", "（二）", "（三）"]


# -- .docx: page numbers ----------------------------------------------------------------


def test_it_numbers_pages_in_the_footer_odd_right_even_left(word):
    assert word.settings.odd_and_even_pages_header_footer
    settings = word.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    section = word.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        assert not footer.is_linked_to_previous
        (paragraph,) = footer.paragraphs
        assert paragraph.text == "— 1 —"
        xml = paragraph._p.xml
        assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", xml)
        assert xml.count('w:fldCharType="begin"') == xml.count('w:fldCharType="end"') == 1
        assert paragraph._p.pPr.find(qn("w:jc")).get(qn("w:val")) == side
        assert paragraph._p.pPr.find(qn("w:ind")).get(qn(f"w:{side}")) == "280"  # 空一字 (14 pt)
        for run in paragraph.runs:
            assert run.font.size == Pt(14)  # 4号
            assert _east_asia(run._r) == "宋体"


# -- .docx: robustness ------------------------------------------------------------------


def test_it_renders_without_warnings_and_strips_control_characters():
    doc = Document(
        title="测试单位2024年度法治政府建设情况报告",
        issuer="测试单位",
        preamble=["粘贴自别处的文字\x0b带有控制字符\x01。"],
        parts=[
            DocPart(
                "measures", "一、", "主要举措", sections=[DocSection("（一）", "学法", ["<b>不是标记</b>"])]
            )
        ],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = render_docx(doc)
    texts = [p.text for p in open_docx(io.BytesIO(data)).paragraphs]
    assert "粘贴自别处的文字带有控制字符。" in texts
    assert "<b>不是标记</b>" in texts
    assert texts[-1] == "测试单位"  # no 成文日期 given, none written


def test_it_gives_the_same_bytes_for_the_same_report():
    import zipfile

    first, second = render_docx(NANKAI), render_docx(NANKAI)
    with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(second)) as b:
        assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}


# -- layout ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        (
            "南开区政府办公室2024年度法治政府建设情况报告",
            ["南开区政府办公室2024年度法治政府建设", "情况报告"],
        ),
        ("区司法局2024年度法治政府建设情况报告", ["区司法局2024年度法治政府建设情况报告"]),
        (
            "天津市南开区市场监督管理局2024年度法治政府建设情况报告",
            ["天津市南开区市场监督管理局", "2024年度法治政府建设情况报告"],
        ),
    ],
)
def test_it_breaks_long_titles_before_the_report_words(title, lines):
    assert title_lines(title) == lines


def test_it_breaks_a_title_without_markers_by_width_never_inside_a_number():
    lines = title_lines("关于进一步加强和改进基层综合行政执法队伍规范化建设20242025工作的几点意见和建议")
    assert len(lines) > 1 and all(width(line) <= 20 for line in lines)
    assert "".join(lines).startswith("关于进一步")
    assert any("20242025" in line for line in lines)


def test_it_places_the_date_two_characters_right_of_the_issuer():
    assert signature_indents("天津市南开区人民政府办公室", "2025年2月20日") == (2.0, 6.5)
    assert signature_indents("南开区政府办公室", "2025年2月20日") == (2.5, 2.0)


# -- HTML and text --------------------------------------------------------------------


def test_it_renders_html_with_the_structure_and_classes():
    html = render_html(NANKAI)
    assert html.startswith('<article class="gongwen" lang="zh-CN">')
    assert '<h1 class="gongwen-title">南开区政府办公室2024年度法治政府建设<br>情况报告</h1>' in html
    h2 = re.findall(r"<h2>(.*?)</h2>", html)
    h3 = re.findall(r"<h3>(.*?)</h3>", html)
    assert [re.sub(r"<[^>]+>", "", h) for h in h2] == [h for h in HEADINGS if h[1] == "、"]
    assert len(h3) == 3
    assert '<span class="gongwen-number">（一）</span>' in h3[0]
    assert '<p class="gongwen-issuer">南开区政府办公室</p>' in html
    assert '<time datetime="2025-02-20">2025年2月20日</time>' in html
    assert html.count("<section") == html.count("</section>") == 7


def test_it_escapes_every_piece_of_text_in_html():
    doc = Document(
        title='<img src=x onerror="alert(1)">2024年度报告',
        issuer="A&B<单位>",
        preamble=["<script>alert('x')</script>"],
        parts=[
            DocPart(
                kind='"><script>',
                number="一、",
                heading="<i>举措</i>",
                paragraphs=["引号\"与'撇号"],
                sections=[DocSection("（一）", "<u>学法</u>", ["</p><script>x()</script>"])],
            )
        ],
        signed_on=date(2025, 2, 20),
    )
    html = render_html(doc)
    assert "<script>" not in html and "<img" not in html and "<i>" not in html and "<u>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert 'data-kind="&quot;&gt;&lt;script&gt;"' in html
    assert "A&amp;B&lt;单位&gt;" in html
    assert "引号&quot;与&#x27;撇号" in html


def test_it_renders_plain_text_line_by_line():
    text = render_txt(NANKAI)
    assert text == "\n".join(NANKAI.lines()) + "\n"
    lines = text.splitlines()
    assert lines[0] == NANKAI.title
    assert lines[-2:] == ["南开区政府办公室", "2025年2月20日"]
    assert HEADINGS[0] in lines and HEADINGS[1] in lines


def test_the_stylesheet_names_the_official_fonts_with_fallbacks():
    css = (Path(__file__).resolve().parents[3] / "static" / "css" / "gongwen.css").read_text(encoding="utf-8")
    for font in (
        '"仿宋_GB2312"',
        '"FangSong"',
        '"STFangsong"',
        '"SimHei"',
        '"楷体_GB2312"',
        '"方正小标宋简体"',
    ):
        assert font in css
    assert ".gongwen h2" in css and ".gongwen h3" in css


# -- LibreOffice: the page as a reader sees it ------------------------------------------


@pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-noto-cjk",
)
def test_libreoffice_lays_it_out_as_a_gongwen_page(docx_bytes, tmp_path):
    import pdfplumber

    source = tmp_path / "nankai.docx"
    source.write_bytes(docx_bytes)
    pdf_path = convert_to_pdf(source, tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) == 6
        first, second = pdf.pages[0], pdf.pages[1]
        assert round(first.width / 72 * 25.4) == 210 and round(first.height / 72 * 25.4) == 297
        text = first.extract_text().replace(" 2024 ", "2024")
        assert text.startswith("南开区政府办公室2024年度法治政府建设\n情况报告\n")
        assert re.search(r"—\s*1\s*—\s*$", text)
        assert re.search(r"—\s*2\s*—\s*$", second.extract_text())
        footer_1 = [c for c in first.chars if c["text"] == "1" and c["top"] > first.height * 0.85]
        footer_2 = [c for c in second.chars if c["text"] == "2" and c["top"] > second.height * 0.85]
        assert footer_1[0]["x0"] > first.width / 2 > footer_2[0]["x0"]  # odd right, even left

        rows = _rows(second)
        body = [row for row in rows if row["top"] < second.height * 0.85]
        assert len(body) >= 20  # 22 lines a page (a heading kept with its text may leave two)
        pitches = {round(b["top"] - a["top"], 1) for a, b in zip(body, body[1:], strict=False)}
        assert pitches <= {28.9, 29.0}  # 28.95 pt
        # Lines that run from margin to margin with Chinese only: 28 characters each
        # (27 or 29 where a mark may not start or end a line, 避头尾).
        left, right = 28 / 25.4 * 72, (210 - 26) / 25.4 * 72
        full = [
            len(row["text"])
            for page in pdf.pages
            for row in _rows(page)
            if abs(row["x0"] - left) < 2 and row["x1"] > right - 4 and _CHINESE_ONLY.fullmatch(row["text"])
        ]
        assert len(full) >= 10 and set(full) <= {27, 28, 29} and full.count(28) >= 0.8 * len(full), full
        left_edge = min(row["x0"] for row in body) / 72 * 25.4
        assert left_edge == pytest.approx(28, abs=0.5)  # 订口


_CHINESE_ONLY = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》]+")


def _rows(page) -> list[dict]:
    by_top: dict[int, list[dict]] = {}
    for char in page.chars:
        by_top.setdefault(round(char["top"]), []).append(char)
    rows = []
    for top in sorted(by_top):
        chars = sorted(by_top[top], key=lambda c: c["x0"])
        rows.append(
            {
                "top": chars[0]["top"],
                "x0": chars[0]["x0"],
                "x1": chars[-1]["x1"],
                "text": "".join(c["text"] for c in chars),
            }
        )
    return rows
