# Wat elke pagina deelt: het kader (kop, menu, voet), de peildatumkeuze, de foutpagina's en de
# woorden die elke pagina voor dezelfde waarde gebruikt.

## Het kader

frame-skip-link = Direct naar de inhoud
frame-brand-sub = meerjarenplan monitoring MVOI
frame-main-menu = Hoofdmenu
frame-menu-overview = Mijn overzicht
frame-menu-timeline = Tijdlijn
frame-menu-kpis = KPI's
frame-menu-commitments = Toezeggingen
frame-menu-reports = Rapportages
frame-sign-out = Afmelden
frame-sign-in = Aanmelden
frame-anonymous = Niet aangemeld (alleen lezen)
frame-signed-in-as = Aangemeld als { $name }
frame-language-switch = English
frame-language-switch-label = Read this page in English
frame-footer = koers · de gegevens komen uit de GraphQL-API
frame-back-to-overview = Naar Mijn overzicht

## De peildatum: het plan zoals het stond

frame-as-of-reports = U bekeek het plan zoals het stond op { $day }.
frame-as-of-reports-more = Rapportages worden niet teruggerekend: elke rapportage heeft haar eigen peildatum, en deze lijst toont ze zoals ze nu zijn, ook die van na { $day }.
frame-as-of = U bekijkt het plan zoals het stond op { $day }.
frame-as-of-more = Dat is ook de peildatum: wat op die dag over tijd was, staat hier over tijd. Wat daarna is vastgelegd, ziet u niet.
frame-as-of-live = Naar het plan van nu
frame-as-of-label = Het plan bekijken zoals het stond op
frame-show = Tonen
frame-as-of-refused = Deze datum kan koers niet tonen
frame-as-of-unreadable = { $text } is geen datum die koers kan lezen. Kies een datum in het veld hierboven, of schrijf hem als 15-6-2026 (het jaar in vier cijfers).
frame-as-of-after-fixed = { $day } ligt na { $today }, de vaste peildatum van deze koers-installatie: die dag is hier vandaag, en een latere dag kan koers niet tonen.
frame-as-of-future = { $day } is na vandaag ({ $today }). koers toont het plan zoals het stond, tot en met vandaag; wat daarna komt kan nog veranderen.
frame-as-of-before-plan = Op { $day } kende koers dit plan nog niet: de eerste wijziging is vastgelegd op { $first }. Kies die dag of een latere.
frame-as-of-empty-plan = Op { $day } kende koers dit plan nog niet: er is nog niets van vastgelegd.

## Foutpagina's

frame-not-found = Pagina niet gevonden
frame-not-found-more = Op dit adres staat geen pagina van koers.
frame-not-signed-in = Niet aangemeld
frame-token-refused = Het meegestuurde token is onbekend, ingetrokken of verlopen. Vraag de beheerder van koers om een nieuw token.
frame-too-many = Even geduld
frame-too-many-more = Er kwamen te veel verzoeken tegelijk. Probeer het over een minuut opnieuw.
frame-failed = Er ging iets mis
frame-failed-more = Deze pagina kon niet worden gemaakt. De fout is vastgelegd; meld het de beheerder van koers.
frame-unavailable = Het plan is nu niet te lezen
frame-unavailable-more = koers kon het plan niet ophalen. De fout is vastgelegd; probeer het over een minuut opnieuw.
frame-unknown-choice = Onbekende keuze
frame-unknown-choice-more = Dit adres vraagt iets wat koers niet kent. Ga terug naar de pagina en kies opnieuw.
frame-session-ended = Uw sessie is beëindigd: het token waarmee u was aangemeld is ingetrokken of verlopen. Meld u opnieuw aan met een geldig token.
frame-sign-in-required = Deze koers-installatie toont het plan alleen aan wie is aangemeld.
frame-unknown-language = Onbekende taal
frame-unknown-language-more = koers spreekt Nederlands (nl) en Engels (en).

## Woorden voor dezelfde waarde op elke pagina

frame-milestones = { $count ->
    [one] { $count } mijlpaal
   *[other] { $count } mijlpalen
}
frame-layer-rijk = het Rijk
frame-layer-provincie = de provincies
frame-layer-gemeente = de gemeenten
frame-layer-waterschap = de waterschappen
frame-manager-judgement = oordeel van de manager: { $health }
frame-on-the-day = op de dag
frame-days-later = { $days } later
frame-days-earlier = { $days } eerder
frame-days-overdue = { $days } over tijd
frame-overdue = Over tijd
frame-lag-wait = { $days } wachttijd
frame-lag-overlap = { $days } overlap

## Een reces bij naam (in het Nederlands de naam uit de receskalender; deze alleen voor de andere taal)

frame-recess-spring = Voorjaarsreces { $year }
frame-recess-may = Meireces { $year }
frame-recess-summer = Zomerreces { $year }
frame-recess-autumn = Herfstreces { $year }
frame-recess-christmas = Kerstreces { $year }
frame-recess-election = Verkiezingsreces { $year }
