"""The assistant's own sentences in the shopper's language: gettext catalogs compiled by Babel."""
