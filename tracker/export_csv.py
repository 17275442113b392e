"""The data export as CSV files in one zip, and the CSV and zip helpers the exports share.

The patient's CSV files are made from `tracker.export.account_export`, the very
dict the JSON export sends, so the two cannot drift: nested lists (a plan's
items, a goal's ratings, a drive's segments) become their own files with the
parent's id, and what the JSON export gains (a kind of record: a file; a field:
a column at the end of its file) comes along even before COLUMNS names it.
"""

import csv
import io
import json
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker.export import account_export
from tracker.models import User

# A spreadsheet runs a cell starting with one of these as a formula (CSV
# injection, OWASP); notes and names are free text, so such cells get a
# leading apostrophe, which spreadsheets show as text and do not run.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

ZIP_MEDIA_TYPE = "application/zip"

# Each file's columns, in order: what the header says even when there are no rows.
COLUMNS: dict[str, tuple[str, ...]] = {
    "account.csv": (
        "username", "email", "display_name", "role", "profile", "timezone", "date_joined",
        "language",
    ),
    "plans.csv": ("id", "name", "notes", "is_paused", "assigned_by", "created_at", "ended_on"),
    "plan_items.csv": (
        "plan_id", "id", "exercise", "hold_seconds", "reps", "sets", "times_per_day",
        "days_of_week", "notes", "progression_step_seconds", "progression_every_days",
        "progression_max_seconds", "progression_start", "side", "version", "version_from",
        "version_to",
    ),
    "logs.csv": (
        "id", "performed_at", "exercise", "routine", "plan_item", "sets", "reps",
        "hold_seconds", "duration_seconds", "pain_before", "pain_after", "note", "origin",
        "delivery",
    ),
    "pain_entries.csv": ("id", "recorded_at", "rating", "locations", "context", "note"),
    "pause_days.csv": ("date", "reason"),
    "goals.csv": ("id", "activity", "created_by", "created_at", "archived_at"),
    "goal_ratings.csv": ("goal_id", "score", "rated_at", "rated_by"),
    "safety_checks.csv": ("answered_at", "warning_signs", "new_warning_signs"),
    "care_links.csv": (
        "id", "my_role", "other_party_id", "other_party_display_name", "started_at",
        "ended_at", "ended_by", "reminders_consent",
    ),
    "messages.csv": ("id", "link", "sender", "from_me", "sent_at", "read_at", "body"),
    "reminders.csv": (
        "id", "kind", "name", "is_active", "interval_minutes", "window_start", "window_end",
        "weekdays", "times", "quiet_start", "quiet_end", "paused_until", "snoozed_until",
        "channels", "routine", "set_by", "next_fire_at", "last_fired_at", "created_at",
    ),
    "drives.csv": ("id", "rules", "stop_every_minutes", "started_at", "ended_at"),
    "drive_segments.csv": ("drive_id", "kind", "start", "end"),
    "deliveries.csv": (
        "id", "kind", "due_at", "reminder", "drive", "routine", "channels", "state",
        "sent_at", "action", "acted_at",
    ),
    "push_subscriptions.csv": (
        "id", "push_service", "user_agent", "created_at", "last_success_at",
    ),
    "access_log.csv": (
        "id", "at", "actor", "actor_name", "kind", "what", "via", "method", "path", "status",
        "address",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class ExportFile:
    """A file to download: its name (dated), bytes and media type."""

    name: str
    content: bytes
    media_type: str


def csv_cell(value: Any) -> str:
    """Return `value` as the text of one CSV cell, safe to open in a spreadsheet.

    None is an empty cell, booleans are true/false (as in the JSON export), a
    list of plain values is joined with ";", a dict is JSON. Text starting with = + - @, a tab
    or a carriage return, or a compatibility form of one (full-width equals, U+FF1D), gets a
    leading apostrophe (see FORMULA_PREFIXES).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list | tuple):
        text = ";".join(csv_cell(item) for item in value)
    elif isinstance(value, dict):
        text = json.dumps(value, sort_keys=True)
    else:
        text = str(value)
    # Spreadsheets also take the full-width forms (U+FF1D, U+FF0B...) as the ASCII ones:
    # compare the compatibility form (NFKC), keep the text as written.
    if text.startswith(FORMULA_PREFIXES) or unicodedata.normalize("NFKC", text).startswith(
        FORMULA_PREFIXES
    ):
        return "'" + text
    return text


def csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    """Return a CSV file: a header, then one line per row, UTF-8 with a byte order mark.

    Columns a row has beyond `columns` are appended, in the order first met, so
    nothing in a row is ever dropped. The byte order mark makes Excel read
    UTF-8 (names with accents); Python's csv reads it with encoding "utf-8-sig".
    """
    rows = list(rows)
    header = list(columns)
    for row in rows:
        header.extend(key for key in row if key not in header)
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: quotes as needed, CRLF line ends
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(row.get(column)) for column in header])
    return buffer.getvalue().encode("utf-8-sig")


def zip_bytes(files: Mapping[str, bytes], *, at: datetime) -> bytes:
    """Return a zip of `files` (name to content), each stamped with `at`'s wall-clock time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=at.timetuple()[:6]), content)
    return buffer.getvalue()


# Lists nested in a record that get a file of their own: key -> (child key, file, parent column).
NESTED = {
    "plans": ("items", "plan_items.csv", "plan_id"),
    "goals": ("ratings", "goal_ratings.csv", "goal_id"),
    "drives": ("segments", "drive_segments.csv", "drive_id"),
}


def account_tables(export: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Return the JSON export's records as flat rows, by CSV file name.

    Each key of the export is a file of that name (`account` one row); the
    nested lists in NESTED are files of their own, each row led by its parent's
    id; a plan item's `progression` becomes `progression_*` columns. A key the
    JSON export gains becomes a file without any change here.
    """
    tables: dict[str, list[dict[str, Any]]] = {}
    for key, records in export.items():
        if not isinstance(records, list):
            records = [records]
        if key in NESTED:
            child_key, child_file, parent_column = NESTED[key]
            tables[f"{key}.csv"] = [_without(record, child_key) for record in records]
            tables[child_file] = [
                {parent_column: record["id"], **_flat(child)}
                for record in records
                for child in record[child_key]
            ]
        else:
            tables[f"{key}.csv"] = [_flat(record) for record in records]
    return tables


def _without(record: Mapping[str, Any], key: str) -> dict[str, Any]:
    return {name: value for name, value in record.items() if name != key}


def _flat(record: Mapping[str, Any]) -> dict[str, Any]:
    # progression is null when the hold is fixed: its columns are then empty.
    if "progression" not in record:
        return dict(record)
    progression = record["progression"] or {}
    return {
        **_without(record, "progression"),
        **{f"progression_{name}": value for name, value in progression.items()},
    }


def account_csv_file(
    *, user: User, now: datetime, extra_files: Mapping[str, bytes] | None = None
) -> ExportFile:
    """Return everything the user owns as CSV files in a zip named with their local date.

    `extra_files` (name to content) go in the zip too: a patient's programme.pdf.
    """
    local_now = now.astimezone(user.tzinfo)
    tables = account_tables(account_export(user=user))
    files = {name: csv_bytes(COLUMNS.get(name, ()), rows) for name, rows in tables.items()}
    files.update(extra_files or {})
    return ExportFile(
        name=f"stretchstop-export-{local_now.date().isoformat()}.zip",
        content=zip_bytes(files, at=local_now),
        media_type=ZIP_MEDIA_TYPE,
    )
