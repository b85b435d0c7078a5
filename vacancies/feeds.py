from django.utils.translation import gettext as _

from home.feeds import IndexFeed


class VacancyFeed(IndexFeed):
    def item_description(self, item):
        return _("%(organisation)s. %(summary)s") % {
            "organisation": item.organisation,
            "summary": item.summary,
        }

    def item_categories(self, item):
        return [str(item.get_contract_type_display())]
