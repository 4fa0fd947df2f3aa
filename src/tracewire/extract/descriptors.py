"""Names revealed by a descriptor noun: "spyware maker Quillfeather", "the Korean company
Hanwol Networks", "the Halcones football club"; and the type a descriptor gives a name the
model found ("the German firm Trovant" is a company, whatever the model's label)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from tracewire.extract.context import Candidate
from tracewire.ontology import TypeRules
from tracewire.ontology.gazetteer import normalise_name, slug
from tracewire.records import EntityType

ORG_TYPES = {EntityType.COMPANY, EntityType.PUBLIC_BODY, EntityType.ORGANIZATION}
# Descriptor dependencies: "Swedish company Halvorsen" (compound), "Norvane, a firm" (appos).
DESCRIPTOR_DEPS = {"compound", "appos", "nmod"}
# How a name after its descriptor noun hangs in the parse: "the company Hanwol Networks"
# (appos), "the company Netorix 2 million euros" (nmod of the sum).
APPOSED_DEPS = {"appos", "nmod", "compound", "npadvmod"}
# Entity labels of words that are never a name after a descriptor ("the firm Monday").
NOT_NAMES = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
PLACES = {"GPE", "LOC", "FAC"}


def looks_like_name(span: Span) -> bool:
    """A capitalised span with a proper noun, or an acronym, on one line."""
    if any("\n" in t.text or t.text in {"•", "|"} for t in span):
        return False
    if span.text.isupper() and len(span.text) >= 2:
        return True
    return span[0].text[:1].isupper() and any(t.pos_ == "PROPN" for t in span)


def apposed_descriptor(span: Span, rules: TypeRules) -> Token | None:
    """The descriptor noun right before a name that the name stands in apposition to:
    "the Korean company Hanwol Networks", "fined the Dutch company Netorix 2 million
    euros" (where the parser hangs the name under the sum, itself under the noun)."""
    if span.start == 0:
        return None
    noun = span.doc[span.start - 1]
    if noun.pos_ != "NOUN" or rules.from_descriptor(noun.lemma_) is None:
        return None
    root = span.root
    if root.dep_ not in APPOSED_DEPS:
        return None
    # under the noun, or beside it in a flat misparse ("the Czech firm Trovant, Zambia's
    # intelligence service": firm and Trovant both modifiers of "service")
    flat = noun.head == root.head and noun.dep_ in {"nmod", "compound"} and root.i > noun.i
    return noun if noun in root.ancestors or flat else None


def _first_conjunct(token: Token) -> Token:
    """ "the companies Minsvar and Dubrava Signal": the list member the descriptor holds."""
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token


def _own_descriptor(token: Token, span: Span) -> bool:
    """Whether a word apposed to a name may describe it: a common noun outside the name,
    not another entity."""
    return not (span.start <= token.i < span.end or token.ent_type_ or token.pos_ == "PROPN")


def descriptor_type(span: Span, rules: TypeRules) -> EntityType | None:
    """The type given by a descriptor noun the span stands in apposition to (first), or
    one in apposition to it or in front of it."""
    apposed = apposed_descriptor(span, rules)
    if apposed is not None:
        return rules.from_descriptor(apposed.lemma_)
    root = span.root
    first = _first_conjunct(root)
    neighbours: list[Token] = [first.head] if first.dep_ == "appos" else []
    neighbours += [
        child
        for child in root.children
        if child.dep_ in DESCRIPTOR_DEPS and _own_descriptor(child, span)
    ]
    for token in neighbours:
        if token.pos_ in {"NOUN", "PROPN"} and (kind := rules.from_descriptor(token.lemma_)):
            return kind
    return None


def modifies(token: Token) -> bool:
    """Whether a word modifies the noun after it: a compound, or a proper noun the parser
    made an adjective ("the Varenko trading company")."""
    return token.dep_ == "compound" or (token.dep_ == "amod" and token.pos_ == "PROPN")


def _sentence_opener(span: Span) -> bool:
    """A single word opening its sentence, capitalised whatever it is ("Riot gear supplier
    fined ...")."""
    return len(span) == 1 and span.start == span.sent.start


def modified_type(span: Span, rules: TypeRules) -> EntityType | None:
    """ "the Varenko trading company": a name modifying a company's or organisation's
    descriptor noun after it is of that type (not a body's: "the Ruto government")."""
    if _sentence_opener(span):
        return None
    root = span.root
    head = root
    while modifies(head) and head.head.i > head.i:
        head = head.head
    if head is root or head.pos_ != "NOUN":
        return None
    kind = rules.from_descriptor(head.lemma_)
    return kind if kind in {EntityType.COMPANY, EntityType.ORGANIZATION} else None


def descriptor_candidates(
    doc: Doc, rules: TypeRules, taken: set[int], *, headline: bool = False
) -> list[Candidate]:
    """Names the model missed but a descriptor reveals: "spyware maker Quillfeather",
    "the Korean company Hanwol Networks", "the Halcones football club" (not in a headline,
    whose every word is capitalised)."""
    found = _compound_named(doc, rules, taken)
    taken = taken | {i for c in found for i in range(c.start, c.end)}
    found += _apposed_named(doc, rules, taken)
    if headline:
        return found
    taken = taken | {i for c in found for i in range(c.start, c.end)}
    return found + _modifier_named(doc, rules, taken)


def _modifier_named(doc: Doc, rules: TypeRules, taken: set[int]) -> list[Candidate]:
    """Proper nouns that modify an organisation's descriptor noun after them: "Brazil's
    Corinthians football club", "the Kestrava security group". The descriptor types them;
    `with_descriptors` later gives the mention the whole phrase. Public-body nouns are left
    out: "the Ruto government" names a leader, not a body."""
    found: list[Candidate] = []
    for noun in doc:
        kind = rules.from_descriptor(noun.lemma_) if noun.pos_ == "NOUN" else None
        if kind is None or kind not in {EntityType.COMPANY, EntityType.ORGANIZATION}:
            continue
        lefts = [c for c in noun.lefts if modifies(c)]
        names = [c for c in lefts if c.pos_ == "PROPN"]
        if not names or any(c.pos_ != "NOUN" for c in lefts if c.i > names[-1].i):
            continue  # only common nouns between the name and the descriptor
        last = names[-1]
        start = last.i
        heads = (last, noun)  # "the Santa Lucia football club": both words modify
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head in heads:
            start -= 1
        span = doc[start : last.i + 1]
        if taken.intersection(range(span.start, span.end)) or any(
            t.ent_type_ in NOT_NAMES | PLACES for t in span
        ):
            continue  # "a Dubai distribution company": a place, not the company's name
        if not looks_like_name(span) or normalise_name(span.text) in rules.stop_names:
            continue
        if span.text.isupper() or _sentence_opener(span):
            continue  # "IT company", "NGO groups": what kind, not which one
        key = f"{kind.value.lower()}:{slug(span.text)}"
        found.append(Candidate(span, kind, key, span.text, "name", "rule"))
    return found


def _apposed_named(doc: Doc, rules: TypeRules, taken: set[int]) -> list[Candidate]:
    """Proper nouns right after a descriptor noun they stand in apposition to, and the
    names coordinated with them ("the Belarusian companies Minsvar and Dubrava Signal")."""
    found: list[Candidate] = []
    for noun in doc:
        kind = rules.from_descriptor(noun.lemma_) if noun.pos_ == "NOUN" else None
        if kind is None:
            continue
        end = noun.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_type_ not in NOT_NAMES:
            end += 1
        if end == noun.i + 1 or apposed_descriptor(doc[noun.i + 1 : end], rules) is None:
            continue
        first = doc[noun.i + 1 : end]
        members = [first] + [_name_ending_at(c) for c in first.root.conjuncts if c.i >= first.end]
        for span in members:
            if span is None or taken.intersection(range(span.start, span.end)):
                continue
            if not looks_like_name(span) or normalise_name(span.text) in rules.stop_names:
                continue
            by_words = rules.from_words([t.text for t in span])
            own = by_words if kind in ORG_TYPES and by_words in ORG_TYPES else kind
            key = f"{own.value.lower()}:{slug(span.text)}"
            found.append(Candidate(span, own, key, span.text, "name", "rule"))
    return found


def _name_ending_at(token: Token) -> Span | None:
    """The proper-noun name whose last word is `token` ("Dubrava Signal")."""
    if token.pos_ != "PROPN" or token.ent_type_ in NOT_NAMES:
        return None
    start = token.i
    doc = token.doc
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == token.i:
        start -= 1
    return doc[start : token.i + 1]


def _compound_named(doc: Doc, rules: TypeRules, taken: set[int]) -> list[Candidate]:
    """Names after a descriptor the parser made their compound: "spyware maker X"."""
    found: list[Candidate] = []
    for token in doc:
        if token.pos_ != "PROPN" or token.i in taken or token.dep_ == "compound":
            continue
        descriptors = [
            c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < token.i
        ]
        kinds = [rules.from_descriptor(c.lemma_) for c in descriptors]
        kind = next((k for k in kinds if k is not None), None)
        if kind is None:
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
            start -= 1
        span = doc[start : token.i + 1]
        if taken.intersection(range(span.start, span.end)) or not span.text[:1].isupper():
            continue
        key = f"{kind.value.lower()}:{slug(span.text)}"
        found.append(Candidate(span, kind, key, span.text, "name", "rule"))
    return found
