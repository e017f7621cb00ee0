"""Keep the cached site chrome (website.chrome) true to what editors saved."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from website.chrome import clear_chrome_cache
from website.models import FooterText, NavigationMenu, NavigationMenuItem, SiteSettings


@receiver(post_save, sender=NavigationMenu)
@receiver(post_delete, sender=NavigationMenu)
@receiver(post_save, sender=NavigationMenuItem)
@receiver(post_delete, sender=NavigationMenuItem)
@receiver(post_save, sender=FooterText)
@receiver(post_delete, sender=FooterText)
@receiver(post_save, sender=SiteSettings)
@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def _clear_chrome(**kwargs):
    clear_chrome_cache()
