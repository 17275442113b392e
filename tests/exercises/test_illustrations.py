"""The library's pictures: every exercise has one, with words for those who can't
see it, and each file is a small, plain SVG that a PDF library can draw too."""

import copy
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings

from exercises.figures import picture_svg
from exercises.illustrations import PICTURES, every_static_name, static_name
from exercises.library import EXERCISES, SEED_FILES
from exercises.loading import exercise_errors

STATIC = Path(settings.BASE_DIR) / "exercises" / "static"
FOLDER = STATIC / static_name("x").rsplit("/", 1)[0]
SVG = "{http://www.w3.org/2000/svg}"
ALLOWED_ELEMENTS = {"svg", "g", "path", "line", "polyline", "circle", "ellipse", "rect"}
ALLOWED_ATTRIBUTES = {
    "xmlns", "viewBox", "width", "height", "d", "points", "x", "y", "x1", "y1", "x2", "y2",
    "cx", "cy", "r", "rx", "ry", "fill", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin",
}  # fmt: skip
MAX_BYTES = 15 * 1024
EXERCISE_PICTURES = every_static_name(EXERCISES)


def _entry(slug: str) -> dict:
    return copy.deepcopy(next(e for e in EXERCISES if e["slug"] == slug))


@pytest.mark.parametrize("entry", EXERCISES, ids=lambda e: e["slug"])
def test_every_exercise_has_a_picture_and_words_for_it(entry):
    assert (STATIC / static_name(entry["slug"])).is_file()
    assert len(entry["illustration_alt"].split()) >= 8, "describe the position in words"
    for picture in entry["step_illustrations"]:
        assert (STATIC / static_name(entry["slug"], picture["step"])).is_file()
        assert len(picture["alt"].split()) >= 8


def test_the_steps_with_pictures_are_those_where_the_position_changes():
    # Spot checks against the steps' text: the lunge's start, arm raise and side
    # bend each change the position; the lying stretch starts at step 2.
    by_slug = {e["slug"]: [p["step"] for p in e["step_illustrations"]] for e in EXERCISES}
    assert by_slug["standing-lunge-tuck"] == [1, 4, 5]
    assert by_slug["foot-up-forward-stance"] == [1, 3]
    assert by_slug["supine-knee-hug-leg-slide"] == [2, 4]
    assert by_slug["slow-sit-back"] == [1, 2, 3, 4]


def test_every_picture_file_belongs_to_an_exercise_or_step():
    on_disk = {f"{static_name('x').rsplit('/', 1)[0]}/{p.name}" for p in FOLDER.glob("*")}

    assert on_disk == set(EXERCISE_PICTURES)


@pytest.mark.parametrize("name", EXERCISE_PICTURES)
def test_each_picture_is_a_small_plain_svg(name):
    data = (STATIC / name).read_bytes()
    assert len(data) < MAX_BYTES

    root = ET.fromstring(data)  # noqa: S314 (our own files) Well-formed, or this raises.

    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 240 160"
    for element in root.iter():
        assert element.tag.startswith(SVG), element.tag
        assert element.tag.removeprefix(SVG) in ALLOWED_ELEMENTS, element.tag
        # No text, no <style>, no class or style attribute, no link to elsewhere.
        assert not (element.text or "").strip(), element.tag
        assert set(element.attrib) <= ALLOWED_ATTRIBUTES, element.attrib
        assert not any("url(" in value for value in element.attrib.values())


@pytest.mark.parametrize("name", EXERCISE_PICTURES)
def test_the_files_are_what_the_drawing_code_draws(name):
    # `manage.py draw_illustrations` writes them; a change to a pose without
    # redrawing (or a hand edit of a file) fails here.
    stem = name.rsplit("/", 1)[1].removesuffix(".svg")

    assert (STATIC / name).read_text(encoding="utf-8") == picture_svg(PICTURES[stem])


def test_an_exercise_without_words_for_its_picture_is_rejected():
    entry = _entry("slow-sit-back")
    entry["illustration_alt"] = " "

    errors = exercise_errors(entry, known_sources=SEED_FILES)

    assert errors == ["exercise 'slow-sit-back': illustration_alt must describe the picture"]


@pytest.mark.parametrize(
    ("pictures", "message"),
    [
        ([{"step": 9, "alt": "Lying flat."}], "must name steps 1 to 5"),
        ([{"step": 2, "alt": "x"}, {"step": 1, "alt": "y"}], "each step once, in order"),
        ([{"step": 1, "alt": ""}], "needs its alt text"),
        ([{"step": 1}], "list of {step, alt}"),
    ],
)
def test_a_bad_step_picture_is_rejected(pictures, message):
    entry = _entry("slow-sit-back")
    entry["step_illustrations"] = pictures

    errors = exercise_errors(entry, known_sources=SEED_FILES)

    assert any(message in error for error in errors), errors
