"""The portal's part of ``make bench``: search and a public report page over many published reports.

``search_rows(size)`` bulk-creates ``size`` generated published reports (unit-years of about 3,000
characters each, built from the sentences real reports use) with their search index, then asks
the search page a few real queries and times a public report page, as an anonymous visitor would.

The index rows are made as ``search.entry_for`` makes them, except that each distinct sentence is
segmented once and the words of a text are those of its sentences in order: jieba cuts at every
punctuation mark, so this gives the very words of the whole text (checked on the first reports
here, and by ``fazhi/portal/tests/test_search.py``), in a minute less.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import statistics
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

DISTRICTS = [
    "和平区",
    "河东区",
    "河西区",
    "河北区",
    "红桥区",
    "东丽区",
    "西青区",
    "津南区",
    "北辰区",
    "武清区",
]
DISTRICTS += ["宝坻区", "滨海新区", "宁河区", "静海区", "蓟州区"]  # 南开区 is the demo's
OFFICES = [
    "司法局", "教育局", "民政局", "财政局", "人力资源和社会保障局", "规划和自然资源分局", "生态环境局",
    "住房和建设委员会", "城市管理委员会", "交通运输局", "水务局", "农业农村委员会", "商务局",
    "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局",
    "统计局", "医疗保障局", "信访办公室", "政务服务办公室", "体育局", "科学技术局", "工业和信息化局",
    "发展和改革委员会", "投资促进局", "政府办公室", "国有资产监督管理委员会", "公安分局",
    "档案馆", "长虹街道办事处", "向阳街道办事处",
]  # fmt: skip
THEMES = [
    ("强化法治学习教育", [
        "坚持把学习贯彻习近平法治思想作为首要政治任务，全年召开党组理论学习中心组学法专题会议{n}次。",
        "组织领导干部参加年度学法用法考试，参考率和合格率均达到100%。",
        "将宪法、民法典和与本部门职责密切相关的法律法规列入年度学法计划，开展专题学法{n}次。",
        "举办依法行政专题培训班{n}期，培训干部{m}人次，切实提升运用法治思维和法治方式的能力。",
        "落实领导干部应知应会党内法规和国家法律清单制度，推动学法常态化。",
    ]),
    ("推进依法科学民主决策", [
        "严格落实《重大行政决策程序暂行条例》，编制并公布年度重大行政决策事项目录{n}项。",
        "对{n}项重大行政决策履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。",
        "所有提交集体讨论的议题均经法律顾问或公职律师出具法律意见，未经合法性审核的不予上会。",
        "开展重大行政决策后评估{n}项，根据评估结果及时调整完善相关政策措施。",
        "坚持议事规则和决策程序，全年召开局务会议{n}次，研究重要事项{m}件。",
    ]),
    ("加强行政规范性文件管理", [
        "严格落实行政规范性文件合法性审核机制，全年审核规范性文件{n}件，提出修改意见{m}条。",
        "对合同、协议等涉法文件进行合法性审核{m}件，有效防范法律风险。",
        "开展规范性文件清理工作，废止{n}件、修改{n}件，并向社会公布清理结果。",
        "规范性文件均按规定报送备案，备案率、及时率和规范率均达到100%。",
    ]),
    ("严格规范公正文明执法", [
        "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度。",
        "全年办理行政处罚案件{m}件，作出重大执法决定前均经法制审核，未发生因执法不当引发的行政诉讼。",
        "推行包容审慎监管，落实轻微违法行为免罚清单，对{n}起首次轻微违法行为依法不予处罚。",
        "组织行政执法人员参加通用法律知识和专业法律知识培训，执法人员持证上岗率100%。",
        "开展行政执法案卷评查，评查案卷{m}卷，对发现的问题逐一整改。",
    ]),
    ("依法化解矛盾纠纷", [
        "认真落实行政机关负责人出庭应诉制度，全年行政诉讼案件{n}件，负责人出庭应诉{n}次，出庭应诉率达到100%。",
        "支持人民法院依法受理和审理行政案件，按时提交答辩状和证据材料，尊重并执行人民法院生效裁判。",
        "依法办理行政复议案件{n}件，认真落实行政复议决定，未发生被纠错案件。",
        "畅通信访渠道，全年受理群众来信来访{m}件，按期办结率100%。",
        "坚持和发展新时代“枫桥经验”，调解各类矛盾纠纷{m}件，调解成功率达到95%以上。",
    ]),
    ("深入开展法治宣传教育", [
        "认真落实“谁执法谁普法”普法责任制，制定年度普法责任清单，开展法治宣传活动{n}场。",
        "围绕宪法宣传周、民法典宣传月等重要节点，深入开展法治宣传教育，发放宣传材料{m}份。",
        "利用微信公众号、政务网站等平台推送法治宣传信息{m}条，营造浓厚的法治氛围。",
        "组织“法律进社区”“法律进企业”活动{n}次，为群众提供法律咨询{m}人次。",
        "推进法治文化阵地建设，打造法治宣传长廊{n}处。",
    ]),
    ("推进政务公开", [
        "全年主动公开政府信息{m}条，依法办理政府信息公开申请{n}件，均在法定期限内答复。",
        "按时发布上一年度政府信息公开工作年度报告，及时公开重大行政决策事项目录和执行情况。",
        "加强政策解读，对出台的重要政策文件同步开展解读{n}次。",
    ]),
]  # fmt: skip
SHORTCOMINGS = [
    "部分干部运用法治思维和法治方式解决问题的能力还有待提高。",
    "法治宣传教育的针对性和实效性还需进一步增强，宣传形式较为单一。",
    "行政执法规范化水平仍有提升空间，个别案卷存在文书制作不规范的问题。",
    "重大行政决策公众参与的广度和深度还不够，意见采纳情况反馈不够及时。",
    "基层法治工作力量相对薄弱，专业法律人才较为缺乏。",
    "合法性审核工作机制还需进一步健全，审核人员专业能力有待加强。",
]
LEADERSHIP = [
    "主要负责人切实履行推进法治建设第一责任人职责，年内专题听取法治政府建设工作汇报{n}次。",
    "将法治政府建设纳入年度工作要点，与业务工作同部署、同推进、同考核。",
    "主要负责人带头出庭应诉，带头讲法治课，带头落实重大行政决策程序。",
    "年终述职中专门报告履行推进法治建设第一责任人职责情况，接受群众监督。",
]
PLANS = [
    "深入学习贯彻习近平法治思想，持续推动学法用法常态化制度化。",
    "严格落实重大行政决策程序和合法性审核制度，不断提高决策法治化水平。",
    "深化行政执法规范化建设，持续提升执法质量和效能。",
    "加大法治宣传力度，创新普法方式方法，增强全民法治观念。",
    "健全矛盾纠纷多元化解机制，认真做好行政机关负责人出庭应诉工作。",
]
NUMERALS = "一二三四五六七八九十"
QUERIES = [("出庭应诉", None), ("重大行政决策", None), ("法治宣传", None), ("合法性审核", 2023)]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _p95(step: Callable[[], object], repeat: int) -> float:
    step()  # warm caches (and jieba's dictionary), as a server would be
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


def _fill(rng: random.Random, sentence: str) -> str:
    return sentence.format(n=rng.randint(1, 12), m=rng.randint(10, 300))


def _document(rng: random.Random, unit_name: str, year: int, target: int = 3000):
    """A report in the 2024 outline (docs/domain.md#annual-report-parts), about ``target`` characters."""
    from fazhi.reports.document import DocPart, DocSection, Document

    themes = rng.sample(THEMES, k=rng.randint(4, len(THEMES)))
    chosen: list[list[str]] = [[] for _ in themes]
    length = 0
    while length < target - 700:  # the other parts and the headings: about 700 characters
        at = rng.randrange(len(themes))
        sentence = _fill(rng, rng.choice(themes[at][1]))
        chosen[at].append(sentence)
        length += len(sentence)
    sections = [
        DocSection(
            f"（{NUMERALS[n]}）", heading, ["".join(texts[i : i + 4]) for i in range(0, len(texts), 4)]
        )
        for n, ((heading, _), texts) in enumerate(zip(themes, chosen, strict=True))
    ]
    preamble = (
        f"{year}年，{unit_name}在区委、区政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，"
        f"深入学习贯彻习近平法治思想，全面推进法治政府建设各项工作。现将{year}年度法治政府建设情况报告如下："
    )
    parts = [
        DocPart("measures", "一、", f"{year}年推进法治政府建设的主要举措和成效", [], sections),
        DocPart("shortcomings", "二、", f"{year}年推进法治政府建设存在的不足和原因",
                ["".join(rng.sample(SHORTCOMINGS, k=3))]),
        DocPart("leadership", "三、", f"{year}年主要负责人履行推进法治建设第一责任人职责、加强法治政府建设有关情况",
                ["".join(_fill(rng, s) for s in rng.sample(LEADERSHIP, k=3))]),
        DocPart("plan", "四、", f"{year + 1}年推进法治政府建设的主要安排", ["".join(rng.sample(PLANS, k=3))]),
    ]  # fmt: skip
    title = f"{unit_name}{year}年度法治政府建设情况报告"
    return Document(title, unit_name, [preamble], parts, dt.date(year + 1, 2, rng.randint(1, 27)))


class _Words:
    """``search.index_words`` of each distinct sentence, once."""

    def __init__(self) -> None:
        from fazhi.portal.search import index_words

        self.index_words = index_words
        self.seen: dict[str, list[str]] = {}

    def of_line(self, line: str) -> list[str]:
        words: list[str] = []
        for sentence in line.replace("。", "。\0").replace("：", "：\0").split("\0"):
            if sentence not in self.seen:
                self.seen[sentence] = self.index_words(sentence)
            words += self.seen[sentence]
        return words

    def of_text(self, text: str) -> list[str]:
        return [w for line in text.split("\n") for w in self.of_line(line)]


def generate(size: int, *, seed: int = 2025, batch: int = 500) -> list:
    """``size`` published unit-years (every 40th with a correction), with their index; returns
    the publications of the first unit-year that has a correction."""
    from django.contrib.auth import get_user_model

    from fazhi.campaigns.models import Campaign, Participant, Submission
    from fazhi.campaigns.publication_models import Publication, SecrecyReview
    from fazhi.campaigns.publishing import sha256
    from fazhi.orgs.models import Region, Unit
    from fazhi.portal.models import SearchEntry
    from fazhi.portal.search import entry_for
    from fazhi.reports.models import Report
    from fazhi.reports.queries import document_to_json

    rng = random.Random(seed)
    words = _Words()
    user = get_user_model().objects.create_user("bench_publisher")
    years = list(range(2025, 2005, -1))  # newest first: 20 years
    regions = Region.objects.bulk_create(
        Region(name=f"天津市{d}", level=Region.Level.COUNTY) for d in DISTRICTS
    )
    taken = set(Unit.objects.values_list("name", flat=True))  # the demo's 河西区政府办公室, say
    offices = itertools.chain(OFFICES, (f"第{n}街道办事处" for n in itertools.count(1)))
    names = (
        (r, name)
        for office in offices
        for r in regions
        if (name := f"{r.name.removeprefix('天津市')}{office}") not in taken
    )
    chosen = itertools.islice(names, -(-size // len(years)))
    units = Unit.objects.bulk_create(Unit(name=name, region=r) for r, name in chosen)
    campaigns = {
        (c.region_id, c.year): c
        for c in Campaign.objects.bulk_create(
            Campaign(
                region=r,
                year=y,
                statutory_submit_due=dt.date(y + 1, 2, 28),
                publish_due=dt.date(y + 1, 3, 31),
                submit_due=dt.date(y + 1, 2, 28),
                opened_by=user,
            )
            for r in regions
            for y in years
        )
    }
    unit_years = [(u, y) for y in years for u in units][:size]
    corrected_example: list = []
    checked = 0
    for start in range(0, len(unit_years), batch):
        chunk = unit_years[start : start + batch]
        reports = Report.objects.bulk_create(
            Report(unit=u, year=y, status=Report.Status.PUBLISHED, created_by=user) for u, y in chunk
        )
        participants = Participant.objects.bulk_create(
            Participant(campaign=campaigns[u.region_id, y], unit=u, report=r)
            for (u, y), r in zip(chunk, reports, strict=True)
        )
        versions = []  # (participant, number, document, reason)
        for n, ((u, y), p) in enumerate(zip(chunk, participants, strict=True)):
            document = _document(rng, u.name, y)
            versions.append((p, 1, document, ""))
            if (start + n) % 40 == 7:
                fixed = _document(rng, u.name, y)
                versions.append((p, 2, fixed, "更正第一部分中的统计数字（原文误写）。"))
        submissions = Submission.objects.bulk_create(
            Submission(
                participant=p,
                unit_id=p.unit_id,
                document={},
                sent_by=user,
                sent_on=dt.date(p.campaign.year + 1, 2, 20),
                outcome=Submission.Outcome.ACCEPTED,
            )
            for p, _, _, _ in versions
        )
        reviews = SecrecyReview.objects.bulk_create(
            SecrecyReview(
                report=p.report,
                submission=s,
                unit_id=p.unit_id,
                reviewer="保密审查员",
                reviewed_on=s.sent_on + dt.timedelta(days=5),
                recorded_by=user,
            )
            for (p, _, _, _), s in zip(versions, submissions, strict=True)
        )
        publications = []
        for (p, number, document, reason), s, review in zip(versions, submissions, reviews, strict=True):
            text = "\n".join(document.lines())
            day = dt.date(p.campaign.year + 1, 3, 20) + dt.timedelta(days=30 * (number - 1))
            publications.append(
                Publication(
                    participant=p,
                    unit=p.unit,
                    region=p.unit.region,
                    year=p.campaign.year,
                    number=number,
                    submission=s,
                    review=review,
                    title=document.title,
                    document=document_to_json(document),
                    text=text,
                    sha256=sha256(text.encode("utf-8")),
                    docx=f"published/bench-{p.unit_id}-{p.campaign.year}-{number}.docx",
                    docx_sha256="0" * 64,
                    signed_on=document.signed_on,
                    published_at=dt.datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI),
                    published_by=user,
                    reason=reason,
                )
            )
        publications = Publication.objects.bulk_create(publications)
        current = {}
        for publication in publications:  # the highest number of each unit-year
            current[publication.unit_id, publication.year] = publication
            if publication.number == 2 and not corrected_example:
                corrected_example = [publication]
        entries = []
        for publication in current.values():
            entry = entry_for(publication, words.of_text)
            if checked < 3:  # the words of the sentences are the words of the whole text
                assert entry.body == entry_for(publication).body, publication.title
                checked += 1
            entries.append(entry)
        SearchEntry.objects.bulk_create(entries)
    return corrected_example


def search_rows(size: int = 10_000, repeat: int = 20) -> list[tuple[str, float, float]]:
    """Generate ``size`` published reports, then: the search page's p95 for each query, and a public
    report page's p95 (a corrected report, with its correction history), each against its goal."""
    from django.test import Client

    from fazhi.portal.models import SearchEntry

    started = time.perf_counter()
    corrected = generate(size)
    made_s = time.perf_counter() - started
    assert SearchEntry.objects.count() >= size
    client = Client()
    unit = corrected[0].unit

    def page(url: str, params: dict | None = None) -> Callable[[], None]:
        def get() -> None:
            response = client.get(url, params or {})
            assert response.status_code == 200, (url, response.status_code)

        return get

    rows = []
    for query, year in [*QUERIES, (unit.name, None)]:
        params = {"q": query, **({"year": str(year)} if year else {})}
        label = f"search “{query}”" + (f" {year}" if year else "")
        rows.append((f"{label} p95", _p95(page("/public/search/", params), repeat), 200.0))
    report_url = f"/public/units/{unit.pk}/{corrected[0].year}/"
    rows.append(("public report page p95", _p95(page(report_url), repeat), 200.0))
    print(f"{size} published reports generated and indexed in {made_s:.0f} s")
    return rows
