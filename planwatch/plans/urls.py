from django.urls import path

from planwatch.plans import checklist_views, part_views, version_views, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_new, name="create"),
    path("<slug:slug>/", views.plan_detail, name="detail"),
    path("<slug:slug>/plan-on-a-page.pdf", views.plan_on_a_page_download, name="pdf"),
    path("<slug:slug>/edit/", views.plan_edit, name="edit"),
    path("<slug:slug>/contents/", views.plan_contents, name="contents"),
    path("<slug:slug>/history/", views.plan_history, name="history"),
    path("<slug:slug>/versions/", version_views.versions, name="versions"),
    path("<slug:slug>/versions/record/", version_views.versions_record, name="versions-record"),
    path("<slug:slug>/versions/<int:number>/", version_views.version_page, name="version"),
    path(
        "<slug:slug>/versions/<int:number>/checklist/",
        checklist_views.checklist_page,
        name="checklist",
    ),
    path(
        "<slug:slug>/versions/<int:number>/checklist/record/",
        checklist_views.evidence_record,
        name="checklist-record",
    ),
    path("<slug:slug>/compare/", version_views.compare, name="compare"),
    path("<slug:slug>/compare.<str:fmt>", version_views.compare_download, name="compare-download"),
    path("<slug:slug>/themes/<int:pk>/", part_views.theme_detail, name="theme"),
    path("<slug:slug>/<str:kind>/new/", part_views.part_add, name="part-add"),
    path(
        "<slug:slug>/<str:kind>/new/under/<int:parent>/", part_views.part_add, name="part-add-under"
    ),
    path("<slug:slug>/<str:kind>/<int:pk>/edit/", part_views.part_edit, name="part-edit"),
    path("<slug:slug>/<str:kind>/<int:pk>/remove/", part_views.part_remove, name="part-remove"),
]
