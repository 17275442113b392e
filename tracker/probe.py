"""Container health checks: `python -m tracker.probe healthz|readyz|dispatcher`.

- `healthz`, `readyz`: ask this container's web process (127.0.0.1:PORT) with
  a Host from ALLOWED_HOSTS, as the proxy would; exit 0 on a 200.
- `dispatcher`: exit 0 when a dispatcher pass ended within
  READYZ_DISPATCHER_MAX_AGE_SECONDS (the same rule as /readyz), for beat's container.
"""

import os
import sys
import time
import urllib.error
import urllib.request


def host_header(allowed_hosts: str) -> str:
    first = next((h.strip() for h in allowed_hosts.split(",") if h.strip()), "localhost")
    return "localhost" if first == "*" else first.lstrip(".")


def http_probe(path: str) -> int:
    port = os.environ.get("PORT", "8000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/{path}",
        headers={"Host": host_header(os.environ.get("ALLOWED_HOSTS", ""))},
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310 - fixed http URL
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError):
        return 1


def dispatcher_probe() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.conf import settings

    from reminders import metrics

    last = metrics.dispatch_last_pass()
    max_age = settings.READYZ_DISPATCHER_MAX_AGE_SECONDS or 180
    return 0 if last is not None and time.time() - last <= max_age else 1


def main(argv: list[str]) -> int:
    if argv[1:] in (["healthz"], ["readyz"]):
        return http_probe(argv[1])
    if argv[1:] == ["dispatcher"]:
        return dispatcher_probe()
    print("usage: python -m tracker.probe healthz|readyz|dispatcher", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
