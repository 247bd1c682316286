"""The session, the person and their pairing are read in one query (nearer.couples.
sessions, auth). The browser's DeviceSession row only saves a query: who is signed in is
still what the session says, checked against that person's password hash."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.test import Client

from nearer.accounts.models import DeviceSession
from nearer.questions.tests.base import QuestionTestCase, answer_as, daily_for


class SignedInTestCase(QuestionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.alice_client = self.client_for(self.alice)
        daily_for(self.alice)

    def alice_device(self) -> DeviceSession:
        return DeviceSession.objects.get(session_key=self.alice_client.session.session_key)

    def test_a_signed_in_page_reads_session_person_and_pairing_in_one_query(self) -> None:
        with self.assertNumQueries(2):  # the session with the person, then the practices
            response = self.alice_client.get("/practices/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.wsgi_request.user, self.alice)

    def test_the_session_decides_who_is_signed_in_not_the_device_row(self) -> None:
        # Bob's Today page is kept, with his private answer on it.
        bob_client = self.client_for(self.bob)
        answer_as(self.bob, "Bob's words, for his eyes until Alice answers")
        bob_client.get("/")
        self.assertContains(bob_client.get("/"), "Bob&#x27;s words")
        # Alice's device row wrongly names Bob: she is still Alice, and never sees his page.
        DeviceSession.objects.filter(pk=self.alice_device().pk).update(user=self.bob)
        for _ in range(2):
            response = self.alice_client.get("/")
            self.assertEqual(response.wsgi_request.user, self.alice)
            self.assertNotContains(response, "Bob&#x27;s words")
            self.assertNotContains(response, "Bob's words")

    def test_a_session_without_a_device_row_still_works(self) -> None:
        self.alice_device().delete()
        response = self.alice_client.get("/practices/")
        self.assertEqual(response.wsgi_request.user, self.alice)

    def test_a_password_changed_elsewhere_signs_this_browser_out(self) -> None:
        self.alice.password = make_password("a new password, set on another phone")
        self.alice.save(update_fields=["password"])
        response = self.alice_client.get("/practices/")
        self.assertFalse(response.wsgi_request.user.is_authenticated)
        self.assertRedirects(response, "/sign-in/?next=/practices/", fetch_redirect_response=False)

    def test_a_deactivated_account_is_signed_out(self) -> None:
        self.alice.is_active = False
        self.alice.save(update_fields=["is_active"])
        response = self.alice_client.get("/")
        self.assertFalse(response.wsgi_request.user.is_authenticated)

    def test_an_unknown_session_cookie_is_a_visitor(self) -> None:
        stranger = Client()
        stranger.cookies["sessionid"] = "nosuchsessionkeyatall0123456789"
        response = stranger.get("/practices/")
        self.assertFalse(response.wsgi_request.user.is_authenticated)
