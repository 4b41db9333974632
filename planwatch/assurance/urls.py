from django.urls import path

from planwatch.assurance import item_views, public_views, record_views, scale_views, views

app_name = "assurance"
REPORT = "inspections/<str:reference>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("published/", public_views.published, name="published"),
    path("scales/", scale_views.scales, name="scales"),
    path("scales/new/", scale_views.level_add, name="scale-add"),
    path("scales/<int:pk>/", scale_views.level_edit, name="scale-level"),
    path("scales/<int:pk>/remove/", scale_views.level_remove, name="scale-remove"),
    path("<slug:kind>/<str:reference>/publish/", public_views.publish, name="publish"),
    path("inspections/new/", record_views.inspection_add, name="inspection-add"),
    path("audits/new/", record_views.audit_add, name="audit-add"),
    path("audits/<str:reference>/", record_views.audit_page, name="audit"),
    path(
        "audits/<str:reference>/actions/new/",
        record_views.agreed_action_add,
        name="agreed-action-add",
    ),
    path(REPORT, record_views.inspection_page, name="inspection"),
    path(
        REPORT + "recommendations/new/",
        record_views.recommendation_add,
        name="recommendation-add",
    ),
    path(REPORT + "response.<str:fmt>", record_views.response_download, name="response"),
    path(REPORT + "response/", record_views.response_state, name="response-state"),
    path(REPORT + "grades/new/", record_views.grade_add, name="grade-add"),
    path("items/<slug:kind>/<int:pk>/", item_views.item_page, name="item"),
    path("jac-paper.<str:fmt>", views.tracker_paper, name="paper"),
    path("<slug:what>/", views.tracker, name="tracker"),
    path("<slug:what>.xlsx", views.tracker_xlsx, name="tracker-xlsx"),
]
