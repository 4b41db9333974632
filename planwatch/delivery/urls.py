from django.urls import path

from planwatch.delivery import manage_views, views, workflow_views

app_name = "delivery"
urlpatterns = [
    path("my-actions/", workflow_views.my_actions_page, name="my-actions"),
    path("review/", workflow_views.review_queue_page, name="review"),
    path("review/<int:pk>/", workflow_views.review_update, name="review-update"),
    path("review/<int:pk>/approve/", workflow_views.approve_update, name="approve"),
    path("plans/<slug:slug>/delivery/", views.delivery_latest, name="latest"),
    path("plans/<slug:slug>/delivery/<slug:period>/", views.delivery_period, name="period"),
    path(
        "plans/<slug:slug>/delivery/<slug:period>/appendix-1.<str:fmt>",
        views.delivery_download,
        name="download",
    ),
    path("plans/<slug:slug>/periods/", manage_views.periods_page, name="periods"),
    path(
        "plans/<slug:slug>/periods/<slug:period>/advance/",
        manage_views.period_advance,
        name="advance",
    ),
    path("plans/<slug:slug>/rag-key/", views.rag_key, name="rag-key"),
    path("plans/<slug:slug>/rag-key/new/", manage_views.rag_status_edit, name="rag-add"),
    path(
        "plans/<slug:slug>/rag-key/<str:code>/edit/", manage_views.rag_status_edit, name="rag-edit"
    ),
    path("plans/<slug:slug>/actions/", manage_views.actions_page, name="actions"),
    path("plans/<slug:slug>/actions/new/", manage_views.action_edit, name="action-add"),
    path("plans/<slug:slug>/actions/<str:ref>/", views.action_detail, name="action"),
    path("plans/<slug:slug>/actions/<str:ref>/edit/", manage_views.action_edit, name="action-edit"),
    path("plans/<slug:slug>/actions/<str:ref>/record/", views.action_record, name="record"),
    path(
        "plans/<slug:slug>/actions/<str:ref>/updates/<slug:period>/",
        workflow_views.update_edit,
        name="update",
    ),
    path(
        "plans/<slug:slug>/actions/<str:ref>/updates/<slug:period>/amend/",
        workflow_views.amend_update,
        name="amend",
    ),
]
