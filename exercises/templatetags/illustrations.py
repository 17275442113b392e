"""`{% illustration_src slug step %}`: the URL of an exercise's picture (or a step's)."""

from django import template
from django.templatetags.static import static

from exercises.illustrations import static_name

register = template.Library()


@register.simple_tag
def illustration_src(slug: str, step: int | None = None) -> str:
    return static(static_name(slug, step or None))
