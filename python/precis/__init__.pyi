"""precis: many news articles on one story in, one short cited brief out;
a stream of articles sorted into stories; and ROUGE-1.5.5's exact figures.
See the module's docstrings (help(precis)) for the whole contract; this stub
gives the types."""

from typing import Any, Dict, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Sequence, Union

METHODS: List[str]
DEFAULT_METHOD: str

Doc = Union[str, Mapping[str, Any]]
Text = Union[str, Sequence[str]]

class Error(ValueError):
    """Bad input, with the message precis' command gives (file:line: reason)."""

class PrecisWarning(UserWarning):
    """A note the command prints on standard error: an empty brief, articles
    that are not prose, a question not used, a skipped story."""

def summarize(docs: Union[Sequence[Doc], Mapping[str, Any]], *, words: Optional[int] = ...,
              bytes: Optional[int] = ..., sentences: Optional[int] = ..., method: Optional[str] = ...,
              query: Optional[str] = ..., id: str = ..., citation_threshold: float = ..., clean: bool = ...,
              params: str = ..., max_docs: int = ..., max_story_bytes: int = ...,
              max_sentence_bytes: int = ...) -> Dict[str, Any]:
    """One story's brief: what ``precis summarize --format json`` prints, as a
    dict. ``docs``: articles (text, or dicts with text|html, id, title, date,
    source, url), or a story dict. One budget: words (default 100), bytes or
    sentences. Raises Error for bad input, ValueError for bad arguments."""

def summarize_stories(stories: Iterable[Union[str, Mapping[str, Any]]], *, threads: Optional[int] = ...,
                      on_error: str = ..., name: str = ..., words: Optional[int] = ...,
                      bytes: Optional[int] = ..., sentences: Optional[int] = ..., method: Optional[str] = ...,
                      query: Optional[str] = ..., citation_threshold: float = ..., clean: bool = ...,
                      params: str = ..., max_docs: int = ..., max_story_bytes: int = ...,
                      max_sentence_bytes: int = ...) -> Iterator[Dict[str, Any]]:
    """Many stories (dicts or JSONL lines) summarized on ``threads`` threads,
    streamed, in input order; on_error "stop" raises at a bad story (named
    name:N), "skip" warns and goes on."""

def rouge(peer: Text, refs: Union[str, Sequence[Text]], flags: Union[str, Sequence[str]] = ..., *,
          threads: int = ...) -> Dict[str, Dict[str, float]]:
    """ROUGE-1.5.5's figures for one summary: {"rouge-1": {"r", "p", "f"}, ...};
    flags are the script's (default "-n 2 -m -a")."""

def rouge_corpus(peers: Sequence[Text], refs: Sequence[Union[str, Sequence[Text]]],
                 flags: Union[str, Sequence[str]] = ..., *, ids: Optional[Sequence[str]] = ...,
                 threads: int = ...) -> Dict[str, Dict[str, Any]]:
    """ROUGE-1.5.5's averages over many summaries, with their bootstrap
    bounds ("r_ci", "p_ci", "f_ci") and each case's figures ("cases")."""

class Score(NamedTuple):
    """One ROUGE figure, as rouge-score's Score."""
    precision: float
    recall: float
    fmeasure: float

class RougeScorer:
    """rouge-score's RougeScorer shape with ROUGE-1.5.5's figures (the
    script's stemmer and exception table, 5-decimal rounding, pooled
    references); see help(precis.RougeScorer) for how they differ."""
    rouge_types: List[str]
    def __init__(self, rouge_types: Sequence[str], use_stemmer: bool = ..., split_summaries: bool = ..., *,
                 stemmer: Optional[bool] = ..., flags: Union[str, Sequence[str]] = ...) -> None: ...
    def score(self, target: Union[str, Sequence[str]], prediction: str) -> Dict[str, Score]:
        """{rouge_type: Score} of prediction against target (one reference or a list)."""

def clean(text_or_html: str, *, id: str = ..., clean: bool = ...) -> Dict[str, Any]:
    """One article cleaned as ``precis clean FILE --format json`` shows it:
    metadata, kept paragraphs (body or heading), removed lines with reasons."""

def extract(html: str, *, url: str = ...) -> Dict[str, Any]:
    """The article of an HTML page: metadata, paragraphs (body or heading), text."""

Article = Union[str, Mapping[str, Any]]

CLUSTER_DEFAULTS: Dict[str, Any]
"""precis cluster's flags with their defaults, from the library: threshold, window, min_size, reorder, clean."""
CLUSTER_OPTIONS: Dict[str, Any]
"""Every field of the library's cluster::Options with its default (for cluster(options=...))."""

def cluster(articles: Iterable[Article], *, threshold: float = ..., window: float = ..., min_size: int = ...,
            reorder: int = ..., clean: bool = ..., on_error: str = ..., threads: Optional[int] = ...,
            format: str = ..., name: str = ..., options: Optional[Mapping[str, Any]] = ...) -> List[Dict[str, Any]]:
    """A stream of articles (dicts with text|html, id, title, date, source, url; or strings) sorted into
    stories as ``precis cluster`` does: its stories ({"id": "story-N", "docs": [...]}, copies marked
    "copy_of") in the order it writes them, or with format="assignments" one {"id", "story"} per article
    in input order. Keyword arguments are the command's flags with its defaults (CLUSTER_DEFAULTS);
    options= sets other cluster::Options fields. on_error "stop" raises Error (name:N: reason), "skip"
    warns and goes on."""

class Clusterer:
    """The online clusterer: add() answers with each article's story at once (articles in date order,
    no reorder buffer); stories() shows the stories not yet taken; take_closed() hands out those idle
    past the window."""
    def __init__(self, *, threshold: float = ..., window: float = ..., clean: bool = ..., name: str = ...,
                 options: Optional[Mapping[str, Any]] = ...) -> None: ...
    def add(self, article: Article) -> str:
        """The article's story id, "story-N"; raises Error for a bad article."""
    def stories(self) -> List[Dict[str, Any]]:
        """Every story not yet taken, in order of id: {"id", "docs"}."""
    def take_closed(self) -> List[Dict[str, Any]]:
        """The stories closed since the last call, in order of closing."""
    @property
    def counts(self) -> Dict[str, int]:
        """Articles read, clustered, copies, failed; stories found, open."""
