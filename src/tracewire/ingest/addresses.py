"""Which network addresses a fetch may connect to (the SSRF guard).

A URL from a feed or a user must not make tracewire reach into the machine it runs on
or the network around it: loopback, private and link-local ranges (including the cloud
metadata service at 169.254.169.254), multicast, reserved and unspecified addresses are
refused, in IPv4, IPv6 and IPv4-in-IPv6 forms; allowing private addresses never opens the
link-local ones nor any cloud metadata service. Host names are resolved first and every
address they resolve to is checked, so odd spellings (`2130706433`, `0x7f.1`) are caught
as what they resolve to. The caller then connects to an address checked here, never to
the name again, so a second DNS answer cannot swap in another address (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable, Sequence

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# (host, port) -> the addresses to try, in order.
Resolver = Callable[[str, int], Sequence[str]]

ALLOW_HINT = "allow private addresses explicitly to fetch it"
NEVER_HINT = "never fetched, even when private addresses are allowed"
METADATA = ipaddress.IPv4Address("169.254.169.254")
# Instance metadata services outside 169.254.169.254 (which is link-local and refused as
# such): AWS's over IPv6 and for containers, Alibaba Cloud's, Azure's wire server.
OTHER_METADATA: frozenset[IPAddress] = frozenset(
    ipaddress.ip_address(address)
    for address in ("fd00:ec2::254", "169.254.170.2", "100.100.100.200", "168.63.129.16")
)
# NAT64's well-known prefix: the last 32 bits are the IPv4 address it leads to.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class AddressRefusedError(Exception):
    """A host that resolves to an address the policy does not allow; str says which and why."""


def resolve_host(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to (system resolver), without duplicates.

    Raises `socket.gaierror` when the name is not found.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_problem(address: str | IPAddress) -> str | None:
    """Why an address is not a public one (`"a loopback address"`...), or None if it is."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return address_problem(ip.ipv4_mapped)
    embedded = _tunnelled_ipv4(ip)
    if embedded is not None and (problem := address_problem(embedded)) is not None:
        return problem
    checks: tuple[tuple[bool, str], ...] = (
        (ip in OTHER_METADATA, "a cloud metadata service address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip == METADATA, "a link-local address (the cloud metadata service)"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "not a public address"),
    )
    return next((problem for failed, problem in checks if failed), None)


def never_allowed(address: str | IPAddress) -> str | None:
    """Why an address is refused even when private addresses are allowed (a link-local
    address or a cloud metadata service, in any IPv6 form), or None."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    link_local = any(form.is_link_local for form in _forms(ip))
    return metadata_problem(ip) or ("a link-local address" if link_local else None)


def metadata_problem(address: str | IPAddress) -> str | None:
    """What cloud metadata service an address (in any IPv6 form) is, or None."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    forms = _forms(ip)
    if METADATA in forms:
        return "a link-local address (the cloud metadata service)"
    return "a cloud metadata service address" if OTHER_METADATA.intersection(forms) else None


def parse_networks(networks: Iterable[str]) -> tuple[IPNetwork, ...]:
    """Networks written as `10.1.0.0/16` or single addresses, parsed (ValueError if not)."""
    return tuple(ipaddress.ip_network(network, strict=False) for network in networks)


def vet_addresses(
    host: str,
    addresses: Sequence[str],
    *,
    allow_private: bool = False,
    allowed: Sequence[IPNetwork] = (),
) -> list[str]:
    """The addresses to connect to, or `AddressRefusedError` if any of them is not allowed.

    One refused address refuses the host: a name that resolves to both a public and a
    private address is not fetched, whichever of them a connection would have used.
    `allow_private` opens loopback and private ranges but never link-local addresses or
    cloud metadata services; a network named in `allowed` is opened as it is, except
    for metadata services.
    """
    if not addresses:
        raise AddressRefusedError(f"{host} has no address")
    vetted: list[str] = []
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
        problem = address_problem(ip)
        if problem is not None and (allow_private or _in_any(ip, allowed)):
            # A network named on purpose may be link-local; no setting opens metadata.
            problem = metadata_problem(ip) if _in_any(ip, allowed) else never_allowed(ip)
        hint = NEVER_HINT if never_allowed(ip) else ALLOW_HINT
        if problem is not None:
            shown = _shown(ip)
            named = shown if _same_host(host, ip) else f"{host} resolves to {shown}, which"
            raise AddressRefusedError(f"{named} is {problem} ({hint})")
        vetted.append(address)
    return vetted


def _tunnelled_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address a NAT64, 6to4 or Teredo address leads to, if it is one.

    (IPv4-compatible `::a.b.c.d` needs no case: `::/8` is reserved.)
    """
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return ip.sixtofour
    return ip.teredo[1] if ip.teredo is not None else None


def _forms(ip: IPAddress) -> list[IPAddress]:
    """The address and the IPv4 address it maps or tunnels to, if any."""
    forms: list[IPAddress] = [ip]
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        forms.append(ip.ipv4_mapped)
    embedded = _tunnelled_ipv4(ip)
    if embedded is not None:
        forms.append(embedded)
    return forms


def _shown(ip: IPAddress) -> str:
    """An address as people write it: IPv4-mapped ones as `::ffff:a.b.c.d`."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return f"::ffff:{ip.ipv4_mapped}"
    return str(ip)


def _in_any(ip: IPAddress, networks: Sequence[IPNetwork]) -> bool:
    """Whether `ip` lies in one of `networks` (of its own version)."""
    return any(ip.version == network.version and ip in network for network in networks)


def _same_host(host: str, ip: IPAddress) -> bool:
    """Whether the URL named the address itself rather than a name for it."""
    try:
        return ipaddress.ip_address(host.strip("[]")) == ip
    except ValueError:
        return False
