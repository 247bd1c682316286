"""Who is this request: its session, the person signed in on it, and their pairing.

Every signed-in request needs all three, so they are read together in one hand-written
SELECT (`query.py`); the session engine (`sessions.py`) runs it when Django first reads
the session, and the sign-in backend (`auth.py`) takes the person from it when they are
the person the session names. Django's own `auth.get_user` still checks the session's
password hash against that person. Settings name the three pieces: SESSION_ENGINE,
AUTHENTICATION_BACKENDS and this package's AuthenticationMiddleware.
"""
