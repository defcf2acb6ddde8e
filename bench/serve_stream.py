#!/usr/bin/python3
"""A generated stream of articles for loading precis serve: N articles on K
topics (six sentences each: four of the topic's words, eight common words and
one of its names), dated over February 2026 (or over DAYS days from
2026-02-01), from 20 outlets. Deterministic.

  bench/serve_stream.py 10000 300 > stream.jsonl
  bench/serve_stream.py 100000 3000 365 > stream.jsonl
"""
import datetime
import json
import random
import sys

random.seed(7)
n = int(sys.argv[1])
stories = int(sys.argv[2])
days = int(sys.argv[3]) if len(sys.argv) > 3 else 28
first_day = datetime.date(2026, 2, 1)
common = [f"w{i}" for i in range(3000)]
for i in range(n):
    s = random.randrange(stories)
    topic = [f"s{s}t{j}" for j in range(12)]
    names = [f"Name{s}x{j}" for j in range(3)]
    sents = []
    for k in range(6):
        words = random.sample(topic, 4) + random.sample(common, 8)
        random.shuffle(words)
        sents.append(random.choice(names) + " " + " ".join(words) + ".")
    day = first_day + datetime.timedelta(days=i * days // n)
    print(json.dumps({"id": f"g{i}", "title": " ".join(random.sample(topic, 5)), "date": day.isoformat(),
                      "source": f"Outlet {random.randrange(20)}", "url": f"https://example.org/g{i}",
                      "text": "\n".join(sents)}))
