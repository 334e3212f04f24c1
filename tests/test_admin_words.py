"""Every label the admin reads in /admin/ is Chinese: app and model names, columns, filters, form labels."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext, override, pgettext

from fazhi.deadlines.tests.helpers import D, DeadlinesTestCase

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
CJK = re.compile(r"[\u4e00-\u9fff]")
# What an untranslated model, app or column looks like.
ENGLISH = [
    "Orgs",
    "Records",
    "Reports",
    "Campaigns",
    "Deadlines",
    "Inbox",
    "Portal",
    "Axes",
    "Tasks",
    "Region",
    "Unit",
    "Role",
    "Calendar year",
    "Due item",
    "Workflow step",
    "Access attempt",
    "Access log",
    "Access failure",
    "Task result",
    "Expiration",
    "Status",
    "Run after",
    "Traceback",
]
ALLOWED = {"ID", "IP"}  # words a Chinese admin reads as they are


class Labels(HTMLParser):
    """The texts a reader reads as labels: captions, headings, column heads, form labels, filter titles
    (not the rows' values: a username is no label)."""

    TAGS = {"caption", "label", "h2", "h3", "legend"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[list[str]] = []
        self.labels: list[str] = []
        self.in_head = False

    def is_label(self, tag: str) -> bool:
        return tag in self.TAGS or (tag == "th" and self.in_head)

    def handle_starttag(self, tag, attrs) -> None:
        self.in_head = self.in_head or tag == "thead"
        if self.is_label(tag):
            self.open.append([])

    def handle_endtag(self, tag) -> None:
        if tag == "thead":
            self.in_head = False
        elif self.is_label(tag) and self.open:
            text = " ".join("".join(self.open.pop()).split())
            if text:
                self.labels.append(text)

    def handle_data(self, data) -> None:
        for parts in self.open:
            parts.append(data)


def labels_of(html: str) -> list[str]:
    parser = Labels()
    parser.feed(html)
    return parser.labels


def catalogue() -> list[tuple[str, str, str]]:
    """(context, msgid, msgstr) of each entry of our .po file (one line each)."""
    entries, context, msgid = [], "", ""
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        key, _, quoted = line.partition(" ")
        if key in ("msgctxt", "msgid", "msgstr"):
            text = quoted[1:-1].replace('\\"', '"')
            if key == "msgctxt":
                context = text
            elif key == "msgid":
                msgid = text
            elif msgid:
                entries.append((context, msgid, text))
                context = ""
    return entries


def english(label: str) -> bool:
    words = re.findall(r"[A-Za-z]{2,}", label)
    return bool(words) and not CJK.search(label) and not set(words) <= ALLOWED


class AdminWordsTest(DeadlinesTestCase):
    def setUp(self) -> None:
        self.admin.is_staff = self.admin.is_superuser = True
        self.admin.save()
        self.client.force_login(self.admin)
        self.step(self.request(self.unit_a, D(2025, 12, 1)), "register", D(2025, 12, 1))  # a step, a due item
        self.values: set[str] = set()

    def pages(self) -> list[str]:
        """The index; each registered model's list and add page, and its first row's page and history."""
        urls = [reverse("admin:index")]
        for model in admin.site._registry:
            name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
            urls += [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
            first = model._default_manager.order_by("pk").first()
            if first is not None:
                urls += [
                    reverse(f"{name}_change", args=[first.pk]),
                    reverse(f"{name}_history", args=[first.pk]),
                ]
                self.values.add(str(first))  # the page's title: a username is no label
        return urls

    def test_every_registered_model_and_its_app_has_a_chinese_name(self):
        for model in admin.site._registry:
            meta = model._meta
            with self.subTest(model=meta.label):
                self.assertRegex(str(apps.get_app_config(meta.app_label).verbose_name), CJK)
                self.assertRegex(str(meta.verbose_name), CJK)
                self.assertRegex(str(meta.verbose_name_plural), CJK)

    def test_every_field_of_a_registered_model_has_a_chinese_label(self):
        for model in admin.site._registry:
            for field in model._meta.concrete_fields:
                if field.primary_key and not field.is_relation:
                    continue
                with self.subTest(field=f"{model._meta.label}.{field.name}"):
                    self.assertRegex(str(field.verbose_name), CJK)

    def test_the_admin_pages_show_no_english_label(self):
        for url in self.pages():
            with self.subTest(url=url):
                response = self.client.get(url)
                if response.status_code == 403:  # no add page for computed rows
                    continue
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                labels = [label for label in labels_of(html) if label not in self.values]
                self.assertEqual([label for label in labels if english(label)], [])
                for word in ENGLISH:
                    self.assertNotRegex(html, rf">\s*{word}s?\s*<")

    def test_the_deadlines_computed_rows_read_by_name_not_by_code(self):
        steps = self.client.get(reverse("admin:deadlines_workflowstep_changelist")).content.decode()
        self.assertRegex(steps, r'<th class="field-step"><a href="[^"]+">登记</a></th>')
        self.assertIn('<a href="?code=register">登记</a>', steps)
        due = self.client.get(reverse("admin:deadlines_dueitem_changelist")).content.decode()
        self.assertIn('<a href="?rule=disclosure-reply">依申请公开答复</a>', due)


def test_every_translation_of_our_catalogue_is_in_force():
    """The compiled django.mo says what django.po says (run compilemessages after editing it)."""
    entries = catalogue()
    assert len(entries) > 40
    with override("zh-hans"):
        for context, msgid, msgstr in entries:
            assert (pgettext(context, msgid) if context else gettext(msgid)) == msgstr, msgid
