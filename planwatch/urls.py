from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from planwatch.api.views import urls as api_urls
from planwatch.pages.views import health

# Every page in English at its address and in Welsh under /cy/; the API and the admin are not
# translated.
urlpatterns = i18n_patterns(
    path("", include("planwatch.pages.urls")),
    path("", include("planwatch.accounts.urls")),
    path("", include("planwatch.delivery.urls")),
    path("", include("planwatch.performance.urls")),
    path("plans/", include("planwatch.plans.urls")),
    path("governance/", include("planwatch.governance.urls")),
    path("papers/", include("planwatch.papers.urls")),
    path("assurance/", include("planwatch.assurance.urls")),
    path("grants/", include("planwatch.grants.urls")),
    path("consultation/", include("planwatch.consultation.urls")),
    path("data/", include("planwatch.opendata.urls")),
    prefix_default_language=False,
) + [
    path("healthz/", health, name="health"),
    path("api/v1/", api_urls()),
    path("admin/", admin.site.urls),
]

handler403 = "planwatch.pages.views.forbidden"
handler404 = "planwatch.pages.views.not_found"
handler500 = "planwatch.pages.views.server_error"
