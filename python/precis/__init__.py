"""precis: many news articles on one story in, one short cited brief out;
a stream of articles sorted into stories; and ROUGE-1.5.5's exact figures.

Every function here is the library the ``precis`` command runs, with the
command's output and messages: :func:`summarize` returns what
``precis summarize --format json`` prints, as a dict; :func:`cluster` the
stories ``precis cluster`` writes; :func:`rouge` what ``precis rouge``
computes. Bad input raises :class:`precis.Error` (a
``ValueError``) with the command's message; bad arguments raise
``ValueError``. Long calls release the GIL, so threads run in parallel, and
every function may be called from many threads at once.
"""

from __future__ import annotations

import builtins
import collections
import concurrent.futures
import json
import os
import shlex
import threading
import warnings
from typing import Any, Dict, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Sequence, Union

from . import _precis
from ._precis import Error

__all__ = [
    "Error", "PrecisWarning", "summarize", "summarize_stories", "rouge", "rouge_corpus",
    "RougeScorer", "Score", "clean", "extract", "METHODS", "DEFAULT_METHOD", "cluster", "Clusterer",
    "CLUSTER_DEFAULTS", "CLUSTER_OPTIONS",
]

METHODS: List[str] = list(_precis.method_names())
DEFAULT_METHOD: str = _precis.default_method()

_MAX_BUDGET = 1_000_000_000


class PrecisWarning(UserWarning):
    """What ``precis summarize`` says on standard error about a brief that
    was still made: an empty brief, articles that do not look like prose,
    sentences cut at ``max_sentence_bytes``, a question the brief could not
    use, a story skipped with ``on_error="skip"``."""


Doc = Union[str, Mapping[str, Any]]


def _count(name: str, value: Any, low: int, high: int = 2**63 - 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} expects a whole number, got {value!r}")
    if value < low:
        raise ValueError(f"{name} must be at least {low}, got {value}")
    if value > high:
        raise ValueError(f"{name} must be at most {high:,}, got {value}")
    return value


def _config(words: Optional[int], bytes: Optional[int], sentences: Optional[int], method: Optional[str],
            query: Optional[str], citation_threshold: float, clean: bool, params: str, max_docs: int,
            max_story_bytes: int, max_sentence_bytes: int) -> Any:
    given = [(unit, value) for unit, value in (("words", words), ("bytes", bytes), ("sentences", sentences))
             if value is not None]
    if len(given) > 1:
        raise ValueError("give only one of words=, bytes=, sentences=")
    unit, limit = given[0] if given else ("words", 100)
    _count(unit, limit, 1, _MAX_BUDGET)
    threshold = float(citation_threshold)
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"citation_threshold must be between 0 and 1, got {citation_threshold}")
    return _precis.SummarizeConfig(
        unit, limit, method or "", query, threshold, params, bool(clean),
        _count("max_docs", max_docs, 1), _count("max_story_bytes", max_story_bytes, 1),
        _count("max_sentence_bytes", max_sentence_bytes, 1))


def _warn(notes: str) -> None:
    for note in notes.splitlines():
        note = note.removeprefix("precis summarize: ").removeprefix(": ")
        warnings.warn(note, PrecisWarning, stacklevel=3)


def summarize(docs: Union[Sequence[Doc], Mapping[str, Any]], *, words: Optional[int] = None,
              bytes: Optional[int] = None, sentences: Optional[int] = None, method: Optional[str] = None,
              query: Optional[str] = None, id: str = "story", citation_threshold: float = 0.5,
              clean: bool = True, params: str = "", max_docs: int = 10000, max_story_bytes: int = 64 << 20,
              max_sentence_bytes: int = 8192) -> Dict[str, Any]:
    """Summarizes one story: its articles in, a brief whose sentences cite them out.

    ``docs`` is a list of articles, each a string (its text) or a dict with
    the fields of a story JSON document: ``text`` or ``html`` (a page, whose
    article is extracted first), and optionally ``id``, ``title``, ``date``,
    ``source`` (the outlet), ``url``. It may also be a whole story dict
    (``{"id", "query", "docs"}``), as one line of a JSONL file.

    The budget is one of ``words`` (default 100, counted as ROUGE-1.5.5's -l
    counts them), ``bytes`` or ``sentences``. ``method`` is one of
    :data:`METHODS` (default ``"precis"``); ``query`` a question the brief
    should answer (``""``: a generic brief, even for a story dict that asks
    one). The other arguments are the command's flags of the same names.

    Returns the JSON summary ``precis summarize --format json`` gives for the
    same story as a JSONL line (``"sentences"`` with their ``"citations"``,
    ``"sources"``, ``"disagreements"``, ...; see the README's JSON output).
    Notes the command prints on standard error (an empty brief, articles that
    do not look like prose) come as :class:`PrecisWarning`.

    Raises :class:`Error` for bad input (no documents, no article text, a
    story over the limits), with the command's message.
    """
    config = _config(words, bytes, sentences, method, query, citation_threshold, clean, params, max_docs,
                     max_story_bytes, max_sentence_bytes)
    story: Dict[str, Any]
    if isinstance(docs, Mapping):
        story = dict(docs)
    elif isinstance(docs, (str, builtins.bytes)):
        raise TypeError("docs: give a list of articles (one string is one article: [text])")
    else:
        story = {"id": id, "docs": list(docs)}
    story.setdefault("id", id)
    try:
        line, notes, _ = config.summarize(json.dumps(story, ensure_ascii=False), "", 0)
    except Error as error:
        # One story has no file and line to name: the message alone.
        raise Error(str(error).removeprefix(": ")) from None
    _warn(notes)
    return json.loads(line)


def summarize_stories(stories: Iterable[Union[str, Mapping[str, Any]]], *, threads: Optional[int] = None,
                      on_error: str = "stop", name: str = "stories", words: Optional[int] = None,
                      bytes: Optional[int] = None, sentences: Optional[int] = None, method: Optional[str] = None,
                      query: Optional[str] = None, citation_threshold: float = 0.5, clean: bool = True,
                      params: str = "", max_docs: int = 10000, max_story_bytes: int = 64 << 20,
                      max_sentence_bytes: int = 8192) -> Iterator[Dict[str, Any]]:
    """Summarizes many stories on ``threads`` threads (default: all cores),
    yielding their summaries in input order, as ``precis summarize
    STORIES.jsonl`` writes them.

    ``stories`` is any iterable of story dicts (``{"id", "query", "docs"}``)
    or of JSONL lines (blank lines are skipped, and counted). It is read as
    the summaries are consumed: a few stories per thread are held, never the
    whole input. A bad story is named ``name:N`` (N counts the stories from
    1, as a file's lines): ``on_error="stop"`` raises :class:`Error` there,
    after yielding the summaries before it; ``"skip"`` warns
    (:class:`PrecisWarning`) and goes on. ``query`` replaces each story's own
    question (``""``: generic briefs). The other arguments are those of
    :func:`summarize`.
    """
    if on_error not in ("stop", "skip"):
        raise ValueError(f"on_error must be stop or skip, got {on_error!r}")
    config = _config(words, bytes, sentences, method, query, citation_threshold, clean, params, max_docs,
                     max_story_bytes, max_sentence_bytes)
    workers = _count("threads", threads, 1, 4096) if threads is not None else (os.cpu_count() or 1)

    def outcome(future: "concurrent.futures.Future[Any]") -> Iterator[Dict[str, Any]]:
        try:
            line, notes, _ = future.result()
        except Error as error:
            if on_error == "stop":
                raise
            warnings.warn(f"{error} (skipped)", PrecisWarning, stacklevel=3)
            return
        _warn(notes)
        yield json.loads(line)

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        pending: "collections.deque[concurrent.futures.Future[Any]]" = collections.deque()
        try:
            for number, story in enumerate(stories, 1):
                line = story if isinstance(story, str) else json.dumps(story, ensure_ascii=False)
                if not line.strip():
                    continue
                pending.append(pool.submit(config.summarize, line, name, number))
                if len(pending) >= 2 * workers:
                    yield from outcome(pending.popleft())
            while pending:
                yield from outcome(pending.popleft())
        finally:
            for future in pending:
                future.cancel()


# ROUGE ---------------------------------------------------------------------

Text = Union[str, Sequence[str]]


def _units(text: Text) -> List[str]:
    # A string is one unit; the reader splits it at line ends, as a summary
    # file holds one sentence per line.
    return [text] if isinstance(text, str) else list(text)


def _refs(refs: Union[str, Sequence[Text]]) -> List[List[str]]:
    return [_units(refs)] if isinstance(refs, str) else [_units(r) for r in refs]


def _flags(flags: Union[str, Sequence[str]]) -> List[str]:
    return shlex.split(flags) if isinstance(flags, str) else list(flags)


def _rouge_document(cases: List[Dict[str, Any]], flags: Union[str, Sequence[str]], threads: int) -> Dict[str, Any]:
    lines = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)
    document, notes = _precis.rouge_json(lines, _flags(flags), threads)
    for note in notes:
        warnings.warn(note, PrecisWarning, stacklevel=3)
    return json.loads(document)


def _metric_key(name: str) -> str:
    return name.lower()  # "ROUGE-1" -> "rouge-1", "ROUGE-SU4" -> "rouge-su4"


def rouge(peer: Text, refs: Union[str, Sequence[Text]], flags: Union[str, Sequence[str]] = "-n 2 -m -a", *,
          threads: int = 1) -> Dict[str, Dict[str, float]]:
    """ROUGE-1.5.5's figures for one summary against its references.

    ``peer`` is the summary: a string (each line one sentence, as in the
    script's SPL files) or a list of sentences. ``refs`` is one reference
    (a string) or a list of them, each a string or a list of sentences.
    ``flags`` are the script's (``"-n 2 -m -a"``: ROUGE-1, ROUGE-2 and
    ROUGE-L, stemmed; ``-s`` removes stopwords, ``-l 100`` cuts at 100
    words, ``-f B`` takes the best reference instead of pooling them, ...).

    Returns ``{"rouge-1": {"r": ..., "p": ..., "f": ...}, "rouge-2": ...,
    "rouge-l": ...}``: the script's per-case figures (rounded to 5 decimals,
    as it prints them), equal to ``precis rouge`` on the same summaries.
    """
    document = _rouge_document([{"id": "1", "peer": _units(peer), "models": _refs(refs)}], flags, threads)
    out: Dict[str, Dict[str, float]] = {}
    for metric in document["peers"][0]["metrics"]:
        case = metric["cases"][0]
        out[_metric_key(metric["metric"])] = {"r": case["R"], "p": case["P"], "f": case["F"]}
    return out


def rouge_corpus(peers: Sequence[Text], refs: Sequence[Union[str, Sequence[Text]]],
                 flags: Union[str, Sequence[str]] = "-n 2 -m -a", *, ids: Optional[Sequence[str]] = None,
                 threads: int = 0) -> Dict[str, Dict[str, Any]]:
    """ROUGE-1.5.5's averages and confidence bounds over many summaries.

    ``peers[i]`` is scored against ``refs[i]`` (each as in :func:`rouge`);
    ``ids`` name the cases (default ``"1"``, ``"2"``, ...: the script
    resamples cases in the order of their ids as strings, so the bounds
    depend on them). Scoring runs on ``threads`` threads (0: all cores).

    Returns, per metric, ``{"r", "p", "f"}`` (the averages the script
    prints), ``"r_ci"``, ``"p_ci"``, ``"f_ci"`` (the bootstrap bounds, 95%
    unless ``-c`` says otherwise) and ``"cases"``: each case's
    ``{"case", "r", "p", "f"}``. With ``-t 2`` the averages are the pooled
    ``model_count``, ``peer_count`` and ``hit_count``.
    """
    if len(peers) != len(refs):
        raise ValueError(f"peers and refs differ in length: {len(peers)} and {len(refs)}")
    if ids is None:
        ids = [str(i + 1) for i in range(len(peers))]
    elif len(ids) != len(peers):
        raise ValueError(f"ids and peers differ in length: {len(ids)} and {len(peers)}")
    cases = [{"id": str(i), "peer": _units(p), "models": _refs(r)} for i, p, r in zip(ids, peers, refs)]
    document = _rouge_document(cases, flags, threads)
    out: Dict[str, Dict[str, Any]] = {}
    for metric in document["peers"][0]["metrics"] if document["peers"] else []:
        entry = {k.lower(): v for k, v in metric.items() if k not in ("metric", "cases")}
        entry["cases"] = [{k.lower(): v for k, v in case.items()} for case in metric["cases"]]
        out[_metric_key(metric["metric"])] = entry
    return out


class Score(NamedTuple):
    """One ROUGE figure, as rouge-score's ``Score``."""
    precision: float
    recall: float
    fmeasure: float


class RougeScorer:
    """A scorer shaped like rouge-score's ``rouge_scorer.RougeScorer``, with
    ROUGE-1.5.5's figures, for code moving from rouge-score::

        scorer = precis.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
        scorer.score(target, prediction)["rouge1"].fmeasure

    ``rouge_types``: ``"rouge1"`` to ``"rouge9"``, ``"rougeL"`` (the longest
    common subsequence of the whole texts, line ends ignored) and
    ``"rougeLsum"`` (the script's summary-level ROUGE-L: one sentence per
    line, the union LCS of each reference sentence with the summary's).
    ``use_stemmer`` (or ``stemmer``) is the script's ``-m``; ``flags`` adds
    more of its flags (``"-s"``: remove stopwords, ``"-l 100"``).

    How its figures differ from rouge-score's, and why: they are the
    figures of the script that papers report, which rouge-score
    re-implements only approximately.

    - Stemming: the script's own Porter variant, after WordNet 2.0's
      exception table (irregular forms: "went" counts as "go"), for tokens
      longer than 3 bytes; rouge-score uses NLTK's Porter
      stemmer and no exception table, so some words stem differently.
    - Rounding: recall and precision are rounded to 5 decimals, as the
      script prints them, before F is computed from them.
    - Several references (``target`` a list of strings): their counts are
      pooled as the script's ``-f A`` does (``flags="-f B"``: the reference
      with the best recall); rouge-score scores one target, and its
      ``score_multi`` keeps the reference with the best F.
    - Tokens: both keep runs of ASCII letters and digits, lowercased; so
      "café" gives "caf" in both.
    ``split_summaries`` is not supported: give ``rougeLsum`` one sentence per
    line.
    """

    def __init__(self, rouge_types: Sequence[str], use_stemmer: bool = False, split_summaries: bool = False,
                 *, stemmer: Optional[bool] = None, flags: Union[str, Sequence[str]] = "") -> None:
        if split_summaries:
            raise ValueError("split_summaries is not supported: give rougeLsum one sentence per line")
        self.rouge_types = list(rouge_types)
        self._ngrams = 0
        for rouge_type in self.rouge_types:
            if rouge_type in ("rougeL", "rougeLsum"):
                continue
            if len(rouge_type) == 6 and rouge_type.startswith("rouge") and rouge_type[5] in "123456789":
                self._ngrams = max(self._ngrams, int(rouge_type[5]))
            else:
                raise ValueError(f"Invalid rouge type: {rouge_type}")
        stem = use_stemmer if stemmer is None else stemmer
        self._flags = (["-m"] if stem else []) + _flags(flags)

    def _scores(self, targets: List[str], prediction: str, lines: bool, lcs: bool) -> Dict[str, Dict[str, float]]:
        def units(text: str) -> List[str]:
            return [s for s in text.split("\n") if s.strip()] if lines else [text.replace("\n", " ")]
        flags = ["-n", str(0 if lines else self._ngrams)] + ([] if lcs else ["-x"]) + self._flags
        return rouge(units(prediction), [units(t) for t in targets], flags)

    def score(self, target: Union[str, Sequence[str]], prediction: str) -> Dict[str, Score]:
        """The figures of ``prediction`` against ``target`` (a reference, or a
        list of them), as ``{rouge_type: Score(precision, recall, fmeasure)}``."""
        targets = [target] if isinstance(target, str) else list(target)
        found: Dict[str, Dict[str, float]] = {}
        plain = [t for t in self.rouge_types if t != "rougeLsum"]
        if plain:
            for key, value in self._scores(targets, prediction, False, "rougeL" in plain).items():
                found["rougeL" if key == "rouge-l" else key.replace("-", "")] = value
        if "rougeLsum" in self.rouge_types:
            found["rougeLsum"] = self._scores(targets, prediction, True, True)["rouge-l"]
        return {t: Score(found[t]["p"], found[t]["r"], found[t]["f"]) for t in self.rouge_types}


# Cleaning and extraction ---------------------------------------------------


def clean(text_or_html: str, *, id: str = "", clean: bool = True) -> Dict[str, Any]:
    """Cleans one article as ``precis clean FILE --format json`` shows it.

    ``text_or_html`` is an article's text or an HTML page (recognised by its
    markup, or by ``id`` as a file name ending in ``.html``); a page's
    article is extracted first. Returns ``{"id", "title", "date", "author",
    "source", "url", "language", "title_line", "date_line", "paragraphs":
    [{"text", "kind": "body"|"heading", "line"}], "removed": [{"line",
    "text", "reason"}]}``: what was kept, and each line removed as page junk
    with the reason. ``clean=False`` removes nothing (as ``--no-clean``).
    """
    return _precis.clean(text_or_html, id, bool(clean))


def extract(html: str, *, url: str = "") -> Dict[str, Any]:
    """The article of an HTML page: ``{"title", "date", "author", "source"
    (the outlet), "url", "language", "id", "paragraphs": [{"text", "kind":
    "body"|"heading"}], "text"}`` (``text``: the paragraphs, one per line).
    Broken markup never fails; a page without an article has no paragraphs.
    ``url``, when given, is the page's address (the outlet may be named from
    its domain)."""
    return _precis.extract(html, url)


# Clustering ------------------------------------------------------------------

# The defaults of precis cluster's flags (threshold, window, min_size,
# reorder, clean) and of every field of the library's cluster::Options, read
# from the library: the defaults are stated there once.
_flags_defaults, _options_defaults = _precis.cluster_defaults()
CLUSTER_DEFAULTS: Dict[str, Any] = dict(_flags_defaults)
CLUSTER_OPTIONS: Dict[str, Any] = dict(_options_defaults)

# Articles cleaned and analysed together, as precis cluster reads them.
_CLUSTER_BLOCK = 256

Article = Union[str, Mapping[str, Any]]


def _article_line(article: Any, number: int) -> str:
    if isinstance(article, str):
        return json.dumps({"text": article}, ensure_ascii=False)
    if isinstance(article, Mapping):
        return json.dumps(dict(article), ensure_ascii=False)
    raise TypeError(f"article {number}: give a dict or a string (its text), got {type(article).__name__}")


def _cluster_stream(threshold: float, window: float, min_size: int, reorder: int, clean: bool,
                    options: Optional[Mapping[str, Any]], threads: Optional[int], keep_docs: bool) -> Any:
    fields = dict(options or {})
    for field, argument in (("threshold", "threshold"), ("window_days", "window")):
        if field in fields:
            raise ValueError(f"options: give {field} as {argument}=")
    for name, value in (("threshold", threshold), ("window", window)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{name} expects a number, got {value!r}")
    fields["threshold"] = float(threshold)
    fields["window_days"] = float(window)
    workers = _count("threads", threads, 1, 4096) if threads is not None else (os.cpu_count() or 1)
    return _precis.ClusterStream(fields, _count("min_size", min_size, 1), reorder, bool(clean), keep_docs, workers)


def _story(name: str, docs: List[str]) -> Dict[str, Any]:
    return {"id": name, "docs": [json.loads(doc) for doc in docs]}


def cluster(articles: Iterable[Article], *, threshold: float = CLUSTER_DEFAULTS["threshold"],
            window: float = CLUSTER_DEFAULTS["window"], min_size: int = CLUSTER_DEFAULTS["min_size"],
            reorder: int = CLUSTER_DEFAULTS["reorder"], clean: bool = CLUSTER_DEFAULTS["clean"],
            on_error: str = "stop", threads: Optional[int] = None, format: str = "stories",
            name: str = "articles", options: Optional[Mapping[str, Any]] = None) -> List[Dict[str, Any]]:
    """Sorts a stream of articles into stories, as ``precis cluster`` does.

    ``articles`` is any iterable of articles, each a dict with the fields of
    a line of ``precis cluster``'s JSONL input (``text`` or ``html``, and
    ``id``, ``title``, ``date``, ``source``, ``url``, ``author``,
    ``language``; a dict ``{"id", "docs": [...]}`` gives a story's articles)
    or a string (an article's text). An article without ``id`` is named by
    its place in the stream, from 1, as the command names it by its line.
    Articles are cleaned as ``precis summarize`` cleans them (``clean=False``:
    as ``--no-clean``) on ``threads`` threads (default: all cores), then
    taken in order of their dates through a buffer of ``reorder`` articles.

    The keyword arguments are the command's flags, with its defaults
    (:data:`CLUSTER_DEFAULTS`): ``threshold`` (``--threshold``), ``window``
    (``--window``, days), ``min_size`` (``--min-size``), ``reorder``,
    ``clean``, ``on_error``. ``options`` sets any other field of the
    library's ``cluster::Options`` by its name (:data:`CLUSTER_OPTIONS`
    lists them with their defaults), e.g. ``{"word_key_bytes": 6}``.

    Returns what the command writes: with ``format="stories"`` the stories
    of ``min_size`` articles or more, in the order it writes them (as they
    close), each ``{"id": "story-N", "docs": [...]}`` with the docs as read
    (``title`` and ``date`` completed by cleaning) and ``"copy_of"`` on
    copies; with ``format="assignments"``, one ``{"id", "story"}`` (and
    ``"copy_of"``) per article clustered, in input order.

    A bad article (not a dict, invalid, no text once cleaned) is named
    ``name:N``: ``on_error="stop"`` raises :class:`Error` with the command's
    message; ``"skip"`` warns (:class:`PrecisWarning`) and goes on. Bad
    arguments raise ``ValueError``. The work runs without the GIL.
    """
    if on_error not in ("stop", "skip"):
        raise ValueError(f"on_error must be stop or skip, got {on_error!r}")
    if format not in ("stories", "assignments"):
        raise ValueError(f"format must be stories or assignments, got {format!r}")
    stream = _cluster_stream(threshold, window, min_size, _count("reorder", reorder, 1), clean, options, threads,
                             format == "stories")
    stories: List[Dict[str, Any]] = []
    placed: Dict[int, Dict[str, Any]] = {}

    def drain() -> None:
        stories.extend(_story(name, docs) for name, docs, _ in stream.take_stories())
        for seq, article_id, story, copy_of in stream.take_placed():
            if format == "assignments":
                # The command's keys, in its order.
                placed[seq] = {"id": article_id, "story": story} if copy_of is None else \
                    {"copy_of": copy_of, "id": article_id, "story": story}

    def add(batch: List[Any]) -> None:
        for _, _, _, error in stream.add_lines(batch, name):
            if not error:
                continue
            if on_error == "stop":
                raise Error(error)
            warnings.warn(f"{error} (skipped)", PrecisWarning, stacklevel=3)
        drain()

    batch: List[Any] = []
    for number, article in enumerate(articles, 1):
        batch.append((_article_line(article, number), number, []))
        if len(batch) >= _CLUSTER_BLOCK:
            add(batch)
            batch = []
    if batch:
        add(batch)
    stream.finish()
    drain()
    return stories if format == "stories" else [placed[seq] for seq in sorted(placed)]


class Clusterer:
    """The online clusterer, one article at a time::

        clusterer = precis.Clusterer(threshold=0.2)
        for article in feed:                  # in order of their dates
            story = clusterer.add(article)    # "story-3": at once, never revised
        for story in clusterer.take_closed(): # stories idle past the window
            ...

    Each article is cleaned and clustered as :func:`cluster` does, but as it
    comes: there is no reorder buffer, so give the articles in order of
    their dates (an earlier article is compared at its own date, and never
    moves the stream's clock back). The keyword arguments are those of
    :func:`cluster`. A story closes when it has had no article for
    ``window`` days of stream time; :meth:`take_closed` hands closed stories
    out (and forgets them), :meth:`stories` shows every story not yet taken.
    Safe to share between threads; the work runs without the GIL.
    """

    def __init__(self, *, threshold: float = CLUSTER_DEFAULTS["threshold"],
                 window: float = CLUSTER_DEFAULTS["window"], clean: bool = CLUSTER_DEFAULTS["clean"],
                 name: str = "articles", options: Optional[Mapping[str, Any]] = None) -> None:
        self._stream = _cluster_stream(threshold, window, 1, 0, clean, options, 1, True)
        self._name = name
        self._lock = threading.Lock()
        self._added = 0
        self._closed: List[Dict[str, Any]] = []

    def add(self, article: Article) -> str:
        """Clusters one article (a dict or its text): returns its story's id,
        ``"story-N"`` (new stories are numbered 1, 2, 3... in order). Raises
        :class:`Error` for a bad article (named ``name:N``, N counting the
        articles added from 1), which joins no story."""
        if isinstance(article, Mapping) and "docs" in article:
            raise TypeError("add() takes one article: add a story's docs one by one")
        with self._lock:
            self._added += 1
            ((_, _, _, error),) = self._stream.add_lines([(_article_line(article, self._added), self._added, [])],
                                                          self._name)
            placed = self._stream.take_placed()
            self._closed.extend(_story(name, docs) for name, docs, _ in self._stream.take_stories())
        if error:
            raise Error(error)
        return placed[-1][2]

    def stories(self) -> List[Dict[str, Any]]:
        """Every story not yet taken, closed or open, in order of id, as
        :func:`cluster` returns them (``{"id", "docs"}``)."""
        with self._lock:
            found = self._closed + [_story(name, docs) for name, docs, _ in self._stream.open_stories()]
        return sorted(found, key=lambda story: int(story["id"].removeprefix("story-")))

    def take_closed(self) -> List[Dict[str, Any]]:
        """The stories closed (idle longer than ``window`` days) since the
        last call, in order of closing; the clusterer forgets them."""
        with self._lock:
            closed, self._closed = self._closed, []
        return closed

    @property
    def counts(self) -> Dict[str, int]:
        """Articles read, clustered, copies, failed; stories found, open."""
        with self._lock:
            counts = self._stream.counts()
        return {k: counts[k] for k in ("read", "clustered", "copies", "failed", "stories", "open")}
