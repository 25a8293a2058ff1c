"""Times dateparser's search_dates over the texts of a corpus file, inside this process: the
time to import the library is measured and reported apart from the extraction time.

Usage: python bench.py CORPUS.json REPS
CORPUS.json: [{"text": "...", "dct": "YYYY-MM-DD"}, ...]
Prints one JSON object: {"peer", "load_seconds", "rep_seconds": [...], "found", "bytes"}.
"""

import time

load_start = time.perf_counter()
from dateparser.search import search_dates  # noqa: E402

# The first call loads the language data; that is start-up too, not extraction.
search_dates("on 8 January 1998", languages=["en"])
load_seconds = time.perf_counter() - load_start

import datetime  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

corpus_path, reps = sys.argv[1], max(1, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
with open(corpus_path, encoding="utf-8") as f:
    corpus = [
        (d["text"], datetime.datetime.fromisoformat(d["dct"] + "T12:00:00"))
        for d in json.load(f)
    ]
rep_seconds = []
found = 0
for _ in range(reps):
    count = 0
    start = time.perf_counter()
    for text, reference in corpus:
        # English, as the corpus is: detecting the language per text would be slower still.
        dates = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": reference})
        count += len(dates or [])
    rep_seconds.append(time.perf_counter() - start)
    found = count
print(
    json.dumps(
        {
            "peer": "dateparser",
            "load_seconds": load_seconds,
            "rep_seconds": rep_seconds,
            "found": found,
            "bytes": sum(len(t.encode("utf-8")) for t, _ in corpus),
        }
    )
)
