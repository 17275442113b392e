"""The library in Spanish (tú). See exercises/content/__init__.py for the shape.

Same meaning as exercises/library.py, sentence for sentence: nothing added,
nothing softened, every caution whole.
"""

HOLD_AS_COMFORTABLE = "Mantén la postura mientras te resulte cómoda; puedes poner un temporizador."
ACUTE_SPASM_SKIP = (
    "Tu psoas está en espasmo agudo. Hasta que el dolor empiece a ceder, haz solo la "
    "postura adelantada con el pie en alto."
)
SLOW_AND_MINDFUL = "Estira despacio y con atención, para no forzar demasiado el músculo."
AFTER_TREATMENT_SKIP = (
    "Todavía te están tratando por una crisis. El fortalecimiento es para después, "
    "para ayudar a que el problema no vuelva."
)
NOT_IMPROVING = (
    "Si tu dolor no mejora, o empeora, consulta a un profesional de la salud. Algunas "
    "causas de este tipo de dolor no tienen nada que ver con los músculos y pueden ser graves."
)

EXERCISES: dict[str, dict] = {
    "standing-lunge-tuck": {
        "name": "Zancada de pie con retroversión pélvica",
        "summary": (
            "Una zancada de pie para el flexor profundo de la cadera, en la parte delantera "
            "de la cadera. Levantar un brazo y una pequeña inclinación lateral llevan el "
            "estiramiento hacia arriba, hasta el vientre. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Ponte de pie con los pies más o menos a la anchura de las caderas y lleva un pie "
            "atrás en zancada. Baja solo hasta donde te resulte cómodo.",
            "Gira las dos caderas para que miren al frente.",
            "Mete el coxis hacia abajo todo lo que puedas. Puede que ya notes un estiramiento "
            "donde la pierna de atrás se une a la cadera.",
            "Levanta el brazo del lado contrario a la pierna de atrás (pierna izquierda atrás, "
            "brazo derecho arriba). Así el estiramiento sube, hasta el vientre.",
            "Para la parte del músculo que va por el interior del hueso de la cadera, inclínate "
            "con suavidad hacia el brazo levantado, alejándote de la cadera que estiras.",
            "Sal de la postura despacio y cambia de lado.",
        ],
        "cues": [
            "Caderas al frente, coxis metido.",
            "Puedes levantar los dos brazos si te sienta mejor o te ayuda con el equilibrio.",
            "¿No lo notas? Comprueba que las caderas miran al frente y que el coxis está "
            "metido, o baja un poco más.",
            "Puedes apoyar la rodilla de atrás en el suelo para una zancada más amplia o un "
            "equilibrio más estable.",
        ],
        "cautions": [
            "No te inclines hacia atrás para buscar el estiramiento. Eso carga la zona lumbar y "
            "puede empeorar el dolor de espalda.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [
            ACUTE_SPASM_SKIP,
            "Las rodillas te dificultan la zancada. Prueba en su lugar el estiramiento de "
            "cadera al borde de la cama.",
        ],
        "professional_note": "",
        "progressions": [
            "Añade la elevación del brazo cuando el estiramiento de la cadera se sienta estable.",
            "Añade la suave inclinación lateral para llegar a la parte interior de la cadera.",
        ],
        "equipment": [],
        "illustration_alt": (
            "Una persona de pie en zancada, con un pie atrás y la rodilla de delante doblada, "
            "el cuerpo erguido. El brazo del lado contrario a la pierna de atrás se estira "
            "hacia arriba. Están resaltados la parte delantera de la cadera de la pierna de "
            "atrás y la parte baja del vientre."
        ),
        "step_alts": [
            "Una persona erguida en zancada: un pie atrás apoyado solo en los dedos, la rodilla "
            "de delante doblada, los brazos a los lados. Está resaltada la parte delantera de "
            "la cadera de la pierna de atrás.",
            "La misma zancada con el brazo del lado contrario a la pierna de atrás levantado "
            "por encima de la cabeza. El resaltado va de la cadera de la pierna de atrás hasta "
            "el vientre.",
            "Vista de frente: la persona en zancada inclina el tronco hacia un lado, con el "
            "brazo levantado curvándose sobre la cabeza hacia ese lado, lejos de la cadera que "
            "se estira, que está resaltada.",
        ],
    },
    "low-lunge-forward": {
        "name": "Zancada baja, avanzando",
        "summary": (
            "Un estiramiento fácil que no necesita material. Avanzas, no bajas más, así que la "
            "cadera de la pierna de atrás se abre con suavidad. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Colócate en una zancada baja.",
            "Lleva el cuerpo hacia delante, en vez de bajar más, hasta notar un estiramiento "
            "suave en la parte delantera de la cadera de la pierna de atrás.",
            "Sal de la postura despacio y cambia de lado.",
        ],
        "cues": ["Piensa en avanzar, no en bajar."],
        "cautions": [
            "Hazlo con suavidad. Es un estiramiento suave, no profundo.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Una persona en zancada baja, con la rodilla y la espinilla de atrás apoyadas en el "
            "suelo, el pie de delante plano, las caderas llevadas hacia delante más allá de la "
            "rodilla de atrás y las manos sobre el muslo de delante. Está resaltada la parte "
            "delantera de la cadera de la pierna de atrás."
        ),
        "step_alts": [
            "Una persona en zancada baja: la rodilla de atrás en el suelo bajo la cadera, el pie "
            "de delante plano, el cuerpo erguido y las manos apoyadas hacia la rodilla de delante.",
            "La misma zancada baja con las caderas llevadas hacia delante, por delante de la "
            "rodilla de atrás, en vez de más abajo. Está resaltada la parte delantera de la "
            "cadera de la pierna de atrás.",
        ],
    },
    "kneeling-lunge-pelvic-tilt": {
        "name": "Zancada de rodillas con inclinación pélvica",
        "summary": (
            "Una zancada de rodillas en la que, al inclinar la pelvis hacia atrás, el "
            "estiramiento se dirige a la parte del flexor de la cadera que se une a la zona "
            "lumbar. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Arrodíllate y después adelanta un pie. La rodilla de atrás se queda en el suelo.",
            "Inclina la pelvis hacia atrás para aplanar la curva de la zona lumbar. El "
            "estiramiento debería aparecer enseguida en la cadera de la pierna arrodillada.",
            "Lleva el peso un poco hacia delante, adelantando apenas las dos caderas. El "
            "estiramiento pasa a la parte delantera de la cadera y el muslo de la pierna "
            "arrodillada.",
            "Mantén el pecho alto y la espalda recta todo el tiempo.",
            "Sal de la postura despacio y cambia de lado.",
        ],
        "cues": [
            "Pecho alto, espalda recta.",
            "Primero inclina, luego avanza, solo un poco.",
        ],
        "cautions": [
            SLOW_AND_MINDFUL,
            "Adelanta las caderas solo un poco.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Una persona arrodillada sobre una rodilla con el otro pie delante, el pecho erguido "
            "y las manos en las caderas, que están un poco por delante de la rodilla de atrás. "
            "Está resaltada la parte delantera de la cadera de la pierna arrodillada."
        ),
        "step_alts": [
            "Una persona arrodillada sobre una rodilla, con la cadera justo encima, el otro pie "
            "plano delante, el pecho erguido y las manos en las caderas.",
            "La misma postura de rodillas con las caderas un poco adelantadas y el pecho aún "
            "erguido. Están resaltados la parte delantera de la cadera y el muslo de la pierna "
            "arrodillada.",
        ],
    },
    "supine-knee-hug-leg-slide": {
        "name": "Rodilla al pecho tumbado, deslizando la pierna",
        "summary": (
            "Un estiramiento suave boca arriba, al ritmo de la respiración, para alargar y "
            "calentar el psoas mientras la pelvis se mantiene estable. Repite el deslizamiento "
            "tantas veces como te resulte cómodo."
        ),
        "steps": [
            "Túmbate boca arriba, con la cabeza apoyada en un cojín o almohada pequeños.",
            "Sube una rodilla y sujétala con las manos. Este es el lado que no estiras. Mantén "
            "el cuello suelto y los omóplatos asentados.",
            "Inspira.",
            "Al espirar, desliza despacio la otra pierna a lo largo del suelo.",
            "Inspira.",
            "Al espirar, desliza esa pierna de vuelta a donde empezó.",
            "Cambia de pierna para estirar el otro lado.",
        ],
        "cues": [
            "Una pelvis estable importa más que una pierna del todo estirada.",
            "Muévete solo mientras espiras.",
        ],
        "cautions": [
            "Detén el deslizamiento donde la pelvis empezaría a moverse, en vez de forzar la "
            "pierna a estirarse.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": ["almohada o cojín pequeños"],
        "illustration_alt": (
            "Una persona tumbada boca arriba con la cabeza en un cojín pequeño, abrazando una "
            "rodilla hacia el pecho con las dos manos; la otra pierna está estirada sobre el "
            "suelo. Está resaltada la parte delantera de la cadera de la pierna estirada."
        ),
        "step_alts": [
            "Una persona tumbada boca arriba, con la cabeza en un cojín pequeño, sujeta una "
            "rodilla hacia el pecho con las dos manos. La otra rodilla está doblada con el pie "
            "plano en el suelo.",
            "Sin soltar esa rodilla, la persona ha deslizado la otra pierna hasta estirarla "
            "sobre el suelo. Está resaltada la parte delantera de la cadera de esa pierna.",
        ],
    },
    "edge-of-bed-stretch": {
        "name": "Estiramiento de cadera al borde de la cama",
        "summary": (
            "Un estiramiento más suave en el que la gravedad hace el trabajo, útil si las "
            "rodillas te dificultan la zancada. Probablemente lo notarás menos que una zancada. "
            + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Túmbate boca arriba en una cama o una mesa firme, con la base del coxis en el borde "
            "para que los glúteos queden fuera.",
            "Mete el coxis y contrae la parte baja del vientre. Así sostienes la zona lumbar, "
            "que aquí tiende a arquearse mucho, y centras el estiramiento en la cadera.",
            "Lleva una rodilla hacia el pecho y rodéala con las manos. Acercarla aplana más la "
            "zona lumbar y ayuda a que la otra pierna se estire.",
            "Quédate así y deja que la gravedad abra poco a poco la parte delantera de la "
            "cadera de la pierna que cuelga hacia el suelo.",
            "Cambia de pierna.",
            "Para levantarte, gira con suavidad hacia un lado y empújate hacia arriba con los "
            "brazos.",
        ],
        "cues": [
            "¿No lo notas? Mete más el coxis.",
            "Desplázate un poco más hacia el borde para que la pierna que cuelga baje más y "
            "estire más.",
        ],
        "cautions": [
            "En esta postura la zona lumbar puede arquearse mucho. Mantén el coxis metido y la "
            "parte baja del vientre activada todo el tiempo.",
            "Gira hacia un lado para levantarte en lugar de incorporarte de golpe.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": ["cama o mesa firme"],
        "illustration_alt": (
            "Una persona tumbada boca arriba en una cama con los glúteos en el borde. Las dos "
            "manos abrazan una rodilla hacia el pecho mientras la otra pierna cuelga por el "
            "borde hacia el suelo. Está resaltada la parte delantera de la cadera de la pierna "
            "que cuelga."
        ),
        "step_alts": [
            "Una persona tumbada boca arriba en una cama, con la cabeza en una almohada, los "
            "glúteos en el borde de la cama y las dos piernas colgando por él.",
            "En la cama, la persona abraza una rodilla hacia el pecho; la otra pierna cuelga por "
            "el borde. Está resaltada la parte delantera de la cadera de la pierna que cuelga.",
            "Al levantarse: la persona, girada de lado, empuja el tronco hacia arriba desde la "
            "cama con los dos brazos, con las piernas por fuera del borde.",
        ],
    },
    "gentle-hamstring-stretch": {
        "name": "Estiramiento suave de isquiotibiales",
        "summary": (
            "Estira la parte de atrás del muslo con suavidad y de forma pasiva, en vez de "
            "forzarte a tocarte los pies, lo que puede sobrecargar de golpe el psoas. Vale "
            "cualquier estiramiento en el que puedas relajarte. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Elige un estiramiento suave de isquiotibiales en el que te relajes en la postura "
            "en lugar de tirar.",
            "Entra poco a poco hasta notar un estiramiento leve en la parte de atrás del muslo, "
            "y deja que el músculo se relaje ahí.",
            "Sal de la postura despacio y cambia de pierna.",
        ],
        "cues": ["Relájate en la postura; no tires."],
        "cautions": [
            "No intentes llegar a los pies con fuerza. Forzarlo puede sobrecargar el psoas de "
            "golpe y provocar dolor lumbar.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Un ejemplo: una persona sentada en el suelo con una pierna estirada y la otra "
            "rodilla doblada, inclinada solo un poco hacia delante con las manos apoyadas en la "
            "pierna estirada, sin intentar tocarse los pies. Está resaltada la parte de atrás "
            "del muslo estirado."
        ),
        "step_alts": [],
    },
    "foot-up-forward-stance": {
        "name": "Postura adelantada con el pie en alto",
        "summary": (
            "El único estiramiento para cuando tu psoas está en espasmo agudo: haz solo este "
            "hasta que el dolor empiece a ceder. Apoya un pie en un taburete o en el estribo de "
            "tu camión, mantén mientras cuentas hasta 10 y alarga el tiempo cuando puedas."
        ),
        "steps": [
            "Sube un pie a un taburete, al estribo del camión o a otra superficie estable de "
            "altura parecida, y quédate de pie en una postura adelantada y relajada.",
            "Mantén mientras cuentas hasta 10.",
            "Si te ha resultado fácil, levanta despacio los dos brazos hacia el techo para "
            "estirar más la zona lumbar. Mantén mientras cuentas otra vez hasta 10.",
            "Cambia de pie y repite.",
        ],
        "cues": [
            "Relájate en la postura.",
            "Deja que la cuenta crezca poco a poco.",
        ],
        "cautions": [
            "No te fuerces. Entra en la postura poco a poco en lugar de forzarla.",
            "Levanta los brazos solo si la primera parte no te cuesta nada.",
            "Usa una superficie que no resbale ni vuelque.",
        ],
        "skip_when": [
            "Estar de pie erguido te duele mucho. De momento, desplazarte a gatas puede "
            "mantenerte un poco en movimiento.",
        ],
        "professional_note": NOT_IMPROVING,
        "progressions": [
            "Mantén un poco más con el tiempo, hasta donde lo toleres.",
            "Cuando la primera parte te resulte fácil, añade la postura con los brazos arriba "
            "mientras cuentas otra vez hasta 10, y ve alargándola también con el tiempo.",
        ],
        "equipment": ["taburete, estribo del camión u otra superficie estable"],
        "illustration_alt": (
            "Una persona erguida con un pie subido a un taburete bajo delante, esa rodilla "
            "doblada, y la pierna de atrás estirada con el pie plano en el suelo. Está resaltada "
            "la parte delantera de la cadera de la pierna de atrás."
        ),
        "step_alts": [
            "Una persona de pie con un pie subido a un taburete bajo, la rodilla doblada, la "
            "otra pierna estirada detrás y los brazos relajados a los lados. Está resaltada la "
            "parte delantera de la cadera de la pierna de atrás.",
            "La misma postura con los dos brazos levantados hacia el techo. El resaltado va de "
            "la cadera de la pierna de atrás hasta la zona lumbar y el vientre.",
        ],
    },
    "slow-sit-back": {
        "name": "Descenso lento hacia atrás",
        "summary": (
            "Hazlo en lugar de abdominales. Bajas despacio, una parte de la columna cada vez, "
            "lo que exige menos al flexor de la cadera que incorporarse. Se sugieren tres al día."
        ),
        "steps": [
            "Túmbate boca arriba y después empújate con los brazos hasta quedar sentado.",
            "Redondea la zona lumbar.",
            "Baja rodando despacio para que cada parte de la columna toque el suelo por turno.",
            "Cuando estés tumbado del todo, relájate por completo y respira con el vientre un "
            "rato.",
            "Vuelve a empujarte con los brazos para la siguiente.",
        ],
        "cues": [
            "El trabajo se hace al bajar.",
            "Usa los brazos para volver a subir, en lugar de hacer un abdominal.",
        ],
        "cautions": [
            "No lo cambies por abdominales normales. Los abdominales rápidos y repetidos y los "
            "crunches mal hechos pueden sobrecargar el psoas.",
            "Baja rodando despacio y con control.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Una persona con las rodillas dobladas y los pies en el suelo baja rodando despacio "
            "hasta quedar boca arriba, con la zona lumbar redondeada y los brazos estirados hacia "
            "las rodillas. Está resaltado el vientre."
        ),
        "step_alts": [
            "Una persona con las rodillas dobladas se apoya hacia atrás en las dos manos, "
            "detrás de las caderas, y se empuja para pasar de tumbada a sentada.",
            "Sentada con las rodillas dobladas y los pies planos, la persona redondea la zona "
            "lumbar, con los brazos estirados hacia delante, hacia las rodillas.",
            "A mitad de camino: la persona baja la espalda redondeada hacia el suelo, con los "
            "brazos aún estirados hacia delante. Está resaltado el vientre.",
            "La persona está tumbada boca arriba, con las rodillas dobladas y los brazos "
            "apoyados a los lados, relajada.",
        ],
    },
    "lower-belly-strengthening": {
        "name": "Fortalecimiento de la parte baja del vientre con buena técnica",
        "summary": (
            "El trabajo abdominal que flexiona la cadera y se centra en la parte baja del "
            "vientre ayuda a fortalecer el flexor de la cadera. Elijas el ejercicio que elijas, "
            "lo que cuenta es la buena técnica. Haz tantas repeticiones como puedas con buena "
            "técnica y combínalo con el descenso lento hacia atrás o una plancha."
        ),
        "steps": [
            "Elige un ejercicio abdominal que flexione la cadera y trabaje la parte baja del "
            "vientre.",
            "Antes de empezar, endereza la espalda, mete la pelvis y mantén las caderas rectas.",
            "Mantén esa postura todo el tiempo. Cuanto mejor sea tu técnica, más trabajan los "
            "músculos profundos de la parte baja del vientre.",
        ],
        "cues": ["Espalda recta, pelvis metida, caderas rectas."],
        "cautions": [
            "Evita los abdominales rápidos y repetidos y los crunches mal hechos. Pueden "
            "sobrecargar el psoas y empeorar las cosas.",
            "Los abdominales con las piernas estiradas hacen trabajar mucho el psoas y pueden "
            "distenderlo.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Una persona tumbada boca arriba con las rodillas dobladas y los pies planos, la "
            "zona lumbar pegada al suelo y la pelvis metida: la postura que hay que mantener "
            "durante el trabajo de la parte baja del vientre. Está resaltada la parte baja del "
            "vientre."
        ),
        "step_alts": [],
    },
    "plank-variations": {
        "name": "Plancha (cualquier versión)",
        "summary": (
            "La plancha es una de varias opciones para usar en lugar de abdominales. Elige una "
            "versión que conozcas y mantenla solo mientras tu técnica siga siendo buena; puedes "
            "poner un temporizador. Un profesional de la salud puede ayudarte a elegir una."
        ),
        "steps": [
            "Elige una versión de la plancha que sepas hacer de forma segura.",
            "Mantén la espalda recta y la pelvis metida, como en cualquier trabajo abdominal.",
            "Para en cuanto no puedas mantener esa postura.",
        ],
        "cues": ["La técnica antes que el tiempo."],
        "cautions": ["Para cuando la espalda se hunda o la pelvis deje de estar metida."],
        "skip_when": [ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Una persona mantiene una plancha sobre los antebrazos y las puntas de los pies, con "
            "el cuerpo en una línea recta de la cabeza a los talones. Está resaltado el vientre."
        ),
        "step_alts": [],
    },
    "ball-self-massage": {
        "name": "Automasaje con pelota",
        "summary": (
            "Túmbate sobre una pelota para aliviar un punto sensible del flexor profundo de la "
            "cadera y después añade pequeñas elevaciones de la pierna al ritmo de la "
            "respiración. Quédate tanto tiempo como te resulte cómodo y haz tantas elevaciones "
            "como te resulten cómodas."
        ),
        "steps": [
            "Busca el punto: unos dos centímetros y medio (una pulgada) al lado del ombligo y "
            "otros tantos por debajo.",
            "Túmbate boca abajo con la pelota bajo ese punto. Deja que tu peso se apoye en ella "
            "despacio, solo hasta donde te resulte bien.",
            "Rueda despacio hasta encontrar un punto sensible y quédate ahí hasta que la "
            "sensibilidad desaparezca.",
            "Con la pierna de ese lado estirada, levántala un poco al inspirar y bájala al "
            "espirar.",
        ],
        "cues": [
            "Basta con levantarla unos dos centímetros y medio (una pulgada).",
            "Quédate en un rango que te resulte cómodo.",
            "Prueba pelotas de distintos tamaños. Una pelota más o menos del tamaño de un melón "
            "pequeño llega lo bastante hondo; una más pequeña va bien para la parte interior "
            "del hueso de la cadera.",
        ],
        "cautions": [
            "Si en algún momento notas un pulso bajo la pelota, mueve la pelota con suavidad a "
            "otro punto enseguida. Por aquí pasan ramas profundas de tu arteria principal.",
            "Mantén una presión que te resulte cómoda.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": ["pelota, más o menos del tamaño de un melón pequeño, o más pequeña"],
        "illustration_alt": (
            "Una persona tumbada boca abajo en el suelo, apoyada en los antebrazos, con una "
            "pelota bajo el vientre, justo al lado y por debajo del ombligo. Está resaltada la "
            "parte delantera de la cadera de ese lado."
        ),
        "step_alts": [
            "Una persona tumbada boca abajo, apoyada en los antebrazos, deja descansar su peso "
            "sobre una pelota bajo un lado de la parte baja del vientre.",
            "Todavía sobre la pelota, la persona levanta un poco del suelo la pierna estirada de "
            "ese lado. Está resaltada la parte delantera de esa cadera.",
        ],
    },
    "supine-finger-release": {
        "name": "Liberación con presión de los dedos, tumbado",
        "summary": (
            "Presiona un punto sensible del psoas mientras bajas despacio la pierna. Cuenta con "
            "que duela; lo mejor es que te lo haga un profesional de la salud."
        ),
        "steps": [
            "Túmbate boca arriba con las dos rodillas dobladas y los pies en el suelo. Así se "
            "relaja el psoas.",
            "Presiona con los dedos para buscar un punto sensible en el músculo del lado que "
            "quieres liberar.",
            "Cuando lo encuentres, presiona y mantén la presión.",
            "Sin dejar de presionar, desliza despacio hacia fuera la pierna de ese lado. Mantén "
            "la otra rodilla doblada.",
            "Sigue despacio hasta que la pierna quede plana, manteniendo la presión todo el "
            "tiempo.",
            "Puedes repetirlo unas cuantas veces, en puntos distintos.",
        ],
        "cues": [
            "Para encontrar el músculo, presiona con suavidad en la zona blanda justo por dentro "
            "de la parte delantera del hueso de la cadera y levanta un poco del suelo esa pierna. "
            "Notarás que se tensa.",
        ],
        "cautions": [
            "Esto duele. Cuenta con que duela mientras presionas.",
            "Si notas un pulso bajo los dedos, afloja y desplázate más hacia fuera, hacia el "
            "lado, lejos del ombligo.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": (
            "Lo mejor es que te lo haga un profesional de la salud, por ejemplo un profesional "
            "certificado en Active Release cerca de ti."
        ),
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Una persona tumbada boca arriba presiona con los dedos de una mano la parte baja del "
            "vientre junto a la cadera, mientras una pierna se desliza sobre el suelo y la otra "
            "rodilla sigue doblada. Está resaltada la parte delantera de la cadera de la pierna "
            "que se desliza."
        ),
        "step_alts": [
            "Una persona tumbada boca arriba con las dos rodillas dobladas y los pies planos, con "
            "una mano apoyada en la parte baja del vientre, justo por dentro del hueso de la "
            "cadera.",
            "Presionando con los dedos, la persona aleja un pie de modo que esa pierna queda "
            "medio estirada; la otra rodilla sigue doblada.",
            "La pierna que se desliza ya está plana sobre el suelo mientras los dedos siguen "
            "presionando junto a la cadera. Está resaltada la parte delantera de esa cadera.",
        ],
    },
    "hands-and-knees-moving": {
        "name": "Desplazarse a gatas",
        "summary": (
            "Cuando estar de pie erguido te duele mucho, desplazarte a gatas puede darte algo de "
            "movilidad durante un tiempo. Es un recurso provisional, no un estiramiento."
        ),
        "steps": [
            "Baja con cuidado hasta apoyarte en las manos y las rodillas.",
            "Desplázate despacio a cuatro patas para llegar adonde necesites.",
            "Hazlo solo mientras estar de pie erguido te duela demasiado.",
        ],
        "cues": [],
        "cautions": ["Es una medida temporal. " + NOT_IMPROVING],
        "skip_when": [],
        "professional_note": (
            "El dolor al intentar ponerte de pie del todo erguido es un síntoma que debes "
            "consultar con tu médico."
        ),
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Una persona a gatas en el suelo, con las manos bajo los hombros y las rodillas bajo "
            "las caderas, mirando al frente."
        ),
        "step_alts": [],
    },
    "open-hip-sitting": {
        "name": "Siéntate con las caderas más abiertas",
        "summary": (
            "Pasar horas sentado con las caderas muy flexionadas mantiene el psoas acortado. "
            "Ajusta el asiento para que se abra el ángulo de las caderas y no te quedes quieto "
            "demasiado tiempo."
        ),
        "steps": [
            "Ajusta el asiento para que los muslos bajen un poco en pendiente y el ángulo de "
            "las caderas sea más abierto.",
            "Un taburete basculante es una forma de conseguirlo; otras configuraciones también "
            "sirven.",
            "Levántate y muévete con regularidad.",
        ],
        "cues": [
            "Para muchas personas que trabajan en oficina, un asiento así es mejor opción que "
            "estar de pie.",
        ],
        "cautions": [
            "Ningún asiento compensa estar sentado sin moverse. Quedarse quieto en cualquier "
            "postura sentada reduce la circulación y puede irritar el psoas.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": ["taburete basculante o silla regulable"],
        "illustration_alt": (
            "Una persona sentada erguida en un asiento inclinado hacia delante, con los muslos "
            "bajando en pendiente hacia las rodillas para que las caderas estén menos "
            "flexionadas, y los pies planos en el suelo."
        ),
        "step_alts": [],
    },
    "cruise-control-moving": {
        "name": "Muévete un poco en los viajes largos",
        "summary": (
            "En tramos largos y regulares de carretera, el control de crucero te da la "
            "oportunidad de cambiar de postura y moverte un poco en lugar de estar quieto."
        ),
        "steps": [
            "En un tramo largo y regular donde sea seguro, activa el control de crucero.",
            "Cambia de postura y mueve un poco las piernas de vez en cuando.",
            "Vuelve a tomar el control de los pedales siempre que la carretera lo requiera.",
        ],
        "cues": [],
        "cautions": [
            "Hazlo solo cuando sea seguro y mantengas el control total del vehículo.",
            "Conducir con la pierna estirada hacia los pedales puede empeorar el dolor del psoas.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Un conductor sentado al volante, con un pie apoyado cerca de los pedales y la otra "
            "pierna recogida hacia atrás con la rodilla doblada, cambiando de postura."
        ),
        "step_alts": [],
    },
    "recline-truck-seat": {
        "name": "Reclina un poco el respaldo",
        "summary": (
            "Conducir mantiene el psoas acortado durante horas. Inclinar un poco el respaldo "
            "hacia atrás evita que las caderas se flexionen demasiado."
        ),
        "steps": [
            "Ajusta el respaldo para que quede ligeramente reclinado.",
            "Comprueba que las caderas están menos flexionadas que cuando te sientas muy erguido.",
        ],
        "cues": [],
        "cautions": [
            "Reclínalo solo hasta donde todavía puedas conducir con seguridad y alcanzar los "
            "mandos.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Un conductor sentado al volante con el respaldo un poco inclinado hacia atrás, de "
            "modo que el ángulo de las caderas es algo más abierto."
        ),
        "step_alts": [],
    },
    "stretch-every-stop": {
        "name": "Estira en cada parada",
        "summary": (
            "Conducir mantiene el psoas acortado durante horas, por eso los camioneros son "
            "especialmente propensos a este tipo de dolor de espalda. Haz que un estiramiento "
            "corto forme parte de cada parada."
        ),
        "steps": [
            "Cada vez que pares, baja de la cabina.",
            "Haz la rutina de parada de camión, o al menos la postura adelantada con el pie en "
            "alto usando el estribo del camión.",
        ],
        "cues": [],
        "cautions": ["Estira solo cuando hayas aparcado de forma segura."],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Junto a un camión aparcado, una persona de pie con un pie subido al estribo de la "
            "cabina, esa rodilla doblada y la otra pierna estirada detrás. Está resaltada la "
            "parte delantera de la cadera de la pierna de atrás."
        ),
        "step_alts": [],
    },
    "pillow-under-knees": {
        "name": "Almohada bajo las rodillas en la cama",
        "summary": (
            "Si duermes boca arriba, una almohada bajo las rodillas mantiene las caderas "
            "ligeramente flexionadas y reduce la tensión del psoas, lo que puede ayudarte a "
            "dormir."
        ),
        "steps": [
            "Túmbate boca arriba.",
            "Coloca una almohada o un cojín largo bajo las rodillas.",
        ],
        "cues": [],
        "cautions": [
            "Que la flexión sea suave. El objetivo es una ligera flexión de la cadera, no una "
            "flexión marcada.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": ["almohada o cojín largo"],
        "illustration_alt": (
            "Una persona tumbada boca arriba en un colchón, con la cabeza en una almohada y otra "
            "almohada bajo las rodillas, de modo que las caderas y las rodillas están "
            "ligeramente flexionadas."
        ),
        "step_alts": [],
    },
    "side-sleeping-no-fetal": {
        "name": "Dormir de lado sin encogerse",
        "summary": (
            "Dormir de lado muy encogido, con las caderas muy flexionadas, acorta el psoas. "
            "Túmbate un poco más estirado."
        ),
        "steps": [
            "Cuando te tumbes de lado, mantén las caderas y las rodillas solo ligeramente "
            "flexionadas.",
            "Evita llevar las rodillas hacia el pecho.",
        ],
        "cues": [],
        "cautions": [
            "Una postura muy encogida mantiene el psoas acortado durante horas y puede provocar "
            "un espasmo.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Una persona tumbada de lado en un colchón, con la cabeza en una almohada y el "
            "cuerpo casi estirado, con las caderas y las rodillas solo ligeramente flexionadas, "
            "sin encogerse."
        ),
        "step_alts": [],
    },
    "firm-mattress": {
        "name": "Duerme en un colchón firme",
        "summary": (
            "Un colchón blando que se hunde en el centro puede acortar el psoas y aumentar el "
            "dolor de espalda y la rigidez por la mañana. Es mejor uno firme."
        ),
        "steps": [
            "Pruébalo primero: durante una noche, duerme en el suelo, o pon el colchón en el "
            "suelo, y mira si la espalda está mejor.",
            "Si ayuda, compra un colchón nuevo o pon una plancha de contrachapado de algo más de "
            "un centímetro (media pulgada) bajo el que tienes.",
        ],
        "cues": ["Qué colchón firme elijas es en gran parte cuestión de gustos."],
        "cautions": [
            "Evita un colchón que se hunda en el centro; aumenta la tensión en la zona lumbar.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": ["plancha de contrachapado de media pulgada (opcional)"],
        "illustration_alt": (
            "Una persona tumbada boca arriba y recta sobre un colchón firme y plano con una tabla "
            "fina debajo; el colchón no se hunde."
        ),
        "step_alts": [],
    },
    "moist-heat": {
        "name": "Calor húmedo en la ducha o la bañera",
        "summary": (
            "El reposo, el calor húmedo y los estiramientos suaves son el tratamiento habitual "
            "del síndrome del psoas. Una ducha caliente o un baño en la bañera son una forma "
            "fácil de recibir ese calor."
        ),
        "steps": [
            "Date una ducha caliente o un baño caliente.",
            "Combínalo con reposo y estiramientos suaves.",
        ],
        "cues": [],
        "cautions": [
            "Usa agua caliente, pero no tanto como para quemarte.",
            NOT_IMPROVING,
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Una persona de pie y relajada bajo una ducha, con agua caliente cayendo de la "
            "alcachofa. Está resaltada la parte delantera de la cadera."
        ),
        "step_alts": [],
    },
    "clinician-supine-psoas-release": {
        "name": "Liberación del psoas en decúbito supino (técnica del terapeuta)",
        "summary": (
            "Una liberación manual que realiza un terapeuta formado con el paciente tumbado boca "
            "arriba. Trabajar a esta profundidad requiere práctica y una comunicación clara, y "
            "los pacientes consideran esta zona una de las más sensibles de tratar. Se sugiere "
            "para problemas de la articulación sacroilíaca en corredoras a las que les falta "
            "extensión de cadera, pacientes mayores con estenosis, patrones capsulares de "
            "cadera, un ilion en rotación posterior, molestias difusas en la parte delantera y "
            "lateral del muslo por compresión del nervio femoral, y espondilolistesis junto con "
            "trabajo de tejidos blandos paravertebrales y un programa de estabilización."
        ),
        "steps": [
            "Coloca al paciente boca arriba con las caderas y las rodillas flexionadas.",
            "Usa un agarre uniforme con las yemas del tercer y el cuarto dedo, con los codos bien "
            "abiertos para que las dos yemas hagan un contacto uniforme.",
            "Empieza a un lado del ombligo, a unos 5 a 7,5 cm (2 a 3 pulgadas), y hunde los dedos "
            "despacio, de superficial a profundo, hasta que no puedas avanzar más. Los órganos "
            "del abdomen se apartarán.",
            "Ve despacio: moverte rápido hace que el recto abdominal se contraiga y empuje tus "
            "dedos hacia fuera.",
            "Confirma que estás sobre el psoas: no hay pulso bajo tus dedos, y el músculo se "
            "tensa bajo ellos cuando el paciente flexiona ligeramente la cadera.",
            "Empieza con oscilaciones y después avanza por las progresiones.",
        ],
        "cues": [
            "Despacio, de superficial a profundo.",
            "Comprueba: sin pulso, y contracción con una ligera flexión de cadera.",
            "Sigue hablando con tu paciente todo el tiempo.",
        ],
        "cautions": [
            "Si notas pulsación, desplázate más lateralmente: estás sobre la aorta descendente.",
            "Puede resultar doloroso e incómodo para el paciente; sigue preguntándole cómo está.",
            "Las inclinaciones pélvicas anteriores son la progresión más incómoda.",
        ],
        "skip_when": [
            "No se han descartado causas graves del dolor del paciente, como las de la lista de "
            "afecciones graves.",
            "El paciente está inmunodeprimido y no se ha descartado una infección o una miositis "
            "del psoas.",
        ],
        "professional_note": (
            "Solo para profesionales clínicos formados. No es un ejercicio de autocuidado y "
            "nunca forma parte de las rutinas de la app."
        ),
        "progressions": [
            "Oscilaciones.",
            "Deslizamiento del talón: empujas en dirección proximal mientras el paciente desliza "
            "el talón en dirección distal.",
            "Elevación del brazo del mismo lado.",
            "Elevación del brazo y deslizamiento del talón a la vez.",
            "Inclinaciones pélvicas anteriores. El paso más incómodo, y a veces la primera vez "
            "que un paciente inclina la pelvis hacia atrás correctamente, al intentar alejarse "
            "de tus manos.",
        ],
        "equipment": [],
        "illustration_alt": (
            "Un paciente tumbado boca arriba en una camilla con las caderas y las rodillas "
            "flexionadas. Un terapeuta detrás de la camilla hunde las yemas de los dedos en el "
            "vientre del paciente, al lado del ombligo. Está resaltada la parte delantera de la "
            "cadera del paciente."
        ),
        "step_alts": [],
    },
}

ROUTINES: dict[str, dict] = {
    "desk-break": {
        "name": "Pausa en el escritorio, 2 minutos",
        "summary": (
            "Estar mucho tiempo sentado mantiene acortados los flexores de la cadera. Levántate "
            "y estira los dos lados. Mantén la zancada mientras te resulte cómoda; puedes poner "
            "un temporizador."
        ),
        "notes": [
            "Los dos lados. Caderas al frente, coxis metido, sin inclinarte hacia atrás.",
            "Solo si tienes a mano un taburete o un escalón estables. No una silla con ruedas.",
        ],
    },
    "truck-stop": {
        "name": "Parada de camión, 3-5 minutos",
        "summary": (
            "Los conductores pasan horas sentados con el psoas acortado, así que estira en cada "
            "parada. Usa el estribo del camión para el primer estiramiento."
        ),
        "notes": [
            "Pie en el estribo del camión. Añade la postura con los brazos arriba si la primera "
            "te resulta fácil.",
            "Los dos lados, tanto tiempo como te resulte cómodo.",
        ],
    },
    "daily-home": {
        "name": "Rutina diaria en casa",
        "summary": (
            "Una sesión lenta y atenta para casa: dos estiramientos de los flexores de la "
            "cadera, un estiramiento suave de isquiotibiales y tres descensos lentos hacia "
            "atrás. Mantén cada estiramiento mientras te resulte cómodo; puedes poner un "
            "temporizador."
        ),
        "notes": [
            "Los dos lados, moviéndote al espirar.",
            "Los dos lados. Inclina la pelvis hacia atrás antes de avanzar.",
            "Las dos piernas. Relájate en la postura; no intentes llegar a los pies.",
            "Tres descensos lentos, relajándote entre uno y otro.",
        ],
    },
    "flare-up-gentle": {
        "name": "Crisis: solo suave",
        "summary": (
            "Cuando tu psoas está en espasmo agudo, haz solo este estiramiento hasta que el "
            "dolor empiece a ceder. No te fuerces; relájate en la postura. Si estar de pie "
            "erguido te duele demasiado, desplázate a gatas por ahora, y consulta a un "
            "profesional de la salud si el dolor no mejora."
        ),
        "notes": ["Los dos lados. Levanta los brazos solo si la primera postura te resulta fácil."],
    },
}
