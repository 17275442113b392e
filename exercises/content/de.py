"""The library in German (du). See exercises/content/__init__.py for the shape.

Same meaning as exercises/library.py, sentence for sentence: nothing added,
nothing softened, every caution whole.
"""

HOLD_AS_COMFORTABLE = (
    "Halte die Position, solange es sich angenehm anfühlt; du kannst einen Timer stellen."
)
ACUTE_SPASM_SKIP = (
    "Dein Psoas ist akut verkrampft. Bis der Schmerz nachzulassen beginnt, mach nur den "
    "Vorwärtsstand mit erhöhtem Fuß."
)
SLOW_AND_MINDFUL = "Dehne langsam und aufmerksam, damit du den Muskel nicht überlastest."
AFTER_TREATMENT_SKIP = (
    "Du wirst noch wegen eines akuten Schubs behandelt. Kräftigung ist für danach gedacht, "
    "damit das Problem nicht wiederkommt."
)
NOT_IMPROVING = (
    "Wenn deine Schmerzen nicht besser oder sogar schlimmer werden, geh zu einer "
    "medizinischen Fachperson. Manche Ursachen solcher Schmerzen haben nichts mit den "
    "Muskeln zu tun und können ernst sein."
)

EXERCISES: dict[str, dict] = {
    "standing-lunge-tuck": {
        "name": "Ausfallschritt im Stehen mit Beckenkippung",
        "summary": (
            "Ein Ausfallschritt im Stehen für den tiefen Hüftbeuger vorn an der Hüfte. Ein "
            "gehobener Arm und eine kleine Seitneigung führen die Dehnung nach oben bis in den "
            "Bauch. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Stell dich mit etwa hüftbreit auseinanderstehenden Füßen hin und mach mit einem Fuß "
            "einen Ausfallschritt nach hinten. Geh nur so tief, wie es sich angenehm anfühlt.",
            "Dreh beide Hüften so, dass sie gerade nach vorn zeigen.",
            "Zieh dein Steißbein so weit wie möglich nach unten ein. Vielleicht spürst du schon "
            "eine Dehnung dort, wo das hintere Bein in die Hüfte übergeht.",
            "Heb den Arm auf der Seite, die dem hinteren Bein gegenüberliegt (linkes Bein "
            "hinten, rechter Arm hoch). So wandert die Dehnung höher, in den Bauch.",
            "Für den Teil des Muskels an der Innenseite des Hüftknochens neige dich sanft zum "
            "gehobenen Arm hin, weg von der Hüfte, die du dehnst.",
            "Komm langsam aus der Position und wechsle die Seite.",
        ],
        "cues": [
            "Hüften gerade, Steißbein eingezogen.",
            "Du kannst auch beide Arme heben, wenn es sich besser anfühlt oder dir beim "
            "Gleichgewicht hilft.",
            "Spürst du nichts? Prüfe, ob deine Hüften nach vorn zeigen und dein Steißbein "
            "eingezogen ist, oder geh etwas tiefer.",
            "Du kannst das hintere Knie auf dem Boden ablegen, für einen weiteren "
            "Ausfallschritt oder ein sichereres Gleichgewicht.",
        ],
        "cautions": [
            "Lehn dich nicht nach hinten, um die Dehnung zu finden. Das belastet den unteren "
            "Rücken und kann Rückenschmerzen verschlimmern.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [
            ACUTE_SPASM_SKIP,
            "Deine Knie machen Ausfallschritte schwer. Probier stattdessen die Hüftdehnung an "
            "der Bettkante.",
        ],
        "professional_note": "",
        "progressions": [
            "Nimm das Armheben dazu, sobald sich die Hüftdehnung stabil anfühlt.",
            "Nimm die sanfte Seitneigung dazu, um die Innenseite der Hüfte zu erreichen.",
        ],
        "equipment": [],
        "illustration_alt": (
            "Eine Person steht im Ausfallschritt, ein Fuß nach hinten gesetzt, das vordere Knie "
            "gebeugt, der Oberkörper aufrecht. Der Arm auf der Seite gegenüber dem hinteren Bein "
            "reicht gerade nach oben. Die Vorderseite der Hüfte des hinteren Beins und der "
            "Unterbauch sind hervorgehoben."
        ),
        "step_alts": [
            "Eine Person steht aufrecht im Ausfallschritt: ein Fuß nach hinten gesetzt, nur die "
            "Zehen am Boden, das vordere Knie gebeugt, die Arme seitlich am Körper. Die "
            "Vorderseite der Hüfte des hinteren Beins ist hervorgehoben.",
            "Derselbe Ausfallschritt, der Arm auf der Seite gegenüber dem hinteren Bein über den "
            "Kopf gehoben. Die Hervorhebung reicht von der Hüfte des hinteren Beins bis in den "
            "Bauch.",
            "Von vorn gesehen: Die Person im Ausfallschritt neigt den Oberkörper zu einer Seite, "
            "der gehobene Arm wölbt sich über den Kopf zu dieser Seite, weg von der gedehnten "
            "Hüfte, die hervorgehoben ist.",
        ],
    },
    "low-lunge-forward": {
        "name": "Tiefer Ausfallschritt, nach vorn",
        "summary": (
            "Eine leichte Dehnung, für die du nichts brauchst. Du bewegst dich nach vorn, nicht "
            "tiefer, sodass sich die Hüfte des hinteren Beins sanft öffnet. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Geh in einen tiefen Ausfallschritt.",
            "Schieb deinen Körper nach vorn, statt tiefer zu sinken, bis du eine sanfte Dehnung "
            "vorn an der Hüfte des hinteren Beins spürst.",
            "Komm langsam aus der Position und wechsle die Seite.",
        ],
        "cues": ["Denk nach vorn, nicht nach unten."],
        "cautions": [
            "Bleib sanft. Das ist als leichte Dehnung gedacht, nicht als tiefe.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Eine Person im tiefen Ausfallschritt, hinteres Knie und Schienbein auf dem Boden, "
            "vorderer Fuß flach, die Hüften über das hintere Knie hinaus nach vorn geschoben, "
            "die Hände auf dem vorderen Oberschenkel. Die Vorderseite der Hüfte des hinteren "
            "Beins ist hervorgehoben."
        ),
        "step_alts": [
            "Eine Person im tiefen Ausfallschritt: das hintere Knie unter der Hüfte auf dem "
            "Boden, der vordere Fuß flach voraus, der Oberkörper aufrecht, die Hände Richtung "
            "vorderes Knie abgelegt.",
            "Derselbe tiefe Ausfallschritt, die Hüften nach vorn geschoben, vor das hintere "
            "Knie, statt tiefer. Die Vorderseite der Hüfte des hinteren Beins ist hervorgehoben.",
        ],
    },
    "kneeling-lunge-pelvic-tilt": {
        "name": "Kniender Ausfallschritt mit Beckenkippung",
        "summary": (
            "Ein kniender Ausfallschritt, bei dem das Zurückkippen des Beckens die Dehnung auf "
            "den Teil des Hüftbeugers lenkt, der am unteren Rücken ansetzt. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Knie dich hin und setz dann einen Fuß nach vorn. Dein hinteres Knie bleibt am Boden.",
            "Kipp dein Becken nach hinten, um das Hohlkreuz im unteren Rücken abzuflachen. Die "
            "Dehnung sollte sich sofort in der Hüfte des knienden Beins zeigen.",
            "Verlagere dein Gewicht ein wenig nach vorn, sodass beide Hüften nur leicht nach "
            "vorn kommen. Die Dehnung wandert vorn in Hüfte und Oberschenkel des knienden Beins.",
            "Halte die ganze Zeit die Brust oben und den Rücken gerade.",
            "Komm langsam aus der Position und wechsle die Seite.",
        ],
        "cues": [
            "Brust hoch, Rücken gerade.",
            "Erst kippen, dann nach vorn, nur ein wenig.",
        ],
        "cautions": [
            SLOW_AND_MINDFUL,
            "Schieb die Hüften nur ein kleines Stück nach vorn.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Eine Person kniet auf einem Knie, der andere Fuß steht vorn, die Brust aufrecht, "
            "die Hände an den Hüften, die Hüften ein wenig vor dem hinteren Knie. Die "
            "Vorderseite der Hüfte des knienden Beins ist hervorgehoben."
        ),
        "step_alts": [
            "Eine Person kniet auf einem Knie, die Hüfte genau darüber, der andere Fuß flach "
            "vorn, die Brust aufrecht, die Hände an den Hüften.",
            "Dieselbe kniende Position mit leicht nach vorn geschobenen Hüften, die Brust "
            "weiterhin aufrecht. Die Vorderseite von Hüfte und Oberschenkel des knienden Beins "
            "ist hervorgehoben.",
        ],
    },
    "supine-knee-hug-leg-slide": {
        "name": "Knie umarmen im Liegen mit Beingleiten",
        "summary": (
            "Eine sanfte Dehnung auf dem Rücken im Takt deines Atems, die den Psoas verlängert "
            "und aufwärmt, während dein Becken ruhig bleibt. Wiederhole das Gleiten so oft, wie "
            "es sich angenehm anfühlt."
        ),
        "steps": [
            "Leg dich auf den Rücken, den Kopf auf einem kleinen Kissen.",
            "Zieh ein Knie heran und halte es mit den Händen. Das ist die Seite, die du nicht "
            "dehnst. Lass den Nacken locker und die Schulterblätter entspannt liegen.",
            "Atme ein.",
            "Schieb beim Ausatmen das andere Bein langsam am Boden entlang nach vorn aus.",
            "Atme ein.",
            "Schieb das Bein beim Ausatmen zurück in die Ausgangsposition.",
            "Wechsle die Beine, um die andere Seite zu dehnen.",
        ],
        "cues": [
            "Ein ruhiges Becken ist wichtiger als ein ganz gestrecktes Bein.",
            "Beweg dich nur, während du ausatmest.",
        ],
        "cautions": [
            "Hör mit dem Gleiten dort auf, wo sich dein Becken zu bewegen beginnen würde, statt "
            "das Bein gerade zu zwingen.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": ["kleines Kissen"],
        "illustration_alt": (
            "Eine Person liegt auf dem Rücken, den Kopf auf einem kleinen Kissen, und zieht mit "
            "beiden Händen ein Knie zur Brust; das andere Bein liegt gestreckt auf dem Boden. "
            "Die Vorderseite der Hüfte des gestreckten Beins ist hervorgehoben."
        ),
        "step_alts": [
            "Eine Person liegt auf dem Rücken, den Kopf auf einem kleinen Kissen, und hält mit "
            "beiden Händen ein Knie zur Brust. Das andere Knie ist gebeugt, der Fuß steht flach "
            "auf dem Boden.",
            "Das eine Knie noch gehalten, hat die Person das andere Bein gestreckt am Boden "
            "entlang ausgeschoben. Die Vorderseite der Hüfte dieses Beins ist hervorgehoben.",
        ],
    },
    "edge-of-bed-stretch": {
        "name": "Hüftdehnung an der Bettkante",
        "summary": (
            "Eine sanftere Dehnung, bei der die Schwerkraft die Arbeit macht, praktisch, wenn "
            "deine Knie Ausfallschritte schwer machen. Du spürst sie wahrscheinlich weniger "
            "stark als einen Ausfallschritt. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Leg dich auf den Rücken auf ein Bett oder einen stabilen Tisch, das untere Ende "
            "des Steißbeins an der Kante, sodass dein Gesäß übersteht.",
            "Zieh das Steißbein ein und spann den Unterbauch an. Das stützt deinen unteren "
            "Rücken, der hier leicht ins Hohlkreuz geht, und lenkt die Dehnung auf die Hüfte.",
            "Zieh ein Knie zur Brust und umfasse es mit den Händen. Das Heranziehen flacht "
            "deinen unteren Rücken weiter ab und hilft dem anderen Bein, sich zu dehnen.",
            "Bleib so liegen und lass die Schwerkraft langsam die Vorderseite der Hüfte des "
            "Beins öffnen, das Richtung Boden hängt.",
            "Wechsle die Beine.",
            "Zum Aufstehen roll dich sanft auf die Seite und drück dich mit den Armen hoch.",
        ],
        "cues": [
            "Spürst du nichts? Zieh das Steißbein stärker ein.",
            "Rutsch ein wenig näher an die Kante, damit das hängende Bein tiefer sinkt und "
            "stärker dehnt.",
        ],
        "cautions": [
            "Dein unterer Rücken kann in dieser Position stark ins Hohlkreuz gehen. Halte das "
            "Steißbein die ganze Zeit eingezogen und den Unterbauch angespannt.",
            "Roll dich zum Aufstehen auf die Seite, statt dich gerade aufzusetzen.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": ["Bett oder stabiler Tisch"],
        "illustration_alt": (
            "Eine Person liegt auf dem Rücken auf einem Bett, das Gesäß an der Kante. Beide "
            "Hände ziehen ein Knie zur Brust, während das andere Bein über die Kante Richtung "
            "Boden hängt. Die Vorderseite der Hüfte des hängenden Beins ist hervorgehoben."
        ),
        "step_alts": [
            "Eine Person liegt auf dem Rücken auf einem Bett, den Kopf auf einem Kissen, das "
            "Gesäß an der Bettkante, beide Beine hängen darüber hinunter.",
            "Auf dem Bett zieht die Person ein Knie zur Brust; das andere Bein hängt über die "
            "Kante. Die Vorderseite der Hüfte des hängenden Beins ist hervorgehoben.",
            "Beim Aufstehen: Die Person, auf eine Seite gedreht, drückt den Oberkörper mit "
            "beiden Armen vom Bett hoch, die Beine über der Kante.",
        ],
    },
    "gentle-hamstring-stretch": {
        "name": "Sanfte Dehnung der hinteren Oberschenkel",
        "summary": (
            "Dehne die Rückseite deines Oberschenkels sanft und passiv, statt dich zu deinen "
            "Zehen zu quälen, was den Psoas plötzlich überlasten kann. Jede Dehnung, in die du "
            "dich entspannt hineinsinken lassen kannst, ist geeignet. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Wähle eine sanfte Dehnung der hinteren Oberschenkel, bei der du dich in die "
            "Position hineinentspannst, statt zu ziehen.",
            "Geh langsam hinein, bis du eine leichte Dehnung an der Rückseite des Oberschenkels "
            "spürst, und lass den Muskel dort locker.",
            "Komm langsam aus der Position und wechsle das Bein.",
        ],
        "cues": ["Entspann dich hinein; zieh nicht."],
        "cautions": [
            "Streck dich nicht mit Kraft zu den Zehen. Erzwingen kann den Psoas auf einen Schlag "
            "überlasten und Schmerzen im unteren Rücken auslösen.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Ein Beispiel: Eine Person sitzt auf dem Boden, ein Bein gestreckt, das andere Knie "
            "gebeugt, und lehnt sich nur ein wenig nach vorn, die Hände auf dem gestreckten "
            "Bein, ohne nach den Zehen zu greifen. Die Rückseite des gestreckten Oberschenkels "
            "ist hervorgehoben."
        ),
        "step_alts": [],
    },
    "foot-up-forward-stance": {
        "name": "Vorwärtsstand mit erhöhtem Fuß",
        "summary": (
            "Die eine Dehnung für einen akut verkrampften Psoas: Mach nur diese, bis der Schmerz "
            "nachzulassen beginnt. Stell einen Fuß auf einen Hocker oder die Trittstufe deines "
            "Lkw, halte bis 10 gezählt und verlängere, wenn du kannst."
        ),
        "steps": [
            "Stell einen Fuß auf einen Hocker, eine Lkw-Trittstufe oder eine andere stabile "
            "Fläche in etwa dieser Höhe und steh locker in einer Vorwärtsstellung.",
            "Halte, während du bis 10 zählst.",
            "War das leicht, heb langsam beide Arme zur Decke, um den unteren Rücken stärker zu "
            "dehnen. Halte, während du noch einmal bis 10 zählst.",
            "Wechsle den Fuß und wiederhole.",
        ],
        "cues": [
            "Entspann dich in die Position hinein.",
            "Lass das Zählen nach und nach länger werden.",
        ],
        "cautions": [
            "Zwing dich zu nichts. Geh sanft in die Stellung, statt sie zu erzwingen.",
            "Heb die Arme nur, wenn dir der erste Teil keinerlei Mühe macht.",
            "Nimm eine Fläche, die nicht rutscht und nicht kippt.",
        ],
        "skip_when": [
            "Aufrecht zu stehen ist sehr schmerzhaft. Vorerst kannst du dich auf Händen und "
            "Knien fortbewegen, um ein wenig beweglich zu bleiben.",
        ],
        "professional_note": NOT_IMPROVING,
        "progressions": [
            "Halte mit der Zeit etwas länger, so weit du es verträgst.",
            "Sobald der erste Teil leicht ist, nimm das Halten mit erhobenen Armen für weitere "
            "10 Zähler dazu und steigere auch das mit der Zeit.",
        ],
        "equipment": ["Hocker, Lkw-Trittstufe oder andere stabile Fläche"],
        "illustration_alt": (
            "Eine Person steht aufrecht, einen Fuß vorn auf einem niedrigen Hocker, dieses Knie "
            "gebeugt, das hintere Bein gestreckt mit dem Fuß flach auf dem Boden. Die "
            "Vorderseite der Hüfte des hinteren Beins ist hervorgehoben."
        ),
        "step_alts": [
            "Eine Person steht mit einem Fuß auf einem niedrigen Hocker, das Knie gebeugt, das "
            "andere Bein gestreckt hinten, die Arme locker seitlich. Die Vorderseite der Hüfte "
            "des hinteren Beins ist hervorgehoben.",
            "Dieselbe Stellung mit beiden Armen zur Decke gehoben. Die Hervorhebung reicht von "
            "der Hüfte des hinteren Beins bis in den unteren Rücken und den Bauch.",
        ],
    },
    "slow-sit-back": {
        "name": "Langsames Zurückrollen",
        "summary": (
            "Mach das anstelle von Sit-ups. Du senkst dich langsam ab, einen Abschnitt der "
            "Wirbelsäule nach dem anderen, was den Hüftbeuger weniger fordert als das "
            "Aufrichten. Empfohlen sind drei am Tag."
        ),
        "steps": [
            "Leg dich auf den Rücken und drück dich dann mit den Armen hoch zum Sitzen.",
            "Mach den unteren Rücken rund.",
            "Roll langsam nach unten, sodass jeder Abschnitt der Wirbelsäule nacheinander den "
            "Boden berührt.",
            "Liegst du flach, entspann dich vollständig und atme eine Weile in den Bauch.",
            "Drück dich für die nächste Wiederholung wieder mit den Armen hoch.",
        ],
        "cues": [
            "Die Arbeit passiert auf dem Weg nach unten.",
            "Nimm die Arme zum Wiederhochkommen, statt ein Sit-up zu machen.",
        ],
        "cautions": [
            "Ersetz es nicht durch gewöhnliche Sit-ups. Schnelle, wiederholte Sit-ups und "
            "schlampige Crunches können den Psoas überlasten.",
            "Roll langsam und kontrolliert ab.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Eine Person mit gebeugten Knien und den Füßen am Boden rollt langsam auf den Rücken "
            "ab, der untere Rücken rund, die Arme zu den Knien gestreckt. Der Bauch ist "
            "hervorgehoben."
        ),
        "step_alts": [
            "Eine Person mit gebeugten Knien stützt sich hinter den Hüften auf beide Hände und "
            "drückt sich vom Liegen zum Sitzen hoch.",
            "Im Sitzen, die Knie gebeugt und die Füße flach, macht die Person den unteren Rücken "
            "rund, die Arme nach vorn zu den Knien gestreckt.",
            "Auf halbem Weg: Die Person senkt den runden Rücken zum Boden, die Arme weiter nach "
            "vorn gestreckt. Der Bauch ist hervorgehoben.",
            "Die Person liegt flach auf dem Rücken, die Knie gebeugt, die Arme seitlich "
            "abgelegt, entspannt.",
        ],
    },
    "lower-belly-strengthening": {
        "name": "Unterbauch kräftigen mit guter Technik",
        "summary": (
            "Bauchübungen, die die Hüfte beugen und den Unterbauch betonen, helfen, den "
            "Hüftbeuger zu kräftigen. Welche Übung du auch wählst, es kommt auf die gute "
            "Technik an. Mach so viele, wie du mit guter Technik schaffst, und kombiniere sie mit "
            "dem langsamen Zurückrollen oder einem Unterarmstütz."
        ),
        "steps": [
            "Wähle eine Bauchübung, die die Hüfte beugt und den Unterbauch arbeiten lässt.",
            "Bevor du anfängst, streck den Rücken, zieh das Becken ein und halte die Hüften "
            "gerade.",
            "Halte diese Haltung die ganze Zeit. Je besser deine Technik, desto mehr arbeiten "
            "die tiefen Muskeln des Unterbauchs.",
        ],
        "cues": ["Rücken gerade, Becken eingezogen, Hüften gerade."],
        "cautions": [
            "Vermeide schnelle, wiederholte Sit-ups und schlampige Crunches. Sie können den "
            "Psoas überlasten und alles verschlimmern.",
            "Sit-ups mit gestreckten Beinen fordern den Psoas stark und können ihn zerren.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Eine Person liegt auf dem Rücken, die Knie gebeugt und die Füße flach, der untere "
            "Rücken flach am Boden und das Becken eingezogen: die Haltung, die beim Training "
            "des Unterbauchs zu halten ist. Der Unterbauch ist hervorgehoben."
        ),
        "step_alts": [],
    },
    "plank-variations": {
        "name": "Unterarmstütz (jede Variante)",
        "summary": (
            "Der Unterarmstütz ist eine von mehreren Möglichkeiten anstelle von Sit-ups. Wähle "
            "eine Variante, die du kennst, und halte sie nur, solange deine Technik gut bleibt; "
            "du kannst einen Timer stellen. Eine medizinische Fachperson kann dir bei der Wahl "
            "helfen."
        ),
        "steps": [
            "Wähle eine Variante des Unterarmstützes, die du sicher ausführen kannst.",
            "Halte den Rücken gerade und das Becken eingezogen, wie bei jeder Bauchübung.",
            "Hör auf, sobald du diese Haltung nicht mehr halten kannst.",
        ],
        "cues": ["Technik vor Dauer."],
        "cautions": [
            "Hör auf, wenn dein Rücken durchhängt oder dein Becken nicht mehr eingezogen ist.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Eine Person hält einen Unterarmstütz auf Unterarmen und Zehen, der Körper in einer "
            "geraden Linie vom Kopf bis zu den Fersen. Der Bauch ist hervorgehoben."
        ),
        "step_alts": [],
    },
    "ball-self-massage": {
        "name": "Selbstmassage mit dem Ball",
        "summary": (
            "Leg dich auf einen Ball, um eine empfindliche Stelle im tiefen Hüftbeuger zu "
            "lockern, und nimm dann kleine Beinhebungen im Takt deines Atems dazu. Bleib so "
            "lange, wie es sich angenehm anfühlt, und mach so viele Hebungen, wie es sich "
            "angenehm anfühlt."
        ),
        "steps": [
            "Such die Stelle: etwa zweieinhalb Zentimeter (ein Zoll) seitlich deines Bauchnabels "
            "und ebenso weit darunter.",
            "Leg dich auf den Bauch, den Ball unter dieser Stelle. Lass dein Gewicht langsam "
            "auf ihn sinken, nur so weit, wie es sich in Ordnung anfühlt.",
            "Roll langsam, bis du eine empfindliche Stelle findest, und bleib dort, bis die "
            "Empfindlichkeit nachlässt.",
            "Halte das Bein auf dieser Seite gestreckt, heb es beim Einatmen leicht an und senk "
            "es beim Ausatmen.",
        ],
        "cues": [
            "Etwa zweieinhalb Zentimeter (ein Zoll) Anheben reichen völlig.",
            "Bleib in einem Bereich, der sich angenehm anfühlt.",
            "Probier verschiedene Ballgrößen. Ein Ball etwa so groß wie eine kleine Melone "
            "reicht tief genug; ein kleinerer passt für den Teil innen am Hüftknochen.",
        ],
        "cautions": [
            "Spürst du irgendwann einen Puls unter dem Ball, setz den Ball sofort sanft an eine "
            "andere Stelle. Hier verlaufen tiefe Äste deiner Hauptschlagader.",
            "Halte den Druck auf einem Maß, das sich angenehm anfühlt.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": ["Ball, etwa so groß wie eine kleine Melone, oder kleiner"],
        "illustration_alt": (
            "Eine Person liegt bäuchlings auf dem Boden, auf die Unterarme gestützt, mit einem "
            "Ball unter dem Bauch, knapp seitlich und unterhalb des Bauchnabels. Die Vorderseite "
            "der Hüfte auf dieser Seite ist hervorgehoben."
        ),
        "step_alts": [
            "Eine Person liegt bäuchlings, auf die Unterarme gestützt, und lässt ihr Gewicht "
            "auf einem Ball unter einer Seite des Unterbauchs ruhen.",
            "Noch auf dem Ball hebt die Person das gestreckte Bein auf dieser Seite ein wenig "
            "vom Boden. Die Vorderseite dieser Hüfte ist hervorgehoben.",
        ],
    },
    "supine-finger-release": {
        "name": "Lösen mit Fingerdruck im Liegen",
        "summary": (
            "Drück auf eine empfindliche Stelle im Psoas, während du langsam dein Bein "
            "absenkst. Rechne damit, dass es wehtut; am besten lässt du es von einer "
            "medizinischen Fachperson machen."
        ),
        "steps": [
            "Leg dich auf den Rücken, beide Knie gebeugt und die Füße auf dem Boden. Das "
            "entspannt den Psoas.",
            "Drück mit den Fingern hinein, um eine empfindliche Stelle im Muskel auf der Seite "
            "zu suchen, die du lösen willst.",
            "Hast du eine gefunden, drück hinein und halte den Druck.",
            "Weiter drückend, schieb das Bein auf dieser Seite langsam aus. Lass das andere Knie "
            "gebeugt.",
            "Mach langsam weiter, bis das Bein flach liegt, und halte den Druck die ganze Zeit.",
            "Du kannst das ein paar Mal wiederholen, an verschiedenen Stellen.",
        ],
        "cues": [
            "Um den Muskel zu finden, drück sanft in die weiche Stelle direkt innen an der "
            "Vorderseite deines Hüftknochens und heb dann dieses Bein leicht vom Boden. Du "
            "spürst, wie er sich anspannt.",
        ],
        "cautions": [
            "Das ist schmerzhaft. Rechne damit, dass es wehtut, während du drückst.",
            "Spürst du einen Puls unter den Fingern, lass nach und geh weiter nach außen zur "
            "Seite, weg von deinem Bauchnabel.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": (
            "Am besten lässt du das von einer medizinischen Fachperson machen, zum Beispiel von "
            "einer zertifizierten Active-Release-Fachkraft in deiner Nähe."
        ),
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Eine Person liegt auf dem Rücken und drückt die Finger einer Hand neben der Hüfte "
            "in den Unterbauch, während ein Bein am Boden entlang ausgleitet und das andere Knie "
            "gebeugt bleibt. Die Vorderseite der Hüfte des gleitenden Beins ist hervorgehoben."
        ),
        "step_alts": [
            "Eine Person liegt auf dem Rücken, beide Knie gebeugt und die Füße flach, eine Hand "
            "auf dem Unterbauch knapp innen am Hüftknochen.",
            "Mit den Fingern drückend schiebt die Person einen Fuß weg, sodass dieses Bein halb "
            "gestreckt ist; das andere Knie bleibt gebeugt.",
            "Das gleitende Bein liegt jetzt flach am Boden, während die Finger neben der Hüfte "
            "weiterdrücken. Die Vorderseite dieser Hüfte ist hervorgehoben.",
        ],
    },
    "hands-and-knees-moving": {
        "name": "Auf Händen und Knien fortbewegen",
        "summary": (
            "Wenn aufrechtes Stehen sehr schmerzhaft ist, kann dir die Fortbewegung auf Händen "
            "und Knien eine Zeit lang etwas Beweglichkeit geben. Das ist eine Notlösung, keine "
            "Dehnung."
        ),
        "steps": [
            "Geh vorsichtig auf Hände und Knie.",
            "Beweg dich langsam auf allen vieren dorthin, wo du hinmusst.",
            "Mach das nur, solange aufrechtes Stehen zu schmerzhaft ist.",
        ],
        "cues": [],
        "cautions": ["Das ist eine vorübergehende Maßnahme. " + NOT_IMPROVING],
        "skip_when": [],
        "professional_note": (
            "Schmerzen, wenn du versuchst, ganz aufrecht zu stehen, sind ein Symptom, mit dem "
            "du zu deiner Ärztin oder deinem Arzt gehen solltest."
        ),
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Eine Person auf Händen und Knien am Boden, die Hände unter den Schultern, die Knie "
            "unter den Hüften, der Blick nach vorn."
        ),
        "step_alts": [],
    },
    "open-hip-sitting": {
        "name": "Mit offeneren Hüften sitzen",
        "summary": (
            "Stundenlanges Sitzen mit stark gebeugten Hüften hält den Psoas verkürzt. Stell "
            "deinen Sitz so ein, dass sich der Winkel an den Hüften öffnet, und bleib nicht zu "
            "lange still sitzen."
        ),
        "steps": [
            "Stell deinen Sitz so ein, dass deine Oberschenkel leicht nach unten abfallen und "
            "der Winkel an den Hüften weiter ist.",
            "Ein Kipphocker ist eine Möglichkeit dafür; andere Lösungen gehen auch.",
            "Steh regelmäßig auf und beweg dich.",
        ],
        "cues": [
            "Für viele Büroangestellte ist ein solcher Sitz eine bessere Wahl als Stehen.",
        ],
        "cautions": [
            "Kein Sitz gleicht stilles Sitzen aus. Wer in irgendeiner Sitzposition verharrt, "
            "drosselt die Durchblutung und kann den Psoas reizen.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": ["Kipphocker oder verstellbarer Stuhl"],
        "illustration_alt": (
            "Eine Person sitzt aufrecht auf einem nach vorn geneigten Sitz, die Oberschenkel "
            "fallen zu den Knien hin ab, sodass die Hüften weniger gebeugt sind, die Füße flach "
            "auf dem Boden."
        ),
        "step_alts": [],
    },
    "cruise-control-moving": {
        "name": "Auf langen Fahrten ein wenig bewegen",
        "summary": (
            "Auf langen, gleichmäßigen Strecken gibt dir der Tempomat die Gelegenheit, deine "
            "Haltung zu ändern und dich ein wenig zu bewegen, statt still zu sitzen."
        ),
        "steps": [
            "Auf einer langen, gleichmäßigen Strecke, wo es sicher ist, schalte den Tempomat ein.",
            "Ändere ab und zu deine Haltung und beweg die Beine ein wenig.",
            "Übernimm die Pedale wieder, sobald die Straße es verlangt.",
        ],
        "cues": [],
        "cautions": [
            "Mach das nur, wenn es sicher ist und du das Fahrzeug voll unter Kontrolle behältst.",
            "Fahren mit zu den Pedalen ausgestrecktem Bein kann Psoas-Schmerzen verschlimmern.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Eine Person sitzt am Steuer, ein Fuß ruht nahe den Pedalen, das andere Bein ist "
            "mit gebeugtem Knie zurückgezogen: Sie ändert ihre Haltung."
        ),
        "step_alts": [],
    },
    "recline-truck-seat": {
        "name": "Rückenlehne etwas zurückstellen",
        "summary": (
            "Beim Fahren bleibt der Psoas stundenlang verkürzt. Die Rückenlehne etwas nach "
            "hinten zu neigen verhindert, dass sich deine Hüften zu stark beugen."
        ),
        "steps": [
            "Stell die Rückenlehne so ein, dass sie leicht nach hinten geneigt ist.",
            "Prüfe, dass deine Hüften weniger stark gebeugt sind als beim kerzengeraden Sitzen.",
        ],
        "cues": [],
        "cautions": [
            "Neig die Lehne nur so weit, dass du noch sicher fahren und alle Bedienelemente "
            "erreichen kannst.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Eine Person sitzt am Steuer, die Rückenlehne leicht nach hinten geneigt, sodass "
            "der Winkel an den Hüften etwas offener ist."
        ),
        "step_alts": [],
    },
    "stretch-every-stop": {
        "name": "Bei jedem Halt dehnen",
        "summary": (
            "Fahren hält den Psoas stundenlang verkürzt, deshalb sind Lkw-Fahrer für diese Art "
            "Rückenschmerzen besonders anfällig. Mach eine kurze Dehnung zu einem Teil jedes "
            "Halts."
        ),
        "steps": [
            "Steig bei jedem Halt aus dem Führerhaus aus.",
            "Mach die Lkw-Halt-Routine oder wenigstens den Vorwärtsstand mit erhöhtem Fuß auf "
            "deiner Lkw-Trittstufe.",
        ],
        "cues": [],
        "cautions": ["Dehne dich erst, wenn du sicher geparkt hast."],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Neben einem geparkten Lkw steht eine Person mit einem Fuß auf der Trittstufe des "
            "Führerhauses, dieses Knie gebeugt, das andere Bein hinten gestreckt. Die "
            "Vorderseite der Hüfte des hinteren Beins ist hervorgehoben."
        ),
        "step_alts": [],
    },
    "pillow-under-knees": {
        "name": "Kissen unter den Knien im Bett",
        "summary": (
            "Wenn du auf dem Rücken schläfst, hält ein Kissen unter den Knien deine Hüften "
            "leicht gebeugt und nimmt Spannung vom Psoas, was dir beim Schlafen helfen kann."
        ),
        "steps": [
            "Leg dich auf den Rücken.",
            "Schieb ein Kissen oder ein Seitenschläferkissen unter deine Knie.",
        ],
        "cues": [],
        "cautions": [
            "Halte die Beugung sanft. Ziel ist eine leichte Beugung in der Hüfte, keine starke.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": ["Kissen oder Seitenschläferkissen"],
        "illustration_alt": (
            "Eine Person liegt auf dem Rücken auf einer Matratze, den Kopf auf einem Kissen und "
            "ein zweites Kissen unter den Knien, sodass Hüften und Knie leicht gebeugt sind."
        ),
        "step_alts": [],
    },
    "side-sleeping-no-fetal": {
        "name": "In Seitenlage schlafen, ohne sich einzurollen",
        "summary": (
            "Eng eingerollt auf der Seite zu schlafen, mit stark gebeugten Hüften, verkürzt den "
            "Psoas. Leg dich stattdessen etwas gestreckter hin."
        ),
        "steps": [
            "Wenn du auf der Seite liegst, halte Hüften und Knie nur leicht gebeugt.",
            "Vermeide es, die Knie zur Brust zu ziehen.",
        ],
        "cues": [],
        "cautions": [
            "Eine eng eingerollte Haltung hält den Psoas stundenlang verkürzt und kann einen "
            "Krampf auslösen.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Eine Person liegt auf einer Seite auf einer Matratze, den Kopf auf einem Kissen, "
            "der Körper fast gestreckt, Hüften und Knie nur leicht gebeugt, nicht eingerollt."
        ),
        "step_alts": [],
    },
    "firm-mattress": {
        "name": "Auf einer festen Matratze schlafen",
        "summary": (
            "Eine weiche Matratze, die in der Mitte durchhängt, kann den Psoas verkürzen und "
            "Rückenschmerzen und Steifheit am Morgen verstärken. Eine feste ist besser."
        ),
        "steps": [
            "Teste zuerst: Schlaf eine Nacht auf dem Boden oder leg deine Matratze auf den "
            "Boden, und schau, ob sich dein Rücken besser anfühlt.",
            "Wenn es hilft, kauf eine neue Matratze oder leg eine gut einen Zentimeter (ein "
            "halber Zoll) dicke Sperrholzplatte unter die, die du hast.",
        ],
        "cues": ["Welche feste Matratze du wählst, ist weitgehend Geschmackssache."],
        "cautions": [
            "Meide eine Matratze, die in der Mitte durchhängt; sie erhöht die Spannung im "
            "unteren Rücken.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": ["Sperrholzplatte, einen halben Zoll dick (optional)"],
        "illustration_alt": (
            "Eine Person liegt gerade auf dem Rücken auf einer festen, flachen Matratze mit "
            "einem dünnen Brett darunter; die Matratze hängt nicht durch."
        ),
        "step_alts": [],
    },
    "moist-heat": {
        "name": "Feuchte Wärme in Dusche oder Wanne",
        "summary": (
            "Ruhe, feuchte Wärme und sanftes Dehnen sind die übliche Behandlung des "
            "Psoas-Syndroms. Eine warme Dusche oder ein Bad in der Wanne ist ein einfacher Weg "
            "zu dieser Wärme."
        ),
        "steps": [
            "Dusch warm oder nimm ein warmes Bad.",
            "Verbinde es mit Ruhe und sanftem Dehnen.",
        ],
        "cues": [],
        "cautions": [
            "Nimm warmes Wasser, nicht so heiß, dass du dich verbrühst.",
            NOT_IMPROVING,
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Eine Person steht entspannt unter einer Dusche, warmes Wasser fällt aus dem "
            "Duschkopf. Die Vorderseite der Hüfte ist hervorgehoben."
        ),
        "step_alts": [],
    },
    "clinician-supine-psoas-release": {
        "name": "Psoas-Release in Rückenlage (Therapeutentechnik)",
        "summary": (
            "Ein manuelles Release, das eine ausgebildete Therapeutin oder ein ausgebildeter "
            "Therapeut bei Patienten in Rückenlage ausführt. So tief zu arbeiten erfordert "
            "Übung und klare Kommunikation, und Patienten empfinden die Behandlung dieser "
            "Region als eine der empfindlichsten. Empfohlen wird es bei ISG-Problemen von "
            "Läuferinnen mit fehlender Hüftextension, älteren Patienten mit Stenose, "
            "Kapselmustern der Hüfte, einem nach posterior rotierten Ilium, diffusen Beschwerden "
            "an Vorder- und Außenseite des Oberschenkels durch Kompression des N. femoralis und "
            "bei Spondylolisthese zusammen mit Weichteilarbeit an der paravertebralen Muskulatur "
            "und einem Stabilisationsprogramm."
        ),
        "steps": [
            "Lagere den Patienten auf dem Rücken, Hüften und Knie gebeugt.",
            "Greife gleichmäßig mit den Kuppen des dritten und vierten Fingers, die Ellbogen "
            "weit nach außen, damit beide Fingerkuppen gleichmäßig Kontakt haben.",
            "Beginne 5 bis 7,5 cm (2 bis 3 Zoll) seitlich des Nabels und sinke langsam ein, von "
            "oberflächlich nach tief, bis es nicht weiter geht. Die Bauchorgane weichen zur "
            "Seite aus.",
            "Arbeite langsam: Schnelle Bewegungen lassen den M. rectus abdominis kontrahieren "
            "und deine Finger hinausdrücken.",
            "Vergewissere dich, dass du auf dem Psoas bist: Unter deinen Fingern ist kein Puls, "
            "und der Muskel spannt sich unter ihnen an, wenn der Patient die Hüfte leicht beugt.",
            "Beginne mit Oszillationen und arbeite dich dann durch die Steigerungen.",
        ],
        "cues": [
            "Langsam, von oberflächlich nach tief.",
            "Prüfe: kein Puls und eine Kontraktion bei leichter Hüftflexion.",
            "Sprich die ganze Zeit mit deinem Patienten.",
        ],
        "cautions": [
            "Spürst du ein Pulsieren, geh weiter nach lateral: Du bist auf der absteigenden Aorta.",
            "Das kann für den Patienten schmerzhaft und unangenehm sein; frag immer wieder nach.",
            "Anteriore Beckenkippungen sind die unangenehmste Steigerung.",
        ],
        "skip_when": [
            "Ernste Ursachen der Schmerzen des Patienten, etwa die in der Liste ernster "
            "Erkrankungen, sind nicht ausgeschlossen.",
            "Der Patient ist immungeschwächt, und eine Infektion oder Myositis des Psoas ist "
            "nicht ausgeschlossen.",
        ],
        "professional_note": (
            "Nur für ausgebildete Fachleute in Klinik und Praxis. Das ist keine Übung zur "
            "Selbstbehandlung und nie Teil der Routinen der App."
        ),
        "progressions": [
            "Oszillationen.",
            "Fersengleiten: Du drückst nach proximal, während der Patient die Ferse nach distal "
            "gleiten lässt.",
            "Heben des Arms auf derselben Seite.",
            "Armheben und Fersengleiten zusammen.",
            "Anteriore Beckenkippungen. Der unangenehmste Schritt und manchmal das erste Mal, "
            "dass ein Patient das Becken richtig nach hinten kippt, wenn er versucht, deinen "
            "Händen auszuweichen.",
        ],
        "equipment": [],
        "illustration_alt": (
            "Ein Patient liegt auf dem Rücken auf einer Behandlungsliege, Hüften und Knie "
            "gebeugt. Eine Therapeutin hinter der Liege drückt die Fingerkuppen seitlich des "
            "Nabels in den Bauch des Patienten. Die Vorderseite der Hüfte des Patienten ist "
            "hervorgehoben."
        ),
        "step_alts": [],
    },
}

ROUTINES: dict[str, dict] = {
    "desk-break": {
        "name": "Schreibtischpause, 2 Minuten",
        "summary": (
            "Langes Sitzen hält die Hüftbeuger verkürzt. Steh auf und dehne beide Seiten. "
            "Halte den Ausfallschritt, solange es sich angenehm anfühlt; du kannst einen Timer "
            "stellen."
        ),
        "notes": [
            "Beide Seiten. Hüften gerade, Steißbein eingezogen, nicht nach hinten lehnen.",
            "Nur wenn ein stabiler Hocker oder eine Stufe zur Hand ist. Kein Stuhl mit Rollen.",
        ],
    },
    "truck-stop": {
        "name": "Lkw-Halt, 3-5 Minuten",
        "summary": (
            "Fahrer sitzen stundenlang mit verkürztem Psoas, also dehne dich bei jedem Halt. "
            "Nimm für die erste Dehnung die Trittstufe deines Lkw."
        ),
        "notes": [
            "Fuß auf der Lkw-Trittstufe. Nimm das Halten mit erhobenen Armen dazu, wenn der "
            "erste Teil leicht ist.",
            "Beide Seiten, so lange, wie es sich angenehm anfühlt.",
        ],
    },
    "daily-home": {
        "name": "Tägliche Routine für zu Hause",
        "summary": (
            "Eine langsame, achtsame Einheit für zu Hause: zwei Dehnungen der Hüftbeuger, eine "
            "sanfte Dehnung der hinteren Oberschenkel und dreimal langsames Zurückrollen. Halte "
            "jede Dehnung, solange es sich angenehm anfühlt; du kannst einen Timer stellen."
        ),
        "notes": [
            "Beide Seiten, Bewegung beim Ausatmen.",
            "Beide Seiten. Kipp dein Becken nach hinten, bevor du nach vorn gehst.",
            "Beide Beine. Entspann dich hinein; greif nicht nach den Zehen.",
            "Dreimal langsam abrollen, dazwischen entspannen.",
        ],
    },
    "flare-up-gentle": {
        "name": "Akuter Schub: nur sanft",
        "summary": (
            "Wenn dein Psoas akut verkrampft ist, mach nur diese Dehnung, bis der Schmerz "
            "nachzulassen beginnt. Zwing dich zu nichts; entspann dich hinein. Tut aufrechtes "
            "Stehen zu sehr weh, beweg dich vorerst auf Händen und Knien fort, und geh zu einer "
            "medizinischen Fachperson, wenn der Schmerz nicht besser wird."
        ),
        "notes": [
            "Beide Seiten. Heb die Arme nur, wenn das erste Halten leicht ist.",
        ],
    },
}
