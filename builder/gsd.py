"""UD Japanese GSD's dependency trees, as chunks and the chunk each depends on: what the
clause layer (analyze/clauses.py) learns from and is scored on (`make model`, `make eval`).

The CoNLL-U files of the dev and test parts (../shared/data/ud-japanese-gsd/, CC BY-SA 4.0)
mark each word's bunsetsu (`BunsetuBILabel`) and its head word. A chunk's head is the chunk
holding the head of its own head word (`BunsetuPositionType` SEM_HEAD, or the one word whose
head lies outside it). The sentences are split by a hash of their id: a third are the *score*
part, never trained or tuned on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from builder.analyze import clauses
from builder.analyze.tokens import Token, tokenize
from builder.errors import InputError

FILES = ("ja_gsd-ud-dev.ne.conllu", "ja_gsd-ud-test.ne.conllu")


@dataclass
class Sentence:
    id: str
    text: str
    chunks: list[tuple[int, int]]  # character spans
    heads: list[int]  # the chunk each depends on, -1 for the root

    @property
    def part(self) -> str:
        return "score" if int(hashlib.sha1(self.id.encode()).hexdigest(), 16) % 3 == 0 else "tune"


def read(folder: Path) -> list[Sentence]:
    out = []
    for name in FILES:
        path = folder / name
        if not path.is_file():
            raise InputError(path, None, "not found (UD Japanese GSD with dependency trees; see README)")
        out += _sentences(path)
    return out


def _sentences(path: Path) -> list[Sentence]:
    found, sid, text, words = [], "", "", []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("# sent_id"):
            sid = line.split("=", 1)[1].strip()
        elif line.startswith("# text"):
            text = line.split("=", 1)[1].strip()
        elif not line:
            if words:
                found.append(_sentence(sid, text, words))
            words = []
        elif not line.startswith("#"):
            f = line.split("\t")
            if f[0].isdigit():
                misc = dict(kv.split("=", 1) for kv in f[9].split("|") if "=" in kv)
                words.append((int(f[0]), f[1], int(f[6]), misc.get("BunsetuBILabel"), misc.get("BunsetuPositionType")))
    return found


def _sentence(sid: str, text: str, words: list[tuple]) -> Sentence:
    spans, of, groups, at = [], {}, [], 0
    for wid, form, head, bi, position in words:
        start = text.find(form, at)
        at = start + len(form)
        if bi == "B" or not groups:
            groups.append([])
            spans.append([start, at])
        groups[-1].append((wid, head, position))
        spans[-1][1] = at
        of[wid] = len(groups) - 1
    heads = []
    for group in groups:
        inside = {w for w, _, _ in group}
        outside = [(h, p) for _, h, p in group if h not in inside]
        h = next((h for h, p in outside if p in ("SEM_HEAD", "ROOT")), outside[0][0] if outside else 0)
        heads.append(of[h] if h else -1)
    return Sentence(sid, text, [tuple(s) for s in spans], heads)


def split(sentences: list[Sentence], wanted: str) -> list[Sentence]:
    return [s for s in sentences if s.part == wanted]


def token_chunks(tokens: list[Token], spans: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """The gold chunks as (first, end) token indices; None where one starts or ends inside a token."""
    first = {t.start: k for k, t in enumerate(tokens)}
    end = {t.end: k + 1 for k, t in enumerate(tokens)}
    out = [(first.get(a), end.get(b)) for a, b in spans]
    return None if any(a is None or b is None or a >= b for a, b in out) else out


@dataclass
class Scores:
    chunks_gold: int = 0
    chunks_found: int = 0
    chunks_right: int = 0
    heads: int = 0  # chunks that depend on another, in the gold
    heads_right: int = 0  # …found as a chunk of the same span, depending on the chunk of the gold head's span
    heads_given_chunks: int = 0  # …right when the parser is given the gold chunks

    def figures(self) -> dict[str, float]:
        p = self.chunks_right / self.chunks_found if self.chunks_found else 0.0
        r = self.chunks_right / self.chunks_gold if self.chunks_gold else 0.0
        return {"chunks.precision": p, "chunks.recall": r, "chunks.f1": 2 * p * r / (p + r) if p + r else 0.0,
                "heads.accuracy": self.heads_right / self.heads if self.heads else 0.0,
                "heads.given_chunks": self.heads_given_chunks / self.heads if self.heads else 0.0}


def score(sentences: list[Sentence], model: clauses.Model) -> Scores:
    s = Scores()
    for sentence in sentences:
        tokens = tokenize(sentence.text)
        found = clauses.chunk(tokens, model)
        _, heads = clauses.parse_chunks(tokens, found, model)
        spans = [(tokens[a].start, tokens[b - 1].end) for a, b in found]
        found_head = {spans[k]: spans[h] if h >= 0 else None for k, h in enumerate(heads)}
        s.chunks_gold += len(sentence.chunks)
        s.chunks_found += len(found)
        s.chunks_right += len(set(spans) & set(sentence.chunks))
        gold = token_chunks(tokens, sentence.chunks)
        given = clauses.parse_chunks(tokens, gold, model)[1] if gold else None
        for k, h in enumerate(sentence.heads):
            if h < 0:
                continue
            s.heads += 1
            s.heads_right += found_head.get(sentence.chunks[k], False) == sentence.chunks[h]
            s.heads_given_chunks += given is not None and given[k] == h
    return s


def table(name: str, s: Scores) -> str:
    f = s.figures()
    return "\n".join([f"== {name}", f"chunks: P {f['chunks.precision']:.3f} R {f['chunks.recall']:.3f} F1 {f['chunks.f1']:.3f}"
                      f" ({s.chunks_gold} gold, {s.chunks_found} found)",
                      f"heads: {f['heads.accuracy']:.3f} of {s.heads} chunks right (chunks and head found);"
                      f" {f['heads.given_chunks']:.3f} given the gold chunks"])
