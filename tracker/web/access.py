"""Who may see which page: signed-in people of one role, everyone else redirected."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import urlencode

from tracker.mfa import SETUP_REASON, SETUP_URL, second_factor_missing
from tracker.models import Role
from tracker.safety import safety_screen_answered
from tracker.web.navigation import home_url


def role_required(role: str) -> Callable:
    """Send anonymous visitors to log in, and the other role to its own home page.

    A therapist without a second factor is sent to set one up first (the same
    rule as the API's, tracker.mfa.second_factor_missing).
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.user.role != role:
                return redirect(home_url(request.user))
            if second_factor_missing(request.user):
                # Every therapist page shows patient data: none before a second factor.
                messages.info(request, SETUP_REASON)
                return redirect(SETUP_URL + "?" + urlencode({"next": request.get_full_path()}))
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


patient_required = role_required(Role.PATIENT)
therapist_required = role_required(Role.THERAPIST)


def safety_screen_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send a patient who has not answered the safety screen to it, and back here after.

    Put under patient_required: the person is known to be a signed-in patient.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not safety_screen_answered(request.user):
            return redirect("/onboarding/?" + urlencode({"next": request.get_full_path()}))
        return view(request, *args, **kwargs)

    return wrapped
