"""Draw the library's pictures: one stick figure style, as plain SVG text.

Pure: no files, no Django. A figure is a `Pose` (where the hip is, the angle of
the torso, and each limb by its angles or by where its end should be), drawn
with rounded strokes on a floor line, near limbs dark and far limbs light, and
the muscle the picture is about (the front of the hip, the iliopsoas, unless
said otherwise) over it in an accent colour. Props (a bed, a stool, a ball) are
plain shapes.

The SVG uses only svg, g, line, polyline, path, circle, ellipse and rect, with
presentation attributes inline, so that a PDF library can draw it too.

Angles are in degrees as on a maths graph: 0 points right, 90 up, 180 left,
270 down. Figures stand facing right.
"""

import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 240, 160
FLOOR = 140
# Where a joint sits when the limb rests on the floor (half a stroke above it).
ON_FLOOR = FLOOR - 4

NEAR = "#3f4c5c"
FAR = "#9aa6b4"
ACCENT = "#e8590c"
PROP_FILL = "#e3e8ee"
PROP_LINE = "#8a96a6"

TORSO, NECK, HEAD = 44, 6, 9
UPPER_ARM, FOREARM = 20, 19
THIGH, SHIN, FOOT = 28, 27, 9

Point = tuple[float, float]


@dataclass(frozen=True)
class Reach:
    """A limb's end placed at `to`, the middle joint bent to one side (`bend` +1 or -1)."""

    to: Point
    bend: int = 1


# A limb: its segments' angles, or a Reach; legs add the foot's angle.
Limb = tuple[float, float] | Reach


@dataclass(frozen=True)
class Pose:
    hip: Point
    torso: float = 90
    neck: float | None = None
    near_arm: Limb = (288, 282)
    far_arm: Limb = (284, 280)
    near_leg: Limb = (270, 270)
    far_leg: Limb = (270, 270)
    near_foot: float = 0
    far_foot: float = 0
    # Bow of the torso to its back (a rounded lower back), in units of its length.
    round_back: float = 0
    # "psoas" (the front of the hip, on the near or far side), "psoas_high"
    # (up into the belly too), "hamstring", "belly" or "" for none.
    highlight: str = "psoas"
    highlight_side: str = "near"
    # "far" draws the whole figure light: a second person behind the first.
    tone: str = "near"


@dataclass
class Picture:
    """A figure (or two) and the props around it: back props are drawn first."""

    figures: list[Pose]
    back: list[str] = field(default_factory=list)
    front: list[str] = field(default_factory=list)
    floor: bool = True


def _step(start: Point, angle: float, length: float) -> Point:
    radians = math.radians(angle)
    return (start[0] + length * math.cos(radians), start[1] - length * math.sin(radians))


def _angle(start: Point, end: Point) -> float:
    return math.degrees(math.atan2(start[1] - end[1], end[0] - start[0]))


def _two_segments(root: Point, limb: Limb, first: float, second: float) -> list[Point]:
    """Return the root, middle and end joints of an arm or a leg."""
    if not isinstance(limb, Reach):
        middle = _step(root, limb[0], first)
        return [root, middle, _step(middle, limb[1], second)]
    distance = math.dist(root, limb.to)
    distance = min(max(distance, abs(first - second) + 0.01), first + second - 0.01)
    cosine = (first**2 + distance**2 - second**2) / (2 * first * distance)
    towards = _angle(root, limb.to)
    middle = _step(root, towards + limb.bend * math.degrees(math.acos(cosine)), first)
    return [root, middle, _step(middle, _angle(middle, limb.to), second)]


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _points(points: list[Point]) -> str:
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in points)


def _polyline(points: list[Point], colour: str, width: float) -> str:
    return (
        f'<polyline points="{_points(points)}" fill="none" stroke="{colour}" '
        f'stroke-width="{_num(width)}" stroke-linecap="round" stroke-linejoin="round"/>'
    )


def _joints(pose: Pose) -> dict[str, list[Point]]:
    hip = pose.hip
    shoulder = _step(hip, pose.torso, TORSO)
    neck_angle = pose.torso if pose.neck is None else pose.neck
    head = _step(shoulder, neck_angle, NECK + HEAD)
    joints = {"torso": [hip, shoulder], "head": [head]}
    for side in ("near", "far"):
        arm = getattr(pose, f"{side}_arm")
        leg = getattr(pose, f"{side}_leg")
        joints[f"{side}_arm"] = _two_segments(shoulder, arm, UPPER_ARM, FOREARM)
        leg_points = _two_segments(hip, leg, THIGH, SHIN)
        leg_points.append(_step(leg_points[-1], getattr(pose, f"{side}_foot"), FOOT))
        joints[f"{side}_leg"] = leg_points
    return joints


def _along(points: list[Point], share: float) -> Point:
    (x1, y1), (x2, y2) = points[0], points[1]
    return (x1 + (x2 - x1) * share, y1 + (y2 - y1) * share)


def _torso_path(pose: Pose, hip: Point, shoulder: Point, colour: str) -> str:
    if not pose.round_back:
        return _polyline([hip, shoulder], colour, 9)
    # Bow the middle of the torso towards the back (its left, facing along it).
    middle = _along([hip, shoulder], 0.5)
    back = _step(middle, pose.torso + 90, TORSO * pose.round_back * 2)
    return (
        f'<path d="M{_points([hip])} Q{_points([back])} {_points([shoulder])}" fill="none" '
        f'stroke="{colour}" stroke-width="9" stroke-linecap="round"/>'
    )


def _highlight(pose: Pose, joints: dict[str, list[Point]]) -> str:
    if not pose.highlight:
        return ""
    torso = joints["torso"]
    leg = joints[f"{pose.highlight_side}_leg"]
    if pose.highlight == "hamstring":
        return _polyline([_along(leg, 0.25), _along(leg, 0.9)], ACCENT, 6)
    if pose.highlight == "belly":
        return _polyline([_along(torso, 0.1), _along(torso, 0.45)], ACCENT, 6)
    # The iliopsoas runs from the lower spine, through the pelvis, to the top
    # of the thigh bone: drawn from a third of the way up the torso to a
    # quarter of the way down the thigh.
    top = 0.55 if pose.highlight == "psoas_high" else 0.35
    return _polyline([_along(torso, top), torso[0], _along(leg, 0.3)], ACCENT, 6)


def figure_svg(pose: Pose) -> list[str]:
    """Return the SVG elements of one figure, back to front."""
    joints = _joints(pose)
    hip, shoulder = joints["torso"]
    head = joints["head"][0]
    colour = FAR if pose.tone == "far" else NEAR
    return [
        _polyline(joints["far_arm"], FAR, 6),
        _polyline(joints["far_leg"], FAR, 6.5),
        _torso_path(pose, hip, shoulder, colour),
        _polyline([shoulder, _step(shoulder, _angle(shoulder, head), NECK)], colour, 6),
        f'<circle cx="{_num(head[0])}" cy="{_num(head[1])}" r="{HEAD}" fill="{colour}"/>',
        _polyline(joints["near_leg"], colour, 7),
        _polyline(joints["near_arm"], colour, 6.5),
        # Last, so that an arm lying along the body does not hide it.
        _highlight(pose, joints),
    ]


def picture_svg(picture: Picture) -> str:
    """Return a whole picture as an SVG document."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">'
    ]
    if picture.floor:
        parts.append(
            f'<line x1="8" y1="{FLOOR}" x2="{WIDTH - 8}" y2="{FLOOR}" stroke="{PROP_LINE}" '
            'stroke-width="2" stroke-linecap="round"/>'
        )
    parts += picture.back
    for pose in picture.figures:
        parts.append("<g>" + "".join(p for p in figure_svg(pose) if p) + "</g>")
    parts += picture.front
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# --- Props ----------------------------------------------------------------


def rect(x: float, y: float, w: float, h: float, rx: float = 3) -> str:
    return (
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" '
        f'rx="{_num(rx)}" fill="{PROP_FILL}" stroke="{PROP_LINE}" stroke-width="2"/>'
    )


def line(*points: Point, width: float = 2.5) -> str:
    return (
        f'<polyline points="{_points(list(points))}" fill="none" stroke="{PROP_LINE}" '
        f'stroke-width="{_num(width)}" stroke-linecap="round" stroke-linejoin="round"/>'
    )


def circle(x: float, y: float, r: float) -> str:
    return (
        f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{PROP_FILL}" '
        f'stroke="{PROP_LINE}" stroke-width="2"/>'
    )


def ellipse(x: float, y: float, rx: float, ry: float) -> str:
    return (
        f'<ellipse cx="{_num(x)}" cy="{_num(y)}" rx="{_num(rx)}" ry="{_num(ry)}" '
        f'fill="{PROP_FILL}" stroke="{PROP_LINE}" stroke-width="2"/>'
    )
