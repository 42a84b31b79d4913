# What every page shares: the frame (header, menu, footer), the choice of status date, the
# problem pages and the words every page uses for the same value.

## The frame

frame-skip-link = Skip to content
frame-brand-sub = multi-year plan for monitoring MVOI
frame-main-menu = Main menu
frame-menu-overview = My overview
frame-menu-timeline = Timeline
frame-menu-kpis = KPIs
frame-menu-commitments = Commitments
frame-menu-reports = Progress reports
frame-sign-out = Sign out
frame-sign-in = Sign in
frame-anonymous = Not signed in (read only)
frame-signed-in-as = Signed in as { $name }
frame-language-switch = Nederlands
frame-language-switch-label = Lees deze pagina in het Nederlands
frame-footer = koers · the data come from the GraphQL API
frame-back-to-overview = To My overview

## The status date: the plan as it stood

frame-as-of-reports = You were viewing the plan as it stood on { $day }.
frame-as-of-reports-more = Reports are not recalculated: each report has its own status date, and this list shows them as they are now, including those after { $day }.
frame-as-of = You are viewing the plan as it stood on { $day }.
frame-as-of-more = That is also the status date: what was overdue on that day is shown overdue here. What was recorded later is not shown.
frame-as-of-live = To the plan as it is now
frame-as-of-label = View the plan as it stood on
frame-show = Show
frame-as-of-refused = koers cannot show this date
frame-as-of-unreadable = { $text } is not a date koers can read. Choose a date in the field above, or write it as 15-6-2026 (the year in four digits).
frame-as-of-after-fixed = { $day } is after { $today }, the fixed status date of this koers installation: that day is today here, and koers cannot show a later day.
frame-as-of-future = { $day } is after today ({ $today }). koers shows the plan as it stood, up to and including today; what comes later may still change.
frame-as-of-before-plan = On { $day } koers did not know this plan yet: the first change was recorded on { $first }. Choose that day or a later one.
frame-as-of-empty-plan = On { $day } koers did not know this plan yet: nothing of it has been recorded.

## Problem pages

frame-not-found = Page not found
frame-not-found-more = There is no koers page at this address.
frame-not-signed-in = Not signed in
frame-token-refused = The token sent is unknown, revoked or expired. Ask the koers administrator for a new token.
frame-too-many = Please wait
frame-too-many-more = Too many requests came in at once. Try again in a minute.
frame-failed = Something went wrong
frame-failed-more = This page could not be made. The error has been logged; please report it to the koers administrator.
frame-unavailable = The plan cannot be read right now
frame-unavailable-more = koers could not fetch the plan. The error has been logged; try again in a minute.
frame-unknown-choice = Unknown choice
frame-unknown-choice-more = This address asks for something koers does not know. Go back to the page and choose again.
frame-session-ended = Your session has ended: the token you signed in with has been revoked or has expired. Sign in again with a valid token.
frame-sign-in-required = This koers installation shows the plan only to those who have signed in.
frame-unknown-language = Unknown language
frame-unknown-language-more = koers speaks Dutch (nl) and English (en).

## Words for the same value on every page

frame-milestones = { $count ->
    [one] { $count } milestone
   *[other] { $count } milestones
}
frame-layer-rijk = central government
frame-layer-provincie = the provinces
frame-layer-gemeente = the municipalities
frame-layer-waterschap = the water boards
frame-manager-judgement = manager's judgement: { $health }
frame-on-the-day = on the day
frame-days-later = { $days } later
frame-days-earlier = { $days } earlier
frame-days-overdue = { $days } overdue
frame-overdue = Overdue
frame-lag-wait = lag of { $days }
frame-lag-overlap = overlap of { $days }

## A recess by name (in Dutch the recess calendar's own name; these by its kind and year)

frame-recess-spring = Spring recess { $year }
frame-recess-may = May recess { $year }
frame-recess-summer = Summer recess { $year }
frame-recess-autumn = Autumn recess { $year }
frame-recess-christmas = Christmas recess { $year }
frame-recess-election = Election recess { $year }
