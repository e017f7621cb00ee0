"""What the dictionary caches: downloads and letter counts, kept until content changes.

Entries are content: saving an approved entry (or its equivalents, synonyms, relations, fields)
starts a new content version (website.cache), and these values are never read again.
"""

from website.cache import Versioned

DICTIONARY = Versioned("dictionary", 24 * 60 * 60)
