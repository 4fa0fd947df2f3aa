"""ORM tables of the evidence store (SQLAlchemy 2, portable to PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Explicit constraint names keep migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a portable naming convention."""

    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    """A stored report; its id is derived from its normalised text."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    source: Mapped[str] = mapped_column(String(2048))
    media_type: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(1024))
    published: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(String(2048))
    # who published it, where the input says (HTML metadata, a feed): never guessed
    publisher: Mapped[str | None] = mapped_column(String(512))
    text: Mapped[str] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    extractor: Mapped[str | None] = mapped_column(String(64))  # whose claims it holds
    extractor_version: Mapped[str | None] = mapped_column(String(32))

    mentions: Mapped[list[MentionRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )


class SourceRow(Base):
    """A file or URL seen by a build and the document it holds (or duplicates)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    location: Mapped[str] = mapped_column(String(2048), unique=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    # "original", "same-content" (exact copy) or "near-duplicate"
    status: Mapped[str] = mapped_column(String(32))
    seen_at: Mapped[datetime] = mapped_column(DateTime)


class EntityRow(Base):
    """A node of the graph: one actor, place, agreement or technology."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(512), unique=True)
    canonical: Mapped[str] = mapped_column(String(512), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    qid: Mapped[str | None] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(String(32))  # "gazetteer" or "text"
    # The key of the entity that stands for this one's cluster; derived from judgements
    # by tracewire.resolve, never edited by hand.
    cluster_key: Mapped[str | None] = mapped_column(String(512), index=True)

    aliases: Mapped[list[AliasRow]] = relationship(
        back_populates="entity", cascade="all, delete-orphan", passive_deletes=True
    )
    mentions: Mapped[list[MentionRow]] = relationship(back_populates="entity")


class AliasRow(Base):
    """A name under which an entity is known (from the gazetteer or seen in text)."""

    __tablename__ = "aliases"
    __table_args__ = (UniqueConstraint("entity_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(512), index=True)
    normalised: Mapped[str] = mapped_column(String(512), index=True)
    origin: Mapped[str] = mapped_column(String(32))

    entity: Mapped[EntityRow] = relationship(back_populates="aliases")


class MentionRow(Base):
    """A typed span of a document naming an entity."""

    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_document_start", "document_id", "start"),
        Index("ix_mentions_entity_text_document", "entity_id", "text", "document_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(1024))
    type: Mapped[str] = mapped_column(String(32))
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    form: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(String(32))

    document: Mapped[DocumentRow] = relationship(back_populates="mentions")
    entity: Mapped[EntityRow] = relationship(back_populates="mentions")


class ClaimRow(Base):
    """A claim: (subject, relation, object) with qualifiers, hedging and its evidence."""

    __tablename__ = "claims"
    __table_args__ = (
        Index("ix_claims_document_start", "document_id", "evidence_start"),
        Index("ix_claims_subject_object", "subject_id", "object_id", "relation", "hedging", "date"),
        Index("ix_claims_object_subject", "object_id", "subject_id", "relation", "hedging", "date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    relation: Mapped[str] = mapped_column(String(32), index=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    object_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    subject_text: Mapped[str] = mapped_column(String(512))
    object_text: Mapped[str] = mapped_column(String(512))
    subject_start: Mapped[int] = mapped_column(Integer)
    subject_end: Mapped[int] = mapped_column(Integer)
    object_start: Mapped[int] = mapped_column(Integer)
    object_end: Mapped[int] = mapped_column(Integer)
    technology: Mapped[str | None] = mapped_column(String(1024))
    date: Mapped[str | None] = mapped_column(String(32))
    amount: Mapped[str | None] = mapped_column(String(128))
    # Labels joined by "," (how edges group claims and pages show them); filters read
    # the labels' rows in claim_hedges instead.
    hedging: Mapped[str] = mapped_column(String(128))
    source: Mapped[str | None] = mapped_column(String(512))
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    trigger: Mapped[str] = mapped_column(String(128))
    extractor: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)
    frame: Mapped[str] = mapped_column(String(64), default="", server_default="")
    explanation: Mapped[str] = mapped_column(Text, default="", server_default="")

    document: Mapped[DocumentRow] = relationship()
    subject: Mapped[EntityRow] = relationship(foreign_keys=[subject_id])
    object: Mapped[EntityRow] = relationship(foreign_keys=[object_id])


class ClaimHedgeRow(Base):
    """One hedging label a claim carries (a row per label; an asserted claim may have none)."""

    __tablename__ = "claim_hedges"
    __table_args__ = (Index("ix_claim_hedges_label", "label", "claim_id"),)

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    label: Mapped[str] = mapped_column(String(32), primary_key=True)


class ClaimTechnologyRow(Base):
    """One technology class a claim's technology text falls into (ontology/technology.py);
    a claim with no technology, or none the taxonomy knows, has no row."""

    __tablename__ = "claim_technologies"
    __table_args__ = (Index("ix_claim_technologies_class", "technology_class", "claim_id"),)

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    technology_class: Mapped[str] = mapped_column(String(64), primary_key=True)


class ClaimReviewRow(Base):
    """A reviewer's rejection of a claim (the extraction misread its sentence).

    Keyed by where the claim is read (document, sentence, parties' offsets, relation),
    never by the claim's row id, so that it outlives a re-extraction of the same text; an
    undone rejection is kept with `deleted_at`.
    """

    __tablename__ = "claim_reviews"
    __table_args__ = (Index("ix_claim_reviews_document_start", "document_id", "evidence_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(32))
    evidence_start: Mapped[int] = mapped_column(Integer)
    subject_start: Mapped[int] = mapped_column(Integer)
    object_start: Mapped[int] = mapped_column(Integer)
    relation: Mapped[str] = mapped_column(String(32))
    judgement: Mapped[str] = mapped_column(String(16))  # "rejected"
    user: Mapped[str | None] = mapped_column(String(128))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)


class JudgementRow(Base):
    """A decision that two entities are (positive), are not (negative) or may be (unsure)
    the same.

    User judgements are kept forever (an undone one gets `deleted_at`); rule judgements
    are recomputed on each resolve.
    """

    __tablename__ = "judgements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    left_key: Mapped[str] = mapped_column(String(512), index=True)
    right_key: Mapped[str] = mapped_column(String(512), index=True)
    judgement: Mapped[str] = mapped_column(String(16))  # a `Judgement` value
    origin: Mapped[str] = mapped_column(String(64))  # "user" or "rule:<name>"
    user: Mapped[str | None] = mapped_column(String(128))
    reason: Mapped[str | None] = mapped_column(String(512))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)


class EntityLinkRow(Base):
    """An edge between two entities that does not merge them: a body `part_of` its state."""

    __tablename__ = "entity_links"
    __table_args__ = (UniqueConstraint("child_key", "parent_key", "relation"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    child_key: Mapped[str] = mapped_column(String(512), index=True)
    parent_key: Mapped[str] = mapped_column(String(512), index=True)
    relation: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(String(64))  # "gazetteer" or "text"


class SanctionsListRow(Base):
    """A loaded sanctions list: where it came from and of which date."""

    __tablename__ = "sanctions_lists"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(256))
    source: Mapped[str] = mapped_column(String(2048))
    date: Mapped[str] = mapped_column(String(32))
    entries: Mapped[int] = mapped_column(Integer)
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
    digest: Mapped[str | None] = mapped_column(String(64))  # hash of the entries


class SanctionsEntryRow(Base):
    """One listed person, organisation, vessel or aircraft."""

    __tablename__ = "sanctions_entries"
    __table_args__ = (UniqueConstraint("list_id", "entry_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    list_id: Mapped[str] = mapped_column(
        ForeignKey("sanctions_lists.id", ondelete="CASCADE"), index=True
    )
    entry_id: Mapped[str] = mapped_column(String(128))
    name: Mapped[str] = mapped_column(String(1024))
    schema: Mapped[str] = mapped_column(String(32))
    programs: Mapped[str] = mapped_column(String(512))  # codes joined by " "
    data: Mapped[str] = mapped_column(Text)  # aliases, links, countries, remarks as JSON


class MatchRow(Base):
    """A screening result: an entity's names against one list entry, with its explanation."""

    __tablename__ = "matches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    list_id: Mapped[str] = mapped_column(
        ForeignKey("sanctions_lists.id", ondelete="CASCADE"), index=True
    )
    entry_id: Mapped[str] = mapped_column(String(128))
    entry_name: Mapped[str] = mapped_column(String(1024))
    entry_schema: Mapped[str] = mapped_column(String(32))
    programs: Mapped[str] = mapped_column(String(512))
    query_name: Mapped[str] = mapped_column(String(1024))
    matched_name: Mapped[str] = mapped_column(String(1024))
    score: Mapped[float] = mapped_column(Float)
    is_hit: Mapped[bool] = mapped_column(Boolean, index=True)
    algorithm: Mapped[str] = mapped_column(String(64))
    features: Mapped[str] = mapped_column(Text)  # JSON {feature: value}
    explanation: Mapped[str] = mapped_column(Text)
    screened_at: Mapped[datetime] = mapped_column(DateTime)
    # listed, related, possible, other (on the list for no sanction) or near
    level: Mapped[str] = mapped_column(String(16), index=True, server_default="near")
    review_id: Mapped[int | None] = mapped_column(Integer)  # the MatchReviewRow applied
    # the matcher's level before any review (what undoing the review restores); None for
    # a match only a reviewer's confirmation made
    matcher_level: Mapped[str | None] = mapped_column(String(16))
    topics: Mapped[str] = mapped_column(String(256), server_default="sanction")  # " "-joined


class MatchReviewRow(Base):
    """A reviewer's judgement of one party against one list entry: confirmed or rejected.

    Keyed by the entity key and the entry, never by row ids, so that it outlives rebuilds
    and list reloads; a rejected pair is never flagged again. Every verdict is kept: the
    newest standing one applies, and an undone one gets `deleted_at`.
    """

    __tablename__ = "match_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_key: Mapped[str] = mapped_column(String(512), index=True)
    list_id: Mapped[str] = mapped_column(String(64))
    entry_id: Mapped[str] = mapped_column(String(128))
    entry_name: Mapped[str] = mapped_column(String(1024))
    judgement: Mapped[str] = mapped_column(String(16))  # "confirmed" or "rejected"
    user: Mapped[str | None] = mapped_column(String(128))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)


class ScreeningRow(Base):
    """What a party was last screened as against one list (names, type, list digest and
    matcher version, hashed): a build screens again only the parties whose hash changed."""

    __tablename__ = "screenings"
    __table_args__ = (UniqueConstraint("entity_id", "list_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    list_id: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    screened_at: Mapped[datetime] = mapped_column(DateTime)


class FeedRow(Base):
    """An RSS or Atom feed the user follows; `fetch` pulls its new items."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str | None] = mapped_column(String(1024))
    added_at: Mapped[datetime] = mapped_column(DateTime)
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(String(1024))


class FeedItemRow(Base):
    """An item seen in a followed feed, so that a later fetch skips it."""

    __tablename__ = "feed_items"
    __table_args__ = (UniqueConstraint("feed_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(2048))  # the item's guid/id, else its link
    url: Mapped[str | None] = mapped_column(String(2048))
    title: Mapped[str | None] = mapped_column(String(1024))
    # stored, duplicate, unchanged, skipped (no link), retry (failed, tried again at
    # retry_at) or failed (given up after the last attempt)
    status: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(String(1024))
    document_id: Mapped[str | None] = mapped_column(String(32))
    seen_at: Mapped[datetime] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    retry_at: Mapped[datetime | None] = mapped_column(DateTime)


class WatchRow(Base):
    """A name the user watches (kind "entity") or the rule "any sanctioned party"."""

    __tablename__ = "watches"
    __table_args__ = (UniqueConstraint("kind", "normalised"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # "entity" or "sanctioned"
    name: Mapped[str] = mapped_column(String(512))
    normalised: Mapped[str] = mapped_column(String(512))
    user: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AlertRow(Base):
    """New claims of one document that touch a watched entity or a sanctioned party.

    The claims' words are copied so that an alert still reads whole if its document is
    removed later.
    """

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("watch_id", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    watch_id: Mapped[int] = mapped_column(ForeignKey("watches.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(1024))
    url: Mapped[str | None] = mapped_column(String(2048))
    reason: Mapped[str] = mapped_column(String(1024))
    claims: Mapped[str] = mapped_column(Text)  # JSON list of {id, summary, evidence, hedging}
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime)


class GenerationRow(Base):
    """A counter that tells whether what is derived from the documents is up to date.

    "documents" goes up in every transaction that adds or removes a document; "resolution"
    is the documents generation the last entity resolution saw; "alerts" is the highest
    claim id alerts were recorded for. A run killed between storing documents and
    resolving (or alerting) leaves one behind the other, and the next build catches up.
    """

    __tablename__ = "generations"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class SettingRow(Base):
    """A per-store setting (the alerts Atom file, the webhook URL)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(2048))
