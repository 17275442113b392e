"""The exercise library's content: plain data, loaded by `manage.py load_exercises`.

Every fact here comes from one of the five seed articles in ../shared/seeds and
each entry names the files it draws on in `sources` (SEED_ARTICLES gives each
file's title and site, for people). The wording is our own:
tests/exercises/test_library.py fails if any run of 8 words matches a seed, or if
text a person reads talks about the articles instead of to the person. Where an
article gives no dose, the dose is None and the text says what the person can do.

Each exercise has a picture (exercises/illustrations.py draws them), described in
words in `illustration_alt`; `step_illustrations` lists the steps where the
position changes, each with its own picture and description.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

S000 = "000_dba7e7f85470626d.txt"  # Acupuncture clinic: anatomy, lunge, edge of bed, ball, strength
S001 = "001_5162fe195955703b.txt"  # Trigger-point article: aggravating habits, low lunge, sit-backs
S002 = "002_4dcd5e89cf5f3bef.txt"  # Pain-clinic blog: kneeling lunge with pelvic tilt
S003 = "003_244a97447c7038a0.txt"  # Massage therapist: supine release, psoas syndrome, disclaimer
S004 = "004_b2a80b1f207f83f8.txt"  # Psoas syndrome: stretches, truck drivers, sleep, serious causes

SEED_FILES = (S000, S001, S002, S003, S004)

# Each article's title as it heads the article (English, as cited: pages mark it
# lang="en"), and the site it comes from (a description where the article does
# not name one; translated, a site's own name kept).
SEED_ARTICLES: dict[str, dict[str, str]] = {
    S000: {
        "title": "Hidden Roots of Lower Back Pain: Iliopsoas",
        "site": _("An acupuncture clinic's website"),
    },
    S001: {
        "title": "Chronic Low Back Pain \N{EN DASH} Psoas",
        "site": _("A trigger-point self-care website"),
    },
    S002: {
        "title": (
            "Stretching the Iliopsoas: A Key to Managing Chronic Pain and Improving Mobility"
        ),
        "site": _("Creative Healing for Youth in Pain, parenting blog"),
    },
    S003: {
        "title": "Psoas Iliopsoas Issues",
        "site": _("Pro Massage by Nicola, LMT, Santa Barbara"),
    },
    S004: {
        "title": "Iliopsoas Muscle Problems Can Mimic Low Back Pain, Hip Pain, And Leg Pain",
        "site": _("A health information website"),
    },
}

# What to do where an article gives no hold time.
HOLD_AS_COMFORTABLE = "Hold while it feels comfortable; you can set a timer."

# Repeated on most self-care entries: 004 says that during acute spasm only the
# foot-up forward stance should be done, and 002 asks for slow, mindful stretching.
ACUTE_SPASM_SKIP = (
    "Your psoas is in acute spasm. Until the pain starts to ease, do only the "
    "foot-up forward stance."
)
SLOW_AND_MINDFUL = "Stretch slowly and with attention, so you don't overstrain the muscle."
AFTER_TREATMENT_SKIP = (
    "You're still being treated for a flare-up. Strengthening is meant for afterwards, "
    "to help stop the problem coming back."
)
NOT_IMPROVING = (
    "If your pain isn't getting better, or is getting worse, see a health professional. "
    "Some causes of this kind of pain have nothing to do with muscles and can be serious."
)


def _exercise(**fields) -> dict:
    """Return one library entry, with the optional fields filled in."""
    entry = {
        "cues": [],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "default_hold_seconds": None,
        "default_reps": None,
        "default_sets": None,
        "default_times_per_day": None,
        "equipment": [],
        "illustration_alt": "",
        "step_illustrations": [],
    }
    entry.update(fields)
    return entry


EXERCISES: list[dict] = [
    # --- Stretches -----------------------------------------------------------
    _exercise(
        slug="standing-lunge-tuck",
        name="Standing lunge with pelvic tuck",
        kind="stretch",
        audience="self_care",
        summary=(
            "A standing lunge for the deep hip flexor at the front of your hip. An arm "
            "raise and a small side bend carry the stretch up into your belly. "
            + HOLD_AS_COMFORTABLE
        ),
        steps=[
            "Stand with your feet about hip-width apart and step one foot back into a "
            "lunge. Go only as low as feels comfortable.",
            "Turn both hips to face straight ahead.",
            "Tuck your tailbone under as far as you can. You may already feel a stretch "
            "where the back leg meets your hip.",
            "Raise the arm on the side opposite your back leg (left leg back, right arm "
            "up). This moves the stretch higher, into your belly.",
            "For the part of the muscle along the inside of your hip bone, lean gently "
            "toward the raised arm, away from the hip you're stretching.",
            "Come out slowly and switch sides.",
        ],
        cues=[
            "Hips square, tailbone tucked.",
            "Raising both arms is fine if it feels better or helps your balance.",
            "Can't feel it? Check your hips face forward and your tailbone is tucked, "
            "or sink a little lower.",
            "You can rest your back knee on the ground for a wider lunge or steadier balance.",
        ],
        cautions=[
            "Don't lean back to find the stretch. That strains your lower back and can "
            "make back pain worse.",
            SLOW_AND_MINDFUL,
        ],
        skip_when=[
            ACUTE_SPASM_SKIP,
            "Your knees make lunging hard. Try the edge-of-bed hip stretch instead.",
        ],
        progressions=[
            "Add the arm raise once the hip stretch feels settled.",
            "Add the gentle side bend to reach the inner hip.",
        ],
        tags=["standing", "no_equipment", "desk", "truck_stop"],
        sources=[S000, S002, S004],
        illustration_alt=(
            "A person stands in a lunge, one foot stepped back and the front knee bent, "
            "body upright. The arm on the side away from the back leg reaches straight "
            "up. The front of the back leg's hip and the lower belly are highlighted."
        ),
        step_illustrations=[
            {
                "step": 1,
                "alt": (
                    "A person stands upright in a lunge: one foot stepped back with only the "
                    "toes down, the front knee bent, arms by the sides. The front of the "
                    "back leg's hip is highlighted."
                ),
            },
            {
                "step": 4,
                "alt": (
                    "The same lunge with the arm on the side away from the back leg raised "
                    "overhead. The highlight runs from the back leg's hip up into the belly."
                ),
            },
            {
                "step": 5,
                "alt": (
                    "Seen from the front: the person in the lunge leans the upper body to "
                    "one side, the raised arm curving over the head toward that side, away "
                    "from the hip being stretched, which is highlighted."
                ),
            },
        ],
        order=10,
    ),
    _exercise(
        slug="low-lunge-forward",
        name="Low lunge, moving forward",
        kind="stretch",
        audience="self_care",
        summary=(
            "An easy stretch that needs no equipment. You move forward, not "
            "deeper, so the hip of your back leg opens gently. " + HOLD_AS_COMFORTABLE
        ),
        steps=[
            "Step into a low lunge.",
            "Shift your body forward, rather than sinking lower, until you feel a gentle "
            "stretch at the front of your back leg's hip.",
            "Come out slowly and switch sides.",
        ],
        cues=["Think forward, not down."],
        cautions=[
            "Keep it light. This is meant as a gentle stretch, not a deep one.",
            SLOW_AND_MINDFUL,
        ],
        skip_when=[ACUTE_SPASM_SKIP],
        tags=["no_equipment", "gentle"],
        sources=[S001, S002, S004],
        illustration_alt=(
            "A person in a low lunge, back knee and shin resting on the floor, front foot "
            "flat, hips moved forward past the back knee, hands on the front thigh. The "
            "front of the back leg's hip is highlighted."
        ),
        step_illustrations=[
            {
                "step": 1,
                "alt": (
                    "A person in a low lunge: back knee on the floor under the hip, front "
                    "foot flat ahead, body upright, hands resting toward the front knee."
                ),
            },
            {
                "step": 2,
                "alt": (
                    "The same low lunge with the hips shifted forward, ahead of the back "
                    "knee, rather than lower. The front of the back leg's hip is highlighted."
                ),
            },
        ],
        order=20,
    ),
    _exercise(
        slug="kneeling-lunge-pelvic-tilt",
        name="Kneeling lunge with pelvic tilt",
        kind="stretch",
        audience="self_care",
        summary=(
            "A kneeling lunge where tipping your pelvis back aims the stretch at the part "
            "of the hip flexor that joins your lower back. " + HOLD_AS_COMFORTABLE
        ),
        steps=[
            "Kneel, then step one foot forward. Your back knee stays on the ground.",
            "Tip your pelvis backward to flatten the sway in your lower back. The stretch "
            "should show up in the hip of your kneeling leg straight away.",
            "Shift your weight forward a little, bringing both hips just slightly ahead. "
            "The stretch moves to the front of the kneeling hip and thigh.",
            "Keep your chest up and your back straight the whole time.",
            "Come out slowly and switch sides.",
        ],
        cues=["Chest tall, back straight.", "Tilt first, then shift forward, only a little."],
        cautions=[SLOW_AND_MINDFUL, "Move your hips forward only a small amount."],
        skip_when=[ACUTE_SPASM_SKIP],
        tags=["kneeling", "floor", "no_equipment"],
        sources=[S002, S004],
        illustration_alt=(
            "A person kneels on one knee with the other foot forward, chest upright and "
            "hands on the hips, hips moved a little ahead of the back knee. The front of "
            "the kneeling leg's hip is highlighted."
        ),
        step_illustrations=[
            {
                "step": 1,
                "alt": (
                    "A person kneels on one knee, hip straight above it, the other foot "
                    "flat in front, chest upright and hands on the hips."
                ),
            },
            {
                "step": 3,
                "alt": (
                    "The same kneeling position with the hips shifted slightly forward, "
                    "chest still upright. The front of the kneeling hip and thigh is "
                    "highlighted."
                ),
            },
        ],
        order=30,
    ),
    _exercise(
        slug="supine-knee-hug-leg-slide",
        name="Lying knee hug with leg slide",
        kind="stretch",
        audience="self_care",
        summary=(
            "A gentle stretch on your back, paced by your breathing, to lengthen and warm "
            "up the psoas while your pelvis stays steady. Repeat the slide as many times "
            "as feels comfortable."
        ),
        steps=[
            "Lie face up, head resting on a small cushion or pillow.",
            "Pull one knee up and hold it with your hands. This is the side you are not "
            "stretching. Keep your neck loose and your shoulder blades settled.",
            "Breathe in.",
            "As you breathe out, slowly slide your other leg out along the floor.",
            "Breathe in.",
            "As you breathe out, slide that leg back to where it started.",
            "Swap legs to stretch the other side.",
        ],
        cues=[
            "A steady pelvis matters more than a fully straight leg.",
            "Move only while you breathe out.",
        ],
        cautions=[
            "Stop the slide where your pelvis would start to move, rather than forcing "
            "the leg straight.",
            SLOW_AND_MINDFUL,
        ],
        skip_when=[ACUTE_SPASM_SKIP],
        tags=["floor", "lying", "gentle"],
        equipment=["small pillow or cushion"],
        sources=[S004, S002],
        illustration_alt=(
            "A person lies face up with the head on a small cushion, hugging one knee "
            "toward the chest with both hands; the other leg lies straight along the "
            "floor. The front of the straight leg's hip is highlighted."
        ),
        step_illustrations=[
            {
                "step": 2,
                "alt": (
                    "A person lies face up, head on a small cushion, holding one knee "
                    "toward the chest with both hands. The other knee is bent with the "
                    "foot flat on the floor."
                ),
            },
            {
                "step": 4,
                "alt": (
                    "Still holding the one knee, the person has slid the other leg out "
                    "straight along the floor. The front of that leg's hip is highlighted."
                ),
            },
        ],
        order=40,
    ),
    _exercise(
        slug="edge-of-bed-stretch",
        name="Edge-of-bed hip stretch",
        kind="stretch",
        audience="self_care",
        summary=(
            "A gentler stretch where gravity does the work, handy if your knees make "
            "lunging hard. You'll probably feel it less strongly than a lunge. "
            + HOLD_AS_COMFORTABLE
        ),
        steps=[
            "Lie on your back on a bed or sturdy table, with the base of your tailbone at "
            "the edge so your bottom hangs off.",
            "Tuck your tailbone and tighten your lower belly. This supports your lower "
            "back, which tends to arch a lot here, and focuses the stretch on the hip.",
            "Bring one knee toward your chest and wrap your hands around it. Drawing it "
            "in flattens your lower back more and helps the other leg stretch.",
            "Rest there and let gravity slowly open the front of the hip of the leg that "
            "hangs toward the floor.",
            "Switch legs.",
            "To get up, roll gently onto your side and push yourself up with your arms.",
        ],
        cues=[
            "Can't feel it? Tuck your tailbone more.",
            "Shuffle a little closer to the edge so the hanging leg drops lower for more stretch.",
        ],
        cautions=[
            "Your lower back can arch a lot in this position. Keep your tailbone tucked "
            "and your lower belly engaged throughout.",
            "Roll onto your side to get up instead of sitting straight up.",
        ],
        skip_when=[ACUTE_SPASM_SKIP],
        tags=["bed", "lying", "gentle"],
        equipment=["bed or sturdy table"],
        sources=[S000, S004],
        illustration_alt=(
            "A person lies face up on a bed with the bottom at its edge. Both hands hug "
            "one knee toward the chest while the other leg hangs over the edge toward the "
            "floor. The front of the hanging leg's hip is highlighted."
        ),
        step_illustrations=[
            {
                "step": 1,
                "alt": (
                    "A person lies face up on a bed, head on a pillow, with the bottom at "
                    "the bed's edge and both legs hanging down over it."
                ),
            },
            {
                "step": 3,
                "alt": (
                    "On the bed, the person hugs one knee toward the chest; the other leg "
                    "hangs over the edge. The front of the hanging leg's hip is highlighted."
                ),
            },
            {
                "step": 6,
                "alt": (
                    "Getting up: the person, turned onto one side, pushes the upper body "
                    "up from the bed with both arms, legs over the edge."
                ),
            },
        ],
        order=50,
    ),
    _exercise(
        slug="gentle-hamstring-stretch",
        name="Gentle hamstring stretch",
        kind="stretch",
        audience="self_care",
        summary=(
            "Stretch the back of your thigh gently and passively instead of straining for "
            "your toes, which can suddenly overload the psoas. Any stretch you can relax "
            "into will do. " + HOLD_AS_COMFORTABLE
        ),
        steps=[
            "Pick a gentle hamstring stretch where you relax into the position rather than pull.",
            "Ease in until you feel a mild stretch at the back of your thigh, then let "
            "the muscle relax there.",
            "Come out slowly and switch legs.",
        ],
        cues=["Relax into it; don't pull."],
        cautions=[
            "Don't reach hard for your toes. Forcing it can overload the psoas all at once "
            "and bring on low back pain.",
            SLOW_AND_MINDFUL,
        ],
        skip_when=[ACUTE_SPASM_SKIP],
        tags=["gentle", "no_equipment"],
        sources=[S001, S002, S004],
        illustration_alt=(
            "One example: a person sits on the floor with one leg straight out and the "
            "other knee bent, leaning forward only a little with the hands resting on the "
            "straight leg, not reaching for the toes. The back of the straight thigh is "
            "highlighted."
        ),
        order=60,
    ),
    _exercise(
        slug="foot-up-forward-stance",
        name="Foot-up forward stance",
        kind="stretch",
        audience="self_care",
        summary=(
            "The one stretch for when your psoas is in acute spasm: do only this until the "
            "pain starts to ease. Rest a foot on a stool or your truck step, hold for a "
            "count of 10, and add time as you can."
        ),
        steps=[
            "Put one foot up on a stool, a truck step or another steady surface about "
            "that high, and stand in a relaxed forward stance.",
            "Hold for a count of 10.",
            "If that was easy, slowly raise both arms toward the ceiling to stretch your "
            "lower back more. Hold for another count of 10.",
            "Switch feet and repeat.",
        ],
        cues=[
            "Relax into the position.",
            "Let the count grow a little at a time.",
        ],
        cautions=[
            "Don't push yourself. Ease into the stance rather than forcing it.",
            "Raise your arms only if the first part causes you no difficulty.",
            "Use a surface that won't slide or tip.",
        ],
        skip_when=[
            "Standing upright is very painful. For now, moving around on your hands and "
            "knees can keep you a little mobile.",
        ],
        professional_note=NOT_IMPROVING,
        progressions=[
            "Hold a little longer over time, as far as you can tolerate.",
            "Once the first part is easy, add the arms-up hold for another count of 10, "
            "and build that up over time too.",
        ],
        default_hold_seconds=10,
        tags=["flare_up_safe", "truck_stop", "standing", "gentle", "desk"],
        equipment=["stool, truck step or other steady surface"],
        sources=[S004],
        illustration_alt=(
            "A person stands upright with one foot raised on a low stool in front, that "
            "knee bent, the back leg straight with its foot flat on the floor. The front "
            "of the back leg's hip is highlighted."
        ),
        step_illustrations=[
            {
                "step": 1,
                "alt": (
                    "A person stands with one foot up on a low stool, knee bent, the other "
                    "leg straight behind, arms relaxed by the sides. The front of the back "
                    "leg's hip is highlighted."
                ),
            },
            {
                "step": 3,
                "alt": (
                    "The same stance with both arms raised up toward the ceiling. "
                    "The highlight runs from the back leg's hip up into the lower back and "
                    "belly."
                ),
            },
        ],
        order=70,
    ),
    # --- Strengthening -------------------------------------------------------
    _exercise(
        slug="slow-sit-back",
        name="Slow sit-back",
        kind="strengthen",
        audience="self_care",
        summary=(
            "Do this in place of sit-ups. You lower yourself slowly, one part of your "
            "spine at a time, which asks less of the hip flexor than sitting up does. "
            "Three a day are suggested."
        ),
        steps=[
            "Lie on your back, then push yourself up to sitting with your arms.",
            "Round your lower back.",
            "Slowly roll down so each part of your spine meets the floor in turn.",
            "Once you're flat, relax completely and breathe into your belly for a while.",
            "Push up with your arms again for the next one.",
        ],
        cues=[
            "The work happens on the way down.",
            "Use your arms to get back up, rather than doing a sit-up.",
        ],
        cautions=[
            "Don't swap in ordinary sit-ups. Fast, repeated sit-ups and sloppy crunches "
            "can overload the psoas.",
            "Roll down slowly and under control.",
        ],
        skip_when=[ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        default_reps=3,
        default_times_per_day=1,
        tags=["floor", "lying", "no_equipment"],
        sources=[S004, S001],
        illustration_alt=(
            "A person with knees bent and feet on the floor rolls slowly down onto their "
            "back, lower back rounded, arms reaching toward the knees. The belly is "
            "highlighted."
        ),
        step_illustrations=[
            {
                "step": 1,
                "alt": (
                    "A person with knees bent leans back on both hands behind the hips, "
                    "pushing up from lying to sitting."
                ),
            },
            {
                "step": 2,
                "alt": (
                    "Sitting with knees bent and feet flat, the person rounds the lower "
                    "back, arms reaching forward toward the knees."
                ),
            },
            {
                "step": 3,
                "alt": (
                    "Halfway down: the person lowers the rounded back toward the floor, "
                    "arms still reaching forward. The belly is highlighted."
                ),
            },
            {
                "step": 4,
                "alt": (
                    "The person lies flat on the back with knees bent and arms resting by "
                    "the sides, relaxed."
                ),
            },
        ],
        order=80,
    ),
    _exercise(
        slug="lower-belly-strengthening",
        name="Lower-belly strengthening with good form",
        kind="strengthen",
        audience="self_care",
        summary=(
            "Ab work that bends your hip and focuses on your lower belly helps strengthen "
            "the hip flexor. Whichever exercise you choose, good form is what counts. Do as "
            "many as you can with good form, and pair it with the slow sit-back or a plank."
        ),
        steps=[
            "Choose an ab exercise that bends your hip and works your lower belly.",
            "Before you start, straighten your back, tuck your pelvis under and keep your "
            "hips straight.",
            "Keep that posture throughout. The better your form, the more the deep "
            "lower-belly muscles do the work.",
        ],
        cues=["Back straight, pelvis tucked, hips straight."],
        cautions=[
            "Avoid fast, repeated sit-ups and sloppy crunches. They can overload the psoas "
            "and make things worse.",
            "Straight-leg sit-ups work the psoas hard and can strain it.",
        ],
        skip_when=[ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        tags=["floor"],
        sources=[S000, S001, S004],
        illustration_alt=(
            "A person lies on their back with knees bent and feet flat, lower back flat "
            "to the floor and pelvis tucked: the posture to keep during lower-belly work. "
            "The lower belly is highlighted."
        ),
        order=90,
    ),
    _exercise(
        slug="plank-variations",
        name="Plank (any version)",
        kind="strengthen",
        audience="self_care",
        summary=(
            "A plank is one of several options to use instead of sit-ups. Choose a version "
            "you know and hold it only while your form stays good; you can set a timer. A "
            "health professional can help you choose one."
        ),
        steps=[
            "Pick a plank version you know how to do safely.",
            "Keep your back straight and your pelvis tucked, as for any ab work.",
            "Stop as soon as you can't hold that form.",
        ],
        cues=["Form over time."],
        cautions=["Stop when your back sags or your pelvis comes untucked."],
        skip_when=[ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        tags=["floor", "no_equipment"],
        sources=[S001, S000, S004],
        illustration_alt=(
            "A person holds a plank on the forearms and toes, body in one straight line "
            "from head to heels. The belly is highlighted."
        ),
        order=100,
    ),
    # --- Self-massage --------------------------------------------------------
    _exercise(
        slug="ball-self-massage",
        name="Ball self-massage",
        kind="self_massage",
        audience="self_care",
        summary=(
            "Lie on a ball to ease a tender spot in the deep hip flexor, then add small "
            "leg lifts timed with your breath. Stay as long as it feels comfortable, and "
            "do as many lifts as feel comfortable."
        ),
        steps=[
            "Find the spot: about an inch to the side of your belly button and an inch below it.",
            "Lie face down with the ball under that spot. Let your weight sink onto it "
            "slowly, only as far as feels OK.",
            "Roll slowly until you find a tender spot, and stay there until the tenderness fades.",
            "Keeping the leg on that side straight, lift it slightly as you breathe in "
            "and lower it as you breathe out.",
        ],
        cues=[
            "A lift of about an inch is plenty.",
            "Stay within a range that feels comfortable.",
            "Try different ball sizes. A ball roughly as big as a small cantaloupe reaches "
            "deep enough; a smaller one suits the part inside your hip bone.",
        ],
        cautions=[
            "If you feel a pulse under the ball at any point, gently move the ball to "
            "another spot straight away. Deep branches of your main artery run here.",
            "Keep the pressure at a level that feels comfortable.",
        ],
        skip_when=[ACUTE_SPASM_SKIP],
        tags=["floor", "lying"],
        equipment=["ball, roughly small-cantaloupe sized, or smaller"],
        sources=[S000, S004],
        illustration_alt=(
            "A person lies face down on the floor, propped on the forearms, with a ball "
            "under the belly just to the side of and below the belly button. The front of "
            "the hip on that side is highlighted."
        ),
        step_illustrations=[
            {
                "step": 2,
                "alt": (
                    "A person lies face down, propped on the forearms, resting their weight "
                    "on a ball under one side of the lower belly."
                ),
            },
            {
                "step": 4,
                "alt": (
                    "Still on the ball, the person lifts the straight leg on that side a "
                    "little off the floor. The front of that hip is highlighted."
                ),
            },
        ],
        order=110,
    ),
    _exercise(
        slug="supine-finger-release",
        name="Finger-pressure release, lying down",
        kind="self_massage",
        audience="self_care",
        summary=(
            "Press on a tender spot in the psoas while you slowly lower your leg. Expect "
            "it to hurt; it's best to have a health professional do it for you."
        ),
        steps=[
            "Lie on your back with both knees bent and your feet on the floor. This "
            "relaxes the psoas.",
            "Press in with your fingers to look for a tender spot in the muscle on the "
            "side you want to release.",
            "When you find one, press in and keep the pressure on.",
            "Still pressing, slowly slide the leg on that side out. Keep the other knee bent.",
            "Keep going slowly until the leg lies flat, holding the pressure all the way.",
            "You can repeat this a few times, on different spots.",
        ],
        cues=[
            "To find the muscle, press gently into the soft spot just inside the front of "
            "your hip bone, then raise that leg slightly off the floor. You'll feel it tighten.",
        ],
        cautions=[
            "This is painful. Expect it to hurt while you press.",
            "If you feel a pulse under your fingers, ease off and move further out to the "
            "side, away from your belly button.",
        ],
        skip_when=[ACUTE_SPASM_SKIP],
        professional_note=(
            "It's best to have a health professional do this for you, for example a "
            "certified active release practitioner near you."
        ),
        tags=["floor", "lying"],
        sources=[S004, S002, S000, S003],
        illustration_alt=(
            "A person lies face up pressing the fingers of one hand into the lower belly "
            "beside the hip, while one leg slides out along the floor and the other knee "
            "stays bent. The front of the sliding leg's hip is highlighted."
        ),
        step_illustrations=[
            {
                "step": 1,
                "alt": (
                    "A person lies face up with both knees bent and feet flat, one hand "
                    "resting on the lower belly just inside the hip bone."
                ),
            },
            {
                "step": 4,
                "alt": (
                    "Pressing with the fingers, the person slides one foot away so that leg "
                    "is half straight; the other knee stays bent."
                ),
            },
            {
                "step": 5,
                "alt": (
                    "The sliding leg now lies flat on the floor while the fingers keep "
                    "pressing beside the hip. The front of that hip is highlighted."
                ),
            },
        ],
        order=120,
    ),
    # --- Mobility ------------------------------------------------------------
    _exercise(
        slug="hands-and-knees-moving",
        name="Getting around on hands and knees",
        kind="mobility",
        audience="self_care",
        summary=(
            "When standing upright is very painful, moving around on your hands and knees "
            "can give you some mobility for a while. It's a stopgap, not a stretch."
        ),
        steps=[
            "Lower yourself carefully onto your hands and knees.",
            "Move around slowly on all fours to get where you need to go.",
            "Use it only while standing up straight is too painful.",
        ],
        cautions=["This is a temporary measure. " + NOT_IMPROVING],
        professional_note=(
            "Pain when you try to stand fully upright is a symptom to see your doctor about."
        ),
        tags=["floor", "gentle"],
        sources=[S004, S003],
        illustration_alt=(
            "A person on hands and knees on the floor, hands under the shoulders, knees "
            "under the hips, looking ahead."
        ),
        order=130,
    ),
    # --- Habits --------------------------------------------------------------
    _exercise(
        slug="open-hip-sitting",
        name="Sit with your hips more open",
        kind="habit",
        audience="self_care",
        summary=(
            "Sitting for hours with your hips sharply bent keeps the psoas short. Set up "
            "your seat so the angle at your hips opens up, and don't stay still too long."
        ),
        steps=[
            "Adjust your seat so your thighs slope down a little and the angle at your "
            "hips is wider.",
            "A tilting stool is one way to do this; other setups work too.",
            "Get up and move regularly.",
        ],
        cues=[
            "For many office workers, a seat like this is a better choice than standing.",
        ],
        cautions=[
            "No seat makes up for sitting still. Staying put in any seated position cuts "
            "circulation and can irritate the psoas.",
        ],
        tags=["desk", "sitting"],
        equipment=["tilting stool or adjustable chair"],
        sources=[S001],
        illustration_alt=(
            "A person sits upright on a seat that tilts forward, thighs sloping down to "
            "the knees so the hips are less bent, feet flat on the floor."
        ),
        order=140,
    ),
    _exercise(
        slug="cruise-control-moving",
        name="Move a little on long drives",
        kind="habit",
        audience="self_care",
        summary=(
            "On long, steady stretches of road, cruise control gives you the chance to "
            "shift and move a bit instead of sitting still."
        ),
        steps=[
            "On a long, steady stretch where it's safe, set your cruise control.",
            "Shift your position and move your legs a little now and then.",
            "Take back control of the pedals whenever the road needs it.",
        ],
        cautions=[
            "Only do this when it's safe and you stay in full control of the vehicle.",
            "Driving with your leg stretched out to the pedals can make psoas pain worse.",
        ],
        tags=["driving", "sitting"],
        sources=[S001, S004],
        illustration_alt=(
            "A driver sits at the wheel, one foot resting near the pedals and the other "
            "leg drawn back with the knee bent, changing position."
        ),
        order=150,
    ),
    _exercise(
        slug="recline-truck-seat",
        name="Recline your seat back a little",
        kind="habit",
        audience="self_care",
        summary=(
            "Driving holds the psoas short for hours. Tilting the seat back a little keeps "
            "your hips from bending too much."
        ),
        steps=[
            "Set the back of your seat so it reclines slightly.",
            "Check that your hips are less sharply bent than when you sit bolt upright.",
        ],
        cautions=["Recline only as far as still lets you drive safely and reach the controls."],
        tags=["driving", "sitting"],
        sources=[S004],
        illustration_alt=(
            "A driver sits at the wheel with the seat back tilted slightly backward, so "
            "the angle at the hips is a little more open."
        ),
        order=160,
    ),
    _exercise(
        slug="stretch-every-stop",
        name="Stretch at every stop",
        kind="habit",
        audience="self_care",
        summary=(
            "Driving keeps the psoas short for hours, so truck drivers are especially "
            "prone to this kind of backache. Make a short stretch part of every stop."
        ),
        steps=[
            "Each time you stop, get out of the cab.",
            "Do the truck-stop routine, or at least the foot-up forward stance using your "
            "truck step.",
        ],
        cautions=["Stretch only once you're safely parked."],
        tags=["truck_stop", "driving"],
        sources=[S004],
        illustration_alt=(
            "Beside a parked truck, a person stands with one foot up on the cab's step, "
            "that knee bent, the other leg straight behind. The front of the back leg's "
            "hip is highlighted."
        ),
        order=170,
    ),
    _exercise(
        slug="pillow-under-knees",
        name="Pillow under your knees in bed",
        kind="habit",
        audience="self_care",
        summary=(
            "If you sleep face up, a pillow under your knees keeps your hips "
            "slightly bent and eases tension on the psoas, which can help you sleep."
        ),
        steps=["Lie on your back.", "Slide a pillow or a body pillow under your knees."],
        cautions=["Keep the bend gentle. A slight bend at the hip is the goal, not a sharp one."],
        tags=["sleep", "bed", "lying"],
        equipment=["pillow or body pillow"],
        sources=[S001, S004],
        illustration_alt=(
            "A person lies face up on a mattress, head on a pillow and a second pillow "
            "under the knees, so the hips and knees are slightly bent."
        ),
        order=180,
    ),
    _exercise(
        slug="side-sleeping-no-fetal",
        name="Side sleeping without curling up",
        kind="habit",
        audience="self_care",
        summary=(
            "Sleeping curled up tight on your side, hips sharply bent, shortens the psoas. "
            "Lie a little straighter instead."
        ),
        steps=[
            "When you lie on your side, keep your hips and knees only slightly bent.",
            "Avoid drawing your knees up toward your chest.",
        ],
        cautions=[
            "A tight curled-up position keeps the psoas short for hours and can bring on spasm.",
        ],
        tags=["sleep", "bed"],
        sources=[S001, S004],
        illustration_alt=(
            "A person lies on one side on a mattress, head on a pillow, body nearly "
            "straight with the hips and knees only slightly bent, not curled up."
        ),
        order=190,
    ),
    _exercise(
        slug="firm-mattress",
        name="Sleep on a firm mattress",
        kind="habit",
        audience="self_care",
        summary=(
            "A soft mattress that dips in the middle can shorten the psoas and add to back "
            "pain and morning stiffness. A firm one is better."
        ),
        steps=[
            "Test first: for one night, sleep on the floor, or move your mattress down "
            "onto it, and see whether your back feels better.",
            "If it helps, get a new mattress or lay a half-inch sheet of plywood under the "
            "one you have.",
        ],
        cues=["Which firm mattress you pick is largely a matter of taste."],
        cautions=["Avoid a mattress that sags in the middle; it adds tension in your low back."],
        tags=["sleep", "bed"],
        equipment=["half-inch plywood sheet (optional)"],
        sources=[S001, S004],
        illustration_alt=(
            "A person lies face up and straight on a firm, flat mattress with a thin "
            "board under it; the mattress does not sag."
        ),
        order=200,
    ),
    _exercise(
        slug="moist-heat",
        name="Moist heat in the shower or tub",
        kind="habit",
        audience="self_care",
        summary=(
            "Rest, moist heat and gentle stretching are the usual treatment for psoas "
            "syndrome. A warm shower or a soak in the tub is an easy way to get the heat."
        ),
        steps=[
            "Take a warm shower or soak in a warm bath.",
            "Pair it with rest and gentle stretching.",
        ],
        cautions=["Use warm water, not hot enough to burn.", NOT_IMPROVING],
        tags=["gentle"],
        sources=[S004],
        illustration_alt=(
            "A person stands relaxed under a shower, warm water falling from the shower "
            "head. The front of the hip is highlighted."
        ),
        order=210,
    ),
    # --- For clinicians only -------------------------------------------------
    _exercise(
        slug="clinician-supine-psoas-release",
        name="Supine psoas release (therapist technique)",
        kind="clinician_technique",
        audience="clinician",
        summary=(
            "A hands-on release a trained therapist does with the patient lying on their "
            "back. Working this deep takes practice and clear communication, and patients "
            "find this area among the most sensitive to have treated. It is suggested "
            "for SI problems in female runners who lack hip extension, older patients "
            "with stenosis, hip capsular patterns, a posteriorly rotated ilium, diffuse "
            "front-and-side thigh complaints from femoral nerve compression, and "
            "spondylolisthesis alongside paraspinal soft-tissue work and a stabilization "
            "program."
        ),
        steps=[
            "Position the patient on their back with hips and knees bent.",
            "Use an even grip with the tips of your third and fourth fingers, elbows out "
            "wide so both fingertips make even contact.",
            "Begin 2 to 3 inches out to the side of the navel and sink in slowly, "
            "superficial to deep, until you can go no further. The organs in the "
            "abdomen will shift out of the way.",
            "Go slowly: moving fast makes the rectus abdominis contract and push your fingers out.",
            "Confirm you're on the psoas: there is no pulse under your fingers, and the "
            "muscle tightens under them when the patient bends the hip slightly.",
            "Start with oscillations, then work through the progressions.",
        ],
        cues=[
            "Slow, superficial to deep.",
            "Check: no pulse, and a contraction on slight hip flexion.",
            "Keep talking with your patient throughout.",
        ],
        cautions=[
            "If you feel pulsing, move more lateral: you are on the descending aorta.",
            "This can be painful and uncomfortable for the patient; keep checking in.",
            "Anterior pelvic tilts are the most uncomfortable progression.",
        ],
        skip_when=[
            "Serious causes of the patient's pain, such as those in the serious-conditions "
            "list, have not been ruled out.",
            "The patient is immune-compromised and an infection or myositis of the psoas "
            "has not been ruled out.",
        ],
        professional_note=(
            "For trained clinicians only. This is not a self-care exercise and is never "
            "part of the app's routines."
        ),
        progressions=[
            "Oscillations.",
            "Heel slide: you push proximally while the patient slides the heel distally.",
            "Raising the arm on the same side.",
            "Arm raise and heel slide together.",
            "Anterior pelvic tilts. The most uncomfortable step, and sometimes the first "
            "time a patient tilts the pelvis back correctly, as they try to move away "
            "from your hands.",
        ],
        tags=["lying"],
        sources=[S003, S004],
        illustration_alt=(
            "A patient lies face up on a treatment table with hips and knees bent. A "
            "therapist behind the table presses the fingertips into the patient's belly "
            "to the side of the navel. The front of the patient's hip is highlighted."
        ),
        order=300,
    ),
]


ROUTINES: list[dict] = [
    {
        "slug": "desk-break",
        "name": "Desk break, 2 minutes",
        "summary": (
            "Long sitting keeps the hip flexors short. Stand up and stretch both sides. "
            "Hold the lunge while it feels comfortable; you can set a timer."
        ),
        "minutes_min": 2,
        "minutes_max": 2,
        "tags": ["desk", "standing", "no_equipment"],
        "order": 10,
        "steps": [
            {
                "exercise": "standing-lunge-tuck",
                "hold_seconds": None,
                "reps": None,
                "sets": None,
                "note": "Both sides. Hips square, tailbone tucked, no leaning back.",
            },
            {
                "exercise": "foot-up-forward-stance",
                "hold_seconds": 10,
                "reps": None,
                "sets": None,
                "note": "Only if a steady stool or step is handy. Not a chair on wheels.",
            },
        ],
    },
    {
        "slug": "truck-stop",
        "name": "Truck stop, 3-5 minutes",
        "summary": (
            "Drivers sit with the psoas short for hours, so stretch at every stop. Use "
            "your truck step for the first one."
        ),
        "minutes_min": 3,
        "minutes_max": 5,
        "tags": ["truck_stop", "standing"],
        "order": 20,
        "steps": [
            {
                "exercise": "foot-up-forward-stance",
                "hold_seconds": 10,
                "reps": None,
                "sets": None,
                "note": "Foot on the truck step. Add the arms-up hold if the first is easy.",
            },
            {
                "exercise": "standing-lunge-tuck",
                "hold_seconds": None,
                "reps": None,
                "sets": None,
                "note": "Both sides, as long as feels comfortable.",
            },
        ],
    },
    {
        "slug": "daily-home",
        "name": "Daily home routine",
        "summary": (
            "A slow, mindful session for home: two hip-flexor stretches, a gentle hamstring "
            "stretch and three slow sit-backs. Hold each stretch while it feels "
            "comfortable; you can set a timer."
        ),
        "minutes_min": 10,
        "minutes_max": 15,
        "tags": ["floor", "no_equipment"],
        "order": 30,
        "steps": [
            {
                "exercise": "supine-knee-hug-leg-slide",
                "hold_seconds": None,
                "reps": None,
                "sets": None,
                "note": "Both sides, moving on the out-breath.",
            },
            {
                "exercise": "kneeling-lunge-pelvic-tilt",
                "hold_seconds": None,
                "reps": None,
                "sets": None,
                "note": "Both sides. Tilt your pelvis back before you shift forward.",
            },
            {
                "exercise": "gentle-hamstring-stretch",
                "hold_seconds": None,
                "reps": None,
                "sets": None,
                "note": "Both legs. Relax into it; don't reach for your toes.",
            },
            {
                "exercise": "slow-sit-back",
                "hold_seconds": None,
                "reps": 3,
                "sets": None,
                "note": "Three slow roll-downs, relaxing between them.",
            },
        ],
    },
    {
        "slug": "flare-up-gentle",
        "name": "Flare-up: gentle only",
        "summary": (
            "When your psoas is in acute spasm, do only this stretch until the pain starts "
            "to ease. Don't push; relax into it. If standing upright hurts too much, move "
            "around on your hands and knees for now, and see a health professional if the "
            "pain doesn't improve."
        ),
        "minutes_min": 1,
        "minutes_max": 3,
        "tags": ["flare_up_safe", "gentle"],
        "order": 40,
        "steps": [
            {
                "exercise": "foot-up-forward-stance",
                "hold_seconds": 10,
                "reps": None,
                "sets": None,
                "note": "Both sides. Raise your arms only if the first hold is easy.",
            },
        ],
    },
]


PAIN_AREAS: list[dict] = [
    {
        "slug": "lower-back",
        "label": gettext_noop("Lower back"),
        "sources": [S000, S002, S003, S004],
    },
    {"slug": "lower-belly", "label": gettext_noop("Lower belly"), "sources": [S000]},
    {"slug": "groin", "label": gettext_noop("Groin"), "sources": [S000, S003, S004]},
    {"slug": "buttocks", "label": gettext_noop("Buttocks"), "sources": [S000, S003, S004]},
    {"slug": "down-the-leg", "label": gettext_noop("Down the leg"), "sources": [S000, S003]},
    {
        "slug": "hip",
        "label": gettext_noop("Hip, including the side of the hip"),
        "sources": [S000, S004],
    },
    {"slug": "sacroiliac-joint", "label": gettext_noop("Sacroiliac (SI) joint"), "sources": [S000]},
    {
        "slug": "top-of-hip-bone",
        "label": gettext_noop("Along the top of the hip bone"),
        "sources": [S000],
    },
    {
        "slug": "front-of-thigh",
        "label": gettext_noop("Front of the thigh"),
        "sources": [S002, S004],
    },
    {"slug": "mid-upper-back", "label": gettext_noop("Middle or upper back"), "sources": [S004]},
    {"slug": "pelvis", "label": gettext_noop("Pelvis"), "sources": [S002, S003]},
]

AGGRAVATING_ACTIVITIES: list[dict] = [
    {"slug": "long-sitting", "label": _("Sitting for a long time"), "sources": [S000, S001, S004]},
    {"slug": "long-walking", "label": _("Walking for a long time"), "sources": [S000]},
    {"slug": "long-standing", "label": _("Standing for a long time"), "sources": [S004]},
    {
        "slug": "standing-up",
        "label": _("Getting up from a seat or from bending forward"),
        "sources": [S000, S003, S004],
    },
    {"slug": "squatting", "label": _("Squatting"), "sources": [S000]},
    {"slug": "climbing-stairs", "label": _("Climbing stairs"), "sources": [S000]},
    {
        "slug": "ab-exercises",
        "label": _("Ab exercises, especially sit-ups and sloppy crunches"),
        "sources": [S000, S001, S004],
    },
    {
        "slug": "twisting",
        "label": _("Twisting at the waist while your feet stay put"),
        "sources": [S004],
    },
    {"slug": "driving", "label": _("Driving with your leg stretched out"), "sources": [S004]},
    {
        "slug": "kneeling-or-crouching",
        "label": _("Working on your knees or crouching for long periods"),
        "sources": [S004],
    },
    {"slug": "fetal-sleeping", "label": _("Sleeping curled up tight"), "sources": [S001, S004]},
    {"slug": "sagging-mattress", "label": _("A sagging mattress"), "sources": [S001, S004]},
    {"slug": "toe-reaching", "label": _("Straining to reach your toes"), "sources": [S001]},
    {
        "slug": "forceful-hip-bending",
        "label": _("Forceful hip bending: running uphill, straight-leg sit-ups, kicking"),
        "sources": [S004],
    },
]


# What 001, 003 and 004 say a professional must rule out. 004 lists these as
# causes of psoas syndrome that are not muscle strain or spasm; 003 as conditions
# whose symptoms the psoas can mimic.
SERIOUS_CONDITIONS: list[dict] = [
    {
        "slug": "spinal-injury-or-degeneration",
        "label": _("A serious injury to the spine, or wear of the spine (degeneration)"),
        "sources": [S001],
    },
    {
        "slug": "abdominal-aortic-aneurysm",
        "label": _("An aneurysm of the abdominal aorta (a bulge in the body's main artery)"),
        "sources": [S004],
    },
    {"slug": "abdominal-abscess", "label": _("An abscess in the abdomen"), "sources": [S004]},
    {
        "slug": "hernia",
        "label": _("A hernia, including an inguinal hernia"),
        "sources": [S003, S004],
    },
    {"slug": "colon-cancer", "label": _("Cancer of the colon"), "sources": [S003, S004]},
    {"slug": "prostate-cancer", "label": _("Cancer of the prostate"), "sources": [S004]},
    {"slug": "diverticulitis", "label": _("Diverticulitis"), "sources": [S003, S004]},
    {"slug": "appendicitis", "label": _("Appendicitis"), "sources": [S004]},
    {"slug": "crohns-disease", "label": _("Crohn's disease"), "sources": [S004]},
    {"slug": "kidney-stones", "label": _("Kidney stones"), "sources": [S003, S004]},
    {"slug": "salpingitis", "label": _("Salpingitis"), "sources": [S003, S004]},
    {"slug": "prostatitis", "label": _("Prostatitis"), "sources": [S003, S004]},
    {"slug": "hip-arthritis", "label": _("Arthritis of the hip"), "sources": [S003]},
    {"slug": "femoral-bursitis", "label": _("Femoral bursitis"), "sources": [S003]},
    {
        "slug": "psoas-infection-or-myositis",
        "label": _(
            "An infection or myositis in the psoas, in people whose immune system is weakened"
        ),
        "sources": [S003],
    },
]

# Every question is asked so that "yes" is the warning sign, in plain positive
# words, one idea each. The slugs are the API's (GET/POST me/safety/) and stay
# fixed; `hint` (optional) says why the question is asked.
SAFETY_SCREEN: list[dict] = [
    {
        "slug": "not-yet-checked",
        "question": _(
            "Do you still need a doctor or other health professional to check your back pain?"
        ),
        "hint": _(
            "A check first rules out a serious injury to the spine or wear of the spine, "
            "before stretching is worth relying on."
        ),
        "sources": [S001, S003],
    },
    {
        "slug": "known-serious-condition",
        "question": _(
            "Has a doctor told you that you have, or might have, one of the serious "
            "conditions listed below?"
        ),
        "sources": [S003, S004],
    },
    {
        "slug": "immune-compromised",
        "question": _(
            "Is your immune system weakened, for example after a transplant, or because of "
            "cancer or an infection?"
        ),
        "sources": [S003],
    },
    {
        "slug": "not-improving",
        "question": _("Has treatment left your back pain the same, or made it slowly worse?"),
        "sources": [S004],
    },
]

SAFETY_ADVICE = _(
    "If you answered yes to any of these questions, please see a doctor or other health "
    "professional before you start these exercises."
)

# Shown on Today and in the player for as long as the latest answers hold a yes.
# Marked here, translated where shown (tracker/templatetags/safety.py).
SAFETY_NOTE = gettext_noop(
    "Your answers to the safety questions mean a doctor or other health professional "
    "should see you before you start these exercises."
)

# 003 lists pain spreading down the leg among the symptoms to see a doctor about,
# and names severe back pain as something more serious conditions also cause;
# 004 says some causes of this pain are serious. A rating of PAIN_CHECK_RATING
# or more, or one "down the leg", shows this advice.
PAIN_CHECK_RATING = 8
PAIN_CHECK_LOCATIONS = ("down_the_leg",)
PAIN_CHECK_ADVICE = gettext_noop(
    "Strong pain, or pain that spreads down your leg, can come from causes other than "
    "a tight muscle, and some of them are serious. Please have it checked by a doctor "
    "or other health professional."
)

GENERAL_DISCLAIMER = _(
    "StretchStop is for education only. It does not replace advice, diagnosis or treatment "
    "from a qualified health professional, so check with yours about your own back."
)
