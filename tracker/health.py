"""`/healthz` (the process lives) and `/readyz` (it can serve: every part it needs answers).

Both answer plain JSON with names only: no user, no count, no error text (an
exception's text can carry a host or a password from a URL). Details go to the
log. Neither needs a session, and neither is throttled: a load balancer polls them.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from reminders import metrics
from tracker.celery import app as celery_app

logger = logging.getLogger(__name__)

# Once every migration is applied it stays so for this process's life (a
# deploy migrates before it starts new processes): the check reads the
# migration files once, not on every probe.
_migrated = False


def check_database() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def check_migrations() -> bool:
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


def check_broker() -> bool:
    with celery_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    return True


def check_cache() -> bool:
    key = "readyz:probe"
    cache.set(key, "ok", timeout=10)
    return cache.get(key) == "ok"


def check_dispatcher() -> bool:
    """True when a dispatcher pass ended within READYZ_DISPATCHER_MAX_AGE_SECONDS (0: no check)."""
    max_age = settings.READYZ_DISPATCHER_MAX_AGE_SECONDS
    if not max_age:
        return True
    last = metrics.dispatch_last_pass()
    return last is not None and time.time() - last <= max_age


CHECKS = {
    "database": check_database,
    "migrations": check_migrations,
    "broker": check_broker,
    "cache": check_cache,
    "dispatcher": check_dispatcher,
}


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    failing = []
    for name, check in CHECKS.items():
        if name == "migrations" and "database" in failing:
            failing.append(name)  # cannot be known without the database
            continue
        try:
            ok = check()
        except Exception:
            logger.warning("readiness check %s failed", name, exc_info=True)
            ok = False
        if not ok:
            failing.append(name)
    if failing:
        return JsonResponse({"status": "unavailable", "failing": failing}, status=503)
    return JsonResponse({"status": "ok"})
