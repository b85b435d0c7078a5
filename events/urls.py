"""A webinar participant's personal pages (reached from their e-mails, no account)
and the public certificate check. Included under the language prefix."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("webinars/confirm/<str:token>/", views.confirm, name="confirm"),
    path("webinars/me/<str:token>/", views.manage, name="manage"),
    path("webinars/me/<str:token>/join/", views.join, name="join"),
    path("webinars/me/<str:token>/cancel/", views.cancel, name="cancel"),
    path("webinars/me/<str:token>/delete/", views.delete, name="delete"),
    path("webinars/me/<str:token>/invitation.ics", views.invitation, name="invitation"),
    path(
        "webinars/me/<str:token>/certificate.pdf",
        views.certificate_pdf_view,
        name="certificate_pdf",
    ),
    path("certificates/<str:code>/", views.certificate_verify, name="certificate"),
]
