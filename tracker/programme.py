"""A patient's home programme, on paper: what to print, as plain data, then as a PDF.

`home_programme` is the one read of "the programme" (the patient's active
plans and their items, assigned plans first); the print page, both PDF
endpoints and the export all use it, so a change in how plans are stored
(versions, say) is made here once. `programme_pdf` draws it with fpdf2 (pure
Python; README says why not WeasyPrint).
"""

import io
import logging
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import segno
from django.conf import settings
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from exercises.doses import dose_text
from exercises.selectors import plans_for_user
from tracker.days import local_date
from tracker.export_csv import ExportFile
from tracker.models import User

logger = logging.getLogger(__name__)

ILLUSTRATIONS = Path(settings.BASE_DIR) / "exercises" / "static" / "exercises" / "illustrations"
WEEKDAY_NAMES = {1: "Mon", 2: "Tue", 3: "Wed", 4: "Thu", 5: "Fri", 6: "Sat", 7: "Sun"}


@dataclass(frozen=True)
class ProgrammeItem:
    slug: str
    name: str
    summary: str
    steps: list[str]
    cautions: list[str]
    skip_when: list[str]
    dose: str  # "3 x 10 reps, hold 30 s", or "" when the plan gives none
    frequency: str  # "2 times a day, every day"
    progression: str  # "hold +5 s every 7 days, up to 60 s", or ""
    notes: str  # the therapist's (or the patient's own) note on this exercise
    illustration: Path | None  # the exercise's SVG, when the library has one


@dataclass(frozen=True)
class ProgrammePlan:
    name: str
    notes: str
    assigned_by: str  # the therapist's name, or "" for the patient's own plan
    items: list[ProgrammeItem]


def _frequency(times_per_day: int, days_of_week: list[int]) -> str:
    times = "once a day" if times_per_day == 1 else f"{times_per_day} times a day"
    if not days_of_week or len(set(days_of_week)) == 7:
        return f"{times}, every day"
    return f"{times}, on " + " ".join(WEEKDAY_NAMES[day] for day in sorted(set(days_of_week)))


def illustration_for(slug: str) -> Path | None:
    path = ILLUSTRATIONS / f"{slug}.svg"
    return path if path.is_file() else None


def home_programme(*, user: User) -> list[ProgrammePlan]:
    """Return the patient's programme: active (not paused) plans with items.

    Plans a therapist assigned come first (newest first), then the patient's
    own; items in the plan's order.
    """
    plans = [plan for plan in plans_for_user(user=user).filter(is_paused=False)]
    plans.sort(key=lambda plan: (plan.assigned_by_id is None, -plan.created_at.timestamp()))
    programme = []
    for plan in plans:
        items = [
            ProgrammeItem(
                slug=item.exercise.slug,
                name=item.exercise.name,
                summary=item.exercise.summary,
                steps=list(item.exercise.steps),
                cautions=list(item.exercise.cautions),
                skip_when=list(item.exercise.skip_when),
                dose=dose_text(hold_seconds=item.hold_seconds, reps=item.reps, sets=item.sets),
                frequency=_frequency(item.times_per_day, item.days_of_week),
                progression=(
                    f"hold +{item.progression_step_seconds} s every "
                    f"{item.progression_every_days} days, up to {item.progression_max_seconds} s"
                    if item.progression
                    else ""
                ),
                notes=item.notes,
                illustration=illustration_for(item.exercise.slug),
            )
            for item in plan.items.all()
        ]
        if items:
            assigner = plan.assigned_by
            programme.append(
                ProgrammePlan(
                    name=plan.name,
                    notes=plan.notes,
                    assigned_by=(assigner.display_name or assigner.username) if assigner else "",
                    items=items,
                )
            )
    return programme


def qr_svg(url: str) -> str:
    """Return a QR code of `url` as an inline SVG element (for the print page)."""
    return segno.make(url, error="m").svg_inline(scale=3, title="QR code: open StretchStop")


# The PDF's core fonts speak Latin-1 only: the usual typographic characters are
# given their plain equivalents, accents outside Latin-1 are dropped, and what
# remains becomes "?" (README, "A home programme on paper").
PLAIN = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
        "\u2014": "-", "\u2026": "...", "\u2022": "-", "\u2192": "->", "\u2265": ">=",
        "\u2264": "<=", "\u00d7": "x", "\u00a0": " ", "\u202f": " ",
    }
)  # fmt: skip


def latin1(text: str) -> str:
    text = text.translate(PLAIN)
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
            continue
        base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
        out.append(base or "?")
    return "".join(out)


class _ProgrammePDF(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.set_text_color(90)
        self.cell(
            0, 5,
            latin1(f"StretchStop home programme - page {self.page_no()}/{{nb}} - general "
                   "information, not a substitute for your health professional's advice."),
            align="C",
        )  # fmt: skip


def programme_pdf(
    *, programme: list[ProgrammePlan], patient_name: str, app_url: str, generated_on: date
) -> bytes:
    """Return the programme as an A4 PDF: a title with a QR code of `app_url`, then each plan.

    Each exercise has its picture (when the library has one), dose and
    frequency, the note on it, steps, when to skip it and its cautions.
    """
    pdf = _ProgrammePDF(format="A4")
    pdf.set_title(latin1(f"Home programme - {patient_name}"))
    pdf.set_author("StretchStop")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(16, 16, 16)
    pdf.add_page()
    qr = io.BytesIO()
    segno.make(app_url, error="m").save(qr, kind="png", scale=6, border=2)
    pdf.image(qr, x=pdf.w - 16 - 32, y=14, w=32, h=32)
    pdf.set_font("Helvetica", "B", 20)
    pdf.multi_cell(pdf.w - 32 - 40, 9, latin1("Home programme"), new_x=XPos.LMARGIN)
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(
        pdf.w - 32 - 40, 6,
        latin1(f"{patient_name}\nPrinted {generated_on:%d %b %Y}\nScan the code to open "
               f"StretchStop: {app_url}"),
        new_x=XPos.LMARGIN,
    )  # fmt: skip
    pdf.set_y(max(pdf.get_y(), 50))
    if not programme:
        pdf.set_font("Helvetica", size=12)
        pdf.multi_cell(0, 6, latin1("No active plan yet."), new_x=XPos.LMARGIN)
    for plan in programme:
        _plan(pdf, plan)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str, size: int) -> None:
    pdf.set_font("Helvetica", "B", size)
    pdf.multi_cell(0, size * 0.5, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _text(pdf: FPDF, text: str, *, style: str = "", size: int = 11) -> None:
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, 5.5, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _list(pdf: FPDF, title: str, entries: list[str], *, numbered: bool = False) -> None:
    if not entries:
        return
    _text(pdf, title, style="B")
    for number, entry in enumerate(entries, start=1):
        _text(pdf, f"{number}. {entry}" if numbered else f"- {entry}")


def _plan(pdf: FPDF, plan: ProgrammePlan) -> None:
    pdf.ln(4)
    _heading(pdf, plan.name, 16)
    if plan.assigned_by:
        _text(pdf, f"From {plan.assigned_by}", style="I")
    if plan.notes:
        _text(pdf, f"Notes: {plan.notes}")
    for item in plan.items:
        _item(pdf, item)


def _item(pdf: FPDF, item: ProgrammeItem) -> None:
    if pdf.get_y() > pdf.h - 80:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_draw_color(180)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
    _heading(pdf, item.name, 13)
    if item.illustration is not None:
        _illustration(pdf, item.illustration)
    dose = "; ".join(part for part in (item.dose, item.frequency, item.progression) if part)
    _text(pdf, dose, style="B")
    if item.notes:
        _text(pdf, f"Note: {item.notes}", style="I")
    if item.summary:
        _text(pdf, item.summary)
    _list(pdf, "Steps", item.steps, numbered=True)
    _list(pdf, "Skip it when", item.skip_when)
    _list(pdf, "Cautions", item.cautions)


def _illustration(pdf: FPDF, path: Path) -> None:
    """Draw the exercise's SVG, 50 mm wide; a drawing fpdf2 cannot read is left out."""
    try:
        # No y: the picture flows at the current line and the text goes on below it.
        pdf.image(str(path), x=pdf.l_margin, w=50)
    except Exception:  # a malformed or unsupported SVG must not cost the whole PDF
        logger.warning("illustration %s could not be drawn in the PDF", path.name, exc_info=True)
        return
    pdf.ln(2)


PDF_MEDIA_TYPE = "application/pdf"


def programme_file(*, patient: User, app_url: str, now: datetime) -> ExportFile:
    """Return the patient's programme as a PDF named with their local date."""
    today = local_date(now, patient.tzinfo)
    content = programme_pdf(
        programme=home_programme(user=patient),
        patient_name=patient.display_name or patient.username,
        app_url=app_url,
        generated_on=today,
    )
    return ExportFile(
        name=f"stretchstop-programme-{today.isoformat()}.pdf",
        content=content,
        media_type=PDF_MEDIA_TYPE,
    )
