# Toezeggingen (/toezeggingen), en de stand van een toezegging zoals elke pagina hem schrijft
# (commitment_state.rs).

## De pagina

commitments-title = Toezeggingen
commitments-heading = Toezeggingen aan de Kamer
commitments-summary = { $count ->
    [one] { $count } toezegging
   *[other] { $count } toezeggingen
} aan de Kamer, waarvan { $open } open.
commitments-letters-owed = Voor { $count ->
    [one] { $count } toezegging
   *[other] { $count } toezeggingen
} is een uitstelbrief nodig.
commitments-status-on = Stand op
commitments-status-date-note = (de peildatum).
commitments-cut = Hier staan de eerste { $shown } van de { $total } toezeggingen, op termijn.
commitments-made = door { $who } op { $day }
commitments-made-label = Toegezegd
commitments-deadline-label = Termijn
commitments-state-label = Stand
commitments-milestones-label = Mijlpalen
commitments-letters-label = Brieven aan de Kamer
commitments-milestone-cancelled = vervallen
commitments-milestone-reached = bereikt { $day }
commitments-milestone-expected = verwacht { $day }
commitments-decides = bepaalt de stand
commitments-no-milestones = geen: koers kan niet zeggen of de termijn wordt gehaald
commitments-no-letters = nog geen
commitments-none = Het programma heeft geen toezeggingen aan de Kamer vastgelegd.

## De stand van een toezegging

commitments-state-missed = Termijn gemist
commitments-state-needs-postponement-letter = Uitstelbrief nodig
commitments-state-at-risk = Risico
commitments-state-on-track = Op schema
commitments-state-fulfilled = Nagekomen
commitments-meaning-missed = De termijn is voorbij en de toezegging is niet nagekomen.
commitments-meaning-needs-postponement-letter = Een mijlpaal die de toezegging nakomt, wordt pas na de termijn verwacht: de Kamer moet een uitstelbrief krijgen.
commitments-meaning-at-risk = Nog op tijd, maar met weinig speling tot de termijn.
commitments-meaning-on-track = Op tijd verwacht, voor zover de gekoppelde mijlpalen het laten zien.
commitments-meaning-fulfilled = De Kamer heeft de brief gekregen die de toezegging nakomt; bij elke toezegging staat of die op tijd kwam.
commitments-detail-missed-days = De termijn is { $days } voorbij (op de peildatum).
commitments-detail-missed = De termijn is voorbij.
commitments-detail-no-milestone = Er is nog geen mijlpaal aan de toezegging gekoppeld: koers kan niet zeggen of de termijn wordt gehaald.
commitments-detail-expected-late = Verwacht { $day }, { $days } na de termijn.
commitments-detail-expected-early = Verwacht { $day }, { $days } voor de termijn.
commitments-detail-expected = Verwacht { $day }.
commitments-detail-work-done = Het werk is gedaan; wat nog ontbreekt is de brief aan de Kamer die de toezegging nakomt.
commitments-detail-letter-needed = Een uitstelbrief aan de Kamer is nodig.
