# The Reports page (/rapportages): the progress reports the reader may see, the published ones
# with their documents, and the drafts.

reports-title = Progress reports
reports-summary = You can see { $count ->
    [one] { $count } progress report
   *[other] { $count } progress reports
}.
reports-cut = These are the first { $shown }, by status date.
reports-none = There are no progress reports you can see yet.
reports-published-heading = Published
reports-published-meaning = Published: the documents are fixed; the SHA-256 shows they have not been changed.
reports-drafts-heading = Drafts
reports-drafts-meaning = Not yet published: only visible to those who work on progress reports.

## A progress report

reports-as-of = Status date
reports-period-after = covering the period after { $day }
reports-state = Status
# The status starts with a capital; its parts follow each other, separated by "; ".
reports-published-on = published on { $day }
reports-published = published
reports-draft-by = draft, made by { $name }
reports-approved-by = approved by { $name }
reports-edition = version { $edition }
reports-dated = dated { $day }
reports-reference = Reference
reports-language = Language
reports-language-nl = Dutch
reports-language-en = English
reports-documents = Documents
reports-no-documents = none
reports-format-odt = OpenDocument (editable)
reports-format-html = HTML (single file)
reports-format-final-odt = Final version as sent (OpenDocument)

## A document that is not there

reports-document-not-found = Document not found
reports-document-not-found-more = This address does not name a document of a progress report you can see. Choose a document on the Progress reports page.
