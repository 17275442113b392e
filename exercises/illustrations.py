"""The library's pictures, drawn with exercises.figures: one per exercise, and one
per step where the position changes (`<slug>-step-<n>`, n counted from 1).

`manage.py draw_illustrations` writes them to
exercises/static/exercises/illustrations/; tests/exercises/test_illustrations.py
checks the files there are what this module draws. Their alt text is in
exercises/library.py, beside each exercise and step.
"""

import math

from exercises.figures import (
    FLOOR,
    ON_FLOOR,
    THIGH,
    Picture,
    Pose,
    Reach,
    circle,
    ellipse,
    figure_svg,
    line,
    rect,
)

FOLDER = "exercises/illustrations"


def static_name(slug: str, step: int | None = None) -> str:
    """Return the picture's path among the static files."""
    stem = slug if step is None else f"{slug}-step-{step}"
    return f"{FOLDER}/{stem}.svg"


def every_static_name(exercises: list[dict]) -> list[str]:
    """Return the static path of every picture the library's entries name."""
    return [
        static_name(entry["slug"], step)
        for entry in exercises
        for step in (None, *(p["step"] for p in entry["step_illustrations"]))
    ]


# --- Standing lunge: the back leg (near, stretched) and the front leg (far). ---

LUNGE = Pose(
    hip=(114, 106),
    near_leg=Reach((66, 131), bend=-1),
    near_foot=-30,
    far_leg=Reach((146, ON_FLOOR), bend=1),
)
LUNGE_ARM_UP = Pose(
    hip=LUNGE.hip,
    near_leg=LUNGE.near_leg,
    near_foot=LUNGE.near_foot,
    far_leg=LUNGE.far_leg,
    far_arm=(84, 95),
    highlight="psoas_high",
)
# Seen from the front: leaning towards the raised arm, away from the
# stretched hip (on the picture's right).
LUNGE_SIDE_BEND = Pose(
    hip=(120, 96),
    torso=100,
    near_leg=Reach((142, ON_FLOOR), bend=1),
    near_foot=0,
    far_leg=Reach((98, ON_FLOOR), bend=-1),
    far_foot=180,
    near_arm=(72, 150),
    far_arm=(250, 265),
    highlight="psoas_high",
)

# --- Low and kneeling lunges: back knee on the floor. ---


def _kneeling(knee_x: float, thigh: float, **pose) -> Pose:
    """Return a kneeling lunge whose back knee rests at knee_x, thigh at `thigh` degrees."""
    radians = math.radians(thigh - 180)
    hip = (knee_x + THIGH * math.cos(radians), ON_FLOOR - THIGH * math.sin(radians))
    return Pose(
        hip=hip,
        near_leg=(thigh, 180),
        near_foot=180,
        far_leg=Reach((138, ON_FLOOR), bend=1),
        **pose,
    )


LOW_LUNGE = _kneeling(96, 265, near_arm=Reach((140, 108), bend=-1), far_arm=Reach((142, 110), -1))
LOW_LUNGE_FORWARD = _kneeling(
    92, 228, near_arm=Reach((146, 112), bend=-1), far_arm=Reach((148, 114), -1)
)
KNEELING = _kneeling(96, 268, torso=92, near_arm=(250, 330), far_arm=(252, 332))
KNEELING_FORWARD = _kneeling(94, 240, torso=92, near_arm=(245, 330), far_arm=(247, 332))

# --- Lying on the back: head on the left. ---

PILLOW = ellipse(52, ON_FLOOR - 1, 14, 5)
LYING_HIP = (120, ON_FLOOR)


def _lying(**pose) -> Pose:
    return Pose(hip=LYING_HIP, torso=180, neck=172, **pose)


KNEE_HUG_START = _lying(
    far_leg=(125, 10),
    far_foot=0,
    near_leg=Reach((160, ON_FLOOR), bend=1),
    near_foot=0,
    near_arm=Reach((106, 112), bend=-1),
    far_arm=Reach((107, 113), bend=-1),
)
KNEE_HUG_SLIDE = _lying(
    far_leg=(125, 10),
    far_foot=0,
    near_leg=(0, 0),
    near_foot=80,
    near_arm=Reach((106, 112), bend=-1),
    far_arm=Reach((107, 113), bend=-1),
)

# --- On the edge of a bed: bottom at the edge, legs hanging. ---

BED = [
    line((80, 110), (80, FLOOR)),
    line((150, 110), (150, FLOOR)),
    rect(66, 96, 92, 16, 4),
]
BED_PILLOW = ellipse(92, 90, 14, 5)
ON_BED = 91


def _on_bed(**pose) -> Pose:
    return Pose(hip=(154, ON_BED), torso=180, neck=172, **pose)


BED_BOTH_HANG = _on_bed(
    near_leg=(300, 272),
    far_leg=(296, 270),
    near_arm=(185, 180),
    far_arm=(183, 178),
)
BED_KNEE_HUG = _on_bed(
    near_leg=(300, 272),
    far_leg=(125, 10),
    near_arm=Reach((139, 69), bend=-1),
    far_arm=Reach((140, 70), bend=-1),
)
BED_ROLL_UP = Pose(
    hip=(142, ON_BED),
    torso=128,
    neck=115,
    near_leg=(355, 272),
    far_leg=(350, 270),
    near_arm=Reach((108, 92), bend=1),
    far_arm=Reach((114, 92), bend=1),
    highlight="",
)

# --- Stool and truck step: one foot up, the back leg (near) stretched. ---

STOOL = [line((146, 112), (146, FLOOR)), line((176, 112), (176, FLOOR)), rect(138, 104, 46, 9)]
FOOT_UP = Pose(
    hip=(112, 84),
    torso=86,
    near_leg=Reach((96, ON_FLOOR), bend=-1),
    near_foot=0,
    far_leg=Reach((154, 100), bend=1),
)
FOOT_UP_ARMS = Pose(
    hip=FOOT_UP.hip,
    torso=88,
    near_leg=FOOT_UP.near_leg,
    far_leg=FOOT_UP.far_leg,
    near_arm=(66, 72),
    far_arm=(70, 76),
    highlight="psoas_high",
)

TRUCK = [
    rect(150, 30, 84, 96, 8),
    rect(162, 42, 40, 30, 4),
    circle(206, 126, 13),
    rect(140, 98, 26, 6, 2),
]
TRUCK_STEP_STANCE = Pose(
    hip=(106, 80),
    torso=86,
    near_leg=Reach((90, ON_FLOOR), bend=-1),
    far_leg=Reach((148, 94), bend=1),
)

# --- Slow sit-back. ---

SITTING_KNEES = dict(near_leg=Reach((150, ON_FLOOR), 1), far_leg=Reach((154, ON_FLOOR), 1))
SIT_BACK_PUSH = Pose(
    hip=(112, ON_FLOOR),
    torso=118,
    near_arm=Reach((78, ON_FLOOR), bend=1),
    far_arm=Reach((80, ON_FLOOR), bend=1),
    **SITTING_KNEES,
)
SIT_BACK_ROUND = Pose(
    hip=(112, ON_FLOOR),
    torso=100,
    round_back=0.12,
    neck=70,
    near_arm=(330, 350),
    far_arm=(332, 352),
    highlight="belly",
    **SITTING_KNEES,
)
SIT_BACK_ROLL = Pose(
    hip=(112, ON_FLOOR),
    torso=148,
    round_back=0.1,
    neck=110,
    near_arm=(10, 10),
    far_arm=(12, 12),
    highlight="belly",
    **SITTING_KNEES,
)
SIT_BACK_FLAT = Pose(
    hip=(112, ON_FLOOR),
    torso=180,
    neck=176,
    near_arm=(355, 0),
    far_arm=(357, 2),
    highlight="belly",
    **SITTING_KNEES,
)

# --- Lying on the back, knees bent. ---

KNEES_BENT = _lying(
    near_leg=Reach((152, ON_FLOOR), 1),
    far_leg=Reach((156, ON_FLOOR), 1),
    near_arm=(0, 0),
    far_arm=(2, 2),
    highlight="belly",
)
FINGER_PRESS = dict(near_arm=Reach((110, 131), bend=1), far_arm=(355, 0))
FAR_KNEE_BENT = Reach((154, ON_FLOOR), 1)
FINGER_START = _lying(near_leg=Reach((150, ON_FLOOR), 1), far_leg=FAR_KNEE_BENT, **FINGER_PRESS)
FINGER_SLIDE = _lying(
    near_leg=Reach((170, ON_FLOOR), 1), far_leg=FAR_KNEE_BENT, near_foot=20, **FINGER_PRESS
)
FINGER_FLAT = _lying(near_leg=(0, 0), near_foot=80, far_leg=FAR_KNEE_BENT, **FINGER_PRESS)

# --- Face down on a ball. ---

BALL = circle(112, 125, 11)
ON_BALL = dict(
    hip=(96, 120),
    torso=4,
    neck=14,
    near_arm=(268, 0),
    far_arm=(270, 2),
    far_leg=(186, 181),
    far_foot=265,
)
BALL_REST = Pose(near_leg=(188, 182), near_foot=265, **ON_BALL)
BALL_LIFT = Pose(near_leg=(178, 178), near_foot=205, **ON_BALL)

# --- Seats. ---

SEAT = [
    line((70, 104), (116, 104), (112, FLOOR), width=4),
    line((70, 104), (56, 52), width=5),
]
CAR_SEAT = [
    line((60, 104), (112, 108), width=6),
    line((62, 104), (50, 50), width=6),
    line((86, 108), (86, FLOOR), width=4),
    line((160, 128), (168, FLOOR)),
    line((150, 52), (158, 84), width=5),
    line((155, 70), (180, 98), width=3),
]
RECLINED_SEAT = [
    line((60, 104), (112, 108), width=6),
    line((62, 104), (38, 54), width=6),
    line((86, 108), (86, FLOOR), width=4),
    line((160, 128), (168, FLOOR)),
    line((150, 52), (158, 84), width=5),
    line((155, 70), (180, 98), width=3),
]

THERAPIST = Pose(
    hip=(120, 106),
    torso=84,
    neck=70,
    near_leg=Reach((118, ON_FLOOR), bend=1),
    far_leg=Reach((122, ON_FLOOR), bend=1),
    near_arm=Reach((126, 90), bend=-1),
    far_arm=Reach((130, 91), bend=-1),
    highlight="",
    tone="far",
)

PICTURES: dict[str, Picture] = {
    # Stretches
    "standing-lunge-tuck": Picture([LUNGE_ARM_UP]),
    "standing-lunge-tuck-step-1": Picture([LUNGE]),
    "standing-lunge-tuck-step-4": Picture([LUNGE_ARM_UP]),
    "standing-lunge-tuck-step-5": Picture([LUNGE_SIDE_BEND]),
    "low-lunge-forward": Picture([LOW_LUNGE_FORWARD]),
    "low-lunge-forward-step-1": Picture([LOW_LUNGE]),
    "low-lunge-forward-step-2": Picture([LOW_LUNGE_FORWARD]),
    "kneeling-lunge-pelvic-tilt": Picture([KNEELING_FORWARD]),
    "kneeling-lunge-pelvic-tilt-step-1": Picture([KNEELING]),
    "kneeling-lunge-pelvic-tilt-step-3": Picture([KNEELING_FORWARD]),
    "supine-knee-hug-leg-slide": Picture([KNEE_HUG_SLIDE], back=[PILLOW]),
    "supine-knee-hug-leg-slide-step-2": Picture([KNEE_HUG_START], back=[PILLOW]),
    "supine-knee-hug-leg-slide-step-4": Picture([KNEE_HUG_SLIDE], back=[PILLOW]),
    "edge-of-bed-stretch": Picture([BED_KNEE_HUG], back=[*BED, BED_PILLOW]),
    "edge-of-bed-stretch-step-1": Picture([BED_BOTH_HANG], back=[*BED, BED_PILLOW]),
    "edge-of-bed-stretch-step-3": Picture([BED_KNEE_HUG], back=[*BED, BED_PILLOW]),
    "edge-of-bed-stretch-step-6": Picture([BED_ROLL_UP], back=[*BED, BED_PILLOW]),
    "gentle-hamstring-stretch": Picture(
        [
            Pose(
                hip=(92, ON_FLOOR),
                torso=72,
                near_leg=(0, 0),
                near_foot=80,
                far_leg=Reach((118, ON_FLOOR), bend=1),
                near_arm=Reach((132, 128), bend=1),
                far_arm=Reach((120, 112), bend=1),
                highlight="hamstring",
            )
        ]
    ),
    "foot-up-forward-stance": Picture([FOOT_UP], back=STOOL),
    "foot-up-forward-stance-step-1": Picture([FOOT_UP], back=STOOL),
    "foot-up-forward-stance-step-3": Picture([FOOT_UP_ARMS], back=STOOL),
    # Strengthening
    "slow-sit-back": Picture([SIT_BACK_ROLL]),
    "slow-sit-back-step-1": Picture([SIT_BACK_PUSH]),
    "slow-sit-back-step-2": Picture([SIT_BACK_ROUND]),
    "slow-sit-back-step-3": Picture([SIT_BACK_ROLL]),
    "slow-sit-back-step-4": Picture([SIT_BACK_FLAT]),
    "lower-belly-strengthening": Picture([KNEES_BENT]),
    "plank-variations": Picture(
        [
            Pose(
                hip=(104, 113),
                torso=5,
                neck=8,
                near_leg=(190, 189),
                near_foot=268,
                far_leg=(190, 189),
                far_foot=268,
                near_arm=(270, 0),
                far_arm=(270, 2),
                highlight="belly",
            )
        ]
    ),
    # Self-massage
    "ball-self-massage": Picture([BALL_REST], back=[BALL]),
    "ball-self-massage-step-2": Picture([BALL_REST], back=[BALL]),
    "ball-self-massage-step-4": Picture([BALL_LIFT], back=[BALL]),
    "supine-finger-release": Picture([FINGER_SLIDE]),
    "supine-finger-release-step-1": Picture([FINGER_START]),
    "supine-finger-release-step-4": Picture([FINGER_SLIDE]),
    "supine-finger-release-step-5": Picture([FINGER_FLAT]),
    # Mobility
    "hands-and-knees-moving": Picture(
        [
            Pose(
                hip=(92, ON_FLOOR - 28),
                torso=14,
                neck=20,
                near_leg=(270, 180),
                near_foot=180,
                far_leg=(266, 180),
                far_foot=180,
                near_arm=Reach((138, ON_FLOOR), bend=1),
                far_arm=Reach((132, ON_FLOOR), bend=1),
            )
        ]
    ),
    # Habits
    "open-hip-sitting": Picture(
        [
            Pose(
                hip=(96, 98),
                torso=92,
                near_leg=Reach((148, ON_FLOOR), bend=1),
                far_leg=Reach((144, ON_FLOOR), bend=1),
                near_arm=Reach((124, 100), bend=-1),
                far_arm=Reach((122, 102), bend=-1),
            )
        ],
        back=[line((76, 106), (124, 112), width=5), line((100, 110), (100, FLOOR), width=4)],
    ),
    "cruise-control-moving": Picture(
        [
            Pose(
                hip=(82, 98),
                torso=100,
                near_leg=Reach((162, 124), bend=1),
                near_foot=60,
                far_leg=Reach((134, ON_FLOOR), bend=1),
                near_arm=Reach((150, 62), bend=-1),
                far_arm=Reach((152, 64), bend=-1),
            )
        ],
        back=CAR_SEAT,
    ),
    "recline-truck-seat": Picture(
        [
            Pose(
                hip=(82, 98),
                torso=112,
                near_leg=Reach((162, 124), bend=1),
                near_foot=60,
                far_leg=Reach((158, 126), bend=1),
                far_foot=60,
                near_arm=Reach((150, 62), bend=-1),
                far_arm=Reach((152, 64), bend=-1),
            )
        ],
        back=RECLINED_SEAT,
    ),
    "stretch-every-stop": Picture([TRUCK_STEP_STANCE], back=TRUCK),
    "pillow-under-knees": Picture(
        [
            Pose(
                hip=(108, 112),
                torso=180,
                neck=172,
                near_leg=(20, 340),
                near_foot=70,
                far_leg=(18, 338),
                far_foot=70,
                near_arm=(0, 0),
                far_arm=(2, 2),
            )
        ],
        back=[rect(14, 118, 212, 18, 6), ellipse(40, 112, 14, 5), ellipse(134, 110, 14, 7)],
    ),
    "side-sleeping-no-fetal": Picture(
        [
            Pose(
                hip=(110, 112),
                torso=180,
                neck=176,
                near_leg=(345, 15),
                near_foot=300,
                far_leg=(350, 18),
                far_foot=300,
                near_arm=(355, 5),
                far_arm=(350, 0),
            )
        ],
        back=[rect(14, 118, 212, 18, 6), ellipse(40, 112, 14, 5)],
    ),
    "firm-mattress": Picture(
        [
            Pose(
                hip=(112, 118),
                torso=180,
                neck=176,
                near_leg=(0, 0),
                near_foot=80,
                far_leg=(2, 0),
                far_foot=82,
                near_arm=(0, 0),
                far_arm=(2, 2),
            )
        ],
        back=[rect(14, 130, 212, 5, 1), rect(14, 122, 212, 10, 3), ellipse(40, 118, 14, 4)],
    ),
    "moist-heat": Picture(
        [Pose(hip=(110, 82), torso=92, neck=80)],
        back=[
            line((150, 8), (150, 20), (132, 20), width=4),
            line((124, 22), (140, 22), width=5),
            line((126, 30), (122, 44), width=2),
            line((134, 30), (134, 46), width=2),
            line((142, 30), (146, 44), width=2),
        ],
    ),
    # For clinicians
    "clinician-supine-psoas-release": Picture(
        [
            Pose(
                hip=(140, 95),
                torso=180,
                neck=172,
                near_leg=Reach((184, 95), 1),
                far_leg=Reach((188, 95), 1),
                near_arm=(0, 0),
                far_arm=(2, 2),
            ),
        ],
        # The therapist stands behind the table, which hides their legs.
        back=[*figure_svg(THERAPIST), rect(40, 100, 170, 40, 4)],
    ),
}
