from django.contrib.auth.forms import AuthenticationForm

from planwatch.forms import GovukBoundField


class SignInForm(AuthenticationForm):
    bound_field_class = GovukBoundField
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is disabled. Ask an OPCC administrator.",
    }
