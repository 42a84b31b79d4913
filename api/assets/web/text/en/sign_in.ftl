# Signing in and out: with a token, or through the organisation's identity provider.

sign-in-title = Sign in
sign-in-intro = Sign in with the token the koers administrator gave you (it starts with
sign-in-intro-after = ). You do this once: after that you stay signed in until you sign out or are idle for a while, and for { $hours } hours at most.
sign-in-token = Your token
sign-in-submit = Sign in
sign-in-provider-heading = Or through { $provider }
sign-in-provider-intro = With your { $provider } account: you go to the identity provider and then come back here.
sign-in-provider-submit = Sign in through { $provider }
sign-in-signed-in-as = You are signed in as { $name }. You can sign out with the button at the top; with another token you sign in below as someone else.
sign-in-signed-out = You have signed out.
sign-in-unreadable = Form cannot be read
sign-in-unreadable-more = koers could not read this form. Go back to the page and try again.
sign-in-not-from-koers = This form did not come from a koers page. Sign in on this page.
sign-in-token-refused = This token is unknown, revoked or expired. Check it, or ask the koers administrator for a new token.
sign-in-token-empty = Enter your token.
sign-in-not-a-koers-token = Here you sign in with a koers token (it starts with koers_).
sign-in-too-many-failed = Too many failed sign-in attempts from this address. Wait a minute and then try again.
sign-in-too-many = Too many sign-in attempts from this address. Wait a minute and then try again.
sign-out-failed = Signing out did not work
sign-out-failed-more = This form has expired or did not come from koers. Use the Sign out button at the top of a koers page.

## Through the identity provider

sign-in-provider-expired = This sign-in has expired or did not start on this page. Start again with the button below.
sign-in-provider-other-browser = This sign-in does not belong to this browser. Start again with the button below.
sign-in-provider-denied = The sign-in was cancelled or refused at the identity provider. Try again, or sign in with a token.
sign-in-provider-asks = The identity provider first needs something from you. Try again and follow its steps.
sign-in-provider-down = The identity provider is not available right now. Try again in a few minutes.
sign-in-provider-failed = The identity provider could not sign you in. Try again; if that fails, tell the koers administrator.
sign-in-provider-no-code = The identity provider sent you back without signing you in. Start again with the button below.
sign-in-provider-unreachable = The identity provider did not answer. Try again in a minute; if that fails, tell the koers administrator.
sign-in-provider-code-refused = The identity provider did not accept this sign-in (already used, or expired). Start again with the button below.
sign-in-provider-misconfigured = Signing in through the identity provider does not work right now because of a koers setting. Tell the koers administrator, and sign in with a token meanwhile.
sign-in-provider-token-refused = The identity provider signed you in, but koers does not accept that proof (for example because your account has no role in koers). Ask the koers administrator for help.
sign-in-provider-none = Signing in through an identity provider is not possible here
sign-in-provider-none-more = This koers installation has no identity provider set up. Sign in with a token.
