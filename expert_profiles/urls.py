from django.urls import path

from expert_profiles import views

app_name = "expert_profiles"

urlpatterns = [
    path("experts/me/", views.my_profile, name="me"),
    path("experts/me/confirm/", views.confirm_profile, name="confirm"),
]
