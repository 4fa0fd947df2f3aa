"""Small questions about the dependency parse that the frames ask again and again."""

from __future__ import annotations

from spacy.tokens import Token

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
RELATIVE = {"who", "which", "that", "whom"}
ATTRIBUTION = {"according"}  # "according to X" names a source, not a party
COMPOUND_PREPS = {"along", "together", "alongside", "jointly"}


def children(token: Token, *deps: str) -> list[Token]:
    """Children with one of the given dependency labels."""
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token) -> dict[str, list[Token]]:
    """Objects of the prepositions attached to a token: {"to": [Iran], "with": [...]}.

    Prepositions hanging off the token's direct object are included too ("sold
    cameras to Iran" is often parsed with "to" under "cameras").
    """
    found: dict[str, list[Token]] = {}
    hosts = [token, *children(token, "dobj")]
    for host in hosts:
        for prep in children(host, "prep", "agent", "dative"):
            if (prep.dep_ == "dative" and prep.pos_ != "ADP") or prep.lower_ in ATTRIBUTION:
                continue
            for obj in children(prep, "pobj"):
                found.setdefault(prep.lower_, []).append(obj)
            for sub in children(prep, "prep") if prep.lower_ in COMPOUND_PREPS else ():
                for obj in children(sub, "pobj"):  # "along with X": X acts beside the subject
                    found.setdefault("along", []).append(obj)
            if prep.lower_ == "with" and any(c.lower_ in COMPOUND_PREPS for c in prep.children):
                found.setdefault("along", []).extend(children(prep, "pobj"))  # "together with"
    return found


def companions(tokens: list[Token]) -> list[Token]:
    """The tokens with the "along with" / "together with" phrases hung on them: "Cytrox,
    along with Huawei, was listed" adds Huawei to Cytrox."""
    return tokens + [c for t in tokens for c in prep_objects(t).get("along", [])]


def subject_group(verb: Token) -> list[Token]:
    """The verb's subjects with their companions, also those hung on the verb before it
    ("Uganda, along with Kenya, bought")."""
    before = [c for c in prep_objects(verb).get("along", []) if c.i < verb.i]
    return companions(subjects(verb)) + before


def is_passive(verb: Token) -> bool:
    """A passive verb, or a past participle modifying a noun ("a firm owned by X")."""
    if children(verb, "auxpass", "nsubjpass"):
        return True
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in {"acl", "relcl"}
        and not children(verb, "aux", "dobj")  # with an object it is active (see `subjects`)
    )


def by_agents(verb: Token) -> list[Token]:
    """The objects of a passive verb's by-phrase."""
    return [obj for agent in children(verb, "agent") for obj in children(agent, "pobj")]


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Who does the verb: its subject, or the one it inherits from the clause above."""
    if depth > 6:
        return []
    direct = children(verb, *SUBJECTS)
    if direct:
        return [_unrelative(t) for t in direct]
    head = verb.head
    if verb.dep_ == "xcomp":
        controller = children(head, "dobj")  # "obliges Iran to use" -> Iran
        if controller and controller[0].i < verb.i:
            return controller
        if head.pos_ == "ADJ":  # "will be able to purchase"
            return subjects(head.head, depth + 1) or children(head.head, *PASSIVE_SUBJECTS)
        return subjects(head, depth + 1) or children(head, *PASSIVE_SUBJECTS)
    if verb.dep_ == "conj":
        return subjects(head, depth + 1)
    if verb.dep_ in {"acl", "relcl"} and (
        verb.tag_ in {"VBG", "VBD", "VBZ", "VBP"} or (verb.tag_ == "VBN" and children(verb, "dobj"))
    ):  # "companies exporting missile technology", "firms that sold"; a participle with an
        # object is a main verb the parser hung on its subject ("X, which ..., sold cameras")
        return [head]
    if verb.dep_ in {"acl", "relcl"} and verb.tag_ == "VB" and _infinitive(verb):
        # "X won a contract to build ...", "X is in talks to supply ...": the one holding
        # the object (or in the state the noun names) does what it is for
        if head.dep_ == "dobj":
            return subjects(head.head, depth + 1)
        if head.dep_ == "pobj" and head.head.dep_ == "prep":
            return subjects(head.head.head, depth + 1)
    if verb.dep_ == "advcl" and (
        verb.tag_ == "VBG" or (verb.tag_ == "VB" and any(c.lower_ == "to" for c in verb.lefts))
    ):
        return subjects(head, depth + 1)  # "signed a deal to buy drones": a purpose clause
    if verb.dep_ == "pcomp":  # "By equipping X, Beijing ...", "accused X of selling"
        governor = head.head
        controller = children(governor, "dobj")
        if controller:
            return controller
        return subjects(governor, depth + 1) or children(governor, *PASSIVE_SUBJECTS)
    return []


def _infinitive(verb: Token) -> bool:
    """ "to supply": the verb has its infinitive marker."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _unrelative(token: Token) -> Token:
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
        return token.head.head
    return token


RECIPIENT_WORDS = frozenset({"to", "for"})
PRICE_WORDS = frozenset({"worth", "valued", "costing"})  # "cameras worth $5m": the amount


def span_text(
    token: Token, skip_deps: frozenset[str] = frozenset(), cut: frozenset[str] = frozenset()
) -> str:
    """The phrase a token heads, without determiners, clauses, a "to/for" recipient
    phrase ("cameras for the police" -> "cameras") and edge punctuation; `cut` names more
    prepositions whose phrase is left out ("40 drones with the firm X": the partner)."""
    stop = {"relcl", "acl", "advcl", "appos"} | set(skip_deps)
    dropped = RECIPIENT_WORDS | cut
    tokens: list[Token] = []

    def walk(node: Token) -> None:
        for child in node.lefts:  # no determiners, no "its"/"their"
            if child.dep_ not in stop and child.dep_ != "det" and child.tag_ != "PRP$":
                walk(child)
        tokens.append(node)
        for child in node.rights:
            if (
                child.dep_ not in stop
                and child.lower_ not in PRICE_WORDS
                and not (child.dep_ == "prep" and child.lower_ in dropped and node is token)
            ):
                walk(child)

    walk(token)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in {"cc", "prep"}):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc"):
        tokens.pop(0)
    if not tokens:
        return token.text
    doc = token.doc
    return doc[tokens[0].i : tokens[-1].i + 1].text
