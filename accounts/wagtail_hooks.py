from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import admin_views

INVITATION_PERMISSIONS = (
    "accounts.view_expertinvitation",
    "accounts.add_expertinvitation",
    "accounts.change_expertinvitation",
)


class InvitationMenuItem(MenuItem):
    def is_shown(self, request):
        return any(request.user.has_perm(codename) for codename in INVITATION_PERMISSIONS)


@hooks.register("register_admin_urls")
def register_invitation_urls():
    urls = [
        path("", admin_views.index, name="index"),
        path("new/", admin_views.create, name="create"),
        path("<int:pk>/resend/", admin_views.resend, name="resend"),
        path("<int:pk>/revoke/", admin_views.revoke, name="revoke"),
    ]
    return [
        path(
            "expert-invitations/",
            include((urls, "expert_invitations"), namespace="expert_invitations"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_invitation_menu_item():
    return InvitationMenuItem(
        _("Expert invitations"),
        reverse("expert_invitations:index"),
        icon_name="mail",
        order=450,
    )
