from __future__ import annotations

from django.test import RequestFactory, SimpleTestCase, override_settings

from nearer.limits.counters import client_ip

PROXY = "192.0.2.10"  # the address the app sees: the proxy's


def request(forwarded: str | None = None, remote: str = PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


class ClientIpTestCase(SimpleTestCase):
    def test_without_trusted_proxies_the_header_is_ignored(self) -> None:
        with override_settings(TRUSTED_PROXY_COUNT=0):
            self.assertEqual(client_ip(request()), PROXY)
            self.assertEqual(client_ip(request("203.0.113.5")), PROXY)
            self.assertEqual(client_ip(request("198.51.100.1, 203.0.113.5")), PROXY)

    def test_one_proxy_gives_the_last_entry(self) -> None:
        with override_settings(TRUSTED_PROXY_COUNT=1):
            self.assertEqual(client_ip(request("203.0.113.5")), "203.0.113.5")
            # Whatever the client sent before is to the left of what the proxy added.
            spoofed = "10.9.8.7, 198.51.100.1, 203.0.113.5"
            self.assertEqual(client_ip(request(spoofed)), "203.0.113.5")
            self.assertEqual(client_ip(request("2001:db8::1")), "2001:db8::1")

    def test_two_proxies_give_the_second_entry_from_the_right(self) -> None:
        with override_settings(TRUSTED_PROXY_COUNT=2):
            # client → CDN (adds the client) → load balancer (adds the CDN) → app
            self.assertEqual(client_ip(request("203.0.113.5,198.51.100.20")), "203.0.113.5")
            spoofed = "10.9.8.7, 203.0.113.5, 198.51.100.20"
            self.assertEqual(client_ip(request(spoofed)), "203.0.113.5")

    def test_too_short_a_header_falls_back_to_remote_addr(self) -> None:
        with override_settings(TRUSTED_PROXY_COUNT=2):
            self.assertEqual(client_ip(request("203.0.113.5")), PROXY)
            self.assertEqual(client_ip(request()), PROXY)
        with override_settings(TRUSTED_PROXY_COUNT=1):
            self.assertEqual(client_ip(request()), PROXY)
            self.assertEqual(client_ip(request("")), PROXY)
            self.assertEqual(client_ip(request("203.0.113.5, ")), PROXY)

    def test_no_address_at_all(self) -> None:
        self.assertEqual(client_ip(request(remote="")), "unknown")
