"""Entities and reports as FollowTheMoney entities, built with followthemoney's model.

Every value goes through its property type's cleaning as it is added (`make`), and a value
the type refuses is an `InvalidData` error at export time, not a value Aleph drops.

Mapping of tracewire entity types to FtM schemata:

- Company, PublicBody, Organization, Person: the schema of the same name.
- Country: `PublicBody` with `country` and `jurisdiction` set to its ISO code and
  `legalForm` "state". In the reports a country acts as a state (it funds, supplies,
  sanctions, joins organisations); FtM models such parties as legal entities, while a
  `Territory` is a place that can own nothing and join nothing.
- Location: `Address` (`full` is the place's name, `country` its country where known).
- Agreement: `Contract` (`title` is the agreement's name).
- Technology: no node; technologies live on the claim links (`summary`).
- Any other type: `LegalEntity`.

Every entity has `name`, its cluster's other names as `alias` (as `weakAlias` a name that
stands for it only as a capital, demonym or surname: "Beijing" for China), `wikidataId`
from its QID, and an id "tw-" + SHA-1 of its tracewire key, so ids are the same in every
export. A report is an `Article` with its title, text (`bodyText`), address, publisher
(the site's host name) and publication date.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from rigour.territories import get_territory_by_qid, lookup_territory
from rigour.territories.territory import Territory

from tracewire.ontology import load_gazetteer
from tracewire.records import EntityType
from tracewire.serve.graph_data import Node, iso_dates, one_line

FtmEntity = dict[str, Any]
Values = Iterable[str | None]
MAPPING = Path(__file__).with_name("ftm.yaml")

SCHEMATA: dict[str, str | None] = {
    EntityType.COMPANY.value: "Company",
    EntityType.PUBLIC_BODY.value: "PublicBody",
    EntityType.ORGANIZATION.value: "Organization",
    EntityType.PERSON.value: "Person",
    EntityType.COUNTRY.value: "PublicBody",
    EntityType.LOCATION.value: "Address",
    EntityType.AGREEMENT.value: "Contract",
    EntityType.TECHNOLOGY.value: None,
}
FALLBACK_SCHEMA = "LegalEntity"
# Longest values FtM accepts for the property types used here.
NAME_MAX, ADDRESS_MAX, STRING_MAX, TEXT_MAX = 384, 250, 1024, 65000
QID = re.compile(r"Q\d+")


@cache
def ftm_config() -> dict[str, Any]:
    """serve/ftm.yaml: relation schemata and roles, sanctions list issuers (export
    settings, kept out of ontology/ so that they are no part of the extractor's version)."""
    with MAPPING.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


def schema_for(entity_type: str) -> str | None:
    """The FtM schema an entity type is exported as; None: not exported as a node."""
    return SCHEMATA.get(entity_type, FALLBACK_SCHEMA)


def ftm_id(*parts: str) -> str:
    """A stable FtM id: "tw-" and the SHA-1 of the parts."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8"), usedforsecurity=False)
    return f"tw-{digest.hexdigest()}"


def entity_id(node: Node) -> str:
    """The FtM id of a resolved entity, from its tracewire key."""
    return ftm_id("entity", node.key)


def document_id(doc_id: str) -> str:
    """The FtM id of a stored report."""
    return ftm_id("document", doc_id)


def clip(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters."""
    return one_line(text)[:limit].rstrip()


def make(schema: str, id_: str, properties: Mapping[str, Values]) -> EntityProxy:
    """An FtM entity built by followthemoney: empty values are skipped, each value kept
    once, and a value its property's type does not accept raises `InvalidData`."""
    proxy = model.make_entity(schema)
    proxy.id = id_
    for name, values in properties.items():
        prop = proxy.schema.get(name)
        if prop is None:
            raise InvalidData(f"{schema} has no property {name!r}")
        for value in dict.fromkeys(v for v in values if v):
            cleaned = prop.type.clean(value, proxy=proxy)
            if cleaned is None:
                raise InvalidData(f"{schema}.{name}: {value!r} is not a valid {prop.type.name}")
            proxy.add(prop, cleaned, cleaned=True)
    return proxy


def node_entity(node: Node, notes: Values = ()) -> EntityProxy | None:
    """A resolved entity as an FtM entity, or None for types that are not nodes."""
    schema = schema_for(node.type)
    if schema is None:
        return None
    name = clip(node.canonical, NAME_MAX)
    others = [n for n in node.aliases if clip(n, NAME_MAX) != name]
    weak = node.weak | _metonyms(node.key)
    props: dict[str, Values] = {
        "name": [name],
        "alias": [clip(n, NAME_MAX) for n in others if n not in weak],
        "weakAlias": [clip(n, NAME_MAX) for n in others if n in weak],
        "wikidataId": [node.qid] if node.qid and QID.fullmatch(node.qid) else [],
        "notes": notes,
    }
    code = country_code(node)
    if node.type == EntityType.COUNTRY.value:
        props.update(country=[code], jurisdiction=[code], legalForm=["state"])
    else:
        props["country"] = [code]
    if schema == "Address":
        props["full"] = [clip(node.canonical, ADDRESS_MAX)]
    if schema == "Contract":
        props["title"] = [clip(node.canonical, STRING_MAX)]
    return make(schema, entity_id(node), props)


def _metonyms(key: str) -> frozenset[str]:
    """A gazetteer country's capitals and demonyms: names of it, but not its own."""
    entry = load_gazetteer().entries.get(key)
    return frozenset((*entry.capitals, *entry.demonyms)) if entry else frozenset()


def country_code(node: Node) -> str | None:
    """The FtM country code of a country entity, or of the country the gazetteer gives
    for another entity (a vendor's home country, a region's country)."""
    territory: Territory | None
    if node.type == EntityType.COUNTRY.value:
        territory = _territory(node.qid, node.canonical)
    else:
        gazetteer = load_gazetteer()
        entry = gazetteer.entries.get(node.key)
        if entry is None or not entry.country:
            return None
        country = gazetteer.country(entry.country)
        territory = _territory(country.qid if country else None, entry.country)
    return territory.code if territory is not None and territory.is_ftm else None


def _territory(qid: str | None, name: str) -> Territory | None:
    found = get_territory_by_qid(qid) if qid else None
    return found or lookup_territory(name)


def document_entity(
    doc_id: str,
    name: str,
    *,
    title: str | None,
    published: date | None,
    url: str | None,
    media_type: str,
    text: str | None = None,
    publisher: str | None = None,
) -> EntityProxy:
    """A stored report as an FtM `Article`: title, text, address, publisher and date."""
    address = web_url(url)
    return make(
        "Article",
        document_id(doc_id),
        {
            "title": [clip(title or name, STRING_MAX)],
            "fileName": [clip(name, STRING_MAX)],
            "bodyText": [text[:TEXT_MAX] if text else None],
            "publishedAt": [published.isoformat() if published else None],
            "sourceUrl": [address],
            "publisher": [clip(publisher or "", STRING_MAX) or publisher_of(address)],
            "mimeType": [media_type],
        },
    )


def web_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address (a report read from a file has none)."""
    if url and re.match(r"https?://\S+$", url):
        return url
    return None


def iso_date(text: str | None) -> str | None:
    """The first ISO date (or year / year-month) written in `text`, or None."""
    return next(iter(iso_dates(text)), None)


def publisher_of(url: str | None, named: str | None = None) -> str | None:
    """Who published a report: the publisher its input named (`named`: HTML metadata, a
    feed), else for a web report its site's host name without "www.", else None."""
    if named:
        return named
    if not url:
        return None
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return host or None
