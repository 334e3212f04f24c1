"""Sessions: 30 idle minutes sign a user out, without a session write on every request (issue 14).

The expiry is renewed by ``SessionRefreshMiddleware`` at most every five minutes. A page is
requested as a person would (signed in through the form), the clock moved with time-machine.
"""

from __future__ import annotations

import datetime as dt

import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.lib.middleware import SESSION_REFRESH_SECONDS
from fazhi.testing import BaseTestCase


def session_writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


class SessionRefreshTest(BaseTestCase):
    def setUp(self) -> None:
        self.clock = time_machine.travel(timezone.now(), tick=False)  # stopped, then moved by hand
        self.clock.start()
        self.addCleanup(self.clock.stop)
        response = self.client.post("/login/", {"username": "zhang", "password": "Pw-for-tests-1"})
        self.assertRedirects(response, "/")

    def page(self, after: dt.timedelta) -> tuple[int, list[str]]:
        later = timezone.now() + after  # the stopped clock's time, moved on
        self.clock.stop()
        self.clock = time_machine.travel(later, tick=False)
        self.clock.start()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/?year=2024")
        return response.status_code, session_writes(queries)

    def test_the_settings(self):
        self.assertEqual(settings.SESSION_COOKIE_AGE, 30 * 60)
        self.assertFalse(settings.SESSION_SAVE_EVERY_REQUEST)
        self.assertEqual(SESSION_REFRESH_SECONDS, 5 * 60)

    def test_a_request_within_five_minutes_writes_no_session(self):
        for minutes in (1, 2, 1):
            status, writes = self.page(dt.timedelta(minutes=minutes))
            self.assertEqual((status, writes), (200, []))

    def test_after_five_minutes_the_expiry_is_renewed(self):
        status, writes = self.page(dt.timedelta(minutes=5, seconds=1))
        self.assertEqual(status, 200)
        self.assertEqual(len(writes), 1, writes)  # one UPDATE of django_session
        self.assertEqual(self.page(dt.timedelta(minutes=1)), (200, []))

    def test_a_user_active_every_few_minutes_stays_signed_in_past_thirty_minutes(self):
        started = timezone.now()
        for _ in range(10):  # 10 × 4 minutes = 40 minutes
            status, _writes = self.page(dt.timedelta(minutes=4))
            self.assertEqual(status, 200)
        self.assertEqual(timezone.now() - started, dt.timedelta(minutes=40))

    def test_after_thirty_one_idle_minutes_the_user_is_signed_out(self):
        self.assertEqual(self.page(dt.timedelta(minutes=4))[0], 200)  # active, not renewed
        status, _writes = self.page(dt.timedelta(minutes=31))
        self.assertEqual(status, 302)  # to the sign-in page
        response = self.client.get("/?year=2024")
        self.assertIn("/login/", response["Location"])

    def test_a_visitor_without_a_session_is_not_given_one(self):
        self.client.logout()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/login/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(session_writes(queries), [])
