"""Template tags for base.html: the pages' JavaScript catalogue and the locale's week."""

from django import template
from django.utils import translation

from tracker import jsi18n

register = template.Library()


@register.simple_tag
def js_catalogue_url() -> str:
    """Return the active language's catalogue script URL (versioned: see tracker/jsi18n.py)."""
    return jsi18n.catalogue_url(translation.get_language() or "")


@register.simple_tag
def first_day_of_week() -> int:
    """Return the active language's first day of the week, 0 for Sunday."""
    return jsi18n.first_day_of_week()
