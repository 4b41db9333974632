from django.urls import path

from planwatch.governance import manage_views, plan_views, views
from planwatch.papers import job_views

app_name = "governance"
MEETING = "<slug:body>/meetings/<int:pk>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("calendar/", views.calendar_now, name="calendar"),
    path("calendar/<int:year>/<int:month>/", views.calendar_month, name="calendar-month"),
    path("forward-plan/", plan_views.forward_plan_page, name="forward-plan"),
    path("forward-plan/new/", plan_views.expectation_edit, name="expectation-add"),
    path("forward-plan/<int:pk>/edit/", plan_views.expectation_edit, name="expectation-edit"),
    path("bodies/new/", manage_views.body_edit, name="body-add"),
    path("<slug:body>/", views.body_page, name="body"),
    path("<slug:body>/past/", views.body_past, name="body-past"),
    path("<slug:body>/edit/", manage_views.body_edit, name="body-edit"),
    path("<slug:body>/meetings.ics", views.feed, name="feed"),
    path("<slug:body>/meetings/new/", manage_views.meeting_edit, name="meeting-add"),
    path(MEETING, views.meeting_page, name="meeting"),
    path(MEETING + "edit/", manage_views.meeting_edit, name="meeting-edit"),
    path(MEETING + "agenda-pack.pdf", job_views.pack_download, name="agenda-pack"),
    path(MEETING + "agenda-pack/assemble/", job_views.pack_job, name="agenda-pack-assemble"),
    path(MEETING + "cancel/", manage_views.meeting_cancel, name="meeting-cancel"),
    path(MEETING + "reinstate/", manage_views.meeting_reinstate, name="meeting-reinstate"),
    path(MEETING + "agenda/new/", manage_views.agenda_item_edit, name="agenda-add"),
    path(MEETING + "agenda/<int:item>/edit/", manage_views.agenda_item_edit, name="agenda-edit"),
    path(
        MEETING + "agenda/<int:item>/remove/",
        manage_views.agenda_item_remove,
        name="agenda-remove",
    ),
]
