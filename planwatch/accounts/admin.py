from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from planwatch.accounts.models import Role, User


def _administrators_only(request) -> bool:
    return bool(request.user.is_active and getattr(request.user, "role", None) == Role.ADMIN)


# The Django admin is for OPCC administrators only, whatever is_staff says.
admin.site.has_permission = _administrators_only
admin.site.site_header = "PlanWatch administration"
admin.site.site_title = "PlanWatch administration"


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "organisation", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (*BaseUserAdmin.fieldsets, ("PlanWatch", {"fields": ("role", "organisation")}))
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, ("PlanWatch", {"fields": ("role",)}))
