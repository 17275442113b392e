"""The library in Polish (ty). See exercises/content/__init__.py for the shape.

Same meaning as exercises/library.py, sentence for sentence: nothing added,
nothing softened, every caution whole.
"""

HOLD_AS_COMFORTABLE = "Utrzymuj pozycję, dopóki jest ci wygodnie; możesz ustawić minutnik."
ACUTE_SPASM_SKIP = (
    "Twój mięsień lędźwiowy jest w ostrym skurczu. Dopóki ból nie zacznie słabnąć, wykonuj "
    "tylko wykrok ze stopą na podwyższeniu."
)
SLOW_AND_MINDFUL = "Rozciągaj się powoli i uważnie, żeby nie przeciążyć mięśnia."
AFTER_TREATMENT_SKIP = (
    "Wciąż jesteś w trakcie leczenia zaostrzenia. Wzmacnianie jest przewidziane na później, "
    "żeby pomóc zapobiec nawrotowi problemu."
)
NOT_IMPROVING = (
    "Jeśli ból się nie zmniejsza albo się nasila, zgłoś się do specjalisty ochrony zdrowia. "
    "Niektóre "
    "przyczyny takiego bólu nie mają nic wspólnego z mięśniami i mogą być poważne."
)

EXERCISES: dict[str, dict] = {
    "standing-lunge-tuck": {
        "name": "Wykrok w staniu z podwinięciem miednicy",
        "summary": (
            "Wykrok w staniu na głęboki zginacz biodra z przodu biodra. Uniesienie ręki i lekki "
            "skłon w bok przenoszą rozciąganie wyżej, aż do brzucha. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Stań ze stopami mniej więcej na szerokość bioder i cofnij jedną stopę do wykroku. "
            "Zejdź tylko tak nisko, jak jest ci wygodnie.",
            "Obróć oba biodra tak, żeby były skierowane prosto do przodu.",
            "Podwiń kość ogonową najbardziej, jak możesz. Możesz już poczuć rozciąganie tam, "
            "gdzie tylna noga łączy się z biodrem.",
            "Unieś rękę po stronie przeciwnej do tylnej nogi (lewa noga z tyłu, prawa ręka w "
            "górze). Rozciąganie przesuwa się wtedy wyżej, do brzucha.",
            "Żeby objąć część mięśnia biegnącą po wewnętrznej stronie kości biodrowej, pochyl "
            "się łagodnie w stronę uniesionej ręki, od biodra, które rozciągasz.",
            "Wyjdź z pozycji powoli i zmień stronę.",
        ],
        "cues": [
            "Biodra na wprost, kość ogonowa podwinięta.",
            "Możesz unieść obie ręce, jeśli tak jest ci lepiej albo łatwiej utrzymać równowagę.",
            "Nie czujesz rozciągania? Sprawdź, czy biodra są skierowane do przodu, a kość "
            "ogonowa podwinięta, albo zejdź trochę niżej.",
            "Możesz oprzeć tylne kolano o ziemię, żeby zrobić szerszy wykrok albo pewniej "
            "utrzymać równowagę.",
        ],
        "cautions": [
            "Nie odchylaj się do tyłu, żeby poczuć rozciąganie. To obciąża dolną część pleców i "
            "może nasilić ból pleców.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [
            ACUTE_SPASM_SKIP,
            "Przez kolana trudno ci robić wykroki. Spróbuj zamiast tego rozciągania biodra na "
            "krawędzi łóżka.",
        ],
        "professional_note": "",
        "progressions": [
            "Dodaj uniesienie ręki, gdy rozciąganie biodra będzie już stabilne.",
            "Dodaj łagodny skłon w bok, żeby sięgnąć wewnętrznej części biodra.",
        ],
        "equipment": [],
        "illustration_alt": (
            "Osoba stoi w wykroku, jedna stopa cofnięta, przednie kolano zgięte, tułów "
            "wyprostowany. Ręka po stronie przeciwnej do tylnej nogi sięga prosto w górę. "
            "Wyróżnione są przód biodra tylnej nogi i podbrzusze."
        ),
        "step_alts": [
            "Osoba stoi prosto w wykroku: jedna stopa cofnięta i oparta tylko na palcach, "
            "przednie kolano zgięte, ręce wzdłuż ciała. Wyróżniony jest przód biodra tylnej nogi.",
            "Ten sam wykrok z ręką po stronie przeciwnej do tylnej nogi uniesioną nad głowę. "
            "Wyróżnienie biegnie od biodra tylnej nogi aż do brzucha.",
            "Widok z przodu: osoba w wykroku pochyla tułów w jedną stronę, a uniesiona ręka "
            "wygina się nad głową w tę samą stronę, z dala od rozciąganego biodra, które jest "
            "wyróżnione.",
        ],
    },
    "low-lunge-forward": {
        "name": "Niski wykrok z przesunięciem do przodu",
        "summary": (
            "Łatwe rozciąganie bez żadnego sprzętu. Przesuwasz się do przodu, a nie niżej, więc "
            "biodro tylnej nogi otwiera się łagodnie. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Przejdź do niskiego wykroku.",
            "Przesuń ciało do przodu, zamiast schodzić niżej, aż poczujesz łagodne rozciąganie "
            "z przodu biodra tylnej nogi.",
            "Wyjdź z pozycji powoli i zmień stronę.",
        ],
        "cues": ["Myśl: do przodu, nie w dół."],
        "cautions": [
            "Rób to lekko. To ma być łagodne rozciąganie, a nie głębokie.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Osoba w niskim wykroku, tylne kolano i goleń oparte o podłogę, przednia stopa "
            "płasko, biodra przesunięte do przodu przed tylne kolano, dłonie na przednim udzie. "
            "Wyróżniony jest przód biodra tylnej nogi."
        ),
        "step_alts": [
            "Osoba w niskim wykroku: tylne kolano na podłodze pod biodrem, przednia stopa płasko "
            "przed sobą, tułów wyprostowany, dłonie oparte w stronę przedniego kolana.",
            "Ten sam niski wykrok z biodrami przesuniętymi do przodu, przed tylne kolano, a nie "
            "niżej. Wyróżniony jest przód biodra tylnej nogi.",
        ],
    },
    "kneeling-lunge-pelvic-tilt": {
        "name": "Wykrok w klęku z przechyleniem miednicy",
        "summary": (
            "Wykrok w klęku, w którym przechylenie miednicy do tyłu kieruje rozciąganie na część "
            "zginacza biodra przyczepioną do dolnej części pleców. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Uklęknij, a potem wysuń jedną stopę do przodu. Tylne kolano zostaje na ziemi.",
            "Przechyl miednicę do tyłu, żeby spłaszczyć wygięcie w dolnej części pleców. "
            "Rozciąganie powinno od razu pojawić się w biodrze nogi, na której klęczysz.",
            "Przenieś ciężar trochę do przodu, wysuwając oba biodra tylko nieznacznie. "
            "Rozciąganie przesuwa się na przód biodra i uda nogi, na której klęczysz.",
            "Przez cały czas trzymaj klatkę piersiową uniesioną, a plecy proste.",
            "Wyjdź z pozycji powoli i zmień stronę.",
        ],
        "cues": [
            "Klatka piersiowa wysoko, plecy proste.",
            "Najpierw przechyl, potem przesuń do przodu, tylko trochę.",
        ],
        "cautions": [
            SLOW_AND_MINDFUL,
            "Przesuwaj biodra do przodu tylko odrobinę.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Osoba klęczy na jednym kolanie, druga stopa z przodu, klatka piersiowa "
            "wyprostowana, dłonie na biodrach, biodra nieco przed tylnym kolanem. Wyróżniony "
            "jest przód biodra nogi, na której klęczy."
        ),
        "step_alts": [
            "Osoba klęczy na jednym kolanie, biodro dokładnie nad nim, druga stopa płasko z "
            "przodu, klatka piersiowa wyprostowana, dłonie na biodrach.",
            "Ta sama pozycja w klęku z biodrami lekko przesuniętymi do przodu, klatka piersiowa "
            "nadal wyprostowana. Wyróżniony jest przód biodra i uda nogi, na której klęczy.",
        ],
    },
    "supine-knee-hug-leg-slide": {
        "name": "Przyciąganie kolana w leżeniu z wysuwaniem nogi",
        "summary": (
            "Łagodne rozciąganie na plecach w rytmie oddechu, które wydłuża i rozgrzewa mięsień "
            "lędźwiowy, podczas gdy miednica pozostaje stabilna. Powtarzaj wysuwanie tyle razy, "
            "ile jest ci wygodnie."
        ),
        "steps": [
            "Połóż się na plecach, z głową na małej poduszce.",
            "Przyciągnij jedno kolano i przytrzymaj je dłońmi. To strona, której nie "
            "rozciągasz. Szyja niech będzie luźna, a łopatki spokojnie ułożone.",
            "Weź wdech.",
            "Z wydechem powoli wysuń drugą nogę po podłodze.",
            "Weź wdech.",
            "Z wydechem przesuń tę nogę z powrotem do pozycji wyjściowej.",
            "Zamień nogi, żeby rozciągnąć drugą stronę.",
        ],
        "cues": [
            "Stabilna miednica jest ważniejsza niż całkiem wyprostowana noga.",
            "Poruszaj się tylko podczas wydechu.",
        ],
        "cautions": [
            "Zatrzymaj wysuwanie tam, gdzie miednica zaczęłaby się ruszać, zamiast na siłę "
            "prostować nogę.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": ["mała poduszka lub jasiek"],
        "illustration_alt": (
            "Osoba leży na plecach z głową na małej poduszce i obiema rękami przyciąga jedno "
            "kolano do klatki piersiowej; druga noga leży prosto na podłodze. Wyróżniony jest "
            "przód biodra wyprostowanej nogi."
        ),
        "step_alts": [
            "Osoba leży na plecach z głową na małej poduszce i obiema rękami przytrzymuje jedno "
            "kolano przy klatce piersiowej. Drugie kolano jest zgięte, stopa płasko na podłodze.",
            "Wciąż trzymając jedno kolano, osoba wysunęła drugą nogę prosto po podłodze. "
            "Wyróżniony jest przód biodra tej nogi.",
        ],
    },
    "edge-of-bed-stretch": {
        "name": "Rozciąganie biodra na krawędzi łóżka",
        "summary": (
            "Łagodniejsze rozciąganie, w którym pracę wykonuje grawitacja, przydatne, jeśli "
            "przez kolana trudno ci robić wykroki. Prawdopodobnie poczujesz je słabiej niż "
            "wykrok. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Połóż się na plecach na łóżku lub stabilnym stole, z dolnym końcem kości ogonowej "
            "przy krawędzi, tak żeby pośladki wystawały poza nią.",
            "Podwiń kość ogonową i napnij podbrzusze. To podpiera dolną część pleców, która w "
            "tej pozycji mocno się wygina, i skupia rozciąganie na biodrze.",
            "Przyciągnij jedno kolano do klatki piersiowej i obejmij je dłońmi. Przyciąganie "
            "bardziej spłaszcza dolną część pleców i pomaga rozciągnąć drugą nogę.",
            "Odpocznij w tej pozycji i pozwól grawitacji powoli otwierać przód biodra nogi, "
            "która zwisa w stronę podłogi.",
            "Zmień nogi.",
            "Żeby wstać, przeturlaj się łagodnie na bok i podeprzyj się rękami.",
        ],
        "cues": [
            "Nie czujesz rozciągania? Mocniej podwiń kość ogonową.",
            "Przesuń się trochę bliżej krawędzi, żeby zwisająca noga opadła niżej i mocniej się "
            "rozciągnęła.",
        ],
        "cautions": [
            "W tej pozycji dolna część pleców może się mocno wyginać. Przez cały czas trzymaj "
            "kość ogonową podwiniętą, a podbrzusze napięte.",
            "Żeby wstać, przeturlaj się na bok, zamiast siadać prosto.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": ["łóżko lub stabilny stół"],
        "illustration_alt": (
            "Osoba leży na plecach na łóżku z pośladkami przy krawędzi. Obie dłonie przyciągają "
            "jedno kolano do klatki piersiowej, a druga noga zwisa za krawędź w stronę podłogi. "
            "Wyróżniony jest przód biodra zwisającej nogi."
        ),
        "step_alts": [
            "Osoba leży na plecach na łóżku, z głową na poduszce, pośladkami przy krawędzi "
            "łóżka i obiema nogami zwisającymi za nią.",
            "Na łóżku osoba przyciąga jedno kolano do klatki piersiowej; druga noga zwisa za "
            "krawędź. Wyróżniony jest przód biodra zwisającej nogi.",
            "Wstawanie: osoba, obrócona na bok, odpycha tułów od łóżka obiema rękami, nogi za "
            "krawędzią.",
        ],
    },
    "gentle-hamstring-stretch": {
        "name": "Łagodne rozciąganie mięśni kulszowo-goleniowych",
        "summary": (
            "Rozciągaj tył uda łagodnie i biernie, zamiast na siłę sięgać do palców stóp, co "
            "może nagle przeciążyć mięsień lędźwiowy. Wystarczy każde rozciąganie, w którym "
            "możesz się rozluźnić. " + HOLD_AS_COMFORTABLE
        ),
        "steps": [
            "Wybierz łagodne rozciąganie tyłu uda, w którym rozluźniasz się w pozycji, zamiast "
            "ciągnąć.",
            "Wchodź w nie powoli, aż poczujesz lekkie rozciąganie z tyłu uda, i pozwól mięśniowi "
            "się tam rozluźnić.",
            "Wyjdź z pozycji powoli i zmień nogę.",
        ],
        "cues": ["Rozluźnij się w pozycji; nie ciągnij."],
        "cautions": [
            "Nie sięgaj na siłę do palców stóp. Forsowanie może nagle przeciążyć mięsień "
            "lędźwiowy i wywołać ból dolnej części pleców.",
            SLOW_AND_MINDFUL,
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Przykład: osoba siedzi na podłodze z jedną nogą wyprostowaną, a drugim kolanem "
            "zgiętym, pochyla się tylko trochę do przodu, z dłońmi opartymi na wyprostowanej "
            "nodze, nie sięgając do palców. Wyróżniony jest tył wyprostowanego uda."
        ),
        "step_alts": [],
    },
    "foot-up-forward-stance": {
        "name": "Wykrok ze stopą na podwyższeniu",
        "summary": (
            "Jedyne rozciąganie na czas, gdy mięsień lędźwiowy jest w ostrym skurczu: wykonuj "
            "tylko je, dopóki ból nie zacznie słabnąć. Oprzyj stopę na stołku albo stopniu "
            "ciężarówki, wytrzymaj, licząc do 10, i wydłużaj czas, gdy dasz radę."
        ),
        "steps": [
            "Postaw jedną stopę na stołku, stopniu ciężarówki albo innej stabilnej powierzchni "
            "mniej więcej tej wysokości i stań swobodnie w wykroku.",
            "Wytrzymaj, licząc do 10.",
            "Jeśli to było łatwe, powoli unieś obie ręce w stronę sufitu, żeby mocniej rozciągnąć "
            "dolną część pleców. Wytrzymaj, licząc jeszcze raz do 10.",
            "Zmień stopę i powtórz.",
        ],
        "cues": [
            "Rozluźnij się w pozycji.",
            "Wydłużaj liczenie stopniowo.",
        ],
        "cautions": [
            "Nie forsuj się. Wchodź w pozycję łagodnie, zamiast ją wymuszać.",
            "Unoś ręce tylko wtedy, gdy pierwsza część nie sprawia ci żadnej trudności.",
            "Użyj powierzchni, która się nie przesunie ani nie przewróci.",
        ],
        "skip_when": [
            "Stanie w wyprostowanej pozycji bardzo boli. Na razie poruszanie się na czworakach "
            "może pozwolić ci zachować trochę ruchomości.",
        ],
        "professional_note": NOT_IMPROVING,
        "progressions": [
            "Z czasem wytrzymuj trochę dłużej, na tyle, na ile jesteś w stanie znieść.",
            "Gdy pierwsza część będzie łatwa, dodaj utrzymanie z rękami w górze, licząc jeszcze "
            "raz do 10, i z czasem też je wydłużaj.",
        ],
        "equipment": ["stołek, stopień ciężarówki lub inna stabilna powierzchnia"],
        "illustration_alt": (
            "Osoba stoi prosto z jedną stopą uniesioną na niskim stołku przed sobą, to kolano "
            "zgięte, tylna noga wyprostowana, stopa płasko na podłodze. Wyróżniony jest przód "
            "biodra tylnej nogi."
        ),
        "step_alts": [
            "Osoba stoi z jedną stopą na niskim stołku, kolano zgięte, druga noga wyprostowana z "
            "tyłu, ręce swobodnie wzdłuż ciała. Wyróżniony jest przód biodra tylnej nogi.",
            "Ta sama pozycja z obiema rękami uniesionymi w stronę sufitu. Wyróżnienie biegnie od "
            "biodra tylnej nogi aż do dolnej części pleców i brzucha.",
        ],
    },
    "slow-sit-back": {
        "name": "Powolne odchylanie do tyłu",
        "summary": (
            "Rób to zamiast brzuszków. Opuszczasz się powoli, po jednym odcinku kręgosłupa, co "
            "mniej obciąża zginacz biodra niż siadanie. Zalecane są trzy dziennie."
        ),
        "steps": [
            "Połóż się na plecach, a potem podeprzyj się rękami i podnieś do siadu.",
            "Zaokrąglij dolną część pleców.",
            "Powoli zroluj się w dół, tak żeby kolejne odcinki kręgosłupa po kolei dotykały "
            "podłogi.",
            "Gdy już leżysz płasko, całkowicie się rozluźnij i przez chwilę oddychaj brzuchem.",
            "Przed kolejnym powtórzeniem znowu podnieś się, podpierając się rękami.",
        ],
        "cues": [
            "Praca odbywa się w drodze w dół.",
            "Do góry wracaj, podpierając się rękami, zamiast robić brzuszek.",
        ],
        "cautions": [
            "Nie zastępuj tego zwykłymi brzuszkami. Szybkie, powtarzane brzuszki i niedbałe "
            "spięcia brzucha mogą przeciążyć mięsień lędźwiowy.",
            "Schodź w dół powoli i pod kontrolą.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Osoba z ugiętymi kolanami i stopami na podłodze powoli roluje się na plecy, z "
            "zaokrągloną dolną częścią pleców, rękami wyciągniętymi w stronę kolan. Wyróżniony "
            "jest brzuch."
        ),
        "step_alts": [
            "Osoba z ugiętymi kolanami opiera się z tyłu na obu dłoniach, za biodrami, i "
            "podnosi się z leżenia do siadu.",
            "Siedząc z ugiętymi kolanami i stopami płasko, osoba zaokrągla dolną część pleców, "
            "ręce wyciągnięte do przodu w stronę kolan.",
            "W połowie drogi: osoba opuszcza zaokrąglone plecy w stronę podłogi, ręce nadal "
            "wyciągnięte do przodu. Wyróżniony jest brzuch.",
            "Osoba leży płasko na plecach, z ugiętymi kolanami i rękami wzdłuż ciała, rozluźniona.",
        ],
    },
    "lower-belly-strengthening": {
        "name": "Wzmacnianie podbrzusza z dobrą techniką",
        "summary": (
            "Ćwiczenia brzucha, które zginają biodro i skupiają się na podbrzuszu, pomagają "
            "wzmocnić zginacz biodra. Niezależnie od wybranego ćwiczenia liczy się dobra "
            "technika. Zrób tyle powtórzeń, ile dasz radę z dobrą techniką, i łącz to z "
            "powolnym odchylaniem do tyłu albo deską."
        ),
        "steps": [
            "Wybierz ćwiczenie brzucha, które zgina biodro i angażuje podbrzusze.",
            "Zanim zaczniesz, wyprostuj plecy, podwiń miednicę i utrzymaj biodra w prostej linii.",
            "Utrzymuj tę postawę przez cały czas. Im lepsza technika, tym więcej pracy wykonują "
            "głębokie mięśnie podbrzusza.",
        ],
        "cues": ["Plecy proste, miednica podwinięta, biodra w prostej linii."],
        "cautions": [
            "Unikaj szybkich, powtarzanych brzuszków i niedbałych spięć brzucha. Mogą przeciążyć "
            "mięsień lędźwiowy i pogorszyć sprawę.",
            "Brzuszki z wyprostowanymi nogami mocno obciążają mięsień lędźwiowy i mogą go "
            "naciągnąć.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Osoba leży na plecach z ugiętymi kolanami i stopami płasko, dolna część pleców "
            "przylega do podłogi, a miednica jest podwinięta: postawa, którą należy utrzymać "
            "podczas ćwiczeń podbrzusza. Wyróżnione jest podbrzusze."
        ),
        "step_alts": [],
    },
    "plank-variations": {
        "name": "Deska (dowolna wersja)",
        "summary": (
            "Deska to jedna z kilku możliwości zamiast brzuszków. Wybierz wersję, którą znasz, i "
            "utrzymuj ją tylko tak długo, jak długo technika pozostaje dobra; możesz ustawić "
            "minutnik. Specjalista ochrony zdrowia może pomóc ci ją wybrać."
        ),
        "steps": [
            "Wybierz wersję deski, którą umiesz wykonać bezpiecznie.",
            "Trzymaj plecy proste, a miednicę podwiniętą, jak przy każdym ćwiczeniu brzucha.",
            "Przerwij, gdy tylko nie możesz utrzymać tej postawy.",
        ],
        "cues": ["Technika ważniejsza niż czas."],
        "cautions": ["Przerwij, gdy plecy opadają albo miednica przestaje być podwinięta."],
        "skip_when": [ACUTE_SPASM_SKIP, AFTER_TREATMENT_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Osoba utrzymuje deskę na przedramionach i palcach stóp, ciało w jednej prostej "
            "linii od głowy do pięt. Wyróżniony jest brzuch."
        ),
        "step_alts": [],
    },
    "ball-self-massage": {
        "name": "Automasaż piłką",
        "summary": (
            "Połóż się na piłce, żeby rozluźnić tkliwe miejsce w głębokim zginaczu biodra, a "
            "potem dodaj małe uniesienia nogi w rytmie oddechu. Zostań tak długo, jak jest ci "
            "wygodnie, i wykonaj tyle uniesień, ile jest ci wygodnie."
        ),
        "steps": [
            "Znajdź miejsce: około 2,5 cm (cal) w bok od pępka i tyle samo poniżej.",
            "Połóż się na brzuchu z piłką pod tym miejscem. Powoli przenoś na nią ciężar ciała, "
            "tylko na tyle, na ile jest w porządku.",
            "Tocz się powoli, aż znajdziesz tkliwe miejsce, i zostań tam, aż tkliwość minie.",
            "Trzymając nogę po tej stronie prosto, unoś ją lekko z wdechem i opuszczaj z wydechem.",
        ],
        "cues": [
            "Uniesienie na około 2,5 cm (cal) w zupełności wystarczy.",
            "Pozostań w zakresie, który jest wygodny.",
            "Wypróbuj piłki różnej wielkości. Piłka mniej więcej wielkości małego melona sięga "
            "wystarczająco głęboko; mniejsza nadaje się do części po wewnętrznej stronie kości "
            "biodrowej.",
        ],
        "cautions": [
            "Jeśli w którymkolwiek momencie poczujesz pod piłką tętno, od razu łagodnie "
            "przesuń piłkę w inne miejsce. Biegną tu głębokie odgałęzienia twojej głównej "
            "tętnicy.",
            "Utrzymuj nacisk na wygodnym poziomie.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": "",
        "progressions": [],
        "equipment": ["piłka mniej więcej wielkości małego melona lub mniejsza"],
        "illustration_alt": (
            "Osoba leży na brzuchu na podłodze, wsparta na przedramionach, z piłką pod brzuchem "
            "tuż obok pępka i poniżej niego. Wyróżniony jest przód biodra po tej stronie."
        ),
        "step_alts": [
            "Osoba leży na brzuchu, wsparta na przedramionach, opierając ciężar ciała na piłce "
            "pod jedną stroną podbrzusza.",
            "Wciąż na piłce osoba unosi nieco nad podłogę wyprostowaną nogę po tej stronie. "
            "Wyróżniony jest przód tego biodra.",
        ],
    },
    "supine-finger-release": {
        "name": "Rozluźnianie uciskiem palców w leżeniu",
        "summary": (
            "Uciskaj tkliwe miejsce w mięśniu lędźwiowym, powoli opuszczając nogę. Spodziewaj "
            "się bólu; najlepiej, żeby zrobił to za ciebie specjalista ochrony zdrowia."
        ),
        "steps": [
            "Połóż się na plecach z oboma kolanami zgiętymi i stopami na podłodze. To rozluźnia "
            "mięsień lędźwiowy.",
            "Naciskaj palcami, szukając tkliwego miejsca w mięśniu po stronie, którą chcesz "
            "rozluźnić.",
            "Gdy je znajdziesz, naciśnij i utrzymuj nacisk.",
            "Wciąż uciskając, powoli wysuwaj nogę po tej stronie. Drugie kolano zostaw zgięte.",
            "Kontynuuj powoli, aż noga będzie leżeć płasko, utrzymując nacisk przez cały czas.",
            "Możesz to powtórzyć kilka razy, w różnych miejscach.",
        ],
        "cues": [
            "Żeby znaleźć mięsień, uciśnij łagodnie miękkie miejsce tuż do wewnątrz od przedniej "
            "części kości biodrowej, a potem unieś lekko tę nogę nad podłogę. Poczujesz, jak "
            "mięsień się napina.",
        ],
        "cautions": [
            "To boli. Spodziewaj się bólu podczas uciskania.",
            "Jeśli poczujesz pod palcami tętno, zmniejsz nacisk i przesuń się dalej na zewnątrz, "
            "w bok, z dala od pępka.",
        ],
        "skip_when": [ACUTE_SPASM_SKIP],
        "professional_note": (
            "Najlepiej, żeby zrobił to za ciebie specjalista ochrony zdrowia, na przykład "
            "certyfikowany terapeuta techniki Active Release w twojej okolicy."
        ),
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Osoba leży na plecach i wciska palce jednej dłoni w podbrzusze obok biodra, podczas "
            "gdy jedna noga wysuwa się po podłodze, a drugie kolano pozostaje zgięte. Wyróżniony "
            "jest przód biodra wysuwanej nogi."
        ),
        "step_alts": [
            "Osoba leży na plecach z oboma kolanami zgiętymi i stopami płasko, z jedną dłonią "
            "opartą na podbrzuszu tuż do wewnątrz od kości biodrowej.",
            "Uciskając palcami, osoba odsuwa jedną stopę, tak że ta noga jest do połowy "
            "wyprostowana; drugie kolano pozostaje zgięte.",
            "Wysuwana noga leży już płasko na podłodze, a palce wciąż uciskają obok biodra. "
            "Wyróżniony jest przód tego biodra.",
        ],
    },
    "hands-and-knees-moving": {
        "name": "Poruszanie się na czworakach",
        "summary": (
            "Gdy stanie w wyprostowanej pozycji bardzo boli, poruszanie się na czworakach może "
            "na jakiś czas dać ci trochę ruchomości. To rozwiązanie doraźne, a nie rozciąganie."
        ),
        "steps": [
            "Ostrożnie opuść się na dłonie i kolana.",
            "Poruszaj się powoli na czworakach, żeby dotrzeć tam, gdzie potrzebujesz.",
            "Rób to tylko wtedy, gdy stanie prosto jest zbyt bolesne.",
        ],
        "cues": [],
        "cautions": ["To rozwiązanie tymczasowe. " + NOT_IMPROVING],
        "skip_when": [],
        "professional_note": (
            "Ból przy próbie stanięcia w pełni prosto to objaw, z którym trzeba zgłosić się do "
            "lekarza."
        ),
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Osoba na czworakach na podłodze, dłonie pod barkami, kolana pod biodrami, wzrok "
            "skierowany przed siebie."
        ),
        "step_alts": [],
    },
    "open-hip-sitting": {
        "name": "Siedź z bardziej otwartymi biodrami",
        "summary": (
            "Wielogodzinne siedzenie z mocno zgiętymi biodrami utrzymuje mięsień lędźwiowy w "
            "skróceniu. Ustaw siedzisko tak, żeby kąt w biodrach się otworzył, i nie siedź "
            "nieruchomo zbyt długo."
        ),
        "steps": [
            "Ustaw siedzisko tak, żeby uda lekko opadały w dół, a kąt w biodrach był szerszy.",
            "Jednym ze sposobów jest stołek z odchylanym siedziskiem; inne ustawienia też się "
            "sprawdzą.",
            "Regularnie wstawaj i się ruszaj.",
        ],
        "cues": [
            "Dla wielu pracowników biurowych takie siedzisko to lepszy wybór niż praca na stojąco.",
        ],
        "cautions": [
            "Żadne siedzisko nie zrekompensuje siedzenia bez ruchu. Trwanie w jakiejkolwiek "
            "pozycji siedzącej ogranicza krążenie i może podrażniać mięsień lędźwiowy.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": ["stołek z odchylanym siedziskiem lub regulowane krzesło"],
        "illustration_alt": (
            "Osoba siedzi prosto na siedzisku pochylonym do przodu, uda opadają w stronę kolan, "
            "więc biodra są mniej zgięte, stopy płasko na podłodze."
        ),
        "step_alts": [],
    },
    "cruise-control-moving": {
        "name": "Ruszaj się trochę w długiej trasie",
        "summary": (
            "Na długich, równych odcinkach drogi tempomat daje ci okazję, żeby zmienić pozycję i "
            "trochę się poruszać, zamiast siedzieć bez ruchu."
        ),
        "steps": [
            "Na długim, równym odcinku, tam gdzie to bezpieczne, włącz tempomat.",
            "Co jakiś czas zmieniaj pozycję i trochę poruszaj nogami.",
            "Przejmuj z powrotem pedały zawsze, gdy wymaga tego sytuacja na drodze.",
        ],
        "cues": [],
        "cautions": [
            "Rób to tylko wtedy, gdy jest to bezpieczne i zachowujesz pełną kontrolę nad pojazdem.",
            "Jazda z nogą wyciągniętą do pedałów może nasilić ból mięśnia lędźwiowego.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Kierowca siedzi za kierownicą, jedna stopa spoczywa blisko pedałów, a druga noga "
            "jest cofnięta ze zgiętym kolanem: zmienia pozycję."
        ),
        "step_alts": [],
    },
    "recline-truck-seat": {
        "name": "Odchyl lekko oparcie fotela",
        "summary": (
            "Jazda utrzymuje mięsień lędźwiowy w skróceniu przez wiele godzin. Lekkie odchylenie "
            "oparcia do tyłu chroni biodra przed zbyt mocnym zgięciem."
        ),
        "steps": [
            "Ustaw oparcie fotela tak, żeby było lekko odchylone.",
            "Sprawdź, czy biodra są mniej zgięte niż wtedy, gdy siedzisz idealnie prosto.",
        ],
        "cues": [],
        "cautions": [
            "Odchylaj oparcie tylko na tyle, żeby nadal bezpiecznie prowadzić i sięgać do "
            "wszystkich przełączników.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Kierowca siedzi za kierownicą z oparciem lekko odchylonym do tyłu, więc kąt w "
            "biodrach jest nieco bardziej otwarty."
        ),
        "step_alts": [],
    },
    "stretch-every-stop": {
        "name": "Rozciągaj się na każdym postoju",
        "summary": (
            "Jazda utrzymuje mięsień lędźwiowy w skróceniu przez wiele godzin, dlatego kierowcy "
            "ciężarówek są szczególnie narażeni na ten rodzaj bólu pleców. Niech krótkie "
            "rozciąganie będzie częścią każdego postoju."
        ),
        "steps": [
            "Na każdym postoju wysiądź z kabiny.",
            "Zrób rutynę na postój ciężarówki albo przynajmniej wykrok ze stopą na podwyższeniu, "
            "używając stopnia ciężarówki.",
        ],
        "cues": [],
        "cautions": ["Rozciągaj się dopiero wtedy, gdy bezpiecznie zaparkujesz."],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Obok zaparkowanej ciężarówki osoba stoi z jedną stopą na stopniu kabiny, to kolano "
            "zgięte, druga noga wyprostowana z tyłu. Wyróżniony jest przód biodra tylnej nogi."
        ),
        "step_alts": [],
    },
    "pillow-under-knees": {
        "name": "Poduszka pod kolanami w łóżku",
        "summary": (
            "Jeśli śpisz na plecach, poduszka pod kolanami utrzymuje biodra lekko zgięte i "
            "zmniejsza napięcie mięśnia lędźwiowego, co może pomóc ci zasnąć."
        ),
        "steps": [
            "Połóż się na plecach.",
            "Wsuń pod kolana poduszkę albo długą poduszkę do spania.",
        ],
        "cues": [],
        "cautions": [
            "Niech zgięcie będzie łagodne. Celem jest lekkie zgięcie w biodrze, a nie mocne.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": ["poduszka lub długa poduszka do spania"],
        "illustration_alt": (
            "Osoba leży na plecach na materacu, z głową na poduszce i drugą poduszką pod "
            "kolanami, tak że biodra i kolana są lekko zgięte."
        ),
        "step_alts": [],
    },
    "side-sleeping-no-fetal": {
        "name": "Spanie na boku bez zwijania się",
        "summary": (
            "Spanie na boku ciasno zwiniętym, z mocno zgiętymi biodrami, skraca mięsień "
            "lędźwiowy. Zamiast tego leż trochę bardziej wyprostowany."
        ),
        "steps": [
            "Gdy leżysz na boku, trzymaj biodra i kolana tylko lekko zgięte.",
            "Unikaj podciągania kolan do klatki piersiowej.",
        ],
        "cues": [],
        "cautions": [
            "Ciasno zwinięta pozycja utrzymuje mięsień lędźwiowy w skróceniu przez wiele godzin "
            "i może wywołać skurcz.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Osoba leży na boku na materacu, z głową na poduszce, ciało prawie wyprostowane, "
            "biodra i kolana tylko lekko zgięte, nie zwinięta."
        ),
        "step_alts": [],
    },
    "firm-mattress": {
        "name": "Śpij na twardym materacu",
        "summary": (
            "Miękki materac, który zapada się pośrodku, może skracać mięsień lędźwiowy i "
            "nasilać ból pleców oraz poranną sztywność. Lepszy jest twardy."
        ),
        "steps": [
            "Najpierw sprawdź: przez jedną noc śpij na podłodze albo połóż materac na podłodze i "
            "zobacz, czy plecy czują się lepiej.",
            "Jeśli to pomaga, kup nowy materac albo podłóż pod obecny płytę ze sklejki grubości "
            "około 1,3 cm (pół cala).",
        ],
        "cues": ["To, który twardy materac wybierzesz, to w dużej mierze kwestia gustu."],
        "cautions": [
            "Unikaj materaca, który zapada się pośrodku; zwiększa napięcie w dolnej części pleców.",
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": ["płyta ze sklejki grubości pół cala (opcjonalnie)"],
        "illustration_alt": (
            "Osoba leży prosto na plecach na twardym, płaskim materacu z cienką płytą pod "
            "spodem; materac się nie zapada."
        ),
        "step_alts": [],
    },
    "moist-heat": {
        "name": "Wilgotne ciepło pod prysznicem lub w wannie",
        "summary": (
            "Odpoczynek, wilgotne ciepło i łagodne rozciąganie to zwykłe leczenie zespołu "
            "mięśnia lędźwiowego. Ciepły prysznic lub kąpiel w wannie to łatwy sposób na to "
            "ciepło."
        ),
        "steps": [
            "Weź ciepły prysznic albo ciepłą kąpiel.",
            "Połącz to z odpoczynkiem i łagodnym rozciąganiem.",
        ],
        "cues": [],
        "cautions": [
            "Używaj ciepłej wody, nie tak gorącej, żeby się poparzyć.",
            NOT_IMPROVING,
        ],
        "skip_when": [],
        "professional_note": "",
        "progressions": [],
        "equipment": [],
        "illustration_alt": (
            "Osoba stoi rozluźniona pod prysznicem, z słuchawki prysznica leje się ciepła woda. "
            "Wyróżniony jest przód biodra."
        ),
        "step_alts": [],
    },
    "clinician-supine-psoas-release": {
        "name": "Rozluźnianie mięśnia lędźwiowego w leżeniu tyłem (technika terapeuty)",
        "summary": (
            "Manualne rozluźnianie wykonywane przez przeszkolonego terapeutę, gdy pacjent leży "
            "na plecach. Praca na takiej głębokości wymaga wprawy i jasnej komunikacji, a "
            "pacjenci uważają ten obszar za jeden z najbardziej wrażliwych na terapię. Technika "
            "jest sugerowana przy problemach stawu krzyżowo-biodrowego u biegaczek z "
            "niedostatecznym wyprostem biodra, u starszych pacjentów ze stenozą, przy wzorcach "
            "torebkowych biodra, tylnej rotacji kości biodrowej, rozlanych dolegliwościach z "
            "przodu i z boku uda wskutek ucisku nerwu udowego oraz przy kręgozmyku, razem z "
            "pracą na tkankach miękkich przykręgosłupowych i programem stabilizacji."
        ),
        "steps": [
            "Ułóż pacjenta na plecach ze zgiętymi biodrami i kolanami.",
            "Chwyć równomiernie opuszkami trzeciego i czwartego palca, z łokciami szeroko na "
            "zewnątrz, tak żeby obie opuszki miały równy kontakt.",
            "Zacznij 5-7,5 cm (2-3 cale) w bok od pępka i zagłębiaj się powoli, od powierzchni "
            "w głąb, aż nie da się dalej. Narządy jamy brzusznej przesuną się na bok.",
            "Pracuj powoli: szybki ruch powoduje skurcz mięśnia prostego brzucha, który wypycha "
            "twoje palce.",
            "Upewnij się, że jesteś na mięśniu lędźwiowym: pod palcami nie ma tętna, a mięsień "
            "napina się pod nimi, gdy pacjent lekko zgina biodro.",
            "Zacznij od oscylacji, potem przejdź przez kolejne progresje.",
        ],
        "cues": [
            "Powoli, od powierzchni w głąb.",
            "Sprawdź: brak tętna i skurcz przy lekkim zgięciu biodra.",
            "Przez cały czas rozmawiaj z pacjentem.",
        ],
        "cautions": [
            "Jeśli czujesz pulsowanie, przesuń się bardziej bocznie: jesteś na aorcie zstępującej.",
            "Może to być dla pacjenta bolesne i nieprzyjemne; stale pytaj, jak się czuje.",
            "Przednie przechylenia miednicy to najbardziej nieprzyjemna progresja.",
        ],
        "skip_when": [
            "Nie wykluczono poważnych przyczyn bólu pacjenta, takich jak te z listy poważnych "
            "schorzeń.",
            "Pacjent ma obniżoną odporność i nie wykluczono zakażenia ani zapalenia mięśnia "
            "lędźwiowego.",
        ],
        "professional_note": (
            "Tylko dla przeszkolonych klinicystów. To nie jest ćwiczenie do samodzielnego "
            "wykonywania i nigdy nie wchodzi w skład rutyn aplikacji."
        ),
        "progressions": [
            "Oscylacje.",
            "Przesuwanie pięty: naciskasz proksymalnie, a pacjent przesuwa piętę dystalnie.",
            "Uniesienie ręki po tej samej stronie.",
            "Uniesienie ręki i przesuwanie pięty jednocześnie.",
            "Przednie przechylenia miednicy. Najbardziej nieprzyjemny krok, a czasem pierwszy "
            "raz, gdy pacjent prawidłowo przechyla miednicę do tyłu, próbując odsunąć się od "
            "twoich dłoni.",
        ],
        "equipment": [],
        "illustration_alt": (
            "Pacjent leży na plecach na stole terapeutycznym ze zgiętymi biodrami i kolanami. "
            "Terapeuta za stołem wciska opuszki palców w brzuch pacjenta z boku pępka. "
            "Wyróżniony jest przód biodra pacjenta."
        ),
        "step_alts": [],
    },
}

ROUTINES: dict[str, dict] = {
    "desk-break": {
        "name": "Przerwa przy biurku, 2 minuty",
        "summary": (
            "Długie siedzenie utrzymuje zginacze bioder w skróceniu. Wstań i rozciągnij obie "
            "strony. Utrzymuj wykrok, dopóki jest ci wygodnie; możesz ustawić minutnik."
        ),
        "notes": [
            "Obie strony. Biodra na wprost, kość ogonowa podwinięta, bez odchylania do tyłu.",
            "Tylko jeśli masz pod ręką stabilny stołek lub stopień. Nie krzesło na kółkach.",
        ],
    },
    "truck-stop": {
        "name": "Postój ciężarówki, 3-5 minut",
        "summary": (
            "Kierowcy siedzą godzinami ze skróconym mięśniem lędźwiowym, więc rozciągaj się na "
            "każdym postoju. Do pierwszego ćwiczenia użyj stopnia ciężarówki."
        ),
        "notes": [
            "Stopa na stopniu ciężarówki. Dodaj utrzymanie z rękami w górze, jeśli pierwsze "
            "jest łatwe.",
            "Obie strony, tak długo, jak jest ci wygodnie.",
        ],
    },
    "daily-home": {
        "name": "Codzienna rutyna w domu",
        "summary": (
            "Powolna, uważna sesja w domu: dwa rozciągania zginaczy bioder, łagodne rozciąganie "
            "tyłu uda i trzy powolne odchylenia do tyłu. Utrzymuj każde rozciąganie, dopóki "
            "jest ci wygodnie; możesz ustawić minutnik."
        ),
        "notes": [
            "Obie strony, ruch z wydechem.",
            "Obie strony. Przechyl miednicę do tyłu, zanim przesuniesz się do przodu.",
            "Obie nogi. Rozluźnij się w pozycji; nie sięgaj do palców stóp.",
            "Trzy powolne zrolowania w dół, z rozluźnieniem pomiędzy nimi.",
        ],
    },
    "flare-up-gentle": {
        "name": "Zaostrzenie: tylko łagodnie",
        "summary": (
            "Gdy mięsień lędźwiowy jest w ostrym skurczu, wykonuj tylko to rozciąganie, dopóki "
            "ból nie zacznie słabnąć. Nie forsuj się; rozluźnij się w pozycji. Jeśli stanie w "
            "wyprostowanej pozycji za bardzo boli, na razie poruszaj się na czworakach i zgłoś "
            "się do specjalisty ochrony zdrowia, jeśli ból się nie zmniejsza."
        ),
        "notes": [
            "Obie strony. Unoś ręce tylko wtedy, gdy pierwsze utrzymanie jest łatwe.",
        ],
    },
}
