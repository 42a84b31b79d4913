# Mijn overzicht (/), met "Wat anderen veranderden" (recent_changes.rs).

## De pagina

overview-title = Mijn overzicht
overview-title-layer = Mijn overzicht · { $layer }
overview-unknown-layer = Onbekende overheidslaag
overview-unknown-layer-more = Dit adres noemt een overheidslaag die koers niet kent. Kies op Mijn overzicht een laag: Rijk, provincies, gemeenten, waterschappen of alle lagen.
overview-scope-layer = { $layer } en de gezamenlijke mijlpalen
overview-scope-all = Het hele programma
overview-status-on = stand op
overview-status-date-note = (de peildatum).
overview-layer-label = Overheidslaag
overview-all-layers = Alle lagen

## Wat aandacht vraagt

overview-attention = Wat aandacht vraagt
overview-attention-cut = { $overdue } over tijd en { $attention } achter op schema of met risico (wie over tijd is, telt daar meestal ook mee).
overview-attention-cut-first = Hieronder staan de eerste 100 van elk, op geplande datum.
overview-attention-cut-first-choose = Hieronder staan de eerste 100 van elk, op geplande datum; kies een overheidslaag voor een kortere lijst.
overview-attention-summary = { $overdue } over tijd (en dus achter op schema); daarnaast { $off } achter op schema en { $risk } met risico.
overview-attention-caption = Mijlpalen die over tijd zijn, achter op schema liggen of risico lopen, het dringendste eerst
overview-col-milestone = Mijlpaal
overview-col-layer = Laag
overview-col-state-reason = Stand en reden
overview-col-projected = Verwacht
overview-col-deadline = Termijn
overview-manager-judgement = oordeel van de manager
overview-judgement = Oordeel van de manager: { $health } ({ $reason })
overview-attention-none = Niets: geen open mijlpaal is over tijd, achter op schema of in gevaar.

## Toezeggingen aan de Kamer

overview-commitments = Toezeggingen aan de Kamer
overview-fulfilled = { $count ->
    [one] Eén toezegging is nagekomen.
   *[other] { $count } toezeggingen zijn nagekomen.
}
overview-open-cut = Van de { $total } open toezeggingen staan hier de eerste { $shown }, op termijn.
overview-commitments-caption = De open toezeggingen van het programma, de ernstigste eerst
overview-col-commitment = Toezegging
overview-col-state = Stand
overview-commitments-none = Er staan geen toezeggingen aan de Kamer open.

## Termijnen

overview-deadlines = Termijnen
overview-deadlines-passed = Verstreken, terwijl de mijlpaal nog open is
overview-until-recess = Tot het volgende reces
overview-next-recess = Het volgende reces is het { $recess } ({ $first } tot en met { $last }).
overview-expected-late = verwacht { $day }, { $days } na de termijn
overview-no-deadlines = Geen open mijlpaal heeft een termijn van de peildatum tot dat reces.
overview-no-recess = De recesagenda kent geen reces na de peildatum; voeg het toe om de termijnen tot het reces te zien.
overview-deadlines-cut = Er zijn meer dan 100 termijnen: dit zijn de eerste 100 van elk, op geplande datum van de mijlpaal.

## Wat anderen veranderden

overview-changes = Wat anderen veranderden
overview-changes-others-layer = Wat anderen dan u veranderden aan de mijlpalen van { $layer } (met de gezamenlijke) en aan de mijlpalen waarop die wachten
overview-changes-others = Wat anderen dan u veranderden aan mijlpalen
overview-changes-all-layer = Wat er veranderde aan de mijlpalen van { $layer } (met de gezamenlijke) en aan de mijlpalen waarop die wachten
overview-changes-all = Wat er veranderde aan mijlpalen
overview-changes-summary = { $whose }, in de { $window } tot en met { $day }: { $found }.
overview-changes-nothing = niets
overview-changes-cut-records = Dit zijn de nieuwste { $shown } van { $total } wijzigingen per veld; de geschiedenis van elke mijlpaal heeft ze allemaal.
overview-changes-cut-objects = Deze laag heeft met de voorgangers meer dan { $most } mijlpalen; alleen de eerste { $most } zijn nagekeken.
overview-change-by = door { $who } op { $when }
overview-change-reason = Toelichting: „{ $reason }”
overview-relation-yours = Uw mijlpaal
overview-relation-layer = Mijlpaal van { $layer }
overview-relation-and-predecessor = { $what }, en voorganger van { $titles }
overview-relation-was-layer = Was een mijlpaal van { $layer }
overview-relation-predecessor = Voorganger van { $whose }
overview-relation-was-predecessor = Was voorganger van { $whose }
overview-relation-your-one = uw mijlpaal { $title }
overview-relation-your-many = { $count } van uw mijlpalen: { $titles }
overview-relation-layer-many = { $count } mijlpalen van { $layer }: { $titles }
