import json

from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No request body of ours nests deeper than a handful of levels (a plan's items,
# their doses); a body far deeper is refused before any code walks it.
MAX_JSON_DEPTH = 32


def _depth(data) -> int:
    """Return how deeply `data` nests lists and objects, without recursing."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth)
            stack.extend((item, depth + 1) for item in value)
    return deepest


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing text that is not valid Unicode or nests too deeply.

    JSON can spell a lone UTF-16 surrogate ("\\ud800"), which Python keeps in a
    str that cannot be encoded as UTF-8: echoing it in an error message, hashing
    it or storing it would fail with a 500. Such a body is a 400 before any view
    sees it. (Form bodies cannot carry one: Django decodes them with errors="replace".)

    A body nested thousands deep makes the parser itself, or any code that walks
    the result, hit Python's recursion limit: it is a 400 as well.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise self._too_deep() from None
        if _depth(data) > MAX_JSON_DEPTH:
            raise self._too_deep()
        try:
            json.dumps(data, ensure_ascii=False).encode()
        except UnicodeEncodeError:
            raise ParseError(
                "JSON parse error - text must be valid Unicode (a lone surrogate is not)."
            ) from None
        return data

    @staticmethod
    def _too_deep() -> ParseError:
        return ParseError(f"JSON parse error - nested more than {MAX_JSON_DEPTH} levels deep.")
