# De pagina Rapportages (/rapportages): de voortgangsrapportages die de lezer mag zien, de
# gepubliceerde met hun documenten en de concepten.

reports-title = Rapportages
reports-summary = U kunt { $count ->
    [one] { $count } rapportage
   *[other] { $count } rapportages
} zien.
reports-cut = Hier staan de eerste { $shown }, op peildatum.
reports-none = Er zijn nog geen rapportages die u kunt zien.
reports-published-heading = Gepubliceerd
reports-published-meaning = Gepubliceerd: de documenten liggen vast; de SHA-256 laat zien dat ze niet zijn gewijzigd.
reports-drafts-heading = Concepten
reports-drafts-meaning = Nog niet gepubliceerd: alleen zichtbaar voor wie aan rapportages werkt.

## Een rapportage

reports-as-of = Peildatum
reports-period-after = over de periode na { $day }
reports-state = Stand
# De stand begint met een hoofdletter; de delen staan achter elkaar, gescheiden door "; ".
reports-published-on = gepubliceerd op { $day }
reports-published = gepubliceerd
reports-draft-by = concept, gemaakt door { $name }
reports-approved-by = goedgekeurd door { $name }
reports-edition = versie { $edition }
reports-dated = gedateerd { $day }
reports-reference = Kenmerk
reports-language = Taal
reports-language-nl = Nederlands
reports-language-en = Engels
reports-documents = Documenten
reports-no-documents = geen
reports-format-odt = OpenDocument (bewerkbaar)
reports-format-html = HTML (één bestand)
reports-format-final-odt = Definitieve versie zoals verstuurd (OpenDocument)

## Een document dat er niet is

reports-document-not-found = Document niet gevonden
reports-document-not-found-more = Dit adres noemt geen document van een rapportage die u kunt zien. Kies een document op de pagina Rapportages.
