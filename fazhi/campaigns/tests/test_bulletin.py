"""The office's draft 通报 (issue 11, item 6): a .docx in the 公文 format naming, with their counts,
the units that sent late or not at all, were returned, published late or not at all, and the units
commended; only the supervisors of the campaign's region get it.

The campaign is ``SmallCampaign``'s (every date by hand in its docstring); on 14 April 2025:
- sent late: 丁局 (5 March: 3 working days);
- never sent: 戊局 (1 March – 14 April: 21 working days in March, 9 in April, 4 April is 清明: 30);
- returned: 己局 (once);
- published late: 乙局 (7 calendar days), 庚局 (1);
- not published: 戊局 and 己局 (1–14 April: 14 days so far);
- commended (sent on time and published on time): 甲局 only (丁局 published on time but sent late).
"""

from __future__ import annotations

import io

from django.urls import reverse
from docx import Document as WordDocument
from lxml import html

from fazhi.orgs.models import Unit

from .publication_flow import SmallCampaign, at

TITLE = "关于2024年度法治政府建设情况报告报送和公开情况的通报"


class BulletinTest(SmallCampaign):
    def get(self, user):
        self.client.force_login(user)
        with at(self.TODAY):
            return self.client.get(reverse("campaigns:download-bulletin", args=[self.campaign.pk]))

    def text(self, response) -> tuple[WordDocument, str]:
        word = WordDocument(io.BytesIO(response.content))
        return word, "\n".join(p.text for p in word.paragraphs)

    def test_the_draft_names_the_late_units_with_their_counts(self):
        response = self.get(self.han)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response["Content-Type"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        self.assertIn("%E9%80%9A%E6%8A%A5", response["Content-Disposition"])  # 通报, in the file name
        word, text = self.text(response)
        titles = [p.text for p in word.paragraphs if p.style.name == "Title"]
        self.assertEqual("".join(titles), TITLE)
        self.assertEqual(titles, ["关于2024年度法治政府建设情况报告", "报送和公开情况的通报"])
        for line in (
            "本次应报送单位6个。已报送5个，报送率83.3%；其中按时报送4个，按时报送率66.7%；逾期报送1个，未报送1个；",
            "已向社会公开4个，公开率66.7%；其中按时公开2个，按时公开率33.3%；逾期公开2个，未公开2个；公开后更正的单位1个。",
            "（一）逾期报送的单位（1个）\n丁局（逾期3个工作日）。",
            "（二）未报送的单位（1个）\n戊局（截至目前逾期30个工作日）。",
            "三、报告被退回修改的单位（1个）\n己局（退回1次）。",
            "（一）逾期公开的单位（2个）\n乙局（逾期7日）、庚局（逾期1日）。",
            "（二）未公开的单位（2个）\n戊局（截至目前逾期14日）、己局（截至目前逾期14日）。",
            "五、予以表扬的单位（1个）\n以下单位按时报送并按时公开年度报告，予以通报表扬：甲局。",
            "截至2025年4月14日",
            "逾期报送按工作日计算，逾期公开按日历日计算",
        ):
            with self.subTest(line=line):
                self.assertIn(line, text)
        headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
        self.assertEqual([h[:2] for h in headings], ["一、", "二、", "三、", "四、", "五、", "六、"])

    def test_it_is_signed_by_the_office(self):
        _, text = self.text(self.get(self.han))
        self.assertTrue(text.endswith("天津市南开区全面依法治区委员会办公室\n2025年4月14日"), text[-60:])
        Unit.objects.create(
            name="中共天津市南开区委全面依法治区委员会办公室", region=self.region1, is_supervisor_office=True
        )
        _, text = self.text(self.get(self.han))
        self.assertTrue(
            text.endswith("中共天津市南开区委全面依法治区委员会办公室\n2025年4月14日"), text[-60:]
        )

    def test_only_the_supervisors_of_the_region_get_it(self):
        # By hand, as the door answers: the offices over 南开 (韩, and 周 over the whole city) get
        # the draft; the admin reads the board but does not supervise (403); units' people and 河西's
        # clerk may not even read the campaign (404).
        expected = {
            "han": 200,
            "zhou": 200,
            "guanliyuan": 403,
            "zhang": 404,
            "li": 404,
            "wang": 404,
            "chen": 404,
            "nobody": 404,
        }
        cast = (self.han, self.zhou, self.admin, self.zhang, self.li, self.wang, self.chen, self.nobody)
        got = {user.username: self.get(user).status_code for user in cast}
        self.assertEqual(got, expected)
        self.client.logout()
        response = self.client.get(reverse("campaigns:download-bulletin", args=[self.campaign.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertIn("/login/", response["Location"])

    def test_the_board_offers_the_button_with_its_hint_only_to_the_offices(self):
        url = reverse("campaigns:download-bulletin", args=[self.campaign.pk])
        for user, shown in ((self.han, True), (self.zhou, True), (self.admin, False)):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                with at(self.TODAY):
                    page = self.client.get(reverse("campaigns:show-board", args=[self.campaign.pk]))
                links = html.fromstring(page.content.decode()).xpath(f'//a[@href="{url}"]')
                self.assertEqual(len(links), int(shown))
                if shown:
                    self.assertIn("在 Word 中", links[0].get("title"))
