# Aanmelden en afmelden: met een token, of via de inlogdienst van de organisatie.

sign-in-title = Aanmelden
sign-in-intro = Meld u aan met het token dat u van de beheerder van koers kreeg (het begint met
sign-in-intro-after = ). U doet dat één keer: daarna blijft u aangemeld tot u zich afmeldt of een tijd niets doet, en ten hoogste { $hours } uur.
sign-in-token = Uw token
sign-in-submit = Aanmelden
sign-in-provider-heading = Of via { $provider }
sign-in-provider-intro = Met het account van { $provider }: u gaat naar de inlogdienst en komt daarna hier terug.
sign-in-provider-submit = Aanmelden via { $provider }
sign-in-signed-in-as = U bent aangemeld als { $name }. Afmelden kan met de knop bovenaan; met een ander token meldt u zich hieronder aan als iemand anders.
sign-in-signed-out = U bent afgemeld.
sign-in-unreadable = Formulier niet te lezen
sign-in-unreadable-more = koers kon dit formulier niet lezen. Ga terug naar de pagina en probeer het opnieuw.
sign-in-not-from-koers = Dit formulier kwam niet van een pagina van koers. Meld u aan op deze pagina.
sign-in-token-refused = Dit token is onbekend, ingetrokken of verlopen. Controleer het, of vraag de beheerder van koers om een nieuw token.
sign-in-token-empty = Vul uw token in.
sign-in-not-a-koers-token = Hier meldt u zich aan met een koers-token (het begint met koers_).
sign-in-too-many-failed = Te veel mislukte aanmeldpogingen vanaf dit adres. Wacht een minuut en probeer het dan opnieuw.
sign-in-too-many = Te veel aanmeldpogingen vanaf dit adres. Wacht een minuut en probeer het dan opnieuw.
sign-out-failed = Afmelden lukte niet
sign-out-failed-more = Dit formulier is verlopen of kwam niet van koers. Gebruik de knop Afmelden bovenaan een pagina van koers.

## Via de inlogdienst

sign-in-provider-expired = Deze aanmelding is verlopen of niet op deze pagina begonnen. Begin opnieuw met de knop hieronder.
sign-in-provider-other-browser = Deze aanmelding hoort niet bij deze browser. Begin opnieuw met de knop hieronder.
sign-in-provider-denied = De aanmelding is bij de inlogdienst afgebroken of geweigerd. Probeer het opnieuw, of meld u aan met een token.
sign-in-provider-asks = De inlogdienst vraagt eerst iets van u. Probeer het opnieuw en volg de stappen van de inlogdienst.
sign-in-provider-down = De inlogdienst is nu niet beschikbaar. Probeer het over een paar minuten opnieuw.
sign-in-provider-failed = De inlogdienst kon u niet aanmelden. Probeer het opnieuw; lukt het niet, meld het de beheerder van koers.
sign-in-provider-no-code = De inlogdienst stuurde u terug zonder aanmelding. Begin opnieuw met de knop hieronder.
sign-in-provider-unreachable = De inlogdienst gaf geen antwoord. Probeer het over een minuut opnieuw; lukt het niet, meld het de beheerder van koers.
sign-in-provider-code-refused = De inlogdienst aanvaardde deze aanmelding niet (al gebruikt, of verlopen). Begin opnieuw met de knop hieronder.
sign-in-provider-misconfigured = Aanmelden via de inlogdienst lukt nu niet door een instelling van koers. Meld het de beheerder van koers, en meld u zolang aan met een token.
sign-in-provider-token-refused = De inlogdienst meldde u aan, maar koers aanvaardt dat bewijs niet (bijvoorbeeld omdat uw account geen rol in koers heeft). Vraag de beheerder van koers om hulp.
sign-in-provider-none = Aanmelden via een inlogdienst kan hier niet
sign-in-provider-none-more = Deze koers-installatie heeft geen inlogdienst ingesteld. Meld u aan met een token.
