from django.contrib.auth.forms import AuthenticationForm

from planwatch.forms import GovukBoundField


class SignInForm(AuthenticationForm):
    bound_field_class = GovukBoundField
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is disabled. Ask an OPCC administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django autofocuses the username, which skips the page (and the skip link) for
        # keyboard and screen reader users; GOV.UK advises against autofocus.
        self.fields["username"].widget.attrs.pop("autofocus", None)
