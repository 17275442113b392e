"""Who is asking: the client's address as seen through the trusted proxies."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """Return the address of the client that sent `request`, for throttles and records.

    With TRUSTED_PROXY_COUNT = 0 (the default) it is the socket's peer,
    REMOTE_ADDR, and X-Forwarded-For is ignored: anybody can write that header,
    so trusting it would let a client pick a fresh address for every attempt.

    Behind N proxies that each append the address they saw to X-Forwarded-For,
    the client is the N-th entry from the right: the entries left of it were
    written by the client and prove nothing. A header with fewer entries than
    proxies (a request that skipped the proxies) falls back to its leftmost entry.
    Takes a Django request or a DRF one (both have META).
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies == 0 or not forwarded:
        return remote_addr
    hops = [hop.strip() for hop in forwarded.split(",")]
    return hops[-min(proxies, len(hops))] or remote_addr
