"""`{% illustration_src slug step as src %}`: the URL of an exercise's picture (or a
step's), or "" when the library draws none for it (an entry no longer in the
library, say), so that a page never names a file that is not there."""

from django import template
from django.templatetags.static import static

from exercises.illustrations import every_static_name, static_name
from exercises.library import EXERCISES

register = template.Library()

DRAWN = frozenset(every_static_name(EXERCISES))


@register.simple_tag
def illustration_src(slug: str, step: int | None = None) -> str:
    name = static_name(slug, step or None)
    return static(name) if name in DRAWN else ""
