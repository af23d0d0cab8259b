"""Network identifiers shared by Chinese and English text: e-mail and IP addresses.

Only values that can point at a person count. An IP address must be globally routable (Python's `ipaddress`:
loopback, private, link-local, shared, documentation, unspecified, multicast and reserved ranges are not a
person's), which keeps `127.0.0.1`, `10.0.0.1`, netmasks and man-page examples (`192.0.2.1`) unmasked. An IPv6
match needs at least three hex groups and may not touch an identifier, so `a[::2]` and Perl's `B::CC` are not
addresses. An e-mail address at a reserved domain (RFC 2606 / 6761: example.com, *.test, *.invalid,
localhost…) or a Usenet/mail Message-ID is not a person's mailbox.
"""

from __future__ import annotations

import functools
import ipaddress
import re

import tldextract

from corpusgov.quality.pii.base import FastPatternRecognizer, Span

# RFC 2606 second-level names and RFC 6761 / 2606 special-use top-level names.
_RESERVED_SLD = frozenset({"example.com", "example.net", "example.org", "example.edu"})
_RESERVED_TLD = frozenset({"example", "invalid", "test", "localhost", "local", "localdomain"})
# Mail and news headers whose <...@...> values are message identifiers, not mailboxes.
_MSGID_CUE = re.compile(r"(?:message-id|references|in-reply-to|supersedes|content-id)\s*:[^\n]*$|(?:news|mid|cid):<?$", re.I)


@functools.lru_cache(maxsize=65536)
def _has_public_suffix(domain: str) -> bool:
    # Cached per domain: tldextract costs tens of microseconds a call and corpora repeat a few domains.
    return tldextract.extract(domain).fqdn != ""


def is_reserved_domain(domain: str) -> bool:
    """True for RFC 2606/6761 names: example.com/.net/.org and their subdomains, *.test, *.invalid, localhost…"""
    d = domain.lower().rstrip(".")
    labels = d.split(".")
    return labels[-1] in _RESERVED_TLD or ".".join(labels[-2:]) in _RESERVED_SLD


def is_message_id(text: str, start: int, end: int) -> bool:
    """A `local@domain` that is a Message-ID: after a Message-ID/References header or a news:/mid: scheme, or in
    angle brackets with a machine-made local part (six or more digits, as in `<1993Apr5.123456.789@host>`)."""
    line_start = text.rfind("\n", 0, start) + 1
    if _MSGID_CUE.search(text, line_start, start):
        return True
    if start > 0 and text[start - 1] == "<" and end < len(text) and text[end] == ">":
        local = text[start : text.index("@", start)]
        return sum(c.isdigit() for c in local) >= 6
    return False


class EmailRecognizer(FastPatternRecognizer):
    """E-mail addresses built from ASCII classes only, so `邮箱是zhangsan@qq.com` yields just the address.

    The domain must end in a public suffix (tldextract's bundled list; see engine.py for the offline set-up)
    and not be reserved; Message-IDs are skipped. `find` anchors on "@" and extends left over the local part,
    which gives the same spans as PATTERNS but does not try every letter of the text as a start.
    """

    ENTITY = "EMAIL_ADDRESS"
    _LOCAL = r"[A-Za-z0-9._%+\-]"
    _DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
    PATTERNS = (("email", r"(?<!" + _LOCAL + r")[A-Za-z0-9]" + _LOCAL + r"{0,63}@" + _DOMAIN, 0.5),)
    PREFILTER_WORDS = ("@",)
    _AT = re.compile(r"@" + _DOMAIN)
    _LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")

    def find(self, text: str) -> list[Span]:
        if "@" not in text:
            return []
        out: list[Span] = []
        for m in self._AT.finditer(text):
            at = m.start()
            start = at
            while start > 0 and text[start - 1] in self._LOCAL_CHARS:
                start -= 1
            if not (1 <= at - start <= 64) or not text[start].isascii() or not text[start].isalnum():
                continue
            if self.validate_result(text[start : m.end()]) and not is_message_id(text, start, m.end()):
                out.append((start, m.end(), 1.0))
        return out

    def validate_result(self, pattern_text: str):
        domain = pattern_text.rpartition("@")[2].lower()
        return _has_public_suffix(domain) and not is_reserved_domain(domain)


def is_personal_ip(value: str) -> bool:
    """Globally routable unicast address: the only kind that can identify a person's connection."""
    try:
        ip = ipaddress.ip_address(value)
    except ValueError:
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified or ip.is_loopback)


class IpAddressRecognizer(FastPatternRecognizer):
    """Globally routable IPv4 dotted quads; not part of a longer dotted name (`32.0.9.128.in-addr.arpa`)."""

    ENTITY = "IP_ADDRESS"
    _O = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
    PATTERNS = (
        (
            "ipv4",
            r"(?=[0-9])(?<![0-9A-Za-z_.])" + _O + r"(?:\." + _O + r"){3}(?![0-9A-Za-z_]|\.[0-9A-Za-z])",
            0.6,
        ),
    )
    # "[0-9]\.[0-9]" written to start with the dot: a literal first lets the regex engine jump between dots
    PREFILTER = r"\.(?<=[0-9]\.)[0-9]"
    NEEDS_DIGIT = True

    def validate_result(self, pattern_text: str):
        return None if is_personal_ip(pattern_text) else False


class Ipv6AddressRecognizer(FastPatternRecognizer):
    """Globally routable IPv6 addresses with three or more hex groups, not inside an identifier or `a::b` token."""

    ENTITY = "IP_ADDRESS"
    PATTERNS = (
        (
            "ipv6",
            r"(?=[0-9A-Fa-f:])(?<![0-9A-Za-z_:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}"
            r"(?:(?<=:)[0-9]{1,3}(?:\.[0-9]{1,3}){3})?(?![0-9A-Za-z_:])",
            0.6,
        ),
    )
    PREFILTER_WORDS = (":",)
    PREFILTER = r"[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:"

    def validate_result(self, pattern_text: str):
        if sum(1 for g in pattern_text.split(":") if g) < 3:
            return False
        return None if is_personal_ip(pattern_text) else False
