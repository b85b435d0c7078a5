# Django ships no locale called "sh"; Bosnian, Croatian and Serbian (Latin) share
# the Serbian Latin date and number conventions, so reuse them.
from django.conf.locale.sr_Latn.formats import *  # noqa: F403
