from __future__ import annotations

import json

from fazhi.records.models import StudySession
from fazhi.testing import BaseTestCase


class ApiTest(BaseTestCase):
    def test_it_serves_figures_with_the_catalogue_codes(self):
        self.make_study(self.unit_a, form="executive_meeting")
        self.client.force_login(self.han)
        figures = {
            f["indicator"]: f["value"]
            for f in self.client.get(f"/api/units/{self.unit_a.pk}/figures?year=2024").json()
        }
        self.assertEqual(figures["study.executive_meeting"], 1)
        self.assertEqual(figures["study.lecture"], 0)

    def test_it_creates_a_record_and_reports_bad_fields_in_chinese(self):
        self.client.force_login(self.zhang)
        url = f"/api/units/{self.unit_a.pk}/records/study"
        bad = self.client.post(
            url,
            json.dumps({"date": "昨天", "title": "x", "form": "lecture"}),
            content_type="application/json",
        )
        self.assertEqual(bad.status_code, 400)
        self.assertEqual(bad.json()["errors"]["date"], ["输入一个有效的日期。"])
        good = self.client.post(
            url,
            json.dumps({"date": "2024-05-06", "title": "学法", "form": "lecture"}),
            content_type="application/json",
        )
        self.assertEqual(good.status_code, 201)
        self.assertEqual(good.json()["form_display"], "法治专题讲座")
        self.assertEqual(StudySession.objects.get().created_by, self.zhang)

    def test_it_paginates_record_lists(self):
        for i in range(3):
            self.make_study(self.unit_a, title=f"学法{i}")
        self.client.force_login(self.zhang)
        body = self.client.get(f"/api/units/{self.unit_a.pk}/records/study?year=2024").json()
        self.assertEqual((body["count"], body["page"], len(body["results"])), (3, 1, 3))
        self.assertEqual(self.client.get(f"/api/units/{self.unit_a.pk}/records/nosuchkind").status_code, 404)

    def test_it_serves_the_openapi_schema(self):
        schema = self.client.get("/api/openapi.json").json()
        self.assertIn("/api/units/{unit_id}/figures", schema["paths"])
