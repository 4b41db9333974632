from django.urls import path

from planwatch.papers import downloads, job_views, views

app_name = "papers"
PAPER = "<int:pk>/"
urlpatterns = [
    path("", views.paper_list, name="list"),
    path("new/for-agenda-item/<int:item>/", views.paper_add, name="add"),
    path(PAPER, views.paper_page, name="paper"),
    path(PAPER + "edit/", views.paper_edit, name="edit"),
    path(PAPER + "narrative/", views.paper_narrative, name="narrative"),
    path(PAPER + "preview/", views.paper_preview, name="preview"),
    path(PAPER + "draft.<str:fmt>", views.paper_draft_download, name="draft"),
    path(PAPER + "draft.<str:fmt>/prepare/", job_views.draft_job, name="draft-job"),
    path(PAPER + "publish/", views.paper_publish, name="publish"),
    path("jobs/<int:pk>/", job_views.job_page, name="job"),
    path("jobs/<int:pk>/state/", job_views.job_state, name="job-state"),
    path("jobs/<int:pk>/file/", job_views.job_file, name="job-file"),
    path(PAPER + "versions/<int:number>.<str:fmt>", downloads.version_download, name="version"),
]
