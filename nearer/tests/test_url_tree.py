"""Every URL in the tree is either public or in the access matrix, and the matrix holds.

The tree is walked from `get_resolver()`, so a new view is checked the moment it is
routed. A view is public when it carries `public_reason` (`@public("why")`, from
nearer.lib.http); every other view must send anonymous visitors to sign in, and its URL
parameters come from its app's `tests/access.py`, which may define:

- `owned(world)`: {url name: kwargs, or a list of kwargs} naming something of Alice's
  couple (or of Alice). Everyone outside the couple gets 404.
- `unowned(world)`: the same, for parameters that name nobody's things (content slugs,
  a token that matches nothing). Everyone signed in gets the same kind of answer.
- `owned_posts(world)`: {url name: POST data, or a list of it}, for a view that takes
  its object from the form instead of the URL. Outsiders get 404 to such a POST.

Every other POST of the matrix is empty, so no form is valid and nothing is destroyed
(unpair, account deletion, password and address changes all need a filled-in form). The
one POST that acts unasked is ending a session: `accounts:end_session` names a spare
device of Alice's, never a session of the matrix's clients, and the owner runs last for
every URL, so the others meet the device still there. Sign-out is public, so the matrix
never posts to it; the public pages are opened by signed-in people with GET only.
"""

from __future__ import annotations

import importlib
import importlib.util
import traceback
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.apps import apps
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

from nearer.tests.world import (
    ALICE_ANSWER,
    ALICE_ONLY,
    ALICE_UNREVEALED,
    BOB_ANSWER,
    BOB_REPLY,
    COUPLE_SENTINELS,
    EVE_ONLY,
    EVE_SOLO,
    World,
    WorldTestCase,
)

# Only routed in benchmark mode (nearer/urls.py), as the bench harness's baseline.
SKIPPED = {"bench_bare"}

OWNER, PARTNER, OTHER_COUPLE, SOLO, ANONYMOUS = "alice", "bob", "charlie", "eve", "anonymous"
# The owner goes last: the one POST that acts unasked (ending Alice's spare device) then
# happens after everyone else has met the device.
ROLES = (OTHER_COUPLE, SOLO, PARTNER, ANONYMOUS, OWNER)
OUTSIDERS = (OTHER_COUPLE, SOLO)
REQUESTS = (("GET", False), ("GET", True), ("POST", False), ("POST", True))  # method, htmx

# Whose sentinels each role must never be shown.
FORBIDDEN = {
    OWNER: EVE_ONLY,
    PARTNER: ALICE_ONLY + EVE_ONLY,
    OTHER_COUPLE: COUPLE_SENTINELS + EVE_ONLY,
    SOLO: COUPLE_SENTINELS,
    ANONYMOUS: COUPLE_SENTINELS + EVE_ONLY,
}


@dataclass(frozen=True)
class Route:
    name: str | None  # "namespace:name"
    route: str
    pattern: URLPattern
    converters: dict[str, Any]
    has_params: bool

    @property
    def label(self) -> str:
        return self.name or self.route

    @property
    def public_reason(self) -> str:
        reason = getattr(self.pattern.callback, "public_reason", "")
        return reason.strip() if isinstance(reason, str) else ""

    @property
    def app(self) -> str:
        """The app the view lives in, for messages: nearer.<app>.views."""
        parts = self.pattern.callback.__module__.split(".")
        return parts[1] if len(parts) > 2 and parts[0] == "nearer" else "<app>"


def _walk(
    patterns: Iterable[URLPattern | URLResolver],
    namespaces: tuple[str, ...] = (),
    prefix: str = "",
    converters: dict[str, Any] | None = None,
    groups: int = 0,
) -> Iterator[Route]:
    """Every URLPattern of the tree, inside includes and namespaces too."""
    for entry in patterns:
        found = {**(converters or {}), **getattr(entry.pattern, "converters", {})}
        count = groups + entry.pattern.regex.groups
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry.url_patterns, inner, route, found, count)
        elif entry.name not in SKIPPED:
            name = ":".join((*namespaces, entry.name)) if entry.name else None
            yield Route(name, route, entry, found, bool(found) or count > 0)


def _routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


def _access_modules() -> Iterator[Any]:
    for config in apps.get_app_configs():
        module = f"{config.name}.tests.access"
        if config.name.startswith("nearer.") and importlib.util.find_spec(module) is not None:
            yield importlib.import_module(module)


def _as_list(value: dict[str, Any] | list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list(value) if isinstance(value, list | tuple) else [value]


@dataclass
class Access:
    """What every app's tests/access.py says, merged."""

    owned: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    unowned: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    owned_posts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # url name -> module

    @classmethod
    def collect(cls, world: World) -> Access:
        access = cls()
        for module in _access_modules():
            for kind in ("owned", "unowned", "owned_posts"):
                given = getattr(module, kind, None)
                for name, value in (given(world) if given else {}).items():
                    table = getattr(access, kind)
                    assert name not in table, f"{name} is given twice ({module.__name__})"
                    table[name] = _as_list(value)
                    access.sources.setdefault(name, module.__name__)
        return access

    def kwargs_for(self, name: str) -> list[dict[str, Any]]:
        return self.owned.get(name) or self.unowned.get(name) or []


@dataclass(frozen=True)
class Case:
    """One URL as the matrix opens it: the path, the POST data and what it names."""

    route: Route
    path: str
    post: dict[str, Any]
    owned: bool  # names something of Alice's couple: outsiders get 404
    unowned: bool  # names nobody's things: everyone signed in is answered alike

    @property
    def label(self) -> str:
        return f"{self.route.label} {self.path}" + (f" {self.post}" if self.post else "")


def _cases(routes: list[Route], access: Access) -> list[Case]:
    cases = []
    for route in routes:
        if route.public_reason or route.name is None:
            continue
        name = route.name
        for kwargs in access.kwargs_for(name) if route.has_params else [{}]:
            path = reverse(name, kwargs=kwargs)
            for post in access.owned_posts.get(name) or [{}]:
                owned = name in access.owned or name in access.owned_posts
                cases.append(Case(route, path, post, owned, name in access.unowned))
    return cases


def _sample_kwargs(route: Route) -> dict[str, Any]:
    """Placeholder parameters for a public URL: values that name nothing."""
    samples: dict[str, Any] = {}
    for key, converter in route.converters.items():
        if isinstance(converter, UUIDConverter):
            samples[key] = uuid.UUID(int=0)
        elif isinstance(converter, IntConverter):
            samples[key] = 1
        else:
            samples[key] = "nothing"
    return samples


def _body(response: HttpResponse) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content


def _sign_in_url(path: str) -> str:
    return f"/sign-in/?next={quote(path)}"


def _is_sign_in_redirect(response: HttpResponse, path: str | None = None) -> bool:
    if response.status_code != 302:
        return False
    location = response["Location"]
    return location == _sign_in_url(path) if path else location.startswith("/sign-in/")


Outcome = HttpResponse | BaseException


class UrlTreeTestCase(WorldTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.access = Access.collect(self.world)
        self.clients = {
            role: Client() if role == ANONYMOUS else self.client_for(getattr(self.world, role))
            for role in ROLES
        }

    def _open(self, role: str, method: str, htmx: bool, path: str, data: dict) -> Outcome:
        client = self.clients[role]
        headers = {"HX-Request": "true"} if htmx else {}
        try:
            if method == "GET":
                return client.get(path, headers=headers)
            return client.post(path, data, headers=headers)
        except Exception as exc:
            return exc

    def _assert_sound(self, role: str, outcome: Outcome) -> HttpResponse:
        """No error, and nothing of anyone this role must not see."""
        if isinstance(outcome, BaseException):
            self.fail("the view raised:\n" + "".join(traceback.format_exception(outcome)))
        self.assertNotEqual(outcome.status_code, 500)
        body = _body(outcome)
        for sentinel in FORBIDDEN[role]:
            self.assertNotIn(sentinel.encode(), body, f"{role} was shown {sentinel}")
        return outcome

    def test_every_url_is_public_or_in_the_access_matrix(self) -> None:
        routes = _routes()
        problems = []
        for route in routes:
            if route.public_reason:
                continue
            if route.name is None:
                problems.append(f"{route.route} has no name: name it, so the matrix can open it")
                continue
            todo = (
                f'mark its view @public("why anyone may open it") (nearer.lib.http), or put '
                f"it behind login_required and give its URL kwargs for an object of Alice's "
                f"couple in nearer/{route.app}/tests/access.py (owned(), or unowned() for "
                f"things everyone sees alike)"
            )
            kwargs = self.access.kwargs_for(route.name) if route.has_params else [{}]
            if not kwargs:
                problems.append(
                    f"{route.name} ({route.route}) takes parameters that no "
                    f"tests/access.py gives: {todo}"
                )
                continue
            path = reverse(route.name, kwargs=kwargs[0])
            answers = [self.client.get(path), self.client.post(path)]
            refused = [r.status_code == 405 for r in answers]
            protected = [_is_sign_in_redirect(r, path) for r in answers]
            if not all(p or f for p, f in zip(protected, refused, strict=True)) or not any(
                protected
            ):
                codes = ", ".join(str(r.status_code) for r in answers)
                problems.append(
                    f"{route.name} ({path}) is neither public nor login-protected "
                    f"(anonymous GET, POST: {codes}): {todo}"
                )
        known = {r.name: r for r in routes if r.name}
        for name, module in self.access.sources.items():
            if name not in known:
                problems.append(f"{module} names {name}, which is not in the URL tree")
            elif known[name].public_reason:
                problems.append(f"{module} names {name}, which is public")
            elif self.access.kwargs_for(name) and not known[name].has_params:
                problems.append(f"{module} gives kwargs for {name}, which takes none")
        self.assertFalse(problems, "\n".join(problems))

    def test_the_world_shows_its_owners_what_is_theirs(self) -> None:
        # Without this, every "was not shown" below could pass on a page that shows nothing.
        alice, bob, eve = (self.clients[role] for role in (OWNER, PARTNER, SOLO))
        revealed = f"/questions/{self.world.revealed.code}/"
        for client in (alice, bob):
            for sentinel in (ALICE_ANSWER, BOB_ANSWER, BOB_REPLY):
                self.assertContains(client.get(revealed), sentinel)
            self.assertContains(client.get("/questions/"), ALICE_ANSWER)
        self.assertContains(
            alice.get(f"/questions/{self.world.unrevealed.code}/"), ALICE_UNREVEALED
        )
        self.assertContains(alice.get("/questions/"), ALICE_UNREVEALED)
        self.assertContains(eve.get("/questions/"), EVE_SOLO)

    def test_the_access_matrix(self) -> None:
        cases = _cases(_routes(), self.access)
        self.assertTrue(cases)
        for case in cases:
            outcomes = {
                (role, method, htmx): self._open(role, method, htmx, case.path, case.post)
                for role in ROLES
                for method, htmx in REQUESTS
            }
            for (role, method, htmx), outcome in outcomes.items():
                with self.subTest(url=case.label, role=role, method=method, htmx=htmx):
                    response = self._assert_sound(role, outcome)
                    owners = outcomes[OWNER, method, htmx]
                    owner_status = getattr(owners, "status_code", None)
                    if role == ANONYMOUS:
                        # Sent to sign in, unless the view refuses the method before it
                        # asks who is there, as it does for someone signed in.
                        solo = outcomes[SOLO, method, htmx]
                        if response.status_code == 405:
                            self.assertEqual(getattr(solo, "status_code", None), 405)
                        else:
                            self.assertRedirects(
                                response, _sign_in_url(case.path), fetch_redirect_response=False
                            )
                        continue
                    self.assertFalse(_is_sign_in_redirect(response), f"{role} was sent to sign in")
                    if role in OUTSIDERS and case.owned:
                        expected = 405 if owner_status == 405 else 404
                        self.assertEqual(response.status_code, expected)
                    if role in OUTSIDERS and case.unowned:
                        self.assertEqual(response.status_code, owner_status)
                    if role == OWNER and case.owned and not htmx:
                        # The case names something of hers: she is never told it isn't
                        # there. (After the plain POST to end_session, the htmx POST
                        # finds the spare device gone: that 404 is right.)
                        self.assertNotEqual(response.status_code, 404)

    def test_public_pages_answer_everyone(self) -> None:
        public = [route for route in _routes() if route.public_reason]
        self.assertIn("home", [route.name for route in public])
        for route in public:
            assert route.name is not None
            path = reverse(route.name, kwargs=_sample_kwargs(route))
            for role in ROLES:
                # Signed-in people only GET: a POST to sign-out would end their session.
                for method, htmx in REQUESTS if role == ANONYMOUS else REQUESTS[:2]:
                    with self.subTest(url=path, role=role, method=method, htmx=htmx):
                        response = self._assert_sound(
                            role, self._open(role, method, htmx, path, {})
                        )
                        if role == ANONYMOUS and method == "GET":
                            # Public means open: a visitor is never sent to sign in first.
                            # (Signing out does send a POST there: that is its answer.)
                            self.assertFalse(_is_sign_in_redirect(response))
