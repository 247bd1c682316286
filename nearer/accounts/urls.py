from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from nearer.accounts.forms import ChangePasswordForm, NearerPasswordResetForm
from nearer.accounts.views import auth, settings
from nearer.lib.http import public

app_name = "accounts"

urlpatterns = [
    path("sign-up/", auth.sign_up, name="sign_up"),
    path("confirm/<str:token>/", auth.confirm_email, name="confirm_email"),
    path("sign-in/", auth.sign_in, name="sign_in"),
    path("sign-out/", auth.sign_out, name="sign_out"),
    path("account/", settings.account, name="account"),
    path("account/confirm-password/", settings.confirm_password, name="confirm_password"),
    path("account/e-mail/", settings.change_email, name="change_email"),
    path("account/password/", settings.change_password, name="change_password"),
    path("account/sessions/<uuid:code>/end/", settings.end_session, name="end_session"),
    path("account/delete/", settings.delete_account, name="delete_account"),
    path(
        "password-reset/",
        public("for someone who can't sign in because they forgot the password")(
            auth_views.PasswordResetView.as_view(
                form_class=NearerPasswordResetForm,
                template_name="accounts/password_reset.html",
                subject_template_name="emails/password-reset-subject.txt",
                email_template_name="emails/password-reset-body.txt",
                html_email_template_name="emails/password-reset-body.html",
                success_url=reverse_lazy("accounts:password_reset_sent"),
            )
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        public("says a reset e-mail is on its way, whatever the address")(
            auth_views.PasswordResetDoneView.as_view(
                template_name="accounts/password_reset_sent.html"
            )
        ),
        name="password_reset_sent",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        public("opened from the e-mailed link by someone signed out; the token says who")(
            auth_views.PasswordResetConfirmView.as_view(
                form_class=ChangePasswordForm,
                template_name="accounts/password_reset_confirm.html",
                success_url=reverse_lazy("accounts:password_reset_complete"),
                post_reset_login=False,
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        public("says the new password is set, before signing in with it")(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="accounts/password_reset_complete.html"
            )
        ),
        name="password_reset_complete",
    ),
]
