"""Signing in and out."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.views.decorators.http import require_POST

from planwatch.accounts.forms import SignInForm
from planwatch.permissions import allow

sign_in = allow("page.public")(
    auth_views.LoginView.as_view(
        template_name="accounts/sign_in.html",
        authentication_form=SignInForm,
        redirect_authenticated_user=True,
    )
)

sign_out = require_POST(allow("account.sign_out")(auth_views.LogoutView.as_view()))
