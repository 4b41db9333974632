from django.urls import path

from planwatch.assurance import inspection_views, item_views, views

app_name = "assurance"
REPORT = "inspections/<str:reference>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("inspections/new/", inspection_views.inspection_add, name="inspection-add"),
    path(REPORT, inspection_views.inspection_page, name="inspection"),
    path(
        REPORT + "recommendations/new/",
        inspection_views.recommendation_add,
        name="recommendation-add",
    ),
    path(REPORT + "response.<str:fmt>", inspection_views.response_download, name="response"),
    path(REPORT + "response/", inspection_views.response_state, name="response-state"),
    path("items/<slug:kind>/<int:pk>/", item_views.item_page, name="item"),
    path("jac-paper.<str:fmt>", views.tracker_paper, name="paper"),
    path("<slug:what>/", views.tracker, name="tracker"),
    path("<slug:what>.xlsx", views.tracker_xlsx, name="tracker-xlsx"),
]
