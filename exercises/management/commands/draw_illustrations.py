"""Write the library's pictures as SVG files: `manage.py draw_illustrations`."""

from pathlib import Path

from django.core.management.base import BaseCommand

from exercises.figures import picture_svg
from exercises.illustrations import PICTURES, static_name

STATIC_ROOT = Path(__file__).resolve().parents[2] / "static"


class Command(BaseCommand):
    help = (
        "Draw every picture in exercises/illustrations.py into "
        "exercises/static/exercises/illustrations/, replacing what is there."
    )

    def handle(self, *args, **options) -> None:
        folder = STATIC_ROOT / static_name("x").rsplit("/", 1)[0]
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.svg"):
            old.unlink()
        for stem, picture in PICTURES.items():
            (folder / f"{stem}.svg").write_text(picture_svg(picture), encoding="utf-8")
        if options["verbosity"] > 0:
            self.stdout.write(f"Drew {len(PICTURES)} pictures into {folder}.")
