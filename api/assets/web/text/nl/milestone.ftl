# Mijlpaal: alles over één mijlpaal (zijn data, stand, voorgangers en opvolgers, toezeggingen,
# KPI's, taken en risico's) en zijn geschiedenis in woorden.

## Geen mijlpaal

milestone-not-found = Mijlpaal niet gevonden
milestone-not-found-then = Op { $day } kende koers deze mijlpaal nog niet (of dit adres noemt geen mijlpaal). Kies een latere datum, of bekijk het plan van nu.
milestone-not-found-more = Dit adres noemt geen mijlpaal die koers kent. Zoek de mijlpaal op via Mijn overzicht.

## De kop en wat de mijlpaal is

milestone-breadcrumb = Mijlpaal
milestone-deleted = Deze mijlpaal is verwijderd op { $moment }. Hij staat hier omdat de geschiedenis hem noemt.
milestone-overruled = (volgens het plan; oordeel van de manager: { $health })
milestone-overridden = (oordeel van de manager)
milestone-on-status-date = op de peildatum { $day }.
milestone-about = Over deze mijlpaal
milestone-layer = Laag
milestone-joint = Gezamenlijk: { $layers }
milestone-kind = Soort
milestone-progress = Voortgang
milestone-phase = Fase
milestone-workstream = Werkstroom
milestone-owner = Eigenaar
milestone-programme = Programma

## Data

milestone-dates = Data
milestone-dates-caption = De data van de mijlpaal en wat ze betekenen
milestone-baseline = Oorspronkelijk beloofd (basisdatum)
milestone-planned = Gepland
milestone-forecast = Verwachting van de eigenaar
milestone-earliest = Vroegst mogelijk na de voorgangers
milestone-earliest-infeasible = (later dan de eigen datum, die dus niet haalbaar is)
milestone-in-recess = in het { $recess }
milestone-actual = Bereikt
milestone-projected = Verwacht (berekend)
milestone-slip = Verschuiving sinds de basisdatum
milestone-deadline = Termijn
milestone-no-deadline = geen eigen termijn
milestone-deadline-that-counts = Termijn die telt (van een toezegging)
milestone-deadline-slack = Speling tot de krapste termijn
milestone-deadline-slack-late = { $days } te laat
milestone-plan-slack = Speling in het plan
milestone-plan-slack-short = { $days } te kort
milestone-variances-caption = Tegenover elke basisplanning: de datum van toen en hoe de verwachting nu ligt
milestone-variance-original = { $name } (oorspronkelijk plan)
milestone-variance-label = { $name }, vastgelegd { $day }
milestone-variance-value = { $day }; nu verwacht { $later }

## Stand en redenen

milestone-health = Stand en redenen
milestone-computed = Berekend uit het plan:
milestone-because = , omdat:
milestone-to-that-milestone = naar die mijlpaal
milestone-judgement = Oordeel van de manager: { $health }, omdat { $reason }.
milestone-judgement-until = Oordeel van de manager: { $health }, tot en met { $day }, omdat { $reason }.
milestone-judgement-lapsed = Dit oordeel telt niet meer: het is gunstiger dan de berekening en de termijn ervan is voorbij.
milestone-judgement-outweighed = Dit oordeel geldt als de stand van de manager, maar het is gunstiger dan wat het plan berekent: daarom toont koers hierboven de berekende stand.
milestone-judgement-counts = Dit oordeel telt.

## Voorgangers en opvolgers

milestone-neighbours = Voorgangers en opvolgers
milestone-pushed-by = Wordt geduwd door
milestone-pushed-by-more = Die bepaalt wanneer deze mijlpaal op zijn vroegst kan.
milestone-pushes = Deze mijlpaal duwt
milestone-pushes-back = naar achteren.
milestone-waits-for = Wacht op
milestone-predecessors-caption = Voorgangers: deze mijlpaal kan pas na hen (plus de wachttijd)
milestone-drives-this = duwt deze mijlpaal
milestone-no-predecessors = Geen voorgangers.
milestone-after = Daarna
milestone-successors-caption = Opvolgers: zij kunnen pas na deze mijlpaal (plus de wachttijd)
milestone-driven-by-this = wordt door deze mijlpaal geduwd
milestone-no-successors = Geen opvolgers.
milestone-column-milestone = Mijlpaal
milestone-column-lag = Wachttijd
milestone-column-projected = Verwacht of bereikt
milestone-column-state = Stand
milestone-no-lag = geen
milestone-neighbour-deleted = (verwijderd)

## Toezeggingen, KPI's, taken en risico's

milestone-linked = Toezeggingen, KPI's, taken en risico's
milestone-commitments = Toezeggingen aan de Kamer
milestone-commitments-caption = Toezeggingen die deze mijlpaal nakomt
milestone-no-commitments = Deze mijlpaal komt geen toezegging na.
milestone-commitment = Termijn { $deadline }. { $state }. { $detail }
milestone-commitment-fulfilled = Termijn { $deadline }. { $state }.
milestone-kpis = KPI's
milestone-no-kpis = Deze mijlpaal draagt niet bij aan een KPI.
milestone-tasks = Data-infrastructuurtaken
milestone-tasks-caption = Taken die bij deze mijlpaal horen
milestone-no-tasks = Er horen geen taken bij deze mijlpaal.
milestone-task = { $layer }; uiterlijk { $day }; { $progress }
milestone-task-done-on = gereed op { $day }
milestone-risks = Risico's
milestone-risks-caption = Vastgelegde risico's voor deze mijlpaal
milestone-no-risks = Er zijn geen risico's vastgelegd.
milestone-risk = { $status } ({ $levels }, score { $score } van 9); { $mitigation }
milestone-mitigation = beheersmaatregel: { $mitigation }
milestone-no-mitigation = nog geen beheersmaatregel

## Geschiedenis (ook op Mijn overzicht: wat anderen veranderden)

milestone-history = Geschiedenis
milestone-history-none = Er is nog niets vastgelegd over deze mijlpaal.
milestone-history-part = { $shown } van de { $total } vastgelegde wijzigingen per veld, de nieuwste eerst.
milestone-history-all = { $count ->
    [one] { $count } wijziging per veld
   *[other] { $count } wijzigingen per veld
} vastgelegd, de nieuwste eerst.
milestone-change = { $what } op { $when } door { $who }
milestone-change-reason = Toelichting: „{ $reason }”
milestone-older = Oudere wijzigingen
milestone-created = Aangemaakt
milestone-updated = Gewijzigd
milestone-removed = Verwijderd
milestone-restored = Teruggezet
milestone-linked-to = Gekoppeld
milestone-unlinked-from = Ontkoppeld
milestone-empty = (leeg)
milestone-unreadable = (niet te lezen)
milestone-gone = (niet meer te vinden)
milestone-unlinked = (ontkoppeld)
milestone-successor = Opvolger
milestone-predecessor = Voorganger
milestone-kpi = KPI
milestone-task-link = Data-infrastructuurtaak
milestone-commitment-link = Toezegging
milestone-link = Koppeling
milestone-field-title = Titel
milestone-field-description = Omschrijving
milestone-field-participating-layers = Deelnemende lagen
milestone-field-baseline-date = Basisdatum
milestone-field-forecast-date = Verwachting
milestone-field-actual-date = Bereikt op
milestone-field-deadline-text = Termijn zoals beloofd
milestone-field-health-override = Oordeel van de manager
milestone-field-health-override-reason = Reden van het oordeel
milestone-field-health-override-until = Oordeel geldt tot en met
milestone-field-deleted-at = Verwijderd
milestone-field-dependents = Wat ervan afhing
