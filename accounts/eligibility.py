"""Which addresses an expert invitation may bind to: a new account, or an account
that is nothing but an expert's. An e-mailed link that sets a password must never
take over an account with any power in the portal, whoever sent the invitation."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

EXPERTS_GROUP = "Experts"

PRIVILEGED_ADDRESS_MESSAGE = _(
    "This address belongs to an account with editorial or administrative rights. An "
    "invitation cannot be used for it: invite the expert at another address, or ask an "
    "administrator for help."
)


def privileged_accounts(email):
    """Accounts at `email` that are more than an expert's: staff, superusers, anyone
    holding a permission of their own or through a group (admin access, page and
    collection permissions included), and members of any group but Experts. The
    Experts group counts only while it grants nothing."""
    more_than_expert = (
        Q(is_staff=True)
        | Q(is_superuser=True)
        | Q(user_permissions__isnull=False)
        | Q(groups__permissions__isnull=False)
        | Q(groups__page_permissions__isnull=False)
        | Q(groups__collection_permissions__isnull=False)
        | Q(groups__in=Group.objects.exclude(name=EXPERTS_GROUP))
    )
    return get_user_model().objects.filter(Q(email__iexact=email) & more_than_expert).distinct()


def address_problem(email):
    """A clear reason why `email` cannot be invited, or None."""
    if email and privileged_accounts(email).exists():
        return PRIVILEGED_ADDRESS_MESSAGE
    return None
