# Tijdlijn (/tijdlijn): de mijlpalen op een tijdlijn, per overheidslaag of per fase, met de
# filters, de legenda, de tekst in de tekening (tooltips en namen) en dezelfde mijlpalen als
# tabel.

## De pagina

timeline-title = Tijdlijn
timeline-title-layer = Tijdlijn · { $layer }
timeline-summary = { $count ->
    [one] { $count } mijlpaal
   *[other] { $count } mijlpalen
} op de tijdlijn.
timeline-summary-none = Geen mijlpaal past bij deze filters.
timeline-summary-cut = { $total ->
    [one] { $total } mijlpaal
   *[other] { $total } mijlpalen
} passen bij de filters; de { $shown } met de vroegste geplande datum staan op de tijdlijn. Kies een laag of fase voor de rest.
# Na de samenvatting: "Stand op <strong>15 juni 2026</strong> (de peildatum)."
timeline-as-at = Stand op
timeline-as-at-status-date = (de peildatum).

## De filters (de waarden in het adres blijven Nederlands)

timeline-filter-layer = Overheidslaag
timeline-filter-phase = Fase
timeline-filter-health = Stand
timeline-filter-overdue = Alleen over tijd
timeline-filter-zoom = Zoom
timeline-filter-grouping = Groeperen op
timeline-all-layers = Alle lagen
timeline-all-phases = Alle fasen
timeline-zoom-years = Jaren
timeline-zoom-quarters = Kwartalen
timeline-group-layer = Overheidslaag
timeline-group-phase = Fase
timeline-no-phase = Zonder fase

## Een keuze in het adres die koers niet kent (400)

timeline-unknown-choice = Dit adres kiest een { $what } die koers niet kent. Kies de filters op de Tijdlijn zelf.
timeline-unknown-layer = overheidslaag
timeline-unknown-health = stand
timeline-unknown-overdue = keuze voor over tijd
timeline-unknown-zoom = zoom
timeline-unknown-grouping = groepering
timeline-unknown-phase = fase

## De legenda

timeline-skip-to-table = Sla de tijdlijn over en lees hem als tabel
timeline-legend = Legenda
timeline-legend-on-track = Op schema (cirkel)
timeline-legend-at-risk = Risico (driehoek)
timeline-legend-off-track = Achter op schema (vierkant)
timeline-legend-done = Gereed (grijze cirkel)
timeline-legend-cancelled = Vervallen (kruis)
timeline-legend-baseline = Basisdatum: de datum zoals eerst beloofd (open ruit)
timeline-legend-slip = Verschuiving van de basisdatum naar de verwachte datum
timeline-legend-deadline = Termijn (rode streep)
timeline-legend-dependency = Afhankelijkheid: de pijl wijst naar de mijlpaal die wacht
timeline-legend-status-date = Peildatum
timeline-legend-today = Vandaag (als die van de peildatum verschilt)
timeline-legend-recess = Reces van de Tweede Kamer (grijze band)

## De tekening

timeline-scroll-label = Tijdlijn, horizontaal te schuiven
timeline-svg-title = Tijdlijn van { $count ->
    [one] { $count } mijlpaal
   *[other] { $count } mijlpalen
}
# Een reces als grijze band: "Zomerreces 2026 (3 juli 2026 tot en met 31 augustus 2026)".
timeline-recess = { $name } ({ $first } tot en met { $last })
timeline-today = vandaag
timeline-status-date = peildatum
timeline-status-date-today = peildatum (vandaag)
# Een pijl: "Mijlpaal B wacht op mijlpaal A" (de wachttijd volgt na een komma).
timeline-waits-for = { $milestone } wacht op { $predecessor }
timeline-reached = bereikt { $date }
timeline-projected = verwacht { $date }
timeline-outside-baseline = basisdatum { $date }
timeline-outside-deadline = termijn { $date }
timeline-outside = (buiten de getoonde jaren, aan de rand getekend: { $dates })
timeline-moved = Verschoven van { $from } naar { $to }
timeline-baseline = Basisdatum { $date }
timeline-deadline = Termijn { $date }

## De tabel

timeline-table = De tijdlijn als tabel
timeline-table-caption = Dezelfde mijlpalen, per groep op verwachte datum
timeline-column-milestone = Mijlpaal
timeline-column-group = Groep
timeline-column-baseline = Basisdatum
timeline-column-projected = Verwacht
timeline-column-deadline = Termijn
timeline-column-state = Stand
