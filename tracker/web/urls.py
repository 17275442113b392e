"""The pages' routes. The API lives under /api/v1/; everything here is HTML
(or, for the manifest and the service worker, what a browser asks for by name)."""

from django.urls import path

from tracker.web import accounts, pwa, today

urlpatterns = [
    path("", accounts.home_page, name="home"),
    path("signup/", accounts.signup_page, name="signup"),
    path("login/", accounts.login_page, name="login"),
    path("logout/", accounts.logout_page, name="logout"),
    path("today/", today.today_page, name="today"),
    path("offline/", pwa.offline_page, name="offline"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service-worker"),
]
