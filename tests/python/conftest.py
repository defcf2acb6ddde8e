"""Shared set-up of the Python module's tests: the module (skipped with a
message when it was not built), the command line to compare with, the
repository's example data."""

import json
import os
import pathlib
import re
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("PRECIS_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="session")
def precis():
    return pytest.importorskip(
        "precis", reason="the Python module was not built (configure with -DPRECIS_PYTHON=ON, as scripts/setup.sh "
                         "does, and put build/python on PYTHONPATH)")


@pytest.fixture(scope="session")
def cli():
    """Runs the precis command: (status, standard output, standard error)."""
    binary = os.environ.get("PRECIS_BINARY")
    if not binary or not os.access(binary, os.X_OK):
        pytest.skip("the precis binary is not known (PRECIS_BINARY); run the tests through ctest")

    def run(*args, stdin=None):
        done = subprocess.run([binary, *map(str, args)], input=stdin, capture_output=True, text=True,
                              cwd=SOURCE_DIR)
        return done.returncode, done.stdout, done.stderr
    return run


def story_dirs():
    return [SOURCE_DIR / "examples" / "lumen-bay-ferry",
            *sorted(p for p in (SOURCE_DIR / "tests" / "data" / "stories").iterdir() if p.is_dir())]


def articles(directory):
    """The articles of a story directory as the command reads them: its files
    by name, less README and .json files; pages as html."""
    docs = []
    for path in sorted(directory.iterdir()):
        if path.name.startswith((".", "README")) or path.suffix == ".json" or not path.is_file():
            continue
        field = "html" if path.suffix == ".html" else "text"
        docs.append({"id": path.name, field: path.read_text(encoding="utf-8")})
    return docs


def compact(value):
    """JSON as the command writes it: one line, UTF-8, no spaces."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def same_json(value, line):
    """Whether the command's JSON line holds `value`, laid out as compact()
    lays it out. Numbers are compared by value: the command writes each
    double so that it reads back exactly, but not always in the shortest
    digits Python writes (0.42801400930656047 for 0.4280140093065605)."""
    return json.loads(line) == value and _NUMBER.sub("0", compact(value)) == _NUMBER.sub("0", line)


# Invented stories for the clustering tests: each a title, the sentences its
# articles are made of, and the days it runs (from 2026-04-01).
_STORIES = [
    ("Wildfire spreads across the Brannoch hills", [
        "A wildfire in the Brannoch hills has burned through more than four thousand hectares of pine forest.",
        "Fire crews from Oldmere and Fenwick worked through the night to hold the line above the village of Carrow.",
        "Strong easterly winds pushed the flames toward the reservoir road, which police closed to traffic.",
        "Two water-bombing aircraft from the regional fire service made repeated drops on the northern flank.",
        "The Brannoch fire chief said the blaze was started by a spark from a harvester in a dry field.",
        "Residents of Carrow were told to pack their cars and be ready to leave within the hour.",
        "Smoke from the Brannoch fire drifted over Oldmere, where schools kept pupils indoors."], 0, 6),
    ("Glassworks strike halts production in Veldt", [
        "Workers at the Veldt glassworks walked out on Tuesday after talks over night-shift pay collapsed.",
        "The union says the company cut the night premium while furnace crews work longer hours.",
        "Managers at the glassworks said the furnaces would be kept hot but no bottles would be made.",
        "The strike at Veldt is the first at the plant since it opened beside the canal in 1971.",
        "Pickets gathered at the canal gate of the glassworks from six in the morning.",
        "Bottle orders for two breweries in the valley will be delayed if the walkout lasts a week."], 3, 12),
    ("Comet Haskell brightens for northern observers", [
        "Comet Haskell has brightened enough to be seen with binoculars low in the western sky after sunset.",
        "Astronomers at the Pellow observatory measured a sudden outburst of dust from the comet's nucleus.",
        "The comet will pass closest to the Sun on the twentieth and may grow a second tail.",
        "Amateur astronomers in the hills above Pellow photographed a green coma around Comet Haskell.",
        "The Pellow observatory will open its telescopes to the public on clear evenings this week.",
        "Haskell was found last year by a retired teacher searching old survey plates."], 8, 16),
    ("Tidal barrage plan for the Ormsby estuary", [
        "Engineers have proposed a tidal barrage across the Ormsby estuary to generate electricity for the coast.",
        "The barrage would carry a road between Ormsby and Saltings and hold turbines in twelve sluices.",
        "Bird groups warn that the Ormsby mudflats feed thousands of wading birds each winter.",
        "The estuary council will hold hearings on the barrage in Saltings town hall next month.",
        "Fishing crews in Ormsby fear the sluices would change the channels their boats use.",
        "Backers of the barrage say it could power forty thousand homes from the tides."], 13, 24),
    ("Rail bridge at Quenby closed after flood damage", [
        "The rail bridge at Quenby has been closed after flood water scoured the base of its central pier.",
        "Trains between Quenby and Harlow are replaced by buses while divers inspect the pier.",
        "Inspectors found that gravel beneath the Quenby bridge pier had been washed away by the flood.",
        "The rail operator said repairs to the bridge could take three weeks if the river stays low.",
        "Commuters from Quenby face journeys twice as long on the replacement buses.",
        "Divers will pour concrete around the damaged pier once the current slows."], 18, 27),
    ("Chess prodigy wins the Marrick open", [
        "Twelve-year-old Ilse Tovar won the Marrick open chess tournament with a round to spare.",
        "Tovar beat two grandmasters on her way to the Marrick title, playing the black pieces in both games.",
        "Her coach at the Marrick chess club said Tovar studies endgames for three hours a day.",
        "The Marrick open drew three hundred players from eleven countries to the old corn exchange.",
        "Tovar will now play in the national championship in the autumn.",
        "In the final round Tovar agreed a quick draw to secure first place."], 22, 30),
]

_FILLER = [
    "Officials said more details would be given at a briefing later in the day.",
    "Local radio carried updates through the afternoon.",
    "A spokesperson declined to comment further.",
]

# The parts of a sentence of each article's own (a witness and what they
# said), so that articles are not copies of one another.
_PEOPLE = ["Maren Oakes", "Tobias Lund", "Petra Vance", "Joel Ashby", "Nadia Frost", "Elias Crane", "Rosa Hale",
           "Owen Birch", "Lena Marsh", "Felix Dorne"]
_ROLES = ["a shopkeeper", "a retired nurse", "a farmer", "a student", "a bus driver", "a teacher", "a baker",
          "a local councillor"]
_SAID = ["had never seen anything like it", "wanted clearer answers from the authorities",
         "was worried about the coming weeks", "thought the response had been quick",
         "hoped things would return to normal soon", "had heard the news from a neighbour"]


def news_stream(seed=7, per_story=10):
    """A stream of invented articles on six stories over a month, in date
    order, as precis cluster reads them (id, title, date, source, url, text)."""
    import datetime
    import random
    rng = random.Random(seed)
    outlets = ["Hill Gazette", "Coastal Times", "Evening Ledger", "Morning Star Weekly", "Northern Wire"]
    articles = []
    for number, (title, sentences, first, last) in enumerate(_STORIES):
        for i in range(per_story):
            day = datetime.date(2026, 4, 1) + datetime.timedelta(days=rng.randint(first, last))
            picked = rng.sample(sentences, rng.randint(3, 5))
            own = (f"{rng.choice(_PEOPLE)}, {rng.choice(_ROLES)} who has lived nearby for {rng.randint(2, 40)} "
                   f"years, said the town {rng.choice(_SAID)}.")
            text = "\n".join(picked[:2] + [own] + picked[2:] + [rng.choice(_FILLER)])
            outlet = rng.choice(outlets)
            slug = f"s{number}-{i:02d}"
            articles.append({"id": slug, "title": title if i % 3 else picked[0][:60], "date": day.isoformat(),
                             "source": outlet, "url": f"https://example.org/{slug}", "text": text})
    articles.sort(key=lambda a: (a["date"], a["id"]))
    return articles


def pairwise_and_bcubed_f1(found, truth):
    """(pairwise F1, BCubed F1) of a clustering against another, each a dict
    article -> cluster label, over the articles of `truth`."""
    from collections import Counter
    items = list(truth)
    pairs_found = Counter(found[i] for i in items)
    pairs_truth = Counter(truth[i] for i in items)
    pairs_both = Counter((found[i], truth[i]) for i in items)
    same = lambda counts: sum(n * (n - 1) / 2 for n in counts.values())
    tp, fp_tp, fn_tp = same(pairs_both), same(pairs_found), same(pairs_truth)
    p = tp / fp_tp if fp_tp else 1.0
    r = tp / fn_tp if fn_tp else 1.0
    pairwise = 2 * p * r / (p + r) if p + r else 0.0
    bp = sum(pairs_both[(found[i], truth[i])] / pairs_found[found[i]] for i in items) / len(items)
    br = sum(pairs_both[(found[i], truth[i])] / pairs_truth[truth[i]] for i in items) / len(items)
    bcubed = 2 * bp * br / (bp + br) if bp + br else 0.0
    return pairwise, bcubed
