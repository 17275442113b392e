import json

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing text that is not valid Unicode.

    JSON can spell a lone UTF-16 surrogate ("\\ud800"), which Python keeps in a
    str that cannot be encoded as UTF-8: echoing it in an error message, hashing
    it or storing it would fail with a 500. Such a body is a 400 before any view
    sees it. (Form bodies cannot carry one: Django decodes them with errors="replace".)
    """

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        try:
            json.dumps(data, ensure_ascii=False).encode()
        except UnicodeEncodeError:
            raise ParseError(
                "JSON parse error - text must be valid Unicode (a lone surrogate is not)."
            ) from None
        return data
