"""Sign up, log in and log out in the browser (a session cookie, not an API token)."""

from allauth.account.forms import LoginForm
from allauth.account.utils import perform_login
from django.contrib import admin
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tracker import services
from tracker.api.serializers import RegisterSerializer
from tracker.api.throttles import AuthIPThrottle, AuthUsernameThrottle
from tracker.languages import signup_language
from tracker.models import Profile, Role
from tracker.web.care import after_signup_url, pending_invite_code
from tracker.web.navigation import home_url
from tracker.web.throttling import page_throttled
from tracker.web.timezone_picker import zone_choices


def _next_url(request: HttpRequest, user) -> str:
    target = request.POST.get("next") or request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return home_url(user)


def _too_many(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    context["errors"] = {"form": [_("Too many attempts. Please wait a minute and try again.")]}
    return render(request, template, context, status=429)


@require_http_methods(["GET", "POST"])
def signup_page(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(home_url(request.user))
    context = {
        "values": request.POST,
        "errors": {},
        "roles": Role.choices,
        "profiles": Profile.choices,
        "timezones": zone_choices(),
        "invite_pending": bool(pending_invite_code(request)),
    }
    if request.method == "GET":
        return render(request, "tracker/signup.html", context)
    if page_throttled(request, (AuthIPThrottle(), AuthUsernameThrottle())):
        return _too_many(request, "tracker/signup.html", context)
    incoming = RegisterSerializer(data=request.POST)
    if not incoming.is_valid():
        context["errors"] = incoming.errors
        return render(request, "tracker/signup.html", context, status=400)
    fields = dict(incoming.validated_data)
    fields["language"] = signup_language(request, fields.get("language", ""))
    try:
        user = services.account_create(**fields)
    except services.UsernameTaken as taken:
        context["errors"] = {"username": [taken.message]}
        return render(request, "tracker/signup.html", context, status=400)
    # Through allauth, so that its login stages run (verification e-mail, second factor).
    return perform_login(
        request,
        user,
        redirect_url=after_signup_url(
            request, user, "/onboarding/" if user.role == Role.PATIENT else home_url(user)
        ),
        signup=True,
        email=user.email or None,
    )


@require_http_methods(["GET", "POST"])
def login_page(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_next_url(request, request.user))
    context = {
        "values": request.POST,
        "errors": {},
        "next": request.GET.get("next", ""),
        "invite_pending": bool(pending_invite_code(request)),
    }
    if request.method == "GET":
        return render(request, "tracker/login.html", context)
    context["next"] = request.POST.get("next", "")
    if page_throttled(request, (AuthIPThrottle(), AuthUsernameThrottle())):
        return _too_many(request, "tracker/login.html", context)
    form = LoginForm(
        data={
            "login": request.POST.get("username", ""),
            "password": request.POST.get("password", ""),
        },
        request=request,
    )
    if not form.is_valid():
        context["errors"] = {"form": [_login_refusal(form)]}
        status = 429 if _is_locked_out(form) else 400
        return render(request, "tracker/login.html", context, status=status)
    # allauth's login runs its stages (the second factor, e-mail verification)
    # and answers with where to go next: the target, or the next stage's page.
    return form.login(request, redirect_url=_next_url(request, form.user))


def _is_locked_out(form: LoginForm) -> bool:
    return any(error.code == "too_many_login_attempts" for error in form.non_field_errors().data)


def _login_refusal(form: LoginForm) -> str:
    if _is_locked_out(form):
        return _(
            "Too many failed attempts for this account. Wait a few minutes, or reset your password."
        )
    # One message whether the username exists or not.
    return _("That username and password do not match.")


def admin_login_page(request: HttpRequest) -> HttpResponse:
    """Django admin's login form behind the same throttles as the API's log-in.

    The admin is a way in to every account's data; its form must not be a way
    around the per-address and per-username limits.
    """
    if request.method == "POST" and page_throttled(
        request, (AuthIPThrottle(), AuthUsernameThrottle())
    ):
        return HttpResponse(
            _("Too many attempts. Please wait a minute and try again."),
            status=429,
            content_type="text/plain; charset=utf-8",
            headers={"Retry-After": "60"},
        )
    return admin.site.login(request)


@require_POST
def logout_page(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("/login/")


def home_page(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(home_url(request.user))
    return redirect("/login/")
