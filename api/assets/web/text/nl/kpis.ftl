# De pagina KPI's (/kpis): elke KPI per overheidslaag tegen haar doelen, in een grafiek en in
# tabellen, of de voortgangsrapportage haar al kan rapporteren, en de kwaliteit van de
# databronnen.

kpis-title = KPI's
kpis-none = Het programma heeft nog geen KPI's vastgelegd.
kpis-summary = { $count ->
    [one] { $count } KPI
   *[other] { $count } KPI's
}. { $blocked ->
    [one] { $blocked } kan
   *[other] { $blocked } kunnen
} nog niet in de voortgangsrapportage; per KPI staat waarom.
kpis-cut = De pagina toont de eerste { $shown } van { $total } KPI's.
# Voor en na de peildatum in de eerste alinea: "Stand op <strong>15 juni 2026</strong> (de peildatum)."
kpis-as-of = Stand op
kpis-as-of-after = (de peildatum).
kpis-contents = Op deze pagina
kpis-contents-blocked = nog niet te rapporteren

## Een KPI

kpis-unit = Eenheid
kpis-direction = Richting
kpis-frequency = Gemeten
kpis-baseline = Nulmeting
kpis-aggregation-sum = De vier overheidslagen tellen op tot het totaal: waar elke laag is gemeten en geen totaal, telt koers ze op.
kpis-aggregation-none = Alleen een totaal dat als geheel is gemeten; de lagen tellen niet op.
kpis-data-sources = Databronnen
kpis-no-sources = geen vastgelegd
kpis-weakest = zwakste punt: { $dimension } { $score }
kpis-not-assessed = niet beoordeeld
kpis-not-reportable = Kan nog niet in de voortgangsrapportage: { $reasons }.
kpis-standings = Stand tegen het doel
kpis-standing-no-target = { $series }: laatste meting { $latest }. Geen doel voor { $whose }.
kpis-all-together = alle overheden samen
kpis-standing-target = { $series }: laatste meting { $latest }. Doel { $value } { $unit } in { $year }.
kpis-unmeasured-year = Over { $year } is nog niet gemeten.
# Achter het oordeel over de laatste meting, als die een schatting is.
kpis-estimated = (naar schatting)
# $estimated is leeg, of " (naar schatting)".
kpis-reached-already = De laatste meting haalt dat doel al{ $estimated }.
kpis-reached = De laatste meting haalt dat doel{ $estimated }.
kpis-not-reached-yet = De laatste meting haalt dat doel nog niet{ $estimated }.
kpis-not-reached = De laatste meting haalt dat doel niet{ $estimated }.
kpis-reached-unknown = Of de laatste meting dat doel haalt, is niet vast te stellen: het is een grenswaarde.
kpis-standing-unmeasured = { $series }: nog geen meting; doel { $target }.
kpis-later = { $count ->
    [one] { $count } meting over een periode die na de peildatum eindigt, telt nog niet mee.
   *[other] { $count } metingen over een periode die na de peildatum eindigt, tellen nog niet mee.
}
kpis-nothing = Nog geen metingen of doelen.
kpis-measured-caption = Metingen van { $code } in { $unit }, per periode
kpis-period = Periode
kpis-summed = (opgeteld over de vier lagen)
kpis-targets-caption = Doelen van { $code }, per jaar
kpis-year = Jaar
kpis-no-target = Er is geen doel vastgesteld.

## De grafiek

kpis-chart-title = Grafiek van { $code } { $name }: de metingen per overheidslaag tegen de doelen. De tabellen eronder geven dezelfde cijfers.
kpis-chart-status-date = Peildatum { $day }
kpis-chart-status-label = peildatum
kpis-chart-target = doel { $target }
kpis-chart-measurement = meting
kpis-chart-target-legend = doel (streefwaarde voor dat jaar)

## De databronnen

kpis-sources-heading = Kwaliteit van de databronnen
kpis-sources-intro = Per bron de laatste beoordeling per dimensie van het NORA-raamwerk voor datakwaliteit, op een schaal van 1 (slecht) tot 5 (uitstekend). Een score onder de { $score } houdt de KPI's die uit de bron komen uit de voortgangsrapportage.
kpis-owner = Eigenaar
kpis-updated = Bijgewerkt
kpis-access = Toegang
kpis-quality-caption = Kwaliteit van { $source } per dimensie
kpis-dimension = Dimensie
kpis-score = Score
kpis-assessed-on = Beoordeeld op
kpis-finding = Bevinding
kpis-earlier-heading = Eerder
kpis-earlier = { $score } op { $day }
kpis-too-low = te laag om te rapporteren
kpis-unassessed = Niet beoordeeld op { $dimensions }.
