import pytest
import redis
from rest_framework.test import APIClient


@pytest.mark.django_db
def test_throttle_counters_live_in_the_shared_redis(redis_url, settings):
    # Several gunicorn workers must count one client's attempts together, so the
    # counters are kept in Redis, not in each process's memory.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    settings.THROTTLE_AUTH_IP = "2/min"
    server = redis.Redis.from_url(redis_url)
    for key in server.scan_iter("*throttle_auth_ip*"):
        server.delete(key)

    statuses = [
        APIClient(REMOTE_ADDR="192.0.2.7")
        .post("/api/v1/auth/token/", {"username": "x", "password": "y"}, format="json")
        .status_code
        for _ in range(3)
    ]

    assert statuses == [400, 400, 429]
    assert any(True for _ in server.scan_iter("*throttle_auth_ip*"))
