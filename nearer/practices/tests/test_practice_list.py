from __future__ import annotations

from nearer.practices.content import load
from nearer.practices.models import Practice
from nearer.testing import BaseTestCase


class PracticeListTestCase(BaseTestCase):
    def test_it_works(self) -> None:
        load()
        self.sign_in(self.alice)
        with self.assertNumQueries(2):
            r = self.client.get("/practices/")
        self.assertContains(r, 'href="/practices/honest-conversation/"')
        self.assertContains(r, "Honest conversation")
        self.assertContains(r, 'class="card practice"', count=14)

    def test_it_requires_login(self) -> None:
        r = self.client.get("/practices/")
        self.assertRedirects(r, "/sign-in/?next=/practices/", fetch_redirect_response=False)

    def test_it_leaves_out_retired_practices(self) -> None:
        load()
        Practice.objects.filter(slug="patience").update(retired=True)
        self.sign_in(self.alice)
        r = self.client.get("/practices/")
        self.assertNotContains(r, "/practices/patience/")
        self.assertContains(r, 'class="card practice"', count=13)

    def test_it_says_when_nothing_is_loaded(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/practices/")
        self.assertContains(r, "load_content")

    def test_it_escapes_content(self) -> None:
        Practice.objects.create(
            slug="x-test", texts={"en": {"name": "<script>x</script>", "tagline": "<b>t</b>"}}
        )
        self.sign_in(self.alice)
        r = self.client.get("/practices/")
        self.assertNotContains(r, "<script>x</script>")
        self.assertContains(r, "&lt;b&gt;t&lt;/b&gt;")
