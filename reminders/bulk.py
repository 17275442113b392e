"""The dispatcher's and the sender's bulk statements, with a portable path for SQLite.

On PostgreSQL each is a single statement over arrays (`unnest`): a batch of
1,000 rows is a handful of parameters for the driver to send, not 8,000, and
no model instance is built. SQLite (`make run`, the default test database)
gets the same statements with VALUES lists, in chunks under its parameter limit.
"""

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from reminders.models import ChannelSend, Delivery, DeliveryState, Schedule


class NewDelivery(NamedTuple):
    user_id: int
    schedule_id: int | None
    drive_id: int | None
    kind: str
    due_at: datetime
    routine_id: int | None
    channels: list[str]
    state: str
    enqueued_at: datetime | None


class Advance(NamedTuple):
    schedule_id: int
    next_fire_at: datetime | None
    last_fired_at: datetime | None
    snoozed_until: datetime | None


_INSERT_COLUMNS = (
    "user_id, schedule_id, drive_id, kind, due_at, routine_id, channels, state, enqueued_at, "
    "attempts, last_error, action, created_at"
)
# Rows per statement on SQLite: 10 parameters each, under the old limit of 999.
_SQLITE_CHUNK = 90


def deliveries_insert(rows: Sequence[NewDelivery]) -> list[tuple[int, str]]:
    """Insert the deliveries; return (id, state) of those inserted.

    A row that would break a unique constraint (a delivery for that schedule
    or drive and due instant exists already) is left out, not an error: the
    reminder is in the database either way, and only new rows are enqueued.
    """
    return deliveries_insert_begin(rows)()


def deliveries_insert_begin(rows: Sequence[NewDelivery]) -> Callable[[], list[tuple[int, str]]]:
    """Send the insert of deliveries_insert; return a function that waits for its result.

    Inside pipelined() on PostgreSQL the statement is sent and the caller goes
    on while PostgreSQL runs it; elsewhere it has run when this returns.
    """
    if not rows:
        return list
    table = Delivery._meta.db_table
    created_at = timezone.now()
    if connection.vendor == "postgresql":
        columns = list(zip(*rows, strict=True))
        # A batch holds few distinct channel lists: each is written out once.
        texts: dict[tuple[str, ...], str] = {}
        columns[6] = [
            texts.get(key) or texts.setdefault(key, json.dumps(channels))
            for channels in columns[6]
            for key in (tuple(channels),)
        ]
        sql = (
            f"INSERT INTO {table} ({_INSERT_COLUMNS}) "  # noqa: S608 - our table
            "SELECT u, s, d, k, due, r, c::jsonb, st, e, 0, '', '', %b FROM unnest("
            "%b::bigint[], %b::bigint[], %b::bigint[], %b::text[], %b::timestamptz[], "
            "%b::bigint[], %b::text[], %b::text[], %b::timestamptz[]"
            ") AS v(u, s, d, k, due, r, c, st, e) "
            "ON CONFLICT DO NOTHING RETURNING id, state"
        )
        cursor = binary_cursor()
        cursor.execute(sql, [created_at, *(list(column) for column in columns)])

        def result() -> list[tuple[int, str]]:
            with cursor:
                return list(cursor.fetchall())

        return result
    inserted = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _SQLITE_CHUNK):
            chunk = rows[start : start + _SQLITE_CHUNK]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s, 0, '', '', %s)"] * len(chunk))
            params = [
                _portable(value)
                for row in chunk
                for value in (*row[:6], json.dumps(row.channels), *row[7:], created_at)
            ]
            cursor.execute(
                f"INSERT INTO {table} ({_INSERT_COLUMNS}) VALUES {values} "  # noqa: S608 - our table
                "ON CONFLICT DO NOTHING RETURNING id, state",
                params,
            )
            inserted.extend(cursor.fetchall())
    return lambda: inserted


@contextmanager
def pipelined() -> Iterator[None]:
    """Run the statements inside in PostgreSQL's pipeline mode (elsewhere as usual).

    A statement is sent without waiting for the one before to finish, so the
    caller's Python work overlaps PostgreSQL's; an error is raised when a result
    is read or at the end of the block, and fails the transaction as usual.
    """
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    with connection.connection.pipeline():
        yield


def binary_cursor():
    """Return a psycopg cursor binding parameters on the server, in binary.

    Django's own cursor on PostgreSQL binds on the client: it would spell out
    every element of the arrays as quoted text, which for 1,000 rows costs more
    than the statement. This cursor shares the connection and its transaction.
    """
    import psycopg

    connection.ensure_connection()
    return psycopg.Cursor(connection.connection)


def _portable(value):
    # Stored the way the ORM stores it (SQLite: naive UTC text), so that equality,
    # ordering and the unique constraint compare like with like.
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def schedules_advance(rows: Sequence[Advance]) -> None:
    """Write each schedule's next fire, last fire and snooze, in one statement on PostgreSQL."""
    if not rows:
        return
    table = Schedule._meta.db_table
    if connection.vendor == "postgresql":
        with binary_cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS s SET next_fire_at = v.next, last_fired_at = v.last, "  # noqa: S608 - our table
                "snoozed_until = v.snooze FROM unnest(%b::bigint[], %b::timestamptz[], "
                "%b::timestamptz[], %b::timestamptz[]) AS v(id, next, last, snooze) "
                "WHERE s.id = v.id",
                [list(column) for column in zip(*rows, strict=True)],
            )
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET next_fire_at = %s, last_fired_at = %s, snoozed_until = %s "  # noqa: S608 - our table
            "WHERE id = %s",
            [
                (_portable(nxt), _portable(last), _portable(snooze), pk)
                for pk, nxt, last, snooze in rows
            ],
        )


def sends_record(rows: Sequence[tuple[int, bool, str]], *, finished: datetime) -> None:
    """Write each channel send's outcome (id, ok, error), in one statement on PostgreSQL.

    A send chunk's hundred outcomes were a hundred UPDATEs (pipelined, but each
    parsed, planned and run on the same two cores as the sending).
    """
    if not rows:
        return
    table = ChannelSend._meta.db_table
    if connection.vendor == "postgresql":
        with binary_cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS c SET ok = v.ok, error = v.error, finished_at = %b "  # noqa: S608 - our table
                "FROM unnest(%b::bigint[], %b::boolean[], %b::text[]) AS v(id, ok, error) "
                "WHERE c.id = v.id",
                [finished, *(list(column) for column in zip(*rows, strict=True))],
            )
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET ok = %s, finished_at = %s, error = %s WHERE id = %s",  # noqa: S608 - our table
            [(ok, _portable(finished), error, pk) for pk, ok, error in rows],
        )


def deliveries_lease(
    delivery_ids: Sequence[int], *, now: datetime, lease_until: datetime
) -> list[int] | None:
    """Lease the pending deliveries no other task holds, in one statement; return their ids.

    A delivery leased by another task (lease_until after `now`) or locked by
    one right now (SKIP LOCKED) is left alone. Returns None off PostgreSQL,
    where the caller takes its portable path.
    """
    if connection.vendor != "postgresql":
        return None
    table = Delivery._meta.db_table
    with binary_cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET lease_until = %b, attempts = attempts + 1 "  # noqa: S608 - our table
            f"WHERE id IN (SELECT id FROM {table} WHERE id = ANY(%b::bigint[]) "
            "AND state = %b AND (lease_until IS NULL OR lease_until < %b) "
            "FOR UPDATE SKIP LOCKED) RETURNING id",
            [lease_until, list(delivery_ids), DeliveryState.PENDING, now],
        )
        return [row[0] for row in cursor.fetchall()]


def sends_start(rows: Sequence[tuple[int, str, str]]) -> list[int]:
    """Record a channel send about to start for each (delivery id, channel, target); return ids.

    The ids come back in the order of `rows`. One statement on PostgreSQL with
    no model instances: a chunk's hundred sends were a hundred ChannelSends
    built and a hundred rows of parameters spelled out by the driver.
    """
    if not rows:
        return []
    if connection.vendor != "postgresql":
        sends = ChannelSend.objects.bulk_create(
            ChannelSend(delivery_id=d, channel=c, target=t) for d, c, t in rows
        )
        return [send.pk for send in sends]
    table = ChannelSend._meta.db_table
    with binary_cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (delivery_id, channel, target, started_at, error) "  # noqa: S608 - our table
            "SELECT d, c, t, %b, '' FROM unnest(%b::bigint[], %b::text[], %b::text[]) "
            "AS v(d, c, t) RETURNING id, delivery_id, channel, target",
            [timezone.now(), *(list(column) for column in zip(*rows, strict=True))],
        )
        ids = {(d, c, t): pk for pk, d, c, t in cursor.fetchall()}
    return [ids[row] for row in rows]
