"""The library in French (vous). See exercises/content/__init__.py for the shape.

Same meaning as exercises/library.py, sentence for sentence: nothing added,
nothing softened, every caution whole.
"""

HOLD_AS_COMFORTABLE = (
    "Tenez la position tant qu'elle reste confortable ; vous pouvez régler un minuteur."
)
ACUTE_SPASM_SKIP = (
    "Votre psoas est en spasme aigu. Tant que la douleur ne commence pas à diminuer, faites "
    "uniquement la fente avant, pied surélevé."
)
SLOW_AND_MINDFUL = "Étirez-vous lentement et avec attention, pour ne pas surmener le muscle."
AFTER_TREATMENT_SKIP = (
    "Vous êtes encore traité pour une crise. Le renforcement est prévu pour après, pour aider "
    "à empêcher le problème de revenir."
)
NOT_IMPROVING = (
    "Si votre douleur ne s'améliore pas, ou s'aggrave, consultez un professionnel de santé. "
    "Certaines causes de ce type de douleur n'ont rien à voir avec les muscles et peuvent être "
    "graves."
)

EXERCISES: dict[str, dict] = {
    "standing-lunge-tuck": {
        "name": "Fente debout avec bascule du bassin",
        "summary": (
            "Une fente debout pour le fléchisseur profond de la hanche, à l'avant de la hanche. "
            "Lever un bras et une petite inclinaison sur le côté font remonter l'étirement "
            "jusque dans le ventre. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Tenez-vous debout, pieds à peu près écartés de la largeur des hanches, et reculez "
            "un pied pour vous mettre en fente. Descendez seulement aussi bas que c'est "
            "confortable.",
            "Tournez les deux hanches pour qu'elles soient bien face à l'avant.",
            "Rentrez le coccyx autant que vous pouvez. Vous sentirez peut-être déjà un "
            "étirement là où la jambe arrière rejoint la hanche.",
            "Levez le bras du côté opposé à la jambe arrière (jambe gauche derrière, bras droit "
            "levé). L'étirement remonte alors plus haut, dans le ventre.",
            "Pour la partie du muscle située le long de l'intérieur de l'os de la hanche, "
            "penchez-vous doucement vers le bras levé, à l'opposé de la hanche que vous étirez.",
            "Sortez lentement de la position et changez de côté.",
        ],
        "cues": [
            "Hanches de face, coccyx rentré.",
            "Vous pouvez lever les deux bras si c'est plus agréable ou si cela vous aide à "
            "garder l'équilibre.",
            "Vous ne sentez rien ? Vérifiez que vos hanches sont face à l'avant et votre coccyx "
            "rentré, ou descendez un peu plus bas.",
            "Vous pouvez poser le genou arrière au sol pour une fente plus large ou un "
            "équilibre plus stable.",
        ],
        "cautions": [
            "Ne vous penchez pas en arrière pour trouver l'étirement. Cela sollicite le bas du "
            "dos et peut aggraver le mal de dos.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [
            ACUTE_SPASM_SKIP,
            "Vos genoux rendent les fentes difficiles. Essayez plutôt l'étirement de la hanche "
            "au bord du lit.",
        ],
        "professional_note": "",
        "progressions": [
            "Ajoutez l'élévation du bras quand l'étirement de la hanche est bien installé.",
            "Ajoutez la douce inclinaison latérale pour atteindre l'intérieur de la hanche.",
        ],
        "equipment": [],
        "illustration_alt": (
            "Une personne debout en fente, un pied reculé et le genou avant fléchi, le buste "
            "droit. Le bras du côté opposé à la jambe arrière se tend vers le haut. L'avant de "
            "la hanche de la jambe arrière et le bas du ventre sont mis en évidence."
        ),
        "step_alts": [
            "Une personne debout et droite en fente : un pied reculé, seuls les orteils au sol, "
            "le genou avant fléchi, les bras le long du corps. L'avant de la hanche de la jambe "
            "arrière est mis en évidence.",
            "La même fente, avec le bras du côté opposé à la jambe arrière levé au-dessus de la "
            "tête. La zone mise en évidence va de la hanche de la jambe arrière jusqu'au ventre.",
            "Vue de face : la personne en fente penche le haut du corps d'un côté, le bras levé "
            "s'arrondissant au-dessus de la tête vers ce côté, à l'opposé de la hanche étirée, "
            "qui est mise en évidence.",
        ],
    },
    "low-lunge-forward": {
        "name": "Fente basse, en avançant",
        "summary": (
            "Un étirement facile qui ne demande aucun matériel. Vous avancez au lieu de "
            "descendre plus bas, si bien que la hanche de la jambe arrière s'ouvre en douceur. "
            + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Placez-vous en fente basse.",
            "Avancez le corps, plutôt que de descendre plus bas, jusqu'à sentir un léger "
            "étirement à l'avant de la hanche de la jambe arrière.",
            "Sortez lentement de la position et changez de côté.",
        ],
        "cues": ["Pensez vers l'avant, pas vers le bas."],
        "cautions": [
            "Restez léger. C'est un étirement doux, pas un étirement profond.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Une personne en fente basse, genou et tibia arrière posés au sol, pied avant à "
            "plat, hanches avancées au-delà du genou arrière, mains sur la cuisse avant. "
            "L'avant de la hanche de la jambe arrière est mis en évidence."
        ),
        "step_alts": [
            "Une personne en fente basse : genou arrière au sol sous la hanche, pied avant à "
            "plat devant, buste droit, mains posées vers le genou avant.",
            "La même fente basse, hanches avancées devant le genou arrière plutôt que plus bas. "
            "L'avant de la hanche de la jambe arrière est mis en évidence.",
        ],
    },
    "kneeling-lunge-pelvic-tilt": {
        "name": "Fente à genou avec bascule du bassin",
        "summary": (
            "Une fente à genou où basculer le bassin vers l'arrière dirige l'étirement sur la "
            "partie du fléchisseur de la hanche qui rejoint le bas du dos. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Mettez-vous à genoux, puis avancez un pied. Le genou arrière reste au sol.",
            "Basculez le bassin vers l'arrière pour aplatir le creux du bas du dos. "
            "L'étirement devrait apparaître aussitôt dans la hanche de la jambe au sol.",
            "Portez un peu votre poids vers l'avant, en avançant à peine les deux hanches. "
            "L'étirement passe à l'avant de la hanche et de la cuisse de la jambe au sol.",
            "Gardez la poitrine haute et le dos droit tout du long.",
            "Sortez lentement de la position et changez de côté.",
        ],
        "cues": [
            "Poitrine haute, dos droit.",
            "D'abord basculer, puis avancer, juste un peu.",
        ],
        "cautions": [
            SLOW_AND_MINDFUL,
            "N'avancez les hanches que d'une petite distance.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Une personne à genou sur un genou, l'autre pied devant, la poitrine droite et les "
            "mains sur les hanches, les hanches un peu en avant du genou arrière. L'avant de la "
            "hanche de la jambe au sol est mis en évidence."
        ),
        "step_alts": [
            "Une personne à genou sur un genou, la hanche juste au-dessus, l'autre pied à plat "
            "devant, la poitrine droite et les mains sur les hanches.",
            "La même position à genou, hanches légèrement avancées, poitrine toujours droite. "
            "L'avant de la hanche et de la cuisse de la jambe au sol est mis en évidence.",
        ],
    },
    "supine-knee-hug-leg-slide": {
        "name": "Genou contre la poitrine, allongé, avec glissé de jambe",
        "summary": (
            "Un étirement doux sur le dos, au rythme de la respiration, pour allonger et "
            "échauffer le psoas pendant que le bassin reste stable. Répétez le glissé autant de "
            "fois que c'est confortable."
        ),
        "steps": [
            "Allongez-vous sur le dos, la tête posée sur un petit coussin ou oreiller.",
            "Ramenez un genou et tenez-le avec les mains. C'est le côté que vous n'étirez pas. "
            "Gardez la nuque détendue et les omoplates posées.",
            "Inspirez.",
            "En expirant, faites glisser lentement l'autre jambe le long du sol.",
            "Inspirez.",
            "En expirant, ramenez cette jambe en glissant jusqu'à son point de départ.",
            "Changez de jambe pour étirer l'autre côté.",
        ],
        "cues": [
            "Un bassin stable compte plus qu'une jambe complètement tendue.",
            "Ne bougez que pendant l'expiration.",
        ],
        "cautions": [
            "Arrêtez le glissé là où le bassin commencerait à bouger, plutôt que de forcer la "
            "jambe à se tendre.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": ["petit oreiller ou coussin"],
        "illustration_alt": (
            "Une personne allongée sur le dos, la tête sur un petit coussin, serre un genou "
            "contre la poitrine avec les deux mains ; l'autre jambe est tendue au sol. L'avant "
            "de la hanche de la jambe tendue est mis en évidence."
        ),
        "step_alts": [
            "Une personne allongée sur le dos, la tête sur un petit coussin, tient un genou "
            "contre la poitrine avec les deux mains. L'autre genou est fléchi, le pied à plat "
            "au sol.",
            "Tenant toujours le premier genou, la personne a fait glisser l'autre jambe jusqu'à "
            "la tendre au sol. L'avant de la hanche de cette jambe est mis en évidence.",
        ],
    },
    "edge-of-bed-stretch": {
        "name": "Étirement de la hanche au bord du lit",
        "summary": (
            "Un étirement plus doux où la pesanteur fait le travail, pratique si vos genoux "
            "rendent les fentes difficiles. Vous le sentirez sans doute moins fort qu'une "
            "fente. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Allongez-vous sur le dos sur un lit ou une table solide, la base du coccyx au bord, "
            "de sorte que les fesses dépassent.",
            "Rentrez le coccyx et contractez le bas du ventre. Cela soutient le bas du dos, qui "
            "a tendance à beaucoup se creuser ici, et concentre l'étirement sur la hanche.",
            "Ramenez un genou vers la poitrine et entourez-le de vos mains. Le ramener aplatit "
            "davantage le bas du dos et aide l'autre jambe à s'étirer.",
            "Restez ainsi et laissez la pesanteur ouvrir lentement l'avant de la hanche de la "
            "jambe qui pend vers le sol.",
            "Changez de jambe.",
            "Pour vous relever, roulez doucement sur le côté et poussez-vous avec les bras.",
        ],
        "cues": [
            "Vous ne sentez rien ? Rentrez davantage le coccyx.",
            "Rapprochez-vous un peu du bord pour que la jambe qui pend descende plus bas et "
            "s'étire davantage.",
        ],
        "cautions": [
            "Dans cette position, le bas du dos peut beaucoup se creuser. Gardez le coccyx "
            "rentré et le bas du ventre engagé tout du long.",
            "Roulez sur le côté pour vous relever au lieu de vous asseoir d'un coup.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": ["lit ou table solide"],
        "illustration_alt": (
            "Une personne allongée sur le dos sur un lit, les fesses au bord. Les deux mains "
            "serrent un genou contre la poitrine tandis que l'autre jambe pend par-dessus le "
            "bord vers le sol. L'avant de la hanche de la jambe qui pend est mis en évidence."
        ),
        "step_alts": [
            "Une personne allongée sur le dos sur un lit, la tête sur un oreiller, les fesses au "
            "bord du lit et les deux jambes pendant par-dessus.",
            "Sur le lit, la personne serre un genou contre la poitrine ; l'autre jambe pend "
            "par-dessus le bord. L'avant de la hanche de la jambe qui pend est mis en évidence.",
            "Pour se relever : la personne, tournée sur le côté, redresse le haut du corps en "
            "poussant sur le lit avec les deux bras, les jambes par-dessus le bord.",
        ],
    },
    "gentle-hamstring-stretch": {
        "name": "Étirement doux des ischio-jambiers",
        "summary": (
            "Étirez l'arrière de la cuisse doucement et passivement au lieu de forcer pour "
            "atteindre vos orteils, ce qui peut brusquement surcharger le psoas. Tout étirement "
            "dans lequel vous pouvez vous détendre convient. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Choisissez un étirement doux des ischio-jambiers où vous vous détendez dans la "
            "position plutôt que de tirer.",
            "Entrez-y peu à peu jusqu'à sentir un léger étirement à l'arrière de la cuisse, puis "
            "laissez le muscle se relâcher à cet endroit.",
            "Sortez lentement de la position et changez de jambe.",
        ],
        "cues": ["Détendez-vous dans la position ; ne tirez pas."],
        "cautions": [
            "Ne cherchez pas à atteindre vos orteils en forçant. Forcer peut surcharger le psoas "
            "d'un coup et provoquer une douleur dans le bas du dos.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Un exemple : une personne assise au sol, une jambe tendue devant et l'autre genou "
            "fléchi, se penche juste un peu en avant, les mains posées sur la jambe tendue, sans "
            "chercher à atteindre les orteils. L'arrière de la cuisse tendue est mis en évidence."
        ),
        "step_alts": [],
    },
    "foot-up-forward-stance": {
        "name": "Fente avant, pied surélevé",
        "summary": (
            "Le seul étirement à faire quand votre psoas est en spasme aigu : faites uniquement "
            "celui-ci jusqu'à ce que la douleur commence à diminuer. Posez un pied sur un "
            "tabouret ou sur le marchepied de votre camion, tenez le temps de compter jusqu'à "
            "10, et allongez la durée quand vous le pouvez."
        ),
        "steps": [
            "Posez un pied sur un tabouret, un marchepied de camion ou une autre surface stable "
            "à peu près à cette hauteur, et tenez-vous dans une position avancée et détendue.",
            "Tenez le temps de compter jusqu'à 10.",
            "Si c'était facile, levez lentement les deux bras vers le plafond pour étirer "
            "davantage le bas du dos. Tenez le temps de compter encore jusqu'à 10.",
            "Changez de pied et recommencez.",
        ],
        "cues": [
            "Détendez-vous dans la position.",
            "Laissez le compte augmenter peu à peu.",
        ],
        "cautions": [
            "Ne forcez pas. Entrez dans la position en douceur plutôt que de la forcer.",
            "Ne levez les bras que si la première partie ne vous pose aucune difficulté.",
            "Utilisez une surface qui ne glisse pas et ne bascule pas.",
        ],
        "skip_when": [
            "Se tenir debout bien droit est très douloureux. Pour l'instant, vous déplacer à "
            "quatre pattes peut vous garder un peu mobile.",
        ],
        "professional_note": NOT_IMPROVING,
        "progressions": [
            "Tenez un peu plus longtemps au fil du temps, autant que vous le supportez.",
            "Quand la première partie est facile, ajoutez la tenue bras levés le temps de "
            "compter encore jusqu'à 10, et allongez-la aussi au fil du temps.",
        ],
        "equipment": ["tabouret, marchepied de camion ou autre surface stable"],
        "illustration_alt": (
            "Une personne debout et droite, un pied posé sur un tabouret bas devant elle, ce "
            "genou fléchi, la jambe arrière tendue avec le pied à plat au sol. L'avant de la "
            "hanche de la jambe arrière est mis en évidence."
        ),
        "step_alts": [
            "Une personne debout, un pied sur un tabouret bas, le genou fléchi, l'autre jambe "
            "tendue derrière, les bras détendus le long du corps. L'avant de la hanche de la "
            "jambe arrière est mis en évidence.",
            "La même position, les deux bras levés vers le plafond. La zone mise en évidence va "
            "de la hanche de la jambe arrière jusqu'au bas du dos et au ventre.",
        ],
    },
    "slow-sit-back": {
        "name": "Descente lente en arrière",
        "summary": (
            "Faites-la à la place des redressements assis. Vous descendez lentement, une partie "
            "de la colonne après l'autre, ce qui demande moins au fléchisseur de la hanche que "
            "de vous redresser. Trois par jour sont conseillées."
        ),
        "steps": [
            "Allongez-vous sur le dos, puis poussez sur les bras pour vous asseoir.",
            "Arrondissez le bas du dos.",
            "Déroulez-vous lentement vers le bas, pour que chaque partie de la colonne touche "
            "le sol à son tour.",
            "Une fois à plat, détendez-vous complètement et respirez dans le ventre un moment.",
            "Poussez de nouveau sur les bras pour la suivante.",
        ],
        "cues": [
            "Le travail se fait à la descente.",
            "Servez-vous des bras pour remonter, plutôt que de faire un redressement assis.",
        ],
        "cautions": [
            "Ne la remplacez pas par des redressements assis ordinaires. Les redressements "
            "rapides et répétés et les crunchs bâclés peuvent surcharger le psoas.",
            "Déroulez-vous lentement et avec contrôle.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Une personne, genoux fléchis et pieds au sol, se déroule lentement sur le dos, le "
            "bas du dos arrondi, les bras tendus vers les genoux. Le ventre est mis en évidence."
        ),
        "step_alts": [
            "Une personne, genoux fléchis, s'appuie en arrière sur les deux mains derrière les "
            "hanches et pousse pour passer de la position allongée à la position assise.",
            "Assise, genoux fléchis et pieds à plat, la personne arrondit le bas du dos, les "
            "bras tendus vers l'avant, vers les genoux.",
            "À mi-descente : la personne abaisse le dos arrondi vers le sol, les bras toujours "
            "tendus vers l'avant. Le ventre est mis en évidence.",
            "La personne est allongée à plat sur le dos, genoux fléchis et bras posés le long du "
            "corps, détendue.",
        ],
    },
    "lower-belly-strengthening": {
        "name": "Renforcement du bas du ventre, avec une bonne technique",
        "summary": (
            "Les exercices abdominaux qui fléchissent la hanche et ciblent le bas du ventre "
            "aident à renforcer le fléchisseur de la hanche. Quel que soit l'exercice choisi, "
            "c'est la bonne technique qui compte. Faites-en autant que vous pouvez avec une "
            "bonne technique, et associez-les à la descente lente en arrière ou à une planche."
        ),
        "steps": [
            "Choisissez un exercice abdominal qui fléchit la hanche et fait travailler le bas du "
            "ventre.",
            "Avant de commencer, redressez le dos, rentrez le bassin et gardez les hanches "
            "droites.",
            "Gardez cette posture tout du long. Meilleure est votre technique, plus les muscles "
            "profonds du bas du ventre font le travail.",
        ],
        "cues": ["Dos droit, bassin rentré, hanches droites."],
        "cautions": [
            "Évitez les redressements assis rapides et répétés et les crunchs bâclés. Ils "
            "peuvent surcharger le psoas et aggraver les choses.",
            "Les redressements assis jambes tendues sollicitent fortement le psoas et peuvent "
            "le froisser.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Une personne allongée sur le dos, genoux fléchis et pieds à plat, le bas du dos "
            "plaqué au sol et le bassin rentré : la posture à garder pendant le travail du bas "
            "du ventre. Le bas du ventre est mis en évidence."
        ),
        "step_alts": [],
    },
    "plank-variations": {
        "name": "Planche (toute version)",
        "summary": (
            "La planche est l'une des options à utiliser à la place des redressements assis. "
            "Choisissez une version que vous connaissez et tenez-la seulement tant que votre "
            "technique reste bonne ; vous pouvez régler un minuteur. Un professionnel de santé "
            "peut vous aider à en choisir une."
        ),
        "steps": [
            "Choisissez une version de la planche que vous savez faire en toute sécurité.",
            "Gardez le dos droit et le bassin rentré, comme pour tout travail abdominal.",
            "Arrêtez dès que vous ne pouvez plus tenir cette posture.",
        ],
        "cues": ["La technique avant la durée."],
        "cautions": ["Arrêtez quand votre dos s'affaisse ou que votre bassin n'est plus rentré."],
        "skip_when": [ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Une personne tient une planche sur les avant-bras et les orteils, le corps formant "
            "une ligne droite de la tête aux talons. Le ventre est mis en évidence."
        ),
        "step_alts": [],
    },
    "ball-self-massage": {
        "name": "Automassage avec une balle",
        "summary": (
            "Allongez-vous sur une balle pour soulager un point sensible du fléchisseur profond "
            "de la hanche, puis ajoutez de petites élévations de la jambe au rythme de la "
            "respiration. Restez aussi longtemps que c'est confortable, et faites autant "
            "d'élévations que c'est confortable."
        ),
        "steps": [
            "Trouvez le point : environ 2,5 cm (un pouce) à côté du nombril et autant en dessous.",
            "Allongez-vous sur le ventre, la balle sous ce point. Laissez votre poids s'y poser "
            "lentement, seulement autant que c'est supportable.",
            "Roulez lentement jusqu'à trouver un point sensible, et restez-y jusqu'à ce que la "
            "sensibilité s'estompe.",
            "En gardant la jambe de ce côté tendue, soulevez-la légèrement en inspirant et "
            "reposez-la en expirant.",
        ],
        "cues": [
            "Soulever d'environ 2,5 cm (un pouce) suffit largement.",
            "Restez dans une amplitude confortable.",
            "Essayez des balles de différentes tailles. Une balle à peu près de la taille d'un "
            "petit melon va assez en profondeur ; une plus petite convient à la partie située "
            "à l'intérieur de l'os de la hanche.",
        ],
        "cautions": [
            "Si vous sentez un pouls sous la balle à un moment quelconque, déplacez-la "
            "doucement à un autre endroit sans attendre. Des branches profondes de votre artère "
            "principale passent ici.",
            "Gardez une pression qui reste confortable.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": ["balle à peu près de la taille d'un petit melon, ou plus petite"],
        "illustration_alt": (
            "Une personne allongée sur le ventre au sol, appuyée sur les avant-bras, avec une "
            "balle sous le ventre, juste à côté et en dessous du nombril. L'avant de la hanche "
            "de ce côté est mis en évidence."
        ),
        "step_alts": [
            "Une personne allongée sur le ventre, appuyée sur les avant-bras, laisse reposer "
            "son poids sur une balle placée sous un côté du bas du ventre.",
            "Toujours sur la balle, la personne soulève un peu du sol la jambe tendue de ce "
            "côté. L'avant de cette hanche est mis en évidence.",
        ],
    },
    "supine-finger-release": {
        "name": "Relâchement par pression des doigts, allongé",
        "summary": (
            "Appuyez sur un point sensible du psoas pendant que vous abaissez lentement la "
            "jambe. Attendez-vous à ce que ce soit douloureux ; le mieux est de le faire faire "
            "par un professionnel de santé."
        ),
        "steps": [
            "Allongez-vous sur le dos, les deux genoux fléchis et les pieds au sol. Cela "
            "détend le psoas.",
            "Appuyez avec les doigts pour chercher un point sensible dans le muscle, du côté que "
            "vous voulez relâcher.",
            "Quand vous en trouvez un, appuyez et maintenez la pression.",
            "Tout en appuyant, faites glisser lentement la jambe de ce côté vers l'avant. "
            "Gardez l'autre genou fléchi.",
            "Continuez lentement jusqu'à ce que la jambe soit à plat, en maintenant la pression "
            "tout du long.",
            "Vous pouvez le refaire quelques fois, sur différents points.",
        ],
        "cues": [
            "Pour trouver le muscle, appuyez doucement dans le creux souple juste à l'intérieur "
            "de l'avant de l'os de la hanche, puis soulevez légèrement cette jambe du sol. Vous "
            "le sentirez se contracter.",
        ],
        "cautions": [
            "C'est douloureux. Attendez-vous à avoir mal pendant que vous appuyez.",
            "Si vous sentez un pouls sous vos doigts, relâchez et déplacez-vous plus vers "
            "l'extérieur, sur le côté, loin du nombril.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": (
            "Le mieux est de le faire faire par un professionnel de santé, par exemple un "
            "praticien certifié en Active Release près de chez vous."
        ),
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Une personne allongée sur le dos enfonce les doigts d'une main dans le bas du "
            "ventre à côté de la hanche, tandis qu'une jambe glisse le long du sol et que "
            "l'autre genou reste fléchi. L'avant de la hanche de la jambe qui glisse est mis en "
            "évidence."
        ),
        "step_alts": [
            "Une personne allongée sur le dos, les deux genoux fléchis et les pieds à plat, une "
            "main posée sur le bas du ventre juste à l'intérieur de l'os de la hanche.",
            "En appuyant avec les doigts, la personne éloigne un pied, de sorte que cette jambe "
            "est à moitié tendue ; l'autre genou reste fléchi.",
            "La jambe qui glisse est maintenant à plat au sol pendant que les doigts continuent "
            "d'appuyer à côté de la hanche. L'avant de cette hanche est mis en évidence.",
        ],
    },
    "hands-and-knees-moving": {
        "name": "Se déplacer à quatre pattes",
        "summary": (
            "Quand se tenir debout bien droit est très douloureux, se déplacer à quatre pattes "
            "peut vous donner un peu de mobilité pendant un temps. C'est une solution "
            "d'attente, pas un étirement."
        ),
        "steps": [
            "Descendez prudemment à quatre pattes, sur les mains et les genoux.",
            "Déplacez-vous lentement à quatre pattes pour aller où vous en avez besoin.",
            "Ne le faites que tant que se tenir bien droit est trop douloureux.",
        ],
        "cues": [],
        "cautions": ["C'est une mesure temporaire. " + NOT_IMPROVING],
        "skip_when": [],
        "professional_note": (
            "Une douleur quand vous essayez de vous tenir complètement droit est un symptôme "
            "dont il faut parler à votre médecin."
        ),
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Une personne à quatre pattes au sol, les mains sous les épaules, les genoux sous "
            "les hanches, le regard vers l'avant."
        ),
        "step_alts": [],
    },
    "open-hip-sitting": {
        "name": "S'asseoir les hanches plus ouvertes",
        "summary": (
            "Rester assis des heures, les hanches très fléchies, maintient le psoas raccourci. "
            "Réglez votre siège pour que l'angle des hanches s'ouvre, et ne restez pas immobile "
            "trop longtemps."
        ),
        "steps": [
            "Réglez votre siège pour que vos cuisses descendent un peu en pente et que l'angle "
            "des hanches soit plus ouvert.",
            "Un tabouret inclinable est une façon d'y arriver ; d'autres installations "
            "conviennent aussi.",
            "Levez-vous et bougez régulièrement.",
        ],
        "cues": [
            "Pour beaucoup d'employés de bureau, un siège de ce type est un meilleur choix que "
            "de rester debout.",
        ],
        "cautions": [
            "Aucun siège ne compense l'immobilité. Rester immobile dans n'importe quelle "
            "position assise réduit la circulation et peut irriter le psoas.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": ["tabouret inclinable ou chaise réglable"],
        "illustration_alt": (
            "Une personne assise bien droite sur un siège incliné vers l'avant, les cuisses "
            "descendant en pente vers les genoux, si bien que les hanches sont moins fléchies, "
            "les pieds à plat au sol."
        ),
        "step_alts": [],
    },
    "cruise-control-moving": {
        "name": "Bouger un peu pendant les longs trajets",
        "summary": (
            "Sur les longues portions de route régulières, le régulateur de vitesse vous donne "
            "l'occasion de changer de position et de bouger un peu au lieu de rester immobile."
        ),
        "steps": [
            "Sur une longue portion régulière, là où c'est sans danger, enclenchez le "
            "régulateur de vitesse.",
            "Changez de position et bougez un peu les jambes de temps en temps.",
            "Reprenez les pédales dès que la route l'exige.",
        ],
        "cues": [],
        "cautions": [
            "Ne le faites que lorsque c'est sans danger et que vous gardez le contrôle total du "
            "véhicule.",
            "Conduire la jambe tendue vers les pédales peut aggraver la douleur du psoas.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Un conducteur assis au volant, un pied posé près des pédales et l'autre jambe "
            "ramenée en arrière, genou fléchi : il change de position."
        ),
        "step_alts": [],
    },
    "recline-truck-seat": {
        "name": "Inclinez un peu le dossier",
        "summary": (
            "La conduite maintient le psoas raccourci pendant des heures. Incliner un peu le "
            "dossier vers l'arrière évite que les hanches soient trop fléchies."
        ),
        "steps": [
            "Réglez le dossier de votre siège pour qu'il soit légèrement incliné.",
            "Vérifiez que vos hanches sont moins fléchies que lorsque vous êtes assis tout droit.",
        ],
        "cues": [],
        "cautions": [
            "N'inclinez le dossier que tant que vous pouvez encore conduire en sécurité et "
            "atteindre les commandes.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Un conducteur assis au volant, le dossier légèrement incliné vers l'arrière, si "
            "bien que l'angle des hanches est un peu plus ouvert."
        ),
        "step_alts": [],
    },
    "stretch-every-stop": {
        "name": "S'étirer à chaque arrêt",
        "summary": (
            "La conduite maintient le psoas raccourci pendant des heures, si bien que les "
            "chauffeurs routiers sont particulièrement sujets à ce type de mal de dos. Faites "
            "d'un court étirement une partie de chaque arrêt."
        ),
        "steps": [
            "À chaque arrêt, descendez de la cabine.",
            "Faites la routine de l'arrêt routier, ou au moins la fente avant pied surélevé sur "
            "le marchepied de votre camion.",
        ],
        "cues": [],
        "cautions": ["Ne vous étirez qu'une fois garé en sécurité."],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "À côté d'un camion garé, une personne debout, un pied posé sur le marchepied de la "
            "cabine, ce genou fléchi, l'autre jambe tendue derrière. L'avant de la hanche de la "
            "jambe arrière est mis en évidence."
        ),
        "step_alts": [],
    },
    "pillow-under-knees": {
        "name": "Un oreiller sous les genoux au lit",
        "summary": (
            "Si vous dormez sur le dos, un oreiller sous les genoux garde les hanches légèrement "
            "fléchies et réduit la tension sur le psoas, ce qui peut vous aider à dormir."
        ),
        "steps": [
            "Allongez-vous sur le dos.",
            "Glissez un oreiller ou un coussin de corps sous vos genoux.",
        ],
        "cues": [],
        "cautions": [
            "Gardez une flexion douce. Le but est une légère flexion de la hanche, pas une "
            "flexion marquée.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": ["oreiller ou coussin de corps"],
        "illustration_alt": (
            "Une personne allongée sur le dos sur un matelas, la tête sur un oreiller et un "
            "second oreiller sous les genoux, si bien que les hanches et les genoux sont "
            "légèrement fléchis."
        ),
        "step_alts": [],
    },
    "side-sleeping-no-fetal": {
        "name": "Dormir sur le côté sans se recroqueviller",
        "summary": (
            "Dormir sur le côté bien recroquevillé, les hanches très fléchies, raccourcit le "
            "psoas. Allongez-vous plutôt un peu plus droit."
        ),
        "steps": [
            "Quand vous êtes sur le côté, gardez les hanches et les genoux seulement légèrement "
            "fléchis.",
            "Évitez de ramener les genoux vers la poitrine.",
        ],
        "cues": [],
        "cautions": [
            "Une position bien recroquevillée maintient le psoas raccourci pendant des heures et "
            "peut déclencher un spasme.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Une personne allongée sur le côté sur un matelas, la tête sur un oreiller, le "
            "corps presque droit, les hanches et les genoux seulement légèrement fléchis, sans "
            "être recroquevillée."
        ),
        "step_alts": [],
    },
    "firm-mattress": {
        "name": "Dormir sur un matelas ferme",
        "summary": (
            "Un matelas mou qui s'affaisse au milieu peut raccourcir le psoas et aggraver le mal "
            "de dos et la raideur du matin. Un matelas ferme est préférable."
        ),
        "steps": [
            "Testez d'abord : pendant une nuit, dormez par terre, ou posez votre matelas au sol, "
            "et voyez si votre dos va mieux.",
            "Si cela aide, achetez un nouveau matelas ou glissez une plaque de contreplaqué "
            "d'environ 1,3 cm (un demi-pouce) sous celui que vous avez.",
        ],
        "cues": ["Le choix du matelas ferme est en grande partie une affaire de goût."],
        "cautions": [
            "Évitez un matelas qui s'affaisse au milieu ; il augmente la tension dans le bas du "
            "dos.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": ["plaque de contreplaqué d'un demi-pouce (facultatif)"],
        "illustration_alt": (
            "Une personne allongée bien droite sur le dos sur un matelas ferme et plat, une "
            "planche fine en dessous ; le matelas ne s'affaisse pas."
        ),
        "step_alts": [],
    },
    "moist-heat": {
        "name": "Chaleur humide sous la douche ou dans le bain",
        "summary": (
            "Le repos, la chaleur humide et les étirements doux sont le traitement habituel du "
            "syndrome du psoas. Une douche chaude ou un bain est un moyen simple d'avoir cette "
            "chaleur."
        ),
        "steps": [
            "Prenez une douche chaude ou un bain chaud.",
            "Associez-le au repos et à des étirements doux.",
        ],
        "cues": [],
        "cautions": [
            "Utilisez de l'eau chaude, mais pas au point de vous brûler.",
            NOT_IMPROVING,
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Une personne debout et détendue sous une douche, de l'eau chaude tombant du pommeau. "
            "L'avant de la hanche est mis en évidence."
        ),
        "step_alts": [],
    },
    "clinician-supine-psoas-release": {
        "name": "Relâchement du psoas en décubitus dorsal (technique du thérapeute)",
        "summary": (
            "Un relâchement manuel pratiqué par un thérapeute formé, le patient allongé sur le "
            "dos. Travailler aussi en profondeur demande de la pratique et une communication "
            "claire, et les patients trouvent cette zone parmi les plus sensibles à faire "
            "traiter. Il est proposé pour les problèmes sacro-iliaques des coureuses manquant "
            "d'extension de hanche, les patients âgés atteints de sténose, les schémas "
            "capsulaires de la hanche, un ilium en rotation postérieure, les plaintes diffuses "
            "à l'avant et sur le côté de la cuisse dues à une compression du nerf fémoral, et le "
            "spondylolisthésis, en complément d'un travail des tissus mous paravertébraux et "
            "d'un programme de stabilisation."
        ),
        "steps": [
            "Installez le patient sur le dos, hanches et genoux fléchis.",
            "Prenez un appui régulier avec la pulpe du troisième et du quatrième doigt, coudes "
            "bien écartés, pour que les deux pulpes aient un contact égal.",
            "Commencez à 5 à 7,5 cm (2 à 3 pouces) sur le côté du nombril et enfoncez-vous "
            "lentement, du superficiel au profond, jusqu'à ne plus pouvoir aller plus loin. Les "
            "organes de l'abdomen se décaleront.",
            "Allez lentement : un mouvement rapide fait contracter le grand droit de l'abdomen, "
            "qui repousse vos doigts.",
            "Vérifiez que vous êtes sur le psoas : il n'y a pas de pouls sous vos doigts, et le "
            "muscle se contracte sous eux quand le patient fléchit légèrement la hanche.",
            "Commencez par des oscillations, puis passez par les progressions.",
        ],
        "cues": [
            "Lentement, du superficiel au profond.",
            "Vérifiez : pas de pouls, et une contraction à une légère flexion de hanche.",
            "Continuez de parler avec votre patient tout du long.",
        ],
        "cautions": [
            "Si vous sentez des pulsations, déplacez-vous plus en latéral : vous êtes sur "
            "l'aorte descendante.",
            "Cela peut être douloureux et inconfortable pour le patient ; demandez-lui "
            "régulièrement comment il se sent.",
            "Les bascules antérieures du bassin sont la progression la plus inconfortable.",
        ],
        "skip_when": [
            "Les causes graves de la douleur du patient, comme celles de la liste des affections "
            "graves, n'ont pas été écartées.",
            "Le patient est immunodéprimé et une infection ou une myosite du psoas n'a pas été "
            "écartée.",
        ],
        "professional_note": (
            "Réservé aux cliniciens formés. Ce n'est pas un exercice d'auto-soin et il ne fait "
            "jamais partie des routines de l'application."
        ),
        "progressions": [
            "Oscillations.",
            "Glissé du talon : vous poussez en proximal pendant que le patient fait glisser le "
            "talon en distal.",
            "Élévation du bras du même côté.",
            "Élévation du bras et glissé du talon ensemble.",
            "Bascules antérieures du bassin. L'étape la plus inconfortable, et parfois la "
            "première fois qu'un patient bascule correctement le bassin vers l'arrière, en "
            "essayant de s'éloigner de vos mains.",
        ],
        "equipment": [],
        "illustration_alt": (
            "Un patient allongé sur le dos sur une table de soin, hanches et genoux fléchis. Un "
            "thérapeute derrière la table enfonce le bout des doigts dans le ventre du patient, "
            "sur le côté du nombril. L'avant de la hanche du patient est mis en évidence."
        ),
        "step_alts": [],
    },
}

ROUTINES: dict[str, dict] = {
    "desk-break": {
        "name": "Pause au bureau, 2 minutes",
        "summary": (
            "Rester longtemps assis maintient les fléchisseurs de la hanche raccourcis. Levez-"
            "vous et étirez les deux côtés. Tenez la fente tant qu'elle reste confortable ; vous "
            "pouvez régler un minuteur."
        ),
        "notes": [
            "Des deux côtés. Hanches de face, coccyx rentré, sans vous pencher en arrière.",
            "Seulement si un tabouret ou une marche stable est à portée. Pas une chaise à "
            "roulettes.",
        ],
    },
    "truck-stop": {
        "name": "Arrêt routier, 3-5 minutes",
        "summary": (
            "Les conducteurs restent assis des heures avec le psoas raccourci : étirez-vous donc "
            "à chaque arrêt. Utilisez le marchepied de votre camion pour le premier étirement."
        ),
        "notes": [
            "Pied sur le marchepied du camion. Ajoutez la tenue bras levés si la première est "
            "facile.",
            "Des deux côtés, aussi longtemps que c'est confortable.",
        ],
    },
    "daily-home": {
        "name": "Routine quotidienne à la maison",
        "summary": (
            "Une séance lente et attentive à la maison : deux étirements des fléchisseurs de la "
            "hanche, un étirement doux des ischio-jambiers et trois descentes lentes en arrière. "
            "Tenez chaque étirement tant qu'il reste confortable ; vous pouvez régler un "
            "minuteur."
        ),
        "notes": [
            "Des deux côtés, en bougeant à l'expiration.",
            "Des deux côtés. Basculez le bassin vers l'arrière avant d'avancer.",
            "Les deux jambes. Détendez-vous dans la position ; ne cherchez pas à atteindre vos "
            "orteils.",
            "Trois déroulés lents, en vous détendant entre chacun.",
        ],
    },
    "flare-up-gentle": {
        "name": "Crise : en douceur uniquement",
        "summary": (
            "Quand votre psoas est en spasme aigu, faites uniquement cet étirement jusqu'à ce "
            "que la douleur commence à diminuer. Ne forcez pas ; détendez-vous dans la "
            "position. Si se tenir debout bien droit fait trop mal, déplacez-vous pour l'instant "
            "à quatre pattes, et consultez un professionnel de santé si la douleur ne "
            "s'améliore pas."
        ),
        "notes": [
            "Des deux côtés. Ne levez les bras que si la première tenue est facile.",
        ],
    },
}
