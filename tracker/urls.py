from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from tracker import health, jsi18n, metrics, pages
from tracker.web.accounts import admin_login_page

urlpatterns = [
    # Probes for the load balancer and the orchestrator; see tracker/health.py.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    # Before admin.site.urls, which would route the form to the unthrottled view.
    path("admin/login/", admin_login_page, name="admin-login"),
    path("admin/", admin.site.urls),
    # The pages' JavaScript catalogue, one versioned file per language (not a page).
    path("jsi18n/<str:language>/", jsi18n.js_catalogue, name="js-catalogue"),
    path("reminders/<int:delivery_id>/", pages.delivery_page, name="delivery-page"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file (?script): no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("api/v1/", include("exercises.api.urls")),
    path("api/v1/", include("tracker.api.urls")),
    path("api/v1/", include("reminders.api.urls")),
    # Sign-up and log-in are our own pages (tracker/web/accounts.py), which run
    # allauth's flows; its duplicates redirect there.
    path("accounts/login/", RedirectView.as_view(url="/login/", query_string=True)),
    path("accounts/signup/", RedirectView.as_view(url="/signup/", query_string=True)),
    # Our "Signed-in devices" lists API tokens as well as allauth's browser sessions.
    path("accounts/sessions/", RedirectView.as_view(url="/account/devices/")),
    path("accounts/", include("allauth.urls")),
    path("", include("tracker.web.urls")),
]

# JSON rather than HTML pages for errors under /api/; see tracker/api/errors.py.
handler400 = "tracker.api.errors.bad_request"
handler403 = "tracker.api.errors.permission_denied"
handler404 = "tracker.api.errors.page_not_found"
handler500 = "tracker.api.errors.server_error"
