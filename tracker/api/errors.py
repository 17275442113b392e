"""Django's error views, answering in JSON under /api/ (the API's only format).

DRF turns errors raised inside its views into JSON itself. These cover what
happens before a view runs or outside DRF: a URL that matches no route (an id
that fails its path converter), a refused Host, a failed CSRF check, a crash.
"""

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.csrf import csrf_failure as html_csrf_failure
from rest_framework import status
from rest_framework.exceptions import APIException, PermissionDenied

MFA_REQUIRED = "mfa_required"


class SecondFactorRequired(PermissionDenied):
    """403 for a therapist without a second factor: a body with `detail` and a
    machine-readable `code`, so that an app can send them to set one up."""

    default_detail = {
        "detail": _(
            "Set up two-step sign-in (an authenticator app) before you can see patient data."
        ),
        "code": MFA_REQUIRED,
    }


class SecondStepRequired(APIException):
    """401 from auth/token/ for an account with a second factor and no valid `otp`.

    Not AuthenticationFailed: DRF turns that into 403 on a view without
    authentication classes, and this one is a request for more credentials.
    """

    status_code = status.HTTP_401_UNAUTHORIZED
    default_detail = {
        "detail": _(
            "This account has two-step sign-in: send `otp`, a code from the "
            "authenticator app or an unused recovery code."
        ),
        "code": MFA_REQUIRED,
    }


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    if _is_api(request):
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    return defaults.bad_request(request, exception, template_name)


def permission_denied(request, exception, template_name=defaults.ERROR_403_TEMPLATE_NAME):
    if _is_api(request):
        return JsonResponse({"detail": _("You do not have permission to do this.")}, status=403)
    return defaults.permission_denied(request, exception, template_name)


def page_not_found(request, exception, template_name=defaults.ERROR_404_TEMPLATE_NAME):
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception, template_name)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    if _is_api(request):
        return JsonResponse({"detail": _("Server error.")}, status=500)
    return defaults.server_error(request, template_name)


def csrf_failure(request, reason=""):
    if _is_api(request):
        return JsonResponse({"detail": f"CSRF failed: {reason}"}, status=403)
    return html_csrf_failure(request, reason)
