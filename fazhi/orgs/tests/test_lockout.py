"""Sign-in lockout by user name, with a separate, higher limit per address (fazhi/orgs/lockout.py).

Everyone here signs in from one address, as a government intranet's people do behind its gateway.
"""

from __future__ import annotations

import datetime as dt

import time_machine
from django.conf import settings

from fazhi.testing import BaseTestCase

OFFICE = "10.8.0.1"  # the intranet's one address
HOME = "192.0.2.7"
T0 = dt.datetime(2025, 3, 10, 1, 0, tzinfo=dt.UTC)  # 09:00 in Shanghai
RIGHT = "Pw-for-tests-1"


class LockoutTest(BaseTestCase):
    def sign_in(self, username: str, password: str = RIGHT, *, at: dt.datetime = T0, address: str = OFFICE):
        with time_machine.travel(at, tick=False):
            self.client.logout()
            return self.client.post(
                "/login/", {"username": username, "password": password}, REMOTE_ADDR=address
            )

    def fail(self, username: str, times: int, *, at: dt.datetime = T0, address: str = OFFICE) -> None:
        for _ in range(times):
            self.sign_in(username, "wrong", at=at, address=address)

    def assert_signed_in(self, response) -> None:
        self.assertRedirects(response, "/", fetch_redirect_response=False)

    def test_five_wrong_passwords_lock_that_name_and_nobody_else_behind_the_address(self):
        self.fail("zhang", 5)
        locked = self.sign_in("zhang")
        self.assertEqual(locked.status_code, 429)
        self.assertContains(locked, "账号“zhang”密码连续输错次数过多（5次），账号已被锁定", status_code=429)
        self.assertContains(locked, "其他账号不受影响", status_code=429)
        self.assert_signed_in(self.sign_in("li"))  # same address, another person
        self.assert_signed_in(self.sign_in("wang"))
        # The name is locked wherever it signs in from.
        self.assertEqual(self.sign_in("zhang", address=HOME).status_code, 429)

    def test_the_locked_out_user_is_told_when_to_try_again_and_may_then(self):
        self.fail("zhang", 5)
        later = T0 + dt.timedelta(minutes=10)
        locked = self.sign_in("zhang", at=later)
        self.assertContains(
            locked, "请于 <strong>2025-03-10 09:30</strong>（约20分钟后）再试", status_code=429
        )
        # Trying again while locked neither unlocks nor moves the time.
        self.fail("zhang", 3, at=T0 + dt.timedelta(minutes=20))
        self.assertContains(
            self.sign_in("zhang", at=T0 + dt.timedelta(minutes=25)), "2025-03-10 09:30", status_code=429
        )
        self.assert_signed_in(self.sign_in("zhang", at=T0 + dt.timedelta(minutes=30, seconds=1)))

    def test_many_names_tried_from_one_address_lock_the_address_at_its_own_limit(self):
        limit = settings.FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT
        self.assertGreater(limit, settings.AXES_FAILURE_LIMIT)
        names = [f"guess{i}" for i in range(limit)]
        for name in names[: limit - 1]:
            self.fail(name, 1)
        self.assert_signed_in(self.sign_in("li"))  # one short of the address's limit: people still sign in
        self.fail(names[-1], 1)
        sprayed = self.sign_in("li")
        self.assertEqual(sprayed.status_code, 429)
        self.assertContains(sprayed, f"从您所在的网络地址登录失败的次数过多（{limit}次）", status_code=429)
        self.assertContains(sprayed, "请于 <strong>2025-03-10 09:30</strong>", status_code=429)
        self.assert_signed_in(self.sign_in("li", address=HOME))  # the person is not locked, the address is

    def test_a_successful_sign_in_clears_that_names_failures_only(self):
        self.fail("zhang", 4)
        self.fail("guess", 4)
        self.assert_signed_in(self.sign_in("zhang"))
        self.fail("zhang", 4)
        self.assert_signed_in(self.sign_in("zhang"))  # 4 + 4 would have been 8: the success cleared them
        self.fail("guess", 1)
        self.assertEqual(self.sign_in("guess", "wrong").status_code, 429)

    def test_the_admin_sign_in_locks_by_name_too(self):
        self.admin.is_staff = self.admin.is_superuser = True
        self.admin.save()
        with time_machine.travel(T0, tick=False):
            self.client.logout()
            for _ in range(5):
                self.client.post(
                    "/admin/login/", {"username": "guanliyuan", "password": "wrong"}, REMOTE_ADDR=OFFICE
                )
            locked = self.client.post("/admin/login/", {"username": "guanliyuan", "password": RIGHT})
        self.assertContains(locked, "账号“guanliyuan”", status_code=429)
        self.assert_signed_in(self.sign_in("zhang"))
