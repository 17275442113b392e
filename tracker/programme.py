"""A patient's home programme, on paper: what to print, as plain data, then as a PDF.

`home_programme` is the one read of "the programme" (the patient's active
plans and their items, assigned plans first); the print page, both PDF
endpoints and the export all use it, so a change in how plans are stored
(versions, say) is made here once. `programme_pdf` draws it with fpdf2 (pure
Python; README says why not WeasyPrint), in the patient's language whoever
downloads it, with DejaVu Sans where the machine has it (Debian's
fonts-dejavu-core: ł, ż, ß and the typographic characters), else the PDF core
font Helvetica, which speaks Latin-1 only.
"""

import io
import logging
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import segno
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from exercises.doses import dose_text
from exercises.selectors import plans_for_user
from tracker.days import local_date
from tracker.export_csv import ExportFile
from tracker.models import User

logger = logging.getLogger(__name__)
# fpdf2 subsets the TrueType font with fontTools, which logs every table it prunes at INFO.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

ILLUSTRATIONS = Path(settings.BASE_DIR) / "exercises" / "static" / "exercises" / "illustrations"
WEEKDAY_NAMES = {
    1: gettext_lazy("Mon"),
    2: gettext_lazy("Tue"),
    3: gettext_lazy("Wed"),
    4: gettext_lazy("Thu"),
    5: gettext_lazy("Fri"),
    6: gettext_lazy("Sat"),
    7: gettext_lazy("Sun"),
}
# A Unicode font for the PDF, when installed (Debian: fonts-dejavu-core; the image has it).
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}


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
    """Return "2 times a day, every day" or "once a day, on Mon Wed", in the active language."""
    if times_per_day == 1:
        times = _("once a day")
    else:
        times = ngettext("%(count)d time a day", "%(count)d times a day", times_per_day) % {
            "count": times_per_day
        }
    if not days_of_week or len(set(days_of_week)) == 7:
        return _("%(times)s, every day") % {"times": times}
    days = " ".join(str(WEEKDAY_NAMES[day]) for day in sorted(set(days_of_week)))
    return _("%(times)s, on %(days)s") % {"times": times, "days": days}


def _progression(item) -> str:
    if not item.progression:
        return ""
    return ngettext(
        "hold +%(step)s s every %(days)s day, up to %(max)s s",
        "hold +%(step)s s every %(days)s days, up to %(max)s s",
        item.progression_every_days,
    ) % {
        "step": item.progression_step_seconds,
        "days": item.progression_every_days,
        "max": item.progression_max_seconds,
    }


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
                progression=_progression(item),
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
    return segno.make(url, error="m").svg_inline(scale=3, title=_("QR code: open StretchStop"))


# Without DejaVu, the PDF's core fonts speak Latin-1 only: the usual typographic
# characters are given their plain equivalents, accents outside Latin-1 are
# dropped, and what remains becomes "?" (README, "A home programme on paper").
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


def unicode_font_files() -> dict[str, Path] | None:
    """Return DejaVu Sans's regular, bold and oblique files by fpdf2 style, None if missing."""
    files = {style: DEJAVU / name for style, name in DEJAVU_FILES.items()}
    return files if all(path.is_file() for path in files.values()) else None


class _ProgrammePDF(FPDF):
    def __init__(self, *args, fonts: dict[str, Path] | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.family = "Helvetica"
        if fonts is not None:
            for style, path in fonts.items():
                self.add_font("DejaVu", style, str(path))
            self.family = "DejaVu"

    def plain(self, text: str) -> str:
        """Return the text as this PDF's font can draw it (all of it, with DejaVu)."""
        return text if self.family == "DejaVu" else latin1(text)

    def use(self, style: str = "", size: float = 11) -> None:
        self.set_font(self.family, style, size)

    def footer(self) -> None:
        self.set_y(-12)
        self.use(size=8)
        self.set_text_color(90)
        text = _(
            "StretchStop home programme - page %(page)s - general information, not a "
            "substitute for your health professional's advice."
        ) % {"page": f"{self.page_no()}/{{nb}}"}
        self.cell(0, 5, self.plain(text), align="C")


def programme_pdf(
    *, programme: list[ProgrammePlan], patient_name: str, app_url: str, generated_on: date
) -> bytes:
    """Return the programme as an A4 PDF: a title with a QR code of `app_url`, then each plan.

    Each exercise has its picture (when the library has one), dose and
    frequency, the note on it, steps, when to skip it and its cautions.
    """
    pdf = _ProgrammePDF(format="A4", fonts=unicode_font_files())
    pdf.set_title(pdf.plain(_("Home programme - %(name)s") % {"name": patient_name}))
    pdf.set_author("StretchStop")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(16, 16, 16)
    pdf.add_page()
    qr = io.BytesIO()
    segno.make(app_url, error="m").save(qr, kind="png", scale=6, border=2)
    pdf.image(qr, x=pdf.w - 16 - 32, y=14, w=32, h=32)
    pdf.use("B", 20)
    pdf.multi_cell(pdf.w - 32 - 40, 9, pdf.plain(_("Home programme")), new_x=XPos.LMARGIN)
    pdf.use(size=12)
    printed = _("Printed %(date)s") % {"date": formats.date_format(generated_on, "j M Y")}
    scan = _("Scan the code to open StretchStop: %(url)s") % {"url": app_url}
    pdf.multi_cell(
        pdf.w - 32 - 40, 6, pdf.plain(f"{patient_name}\n{printed}\n{scan}"), new_x=XPos.LMARGIN
    )
    pdf.set_y(max(pdf.get_y(), 50))
    if not programme:
        pdf.use(size=12)
        pdf.multi_cell(0, 6, pdf.plain(_("No active plan yet.")), new_x=XPos.LMARGIN)
    for plan in programme:
        _plan(pdf, plan)
    return bytes(pdf.output())


def _heading(pdf: _ProgrammePDF, text: str, size: int) -> None:
    pdf.use("B", size)
    pdf.multi_cell(0, size * 0.5, pdf.plain(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _text(pdf: _ProgrammePDF, text: str, *, style: str = "", size: int = 11) -> None:
    pdf.use(style, size)
    pdf.multi_cell(0, 5.5, pdf.plain(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _list(pdf: _ProgrammePDF, title: str, entries: list[str], *, numbered: bool = False) -> None:
    if not entries:
        return
    _text(pdf, title, style="B")
    for number, entry in enumerate(entries, start=1):
        _text(pdf, f"{number}. {entry}" if numbered else f"- {entry}")


def _plan(pdf: _ProgrammePDF, plan: ProgrammePlan) -> None:
    pdf.ln(4)
    _heading(pdf, plan.name, 16)
    if plan.assigned_by:
        _text(pdf, _("From %(name)s") % {"name": plan.assigned_by}, style="I")
    if plan.notes:
        _text(pdf, _("Notes: %(notes)s") % {"notes": plan.notes})
    for item in plan.items:
        _item(pdf, item)


def _item(pdf: _ProgrammePDF, item: ProgrammeItem) -> None:
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
        _text(pdf, _("Note: %(note)s") % {"note": item.notes}, style="I")
    if item.summary:
        _text(pdf, item.summary)
    _list(pdf, _("Steps"), item.steps, numbered=True)
    _list(pdf, _("Skip it when"), item.skip_when)
    _list(pdf, _("Cautions"), item.cautions)


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
    """Return the patient's programme as a PDF named with their local date, in their language.

    Whoever downloads it (the patient, or their therapist to print in the clinic),
    it is the patient's to read: the library's words, doses and headings are theirs.
    """
    today = local_date(now, patient.tzinfo)
    with translation.override(patient.language):
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
