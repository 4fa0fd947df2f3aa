"""Typed entity mentions from a parsed block: gazetteer first, the model's NER corrected."""

from __future__ import annotations

from dataclasses import replace

from rigour.names import remove_person_prefixes
from rigour.text import levenshtein
from spacy.tokens import Doc, Span

from tracewire.extract.acronyms import apply_acronyms
from tracewire.extract.anaphora import add_anaphors
from tracewire.extract.bodies import add_bodies
from tracewire.extract.context import Candidate, DocumentContext, is_subject
from tracewire.extract.descriptors import (
    ORG_TYPES,
    descriptor_candidates,
    descriptor_type,
    looks_like_name,
    modified_type,
    modifies,
)
from tracewire.extract.nlp import GAZETTEER_SPANS
from tracewire.ontology import Gazetteer, PartyCues, TypeRules, load_party_cues
from tracewire.ontology.gazetteer import GazetteerEntry, normalise_name, slug
from tracewire.records import EntityType, Mention

__all__ = ["Candidate", "DocumentContext", "find_candidates", "is_subject", "to_mention"]

# Tokens trimmed from the edges of a model span: "the", possessive "'s", punctuation.
EDGE_POS = {"DET", "PUNCT", "PART", "SPACE", "CCONJ", "ADP"}
# Model labels worth correcting with the type rules; others are taken as they are.
NAME_LABELS = {"ORG", "PERSON", "GPE", "LOC", "FAC", "LAW", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def is_headline(doc: Doc) -> bool:
    """A title or caption line: no sentence punctuation, mostly capitalised words."""
    if doc.text.rstrip()[-1:] in ".!?\"”'":  # most blocks: no need to look at the words
        return False
    words = [t for t in doc if t.is_alpha]
    if len(words) < 2:
        return False
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return capitalised / len(words) >= 0.6


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].pos_ in EDGE_POS or doc[start].lower_ == "the"):
        start += 1
    while end > start and (doc[end - 1].pos_ in EDGE_POS or doc[end - 1].text in {"'s", "’s"}):
        end -= 1
    # "fined the vendor Altheron 4 million francs": the model ran the name into the sum
    # after it; a name may end in a number ("Qihoo 360") or a small word ("Mao Tse-tung"),
    # not in a number and the common noun it counts
    tail = end
    while tail > start and (doc[tail - 1].is_lower or doc[tail - 1].like_num):
        tail -= 1
    if end > start and doc[end - 1].is_lower and any(doc[i].like_num for i in range(tail, end)):
        end = tail
    return doc[start:end] if end > start else None


def _before_place(span: Span, gazetteer: Gazetteer) -> Span:
    """ "Korvan, Mali" (of "the firm Korvan, Mali's army ..."): the model ran a name into
    the place after its comma; the name ends at the comma."""
    comma = next((t.i for t in span if t.text == ","), None)
    if comma is None or comma == span.start or comma + 1 >= span.end:
        return span
    rest = span.doc[comma + 1 : span.end]
    return span.doc[span.start : comma] if gazetteer.lookup(rest.text) else span


def _extend(span: Span, label: str, rules: TypeRules) -> Span:
    """ "Sara Aleksandra" of "Sara Aleksandra Fayssal Hamou": a person span whose last word
    is a compound of a proper noun further right takes the capitalised proper nouns up to
    that head, when they are no other entity or a person span the model cut from the same
    name ("Ana Lucia" + "Ferreira Monteiro"), and no title."""
    doc = span.doc
    last = doc[span.end - 1]
    head = last.head
    if label != "PERSON":
        return span  # "Commerce" of "Commerce Secretary X" is the department, not cut short
    if last.dep_ not in {"compound", "nmod"} or head.i < span.end or head.pos_ != "PROPN":
        return span
    words = doc[span.end : head.i + 1]
    if all(
        t.pos_ == "PROPN"
        and t.text[:1].isupper()
        and t.ent_type_ in {"", "PERSON"}
        and rules.from_descriptor(t.lemma_) is None  # "Xi Jinping" before "President"
        for t in words
    ):
        return doc[span.start : head.i + 1]
    return span


def _model_type(span: Span, label: str, rules: TypeRules) -> EntityType | None:
    base = rules.from_label(label)
    if label not in NAME_LABELS:
        return base
    by_descriptor = descriptor_type(span, rules)
    if by_descriptor is not None:
        return by_descriptor
    words = [t.text for t in span if not t.is_punct]
    by_words = rules.from_words(words)
    if by_words is not None and label in {"ORG", "FAC", "LAW", "PERSON", "GPE"}:
        return by_words
    if label in PLACE_LABELS:
        return base  # "a Dubai distribution company": the place where it is, not its name
    return modified_type(span, rules) or base


def gazetteer_candidates(doc: Doc, gazetteer: Gazetteer) -> list[Candidate]:
    """Gazetteer matches, longest first where they overlap."""
    spans = sorted(doc.spans[GAZETTEER_SPANS], key=lambda s: (-(s.end - s.start), s.start))
    taken: set[int] = set()
    found: list[Candidate] = []
    for span in spans:
        if taken.intersection(range(span.start, span.end)):
            continue
        key, _, form = span.id_.partition("#")
        entry = gazetteer.entries[key]
        taken.update(range(span.start, span.end))
        found.append(Candidate(span, entry.type, key, entry.name, form, "gazetteer", entry.qid))
    return found


def model_candidates(
    doc: Doc, gazetteer: Gazetteer, rules: TypeRules, context: DocumentContext
) -> list[Candidate]:
    """The model's entities, trimmed, filtered and re-typed by the rules."""
    headline = is_headline(doc)
    found: list[Candidate] = []
    read_to = 0  # the end of the last span read: a span it took in is read with it
    for ent in doc.ents:
        span = _trim(ent)
        if span is not None:
            span = _extend(_before_place(span, gazetteer), ent.label_, rules)
        if span is None or span.start < read_to or not looks_like_name(span):
            continue
        read_to = span.end
        name = span.text
        if normalise_name(name) in rules.stop_names:
            continue
        if headline and not (ent.label_ == "PERSON" and len(span) > 1):
            continue
        hit = gazetteer.lookup(name)
        if hit is not None:
            entry, form = hit
            found.append(Candidate(span, entry.type, entry.key, entry.name, form, "gazetteer"))
            continue
        bare = remove_person_prefixes(name) or name  # "Dr Magufuli", "Mr Jinlong"
        single_word = len(bare.split()) == 1
        surname = context.persons.get(normalise_name(bare)) if single_word else None
        if surname is not None:
            found.append(
                Candidate(span, EntityType.PERSON, surname[0], surname[1], "surname", "rule")
            )
            continue
        state = misspelt_country(name, gazetteer) if ent.label_ in {"GPE", "LOC"} else None
        if state is not None:  # "Kyrgyztan"
            found.append(Candidate(span, state.type, state.key, state.name, "typo", "rule"))
            continue
        earlier = context.short_forms.get(normalise_name(name)) if single_word else None
        if earlier is not None:  # "Chengdu" after "Chengdu Beizhan Electronics"
            found.append(replace(earlier, span=span, form="short"))
            continue
        known = context.names.get(normalise_name(name))
        if known is not None:  # "Volkhov Aero", typed by "Russian manufacturer" before
            found.append(replace(known, span=span, form="name"))
            continue
        kind = _model_type(span, ent.label_, rules)
        if kind is None:
            continue
        origin = "model" if kind == rules.from_label(ent.label_) else "rule"
        key = f"{kind.value.lower()}:{slug(name)}"
        cand = Candidate(span, kind, key, name, "name", origin)
        remember_person(context, cand)
        remember_short_forms(context, cand, rules)
        remember_name(context, cand)
        found.append(cand)
    return found


def remember_name(context: DocumentContext, cand: Candidate) -> None:
    """Record a name the rules typed from what the text says of it (a descriptor, a
    trade word): said again in the document, it is the same entity, whatever the
    model's label there."""
    if cand.origin == "rule" and cand.form == "name":
        context.names.setdefault(normalise_name(cand.span.text), cand)


def short_form_candidates(doc: Doc, taken: set[int], context: DocumentContext) -> list[Candidate]:
    """Proper nouns the model passed over that repeat the first word of a company named
    earlier in the document ("Chengdu made the list" after "Chengdu Beizhan Electronics")."""
    found = []
    for token in doc:
        if token.i in taken or token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        earlier = context.short_forms.get(normalise_name(token.text))
        if earlier is not None and token.dep_ != "compound":
            found.append(replace(earlier, span=doc[token.i : token.i + 1], form="short"))
    return found


def misspelt_country(name: str, gazetteer: Gazetteer) -> GazetteerEntry | None:
    """The country a place name misspells by one letter ("Kyrgyztan"), for names of seven
    letters or more that no entry holds."""
    if len(name) < 7 or " " in name or gazetteer.lookup(name) is not None:
        return None
    found = [
        entry
        for entry in gazetteer.countries()
        if abs(len(entry.name) - len(name)) <= 1 and levenshtein(entry.name, name) == 1
    ]
    return found[0] if len(found) == 1 else None


def remember_short_forms(context: DocumentContext, cand: Candidate, rules: TypeRules) -> None:
    """Record the leading words of a company's name ("Chengdu" of "Chengdu Beizhan
    Electronics"): said alone later in the document, they name the same company."""
    if cand.type not in ORG_TYPES:
        return
    words = cand.span.text.split()
    for cut in range(1, len(words)):
        short = normalise_name(" ".join(words[:cut]))
        if short in rules.stop_names or len(short) < 4:
            continue
        context.short_forms.setdefault(short, cand)


def remember_person(context: DocumentContext, cand: Candidate) -> None:
    """Record a full name so that its surname alone later refers to the same person."""
    words = cand.span.text.split()
    if cand.type is EntityType.PERSON and len(words) > 1:
        context.persons.setdefault(normalise_name(words[-1]), (cand.key, cand.canonical))


def _function_name(span: Span, rules: TypeRules) -> bool:
    """Whether a name may say what a body does rather than who it is: a body's or an
    organisation's name ("Ministry of Information"), or a company's ending in a word that
    says what it is ("Power Transmission Company"); "Norvane Analytics", ending in a trade
    word, is a company's own name."""
    words = [t.text for t in span]
    kind = rules.from_words(words)
    if kind in {EntityType.PUBLIC_BODY, EntityType.ORGANIZATION}:
        return True
    return kind is EntityType.COMPANY and rules.from_descriptor(words[-1]) is not None


def with_owner_state(doc: Doc, cands: list[Candidate], rules: TypeRules) -> list[Candidate]:
    """ "Kenya's Power Transmission Company": a body named by its function and its state's
    possessive carries the state in its name (canonical "Kenya Power Transmission Company")."""
    by_end = {c.end: c for c in cands}
    result = []
    for cand in cands:
        start = cand.start
        owner = by_end.get(start - 1) if start >= 2 else None
        if (
            owner is not None
            and owner.type is EntityType.COUNTRY
            and doc[start - 1].text in {"'s", "\u2019s"}
            and cand.origin != "gazetteer"
            and cand.type in ORG_TYPES
            and _function_name(cand.span, rules)
        ):
            canonical = f"{owner.canonical} {cand.canonical}"
            key = f"{cand.type.value.lower()}:{slug(canonical)}"
            result.append(replace(cand, key=key, canonical=canonical))
        else:
            result.append(cand)
    return result


def with_descriptors(doc: Doc, cands: list[Candidate], rules: TypeRules) -> list[Candidate]:
    """ "the Intellexa spyware consortium", "the Bull technology group": a name used as the
    modifier of a descriptor noun takes the whole phrase, so the noun the parse makes the
    argument is the party; a technology word inside the phrase ("spyware") goes with it."""
    taken = {i for c in cands if c.type is not EntityType.TECHNOLOGY for i in range(c.start, c.end)}
    result = []
    for cand in cands:
        head = cand.span.root
        if cand.type not in ORG_TYPES or not modifies(head):
            result.append(cand)
            continue
        while modifies(head) and head.head.i > head.i:
            head = head.head
        between = range(cand.end, head.i + 1)
        if (
            head.pos_ == "NOUN"
            and head.i >= cand.end
            and rules.from_descriptor(head.lemma_) in ORG_TYPES
            and not taken.intersection(between)
            and all(doc[i].pos_ in {"NOUN", "PROPN", "ADJ"} for i in between)
        ):
            result.append(replace(cand, span=doc[cand.start : head.i + 1]))
        else:
            result.append(cand)
    return [c for c in result if not any(other.contains(c) for other in result)]


def settle_overlaps(
    gazetteer_found: list[Candidate], model_found: list[Candidate]
) -> list[Candidate]:
    """Gazetteer names beat the model; a place name inside a longer organisation name yields."""
    kept_model: list[Candidate] = []
    for model in model_found:
        named = [
            g for g in gazetteer_found if g.overlaps(model) and g.type is not EntityType.COUNTRY
        ]
        if not named:
            kept_model.append(model)
    kept: list[Candidate] = []
    for gaz in gazetteer_found:
        if gaz.type is EntityType.COUNTRY:
            host = [m for m in kept_model if m.overlaps(gaz)]
            if any(m.contains(gaz) and m.type in ORG_TYPES | {EntityType.AGREEMENT} for m in host):
                continue
            kept_model = [m for m in kept_model if not m.overlaps(gaz)]
        kept.append(gaz)
    return sorted(kept + kept_model, key=lambda c: c.start)


def find_candidates(
    doc: Doc,
    gazetteer: Gazetteer,
    rules: TypeRules,
    context: DocumentContext,
    cues: PartyCues | None = None,
) -> list[Candidate]:
    """The settled, non-overlapping entity spans of a parsed block, in text order: names,
    then states named through their governments and bodies through their functions,
    then later mentions of earlier names."""
    cues = cues or load_party_cues()
    from_gazetteer = gazetteer_candidates(doc, gazetteer)
    for cand in from_gazetteer:
        remember_person(context, cand)
        remember_short_forms(context, cand, rules)
    from_model = model_candidates(doc, gazetteer, rules, context)
    taken = {i for c in from_gazetteer + from_model for i in range(c.start, c.end)}
    from_model += descriptor_candidates(doc, rules, taken, headline=is_headline(doc))
    for cand in from_model:
        remember_name(context, cand)
    taken = {i for c in from_gazetteer + from_model for i in range(c.start, c.end)}
    from_model += short_form_candidates(doc, taken, context)
    settled = with_owner_state(doc, settle_overlaps(from_gazetteer, from_model), rules)
    settled = with_descriptors(doc, settled, rules)
    named = apply_acronyms(doc, settled, context, rules)
    with_bodies = add_bodies(doc, named, gazetteer, cues, context)
    return add_anaphors(doc, with_bodies, cues, context, gazetteer)


def repeated_sentences(doc: Doc, context: DocumentContext) -> set[int]:
    """Start tokens of sentences already read earlier in the document (read once)."""
    repeated: set[int] = set()
    for sent in doc.sents:
        norm = normalise_name(sent.text)
        if norm in context.sentences:
            repeated.add(sent.start)
        context.sentences.add(norm)
    return repeated


def to_mention(cand: Candidate, offset: int, context: DocumentContext) -> Mention:
    """The record of a candidate span, with document offsets and its sentence."""
    sent = cand.span.sent
    sent_text = sent.text.rstrip()
    return Mention(
        doc_id=context.doc_id,
        start=offset + cand.span.start_char,
        end=offset + cand.span.end_char,
        text=cand.span.text,
        type=cand.type,
        entity_key=cand.key,
        canonical=cand.canonical,
        sentence_start=offset + sent.start_char,
        sentence_end=offset + sent.start_char + len(sent_text),
        form=cand.form,
        source=cand.origin,
        qid=cand.qid,
        part_of=cand.part_of,
    )
