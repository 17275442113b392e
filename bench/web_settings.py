"""Settings for bench/web.py only: the product's settings, with the bench's URLconf.

The bare DRF create endpoint that `PUT /api/v1/logs/{id}/` is compared with is
mounted by bench/web_urls.py, never by the product's own URLs.
"""

from tracker.settings import *  # noqa: F403

ROOT_URLCONF = "bench.web_urls"
