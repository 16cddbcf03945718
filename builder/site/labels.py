"""The Japanese words the site uses for types, relations, properties and events.

They live in `data/labels.yaml`, so a reader who finds a relation worded unnaturally can
reword it without touching code; this module loads them once and checks that every
relation's readings name the entities they must (a reading without its `{o}` would print
a relation with nobody at its other end)."""

from __future__ import annotations

import re
from typing import Self

from builder.errors import InputError
from builder.files.datafiles import DATA_DIR, load_data

PLACEHOLDER = re.compile(r"(\{[so]\})")  # {s}: the relation's subject, {o}: its object
READINGS = {"of_subject": ("subject", ("{o}",)), "of_object": ("object", ("{s}",)), "sentence": ("sentence", ("{s}", "{o}"))}


class Predicate(str):
    """A predicate's short label (the graph, the infobox, search: what the object is to the
    subject, 開発元, 子会社) that also knows how its relation reads from either end: on the
    subject's page `of_subject` ("{o}を買収"), on the object's page `of_object`
    ("{s}に買収された"), and as one sentence (`sentence`, "{s}は{o}を買収"); `inverse` is the
    short label seen from the object (what the subject is to it: 親会社, CEO). One table gives
    every page all of them, so a relation never reads backwards on the page of the thing it
    points at."""

    inverse: str
    of_subject: str
    of_object: str
    sentence: str
    role: bool

    def __new__(cls, label: str, inverse: str, of_subject: str, of_object: str, sentence: str, role: bool = False) -> Self:
        made = super().__new__(cls, label)
        made.inverse, made.of_subject, made.of_object, made.sentence, made.role = inverse, of_subject, of_object, sentence, role
        return made

    def __getnewargs__(self) -> tuple[str, str, str, str, str, bool]:  # copied and pickled whole, with every reading
        return str(self), self.inverse, self.of_subject, self.of_object, self.sentence, self.role

    def pieces(self, reading: str) -> list[str]:
        """A reading ("of_subject", "of_object", "sentence") cut into its words and its "{s}" /
        "{o}" places, for a template to put a linked name in each place."""
        return [p for p in PLACEHOLDER.split(getattr(self, reading)) if p]

    def text(self, reading: str, s: str = "", o: str = "") -> str:
        """A reading as plain text with the names filled in (a one-line description)."""
        return getattr(self, reading).replace("{s}", s).replace("{o}", o)


LABELS_FILE = DATA_DIR / "labels.yaml"
SECTIONS = ("types", "predicates", "properties", "bases", "date_from", "events")


def _predicate(name: str, entry) -> Predicate:
    if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("label", "inverse")):
        raise InputError(LABELS_FILE, None, f"predicate {name}: needs a label and an inverse, each a word")
    for attribute, (key, places) in READINGS.items():
        reading = entry.get(key)
        if not isinstance(reading, str) or any(p not in reading for p in places):
            raise InputError(LABELS_FILE, None, f"predicate {name}: {key!r} must be text containing"
                             f" {' and '.join(places)} (for {attribute})")
    return Predicate(entry["label"], entry["inverse"], entry["subject"], entry["object"], entry["sentence"],
                     bool(entry.get("role", False)))


def _sections() -> dict[str, dict]:
    data = load_data(LABELS_FILE.name)
    missing = [k for k in SECTIONS if not isinstance((data or {}).get(k), dict)]
    if missing:
        raise InputError(LABELS_FILE, None, f"missing section{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
    return data


_DATA = _sections()
TYPE_LABELS: dict[str, str] = _DATA["types"]
PREDICATE_LABELS = {name: _predicate(name, entry) for name, entry in _DATA["predicates"].items()}
PROPERTY_LABELS: dict[str, str] = _DATA["properties"]
BASIS_LABELS: dict[str, str] = _DATA["bases"]  # what a claim's number is
ROLE_PREDICATES = {p for p, label in PREDICATE_LABELS.items() if label.role}  # a person's place: 翔洋自動車の社長
DATE_FROM_LABELS: dict[str, str] = _DATA["date_from"]  # where an article's date came from
EVENT_LABELS: dict[str, str] = _DATA["events"]
