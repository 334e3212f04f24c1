from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "fazhi.home"
    verbose_name = "首页"
