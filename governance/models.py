from django.db import models


class PortalRule(models.Model):
    """No rows: it only carries the portal's own permissions, so that code asks
    ``user.has_perm("governance.…")`` instead of reading a group's name, which an
    administrator may change."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            (
                "view_all_countries",
                "Can see the translation state of every country's content",
            ),
        ]

    def __str__(self):
        return "portal rules"
