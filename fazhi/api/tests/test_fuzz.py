"""Schemathesis over ``/api/openapi.json``: requests made from the schema, valid and invalid, get no 5xx.

Bounded and deterministic: a fixed number of examples per run, generated with Hypothesis derandomized
(the same cases every run, no example database), sent through Django's test client as a signed-in
clerk, in well under a minute. The named cases of the issue come first, each from the request that
failed.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from fazhi.records.models import StudySession
from fazhi.testing import BaseTestCase

HUGE = 10**30
EXAMPLES = 40  # per strategy: four of them, about 160 requests


class ApiEdgeTest(BaseTestCase):
    """Each failing request of the issue, answered 400/404 with a Chinese message."""

    def setUp(self) -> None:
        self.client.force_login(self.zhang)
        self.url = f"/api/units/{self.unit_a.pk}/records/study"

    def post(self, payload) -> dict:
        response = self.client.post(self.url, json.dumps(payload), content_type="application/json")
        self.assertEqual(response.status_code, 400, response.content)
        return response.json()

    def test_a_date_that_is_not_a_string_is_a_field_error(self):
        for date in (20240601, 2024.5, True, None):
            with self.subTest(date=date):
                body = self.post({"date": date, "title": "学法", "form": "lecture"})
                self.assertEqual(body["detail"], "数据有误")
                self.assertIn("date", body["errors"])
        self.assertFalse(StudySession.objects.exists())

    def test_a_list_or_an_object_as_a_value_is_refused_by_name(self):
        for value in (["2024-06-01"], {"y": 2024}):
            with self.subTest(value=value):
                body = self.post({"date": value, "title": "学法", "form": "lecture"})
                self.assertIn("日期", body["detail"])
                self.assertIn("不能是列表或对象", body["detail"])

    def test_numbers_are_taken_as_a_form_takes_them(self):
        response = self.client.post(
            self.url,
            json.dumps({"date": "2024-06-01", "title": 2024, "form": "lecture", "attendees": 30}),
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(StudySession.objects.get().title, "2024")
        self.assertIn(
            "attendees", self.post({"date": "2024-06-01", "title": "x", "attendees": HUGE})["errors"]
        )

    def test_a_year_out_of_range_is_a_message(self):
        for year in (0, 1999, 2101, 99999, HUGE, "abc"):
            with self.subTest(year=year):
                for url in (f"/api/units/{self.unit_a.pk}/figures?year={year}", f"{self.url}?year={year}"):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 400, url)
                    self.assertIn("年份", response.json()["detail"])

    def test_a_page_beyond_the_integers_is_a_message(self):
        for page in (0, -1, HUGE, "abc"):
            response = self.client.get(f"{self.url}?page={page}")
            self.assertEqual(response.status_code, 400)
            self.assertIn("页码", response.json()["detail"])

    def test_ids_beyond_64_bits_are_a_message_not_a_crash(self):
        for url in (
            f"/api/units/{HUGE}/figures?year=2024",
            f"/api/units/{HUGE}/records/study/1",
            f"/api/units/{self.unit_a.pk}/records/study/{HUGE}",
            f"/api/units/{2**63}/records/study",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 400, url)
                self.assertIn("编号不能大于", response.json()["detail"])

    def test_unknown_things_are_not_found_in_chinese(self):
        response = self.client.get(f"/api/units/{self.unit_a.pk}/records/nosuchkind")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()["detail"], "没有这种台账")
        self.client.logout()
        self.assertEqual(self.client.get("/api/units").json()["detail"], "请先登录。")

    def test_a_body_that_is_not_json_is_a_message(self):
        for body in ("{", "[1, 2]", '"x"'):
            response = self.client.post(self.url, body, content_type="application/json")
            self.assertEqual(response.status_code, 400, body)
            self.assertRegex(response.json()["detail"], "请求")


class SchemathesisTest(BaseTestCase):
    """The whole schema, as schemathesis generates it, and the clerk's own unit and ledger."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.make_study(cls.unit_a)

    def setUp(self) -> None:
        self.client.force_login(self.zhang)
        self.schema = schemathesis.openapi.from_dict(self.client.get("/api/openapi.json").json())
        self.answers: dict[int, int] = {}

    def send(self, case) -> None:
        kwargs = case.as_transport_kwargs(base_url="http://testserver")
        url = urlsplit(kwargs["url"])
        path = url.path + (f"?{urlencode(kwargs['params'], doseq=True)}" if kwargs.get("params") else "")
        body = kwargs.get("json", kwargs.get("data"))
        if "json" in kwargs:
            body = json.dumps(body)
        headers = {k: v for k, v in (kwargs.get("headers") or {}).items() if k.lower() != "content-type"}
        content_type = (kwargs.get("headers") or {}).get("Content-Type", "application/json")
        response = self.client.generic(
            kwargs["method"], path, body or "", content_type=content_type, headers=headers
        )
        self.answers[response.status_code] = self.answers.get(response.status_code, 0) + 1
        self.assertLess(response.status_code, 500, f"{kwargs['method']} {path} {body!r}")

    def run_strategy(self, strategy) -> None:
        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            self.send(case)

        check()

    def test_no_generated_request_gets_a_server_error(self):
        own = {"unit_id": self.unit_a.pk, "kind": "study"}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            self.run_strategy(self.schema.as_strategy(generation_mode=mode))
            self.run_strategy(self.schema.as_strategy(generation_mode=mode, path_parameters=own))
        print(self.answers)
        self.assertGreaterEqual(sum(self.answers.values()), 4 * EXAMPLES)
        # The clerk's own ledger was reached, not only refusals and not-found answers.
        self.assertTrue(self.answers.get(200) and self.answers.get(400), self.answers)
