from __future__ import annotations

from django import forms

from .models import DisclosureYear


class DisclosureYearForm(forms.ModelForm):
    class Meta:
        model = DisclosureYear
        fields = DisclosureYear.ENTERED
